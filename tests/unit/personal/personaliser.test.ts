/**
 * The shopper's own model (the code the recommender worker runs), in Node: TF.js on wasm, checkpoints in a memory
 * store, product vectors in the embeddings cache (fake-indexeddb). Product vectors here are made so that watches
 * resemble each other: what the encoder does for real product texts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { putEmbeddings } from '../../../src/storage/embeddings.ts';
import { float32ToBase64 } from '../../../src/shared/export-format.ts';
import { parsePretrained, pretrainedFile } from '../../../src/shared/pretrained.ts';
import { completeEvent } from '../../../src/storage/history.ts';
import type { NewEvent, StoredEvent } from '../../../src/shared/events.ts';
import { productText, textHash } from '../../../src/shared/text/product-text.ts';
import { CatalogIndex } from '../../../workers/recommender/catalog-index.ts';
import { HistoryView } from '../../../workers/recommender/history-view.ts';
import { initBackend } from '../../../workers/recommender/backend.ts';
import { memoryStore } from '../../fixtures/memory-store.ts';
import { Personaliser } from '../../../workers/recommender/personal/personaliser.ts';
import { shopperSequence } from '../../../workers/recommender/personal/sequence.ts';
import { shelf } from '../../../workers/recommender/shelves.ts';
import type { Product } from '../../../src/shared/catalog/types.ts';
import { freshIndexedDb } from '../storage/helpers.ts';


const KINDS = [
  { cat: ['Watches', 'Wrist Watches'], word: 'Analog Watch' },
  { cat: ['Footwear', 'Shoes'], word: 'Running Shoes' },
  { cat: ['Jewellery', 'Rings'], word: 'Silver Ring' },
  { cat: ['Kitchen', 'Mugs'], word: 'Coffee Mug' },
];
const PRODUCTS: Product[] = KINDS.flatMap((k, ki) =>
  Array.from({ length: 10 }, (_, i) => ({
    id: `${ki}-${i}`, title: `Brand${i} ${k.word} ${i}`, description: '', categoryPath: k.cat, brand: `Brand${i}`, price: 500 + 100 * i,
    currency: 'INR', listPrice: null, image: null, attributes: {}, inStock: true, rating: null,
  })),
);
const catalog = new CatalogIndex('tiny-kinds', PRODUCTS);

/** Unit vectors: a direction per kind, plus a little per product. */
async function seedVectors(): Promise<void> {
  const dim = 16;
  const entries = await Promise.all(
    PRODUCTS.map(async (p, idx) => {
      const v = new Float32Array(dim);
      v[Math.floor(idx / 10)] = 1;
      v[4 + (idx % 10)] = 0.3;
      const n = Math.hypot(...v);
      return { hash: await textHash(productText(p)), vector: v.map((x) => x / n) };
    }),
  );
  await putEmbeddings('aisle-text-encoder-v1', entries);
}

let seq = 0;
function events(list: NewEvent[]): StoredEvent[] {
  return list.map((e) => ({ ...completeEvent('tiny-kinds', e), seq: ++seq }) as StoredEvent);
}

beforeAll(async () => {
  await initBackend('wasm');
});
beforeEach(freshIndexedDb);

describe('the shopper sequence', () => {
  test('weights interactions, merges repeats, leaves dismissed items and categories out', () => {
    const s = shopperSequence(
      events([
        { type: 'view', itemId: '0-1' },
        { type: 'add-to-cart', itemId: '0-1', quantity: 1 },
        { type: 'view', itemId: '1-2' },
        { type: 'search', query: 'x', results: 0 },
        { type: 'view', itemId: '2-3' },
        { type: 'dismiss', itemId: '2-3' },
        { type: 'view', itemId: '3-0' },
        { type: 'dismiss', itemId: '3-0', category: ['Kitchen'] },
        { type: 'purchase', itemId: '0-4', quantity: 1, price: 900, orderId: 'o' },
      ]),
      catalog,
    );
    expect(Array.from(s.items)).toEqual([catalog.get('0-1')!.index, catalog.get('1-2')!.index, catalog.get('0-4')!.index]);
    expect(Array.from(s.weights)).toEqual([3, 1, 5]);
  });
});

