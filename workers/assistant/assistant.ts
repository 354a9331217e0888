/**
 * The shopping assistant's answers, composed only of tool results: catalog search with the constraints (the search
 * engine the search page uses), the shopper's ranking (the recommender's shelves), a comparison of the products'
 * real attributes, the merchant's policy documents, product specifications, and the shopper's own orders and views
 * (the history view: never leaves the device). When nothing matches every constraint it says so and shows what
 * matches with one constraint relaxed. Pure: the recommender worker's `assistantApi`, the benchmark and the tests
 * run it with their own tools.
 */
import type { Product } from '../../src/shared/catalog/types.ts';
import type { AnswerBlock, AnswerProduct, AssistReply, AssistRequest, ChatContext, Constraints, Suggestion, Understanding } from '../../src/shared/protocol/assistant.ts';
import type { Recommendation, ShelfRequest } from '../../src/shared/protocol/recommender.ts';
import { cleanDescription } from '../../src/shared/text/product-text.ts';
import { tokenize } from '../../src/shared/text/tokenize.ts';
import type { PurchaseEvent } from '../../src/shared/events.ts';
import type { SearchEngine } from '../search/engine.ts';
import type { HistoryView } from '../recommender/history-view.ts';
import { answersQuestion, type PolicyIndex } from './policies.ts';
import type { Understander } from './understand.ts';

/** Products an answer shows at most. */
export const SHOWN = 6;
/** Constraints tried without, in this order, when nothing matches them all. */
const RELAX_ORDER: Array<keyof Constraints> = ['color', 'size', 'brand', 'words', 'priceMin', 'priceMax'];

export interface AssistantTools {
  products: readonly Product[];
  engine: SearchEngine;
  understander: Understander;
  policies: PolicyIndex | null;
  /** The shopper's history, or null in non-personalised mode. */
  history: () => Promise<HistoryView | null>;
  recommend: (request: ShelfRequest) => Promise<Recommendation[]>;
}

const COLOUR_KEY = /colou?r/i;

export function answerProduct(p: Product, wanted: Constraints = {}): AnswerProduct {
  const attrs = Object.entries(p.attributes).filter(([k, v]) => v && v.length <= 60 && !/style code|model number|sales package|number of contents/i.test(k));
  const colour = attrs.filter(([k]) => COLOUR_KEY.test(k));
  const rest = attrs.filter(([k]) => !COLOUR_KEY.test(k));
  return {
    id: p.id,
    title: p.title,
    brand: p.brand,
    price: p.price,
    listPrice: p.listPrice,
    currency: p.currency,
    image: p.image,
    categoryPath: p.categoryPath,
    rating: p.rating,
    inStock: p.inStock,
    attributes: [...(wanted.color ? colour : []), ...rest.slice(0, 3), ...(wanted.color ? [] : colour.slice(0, 1))].slice(0, 4),
  };
}

function hasColour(p: Product, colour: string): boolean {
  const text = [...Object.entries(p.attributes).filter(([k]) => COLOUR_KEY.test(k)).map(([, v]) => v), p.title].join(' ');
  return tokenize(text).includes(colour);
}

function hasSize(p: Product, size: string): boolean {
  return Object.entries(p.attributes).some(([k, v]) => /size/i.test(k) && tokenize(v).includes(size.toLowerCase()));
}

/** One product per variant group, in order. */
function oncePerGroup(products: Product[]): Product[] {
  const seen = new Set<string>();
  return products.filter((p) => {
    const g = p.group ?? p.id;
    if (seen.has(g)) return false;
    seen.add(g);
    return true;
  });
}

export class ShopAssistant {
  readonly #byId: Map<string, Product>;

  constructor(readonly tools: AssistantTools) {
    this.#byId = new Map(tools.products.map((p) => [p.id, p]));
  }

  product(id: string): Product | undefined {
    return this.#byId.get(id);
  }

