/**
 * The non-learned shelves: "Recently viewed", "Trending" (popularity with time decay), "Bought together"
 * (co-occurrence in orders and carts), "Similar" (category, attributes, brand, price, title words) and a content-based
 * "For you" until the learned model serves it. Every item comes with an explanation. Pure: runs in the worker and in
 * Node tests.
 */
import { NO_PREFS, type ProfilePrefs } from '../../src/shared/profile.ts';
import { reasonInEnglish, type Reason, type SeedVerb } from '../../src/shared/reasons.ts';
import type { Explanation, Recommendation, ShelfKind, ShelfRequest } from '../../src/shared/protocol/recommender.ts';
import { matchesRule, type MerchantRules } from '../../src/shared/rules.ts';
import { jaccard, sharedDepth, type CatalogIndex, type IndexedProduct } from './catalog-index.ts';
import type { HistoryView } from './history-view.ts';
import { interestKeysOf } from './profile.ts';

export const DEFAULT_LIMIT = 12;
/** At most this share of a shelf may come from one category (diversity), while others are available. */
export const MAX_CATEGORY_SHARE = 0.4;

export interface ShelfContext {
  catalog: CatalogIndex;
  /** null in non-personalised mode: no personal history is used at all. */
  history: HistoryView | null;
  now: number;
  /** The merchant's pin / boost / hide rules. */
  rules?: MerchantRules;
  /** The shopper's own model's scores (item index → score) for its best items, when it is trained. */
  model?: Map<number, number> | null;
}

/** Share of the model's score in "For you" when the shopper's model is trained (the rest: content similarity). */
export const MODEL_SHARE = 0.6;

/** Weights of the "Similar" score; they sum to 1. */
const SIMILAR = { category: 0.4, traits: 0.2, title: 0.2, brand: 0.1, price: 0.1 };

export function similarity(a: IndexedProduct, b: IndexedProduct): number {
  const pa = a.product.categoryPath;
  const pb = b.product.categoryPath;
  const depth = Math.max(pa.length, pb.length);
  const category = depth ? sharedDepth(pa, pb) / depth : 0;
  const brand = a.product.brand && a.product.brand === b.product.brand ? 1 : 0;
  const price = Math.max(0, 1 - Math.abs(a.logPrice - b.logPrice) / 2);
  return SIMILAR.category * category + SIMILAR.traits * jaccard(a.traits, b.traits) + SIMILAR.title * jaccard(a.tokens, b.tokens) + SIMILAR.brand * brand + SIMILAR.price * price;
}

/** Why two products are alike, in words. */
/** An explanation from its reason (worded in English too) and the history items behind it. */
function because(reason: Reason, evidence: string[]): Explanation {
  return { reason, text: reasonInEnglish(reason), evidence };
}

function likeness(anchor: IndexedProduct, item: IndexedProduct): Reason {
  const depth = sharedDepth(anchor.product.categoryPath, item.product.categoryPath);
  const shared = [...anchor.traits].filter((t) => item.traits.has(t)).map((t) => t.split('=')[1]);
  return {
    code: 'alike',
    category: depth > 0 ? anchor.product.categoryPath[depth - 1] : null,
    brand: anchor.product.brand && anchor.product.brand === item.product.brand ? item.product.brand : null,
    traits: shared.slice(0, 2),
    similarPrice: Math.abs(anchor.logPrice - item.logPrice) < 0.25,
  };
}


/**
 * Exclusions every shelf applies (merchant-hidden, dismissed items and categories, explicit excludes), plus
 * shelf-specific ones: purchased, out of stock, and the shopper's muted interests and budget (personal shelves).
 */
function allowed(
  ctx: ShelfContext,
  item: IndexedProduct,
  exclude: Set<string>,
  opts: { purchased: boolean; outOfStock: boolean; prefs?: ProfilePrefs },
): boolean {
  const p = item.product;
  if (exclude.has(p.id)) return false;
  if (opts.outOfStock && !p.inStock) return false;
  if (ctx.rules?.hide?.some((m) => matchesRule(p, m))) return false;
  const h = ctx.history;
  if (h) {
    if (h.isDismissed(p.id, p.categoryPath)) return false;
    if (opts.purchased && h.purchased.has(p.id)) return false;
  }
  const prefs = opts.prefs;
  if (prefs) {
    if (prefs.budget !== null && p.price > prefs.budget) return false;
    if (prefs.muted.length && interestKeysOf(ctx.catalog, p).some((k) => prefs.muted.includes(k))) return false;
  }
  return true;
}

