import { describe, expect, test } from 'vitest';
import { categoryTree, countBy, discountPercent, findNode, formatPrice, priceBands, underCategory } from '../../../src/shared/catalog/facets.ts';
import type { Product } from '../../../src/shared/catalog/types.ts';
import { TINY_CATALOG } from '../../fixtures/tiny-catalog.ts';

describe('category tree', () => {
  const tree = categoryTree(TINY_CATALOG);

  test('counts products at every level, biggest first', () => {
    expect(tree.map((n) => [n.name, n.count])).toEqual([
      ['Watches', 3],
      ['Footwear', 2],
      ['Jewellery', 2],
      ['Kitchen & Dining', 1],
    ]);
    expect(tree[1].children[0].children[0]).toMatchObject({ name: 'Sports Shoes', path: ['Footwear', "Men's Footwear", 'Sports Shoes'], count: 2 });
  });

  test('finds a node by its path, or null', () => {
    expect(findNode(tree, ['Jewellery', 'Rings'])?.count).toBe(2);
    expect(findNode(tree, ['Jewellery', 'Necklaces'])).toBeNull();
    expect(findNode(tree, [])).toBeNull();
  });
});

test('a category path lies under its own prefixes only; the empty prefix is the whole catalog', () => {
  const path = ['Watches', 'Wrist Watches', 'Titan'];
  expect(underCategory(path, ['Watches'])).toBe(true);
  expect(underCategory(path, ['Watches', 'Wrist Watches', 'Titan'])).toBe(true);
  expect(underCategory(path, ['Watches', 'Clocks'])).toBe(false);
  expect(underCategory(path, ['Watches', 'Wrist Watches', 'Titan', 'Raga'])).toBe(false);
  expect(underCategory(path, [])).toBe(true);
});

describe('price bands', () => {
  const at = (price: number): Product => ({ ...TINY_CATALOG[0], id: String(price), price });

  test('round edges that split the products into similar groups, covering every price once', () => {
    const products = [120, 180, 240, 390, 460, 510, 760, 940, 1250, 2400, 4800, 9900].map(at);
    const bands = priceBands(products, 4);
    expect(bands[0].min).toBe(0);
    expect(bands.at(-1)!.max).toBe(Infinity);
    for (let i = 1; i < bands.length; i++) expect(bands[i].min).toBe(bands[i - 1].max);
    for (const b of bands) {
      expect(b.min % 50).toBe(0);
      const inBand = products.filter((p) => p.price >= b.min && p.price < b.max).length;
      expect(inBand).toBeGreaterThan(0);
    }
    expect(bands[0].label).toMatch(/^Under ₹\d/);
    expect(bands.at(-1)!.label).toMatch(/^₹[\d,]+ and above$/);
  });

  test('one price, or none, gives one band or none', () => {
    expect(priceBands([at(500), at(500)])).toEqual([{ min: 0, max: Infinity, label: '₹0 and above' }]);
    expect(priceBands([])).toEqual([]);
  });
});

test('countBy counts non-null keys, most common first, ties by name', () => {
  expect(countBy(TINY_CATALOG, (p) => p.brand)).toEqual([
    { value: 'Titan', count: 2 },
    { value: 'Sonata', count: 1 },
  ]);
});

test('prices and discounts', () => {
  expect(formatPrice(1299, 'INR')).toBe('₹1,299');
  expect(formatPrice(12.5, 'EUR')).toMatch(/12\.50/);
  expect(formatPrice(5, 'NOT-A-CURRENCY')).toBe('NOT-A-CURRENCY 5.00');
  expect(discountPercent({ ...TINY_CATALOG[0], price: 750, listPrice: 1000 })).toBe(25);
  expect(discountPercent({ ...TINY_CATALOG[0], price: 750, listPrice: 500 })).toBe(0);
  expect(discountPercent({ ...TINY_CATALOG[0], price: 750, listPrice: null })).toBe(0);
});