  async answer(request: AssistRequest): Promise<AssistReply> {
    const t0 = performance.now();
    const text = request.text.slice(0, 500);
    const u = this.tools.understander.understand(text, request.context);
    const { blocks, shown, suggestions } = await this.#compose(u, text, request.context);
    const context: ChatContext = {
      constraints: u.intent === 'search' || u.intent === 'recommend' ? u.constraints : request.context.constraints,
      shown: shown ?? request.context.shown,
      intent: u.intent === 'search' || u.intent === 'recommend' ? u.intent : request.context.intent,
    };
    return { understanding: u, blocks, suggestions, context, tookMs: performance.now() - t0 };
  }

  /** Products the request points at in the last answer ("the second one"), else the only one it showed. */
  #referred(u: Understanding, context: ChatContext): Product[] {
    const ids = u.refers.length ? u.refers.map((i) => context.shown[i]).filter(Boolean) : context.shown.length === 1 ? context.shown : [];
    return ids.map((id) => this.#byId.get(id)).filter((p): p is Product => !!p);
  }

  async #compose(u: Understanding, text: string, context: ChatContext): Promise<{ blocks: AnswerBlock[]; shown?: string[]; suggestions: Suggestion[] }> {
    switch (u.intent) {
      case 'search':
        return this.#search(u.constraints, context);
      case 'recommend':
        return this.#recommend(u, context);
      case 'compare': {
        let products = this.#referred(u, context);
        if (products.length < 2) products = context.shown.slice(0, 3).map((id) => this.#byId.get(id)).filter((p): p is Product => !!p);
        if (products.length < 2) return { blocks: [{ kind: 'need-products' }], suggestions: [] };
        return { blocks: [compareBlock(products)], suggestions: products.map((_, index) => ({ kind: 'details', index }) as Suggestion).slice(0, 2) };
      }
      case 'product_question': {
        const [p] = this.#referred(u, context);
        if (!p) return { blocks: [{ kind: 'need-products' }], suggestions: [] };
        const description = cleanDescription(p.description, p.title).slice(0, 400);
        return { blocks: [{ kind: 'spec', product: answerProduct(p), description, attributes: Object.entries(p.attributes).filter(([, v]) => v && v.length <= 80).slice(0, 14) }], suggestions: context.shown.length > 1 ? [{ kind: 'compare' }] : [] };
      }
      case 'cart':
        return this.#cart(u, context);
      case 'orders':
        return u.history === 'viewed' ? this.#viewed(u) : this.#orders(u);
      case 'explain':
        return this.#explain(u, context);
      case 'faq': {
        const [best] = this.tools.policies?.search(text, 1) ?? [];
        if (!answersQuestion(best)) return { blocks: [{ kind: 'no-policy' }], suggestions: [] };
        return { blocks: [{ kind: 'policy', entry: best.entry, score: best.score }], suggestions: [] };
      }
      case 'greeting':
        return { blocks: [{ kind: 'greeting' }], suggestions: this.#starters() };
      case 'other':
        return { blocks: [{ kind: 'help' }], suggestions: this.#starters() };
    }
  }

  #starters(): Suggestion[] {
    const top = this.tools.understander.terms.topLevel.slice(0, 2);
    return [...top.map((category) => ({ kind: 'category', category }) as Suggestion), { kind: 'orders' }];
  }

  /** Products that meet every constraint, best first. */
  match(c: Constraints, context: ChatContext = { constraints: {}, shown: [], intent: null }): Product[] {
    const query = [c.kind, c.color, c.words].filter(Boolean).join(' ');
    const maxPrice = c.cheaper ? this.#cheaperThan(context) : undefined;
    const upper = Math.min(c.priceMax ?? Infinity, maxPrice ?? Infinity);
    const pass = (p: Product) =>
      (!c.category || p.categoryPath[0] === c.category) &&
      (!c.brand || p.brand === c.brand || p.attributes['Brand'] === c.brand) &&
      (c.priceMin === undefined || p.price >= c.priceMin) &&
      p.price <= upper &&
      (!c.color || hasColour(p, c.color)) &&
      (!c.size || hasSize(p, c.size));
    let found: Product[];
    if (query.trim()) {
      const r = this.tools.engine.search({
        query,
        filters: { category: c.category ? [c.category] : undefined, brands: c.brand ? [c.brand] : undefined, minPrice: c.priceMin, maxPrice: Number.isFinite(upper) ? upper + 0.01 : undefined },
        limit: 400,
      });
      found = r.hits.map((h) => this.#byId.get(h.itemId)!).filter(pass);
      // The kind of thing alone, when its words find nothing more specific ("女" left over from 女鞋).
      if (!found.length && c.words && (c.kind || c.category)) found = this.match({ ...c, words: undefined }, context);
    } else {
      found = this.tools.products.filter(pass).sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0));
    }
    found = oncePerGroup(found);
    if (c.sort === 'price_asc') found = [...found].sort((a, b) => a.price - b.price);
    else if (c.sort === 'price_desc') found = [...found].sort((a, b) => b.price - a.price);
    else if (c.sort === 'rating') found = [...found].sort((a, b) => (b.rating ?? 0) * Math.log(2 + (b.ratingCount ?? 1)) - (a.rating ?? 0) * Math.log(2 + (a.ratingCount ?? 1)));
    return found;
  }

