/**
 * Search benchmark: the same search code the app runs (workers/search), timed and scored.
 *   1. Index build time and query latency (p50/p95) of lexical, semantic and hybrid search over the demo catalog
 *      (995 real products) and a 100,000-product catalog made from real product titles.
 *   2. Retrieval quality (recall@10, MRR) of lexical, semantic and hybrid on the encoder's held-out query set (200
 *      products of brands it never saw; queries from real category, description and attribute data; written by
 *      models/aisle-text-encoder-v1/training/export_queries.py), embeddings by the bundled encoder through
 *      Transformers.js in Node.
 *   3. Encoder throughput in the real language worker in headless Chromium, per device (WASM, WebGPU).
 *
 *   npm run bench:search -- [--queries FILE] [--catalog public/catalog/demo.json] [--large 100000]
 *                           [--devices wasm,webgpu] [--texts 512] [--json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { env, pipeline } from '@huggingface/transformers';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import type { Catalog, Product } from '../src/shared/catalog/types.ts';
import { productText } from '../src/shared/text/product-text.ts';
import { hybridSearch, MAX_SEMANTIC_GAP, MIN_SEMANTIC_SCORE } from '../workers/search/hybrid.ts';
import { LexicalIndex } from '../workers/search/lexical.ts';
import { SemanticIndex } from '../workers/search/semantic.ts';
import { embedTexts, type FeatureExtractor } from '../workers/language/encoder.ts';
import type { SearchBench } from '../tests/browser/search/bench-page.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './vite/chromium.ts';

const { values } = parseArgs({
  options: {
    queries: { type: 'string', default: 'models/aisle-text-encoder-v1/training/heldout-queries.json' },
    catalog: { type: 'string', default: 'public/catalog/demo.json' },
    large: { type: 'string', default: '100000' },
    devices: { type: 'string', default: 'wasm,webgpu' },
    texts: { type: 'string', default: '512' },
    'latency-queries': { type: 'string', default: '300' },
    json: { type: 'boolean', default: false },
  },
});

const out: Record<string, unknown> = {};
const log = (s = '') => !values.json && console.log(s);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomUnit(dim: number, next: () => number): Float32Array {
  const v = new Float32Array(dim);
  let n = 0;
  for (let i = 0; i < dim; i++) {
    v[i] = next() - 0.5;
    n += v[i] * v[i];
  }
  n = Math.sqrt(n);
  for (let i = 0; i < dim; i++) v[i] /= n;
  return v;
}

/** A large catalog from real titles: each real product repeated with a variant suffix, in its real category. */
function largeCatalog(base: Product[], size: number): Product[] {
  const variants = ['Black', 'Blue', 'Red', 'Green', 'Grey', 'White', 'Pack of 2', 'Pack of 3', 'Large', 'Small', 'XL', 'Classic', 'Premium', 'Slim', 'Sport'];
  const next = rng(7);
  return Array.from({ length: size }, (_, i) => {
    const p = base[i % base.length];
    const v = variants[Math.floor(next() * variants.length)];
    return { ...p, id: `${p.id}-${i}`, title: `${p.title} ${v}`, price: Math.round(p.price * (0.8 + next() * 0.4)) };
  });
}

function latencyQueries(products: Product[], n: number): string[] {
  const next = rng(11);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const words = products[Math.floor(next() * products.length)].title.split(/\s+/).filter((w) => w.length > 2);
    const k = 1 + Math.floor(next() * 2);
    let q = words.slice(0, k).join(' ').toLowerCase();
    if (i % 4 === 0 && q.length > 5) q = q.slice(0, 3) + q.slice(4); // a typo
    out.push(q);
  }
  return out;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

async function nodeEncoder(): Promise<FeatureExtractor> {
  env.allowRemoteModels = false;
  env.localModelPath = `${resolve('models')}/`;
  return (await pipeline('feature-extraction', 'aisle-text-encoder-v1', { dtype: 'fp32' })) as unknown as FeatureExtractor;
}

