/** The console's column mapping for CSV catalogs: a preview with the mapping Aisle guesses, and the merchant's choice winning. */
import { describe, expect, it } from 'vitest';
import { loadCatalogCsv, previewCatalogCsv } from '../../../src/shared/catalog/load.ts';

const csv = 'Artikel,Bezeichnung,Preis EUR,Farbe,name\nA1,Tasse,9.5,rot,ignored\nA2,Teller,12,blau,ignored\n';

describe('CSV column mapping', () => {
  it('previews the header, the guessed mapping and the first rows', () => {
    const p = previewCatalogCsv(csv);
    expect(p.delimiter).toBe(',');
    expect(p.header).toEqual(['Artikel', 'Bezeichnung', 'Preis EUR', 'Farbe', 'name']);
    expect(p.mapping).toEqual({ Artikel: '', Bezeichnung: '', 'Preis EUR': '', Farbe: '', name: 'title' });
    expect(p.rows).toEqual([
      ['A1', 'Tasse', '9.5', 'rot', 'ignored'],
      ['A2', 'Teller', '12', 'blau', 'ignored'],
    ]);
  });

  it('without a mapping the file is refused for its missing columns; with one it loads, the merchant’s choice winning over names', () => {
    expect(() => loadCatalogCsv(csv, { defaultCurrency: 'EUR' })).toThrow(/no id, price columns/);
    const r = loadCatalogCsv(csv, { defaultCurrency: 'EUR', columns: { Artikel: 'id', Bezeichnung: 'title', 'Preis EUR': 'price', Farbe: 'attributes', name: '' } });
    expect(r.report.accepted).toBe(2);
    expect(r.products.map((p) => [p.id, p.title, p.price, p.currency])).toEqual([
      ['A1', 'Tasse', 9.5, 'EUR'],
      ['A2', 'Teller', 12, 'EUR'],
    ]);
    expect(r.products[0].attributes).toEqual({ Farbe: 'rot' });
  });
});