  /** "Cheaper ones": below the median price of the products shown last. */
  #cheaperThan(context: ChatContext): number | undefined {
    const prices = context.shown.map((id) => this.#byId.get(id)?.price).filter((x): x is number => x !== undefined).sort((a, b) => a - b);
    if (!prices.length) return undefined;
    return prices[Math.floor((prices.length - 1) / 2)] - 0.01;
  }

  #search(c: Constraints, context: ChatContext): { blocks: AnswerBlock[]; shown: string[]; suggestions: Suggestion[] } {
    const found = this.match(c, context);
    if (found.length) {
      const shown = found.slice(0, SHOWN);
      return { blocks: [{ kind: 'found', total: found.length, shown: shown.length, constraints: c }, { kind: 'products', products: shown.map((p) => answerProduct(p, c)) }], shown: shown.map((p) => p.id), suggestions: this.#followUps(c, found) };
    }
    for (const key of RELAX_ORDER) {
      if (c[key] === undefined && !(key === 'priceMax' && c.cheaper)) continue;
      const relaxed: Constraints = { ...c, [key]: undefined };
      if (key === 'priceMax') delete relaxed.cheaper;
      const near = this.match(relaxed, context);
      if (near.length) {
        const sorted = key === 'priceMax' || key === 'priceMin' ? [...near].sort((a, b) => Math.abs(a.price - (c.priceMax ?? c.priceMin ?? 0)) - Math.abs(b.price - (c.priceMax ?? c.priceMin ?? 0))) : near;
        const shown = sorted.slice(0, SHOWN);
        return { blocks: [{ kind: 'none', constraints: c }, { kind: 'relaxed', relaxed: key, total: near.length, constraints: relaxed }, { kind: 'products', products: shown.map((p) => answerProduct(p, relaxed)) }], shown: shown.map((p) => p.id), suggestions: [] };
      }
    }
    return { blocks: [{ kind: 'none', constraints: c }], shown: [], suggestions: this.#starters() };
  }

  #followUps(c: Constraints, found: Product[]): Suggestion[] {
    const out: Suggestion[] = [];
    if (found.length > 1) out.push({ kind: 'cheaper' });
    const colours = new Map<string, number>();
    for (const p of found) for (const [k, v] of Object.entries(p.attributes)) if (COLOUR_KEY.test(k)) for (const w of tokenize(v)) if (this.tools.understander.terms.colors.has(w) && w !== c.color) colours.set(w, (colours.get(w) ?? 0) + 1);
    const colour = [...colours].sort((a, b) => b[1] - a[1])[0];
    if (colour) out.push({ kind: 'color', color: colour[0] });
    if (found.length > 1) out.push({ kind: 'compare' });
    out.push({ kind: 'details', index: 0 });
    return out;
  }

