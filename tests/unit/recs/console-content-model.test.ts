/**
 * The console's content model is a shop's starting point: trained by the training worker's session on a log joined to
 * its catalog, exported as the pre-trained model file, it is accepted by the check the shop and the embed apply to a
 * catalog's "model" (pretrainedMismatch) and a shopper's first model starts from it; an id model is refused.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Product } from '../../../src/shared/catalog/types.ts';
import { itemsFingerprint, parsePretrained, pretrainedMismatch } from '../../../src/shared/pretrained.ts';
import { productText, textHash } from '../../../src/shared/text/product-text.ts';
import { completeEvent } from '../../../src/storage/history.ts';
import { putEmbeddings } from '../../../src/storage/embeddings.ts';
import type { StoredEvent } from '../../../src/shared/events.ts';
import { initBackend } from '../../../workers/recommender/backend.ts';
import { CatalogIndex } from '../../../workers/recommender/catalog-index.ts';
import { DatasetSession } from '../../../workers/recommender/eval/dataset-session.ts';
import { catalogFeatures } from '../../../workers/recommender/personal/features.ts';
import { Personaliser } from '../../../workers/recommender/personal/personaliser.ts';
import { memoryStore } from '../../fixtures/memory-store.ts';
import { freshIndexedDb } from '../storage/helpers.ts';

const ENCODER = 'aisle-text-encoder-v1';
const KINDS = [
  { cat: ['Watches', 'Wrist Watches'], word: 'Analog Watch' },
  { cat: ['Footwear', 'Shoes'], word: 'Running Shoes' },
  { cat: ['Kitchen', 'Mugs'], word: 'Coffee Mug' },
];
const PRODUCTS: Product[] = KINDS.flatMap((k, ki) =>
  Array.from({ length: 8 }, (_, i) => ({
    id: `${ki}-${i}`, title: `Brand${i} ${k.word} ${i}`, description: '', categoryPath: k.cat, brand: `Brand${i}`, price: 500 + 100 * i,
    currency: 'INR', listPrice: null, image: null, attributes: {}, inStock: true, rating: null,
  })),
);

async function seedVectors(): Promise<void> {
  const entries = await Promise.all(
    PRODUCTS.map(async (p, idx) => {
      const v = new Float32Array(8);
      v[Math.floor(idx / 8)] = 1;
      v[3 + (idx % 5)] = 0.3;
      const n = Math.hypot(...v);
      return { hash: await textHash(productText(p)), vector: v.map((x) => x / n) };
    }),
  );
  await putEmbeddings(ENCODER, entries);
}

/** A log whose shoppers stay within one kind of product: customer,product,time. */
function log(): string {
  const rows = ['customer,product,time'];
  for (let u = 0; u < 24; u++) {
    const kind = u % 3;
    for (let j = 0; j < 6; j++) rows.push(`c${u},${kind}-${(u + j) % 8},2024-01-0${1 + (j % 9)} 10:0${j}:00`);
  }
  return rows.join('\n');
}

beforeAll(async () => {
  await initBackend('wasm');
});
beforeEach(freshIndexedDb);

describe('the console content model', () => {
  test('trained on a log joined to the catalog, exported, fits the catalog and starts a shopper\'s model', async () => {
    await seedVectors();
    const store = memoryStore();
    const session = new DatasetSession(store);
    const catalog = { name: 'tiny.csv', products: PRODUCTS, encoder: ENCODER };
    const before = tf.memory().numTensors;
    const result = await session.train({
      data: { kind: 'text', name: 'events.csv', text: log(), format: 'events-csv' },
      catalog,
      model: { dim: 16, heads: 1, blocks: 1, ffnDim: 16, maxLen: 10 },
      train: { epochs: 2, batchSequences: 8, loss: 'full-softmax', checkpointEveryS: 0 },
      checkpointId: 'console:model',
      backend: 'wasm',
    });
    expect(result.join).toMatchObject({ matchedItems: 24, logItems: 24, shoppers: 24 });
    expect(result.config.idEmbedding).toBe(false);
    expect(result.config.numItems).toBe(PRODUCTS.length);
    const file = JSON.parse(JSON.stringify(await session.exportModel('console:model', { log: 'events.csv' })));
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const parsed = parsePretrained(file);
    const index = new CatalogIndex('shop', PRODUCTS);
    const cf = await catalogFeatures(index, ENCODER);
    const fit = { name: 'shop', size: index.size, fingerprint: itemsFingerprint(PRODUCTS.map((p) => p.id)), spec: cf.spec };
    expect(pretrainedMismatch(parsed.config, parsed.meta, fit)).toBeNull();
    // The same products in another order are another catalog.
    expect(pretrainedMismatch(parsed.config, parsed.meta, { ...fit, fingerprint: itemsFingerprint([...PRODUCTS].reverse().map((p) => p.id)) })).toMatch(/other products/);

    const shopperStore = memoryStore();
    const shopper = new Personaliser(shopperStore, () => 'wasm');
    const mine: StoredEvent[] = ['0-1', '0-2', '0-3'].map((itemId, i) => ({ ...completeEvent('shop', { type: 'view', itemId }), seq: i + 1 }) as StoredEvent);
    const status = await shopper.update(index, mine, async () => parsed);
    expect(status.state).toBe('ready');
    expect(status.why).toEqual({ code: 'ready', fromMerchant: true });
    shopper.reset();
  }, 120_000);

  test('an id model (trained without the catalog) is refused as a starting point, saying why', async () => {
    await seedVectors();
    const session = new DatasetSession(memoryStore());
    await session.train({
      data: { kind: 'text', name: 'events.csv', text: log(), format: 'events-csv' },
      model: { dim: 8, heads: 1, blocks: 1, ffnDim: 8, maxLen: 10 },
      train: { epochs: 1, batchSequences: 8, loss: 'full-softmax', checkpointEveryS: 0 },
      checkpointId: 'console:model',
      backend: 'wasm',
    });
    const parsed = parsePretrained(JSON.parse(JSON.stringify(await session.exportModel('console:model'))));
    session.dispose();
    const cf = await catalogFeatures(new CatalogIndex('shop', PRODUCTS), ENCODER);
    expect(pretrainedMismatch(parsed.config, parsed.meta, { name: 'shop', size: PRODUCTS.length, fingerprint: itemsFingerprint(PRODUCTS.map((p) => p.id)), spec: cf.spec })).toMatch(/by their ids/);
  }, 120_000);
});
