/**
 * The merchant's model on a cluster, end to end, on a small slice of real shop data (the UCI Online Retail sample,
 * CC BY 4.0: tests/fixtures/recs/retail): two PyTorch processes under torchrun on loopback (DistributedDataParallel
 * over gloo) train a content model for the shop's catalog; the file they leave is the app's pre-trained model file,
 * which the app's TF.js code ranks better than most-popular on held-out test items, and which the app's recommender
 * (the worker's code, in Node) fetches from beside the catalog and starts the shopper's model from. Runs Debian's python3-torch (npm test installs it when missing).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { productText, textHash } from '../../../src/shared/text/product-text.ts';
import { putEmbeddings } from '../../../src/storage/embeddings.ts';
import { recordEvent } from '../../../src/storage/history.ts';
import { initBackend } from '../../../workers/recommender/backend.ts';
import { evaluate } from '../../../workers/recommender/eval/evaluate.ts';
import { leaveOneOut } from '../../../workers/recommender/eval/split.ts';
import { sasrecRanker } from '../../../workers/recommender/model/ranker.ts';
import { LocalRecommender } from '../../../workers/recommender/local-recommender.ts';
import { Personaliser, personalCheckpointId } from '../../../workers/recommender/personal/personaliser.ts';
import { MostPopular } from '../../../workers/recommender/eval/baselines/index.ts';
import { trainOnCluster, writeModelFile } from '../../../scripts/cluster/run.ts';
import { readDataset, withCatalog, type CatalogData } from '../../../scripts/recs/data-flags.ts';
import { loadPretrained } from '../../../scripts/recs/pretrained-model.ts';
import { memoryStore } from '../../fixtures/memory-store.ts';
import { freshIndexedDb } from '../storage/helpers.ts';

const FIXTURE = 'tests/fixtures/recs/retail';
let dir: string;
let shop: CatalogData;

beforeAll(async () => {
  await initBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'aisle-ddp-'));
  const { data } = readDataset({ data: `${FIXTURE}/events.csv`, format: 'events-csv' });
  shop = await withCatalog({ catalog: `${FIXTURE}/catalog.csv` }, data);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('train:cluster with two processes on loopback', () => {
  test('writes the app\'s pre-trained model file; ranked by TF.js it beats most-popular; the shopper\'s model starts from it', async () => {
    const result = await trainOnCluster({
      data: shop.data,
      catalog: { name: 'catalog.csv', features: shop.features! },
      model: {},
      train: { epochs: 4 },
      recipe: true,
      launch: { nproc: 2, nnodes: 1, nodeRank: 0, masterAddr: '127.0.0.1', masterPort: 29500, device: 'cpu', threads: 1 },
      id: 'merchant:retail',
    });
    expect(result.report!.engine).toMatchObject({ name: 'pytorch', processes: 2, backend: 'gloo' });
    expect(result.config).toMatchObject({ idEmbedding: false, numItems: shop.catalog!.size, content: shop.features!.spec });
    const path = join(dir, 'shop-model.json');
    writeModelFile(path, result.file!);

    // Ranked as it is by the app's TF.js code, on the test items the cluster never trained on.
    const split = leaveOneOut(shop.data);
    const { model } = loadPretrained(path, shop.data.numItems, shop.data.itemIds, shop.features!.features);
    const learned = await evaluate(sasrecRanker(model), split, { stage: 'test' });
    model.dispose();
    const popular = new MostPopular();
    await popular.fit(split.train, { numItems: shop.data.numItems, times: split.trainTimes, seed: 1 });
    const baseline = await evaluate(popular, split, { stage: 'test' });
    expect(learned.ndcg10).toBeGreaterThan(2 * baseline.ndcg10);
    expect(learned.hr10).toBeGreaterThan(baseline.hr10);

    // The shop serves the file beside its catalog; the app's recommender (the worker's code) fetches it by URL when
    // the shopper's first model trains. The catalog's product vectors are in the device's cache; the shopper viewed
    // three products.
    await freshIndexedDb();
    const catalog = shop.catalog!;
    const text = shop.features!.features.text!;
    await putEmbeddings(
      'aisle-text-encoder-v1',
      await Promise.all(catalog.items.map(async (item, i) => ({ hash: await textHash(productText(item.product)), vector: text.data.slice(i * text.dim, (i + 1) * text.dim) }))),
    );
    for (const itemId of ['85123A', '71053', '84406B']) await recordEvent(catalog.catalogId, { type: 'view', itemId });
    const server = createServer((req, res) => {
      if (req.url !== '/catalog/shop-model.json') return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(readFileSync(path));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const store = memoryStore();
    const recommender = new LocalRecommender(Date.now, new Personaliser(store, () => 'wasm'));
    try {
      const { port } = server.address() as AddressInfo;
      await recommender.setCatalog(undefined, catalog.catalogId, catalog.items.map((i) => i.product), { modelUrl: `http://127.0.0.1:${port}/catalog/shop-model.json` });
      const status = await recommender.updatePersonalModel();
      expect(status.state).toBe('ready');
      expect(status.reason).toMatch(/starting from the store's pre-trained model/);
      expect((store.records.get(personalCheckpointId(catalog.catalogId))!.meta.personal as { from?: string }).from).toBe('merchant');
      const forYou = await recommender.recommend(undefined, { shelf: 'for-you', personalised: true, limit: 10 });
      expect(forYou.length).toBe(10);
    } finally {
      recommender.personaliser!.reset();
      recommender.dispose();
      server.close();
    }
  }, 240_000);
});
