import { describe, expect, test } from 'vitest';
import { CatalogIndex } from '../../../workers/recommender/catalog-index.ts';
import { HistoryView } from '../../../workers/recommender/history-view.ts';
import { shelf, type ShelfContext } from '../../../workers/recommender/shelves.ts';
import type { NewEvent, StoredEvent } from '../../../src/shared/events.ts';
import type { ShelfKind } from '../../../src/shared/protocol/recommender.ts';
import { TINY_CATALOG } from '../../fixtures/tiny-catalog.ts';

const NOW = 1_800_000_000_000;
const catalog = new CatalogIndex('tiny', TINY_CATALOG);

function history(events: Array<NewEvent & { minutesAgo: number }>): HistoryView {
  const view = new HistoryView('tiny');
  view.apply(
    events.map(({ minutesAgo, ...e }, i) => ({ ...e, id: `e${i}`, at: NOW - minutesAgo * 60_000, catalog: 'tiny', seq: i + 1, context: { session: 's1' } }) as StoredEvent),
  );
  return view;
}

function ids(ctx: ShelfContext, kind: ShelfKind, extra: { itemId?: string; exclude?: string[] } = {}) {
  return shelf(ctx, { shelf: kind, personalised: true, ...extra }).map((r) => r.itemId);
}

describe('recently viewed', () => {
  test('newest first, without the current item and dismissed ones', () => {
    const h = history([
      { type: 'view', itemId: 'w1', minutesAgo: 30 },
      { type: 'view', itemId: 's1', minutesAgo: 20 },
      { type: 'view', itemId: 'm1', minutesAgo: 10 },
      { type: 'dismiss', itemId: 'm1', minutesAgo: 5 },
      { type: 'view', itemId: 'w1', minutesAgo: 2 },
    ]);
    const ctx = { catalog, history: h, now: NOW };
    expect(ids(ctx, 'recently-viewed')).toEqual(['w1', 's1']);
    expect(ids(ctx, 'recently-viewed', { itemId: 'w1' })).toEqual(['s1']);
    expect(shelf(ctx, { shelf: 'recently-viewed', personalised: true })[0].because.text).toBe('You viewed this 2 min ago');
  });

  test('is empty without history or in non-personalised mode', () => {
    expect(ids({ catalog, history: null, now: NOW }, 'recently-viewed')).toEqual([]);
  });
});

describe('similar', () => {
  test('ranks same category, brand and attributes first, with reasons, and leaves out bought or out-of-stock items', () => {
    const ctx = { catalog, history: history([{ type: 'purchase', itemId: 'w3', quantity: 1, price: 900, orderId: 'o', minutesAgo: 60 }]), now: NOW };
    const recs = shelf(ctx, { shelf: 'similar', itemId: 'w1', personalised: true });
    expect(recs.map((r) => r.itemId)).toEqual(['w2']);
    expect(recs[0].because.text).toMatch(/^Also in Wrist Watches · same brand \(Titan\)/);
    expect(recs[0].because.evidence).toEqual(['w1']);
    // Without history, w3 (another wrist watch) is similar too, after w2.
    expect(ids({ catalog, history: null, now: NOW }, 'similar', { itemId: 'w1' })).toEqual(['w2', 'w3']);
    expect(ids({ catalog, history: null, now: NOW }, 'similar', { itemId: 'r1' })).toEqual([]);
  });
});

describe('bought together', () => {
  test('comes from orders and carts that held the anchor item', () => {
    const h = history([
      { type: 'purchase', itemId: 's1', quantity: 1, price: 1800, orderId: 'o1', minutesAgo: 50 },
      { type: 'purchase', itemId: 'm1', quantity: 1, price: 300, orderId: 'o1', minutesAgo: 50 },
      { type: 'add-to-cart', itemId: 's1', quantity: 1, minutesAgo: 10 },
      { type: 'add-to-cart', itemId: 'r1', quantity: 1, minutesAgo: 9 },
    ]);
    const recs = shelf({ catalog, history: h, now: NOW }, { shelf: 'bought-together', itemId: 's1', personalised: true });
    expect(recs.map((r) => r.itemId)).toEqual(['m1', 'r1']);
    expect(recs[0].because.text).toBe('Bought together with this once');
    expect(ids({ catalog, history: h, now: NOW }, 'bought-together', { itemId: 's1', exclude: ['m1'] })).toEqual(['r1']);
  });
});