/** The merchant's boosts: the product of every matching factor. */
function boost(ctx: ShelfContext, item: IndexedProduct): number {
  let f = 1;
  for (const b of ctx.rules?.boost ?? []) if (matchesRule(item.product, b.match)) f *= b.factor;
  return f;
}

/** Picks the best `limit` items, at most MAX_CATEGORY_SHARE of them from one category (its first two levels) when `diverse`. */
function top(scored: Array<{ item: IndexedProduct; score: number; because: Explanation }>, limit: number, diverse: boolean): Recommendation[] {
  scored.sort((a, b) => b.score - a.score || a.item.index - b.item.index);
  const cap = diverse ? Math.max(1, Math.ceil(limit * MAX_CATEGORY_SHARE)) : Infinity;
  const perCategory = new Map<string, number>();
  const out: Recommendation[] = [];
  const overflow: typeof scored = [];
  // Variants of one product take one place on a shelf (the best-scored one).
  const groups = new Set<string>();
  for (const s of scored) {
    if (out.length >= limit) break;
    const group = s.item.product.group ?? s.item.product.id;
    if (groups.has(group)) continue;
    // Diversity over the first two category levels ("Watches > Wrist Watches"): deeper levels are often per brand.
    const key = s.item.product.categoryPath.slice(0, 2).join('>');
    const n = perCategory.get(key) ?? 0;
    if (n >= cap) {
      overflow.push(s);
      continue;
    }
    perCategory.set(key, n + 1);
    groups.add(group);
    out.push({ itemId: s.item.product.id, score: s.score, because: s.because });
  }
  // If diversity left the shelf short, fill it with the best of the rest rather than show fewer items.
  for (const s of overflow) {
    if (out.length >= limit) break;
    const group = s.item.product.group ?? s.item.product.id;
    if (groups.has(group)) continue;
    groups.add(group);
    out.push({ itemId: s.item.product.id, score: s.score, because: s.because });
  }
  return out;
}

export function recentlyViewed(ctx: ShelfContext, req: ShelfRequest): Recommendation[] {
  const h = ctx.history;
  if (!h) return [];
  const exclude = new Set([...(req.exclude ?? []), ...(req.itemId ? [req.itemId] : [])]);
  const scored = [];
  for (const [id, at] of h.lastViewed) {
    const item = ctx.catalog.get(id);
    if (!item || !allowed(ctx, item, exclude, { purchased: false, outOfStock: false })) continue;
    scored.push({ item, score: at, because: because({ code: 'viewed-ago', ms: ctx.now - at }, [id]) });
  }
  return top(scored, req.limit ?? DEFAULT_LIMIT, false);
}

/** A catalog-only prior: good ratings and real discounts. Used alone in non-personalised mode and on a first visit. */
function prior(item: IndexedProduct): { score: number; reason: Reason } {
  const p = item.product;
  const discount = p.listPrice ? 1 - p.price / p.listPrice : 0;
  // A rating counts by how many shoppers gave it (shrunk towards 3.5 as if by 5 more ratings; an unknown count is 1):
  // a single 5.0 does not outrank a 4.6 from hundreds.
  const n = p.ratingCount ?? 1;
  const rating = p.rating ? ((p.rating * n + 3.5 * 5) / (n + 5) - 3) / 2 : 0;
  const score = 0.5 * Math.max(0, rating) + 0.5 * discount;
  if (p.rating && p.rating >= 4 && p.ratingCount) return { score, reason: { code: 'rated', rating: p.rating, count: p.ratingCount } };
  if (discount >= 0.3) return { score, reason: { code: 'big-saving' } };
  return { score, reason: { code: 'popular' } };
}

/**
 * "Popular now" is about the shop, not the shopper: ranked by what the catalog says of each product (ratings and
 * real discounts), the same for everyone. The shopper's history only leaves things out: what they dismissed, bought or
 * have in the cart, and what they viewed recently (that is "Recently viewed"'s job, not a repeat here).
 */
export function trending(ctx: ShelfContext, req: ShelfRequest): Recommendation[] {
  const exclude = new Set(req.exclude ?? []);
  const h = ctx.history;
  if (h) for (const id of h.lastViewed.keys()) exclude.add(id);
  const scored = [];
  for (const item of ctx.catalog.items) {
    if (!allowed(ctx, item, exclude, { purchased: true, outOfStock: true, prefs: h ? req.prefs : undefined })) continue;
    const base = prior(item);
    scored.push({ item, score: base.score, because: because(base.reason, []) });
  }
  return top(scored, req.limit ?? DEFAULT_LIMIT, true);
}

