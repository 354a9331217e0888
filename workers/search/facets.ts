/**
 * Facet counts in the worker, over every result: each facet counts the results that pass every other filter, so a
 * count is what clicking it shows, and with no filters the counts of each facet add up to the number found. Pure.
 *
 * At 100,000 products a broad query has tens of thousands of results: each product's top-level category, brand, price
 * and stock are read once per catalog into arrays (names as ids), the counts are made in typed arrays, and the price
 * bands read only the few order statistics they need (found by selection, not by sorting every price).
 */
import { priceBandsFrom, underCategory } from '../../src/shared/catalog/facets.ts';
import type { Product } from '../../src/shared/catalog/types.ts';
import type { FacetCount, SearchFacets, SearchFilters } from '../../src/shared/search.ts';

/** Brands listed (the most frequent; a selected brand is always listed). */
export const BRAND_FACETS = 10;
/** Price bands at most. */
export const PRICE_BANDS = 4;

/** What the facets read per product, made once per products array. */
interface FacetKeys {
  /** Top-level category id (-1: none), and the ids' names. */
  category: Int32Array;
  categoryNames: string[];
  /** Brand id (-1: none), the ids' names and the id of each name. */
  brand: Int32Array;
  brandNames: string[];
  brandId: Map<string, number>;
  price: Float64Array;
  inStock: Uint8Array;
  /** Whether any price is NaN (then the bands sort, as priceBands does, rather than select). */
  nan: boolean;
  /** Per-query scratch. */
  pass: Uint8Array;
  prices: Float64Array;
  categoryCounts: Int32Array;
  brandCounts: Int32Array;
}

const facetKeys = new WeakMap<readonly Product[], FacetKeys>();

function keysOf(products: readonly Product[]): FacetKeys {
  let keys = facetKeys.get(products);
  if (!keys) {
    const n = products.length;
    const ids = (names: string[], byName: Map<string, number>, name: string | null | undefined) => {
      if (!name) return -1;
      let id = byName.get(name);
      if (id === undefined) {
        byName.set(name, (id = names.length));
        names.push(name);
      }
      return id;
    };
    const categoryNames: string[] = [];
    const categoryId = new Map<string, number>();
    const brandNames: string[] = [];
    const brandId = new Map<string, number>();
    const category = new Int32Array(n);
    const brand = new Int32Array(n);
    const price = new Float64Array(n);
    const inStock = new Uint8Array(n);
    let nan = false;
    for (let i = 0; i < n; i++) {
      const p = products[i];
      category[i] = ids(categoryNames, categoryId, p.categoryPath[0]);
      brand[i] = ids(brandNames, brandId, p.brand);
      price[i] = p.price;
      if (Number.isNaN(p.price)) nan = true;
      inStock[i] = p.inStock ? 1 : 0;
    }
    keys = { category, categoryNames, brand, brandNames, brandId, price, inStock, nan, pass: new Uint8Array(n), prices: new Float64Array(n), categoryCounts: new Int32Array(categoryNames.length), brandCounts: new Int32Array(brandNames.length) };
    facetKeys.set(products, keys);
  }
  return keys;
}

const CATEGORY = 1;
const BRAND = 2;
const PRICE = 4;
const STOCK = 8;
const ALL = CATEGORY | BRAND | PRICE | STOCK;

/** One collator for the names, as countBy (src/shared/catalog/facets.ts) sorts them. */
const names = new Intl.Collator();

/**
 * The facets of `results` (positions in `products`: the results without the filters, variants once, the best-ranked
 * first, since the price bands are labelled in its currency; the others in any order).
 */
