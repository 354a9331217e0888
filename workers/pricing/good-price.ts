/**
 * "Good price?" for shoppers: where a product's price sits among the other products of its category in the same
 * currency, as a mid-rank percentile (0 = the cheapest, 100 = the dearest) with a plain verdict. The category is the
 * deepest level of the product's path with enough other products to compare with; a product with too few peers
 * at every level gets 'unknown', said so, rather than a percentile of three prices. Pure; built once per catalog.
 */
import { count } from '../../src/shared/format.ts';
import type { Product } from '../../src/shared/catalog/types.ts';
import type { PriceHint, PriceHintOptions } from '../../src/shared/protocol/pricing.ts';
import { formatPrice } from './demand.ts';
import { quantileOf } from './stats.ts';

export const DEFAULT_MIN_PEERS = 5;
/** At or below this percentile the price is 'low'; at or above 100 minus it, 'high'. */
export const LOW_PERCENTILE = 25;

const levelKey = (currency: string, path: readonly string[], depth: number) => `${currency}\u0000${path.slice(0, depth).join('\u0001')}`;

/** How many sorted values are < x (or ≤ x with `orEqual`). */
function rank(sorted: Float64Array, x: number, orEqual = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x || (orEqual && sorted[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class CategoryPrices {
  /** Sorted prices per (currency, category prefix). */
  readonly #levels = new Map<string, Float64Array>();
  readonly #byId = new Map<string, Product>();
  readonly #minPeers: number;

  constructor(products: readonly Product[], options: PriceHintOptions = {}) {
    this.#minPeers = options.minPeers ?? DEFAULT_MIN_PEERS;
    const lists = new Map<string, number[]>();
    for (const p of products) {
      this.#byId.set(p.id, p);
      if (!(p.price > 0)) continue;
      for (let d = 1; d <= p.categoryPath.length; d++) {
        const k = levelKey(p.currency, p.categoryPath, d);
        const list = lists.get(k);
        if (list) list.push(p.price);
        else lists.set(k, [p.price]);
      }
    }
    for (const [k, list] of lists) this.#levels.set(k, Float64Array.from(list).sort());
  }

  /** The hint for a product of the catalog (by id), or for a product given whole (e.g. a draft). Null for an unknown id. */
  hint(product: string | Product): PriceHint | null {
    const p = typeof product === 'string' ? this.#byId.get(product) : product;
    if (!p) return null;
    const unknown = (text: string, category: string[] = []): PriceHint => ({
      product: p.id,
      currency: p.currency,
      verdict: 'unknown',
      percentile: null,
      category,
      peers: 0,
      median: null,
      q1: null,
      q3: null,
      text,
    });
    if (!(p.price > 0)) return unknown('This product has no price to compare.');
    if (p.categoryPath.length === 0) return unknown('This product has no category, so its price is not compared.');
    const self = this.#byId.get(p.id);
    for (let d = p.categoryPath.length; d >= 1; d--) {
      const key = levelKey(p.currency, p.categoryPath, d);
      const sorted = this.#levels.get(key);
      if (!sorted) continue;
      // The catalog's own entry for this product is no peer of itself.
      const skip = self && self.price > 0 && self.categoryPath.length >= d && levelKey(self.currency, self.categoryPath, d) === key ? rank(sorted, self.price) : -1;
      const n = sorted.length - (skip >= 0 ? 1 : 0);
      if (n < this.#minPeers) continue;
      const at = (i: number) => sorted[skip >= 0 && i >= skip ? i + 1 : i]!;
      const less = rank(sorted, p.price) - (skip >= 0 && self!.price < p.price ? 1 : 0);
      const equal = rank(sorted, p.price, true) - rank(sorted, p.price) - (skip >= 0 && self!.price === p.price ? 1 : 0);
      const percentile = (100 * (less + equal / 2)) / n;
      const category = p.categoryPath.slice(0, d);
      const name = category[category.length - 1]!;
      const verdict = percentile <= LOW_PERCENTILE ? 'low' : percentile >= 100 - LOW_PERCENTILE ? 'high' : 'typical';
      const [q1, median, q3] = [0.25, 0.5, 0.75].map((q) => quantileOf(at, n, q)) as [number, number, number];
      const peers = count(n, 'other product');
      const share = (x: number) => (Math.round(x) === 100 ? 'all' : `${Math.round(x)}%`);
      const text =
        verdict === 'low'
          ? `A low price for ${name}: below ${share(100 - percentile)} of ${peers} there.`
          : verdict === 'high'
            ? `A high price for ${name}: above ${share(percentile)} of ${peers} there.`
            : `A typical price for ${name}: the middle half of ${peers} there cost ${formatPrice(q1)} to ${formatPrice(q3)} ${p.currency}.`;
      return { product: p.id, currency: p.currency, verdict, percentile, category, peers: n, median, q1, q3, text };
    }
    return unknown(`Too few products in ${p.categoryPath[0]} (fewer than ${this.#minPeers} others priced in ${p.currency}) to say whether this price is high or low.`, p.categoryPath.slice(0, 1));
  }
}

/** Hints for the given ids (default: every product), in the order asked; unknown ids are left out. */
export function priceHints(products: readonly Product[], ids?: readonly string[], options: PriceHintOptions = {}): PriceHint[] {
  const index = new CategoryPrices(products, options);
  return (ids ?? products.map((p) => p.id)).map((id) => index.hint(id)).filter((h): h is PriceHint => h !== null);
}
