/**
 * Facet counts in the worker, over every result: each facet counts the results that pass every other filter, so a
 * count is what clicking it shows, and with no filters the counts of each facet add up to the number found. Pure.
 */
import { countBy, priceBands } from '../../../../src/shared/catalog/facets.ts';
import type { Product } from '../../../../src/shared/catalog/types.ts';
import type { SearchFacets, SearchFilters, SearchHit } from '../../../../src/shared/search.ts';
import { matchesFilters } from './lexical.ts';

/** Brands listed (the most frequent; a selected brand is always listed). */
export const BRAND_FACETS = 10;
/** Price bands at most. */
export const PRICE_BANDS = 4;

export function searchFacets(unfiltered: readonly SearchHit[], productOf: (id: string) => Product, filters: SearchFilters): SearchFacets {
  const products = unfiltered.map((h) => productOf(h.itemId));
  const without = (omit: Partial<Record<keyof SearchFilters, undefined>>) => {
    const f = { ...filters, ...omit };
    const brandSet = f.brands?.length ? new Set(f.brands) : null;
    return products.filter((p) => matchesFilters(p, f, brandSet));
  };
  const categories = countBy(without({ category: undefined }), (p) => p.categoryPath[0] ?? null);
  const brandCounts = countBy(without({ brands: undefined }), (p) => p.brand);
  const brands = brandCounts.filter((b, i) => i < BRAND_FACETS || filters.brands?.includes(b.value));
  const priced = without({ minPrice: undefined, maxPrice: undefined });
  const prices = priceBands(priced, PRICE_BANDS).map((band) => ({ ...band, count: priced.filter((p) => p.price >= band.min && p.price < band.max).length }));
  return { categories, brands, prices };
}
