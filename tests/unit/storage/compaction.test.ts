import { beforeEach, expect, test } from 'vitest';
import { compactHistory, getItemStats } from '../../../src/storage/compaction.ts';
import { allEvents, appendEvents, completeEvent, countEvents } from '../../../src/storage/history.ts';
import { setSetting } from '../../../src/storage/settings.ts';
import { exportEverything, importEverything } from '../../../src/storage/export.ts';
import type { NewEvent } from '../../../src/shared/events.ts';
import { freshIndexedDb } from './helpers.ts';

beforeEach(freshIndexedDb);

/** Times a real clock gives (an export refuses times before 2000). */
const T0 = Date.UTC(2025, 0, 1);
const ev = (e: NewEvent, at: number) => completeEvent('cat', { ...e, at: T0 + at });

test('over the cap, the oldest views/clicks/dwell/searches are folded into item summaries; purchases are kept', async () => {
  const events = [];
  let t = 1000;
  events.push(ev({ type: 'purchase', itemId: 'p0', quantity: 1, price: 5, orderId: 'o' }, t++));
  for (let i = 0; i < 150; i++) events.push(ev({ type: 'view', itemId: `p${i % 3}` }, t++));
  events.push(ev({ type: 'dwell', itemId: 'p1', ms: 4000 }, t++));
  events.push(ev({ type: 'search', query: 'watch', results: 3 }, t++));
  events.push(ev({ type: 'rate', itemId: 'p2', rating: 5 }, t++));
  // Write without triggering automatic compaction (cap not yet lowered), then compact to a cap of 100.
  await appendEvents(events);
  expect(await countEvents()).toBe(154);
  const report = await compactHistory(100);
  expect(report).toMatchObject({ before: 154, after: 80, removed: 74 });
  const left = await allEvents();
  expect(left.filter((e) => e.type === 'purchase')).toHaveLength(1);
  expect(left.filter((e) => e.type === 'rate')).toHaveLength(1);
  // What is left is the most recent history, in order.
  expect(left.map((e) => e.at)).toEqual([...left.map((e) => e.at)].sort((a, b) => a - b));
  const stats = await getItemStats('cat');
  expect(stats.reduce((n, s) => n + s.views, 0)).toBe(74);
  expect(stats.find((s) => s.itemId === 'p0')!.views).toBeGreaterThan(20);
  // Under the cap nothing happens.
  expect(await compactHistory(100)).toBeNull();
});

test('when valuable events alone exceed the cap, the oldest of them are folded too (growth is always bounded)', async () => {
  const events = Array.from({ length: 130 }, (_, i) => ev({ type: 'add-to-cart', itemId: `p${i % 2}`, quantity: 1 }, i));
  await appendEvents(events);
  const report = await compactHistory(100);
  expect(report!.after).toBe(80);
  const stats = await getItemStats('cat');
  expect(stats.reduce((n, s) => n + s.addToCart, 0)).toBe(50);
});

test('dismissals are never folded away: "not interested" stays, even when valuable events exceed the cap', async () => {
  const dismissals = Array.from({ length: 10 }, (_, i) => ev({ type: 'dismiss', itemId: `d${i}` }, i));
  const carts = Array.from({ length: 130 }, (_, i) => ev({ type: 'add-to-cart', itemId: `p${i % 2}`, quantity: 1 }, 100 + i));
  await appendEvents([...dismissals, ...carts]);
  const report = await compactHistory(100);
  expect(report!.after).toBe(80);
  expect((await allEvents()).filter((e) => e.type === 'dismiss')).toHaveLength(10);
});

test('recording past the historyCap setting compacts automatically, and summaries survive export and import', async () => {
  await setSetting('historyCap', 100);
  for (let i = 0; i < 12; i++) await appendEvents(Array.from({ length: 10 }, (_, j) => ev({ type: 'view', itemId: 'x' }, i * 10 + j)));
  expect(await countEvents()).toBeLessThanOrEqual(100);
  const total = (await getItemStats('cat'))[0].views + (await countEvents());
  expect(total).toBe(120);
  const text = JSON.stringify(await exportEverything());
  await freshIndexedDb();
  await importEverything(text);
  expect((await getItemStats('cat'))[0].views + (await countEvents())).toBe(120);
});