  async #recommend(u: Understanding, context: ChatContext): Promise<{ blocks: AnswerBlock[]; shown?: string[]; suggestions: Suggestion[] }> {
    const c = u.constraints;
    const history = await this.tools.history();
    if (u.history === 'viewed') {
      const anchor = history ? this.#lastViewed(history, c) : null;
      if (!anchor) return { blocks: [{ kind: 'no-history' }], suggestions: this.#starters() };
      const similar = await this.tools.recommend({ shelf: 'similar', itemId: anchor.id, limit: 60, personalised: !!history });
      const cheaper = c.cheaper || c.sort === 'price_asc';
      const picked = oncePerGroup(similar.map((r) => this.#byId.get(r.itemId)).filter((p): p is Product => !!p && (!cheaper || p.price < anchor.price) && (c.priceMax === undefined || p.price <= c.priceMax) && (!c.color || hasColour(p, c.color)))).slice(0, SHOWN);
      const blocks: AnswerBlock[] = [{ kind: 'viewed', at: history!.lastViewed.get(anchor.id) ?? 0, product: answerProduct(anchor) }];
      if (!picked.length) return { blocks: [...blocks, { kind: 'none', constraints: { ...c, priceMax: cheaper ? anchor.price : c.priceMax } }], suggestions: [] };
      return { blocks: [...blocks, { kind: 'found', total: picked.length, shown: picked.length, constraints: { ...c, priceMax: cheaper ? anchor.price : c.priceMax } }, { kind: 'products', products: picked.map((p) => answerProduct(p, c)) }], shown: picked.map((p) => p.id), suggestions: [{ kind: 'compare' }] };
    }
    const ranked = await this.tools.recommend({ shelf: 'for-you', limit: 100, personalised: !!history });
    const matching = new Set(this.match({ ...c, sort: undefined }, context).map((p) => p.id));
    const constrained = Object.keys(c).some((k) => k !== 'words');
    let picked = ranked.map((r) => this.#byId.get(r.itemId)).filter((p): p is Product => !!p && (!constrained || matching.has(p.id)));
    if (picked.length < 3) picked = [...picked, ...this.match({ ...c, sort: 'rating' }, context).filter((p) => !picked.includes(p))];
    picked = oncePerGroup(picked).slice(0, SHOWN);
    if (!picked.length) return this.#search(c, context);
    return { blocks: [{ kind: 'found', total: picked.length, shown: picked.length, constraints: c }, { kind: 'products', products: picked.map((p) => answerProduct(p, c)) }], shown: picked.map((p) => p.id), suggestions: [{ kind: 'cheaper' }, { kind: 'compare' }] };
  }

  #lastViewed(history: HistoryView, c: Constraints): Product | null {
    let best: Product | null = null;
    let at = -1;
    for (const [id, t] of history.lastViewed) {
      const p = this.#byId.get(id);
      if (!p || (c.category && p.categoryPath[0] !== c.category)) continue;
      if (t > at) [best, at] = [p, t];
    }
    return best;
  }

  async #viewed(u: Understanding): Promise<{ blocks: AnswerBlock[]; shown?: string[]; suggestions: Suggestion[] }> {
    const history = await this.tools.history();
    const p = history ? this.#lastViewed(history, u.constraints) : null;
    if (!p) return { blocks: [{ kind: 'no-history' }], suggestions: [] };
    return { blocks: [{ kind: 'viewed', at: history!.lastViewed.get(p.id) ?? 0, product: answerProduct(p) }, { kind: 'products', products: [answerProduct(p)] }], shown: [p.id], suggestions: [{ kind: 'cheaper' }] };
  }

  /** The shopper's orders, newest first (purchase events grouped by order id). */
  async orders(): Promise<Array<{ orderId: string; at: number; lines: Array<{ product: Product; quantity: number; price: number }> }>> {
    const history = await this.tools.history();
    if (!history) return [];
    const orders = new Map<string, { orderId: string; at: number; lines: Array<{ product: Product; quantity: number; price: number }> }>();
    for (const e of history.trail) {
      if (e.type !== 'purchase') continue;
      const purchase = e as PurchaseEvent;
      const product = this.#byId.get(purchase.itemId);
      if (!product) continue;
      const o = orders.get(purchase.orderId) ?? { orderId: purchase.orderId, at: purchase.at, lines: [] };
      o.at = Math.max(o.at, purchase.at);
      o.lines.push({ product, quantity: purchase.quantity, price: purchase.price });
      orders.set(purchase.orderId, o);
    }
    return [...orders.values()].sort((a, b) => b.at - a.at);
  }

  async #orders(u: Understanding): Promise<{ blocks: AnswerBlock[]; shown?: string[]; suggestions: Suggestion[] }> {
    let orders = await this.orders();
    if (u.constraints.category) orders = orders.map((o) => ({ ...o, lines: o.lines.filter((l) => l.product.categoryPath[0] === u.constraints.category) })).filter((o) => o.lines.length);
    if (!orders.length) return { blocks: [{ kind: 'no-orders' }], suggestions: this.#starters() };
    const recent = orders.slice(0, 3);
    const shown = recent[0].lines.map((l) => l.product.id);
    return {
      blocks: [{ kind: 'orders', orders: recent.map((o) => ({ orderId: o.orderId, at: o.at, lines: o.lines.map((l) => ({ product: answerProduct(l.product), quantity: l.quantity, price: l.price })) })) }, { kind: 'products', products: recent[0].lines.map((l) => answerProduct(l.product)) }],
      shown,
      suggestions: [],
    };
  }

  async #cart(u: Understanding, context: ChatContext): Promise<{ blocks: AnswerBlock[]; shown?: string[]; suggestions: Suggestion[] }> {
    if (u.action === 'reorder') {
      const [last] = await this.orders();
      if (!last) return { blocks: [{ kind: 'no-orders' }], suggestions: [] };
      const products = last.lines.map((l) => answerProduct(l.product));
      return { blocks: [{ kind: 'orders', orders: [{ orderId: last.orderId, at: last.at, lines: last.lines.map((l) => ({ product: answerProduct(l.product), quantity: l.quantity, price: l.price })) }] }, { kind: 'add-to-cart', products }], shown: products.map((p) => p.id), suggestions: [] };
    }
    const products = this.#referred(u, context);
    if (!products.length) return { blocks: [{ kind: 'need-products' }], suggestions: [] };
    return { blocks: [{ kind: 'add-to-cart', products: products.map((p) => answerProduct(p)) }], suggestions: [] };
  }

