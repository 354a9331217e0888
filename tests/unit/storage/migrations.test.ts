/**
 * Data written by every earlier schema version survives an upgrade to the current one. Each version's fixture is
 * written exactly as that release wrote it: the database is created by the migration ladder stopped at that version.
 * When you add a schema version, add its fixture here.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { beforeEach, describe, expect, test } from 'vitest';
import { DB_NAME, DB_VERSION, closeDb, getDb, upgrade, type AisleDB } from '../../../src/storage/db.ts';
import { allEvents, countByType, recordEvent } from '../../../src/storage/history.ts';
import { getSetting } from '../../../src/storage/settings.ts';
import { loadCheckpoint } from '../../../src/storage/checkpoints.ts';
import { getItemStats } from '../../../src/storage/compaction.ts';
import { getEmbeddings } from '../../../src/storage/embeddings.ts';
import { reviewsFor } from '../../../src/storage/reviews.ts';
import { appendTurn, getChat, listChats } from '../../../src/storage/chats.ts';
import { freshIndexedDb } from './helpers.ts';

beforeEach(freshIndexedDb);

async function createAt(version: number, write: (db: IDBPDatabase<AisleDB>) => Promise<void>): Promise<void> {
  const db = await openDB<AisleDB>(DB_NAME, version, { upgrade: (d, old, _new, tx) => upgrade(d, old, version, tx) });
  await write(db);
  db.close();
}

const v1Events = [
  { id: 'e1', type: 'view', itemId: 'p1', at: 1_700_000_000_000, catalog: 'flipkart-demo-v1', context: { session: 's1' } },
  { id: 'e2', type: 'add-to-cart', itemId: 'p1', quantity: 2, at: 1_700_000_001_000, catalog: 'flipkart-demo-v1' },
  { id: 'e3', type: 'purchase', itemId: 'p1', quantity: 2, price: 499, orderId: 'o1', at: 1_700_000_002_000, catalog: 'flipkart-demo-v1' },
  { id: 'e4', type: 'search', query: 'red watch', results: 7, at: 1_700_000_003_000, catalog: 'flipkart-demo-v1' },
];

/** One fixture per released schema version. */
const fixtures: Record<number, (db: IDBPDatabase<AisleDB>) => Promise<void>> = {
  1: async (db) => {
    const tx = db.transaction(['events', 'settings', 'checkpoints'], 'readwrite');
    for (const e of v1Events) await tx.objectStore('events').add(e as never);
    await tx.objectStore('settings').put(false, 'personalised');
    await tx.objectStore('settings').put([{ itemId: 'p9', quantity: 1, addedAt: 5 }], 'cart');
    await tx.objectStore('checkpoints').put({ id: 'sasrec:flipkart-demo-v1', savedAt: 9, config: { d: 4 }, meta: { step: 10 }, weights: [{ name: 'items', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }] });
    await tx.done;
  },
  2: async (db) => {
    await fixtures[1](db);
    await db.put('itemStats', { catalog: 'flipkart-demo-v1', itemId: 'p7', views: 12, clicks: 3, dwellMs: 9000, addToCart: 1, purchases: 0, firstAt: 1, lastAt: 2 });
    await db.put('catalogs', { id: 'merchant-x', name: 'X', source: { name: 'x', licence: 'own', attribution: 'x' }, products: [], importedAt: 3, fileName: 'x.csv', report: { rows: 0, accepted: 0, skipped: 0, issues: [], warnings: [] } });
  },
  3: async (db) => {
    await fixtures[2](db);
    await db.put('embeddings', { model: 'aisle-text-encoder-v1', hash: 'abc', vector: new Float32Array([0.6, 0.8]), at: 4 });
  },
  4: async (db) => {
    await fixtures[3](db);
    await db.put('reviews', { id: 'r1', catalog: 'flipkart-demo-v1', itemId: 'p1', kind: 'review', text: 'Lovely watch.', rating: 5, at: 6, moderation: { decision: 'allow', reasons: [] } });
  },
  5: async (db) => {
    await fixtures[4](db);
    await db.put('chats', {
      id: 'c1', catalog: 'flipkart-demo-v1', startedAt: 7, updatedAt: 8,
      turns: [
        { id: 't1', at: 7, role: 'user', text: 'watches under 2000', items: [], feedback: null },
        { id: 't2', at: 8, role: 'assistant', text: '3 watches under ₹2,000.', items: ['p1'], feedback: 1 },
      ],
    });
  },
};

test('there is a fixture for every schema version', () => {
  expect(Object.keys(fixtures).map(Number)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
});

describe.each(Object.keys(fixtures).map(Number))('upgrading from v%i', (version) => {
  test('keeps every event, setting and checkpoint, and the current code works on them', async () => {
    await createAt(version, fixtures[version]);
    await closeDb();
    const db = await getDb();
    expect(db.version).toBe(DB_VERSION);
    const events = await allEvents();
    expect(events.map(({ seq: _seq, ...e }) => e)).toEqual(v1Events);
    expect(await getSetting('personalised')).toBe(false);
    expect(await getSetting('cart')).toEqual([{ itemId: 'p9', quantity: 1, addedAt: 5 }]);
    expect(Array.from((await loadCheckpoint('sasrec:flipkart-demo-v1'))!.weights[0].data)).toEqual([1, 2, 3, 4]);
    // v2's by-type index covers events written before it existed.
    expect(await countByType()).toMatchObject({ view: 1, 'add-to-cart': 1, purchase: 1, search: 1 });
    // New writes continue the sequence.
    expect((await recordEvent('flipkart-demo-v1', { type: 'view', itemId: 'p2' }))!.seq).toBe(5);
    if (version >= 2) {
      expect((await getItemStats('flipkart-demo-v1'))[0]).toMatchObject({ itemId: 'p7', views: 12 });
      expect(await db.get('catalogs', 'merchant-x')).toMatchObject({ fileName: 'x.csv' });
    }
    if (version >= 4) {
      expect(await reviewsFor('flipkart-demo-v1', 'p1')).toMatchObject([{ id: 'r1', text: 'Lovely watch.' }]);
    }
    if (version >= 5) {
      expect((await getChat('c1'))!.turns.map((t) => t.text)).toEqual(['watches under 2000', '3 watches under ₹2,000.']);
    }
    // The chats store (v5) works on every upgraded database.
    await appendTurn('c2', 'flipkart-demo-v1', { role: 'user', text: 'hi', items: [], feedback: null });
    expect((await listChats())[0].id).toBe('c2');
    if (version >= 3) {
      const [vector] = [...(await getEmbeddings('aisle-text-encoder-v1', ['abc'])).values()];
      expect(Array.from(vector)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    }
  });
});
