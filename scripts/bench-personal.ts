/**
 * Personalisation benchmark: simulated shoppers replaying held-out real sequences (Amazon 2018 Industrial &
 * Scientific: 8,317 users, 4,344 items with titles, descriptions and categories; research data, benchmark only) on
 * content-only models, as a new catalog with no interaction logs would have them.
 *   1. Hit rate @10 of the shopper's next item after 1, 5, 10 and 20 events, for:
 *      - popularity (counted on the training shoppers);
 *      - content similarity (the text vectors of the recent history: what "For you" uses before any model);
 *      - the on-device model trained from scratch on the shopper's own events only (the demo's case: no licensed
 *        logs to pre-train on);
 *      - a content-only model pre-trained on the other shoppers (a merchant shipping pre-trained weights);
 *      - that model fine-tuned on the shopper's own events (an incremental update, as on the device).
 *   2. The time of an incremental update after one new event in the real recommender Worker in headless Chromium
 *      (history in IndexedDB, update, checkpoint saved), p50 and p95.
 *
 *   npm run bench:personal -- [--data ../shared/data/amazon2018-industrial-scientific-seq] [--shoppers 150]
 *                             [--pretrain-seconds 120] [--updates 30] [--save-pretrained FILE] [--json]
 *
 * --save-pretrained writes the pre-trained content-only model as an "aisle-model" file (src/shared/pretrained.ts):
 * what a merchant ships beside a catalog (`"model": "FILE"`) so that shoppers' models start from it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import type { Product } from '../src/shared/catalog/types.ts';
import { pretrainedFile } from '../src/shared/pretrained.ts';
import { initBackend } from '../workers/recommender/backend.ts';
import { CatalogIndex } from '../workers/recommender/catalog-index.ts';
import { packSequences } from '../workers/recommender/eval/datasets.ts';
import { ModelSession, type CheckpointStore } from '../workers/recommender/model/session.ts';
import { DatasetSession } from '../workers/recommender/eval/dataset-session.ts';
import { catalogContentFeatures } from './recs/catalog-features.ts';
import { FIRST_TRAINING, PERSONAL_MODEL, UPDATE_TRAINING } from '../workers/recommender/personal/personaliser.ts';
import type { PersonalBench } from '../tests/browser/personal/bench-page.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './vite/chromium.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/amazon2018-industrial-scientific-seq' },
    shoppers: { type: 'string', default: '150' },
    'pretrain-seconds': { type: 'string', default: '120' },
    updates: { type: 'string', default: '30' },
    'save-pretrained': { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const log = (s = '') => !values.json && console.log(s);
const out: Record<string, unknown> = {};

// ── data ──────────────────────────────────────────────────────────────────────────────────────────────────────────
const inter = JSON.parse(readFileSync(join(values.data!, 'Scientific.inter.json'), 'utf8')) as Record<string, number[]>;
const itemsRaw = JSON.parse(readFileSync(join(values.data!, 'Scientific.item.json'), 'utf8')) as Record<string, { title: string; description: string; brand: string; categories: string }>;
const numItems = Object.keys(itemsRaw).length;
const products: Product[] = Array.from({ length: numItems }, (_, i) => {
  const r = itemsRaw[String(i)];
  return {
    id: String(i), title: r.title || `Item ${i}`, description: r.description ?? '', categoryPath: (r.categories ?? '').split(',').map((s) => s.trim()).filter(Boolean).slice(1),
    brand: r.brand || null, price: 1, currency: 'USD', listPrice: null, image: null, attributes: {}, inStock: true, rating: null,
  };
});
const catalog = new CatalogIndex('scientific', products);
const users = Object.keys(inter).sort((a, b) => Number(a) - Number(b));
// Deterministic split by user: one in five shoppers is held out (never seen by pre-training).
const heldOut = users.filter((u) => Number(u) % 5 === 0).map((u) => Int32Array.from(inter[u]));
const training = users.filter((u) => Number(u) % 5 !== 0).map((u) => Int32Array.from(inter[u]));
log(`Industrial & Scientific: ${numItems} items, ${training.length} training shoppers, ${heldOut.length} held-out shoppers`);

// ── item features: the bundled encoder's vectors of each product's text, as the app builds them ──────────────────────
const t0 = performance.now();
const { features, spec: content } = await catalogContentFeatures(catalog);
const dim = features.text!.dim;
const text = features.text!.data;
log(`embedded ${numItems} product texts in ${((performance.now() - t0) / 1000).toFixed(1)} s (Node)`);

// ── methods ───────────────────────────────────────────────────────────────────────────────────────────────────────
await initBackend('wasm');
const store = new Map<string, Parameters<CheckpointStore['save']>[0]>();
const memory: CheckpointStore = { save: async (r) => void store.set(r.id, structuredClone(r)), load: async (id) => structuredClone(store.get(id)) };

const popularity = new Float32Array(numItems);
for (const s of training) for (const i of s) popularity[i]++;
const byPopularity = [...popularity.keys()].sort((a, b) => popularity[b] - popularity[a]);

function top10(scores: (i: number) => number, history: Int32Array): number[] {
  const seen = new Set(history);
  const best: Array<[number, number]> = [];
  for (let i = 0; i < numItems; i++) {
    if (seen.has(i)) continue;
    const s = scores(i);
    if (best.length < 10 || s > best[best.length - 1][1]) {
      best.push([i, s]);
      best.sort((a, b) => b[1] - a[1]);
      if (best.length > 10) best.pop();
    }
  }
  return best.map(([i]) => i);
}

const methods: Record<string, (history: Int32Array) => Promise<number[]>> = {
  popularity: async (h) => byPopularity.filter((i) => !h.includes(i)).slice(0, 10),
  'content similarity': async (h) => {
    // Recency-weighted similarity to the last 10 items' vectors.
    const recent = Array.from(h.slice(-10));
    return top10((i) => recent.reduce((s, j, r) => {
      let dot = 0;
      for (let k = 0; k < dim; k++) dot += text[i * dim + k] * text[j * dim + k];
      return s + dot * 0.8 ** (recent.length - 1 - r);
    }, 0), h);
  },
  'on-device model, own events only': async (h) => {
    if (h.length < 2) return methods['content similarity'](h);
    const session = new ModelSession(memory);
    await session.fit({ checkpointId: 'own', sequences: packSequences([h], numItems), features, model: { ...PERSONAL_MODEL, content }, train: { ...FIRST_TRAINING, loss: 'full-softmax' }, backend: 'wasm' });
    const r = await session.topItems(h, 10, true);
    session.dispose();
    return r.items;
  },
};

// Pre-training a content-only model on the training shoppers (the merchant's pre-trained weights).
const pretrain = new DatasetSession(memory);
const tp = performance.now();
const pre = await pretrain.train({
  data: { kind: 'sequences', sequences: packSequences(training, numItems), features },
  model: { ...PERSONAL_MODEL, content },
  train: { epochs: 30, timeBudgetS: Number(values['pretrain-seconds']), learningRate: 0.005, lrSchedule: 'cosine', loss: 'full-softmax', validateEvery: 5, validationUsers: 1000, restoreBest: true },
  checkpointId: 'pretrained',
  backend: 'wasm',
});
log(`pre-trained a content-only model on ${training.length} shoppers: ${pre.report.epochsRun.toFixed(1)} epochs in ${((performance.now() - tp) / 1000).toFixed(0)} s, best validation NDCG@10 ${pre.report.best?.ndcg10.toFixed(4) ?? '–'}`);
methods['pre-trained content-only model'] = async (h) => (await pretrain.topItems(h, 10, true)).items;
if (values['save-pretrained']) {
  const c = store.get('pretrained')!;
  writeFileSync(values['save-pretrained'], JSON.stringify(pretrainedFile(c)));
  log(`wrote the pre-trained model to ${values['save-pretrained']}`);
}
methods['pre-trained, then fine-tuned on own events'] = async (h) => {
  // One event is nothing to learn from yet (there is no "next" in it): the pre-trained model answers alone.
  if (h.length < 2) return methods['pre-trained content-only model'](h);
  const session = new ModelSession(memory);
  store.set('tuned', structuredClone(store.get('pretrained')!));
  await session.fineTune({ checkpointId: 'tuned', sequences: packSequences([h], numItems), features, train: { ...UPDATE_TRAINING, loss: 'full-softmax' }, backend: 'wasm' });
  const r = await session.topItems(h, 10, true);
  session.dispose();
  return r.items;
};

// ── replay ────────────────────────────────────────────────────────────────────────────────────────────────────────
const ks = [1, 5, 10, 20];
const shoppers = Number(values.shoppers);
const table: Array<Record<string, number | string>> = [];
log('');
log(`Hit rate @10 of the next item (seen items excluded), held-out shoppers (at most ${shoppers} per column)`);
log(`method                                      | ${ks.map((k) => `after ${k} event${k > 1 ? 's' : ''}`.padStart(16)).join(' | ')}`);
for (const [name, rank] of Object.entries(methods)) {
  const row: Record<string, number | string> = { method: name };
  const cells: string[] = [];
  for (const k of ks) {
    const eligible = heldOut.filter((s) => s.length > k).slice(0, shoppers);
    let hits = 0;
    for (const s of eligible) {
      const got = await rank(s.subarray(0, k));
      if (got.includes(s[k])) hits++;
    }
    row[`hr10_after_${k}`] = +(hits / eligible.length).toFixed(4);
    row[`n_after_${k}`] = eligible.length;
    cells.push(`${(hits / eligible.length).toFixed(3)} (n=${eligible.length})`.padStart(16));
  }
  table.push(row);
  log(`${name.padEnd(43)} | ${cells.join(' | ')}`);
}
out.hitRates = table;

// ── incremental update time in the Worker ─────────────────────────────────────────────────────────────────────────
const server = await createServer({ logLevel: 'error', server: { port: 4291, strictPort: false } });
await server.listen();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${server.resolvedUrls!.local[0]}tests/fixtures/personal-bench.html`);
  await page.waitForFunction(() => 'personalBench' in window, null, { timeout: 120_000 });
  const shopper = heldOut.find((s) => s.length >= 25) ?? heldOut[0];
  const extra = byPopularity.slice(0, Number(values.updates));
  const r = await page.evaluate(
    ([p, v, d, first, more]) => (window as unknown as { personalBench: PersonalBench }).personalBench.updates(p as Product[], v as number[], d as number, first as number[], more as number[]),
    [products, Array.from(text), dim, Array.from(shopper.subarray(0, 20)), extra] as const,
  );
  log('');
  log('Incremental update after one new event, in the recommender Worker (Chromium, IndexedDB, checkpoint saved)');
  log(`first model (20 events): ${r.firstMs.toFixed(0)} ms on ${r.backend}; then ${r.updates} updates: p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms`);
  out.updates = r;
} finally {
  await browser.close();
  await server.close();
}
if (values.json) console.log(JSON.stringify(out));
