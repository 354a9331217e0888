/**
 * What the shelves need to know about the shopper's history, maintained incrementally as events arrive (apply) and
 * rebuilt after compaction, import or deletion. Pure: fed events, not storage.
 */
import type { ItemStats } from '../../src/storage/db.ts';
import type { StoredEvent } from '../../src/shared/events.ts';
import { underCategory } from '../../src/shared/catalog/facets.ts';

/** How much each kind of event says about interest in an item. Dismissals exclude instead. */
export const EVENT_WEIGHTS = {
  view: 1,
  click: 0.5,
  /** Per 10 s on the product page, at most 3. */
  dwellPer10s: 0.5,
  addToCart: 3,
  removeFromCart: -1.5,
  purchase: 5,
  /** Times (rating - 3): a 5 adds 3, a 1 subtracts 3. */
  ratePerStar: 1.5,
  /** Per product an assistant answer showed, times the thumbs (+1 or -1). */
  feedback: 0.5,
} as const;

/** Interest halves every week without new activity. */
export const HALF_LIFE_MS = 7 * 24 * 3600 * 1000;

export interface ItemEvidence {
  views: number;
  clicks: number;
  dwellMs: number;
  carts: number;
  purchases: number;
  rating: number | null;
  lastAt: number;
}

interface ItemState extends ItemEvidence {
  /** Σ weight · 2^((at - origin) / HALF_LIFE): decayed to any time t by multiplying with 2^((origin - t) / HALF_LIFE). */
  acc: number;
}

export class HistoryView {
  lastSeq = 0;
  events = 0;
  readonly items = new Map<string, ItemState>();
  /** Item id → last time viewed. */
  readonly lastViewed = new Map<string, number>();
  readonly purchased = new Set<string>();
  readonly dismissedItems = new Set<string>();
  readonly dismissedCategories: string[][] = [];
  /** Basket (an order, or a session's cart) → items in it. */
  readonly baskets = new Map<string, Set<string>>();
  readonly itemBaskets = new Map<string, Set<string>>();
  /** This catalog's interactions in arrival order (what the preference model learns from). */
  readonly trail: StoredEvent[] = [];
  /** The most recent searches, newest last. */
  readonly searches: Array<{ query: string; at: number }> = [];
  private origin: number | null = null;

  constructor(readonly catalogId: string) {}

  private state(itemId: string): ItemState {
    let s = this.items.get(itemId);
    if (!s) this.items.set(itemId, (s = { views: 0, clicks: 0, dwellMs: 0, carts: 0, purchases: 0, rating: null, lastAt: 0, acc: 0 }));
    return s;
  }

  private add(itemId: string, weight: number, at: number): ItemState {
    this.origin ??= at;
    const s = this.state(itemId);
    s.acc += weight * 2 ** ((at - this.origin) / HALF_LIFE_MS);
    s.lastAt = Math.max(s.lastAt, at);
    return s;
  }

  private basket(key: string, itemId: string): void {
    let items = this.baskets.get(key);
    if (!items) this.baskets.set(key, (items = new Set()));
    items.add(itemId);
    let keys = this.itemBaskets.get(itemId);
    if (!keys) this.itemBaskets.set(itemId, (keys = new Set()));
    keys.add(key);
  }

  /** Summaries of compacted events count as views/carts/purchases at their last time. */
  applyStats(stats: ItemStats[]): void {
    for (const st of stats) {
      if (st.catalog !== this.catalogId) continue;
      const w = st.views * EVENT_WEIGHTS.view + st.clicks * EVENT_WEIGHTS.click + st.addToCart * EVENT_WEIGHTS.addToCart + st.purchases * EVENT_WEIGHTS.purchase;
      const s = this.add(st.itemId, w, st.lastAt);
      s.views += st.views;
      s.clicks += st.clicks;
      s.dwellMs += st.dwellMs;
      s.carts += st.addToCart;
      s.purchases += st.purchases;
      if (st.views > 0) this.lastViewed.set(st.itemId, Math.max(this.lastViewed.get(st.itemId) ?? 0, st.lastAt));
      if (st.purchases > 0) this.purchased.add(st.itemId);
    }
  }

  apply(events: StoredEvent[]): void {
    for (const e of events) {
      this.lastSeq = Math.max(this.lastSeq, e.seq);
      if (e.catalog !== this.catalogId) continue;
      this.events++;
      if (e.type === 'view' || e.type === 'add-to-cart' || e.type === 'purchase' || e.type === 'rate' || e.type === 'dismiss') this.trail.push(e);
      switch (e.type) {
        case 'view':
          this.add(e.itemId, EVENT_WEIGHTS.view, e.at).views++;
          this.lastViewed.set(e.itemId, Math.max(this.lastViewed.get(e.itemId) ?? 0, e.at));
          break;
        case 'click':
          this.add(e.itemId, EVENT_WEIGHTS.click, e.at).clicks++;
          break;
        case 'dwell':
          this.add(e.itemId, Math.min(3, (e.ms / 10_000) * EVENT_WEIGHTS.dwellPer10s), e.at).dwellMs += e.ms;
          break;
        case 'add-to-cart':
          this.add(e.itemId, EVENT_WEIGHTS.addToCart, e.at).carts += e.quantity;
          this.basket(`session:${e.context?.session ?? 'none'}`, e.itemId);
          break;
        case 'remove-from-cart':
          this.add(e.itemId, EVENT_WEIGHTS.removeFromCart, e.at);
          break;
        case 'purchase':
          this.add(e.itemId, EVENT_WEIGHTS.purchase, e.at).purchases += e.quantity;
          this.purchased.add(e.itemId);
          this.basket(`order:${e.orderId}`, e.itemId);
          break;
        case 'rate':
          this.add(e.itemId, (e.rating - 3) * EVENT_WEIGHTS.ratePerStar, e.at).rating = e.rating;
          break;
        case 'dismiss':
          if (e.category?.length) this.dismissedCategories.push(e.category);
          else this.dismissedItems.add(e.itemId);
          break;
        case 'feedback':
          // Thumbs up or down on an assistant answer: a little interest in what it showed, or a little less.
          for (const itemId of e.items) this.add(itemId, e.value * EVENT_WEIGHTS.feedback, e.at);
          break;
        case 'search':
          this.searches.push({ query: e.query, at: e.at });
          if (this.searches.length > 50) this.searches.shift();
          break;
        default: {
          const _exhaustive: never = e;
          void _exhaustive;
        }
      }
    }
  }

  /** Interest in an item at time `now` (decayed). */
  interest(itemId: string, now: number): number {
    const s = this.items.get(itemId);
    if (!s || this.origin === null) return 0;
    return s.acc * 2 ** ((this.origin - now) / HALF_LIFE_MS);
  }

  evidence(itemId: string): ItemEvidence | undefined {
    return this.items.get(itemId);
  }

  isDismissed(itemId: string, categoryPath: string[]): boolean {
    if (this.dismissedItems.has(itemId)) return true;
    return this.dismissedCategories.some((c) => c.length > 0 && underCategory(categoryPath, c));
  }
}
