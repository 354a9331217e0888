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
 *                           [--devices wasm,webgpu] [--texts 512] [--before] [--baseline DIR] [--json]
 *   (--help lists every option)
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { env, pipeline } from '@huggingface/transformers';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import type { Catalog, Product } from '../src/shared/catalog/types.ts';
import { productText } from '../src/shared/text/product-text.ts';
import { gzipSync } from 'node:zlib';
import { encoderView, type EncoderView, type LexiconFile, type WordKnowledge } from '../src/shared/text/query.ts';
import { SearchEngine } from '../workers/search/engine.ts';
import { catalogFingerprint, decodeLexicalIndex, encodeLexicalIndex } from '../workers/search/stored-index.ts';
import { MAX_SEMANTIC_GAP, MIN_SEMANTIC_SCORE, SEMANTIC_QUERY_FLOOR } from '../workers/search/hybrid.ts';
import { isRelevant, mean, readJsonl, scoreRanking, sharesWord, type NothingQuery, type ParaphraseQuery, type RelevanceSpec, type Scores, type ZhQuery } from './search/query-sets.ts';
import { SemanticIndex } from '../workers/search/semantic.ts';
import { embedTexts, wordKnower, type FeatureExtractor, type WordPieceTokenizer } from '../workers/language/encoder.ts';
import type { SearchBench } from '../tests/browser/search/bench-page.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './vite/chromium.ts';
import { rng } from '../tests/fixtures/rng.ts';