describe('trending', () => {
  test('without history: the catalog prior (ratings, discounts), in stock only', () => {
    const recs = shelf({ catalog, history: null, now: NOW }, { shelf: 'trending', personalised: false });
    expect(recs.slice(0, 2).map((r) => r.itemId)).toEqual(['r1', 's2']);
    expect(recs.find((r) => r.itemId === 'r1')!.because.text).toBe('Rated 4.6 by 120 shoppers');
    // A rating whose count is unknown claims no shoppers, and one rating does not outrank a well-rated product.
    const lone = new CatalogIndex('tiny', TINY_CATALOG.map((p) => (p.id === 'r1' ? { ...p, ratingCount: undefined } : p.id === 'm1' ? { ...p, rating: 5, ratingCount: 1 } : p)));
    const loneRecs = shelf({ catalog: lone, history: null, now: NOW }, { shelf: 'trending', personalised: false });
    expect(loneRecs.every((r) => !/by shoppers|Rated 4\.6/.test(r.because.text))).toBe(true);
    expect(recs.find((r) => r.itemId === 's2')!.because.text).toBe('One of the biggest savings in the shop');
    expect(recs.map((r) => r.itemId)).not.toContain('r2');
  });

  test('is about the shop, not the shopper: their views do not reorder it, and what they viewed lately is left to "Recently viewed"', () => {
    const plain = ids({ catalog, history: null, now: NOW }, 'trending');
    const h = history([
      ...Array.from({ length: 4 }, () => ({ type: 'view' as const, itemId: 'm1', minutesAgo: 60 * 24 * 30 })),
      { type: 'view', itemId: 'w2', minutesAgo: 60 * 24 },
      { type: 'view', itemId: 'w2', minutesAgo: 60 * 23 },
    ]);
    const mine = shelf({ catalog, history: h, now: NOW }, { shelf: 'trending', personalised: true });
    expect(mine.map((r) => r.itemId)).not.toContain('w2');
    expect(mine.map((r) => r.itemId)).not.toContain('m1');
    expect(mine.map((r) => r.itemId)).toEqual(plain.filter((id) => id !== 'w2' && id !== 'm1').slice(0, mine.length));
    expect(mine.every((r) => !/you/i.test(r.because.text))).toBe(true);
  });
});

describe('for you (content-based until the learned model)', () => {
  test('follows what the shopper engaged with, names it, excludes bought, dismissed and dismissed categories', () => {
    const h = history([
      { type: 'view', itemId: 'w1', minutesAgo: 30 },
      { type: 'purchase', itemId: 'w1', quantity: 1, price: 2500, orderId: 'o1', minutesAgo: 20 },
      { type: 'view', itemId: 's1', minutesAgo: 15 },
      { type: 'dismiss', itemId: 's1', category: ['Footwear'], minutesAgo: 14 },
    ]);
    const recs = shelf({ catalog, history: h, now: NOW }, { shelf: 'for-you', personalised: true });
    expect(recs[0]).toMatchObject({ itemId: 'w2', because: { text: 'Because you bought Titan Analog Watch Black Dial', evidence: ['w1'] } });
    const all = recs.map((r) => r.itemId);
    expect(all).not.toContain('w1');
    expect(all.filter((id) => id.startsWith('s'))).toEqual([]);
  });

  test('an explanation names only history items of a related kind, or gives a plain reason', () => {
    // A watch and a shoe viewed: a shoe is explained by the shoe, never by the watch.
    const h = history([{ type: 'view', itemId: 'w1', minutesAgo: 3 }, { type: 'view', itemId: 's1', minutesAgo: 2 }]);
    const recs = shelf({ catalog, history: h, now: NOW }, { shelf: 'for-you', personalised: true, limit: 20 });
    for (const r of recs) {
      const top = catalog.get(r.itemId)!.product.categoryPath[0];
      for (const e of r.because.evidence) expect(catalog.get(e)!.product.categoryPath[0]).toBe(top);
    }
    // After "Not interested" in watches, a rating of a shoe explains shoes only; the model's other picks say so plainly.
    const h2 = history([
      { type: 'view', itemId: 'w1', minutesAgo: 5 },
      { type: 'rate', itemId: 's1', rating: 5, minutesAgo: 4 },
      { type: 'dismiss', itemId: 'w1', category: ['Watches'], minutesAgo: 3 },
    ]);
    const model = new Map(catalog.items.map((i) => [i.index, 1 - i.index / 100]));
    const picks = shelf({ catalog, history: h2, now: NOW, model }, { shelf: 'for-you', personalised: true, limit: 20 });
    expect(picks.length).toBeGreaterThan(0);
    for (const r of picks) {
      const kind = catalog.get(r.itemId)!.product.categoryPath[0];
      if (r.because.evidence.includes('s1')) expect(kind).toBe('Footwear');
      else expect(r.because.text).toBe('Picked by your on-device model from your browsing');
    }
  });

  test('diversity: one category fills at most 40% of a shelf when others are available', () => {
    const h = history([{ type: 'view', itemId: 'w1', minutesAgo: 1 }, { type: 'view', itemId: 'r1', minutesAgo: 1 }, { type: 'view', itemId: 's1', minutesAgo: 1 }]);
    const recs = shelf({ catalog, history: h, now: NOW }, { shelf: 'for-you', personalised: true, limit: 5 });
    const watches = recs.filter((r) => r.itemId.startsWith('w')).length;
    expect(watches).toBeLessThanOrEqual(2);
  });
});

