/**
 * Facet counts in the worker, over every result: each facet counts the results that pass every other filter, so a
 * count is what clicking it shows, and with no filters the counts of each facet add up to the number found. Pure.
 */
import { countBy, priceBands } from '../../src/shared/catalog/facets.ts';
import type { Product } from '../../src/shared/catalog/types.ts';
import type { SearchFacets, SearchFilters } from '../../src/shared/search.ts';
import { matchesFilters } from './lexical.ts';

/** Brands listed (the most frequent; a selected brand is always listed). */
export const BRAND_FACETS = 10;
/** Price bands at most. */
export const PRICE_BANDS = 4;

/** `products`: the results, without the filters (variants once), the best-ranked first (the price bands are labelled in its currency), the others in any order. */
export function searchFacets(products: readonly Product[], filters: SearchFilters): SearchFacets {
  // Each result's pass or fail per filter, once; each facet then counts the results that pass every other filter.
  const n = products.length;
  const pass = new Uint8Array(n);
  const CATEGORY = 1;
  const BRAND = 2;
  const PRICE = 4;
  const STOCK = 8;
  const brandSet = filters.brands?.length ? new Set(filters.brands) : null;
  const only = (f: SearchFilters) => (p: Product) => matchesFilters(p, f, f.brands ? brandSet : null);
  const category = only({ category: filters.category });
  const brand = only({ brands: filters.brands });
  const price = only({ minPrice: filters.minPrice, maxPrice: filters.maxPrice });
  const stock = only({ inStockOnly: filters.inStockOnly });
  for (let i = 0; i < n; i++) {
    const p = products[i];
    pass[i] = (category(p) ? CATEGORY : 0) | (brand(p) ? BRAND : 0) | (price(p) ? PRICE : 0) | (stock(p) ? STOCK : 0);
  }
  const ALL = CATEGORY | BRAND | PRICE | STOCK;
  const without = (omit: number) => products.filter((_, i) => (pass[i] | omit) === ALL);
  const categories = countBy(without(CATEGORY), (p) => p.categoryPath[0] ?? null);
  const brandCounts = countBy(without(BRAND), (p) => p.brand);
  const brands = brandCounts.filter((b, i) => i < BRAND_FACETS || filters.brands?.includes(b.value));
  const priced = without(PRICE);
  const prices = priceBands(priced, PRICE_BANDS).map((band) => ({ ...band, count: priced.filter((p) => p.price >= band.min && p.price < band.max).length }));
  return { categories, brands, prices };
}