export function searchFacets(products: readonly Product[], results: ArrayLike<number>, filters: SearchFilters): SearchFacets {
  const keys = keysOf(products);
  const { category, brand, price, inStock, pass } = keys;
  const n = results.length;
  // Each result's pass or fail per filter, once; each facet then counts the results that pass every other filter.
  const wantCategory = filters.category?.length ? filters.category : null;
  let brandWanted: Uint8Array | null = null;
  if (filters.brands?.length) {
    brandWanted = new Uint8Array(keys.brandNames.length);
    for (const b of filters.brands) {
      const id = keys.brandId.get(b);
      if (id !== undefined) brandWanted[id] = 1;
    }
  }
  const { minPrice, maxPrice, inStockOnly } = filters;
  for (let r = 0; r < n; r++) {
    const i = results[r];
    let bits = 0;
    if (!wantCategory || underCategory(products[i].categoryPath, wantCategory)) bits |= CATEGORY;
    if (!brandWanted || (brand[i] >= 0 && brandWanted[brand[i]])) bits |= BRAND;
    if ((minPrice === undefined || !(price[i] < minPrice)) && (maxPrice === undefined || !(price[i] >= maxPrice))) bits |= PRICE;
    if (!inStockOnly || inStock[i]) bits |= STOCK;
    pass[r] = bits;
  }
  const categories = counts(results, n, pass, CATEGORY, category, keys.categoryCounts, keys.categoryNames);
  const brandCounts = counts(results, n, pass, BRAND, brand, keys.brandCounts, keys.brandNames);
  const brands = brandCounts.filter((b, i) => i < BRAND_FACETS || filters.brands?.includes(b.value));
  // The prices of the results that pass every filter but price.
  const prices = keys.prices;
  let priced = 0;
  let first = -1;
  for (let r = 0; r < n; r++) {
    if ((pass[r] | PRICE) !== ALL) continue;
    if (first < 0) first = results[r];
    prices[priced++] = price[results[r]];
  }
  if (!priced) return { categories, brands, prices: [] };
  const bands = priceBandsFrom(priced, orderStatistics(prices, priced, keys.nan), products[first].currency, PRICE_BANDS);
  const bandCounts = new Array<number>(bands.length).fill(0);
  for (let j = 0; j < priced; j++) {
    const x = prices[j];
    for (let b = 0; b < bands.length; b++) if (x >= bands[b].min && x < bands[b].max) bandCounts[b]++;
  }
  return { categories, brands, prices: bands.map((band, b) => ({ ...band, count: bandCounts[b] })) };
}

/**
 * The count of each id among the results that pass every filter but `omit`, most common first, equal counts by name
 * (then in the order first met), as countBy gives them.
 */
function counts(results: ArrayLike<number>, n: number, pass: Uint8Array, omit: number, id: Int32Array, scratch: Int32Array, names_: string[]): FacetCount[] {
  const met: number[] = [];
  for (let r = 0; r < n; r++) {
    if ((pass[r] | omit) !== ALL) continue;
    const k = id[results[r]];
    if (k < 0) continue;
    if (scratch[k]++ === 0) met.push(k);
  }
  const out = met.map((k) => ({ value: names_[k], count: scratch[k] }));
  for (const k of met) scratch[k] = 0;
  return out.sort((a, b) => b.count - a.count || names.compare(a.value, b.value));
}

/**
 * `nth(i)`: the i-th smallest of `values[0..n)` (which it reorders), for the ranks priceBandsFrom reads in increasing
 * order: each is found by selection (quickselect) in the part right of the one before. With NaN among them, they are
 * sorted instead, as a typed array sorts (NaN last).
 */
function orderStatistics(values: Float64Array, n: number, nan: boolean): (i: number) => number {
  if (nan) {
    const sorted = values.subarray(0, n).sort();
    return (i) => sorted[i];
  }
  const known = new Map<number, number>();
  let from = 0;
  // The smallest and the largest first, by one scan (the quantiles lie between).
  let lo = 0;
  let hi = 0;
  for (let j = 1; j < n; j++) {
    if (values[j] < values[lo]) lo = j;
    if (values[j] > values[hi]) hi = j;
  }
  known.set(0, values[lo]);
  known.set(n - 1, values[hi]);
  return (i) => {
    let v = known.get(i);
    if (v === undefined) {
      v = select(values, from, n - 1, i);
      known.set(i, v);
      from = i;
    }
    return v;
  };
}

/** Reorders values[left..right] so that values[k] is the one a sort would put there, smaller ones left; returns it. */
function select(values: Float64Array, left: number, right: number, k: number): number {
  while (right > left) {
    // Median of three as the pivot, then Hoare's partition.
    const mid = (left + right) >>> 1;
    const a = values[left];
    const b = values[mid];
    const c = values[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k];
  }
  return values[k];
}