// ── 1. latency ────────────────────────────────────────────────────────────────────────────────────────────────────
const demo = (JSON.parse(readFileSync(values.catalog!, 'utf8')) as Catalog).products;
const extract = await nodeEncoder();
const demoVectors = await embedTexts(extract, demo.map(productText));
const dim = demoVectors[0].length;
const latency: Array<Record<string, number | string>> = [];
log('Search latency (Node, the worker\'s search code; query embedding not included: see the encoder table)');
log('catalog   | lexical build ms | semantic build ms | lexical p50/p95 ms | semantic p50/p95 ms | hybrid p50/p95 ms');
for (const size of [demo.length, Number(values.large)]) {
  const products = size === demo.length ? demo : largeCatalog(demo, size);
  const next = rng(3);
  const vectors = size === demo.length ? demoVectors : products.map(() => randomUnit(dim, next));
  const [lexical, lexMs] = time(() => new LexicalIndex(products));
  const [semantic, semMs] = time(() => new SemanticIndex('bench', vectors));
  const queries = latencyQueries(products, Number(values['latency-queries']));
  const qv = queries.map(() => randomUnit(dim, next));
  const tl: number[] = [];
  const ts: number[] = [];
  const th: number[] = [];
  queries.forEach((q, i) => {
    tl.push(time(() => lexical.search(q, {}, 48))[1]);
    ts.push(time(() => semantic.search(qv[i], 200, 0.35))[1]);
    th.push(time(() => hybridSearch(products, lexical, semantic, { query: q, filters: {}, vector: qv[i] }))[1]);
  });
  const row = {
    products: size,
    lexicalBuildMs: Math.round(lexMs),
    semanticBuildMs: Math.round(semMs),
    lexicalP50: +percentile(tl, 50).toFixed(2),
    lexicalP95: +percentile(tl, 95).toFixed(2),
    semanticP50: +percentile(ts, 50).toFixed(2),
    semanticP95: +percentile(ts, 95).toFixed(2),
    hybridP50: +percentile(th, 50).toFixed(2),
    hybridP95: +percentile(th, 95).toFixed(2),
  };
  latency.push(row);
  log(`${String(size).padEnd(9)} | ${String(row.lexicalBuildMs).padStart(16)} | ${String(row.semanticBuildMs).padStart(17)} | ${`${row.lexicalP50} / ${row.lexicalP95}`.padStart(18)} | ${`${row.semanticP50} / ${row.semanticP95}`.padStart(19)} | ${`${row.hybridP50} / ${row.hybridP95}`.padStart(17)}`);
}
log(`(the ${values.large}-product catalog repeats the demo's real titles with variant words; its product vectors are random unit vectors, which cost the same to search)`);
out.latency = latency;

