import { beforeEach, describe, expect, test } from 'vitest';
import { allEvents, appendEvents, completeEvent, countByType, countEvents, eventsAfter, lastSeq, recentEvents, recordEvent } from '../../../src/storage/history.ts';
import { getAllSettings, getSetting, setSetting, updateSetting } from '../../../src/storage/settings.ts';
import { exportEverything, importEverything } from '../../../src/storage/export.ts';
import { loadCheckpoint, saveCheckpoint } from '../../../src/storage/checkpoints.ts';
import { onStorageChange, type StorageChange } from '../../../src/storage/changes.ts';
import { freshIndexedDb } from './helpers.ts';

beforeEach(freshIndexedDb);

describe('history', () => {
  test('records events with id, time, catalog and session, in order', async () => {
    const a = await recordEvent('cat', { type: 'view', itemId: 'p1' });
    const b = await recordEvent('cat', { type: 'search', query: 'red shoes', results: 4 });
    expect(a).toMatchObject({ type: 'view', itemId: 'p1', catalog: 'cat', seq: 1 });
    expect(a!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(a!.context?.session).toBeTruthy();
    expect(b!.seq).toBe(2);
    expect((await allEvents()).map((e) => e.type)).toEqual(['view', 'search']);
    expect(await lastSeq()).toBe(2);
  });

  test('the same event id is never stored twice (a retry, another tab, a re-import)', async () => {
    const e = completeEvent('cat', { type: 'purchase', itemId: 'p1', quantity: 1, price: 10, orderId: 'o1' });
    expect(await appendEvents([e])).toHaveLength(1);
    expect(await appendEvents([e, e])).toHaveLength(0);
    expect(await countEvents()).toBe(1);
  });

  test('reading: after a seq, most recent first, counts by type', async () => {
    for (const itemId of ['a', 'b', 'c']) await recordEvent('cat', { type: 'view', itemId });
    await recordEvent('cat', { type: 'add-to-cart', itemId: 'c', quantity: 2 });
    expect((await eventsAfter(2)).map((e) => e.seq)).toEqual([3, 4]);
    expect((await recentEvents(2)).map((e) => e.seq)).toEqual([4, 3]);
    const counts = await countByType();
    expect(counts.view).toBe(3);
    expect(counts['add-to-cart']).toBe(1);
    expect(counts.purchase).toBe(0);
  });

  test('announces what it wrote', async () => {
    const seen: StorageChange[] = [];
    const off = onStorageChange((c) => seen.push(c));
    await recordEvent('cat', { type: 'view', itemId: 'a' });
    off();
    expect(seen).toEqual([{ kind: 'events', lastSeq: 1, count: 1 }]);
  });
});

describe('settings', () => {
  test('defaults, set, and atomic read-modify-write', async () => {
    expect(await getSetting('personalised')).toBe(true);
    await setSetting('personalised', false);
    expect(await getSetting('personalised')).toBe(false);
    // Two concurrent updates (as from two tabs) both land.
    await Promise.all([
      updateSetting('cart', (c) => [...c, { itemId: 'a', quantity: 1, addedAt: 1 }]),
      updateSetting('cart', (c) => [...c, { itemId: 'b', quantity: 1, addedAt: 2 }]),
    ]);
    expect((await getSetting('cart')).map((l) => l.itemId).sort()).toEqual(['a', 'b']);
    expect(await getAllSettings()).toMatchObject({ personalised: false, historyCap: 20_000 });
  });
});

describe('export and import', () => {
  async function seed() {
    await recordEvent('cat', { type: 'view', itemId: 'a' });
    await recordEvent('cat', { type: 'rate', itemId: 'a', rating: 4 });
    await recordEvent('cat', { type: 'dismiss', itemId: 'b', category: ['Watches'] });
    await setSetting('personalised', false);
    await saveCheckpoint({ id: 'm1', savedAt: Date.now(), config: { d: 2 }, meta: { step: 3 }, weights: [{ name: 'w', shape: [2], data: new Float32Array([0.5, -1.25]) }] });
  }

  test('export, delete, import: the same data is back, and importing twice duplicates nothing', async () => {
    await seed();
    const file = await exportEverything();
    const text = JSON.stringify(file);
    const before = await allEvents();
    await freshIndexedDb();
    expect(await countEvents()).toBe(0);
    const summary = await importEverything(text);
    expect(summary).toMatchObject({ events: 3, duplicates: 0, settings: 1, checkpoints: 1, itemStats: 0, reviews: 0, leftOut: 0 });
    const after = await allEvents();
    expect(after.map(({ seq: _s, ...e }) => e)).toEqual(before.map(({ seq: _s, ...e }) => e));
    expect(await getSetting('personalised')).toBe(false);
    const cp = await loadCheckpoint('m1');
    expect(Array.from(cp!.weights[0].data)).toEqual([0.5, -1.25]);
    expect(await importEverything(text)).toMatchObject({ events: 0, duplicates: 3 });
    expect(await countEvents()).toBe(3);
  });

  test('a bad file is rejected with a clear reason and nothing stored is lost', async () => {
    await seed();
    const good = await exportEverything();
    const broken = { ...good, events: [...good.events, { ...good.events[0], id: 'new-1' }, { id: 'x', type: 'teleport', at: 1, catalog: 'cat' }] };
    await expect(importEverything(JSON.stringify(broken))).rejects.toMatchObject({ name: 'InvalidFileError', message: expect.stringMatching(/events #5: has an unknown type "teleport".*Nothing was imported/) });
    await expect(importEverything('{not json')).rejects.toMatchObject({ name: 'InvalidFileError' });
    await expect(importEverything(JSON.stringify({ format: 'aisle-export', version: 99, events: [], settings: {} }))).rejects.toThrow(/newer version of Aisle/);
    await expect(importEverything(JSON.stringify({ hello: 1 }))).rejects.toThrow(/not an Aisle data export/);
    expect(await countEvents()).toBe(3);
    expect(await getSetting('personalised')).toBe(false);
  });

  test('settings and model weights are checked before anything is written', async () => {
    await seed();
    const good = await exportEverything();
    const cases: Array<[string, unknown]> = [
      ['cart', { ...good, settings: { ...good.settings, cart: 'not-a-list' } }],
      ['historyCap', { ...good, settings: { ...good.settings, historyCap: -3 } }],
      ['weights', { ...good, checkpoints: [{ ...good.checkpoints[0], weights: [{ name: 'w', shape: [1000], base64: good.checkpoints[0].weights[0].base64 }] }] }],
      ['base64', { ...good, checkpoints: [{ ...good.checkpoints[0], weights: [{ name: 'w', shape: [2], base64: '!!not base64!!' }] }] }],
    ];
    for (const [what, file] of cases) {
      await expect(importEverything(JSON.stringify(file)), what).rejects.toMatchObject({ name: 'InvalidFileError', message: expect.stringMatching(/Nothing was imported/) });
    }
    expect(await countEvents()).toBe(3);
    expect(await getSetting('cart')).toEqual([]);
    expect(await getSetting('historyCap')).toBe(20_000);
    expect(Array.from((await loadCheckpoint('m1'))!.weights[0].data)).toEqual([0.5, -1.25]);
  });

  test('an event\'s storage number from another device is not imported: this device numbers events itself', async () => {
    await recordEvent('cat', { type: 'view', itemId: 'local' });
    const file = { format: 'aisle-export', version: 2, exportedAt: '', settings: {}, events: [{ id: 'far-1', type: 'view', itemId: 'x', at: Date.now(), catalog: 'cat', seq: 'zzz' }] };
    await importEverything(JSON.stringify(file));
    const seqs = (await allEvents()).map((e) => e.seq);
    expect(seqs.every((q) => typeof q === 'number')).toBe(true);
    expect(await lastSeq()).toBe(2);
  });

  test('an imported shopper model learns from the imported events again', async () => {
    const meta = { personal: { lastSeq: 9_999, trainedAt: 1, interactions: 3, ndcg: [], lastUpdateMs: 1 } };
    await saveCheckpoint({ id: 'personal', savedAt: Date.now(), config: {}, meta, weights: [] });
    const file = await exportEverything();
    await freshIndexedDb();
    await importEverything(JSON.stringify(file));
    expect((await loadCheckpoint('personal'))!.meta).toMatchObject({ personal: { lastSeq: 0, interactions: 3 } });
  });
});