describe('the personaliser', () => {
  test('waits for interactions and product vectors, then learns, checkpoints, and leads with the shopper\'s kind', async () => {
    const store = memoryStore();
    const p = new Personaliser(store, () => 'wasm');
    const few = events([{ type: 'view', itemId: '0-0' }]);
    expect((await p.update(catalog, few)).state).toBe('waiting');
    const watches = events([
      { type: 'view', itemId: '0-0' },
      { type: 'view', itemId: '0-1' },
      { type: 'add-to-cart', itemId: '0-1', quantity: 1 },
      { type: 'view', itemId: '0-2' },
      { type: 'purchase', itemId: '0-2', quantity: 1, price: 700, orderId: 'o1' },
      { type: 'view', itemId: '0-3' },
    ]);
    const noVectors = await p.update(catalog, watches);
    expect(noVectors).toMatchObject({ state: 'waiting', reason: expect.stringMatching(/indexed by meaning \(0 of 40\)/) });

    await seedVectors();
    p.invalidateFeatures();
    const tensorsBefore = tf.memory().numTensors;
    const ready = await p.update(catalog, watches);
    expect(ready).toMatchObject({ state: 'ready', interactions: 4, quality: null });
    expect(ready.backend?.backend).toBe('wasm');
    expect(store.records.has('personal:tiny-kinds')).toBe(true);
    const scores = await p.scores(catalog, watches);
    const best = [...scores!.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([i]) => catalog.items[i].product.id);
    expect(best.filter((id) => id.startsWith('0-')).length).toBeGreaterThanOrEqual(5);

    // Nothing new: no training, same time stamp.
    const again = await p.update(catalog, watches);
    expect(again.trainedAt).toBe(ready.trainedAt);

    // New events: predicted first (the quality figure), then learned.
    const more = [...watches, ...events([{ type: 'view', itemId: '0-5' }, { type: 'view', itemId: '0-6' }])];
    const updated = await p.update(catalog, more);
    expect(updated.state).toBe('ready');
    expect(updated.interactions).toBe(6);
    expect(updated.quality!.predictions).toBe(2);
    expect(updated.quality!.ndcg10).toBeGreaterThan(0.2);
    // The loaded model and its cached item table are all the tensors left: nothing leaked per update.
    const afterOne = tf.memory().numTensors;
    await p.update(catalog, [...more, ...events([{ type: 'view', itemId: '0-7' }])]);
    expect(tf.memory().numTensors).toBe(afterOne);
    expect(afterOne).toBeGreaterThanOrEqual(tensorsBefore);
    p.reset();

    // A restarted worker (a new Personaliser on the same store) recommends from the stored model at once, before
    // any new event asks it to update.
    const restarted = new Personaliser(store, () => 'wasm');
    const restored = await restarted.scores(catalog, watches);
    expect(restored).not.toBeNull();
    expect(restarted.status).toMatchObject({ state: 'ready', interactions: 7 });
    restarted.reset();
  });

  test('"For you" blends the model with content similarity and names the history behind each item', async () => {
    await seedVectors();
    const p = new Personaliser(memoryStore(), () => 'wasm');
    const list = events([
      { type: 'view', itemId: '1-0' },
      { type: 'view', itemId: '1-1' },
      { type: 'purchase', itemId: '1-1', quantity: 1, price: 600, orderId: 'o' },
      { type: 'view', itemId: '1-2' },
    ]);
    await p.update(catalog, list);
    const view = new HistoryView('tiny-kinds');
    view.apply(list);
    const model = await p.scores(catalog, view.trail);
    const recs = shelf({ catalog, history: view, now: Date.now(), model }, { shelf: 'for-you', personalised: true, limit: 5 });
    expect(recs[0].itemId.startsWith('1-')).toBe(true);
    expect(recs[0].because.text).toMatch(/^Because you (bought|viewed) Brand\d Running Shoes \d/);
    expect(recs[0].because.evidence.every((id) => id.startsWith('1-'))).toBe(true);
    p.reset();
  });
});

describe('a merchant\'s pre-trained model', () => {
  test('a first model starts from it when it fits the catalog (its predictions count from the first update), and not otherwise', async () => {
    await seedVectors();
    // The merchant trains on its own logs: shoppers who move among watches.
    const merchantStore = memoryStore();
    const merchant = new Personaliser(merchantStore, () => 'wasm');
    const logs = events(Array.from({ length: 8 }, (_, i) => ({ type: 'view' as const, itemId: `0-${i}` })));
    await merchant.update(catalog, logs);
    const exported = await merchantStore.load('personal:tiny-kinds');
    const file = pretrainedFile({ id: 'personal:tiny-kinds', savedAt: Date.now(), ...exported! });
    const pretrained = parsePretrained(JSON.parse(JSON.stringify(file)));
    merchant.reset();

    const store = memoryStore();
    const shopper = new Personaliser(store, () => 'wasm');
    const mine = events([{ type: 'view', itemId: '0-2' }, { type: 'view', itemId: '0-3' }, { type: 'view', itemId: '0-4' }]);
    const status = await shopper.update(catalog, mine, async () => pretrained);
    expect(status.state).toBe('ready');
    expect(status.quality?.predictions).toBe(2);
    expect((store.records.get('personal:tiny-kinds')!.meta.personal as { from?: string }).from).toBe('merchant');
    shopper.reset();

    // A model for another catalog (different item count) is not used: the shopper's model starts fresh.
    const other = new CatalogIndex('tiny-kinds', PRODUCTS.slice(0, 30));
    const fresh = new Personaliser(memoryStore(), () => 'wasm');
    const s2 = await fresh.update(other, mine, async () => pretrained);
    expect(s2.quality).toBeNull();
    fresh.reset();
  });

  test('a damaged pre-trained file is refused with a clear message', () => {
    expect(() => parsePretrained({ format: 'something' })).toThrow(/not an "aisle-model" file/);
    expect(() => parsePretrained({ format: 'aisle-model', version: 1, checkpoint: { weights: [{ name: 'w', shape: [3], base64: float32ToBase64(new Float32Array(2)) }] } })).toThrow(/does not match its shape/);
  });
});