  async #explain(u: Understanding, context: ChatContext): Promise<{ blocks: AnswerBlock[]; shown?: string[]; suggestions: Suggestion[] }> {
    const [p] = this.#referred(u, context).length ? this.#referred(u, context) : context.shown.slice(0, 1).map((id) => this.#byId.get(id)).filter((x): x is Product => !!x);
    if (!p) return { blocks: [{ kind: 'need-products' }], suggestions: [] };
    const history = await this.tools.history();
    const ranked = await this.tools.recommend({ shelf: 'for-you', limit: 200, personalised: !!history });
    const hit = ranked.find((r) => r.itemId === p.id);
    const because = (hit?.because.evidence ?? []).map((id) => this.#byId.get(id)).filter((x): x is Product => !!x).slice(0, 3);
    return { blocks: [{ kind: 'explain', product: answerProduct(p), reason: hit?.because.reason ?? null, because: because.map((b) => answerProduct(b)) }], suggestions: [] };
  }
}

/** The products' real attributes side by side: price, brand, rating, and every attribute two of them have. */
export function compareBlock(products: Product[]): AnswerBlock {
  const keys = new Map<string, number>();
  for (const p of products) for (const [k, v] of Object.entries(p.attributes)) if (v && v.length <= 60 && !/style code|model number/i.test(k)) keys.set(k, (keys.get(k) ?? 0) + 1);
  const shared = [...keys].filter(([, n]) => n >= Math.min(2, products.length)).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k]) => k);
  const rows = shared.map((attribute) => ({ attribute, values: products.map((p) => p.attributes[attribute] ?? '—') }));
  return { kind: 'compare', products: products.map((p) => answerProduct(p)), rows };
}