export function similar(ctx: ShelfContext, req: ShelfRequest): Recommendation[] {
  const anchor = req.itemId ? ctx.catalog.get(req.itemId) : undefined;
  if (!anchor) return [];
  const exclude = new Set([...(req.exclude ?? []), anchor.product.id]);
  // Candidates: the anchor's top-level category when it has one (keeps the scan small on big catalogs).
  const top1 = anchor.product.categoryPath[0];
  const pool = top1 ? (ctx.catalog.byCategory.get(top1) ?? []).map((i) => ctx.catalog.items[i]) : ctx.catalog.items;
  const scored = [];
  for (const item of pool) {
    if (!allowed(ctx, item, exclude, { purchased: true, outOfStock: true, prefs: ctx.history && req.prefs ? { muted: [], budget: req.prefs.budget } : undefined })) continue;
    // The anchor's own variants are its options on the product page, not "similar" products.
    if (anchor.product.group && item.product.group === anchor.product.group) continue;
    const score = similarity(anchor, item);
    if (score <= 0.15) continue;
    scored.push({ item, score, because: because(likeness(anchor, item), [anchor.product.id]) });
  }
  return top(scored, req.limit ?? DEFAULT_LIMIT, false);
}

export function boughtTogether(ctx: ShelfContext, req: ShelfRequest): Recommendation[] {
  const h = ctx.history;
  const anchor = req.itemId ? ctx.catalog.get(req.itemId) : undefined;
  if (!h || !anchor) return [];
  const exclude = new Set([...(req.exclude ?? []), anchor.product.id]);
  const counts = new Map<string, number>();
  for (const key of h.itemBaskets.get(anchor.product.id) ?? []) {
    for (const other of h.baskets.get(key) ?? []) counts.set(other, (counts.get(other) ?? 0) + (key.startsWith('order:') ? 1 : 0.5));
  }
  const scored = [];
  for (const [id, n] of counts) {
    const item = ctx.catalog.get(id);
    if (!item || !allowed(ctx, item, exclude, { purchased: false, outOfStock: true })) continue;
    const together = h.itemBaskets.get(id)?.size ?? 1;
    const orders = [...(h.itemBaskets.get(id) ?? [])].filter((k) => k.startsWith('order:') && h.baskets.get(k)?.has(anchor.product.id)).length;
    const reason: Reason = orders > 0 ? { code: 'bought-together', orders } : { code: 'carted-together' };
    scored.push({ item, score: n / Math.sqrt(together), because: because(reason, [anchor.product.id]) });
  }
  return top(scored, req.limit ?? DEFAULT_LIMIT, false);
}

/**
 * "For you": items like the ones the shopper engaged with most (decayed interest × content similarity), blended with
 * the shopper's own model when it is trained (MODEL_SHARE of the score). Every item names the history items that
 * weigh most for it.
 */
export function forYou(ctx: ShelfContext, req: ShelfRequest): Recommendation[] {
  const h = ctx.history;
  if (!h) return [];
  const prefs = req.prefs ?? NO_PREFS;
  const muted = (item: IndexedProduct) => prefs.muted.length > 0 && interestKeysOf(ctx.catalog, item.product).some((k) => prefs.muted.includes(k));
  const seeds = [...h.items.keys()]
    .map((id) => ({ item: ctx.catalog.get(id), w: h.interest(id, ctx.now) }))
    .filter((s): s is { item: IndexedProduct; w: number } => !!s.item && s.w > 0 && !h.isDismissed(s.item.product.id, s.item.product.categoryPath) && !muted(s.item))
    .sort((a, b) => b.w - a.w)
    .slice(0, 10);
  if (seeds.length === 0) return [];
  const model = ctx.model && ctx.model.size ? ctx.model : null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of model?.values() ?? []) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const exclude = new Set(req.exclude ?? []);
  const candidates = [];
  let maxContent = 0;
  for (const item of ctx.catalog.items) {
    if (!allowed(ctx, item, exclude, { purchased: true, outOfStock: true, prefs })) continue;
    // Only history items of a related kind (the same top-level category) make a product "like" them: a watch viewed
    // says nothing about dresses, and must not be named as the reason for one.
    const contributions = seeds.filter((s) => s.item !== item && related(s.item, item)).map((s) => ({ seed: s.item, c: s.w * similarity(s.item, item) }));
    const content = contributions.reduce((n, x) => n + x.c, 0);
    const m = model?.get(item.index);
    if (content <= 0 && m === undefined) continue;
    maxContent = Math.max(maxContent, content);
    candidates.push({ item, content, model: m === undefined ? 0 : hi > lo ? (m - lo) / (hi - lo) : 1, contributions });
  }
  const scored = candidates.map((c) => {
    const content = maxContent > 0 ? c.content / maxContent : 0;
    let score = model ? MODEL_SHARE * c.model + (1 - MODEL_SHARE) * content : content;
    if (h.lastViewed.has(c.item.product.id)) score *= 0.5;
    const top = c.contributions.sort((a, b) => b.c - a.c).filter((x) => x.c > 0).slice(0, 2).map((x) => x.seed);
    // A pick of the shopper's own model with no related item in the history gets a plain reason, not a wrong one.
    return { item: c.item, score, because: top.length ? explainFromSeeds(h, top) : because({ code: 'model-pick' }, []) };
  });
  return top(scored, req.limit ?? DEFAULT_LIMIT, true);
}