describe('the shopper\'s profile edits', () => {
  const h = () =>
    history([
      { type: 'view', itemId: 'w1', minutesAgo: 30 },
      { type: 'view', itemId: 's1', minutesAgo: 20 },
      { type: 'add-to-cart', itemId: 's2', quantity: 1, minutesAgo: 10 },
    ]);

  test('a muted interest stops leading and its products leave the personal shelves at once', () => {
    const ctx = { catalog, history: h(), now: NOW };
    const before = shelf(ctx, { shelf: 'for-you', personalised: true });
    expect(before.some((r) => r.itemId.startsWith('w'))).toBe(true);
    const after = shelf(ctx, { shelf: 'for-you', personalised: true, prefs: { muted: ['category:Watches'], budget: null } });
    expect(after.filter((r) => r.itemId.startsWith('w'))).toEqual([]);
    expect(after.every((r) => !/Titan/.test(r.because.text))).toBe(true);
    const brandMuted = shelf(ctx, { shelf: 'for-you', personalised: true, prefs: { muted: ['brand:Titan'], budget: null } }).map((r) => r.itemId);
    expect(brandMuted).not.toContain('w2');
  });

  test('a budget keeps dearer products out of personal shelves', () => {
    const ctx = { catalog, history: h(), now: NOW };
    const recs = shelf(ctx, { shelf: 'for-you', personalised: true, prefs: { muted: [], budget: 1000 } });
    expect(recs.length).toBeGreaterThan(0);
    expect(recs.every((r) => catalog.get(r.itemId)!.product.price <= 1000)).toBe(true);
    expect(shelf(ctx, { shelf: 'trending', personalised: true, prefs: { muted: [], budget: 1000 } }).every((r) => catalog.get(r.itemId)!.product.price <= 1000)).toBe(true);
  });
});

describe('merchant rules', () => {
  test('hide, boost and pin apply after ranking', () => {
    const base = { catalog, history: null, now: NOW };
    const plain = shelf(base, { shelf: 'trending', personalised: false }).map((r) => r.itemId);
    const hidden = shelf({ ...base, rules: { hide: [{ brand: 'Titan' }] } }, { shelf: 'trending', personalised: false }).map((r) => r.itemId);
    expect(hidden).not.toContain('w1');
    expect(hidden).not.toContain('w2');
    const boosted = shelf({ ...base, rules: { boost: [{ match: { ids: [plain[1]] }, factor: 10 }] } }, { shelf: 'trending', personalised: false });
    expect(boosted.map((r) => r.itemId).slice(0, 2)).toEqual([plain[1], plain[0]]);
    const pinned = shelf({ ...base, rules: { pin: [{ itemId: 'm1', position: 1, shelf: 'trending' }] } }, { shelf: 'trending', personalised: false });
    expect(pinned[1].itemId).toBe('m1');
    expect(pinned.filter((r) => r.itemId === 'm1')).toHaveLength(1);
    // A pin never shows what is hidden or out of stock.
    const blocked = shelf({ ...base, rules: { pin: [{ itemId: 'r2', position: 0 }] } }, { shelf: 'trending', personalised: false });
    expect(blocked.map((r) => r.itemId)).not.toContain('r2');
  });
});
