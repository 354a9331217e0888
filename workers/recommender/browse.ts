/**
 * The Catalog screen's list, in the worker: a category's products filtered (price, brands, in stock), sorted, variants
 * of one product shown once, one page of ids at a time, with the filter counts (each filter counted over the products
 * the other filters let through, so a count says what a click shows). The page used to do this itself over every
 * product, on the main thread; at 100,000 products that is a long task on every click. Pure: runs in the worker and
 * in Node.
 */
import { countBy, discountPercent, priceBands, underCategory } from '../../src/shared/catalog/facets.ts';
import type { Product } from '../../src/shared/catalog/types.ts';
import { onePerGroup } from '../../src/shared/catalog/variants.ts';
import type { BrowseRequest, BrowseResult, BrowseSort } from '../../src/shared/protocol/recommender.ts';

/** Brands listed at most. */
export const BROWSE_BRANDS = 15;

export function sortProducts(list: readonly Product[], how: BrowseSort): Product[] {
  const out = [...list];
  if (how === 'price-asc') out.sort((a, b) => a.price - b.price);
  else if (how === 'price-desc') out.sort((a, b) => b.price - a.price);
  else if (how === 'discount') out.sort((a, b) => discountPercent(b) - discountPercent(a));
  else if (how === 'rating') out.sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0));
  return out;
}

interface Listing {
  sorted: Product[];
  bands: BrowseResult['bands'];
  brands: BrowseResult['brands'];
  currency: string;
}

/**
 * Browses one catalog, remembering the last category and the last list (so "Show more" and a change of filter within
 * a category do not start from every product again).
 */
export class Browser {
  readonly #products: readonly Product[];
  #category: { key: string; products: Product[] } | null = null;
  #listing: { key: string; listing: Listing } | null = null;

  constructor(products: readonly Product[]) {
    this.#products = products;
  }

  browse(request: BrowseRequest): BrowseResult {
    const { sorted, bands, brands, currency } = this.#list(request);
    const offset = Math.max(0, Math.floor(request.offset));
    const limit = Math.max(0, Math.floor(request.limit));
    return { ids: sorted.slice(offset, offset + limit).map((p) => p.id), total: sorted.length, bands, brands, currency };
  }

  #inCategory(path: string[]): Product[] {
    const key = path.join('\u001f');
    if (this.#category?.key !== key) this.#category = { key, products: path.length ? this.#products.filter((p) => underCategory(p.categoryPath, path)) : [...this.#products] };
    return this.#category.products;
  }

  #list(r: BrowseRequest): Listing {
    const key = JSON.stringify([r.category, r.sort, r.minPrice ?? null, r.maxPrice ?? null, r.brands, r.inStockOnly]);
    if (this.#listing?.key === key) return this.#listing.listing;
    const inCategory = this.#inCategory(r.category);
    const { minPrice: min, maxPrice: max, inStockOnly: inStock } = r;
    const brandSet = new Set(r.brands);
    const inPrice = (p: Product) => (min === undefined || p.price >= min) && (max === undefined || p.price < max);
    const inBrands = (p: Product) => brandSet.size === 0 || (p.brand !== null && brandSet.has(p.brand));
    const inStockOnly = (p: Product) => !inStock || p.inStock;
    const pool = inCategory.filter((p) => inBrands(p) && inStockOnly(p));
    const bands = priceBands(inCategory).map((b) => ({ ...b, count: pool.filter((p) => p.price >= b.min && p.price < b.max).length }));
    const brands = countBy(inCategory.filter((p) => inPrice(p) && inStockOnly(p)), (p) => p.brand).slice(0, BROWSE_BRANDS);
    const filtered = inCategory.filter((p) => inPrice(p) && inBrands(p) && inStockOnly(p));
    const listing: Listing = { sorted: onePerGroup(sortProducts(filtered, r.sort)), bands, brands, currency: inCategory[0]?.currency ?? 'INR' };
    this.#listing = { key, listing };
    return listing;
  }
}