// ── 2. quality ────────────────────────────────────────────────────────────────────────────────────────────────────
interface HeldOut {
  description: string;
  views: Array<{
    view: 'title' | 'full';
    products: Array<{ id: string; title: string; description: string }>;
    queries: Array<{ query: string; kind: string; relevant: string[]; noSharedWord: string[] }>;
  }>;
}
if (existsSync(values.queries!)) {
  const set = JSON.parse(readFileSync(values.queries!, 'utf8')) as HeldOut;
  const quality: Array<Record<string, number | string>> = [];
  const resultLists: Array<Record<string, number | string>> = [];
  log('');
  log(`Retrieval quality on held-out queries (${values.queries}): ${set.description}`);
  log('Same protocol as the encoder\'s card: the index holds the title ("title" view) or title and description ("full"),');
  log('and "no shared word" scores only the relevant products that share no word with the query, the others left out.');
  log('view  | queries              | lexical R@10 / MRR | semantic R@10 / MRR | hybrid R@10 / MRR');
  for (const v of set.views) {
    const products: Product[] = v.products.map((p) => ({ id: p.id, title: p.title, description: p.description, categoryPath: [], brand: null, price: 1, currency: 'INR', listPrice: null, image: null, attributes: {}, inStock: true, rating: null }));
    const lexical = new LexicalIndex(products);
    const semantic = new SemanticIndex('aisle-text-encoder-v1', await embedTexts(extract, v.products.map((p) => (p.description ? `${p.title}. ${p.description}` : p.title))));
    const qv = await embedTexts(extract, v.queries.map((q) => q.query));
    const runs = {
      lexical: (i: number) => lexical.search(v.queries[i].query, {}, 200).map((h) => h.id),
      semantic: (i: number) => semantic.search(qv[i], 200, -1).map((h) => products[h.index].id),
      hybrid: (i: number) => hybridSearch(products, lexical, semantic, { query: v.queries[i].query, filters: {}, vector: qv[i] }).map((h) => h.itemId),
    };
    const groups: Array<[string, number[], (i: number) => { relevant: Set<string>; skip: Set<string> }]> = [
      ['all', v.queries.map((_, i) => i), (i) => ({ relevant: new Set(v.queries[i].relevant), skip: new Set() })],
      ...[...new Set(v.queries.map((q) => q.kind))].map(
        (kind) => [kind, v.queries.flatMap((q, i) => (q.kind === kind ? [i] : [])), (i: number) => ({ relevant: new Set(v.queries[i].relevant), skip: new Set<string>() })] as [string, number[], (i: number) => { relevant: Set<string>; skip: Set<string> }],
      ),
      [
        'no shared word',
        v.queries.flatMap((q, i) => (q.noSharedWord.length ? [i] : [])),
        (i) => ({ relevant: new Set(v.queries[i].noSharedWord), skip: new Set(v.queries[i].relevant.filter((id) => !v.queries[i].noSharedWord.includes(id))) }),
      ],
    ];
    for (const [name, idx, target] of groups) {
      const row: Record<string, number | string> = { view: v.view, queries: name, n: idx.length };
      for (const [mode, run] of Object.entries(runs)) {
        let recall = 0;
        let mrr = 0;
        for (const i of idx) {
          const { relevant, skip } = target(i);
          const got = run(i).filter((id) => !skip.has(id)).slice(0, 10);
          recall += got.filter((id) => relevant.has(id)).length / Math.min(10, relevant.size);
          const first = got.findIndex((id) => relevant.has(id));
          mrr += first >= 0 ? 1 / (first + 1) : 0;
        }
        row[`${mode}R10`] = +(recall / idx.length).toFixed(3);
        row[`${mode}MRR`] = +(mrr / idx.length).toFixed(3);
      }
      quality.push(row);
      const f = (m: string) => `${(row[`${m}R10`] as number).toFixed(3)} / ${(row[`${m}MRR`] as number).toFixed(3)}`;
      log(`${v.view.padEnd(5)} | ${`${name} (${idx.length})`.padEnd(20)} | ${f('lexical').padStart(18)} | ${f('semantic').padStart(19)} | ${f('hybrid').padStart(17)}`);
    }
    // The whole result list, not just its top 10: how long it is and how much of it is relevant, with the
    // semantic gap cutoff (what the app does) and without it (every semantic match over the floor).
    const resultSets: Record<string, number | string> = { view: v.view };
    for (const [name, gap] of [['cutoff', MAX_SEMANTIC_GAP], ['noCutoff', Infinity]] as const) {
      let returned = 0;
      let relevantReturned = 0;
      v.queries.forEach((q, i) => {
        const got = hybridSearch(products, lexical, semantic, { query: q.query, filters: {}, vector: qv[i], maxSemanticGap: gap }).map((h) => h.itemId);
        const relevant = new Set(q.relevant);
        returned += got.length;
        relevantReturned += got.filter((id) => relevant.has(id)).length;
      });
      resultSets[`${name}Results`] = +(returned / v.queries.length).toFixed(1);
      resultSets[`${name}Precision`] = +(relevantReturned / Math.max(1, returned)).toFixed(3);
    }
    resultSets.maxSemanticGap = MAX_SEMANTIC_GAP;
    // What the cutoff costs: of the relevant products semantic search ranks in its top 10 (over the floor), the share
    // within the gap of the query's best match, for the app's gap and a tighter one.
    for (const gap of [MAX_SEMANTIC_GAP, MAX_SEMANTIC_GAP - 0.05]) {
      let inTop = 0;
      let kept = 0;
      v.queries.forEach((q, i) => {
        const hits = semantic.search(qv[i], 10, MIN_SEMANTIC_SCORE);
        const relevant = new Set(q.relevant);
        for (const h of hits) {
          if (!relevant.has(products[h.index].id)) continue;
          inTop++;
          if (h.score >= hits[0].score - gap) kept++;
        }
      });
      resultSets[`keptAtGap${gap.toFixed(2)}`] = +(kept / Math.max(1, inTop)).toFixed(3);
    }
    resultLists.push(resultSets);
    const tighter = (MAX_SEMANTIC_GAP - 0.05).toFixed(2);
    log(`${v.view.padEnd(5)} | whole hybrid result list: ${resultSets.cutoffResults} results per query, ${resultSets.cutoffPrecision} of them relevant (without the ${MAX_SEMANTIC_GAP} semantic gap cutoff: ${resultSets.noCutoffResults}, ${resultSets.noCutoffPrecision})`);
    log(`${v.view.padEnd(5)} | relevant semantic top-10 matches the gap cutoff keeps: ${resultSets[`keptAtGap${MAX_SEMANTIC_GAP.toFixed(2)}`]} at ${MAX_SEMANTIC_GAP}, ${resultSets[`keptAtGap${tighter}`]} at ${tighter}`);
  }
  out.quality = quality;
  out.resultLists = resultLists;
} else {
  log(`\n(no held-out query set at ${values.queries}: quality skipped)`);
}

// ── 3. encoder throughput per device, in the real worker ──────────────────────────────────────────────────────────
const server = await createServer({ logLevel: 'error', server: { port: 4290, strictPort: false }, optimizeDeps: { noDiscovery: true } });
await server.listen();
const url = server.resolvedUrls!.local[0];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const encoder: unknown[] = [];
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${url}tests/fixtures/search-bench.html`);
  await page.waitForFunction(() => 'searchBench' in window, null, { timeout: 120_000 });
  const texts = demo.slice(0, Number(values.texts)).map(productText);
  const queries = latencyQueries(demo, 50);
  log('');
  log('Encoder in the language worker (Chromium)');
  log('device  | load ms | texts/s (batch 32) | one query p50/p95 ms | why this device');
  for (const device of values.devices!.split(',') as Array<'wasm' | 'webgpu'>) {
    const r = await page.evaluate(([d, t, q]) => (window as unknown as { searchBench: SearchBench }).searchBench.throughput(d as 'wasm' | 'webgpu', t as string[], q as string[]), [device, texts, queries] as const);
    encoder.push(r);
    log(`${r.device.padEnd(7)} | ${String(r.loadMs).padStart(7)} | ${r.textsPerSecond.toFixed(0).padStart(18)} | ${`${r.queryP50.toFixed(1)} / ${r.queryP95.toFixed(1)}`.padStart(20)} | ${r.deviceReason}`);
  }
} finally {
  await browser.close();
  await server.close();
}
out.encoder = encoder;
if (values.json) console.log(JSON.stringify(out));
