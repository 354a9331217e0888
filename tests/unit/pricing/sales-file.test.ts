/** Reading sales files: columns, encodings, bad rows by number, and what cleaning leaves out. */
import { describe, expect, test } from 'vitest';
import { decodeText } from '../../../src/shared/catalog/csv.ts';
import { cleanSales } from '../../../workers/pricing/clean.ts';
import { inspectSalesFile, readSalesFile } from '../../../workers/pricing/sales-file.ts';

const UCI = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';
const file = (text: string, name = 'sales.csv') => ({ name, data: text });

function thrown(fn: () => unknown): Error & { issues?: Array<{ row: number; field: string; reason: string }> } {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('columns', () => {
  test('the UCI names by default; dates as the file writes them, with their weekday', () => {
    const t = readSalesFile(file(`${UCI}\n536365,85123A,"WHITE HANGING HEART, T-LIGHT",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n`));
    expect(t.lines).toEqual([
      expect.objectContaining({ row: 1, invoice: '536365', product: '85123A', title: 'WHITE HANGING HEART, T-LIGHT', quantity: 6, price: 2.55, customer: '17850.0', weekday: 3 }),
    ]);
    expect(new Date(t.lines[0]!.day * 86_400_000).toISOString().slice(0, 10)).toBe('2010-12-01');
    // The original UCI export's US dates read the same.
    const us = readSalesFile(file(`${UCI}\n536365,85123A,X,6,12/1/2010 8:26,2.55,17850,UK\n`));
    expect(us.lines[0]!.day).toBe(t.lines[0]!.day);
  });

  test('the date is the one written, whatever the time zone (a date alone is not read as UTC midnight)', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Asia/Tokyo', 'UTC']) {
        process.env.TZ = tz;
        const t = readSalesFile(file('sku,qty,price,date\na,1,2,2024-03-04\nb,1,2,2024-03-04 23:30\nc,1,2,3/4/2024 23:30\n'));
        expect(t.lines.map((l) => [new Date(l.day * 86_400_000).toISOString().slice(0, 10), l.weekday])).toEqual([
          ['2024-03-04', 1],
          ['2024-03-04', 1],
          ['2024-03-04', 1],
        ]);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  test('common aliases, another delimiter, and no invoice or customer column', () => {
    const t = readSalesFile(file('order_id;SKU;Qty;Price;Date\nA1;p1;2;9.5;2024-03-04\n'));
    expect(t.lines[0]).toMatchObject({ invoice: 'A1', product: 'p1', quantity: 2, price: 9.5, customer: '', title: '' });
    const bare = readSalesFile(file('sku,units,price,timestamp\np1,2,9.5,1709510400\n'));
    expect(bare.lines[0]).toMatchObject({ invoice: '', product: 'p1', quantity: 2, price: 9.5 });
  });

  test('named columns win, matched without regard to case', () => {
    const t = readSalesFile(file('Bon,Artikel,Menge,Preis,Zeit,Kunde\nB1,x,3,1.5,2024-01-02 10:00,K9\n'), {
      columns: { invoice: 'bon', product: 'ARTIKEL', quantity: 'Menge', price: 'Preis', time: 'Zeit', customer: 'Kunde' },
    });
    expect(t.lines[0]).toMatchObject({ invoice: 'B1', product: 'x', quantity: 3, price: 1.5, customer: 'K9' });
  });

  test('a missing column is named, with what was looked for and what the file has', () => {
    const err = thrown(() => readSalesFile(file('InvoiceNo,StockCode,Quantity,InvoiceDate\n1,a,2,2024-01-01\n')));
    expect(err.name).toBe('InvalidFileError');
    expect(err.message).toMatch(/no column for price \(looked for "UnitPrice" or price\/priceeach\/itemprice\)/);
    expect(err.message).toMatch(/Its columns are "InvoiceNo", "StockCode", "Quantity", "InvoiceDate"/);
    expect(err.message).toMatch(/--columns price=NAME/);
    expect(err.issues).toEqual([{ row: 0, field: 'price', reason: 'no column for it' }]);
  });

  test('a named column that is not there is an error too', () => {
    const err = thrown(() => readSalesFile(file(`${UCI}\n`), { columns: { price: 'Cost' } }));
    expect(err.message).toMatch(/no column price="Cost"/);
  });

  test('the preview for a column-mapping screen', () => {
    const preview = inspectSalesFile(file(`\ufeff${UCI}\n1,a,X,2,2010-12-01 08:00,1.5,1.0,UK\n2,b,Y,1,2010-12-01 09:00,2.5,2.0,UK\n`));
    expect(preview).toMatchObject({ encoding: 'utf-8', delimiter: ',', rowCount: 2, missing: [] });
    expect(preview.columns).toEqual({ invoice: 'InvoiceNo', product: 'StockCode', quantity: 'Quantity', price: 'UnitPrice', time: 'InvoiceDate', customer: 'CustomerID', title: 'Description' });
    expect(preview.rows[1]![1]).toBe('b');
    expect(inspectSalesFile(file('a,b\n1,2\n')).missing).toEqual(['product', 'quantity', 'price', 'time']);
  });
});

describe('bad rows', () => {
  const text = [
    UCI,
    '1,a,X,2,2010-12-01 08:00,1.5,1.0,UK',
    '2,b,Y,two,2010-12-01 09:00,2.5,2.0,UK',
    '3,,Z,1,2010-12-01 09:00,2.5,2.0,UK',
    '4,c,Z,1,yesterday,£2.50,2.0,UK',
    '5,d,W,1,2010-12-01 09:00,abc,2.0,UK',
    '6,e,W,1,2010-12-01 09:00',
  ].join('\n');

  test('are refused with every problem by row number, column and value', () => {
    const err = thrown(() => readSalesFile(file(text)));
    expect(err.name).toBe('InvalidFileError');
    expect(err.message).toMatch(/^5 of 6 rows have problems: row 2, Quantity: "two" is not a number.*?; row 3, StockCode: the product is empty; row 4, InvoiceDate: "yesterday" is not a date/);
    expect(err.issues).toContainEqual({ row: 5, field: 'UnitPrice', reason: expect.stringMatching(/^"abc" is not a number Aisle can read.*write it as 1234\.50/) });
    expect(err.issues).toContainEqual({ row: 6, field: 'line 7', reason: 'has 5 fields but the header has 8 (a stray delimiter or a missing quote?)' });
  });

  test('or left out and counted when asked; a price with a currency sign reads', () => {
    const t = readSalesFile(file(text), { mode: 'skip' });
    expect(t.lines.map((l) => l.product)).toEqual(['a']);
    expect(t).toMatchObject({ rows: 6, badRows: 5 });
    const pound = readSalesFile(file(`${UCI}\n4,c,Z,1,2010-12-01 09:00,£2.50,2.0,UK\n`));
    expect(pound.lines[0]!.price).toBe(2.5);
  });

  test('broken quoting, an empty file and a header alone are clear errors', () => {
    expect(thrown(() => readSalesFile(file(`${UCI}\n1,"a,X,2\n`))).message).toMatch(/broken at line 2: a quoted field starts here and is never closed/);
    expect(thrown(() => readSalesFile(file(' \n'))).message).toMatch(/is empty/);
    expect(thrown(() => readSalesFile(file(`${UCI}\n`))).message).toMatch(/a header but no rows/);
  });
});

describe('encodings', () => {
  const latin = (s: string) => Uint8Array.from([...s].map((c) => (c === '€' ? 0x80 : c === '’' ? 0x92 : c.charCodeAt(0))));

  test('Windows-1252 bytes (Excel on Western Windows) decode, € and curly quotes included', () => {
    const bytes = latin(`${UCI}\n1,a,CAFÉ’S MUG €,2,2010-12-01 08:00,1.5,1.0,UK\n`);
    expect(decodeText(bytes).encoding).toBe('windows-1252');
    const t = readSalesFile({ name: 'cp1252.csv', data: bytes });
    expect(t.encoding).toBe('windows-1252');
    expect(t.lines[0]!.title).toBe('CAFÉ’S MUG €');
  });

  test('UTF-8 with a BOM, and UTF-16 with its BOM', () => {
    const text = `${UCI}\n1,a,CAFÉ,2,2010-12-01 08:00,1.5,1.0,UK\n`;
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(readSalesFile({ name: 'bom.csv', data: utf8.buffer }).lines[0]!.title).toBe('CAFÉ');
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
    const t = readSalesFile({ name: 'u16.csv', data: utf16 });
    expect(t.encoding).toBe('utf-16le');
    expect(t.lines[0]!.title).toBe('CAFÉ');
  });
});

describe('cleaning', () => {
  const rows = [
    UCI,
    '1,a,X,6,2010-12-01 08:00,2.5,100.0,UK',
    '2,a,X,6,2010-12-02 08:00,2.5,100.0,UK',
    'C3,a,X,-6,2010-12-03 08:00,2.5,100.0,UK',
    'C4,a,X,-2,2010-12-03 09:00,2.5,200.0,UK',
    '5,a,X,3,2010-12-04 08:00,0,100.0,UK',
    '6,POST,POSTAGE,1,2010-12-04 08:00,18,100.0,UK',
    '7,B,Adjust bad debt,1,2010-12-04 08:00,-11062.06,,UK',
    '8,a,X,0,2010-12-04 08:00,2.5,100.0,UK',
  ].join('\n');

  test('a cancellation removes the latest matching sale before it; returns, free lines, service lines and adjustments are counted and left out', () => {
    const { sales, counts } = cleanSales(readSalesFile(file(rows)).lines, ['POST']);
    expect(sales.map((l) => l.invoice)).toEqual(['1']);
    expect(counts).toEqual({ sales: 1, cancellations: 2, cancelledSales: 1, zeroPrice: 1, zeroQuantity: 1, negativePrice: 1, excluded: 1 });
  });

  test('a cancellation never removes a sale made after it', () => {
    const text = [UCI, 'C1,a,X,-6,2010-12-01 08:00,2.5,100.0,UK', '2,a,X,6,2010-12-02 08:00,2.5,100.0,UK'].join('\n');
    expect(cleanSales(readSalesFile(file(text)).lines).counts).toMatchObject({ sales: 1, cancellations: 1, cancelledSales: 0 });
  });
});
