/** "Good price?": a product's percentile among its category's other products, on the app's Product type. */
import { describe, expect, test } from 'vitest';
import type { Product } from '../../../src/shared/catalog/types.ts';
import { CategoryPrices, priceHints } from '../../../workers/pricing/good-price.ts';

function item(id: string, price: number, categoryPath: string[], currency = 'INR'): Product {
  return { id, title: id, description: '', categoryPath, brand: null, price, currency, listPrice: null, image: null, attributes: {}, inStock: true, rating: null };
}

const shirts = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000].map((p, i) => item(`s${i}`, p, ['Clothing', 'Shirts']));
const catalog = [
  ...shirts,
  item('j1', 2000, ['Clothing', 'Jeans']),
  item('j2', 2500, ['Clothing', 'Jeans']),
  item('usd', 5, ['Clothing', 'Shirts'], 'USD'),
  item('loose', 50, []),
  item('lone', 10, ['Garden']),
];

describe('the percentile and verdict', () => {
  const index = new CategoryPrices(catalog);

  test('the cheapest, a middle and the dearest shirt, each against the nine others', () => {
    expect(index.hint('s0')).toMatchObject({ verdict: 'low', percentile: 0, category: ['Clothing', 'Shirts'], peers: 9, currency: 'INR' });
    expect(index.hint('s0')!.text).toBe('A low price for Shirts: below all of 9 other products there.');
    const mid = index.hint('s4')!;
    expect(mid).toMatchObject({ verdict: 'typical', peers: 9, median: 600, q1: 300, q3: 800 });
    expect(mid.percentile).toBeCloseTo((100 * 4) / 9, 10);
    expect(mid.text).toBe('A typical price for Shirts: the middle half of 9 other products there cost 300.00 to 800.00 INR.');
    expect(index.hint('s9')).toMatchObject({ verdict: 'high', percentile: 100 });
  });

  test('ties count half: a price equal to half the others is at their midpoint', () => {
    const same = new CategoryPrices([...[1, 2, 3, 4, 5, 6].map((_, i) => item(`t${i}`, 50, ['X'])), item('u', 50, ['X'])]);
    expect(same.hint('u')).toMatchObject({ percentile: 50, verdict: 'typical', peers: 6 });
  });

  test('a category with too few peers falls back to its parent; other currencies are not compared', () => {
    const jeans = index.hint('j1')!;
    expect(jeans.category).toEqual(['Clothing']);
    expect(jeans.peers).toBe(11);
    expect(jeans.verdict).toBe('high');
    expect(index.hint('usd')).toMatchObject({ verdict: 'unknown', percentile: null });
    expect(index.hint('usd')!.text).toMatch(/Too few products in Clothing \(fewer than 5 others priced in USD\)/);
  });

  test('no category, a lone product, an unknown id', () => {
    expect(index.hint('loose')).toMatchObject({ verdict: 'unknown', text: 'This product has no category, so its price is not compared.' });
    expect(index.hint('lone')!.verdict).toBe('unknown');
    expect(index.hint('nope')).toBeNull();
  });

  test('a product given whole (not in the catalog) is compared with all of its category', () => {
    expect(index.hint(item('draft', 150, ['Clothing', 'Shirts']))).toMatchObject({ percentile: 10, peers: 10, verdict: 'low' });
  });

  test('the minimum of peers is the caller’s', () => {
    expect(new CategoryPrices(catalog, { minPeers: 1 }).hint('j1')).toMatchObject({ category: ['Clothing', 'Jeans'], peers: 1 });
  });
});

test('priceHints: the ids asked for, in that order, unknown ones left out', () => {
  expect(priceHints(catalog, ['s9', 'nope', 's0']).map((h) => [h.product, h.verdict])).toEqual([
    ['s9', 'high'],
    ['s0', 'low'],
  ]);
  expect(priceHints(catalog)).toHaveLength(catalog.length);
});