const { values } = parseArgs({
  options: {
    queries: { type: 'string', default: 'models/aisle-text-encoder-v1/training/heldout-queries.json' },
    catalog: { type: 'string', default: 'public/catalog/demo.json' },
    large: { type: 'string', default: '100000' },
    devices: { type: 'string', default: 'wasm,webgpu' },
    texts: { type: 'string', default: '512' },
    'latency-queries': { type: 'string', default: '300' },
    sets: { type: 'string', default: 'scripts/search/queries' },
    skip: { type: 'string', default: '' },
    verbose: { type: 'boolean', default: false },
    before: { type: 'boolean', default: false },
    baseline: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`npm run bench:search -- [options]

Search latency at 1k and 100k products, held-out retrieval quality, the demo's query sets and the semantic floor's
calibration, the lexicon's cost, and encoder throughput per device. Every figure is printed; --json prints one object.

  --skip LIST            sections to leave out: latency,heldout,sets,lexicon,encoder
  --large N              products in the large catalog (default 100000)
  --latency-queries N    queries timed per catalog (default 300)
  --before               also time the engine as it was before the 100k work (tests/unit/search/reference:
                         MiniSearch, every match sorted) on the same catalog and queries, printed as "before"
  --baseline DIR         also time the search code of another checkout (DIR/workers/search, e.g. main's:
                         git archive 547db1b workers src | tar -x -C .tmp/base), printed as "base"
  --catalog FILE         the demo catalog (default public/catalog/demo.json)
  --queries FILE         the encoder's held-out query set
  --sets DIR             the demo's query sets (default scripts/search/queries)
  --devices LIST         encoder devices to time in Chromium (default wasm,webgpu)
  --texts N              texts embedded per device (default 512)
  --verbose              every query of the sets with its results
  --json                 one JSON object instead of tables
  --help                 this text`);
  process.exit(0);
}

const out: Record<string, unknown> = {};
/** Sections to leave out: latency, heldout, sets, lexicon, encoder. */
const skip = new Set(values.skip!.split(',').filter(Boolean));
const log = (s = '') => !values.json && console.log(s);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
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

/** Product i of the large catalog's vector: its demo product's real vector, moved a little (no two are equal). */
function nearbyUnit(v: Float32Array, next: () => number, spread = 0.15): Float32Array {
  const noise = randomUnit(v.length, next);
  const out = v.map((x, k) => x + spread * noise[k]);
  const norm = Math.hypot(...out) || 1;
  return out.map((x) => x / norm);
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

/** Wall-clock and CPU milliseconds of one call (CPU: this process's user + system time, which other processes on a
 * busy machine do not add to; it includes the garbage collector's threads). */
function timeBoth<T>(fn: () => T): [T, number, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [r, ms, (c.user + c.system) / 1000];
}

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

async function nodeEncoder(): Promise<{ extract: FeatureExtractor; knows: (word: string) => WordKnowledge }> {
  env.allowRemoteModels = false;
  env.localModelPath = `${resolve('models')}/`;
  const pipe = (await pipeline('feature-extraction', 'aisle-text-encoder-v1', { dtype: 'fp32' })) as unknown as FeatureExtractor & { tokenizer: WordPieceTokenizer };
  return { extract: pipe, knows: wordKnower(pipe.tokenizer) };
}

// ── 1. latency ────────────────────────────────────────────────────────────────────────────────────────────────────
const demo = (JSON.parse(readFileSync(values.catalog!, 'utf8')) as Catalog).products;
const { extract, knows } = await nodeEncoder();
const lexiconFile = JSON.parse(readFileSync('src/shared/text/lexicon/zh-en.json', 'utf8')) as LexiconFile;
const demoVectors = await embedTexts(extract, demo.map(productText));
const latency: Array<Record<string, number | string | null>> = [];
if (!skip.has('latency')) {
log('Search latency (Node, the worker\'s search code; query embedding not included: see the encoder table)');
/** An engine and its semantic index for a catalog: the one now, or the one before (tests/unit/search/reference). */
interface Timed {
  search(query: string, vector?: Float32Array, semanticFloor?: number): { total: number };
  closest(vector: Float32Array): unknown;
}
const engines: Array<{ label: string; make: (p: Product[], v: Array<Float32Array | undefined>) => { build: number; semanticBuild: number; restore?: number; storedBytes?: number; timed: Timed } }> = [
  {
    label: 'now',
    make: (p, v) => {
      const [engine, build] = time(() => new SearchEngine(p, lexiconFile));
      const [semantic, semanticBuild] = time(() => new SemanticIndex('bench', v));
      // A returning visit: the catalog's fingerprint, the stored bytes read back, the engine made from them.
      const bytes = encodeLexicalIndex(engine.lexical.data);
      const [, restore] = time(() => {
        catalogFingerprint(p);
        return new SearchEngine(p, lexiconFile, {}, decodeLexicalIndex(bytes));
      });
      return { build, semanticBuild, restore, storedBytes: bytes.byteLength, timed: { search: (query, vector, semanticFloor) => engine.search({ query, vector, semantic, semanticFloor }), closest: (q) => semantic.closestIndices(q, MIN_SEMANTIC_SCORE, MAX_SEMANTIC_GAP) } };
    },
  },
];
if (values.baseline) {
  // Another checkout's search code (main's, say), on the same catalog and queries: before and after in one run.
  const dir = resolve(values.baseline);
  const base = await import(`${dir}/workers/search/engine.ts`);
  const baseSemantic = await import(`${dir}/workers/search/semantic.ts`);
  engines.unshift({
    label: 'base',
    make: (p, v) => {
      const [engine, build] = time(() => new base.SearchEngine(p, lexiconFile));
      const [semantic, semanticBuild] = time(() => new baseSemantic.SemanticIndex('bench', v));
      const closest = semantic.closestIndices ? (q: Float32Array) => semantic.closestIndices(q, MIN_SEMANTIC_SCORE, MAX_SEMANTIC_GAP) : (q: Float32Array) => semantic.closest(q, MIN_SEMANTIC_SCORE, MAX_SEMANTIC_GAP);
      return { build, semanticBuild, timed: { search: (query, vector, semanticFloor) => engine.search({ query, vector, semantic, semanticFloor }), closest } };
    },
  });
}
if (values.before) {
  const ref = await import('../tests/unit/search/reference/engine.ts');
  const refSemantic = await import('../tests/unit/search/reference/semantic.ts');
  engines.unshift({
    label: 'before',
    make: (p, v) => {
      const [engine, build] = time(() => new ref.SearchEngine(p, lexiconFile));
      const [semantic, semanticBuild] = time(() => new refSemantic.SemanticIndex('bench', v));
      return { build, semanticBuild, timed: { search: (query, vector, semanticFloor) => engine.search({ query, vector, semantic, semanticFloor }), closest: (q) => semantic.search(q, Infinity, MIN_SEMANTIC_SCORE) } };
    },
  });
}
log(`load (1, 5, 15 min) at the start: ${load()}`);
log('engine | catalog   | lexical build ms | semantic build ms | lexical p50/p95 ms | semantic p50/p95 ms | hybrid p50/p95 ms | CPU p50/p95 ms lexical, semantic, hybrid | hits faceted (mean / max) | restore ms (stored MB) | load');
for (const size of [demo.length, Number(values.large)]) {
  const products = size === demo.length ? demo : largeCatalog(demo, size);
  const next = rng(3);
  const vectors = size === demo.length ? demoVectors : products.map((_, i) => nearbyUnit(demoVectors[i % demo.length], next));
  const queries = latencyQueries(products, Number(values['latency-queries']));
  // The queries' own embeddings (the bundled encoder), so that meaning finds what it would in the app.
  const qv = await embedTexts(extract, queries);
  for (const { label, make } of engines) {
    const { build: lexMs, semanticBuild: semMs, restore, storedBytes, timed } = make(products, vectors);
    const tl: number[] = [];
    const ts: number[] = [];
    const th: number[] = [];
    const cl: number[] = [];
    const cs: number[] = [];
    const ch: number[] = [];
    const faceted: number[] = [];
    queries.forEach((q, i) => {
      const [, lMs, lCpu] = timeBoth(() => timed.search(q));
      tl.push(lMs);
      cl.push(lCpu);
      // What hybrid search asks of the semantic index: the matches close to the best one, best first (before: every
      // match over the minimum, sorted).
      const [, sMs, sCpu] = timeBoth(() => timed.closest(qv[i]));
      ts.push(sMs);
      cs.push(sCpu);
      // The floor is lowered so that meaning takes part in every query (the most work a query can cost).
      const [r, hMs, hCpu] = timeBoth(() => timed.search(q, qv[i], -1));
      th.push(hMs);
      ch.push(hCpu);
      faceted.push(r.total);
    });
    const p = (xs: number[], k: number) => +percentile(xs, k).toFixed(2);
    const row = {
      engine: label,
      products: size,
      lexicalBuildMs: Math.round(lexMs),
      semanticBuildMs: Math.round(semMs),
      lexicalP50: p(tl, 50),
      lexicalP95: p(tl, 95),
      semanticP50: p(ts, 50),
      semanticP95: p(ts, 95),
      hybridP50: p(th, 50),
      hybridP95: p(th, 95),
      cpuLexicalP50: p(cl, 50),
      cpuLexicalP95: p(cl, 95),
      cpuSemanticP50: p(cs, 50),
      cpuSemanticP95: p(cs, 95),
      cpuHybridP50: p(ch, 50),
      cpuHybridP95: p(ch, 95),
      facetedMean: Math.round(faceted.reduce((a, b) => a + b, 0) / (faceted.length || 1)),
      facetedMax: Math.max(...faceted),
      restoreMs: restore === undefined ? null : Math.round(restore),
      storedMB: storedBytes === undefined ? null : +(storedBytes / 2 ** 20).toFixed(1),
      load: load(),
    };
    latency.push(row);
    const cpu = `${row.cpuLexicalP50} / ${row.cpuLexicalP95}, ${row.cpuSemanticP50} / ${row.cpuSemanticP95}, ${row.cpuHybridP50} / ${row.cpuHybridP95}`;
    log(`${label.padEnd(6)} | ${String(size).padEnd(9)} | ${String(row.lexicalBuildMs).padStart(16)} | ${String(row.semanticBuildMs).padStart(17)} | ${`${row.lexicalP50} / ${row.lexicalP95}`.padStart(18)} | ${`${row.semanticP50} / ${row.semanticP95}`.padStart(19)} | ${`${row.hybridP50} / ${row.hybridP95}`.padStart(17)} | ${cpu.padStart(40)} | ${`${row.facetedMean} / ${row.facetedMax}`.padStart(9)} | ${row.restoreMs === null ? 'n/a' : `${row.restoreMs} (${row.storedMB})`} | ${row.load}`);
  }
}
log(`(the ${values.large}-product catalog repeats the demo's real titles with variant words, each with its demo product's vector moved a little;`);
log(' the queries are embedded by the bundled encoder; "lexical build" is the whole search engine: index, vocabulary and lexicon;');
log(' every search includes the facet counts, over every hit: "hits faceted" is how many that was per hybrid query;');
log(' "restore" is a returning visit: the catalog\'s fingerprint, the stored index read back, the engine made from it;');
log(' "CPU" is this process\'s CPU time per call, which a busy machine inflates less than the wall clock; "load" is the');
log(' load average when the row was printed)');
out.latency = latency;
}

// ── 2. quality on the encoder's held-out queries ──────────────────────────────────────────────────────────────────
/** The app's path for one query: understood, read by the encoder when it knows the words, searched. */
async function embedViews(engine: SearchEngine, queries: string[]): Promise<Array<{ vector?: Float32Array; view: EncoderView }>> {
  const views = queries.map((q) => encoderView(engine.understand(q), knows));
  const texts = views.flatMap((v) => (v.usable ? [v.text] : []));
  const vectors = await embedTexts(extract, texts);
  let k = 0;
  return views.map((view) => ({ view, vector: view.usable ? vectors[k++] : undefined }));
}

interface HeldOut {
  description: string;
  views: Array<{
    view: 'title' | 'full';
    products: Array<{ id: string; title: string; description: string }>;
    queries: Array<{ query: string; kind: string; relevant: string[]; noSharedWord: string[] }>;
  }>;
}
if (!skip.has('heldout') && existsSync(values.queries!)) {
  const set = JSON.parse(readFileSync(values.queries!, 'utf8')) as HeldOut;
  const quality: Array<Record<string, number | string>> = [];
  const resultLists: Array<Record<string, number | string>> = [];
  log('');
  log(`Retrieval quality on held-out queries (${values.queries}): ${set.description}`);
  log('Same protocol as the encoder\'s card: the index holds the title ("title" view) or title and description ("full"),');
  log('and "no shared word" scores only the relevant products that share no word with the query, the others left out.');
  log('Each query goes the app\'s way: understood with the bundled lexicon, embedded only when the encoder knows most of');
  log('its words, semantic matches only over the query floor (these queries were used for neither the lexicon nor the floors).');
  log('view  | queries              | lexical R@10 / MRR | semantic R@10 / MRR | hybrid R@10 / MRR');
  for (const v of set.views) {
    const products: Product[] = v.products.map((p) => ({ id: p.id, title: p.title, description: p.description, categoryPath: [], brand: null, price: 1, currency: 'INR', listPrice: null, image: null, attributes: {}, inStock: true, rating: null }));
    const engine = new SearchEngine(products, lexiconFile);
    const semantic = new SemanticIndex('aisle-text-encoder-v1', await embedTexts(extract, v.products.map((p) => (p.description ? `${p.title}. ${p.description}` : p.title))));
    const raw = await embedTexts(extract, v.queries.map((q) => q.query));
    const app = await embedViews(engine, v.queries.map((q) => q.query));
    const runs = {
      lexical: (i: number) => engine.search({ query: v.queries[i].query, limit: 200 }).hits.map((h) => h.itemId),
      // The encoder alone, every product ranked (as on its card).
      semantic: (i: number) => semantic.search(raw[i], 200, -1).map((h) => products[h.index].id),
      hybrid: (i: number) => engine.search({ query: v.queries[i].query, vector: app[i].vector, semantic, limit: 200 }).hits.map((h) => h.itemId),
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
          const { relevant, skip: leftOut } = target(i);
          const got = run(i).filter((id) => !leftOut.has(id)).slice(0, 10);
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
    // The whole result list, not just its top 10: how long it is and how much of it is relevant.
    let returned = 0;
    let relevantReturned = 0;
    let keptOut = 0;
    v.queries.forEach((q, i) => {
      const r = engine.search({ query: q.query, vector: app[i].vector, semantic, limit: Infinity });
      const relevant = new Set(q.relevant);
      returned += r.total;
      relevantReturned += r.hits.filter((h) => relevant.has(h.itemId)).length;
      if (r.meaning !== 'used') keptOut++;
    });
    const lists = { view: v.view, results: +(returned / v.queries.length).toFixed(1), precision: +(relevantReturned / Math.max(1, returned)).toFixed(3), meaningOut: keptOut };
    // What the gap cutoff costs: of the relevant products semantic search ranks in its top 10 (over the floor), the
    // share within the gap of the query's best match, for the app's gap and a tighter one.
    for (const gap of [MAX_SEMANTIC_GAP, MAX_SEMANTIC_GAP - 0.05]) {
      let inTop = 0;
      let kept = 0;
      v.queries.forEach((q, i) => {
        const hits = semantic.search(raw[i], 10, MIN_SEMANTIC_SCORE);
        const relevant = new Set(q.relevant);
        for (const h of hits) {
          if (!relevant.has(products[h.index].id)) continue;
          inTop++;
          if (h.score >= hits[0].score - gap) kept++;
        }
      });
      (lists as Record<string, number | string>)[`keptAtGap${gap.toFixed(2)}`] = +(kept / Math.max(1, inTop)).toFixed(3);
    }
    resultLists.push(lists);
    log(`${v.view.padEnd(5)} | whole hybrid result list: ${lists.results} results per query, ${lists.precision} of them relevant; meaning stayed out for ${keptOut} of ${v.queries.length} queries`);
    log(`${v.view.padEnd(5)} | relevant semantic top-10 matches the gap cutoff keeps: ${(lists as Record<string, unknown>)[`keptAtGap${MAX_SEMANTIC_GAP.toFixed(2)}`]} at ${MAX_SEMANTIC_GAP}, ${(lists as Record<string, unknown>)[`keptAtGap${(MAX_SEMANTIC_GAP - 0.05).toFixed(2)}`]} at ${(MAX_SEMANTIC_GAP - 0.05).toFixed(2)}`);
  }
  out.quality = quality;
  out.resultLists = resultLists;
} else if (!skip.has('heldout')) {
  log(`\n(no held-out query set at ${values.queries}: quality skipped)`);
}

// ── 3. the demo catalog's query sets: Chinese, nothing, paraphrases ──────────────────────────────────────────────
if (!skip.has('sets')) {
  const engine = new SearchEngine(demo, lexiconFile);
  const semantic = new SemanticIndex('aisle-text-encoder-v1', demoVectors);
  const dir = values.sets!;
  const zh = readJsonl<ZhQuery>(`${dir}/zh.jsonl`);
  const nothing = readJsonl<NothingQuery>(`${dir}/nothing.jsonl`);
  const para = readJsonl<ParaphraseQuery>(`${dir}/paraphrase.jsonl`);
  // "fresh": a third set, written after the holdout's failures had been looked at and before any result of its own
  // (the clean figure); "all" is the tune and holdout lines, as before the fresh lines were added.
  // "fresh2": a fourth, written after the fresh lines' results had been seen, before any of its own.
  const splits = ['tune', 'holdout', 'fresh', 'fresh2', 'all'] as const;
  const inSplit = (s: (typeof splits)[number]) => (q: { split: string }) => (s === 'all' ? q.split === 'tune' || q.split === 'holdout' : q.split === s);
  const relevantSet = (spec: RelevanceSpec) => new Set(demo.filter((p) => isRelevant(p, spec)).map((p) => p.id));
  const fmt = (x: Scores) => `${x.recall.toFixed(3)} / ${x.precision.toFixed(3)}`;
  const setsOut: Record<string, unknown> = {};
  const search = (query: string, v: { vector?: Float32Array }, floor?: number) => engine.search({ query, vector: v.vector, semantic, limit: 10, semanticFloor: floor });

  // Chinese and their English twins.
  const zhV = await embedViews(engine, zh.map((q) => q.query));
  const enV = await embedViews(engine, zh.map((q) => q.en));
  const empty = zh.filter((q) => relevantSet(q.relevant).size === 0).map((q) => q.id);
  log('');
  log(`Chinese queries (${dir}/zh.jsonl: ${zh.length}, each with an English twin for the same products; recall@10 / precision@10, hybrid as the app runs it)`);
  if (empty.length) log(`  (no relevant product in the demo catalog for ${empty.join(', ')}: left out)`);
  log('split   | n   | Chinese R@10 / P@10 | English R@10 / P@10 | gap (English − Chinese R@10) | bar: gap ≤ 0.10');
  const zhRows: Record<string, unknown>[] = [];
  for (const s of splits) {
    const idx = zh.flatMap((q, i) => (inSplit(s)(q) && !empty.includes(q.id) ? [i] : []));
    const score = (i: number, text: string, v: { vector?: Float32Array }) => scoreRanking(search(text, v).hits.map((h) => h.itemId), relevantSet(zh[i].relevant));
    const c = mean(idx.map((i) => score(i, zh[i].query, zhV[i])));
    const e = mean(idx.map((i) => score(i, zh[i].en, enV[i])));
    const gap = e.recall - c.recall;
    zhRows.push({ split: s, n: idx.length, zhRecall: +c.recall.toFixed(3), zhPrecision: +c.precision.toFixed(3), enRecall: +e.recall.toFixed(3), enPrecision: +e.precision.toFixed(3), gap: +gap.toFixed(3), pass: gap <= 0.1 });
    log(`${s.padEnd(7)} | ${String(idx.length).padEnd(3)} | ${fmt(c).padStart(19)} | ${fmt(e).padStart(19)} | ${gap.toFixed(3).padStart(28)} | ${gap <= 0.1 ? 'pass' : 'FAIL'}`);
  }
  setsOut.zh = zhRows;
  if (values.verbose) {
    for (const [i, q] of zh.entries()) {
      if (q.split !== 'tune') continue;
      const r = search(q.query, zhV[i]);
      const sc = scoreRanking(r.hits.map((h) => h.itemId), relevantSet(q.relevant));
      const se = scoreRanking(search(q.en, enV[i]).hits.map((h) => h.itemId), relevantSet(q.relevant));
      if (sc.recall < se.recall || sc.recall < 0.5) log(`  ${q.id} ${q.query} (${q.en}): zh ${sc.recall.toFixed(2)} en ${se.recall.toFixed(2)} | ${r.total} found, meaning ${r.meaning}; enc "${zhV[i].view.text}" | ${r.hits.slice(0, 3).map((h) => demo.find((p) => p.id === h.itemId)!.title.slice(0, 30)).join(' ; ')}`);
    }
  }

  // Nothing to find.
  const noneV = await embedViews(engine, nothing.map((q) => q.query));
  log('');
  log(`Nonsense and out-of-catalog queries (${dir}/nothing.jsonl: ${nothing.length}; the right answer is nothing)`);
  log('split   | kind           | n   | answered "nothing found" | results when not | bar: ≥ 95%');
  const noneRows: Record<string, unknown>[] = [];
  for (const s of splits) {
    for (const kind of ['nonsense', 'out-of-catalog', 'both'] as const) {
      const idx = nothing.flatMap((q, i) => (inSplit(s)(q) && (kind === 'both' || q.kind === kind) ? [i] : []));
      const totals = idx.map((i) => search(nothing[i].query, noneV[i]).total);
      const none = totals.filter((t) => t === 0).length;
      const share = none / Math.max(1, idx.length);
      const shown = totals.filter((t) => t > 0);
      noneRows.push({ split: s, kind, n: idx.length, nothingFound: +share.toFixed(3), meanResultsWhenNot: shown.length ? +(shown.reduce((a, b) => a + b, 0) / shown.length).toFixed(1) : 0 });
      log(`${s.padEnd(7)} | ${kind.padEnd(14)} | ${String(idx.length).padEnd(3)} | ${`${(100 * share).toFixed(1)}% (${none})`.padStart(24)} | ${(shown.length ? (shown.reduce((a, b) => a + b, 0) / shown.length).toFixed(1) : '-').padStart(16)} | ${kind === 'both' ? (share >= 0.95 ? 'pass' : 'FAIL') : ''}`);
    }
  }
  setsOut.nothing = noneRows;
  if (values.verbose) {
    for (const [i, q] of nothing.entries()) {
      if (q.split !== 'tune') continue;
      const r = search(q.query, noneV[i]);
      if (r.total) log(`  ${q.id} "${q.query}": ${r.total} found, meaning ${r.meaning} ${r.meaningBest?.toFixed(3) ?? ''}, partial ${r.partial}: ${r.hits.slice(0, 3).map((h) => demo.find((p) => p.id === h.itemId)!.title.slice(0, 30)).join(' ; ')}`);
    }
  }

  // Paraphrases with no shared word.
  const paraV = await embedViews(engine, para.map((q) => q.query));
  const paraTargets = para.map((q) => {
    const relevant = demo.filter((p) => isRelevant(p, q.relevant));
    const sharing = new Set(relevant.filter((p) => sharesWord(q.query, p)).map((p) => p.id));
    return { relevant: new Set(relevant.filter((p) => !sharing.has(p.id)).map((p) => p.id)), skip: sharing };
  });
  const noTarget = para.filter((_, i) => paraTargets[i].relevant.size === 0).map((q) => q.id);
  log('');
  log(`Paraphrases (${dir}/paraphrase.jsonl: ${para.length}; scored on the relevant products that share no word with the query, the others left out)`);
  if (noTarget.length) log(`  (every relevant product shares a word with the query, or there is none, for ${noTarget.join(', ')}: left out)`);
  log('split   | n   | words only R@10 / P@10 | hybrid R@10 / P@10 | meaning used');
  const paraRows: Record<string, unknown>[] = [];
  for (const s of splits) {
    const idx = para.flatMap((q, i) => (inSplit(s)(q) && !noTarget.includes(q.id) ? [i] : []));
    const lex = mean(idx.map((i) => scoreRanking(search(para[i].query, {}).hits.map((h) => h.itemId), paraTargets[i].relevant, paraTargets[i].skip)));
    const hyb = mean(idx.map((i) => scoreRanking(search(para[i].query, paraV[i]).hits.map((h) => h.itemId), paraTargets[i].relevant, paraTargets[i].skip)));
    const used = idx.filter((i) => search(para[i].query, paraV[i]).meaning === 'used').length;
    paraRows.push({ split: s, n: idx.length, lexicalRecall: +lex.recall.toFixed(3), lexicalPrecision: +lex.precision.toFixed(3), hybridRecall: +hyb.recall.toFixed(3), hybridPrecision: +hyb.precision.toFixed(3), meaningUsed: used });
    log(`${s.padEnd(7)} | ${String(idx.length).padEnd(3)} | ${fmt(lex).padStart(22)} | ${fmt(hyb).padStart(18)} | ${used}`);
  }
  setsOut.paraphrase = paraRows;
  if (values.verbose) {
    for (const [i, q] of para.entries()) {
      if (q.split !== 'tune' || noTarget.includes(q.id)) continue;
      const r = search(q.query, paraV[i]);
      const sc = scoreRanking(r.hits.map((h) => h.itemId), paraTargets[i].relevant, paraTargets[i].skip);
      if (sc.recall < 0.5) log(`  ${q.id} "${q.query}": R ${sc.recall.toFixed(2)} | ${r.total} found, meaning ${r.meaning} ${r.meaningBest?.toFixed(3) ?? ''}; enc "${paraV[i].view.text}" ${paraV[i].view.usable ? '' : '(unusable)'} | ${r.hits.slice(0, 3).map((h) => demo.find((p) => p.id === h.itemId)!.title.slice(0, 30)).join(' ; ')}`);
    }
  }

  // The query floor: how it was calibrated (tuning halves only). Each floor is tried on the tuning halves of the three
  // sets; the one chosen finds the most of the real queries' products while keeping out as many nothing-queries as the
  // highest floor tried does, less one query.
  const tuneZh = zh.flatMap((q, i) => (q.split === 'tune' && !empty.includes(q.id) ? [i] : []));
  const tuneNone = nothing.flatMap((q, i) => (q.split === 'tune' ? [i] : []));
  const tunePara = para.flatMap((q, i) => (q.split === 'tune' && !noTarget.includes(q.id) ? [i] : []));
  const floors = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65];
  log('');
  log(`Semantic query floor (now ${SEMANTIC_QUERY_FLOOR}), calibrated on the tuning halves only (recall@10 as above):`);
  log('floor | nothing found (tune) | Chinese R@10 | English R@10 | paraphrase R@10 | mean of the three');
  const calibration = floors.map((f) => {
    const noneRate = tuneNone.filter((i) => search(nothing[i].query, noneV[i], f).total === 0).length / Math.max(1, tuneNone.length);
    const zhR = mean(tuneZh.map((i) => scoreRanking(search(zh[i].query, zhV[i], f).hits.map((h) => h.itemId), relevantSet(zh[i].relevant)))).recall;
    const enR = mean(tuneZh.map((i) => scoreRanking(search(zh[i].en, enV[i], f).hits.map((h) => h.itemId), relevantSet(zh[i].relevant)))).recall;
    const paraR = mean(tunePara.map((i) => scoreRanking(search(para[i].query, paraV[i], f).hits.map((h) => h.itemId), paraTargets[i].relevant, paraTargets[i].skip))).recall;
    const row = { floor: f, nothingFound: +noneRate.toFixed(3), zhRecall: +zhR.toFixed(3), enRecall: +enR.toFixed(3), paraphraseRecall: +paraR.toFixed(3), meanRecall: +((zhR + enR + paraR) / 3).toFixed(3) };
    log(`${f.toFixed(2).padEnd(5)} | ${`${(100 * noneRate).toFixed(1)}%`.padStart(20)} | ${zhR.toFixed(3).padStart(12)} | ${enR.toFixed(3).padStart(12)} | ${paraR.toFixed(3).padStart(15)} | ${row.meanRecall.toFixed(3)}`);
    return row;
  });
  const bestNone = Math.max(...calibration.map((c) => c.nothingFound));
  const allowed = calibration.filter((c) => c.nothingFound >= bestNone - 1 / Math.max(1, tuneNone.length) - 1e-9);
  // Equal recall (to the three decimals printed): the higher floor, which lets less meaning-only padding in.
  const chosen = allowed.reduce((a, b) => (b.meanRecall >= a.meanRecall ? b : a));
  log(`chosen by this rule: ${chosen.floor.toFixed(2)} (the app uses ${SEMANTIC_QUERY_FLOOR})`);
  setsOut.calibration = { rows: calibration, chosen: chosen.floor };
  out.sets = setsOut;
}

// ── 4. the lexicon: size and load cost ────────────────────────────────────────────────────────────────────────────
if (!skip.has('lexicon')) {
  const path = 'src/shared/text/lexicon/zh-en.json';
  const text = readFileSync(path, 'utf8');
  const gzip = gzipSync(text).length;
  const [parsed, parseMs] = time(() => JSON.parse(text) as LexiconFile);
  const [, demoMs] = time(() => new SearchEngine(demo, parsed));
  const large = largeCatalog(demo, Number(values.large));
  const [, largeMs] = time(() => new SearchEngine(large, parsed));
  const zhQueries = readJsonl<ZhQuery>(`${values.sets}/zh.jsonl`).map((q) => q.query);
  const eng = new SearchEngine(demo, parsed);
  const per: number[] = zhQueries.map((q) => time(() => eng.understand(q))[1]);
  log('');
  log(`Lexicon (${path}): ${Object.keys(parsed.zh).length} Chinese headwords, ${Object.keys(parsed.related).length} English words with related words`);
  log(`  ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB as JSON, ${(gzip / 1024).toFixed(0)} KB gzipped; JSON.parse ${parseMs.toFixed(1)} ms; search engine for the demo catalog (index, vocabulary, lexicon) ${demoMs.toFixed(0)} ms, for ${values.large} products ${largeMs.toFixed(0)} ms`);
  log(`  understanding a Chinese query (segmenting, lexicon, price words, lexical search for corrections): p50 ${percentile(per, 50).toFixed(2)} ms, p95 ${percentile(per, 95).toFixed(2)} ms`);
  out.lexicon = { headwords: Object.keys(parsed.zh).length, bytes: Buffer.byteLength(text), gzipBytes: gzip, parseMs: +parseMs.toFixed(1), demoEngineMs: Math.round(demoMs), largeEngineMs: Math.round(largeMs), understandP50: +percentile(per, 50).toFixed(2), understandP95: +percentile(per, 95).toFixed(2) };
}

// ── 5. encoder throughput per device, in the real worker ──────────────────────────────────────────────────────────
const encoder: unknown[] = [];
if (!skip.has('encoder')) {
const server = await createServer({ logLevel: 'error', server: { port: 4290, strictPort: false }, optimizeDeps: { noDiscovery: true } });
await server.listen();
const url = server.resolvedUrls!.local[0];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
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
}
out.encoder = encoder;
if (values.json) console.log(JSON.stringify(out));