/** Products of a related kind: the same top-level category (both without one count as related). */
function related(a: IndexedProduct, b: IndexedProduct): boolean {
  return (a.product.categoryPath[0] ?? '') === (b.product.categoryPath[0] ?? '');
}

function verbFor(h: HistoryView, seed: IndexedProduct): SeedVerb {
  const ev = h.evidence(seed.product.id);
  return ev?.purchases ? 'bought' : ev?.carts ? 'carted' : ev?.rating && ev.rating >= 4 ? 'rated' : 'viewed';
}

/** "Because you viewed X", "Because you bought X and Y", "Because you viewed X and bought Y". */
export function explainFromSeeds(h: HistoryView, seeds: IndexedProduct[]): Explanation {
  const two = seeds.slice(0, 2);
  return because({ code: 'because', seeds: two.map((s) => ({ verb: verbFor(h, s), title: s.product.title })) }, two.map((s) => s.product.id));
}

/** One shelf, ranked, with the merchant's boosts and pins applied. */
export function shelf(ctx: ShelfContext, req: ShelfRequest): Recommendation[] {
  const ranked = rank(ctx, req);
  return pin(ctx, req, ctx.rules?.boost?.length ? rerankBoosted(ctx, ranked) : ranked);
}

function rerankBoosted(ctx: ShelfContext, recs: Recommendation[]): Recommendation[] {
  // A small floor, so that a boost can also lift items whose score is zero (a first visit's plain prior).
  const floor = 1e-3 * Math.max(1e-6, ...recs.map((r) => r.score));
  return recs
    .map((r) => ({ ...r, score: (r.score + floor) * boost(ctx, ctx.catalog.get(r.itemId)!) }))
    .sort((a, b) => b.score - a.score);
}

/** Pinned items go to their positions (if they are allowed on this shelf at all). */
function pin(ctx: ShelfContext, req: ShelfRequest, recs: Recommendation[]): Recommendation[] {
  const pins = (ctx.rules?.pin ?? []).filter((p) => !p.shelf || p.shelf === req.shelf).sort((a, b) => a.position - b.position);
  if (pins.length === 0) return recs;
  const out = [...recs];
  const limit = req.limit ?? DEFAULT_LIMIT;
  const exclude = new Set([...(req.exclude ?? []), ...(req.itemId ? [req.itemId] : [])]);
  for (const p of pins) {
    const item = ctx.catalog.get(p.itemId);
    if (!item || !allowed(ctx, item, exclude, { purchased: req.shelf !== 'recently-viewed', outOfStock: true, prefs: req.prefs })) continue;
    const at = out.findIndex((r) => r.itemId === p.itemId);
    const [existing] = at >= 0 ? out.splice(at, 1) : [null];
    out.splice(Math.min(p.position, out.length), 0, existing ?? { itemId: p.itemId, score: 0, because: because({ code: 'featured' }, []) });
  }
  return out.slice(0, limit);
}

function rank(ctx: ShelfContext, req: ShelfRequest): Recommendation[] {
  switch (req.shelf) {
    case 'recently-viewed':
      return recentlyViewed(ctx, req);
    case 'trending':
      return trending(ctx, req);
    case 'similar':
      return similar(ctx, req);
    case 'bought-together':
      return boughtTogether(ctx, req);
    case 'for-you':
      return forYou(ctx, req);
    default: {
      const _exhaustive: never = req.shelf;
      throw new Error(`Unknown shelf ${String(_exhaustive as ShelfKind)}`);
    }
  }
}
