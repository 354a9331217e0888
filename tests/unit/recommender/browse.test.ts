/**
 * The Catalog screen's list in the worker (workers/recommender/browse.ts) against the code the screen ran before
 * (copied here from src/app/screens/Catalog.svelte as it was): the same products in the same order, the same count,
 * price bands and brand counts, for every top-level category and a few deeper ones, every sort, and each filter.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { countBy, discountPercent, priceBands, underCategory } from '../../../src/shared/catalog/facets.ts';
import type { Catalog, Product } from '../../../src/shared/catalog/types.ts';
import { onePerGroup } from '../../../src/shared/catalog/variants.ts';
import { BROWSE_SORTS, type BrowseRequest, type BrowseSort } from '../../../src/shared/protocol/recommender.ts';
import { Browser } from '../../../workers/recommender/browse.ts';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const products = (JSON.parse(readFileSync(root('public/catalog/demo.json'), 'utf8')) as Catalog).products;

/** The screen's own code before the list moved to the worker. */
function pageBefore(category: string[], sort: BrowseSort, min: number | undefined, max: number | undefined, brands: string[], inStock: boolean) {
  const inCategory = products.filter((p) => underCategory(p.categoryPath, category));
  const inPrice = (p: Product) => (min === undefined || p.price >= min) && (max === undefined || p.price < max);
  const inBrands = (p: Product) => brands.length === 0 || (p.brand !== null && brands.includes(p.brand));
  const inStockOnly = (p: Product) => !inStock || p.inStock;
  const bands = priceBands(inCategory);
  const pool = inCategory.filter((p) => inBrands(p) && inStockOnly(p));
  const bandCounts = bands.map((b) => ({ ...b, count: pool.filter((p) => p.price >= b.min && p.price < b.max).length }));
  const brandCounts = countBy(inCategory.filter((p) => inPrice(p) && inStockOnly(p)), (p) => p.brand).slice(0, 15);
  const currency = inCategory[0]?.currency ?? 'INR';
  const filtered = inCategory.filter((p) => inPrice(p) && inBrands(p) && inStockOnly(p));
  const out = [...filtered];
  if (sort === 'price-asc') out.sort((a, b) => a.price - b.price);
  else if (sort === 'price-desc') out.sort((a, b) => b.price - a.price);
  else if (sort === 'discount') out.sort((a, b) => discountPercent(b) - discountPercent(a));
  else if (sort === 'rating') out.sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0));
  const sorted = onePerGroup(out);
  return { sorted: sorted.map((p) => p.id), bandCounts, brandCounts, currency };
}

const tops = [...new Set(products.map((p) => p.categoryPath[0]).filter(Boolean))].map((c) => [c!]);
const deeper = products.filter((p) => p.categoryPath.length >= 3).filter((_, i) => i % 97 === 0).map((p) => p.categoryPath.slice(0, 2 + (products.indexOf(p) % 2)));
const categories = [[], ...tops, ...deeper];

describe('browsing in the worker gives the page\'s old results', () => {
  const browser = new Browser(products);
  const request = (category: string[], sort: BrowseSort, extra: Partial<BrowseRequest> = {}): BrowseRequest => ({ category, sort, brands: [], inStockOnly: false, offset: 0, limit: 48, ...extra });

  test(`${categories.length} categories, every sort, the first page and the rest`, () => {
    for (const category of categories) {
      for (const sort of BROWSE_SORTS) {
        const before = pageBefore(category, sort, undefined, undefined, [], false);
        const first = browser.browse(request(category, sort));
        expect(first.ids, `${category.join('>')} ${sort}`).toEqual(before.sorted.slice(0, 48));
        expect(first.total).toBe(before.sorted.length);
        expect(first.bands).toEqual(before.bandCounts);
        expect(first.brands).toEqual(before.brandCounts);
        expect(first.currency).toBe(before.currency);
        expect(browser.browse(request(category, sort, { offset: 48, limit: 1000 })).ids).toEqual(before.sorted.slice(48, 1048));
      }
    }
  });

  test('price, brand and stock filters, alone and together', () => {
    for (const category of categories.slice(0, 12)) {
      const brands = [...new Set(products.filter((p) => underCategory(p.categoryPath, category)).flatMap((p) => (p.brand ? [p.brand] : [])))].slice(0, 2);
      const cases: Array<[number | undefined, number | undefined, string[], boolean]> = [
        [500, undefined, [], false],
        [undefined, 1000, [], false],
        [300, 2000, [], true],
        [undefined, undefined, brands.slice(0, 1), false],
        [undefined, undefined, brands, true],
        [200, 5000, brands, false],
      ];
      for (const [min, max, b, inStock] of cases) {
        for (const sort of ['featured', 'price-asc', 'rating'] as const) {
          const before = pageBefore(category, sort, min, max, b, inStock);
          const got = browser.browse(request(category, sort, { minPrice: min, maxPrice: max, brands: b, inStockOnly: inStock, limit: 2000 }));
          expect(got, `${category.join('>')} ${sort} ${min}-${max} ${b.join(',')} ${inStock}`).toEqual({ ids: before.sorted, total: before.sorted.length, bands: before.bandCounts, brands: before.brandCounts, currency: before.currency });
        }
      }
    }
  });

  test('a category with no products lists none; odd page bounds are clamped', () => {
    expect(browser.browse(request(['No such category'], 'featured'))).toEqual({ ids: [], total: 0, bands: [], brands: [], currency: 'INR' });
    expect(browser.browse(request([], 'featured', { offset: -5, limit: 2.7 })).ids).toEqual(pageBefore([], 'featured', undefined, undefined, [], false).sorted.slice(0, 2));
  });
});
