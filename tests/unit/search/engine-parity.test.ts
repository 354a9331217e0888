/**
 * The search engine made for 100,000 products (workers/search) against the engine as it was before (kept unchanged in
 * ./reference/, MiniSearch and all), on the demo catalog with its shipped product vectors: the same results, in the
 * same order, with the same scores, totals, facets, suggestions and explanations, for every query of the demo's query
 * sets and for queries made from its titles (typos, prefixes, Chinese, prices), with and without meaning, filters,
 * dismissed products and personal re-ranking.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Catalog, Product } from '../../../src/shared/catalog/types.ts';
import { decodeVectorFile } from '../../../src/shared/catalog/vectors.ts';
import type { SearchFilters } from '../../../src/shared/search.ts';
import { productText, textHash } from '../../../src/shared/text/product-text.ts';
import type { LexiconFile } from '../../../src/shared/text/query.ts';
import { SearchEngine } from '../../../workers/search/engine.ts';
import { SemanticIndex } from '../../../workers/search/semantic.ts';
import { SearchEngine as ReferenceEngine } from './reference/engine.ts';
import { SemanticIndex as ReferenceSemantic } from './reference/semantic.ts';
import { rng } from '../../fixtures/rng.ts';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const catalog = JSON.parse(readFileSync(root('public/catalog/demo.json'), 'utf8')) as Catalog;
const demo = catalog.products;
const lexicon = JSON.parse(readFileSync(root('src/shared/text/lexicon/zh-en.json'), 'utf8')) as LexiconFile;
const file = decodeVectorFile(readFileSync(root('public/catalog/demo.vectors.bin')));
const byHash = new Map(file.entries.map((e) => [e.hash, e.vector]));
const vectors = await Promise.all(demo.map(async (p) => byHash.get(await textHash(productText(p)))));
const sets = ['zh', 'nothing', 'paraphrase'].flatMap((name) =>
  readFileSync(root(`scripts/search/queries/${name}.jsonl`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { query: string }).query),
);

/** Queries made from the catalog's titles: one to three words, some with a typo, some cut short as when typing. */
function titleQueries(n: number): string[] {
  const next = rng(5);
  return Array.from({ length: n }, (_, i) => {
    const words = demo[Math.floor(next() * demo.length)].title.split(/\s+/).filter((w) => w.length > 2);
    let q = words.slice(0, 1 + Math.floor(next() * 3)).join(' ').toLowerCase();
    if (i % 4 === 0 && q.length > 5) q = q.slice(0, 3) + q.slice(4);
    if (i % 5 === 1 && q.length > 6) q = q.slice(0, -2);
    return q;
  });
}

/** A query vector near product k's (its vector, or the mean of two products' vectors). */
function nearVector(next: () => number): Float32Array | undefined {
  const a = vectors[Math.floor(next() * vectors.length)];
  const b = vectors[Math.floor(next() * vectors.length)];
  if (!a || !b) return a ?? undefined;
  const v = a.map((x, k) => x + b[k]);
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

const queries = [...sets.filter((_, i) => i % 2 === 0), ...titleQueries(120), 'watch', 'shirt', 'women', 'casual', 'black', 'analog watch for men', '手表', 'sari 2000', 'runing shoes', 'wacth'];
const engine = new SearchEngine(demo, lexicon, catalog.lexicon ?? {});
const reference = new ReferenceEngine(demo, lexicon, catalog.lexicon ?? {});
const semantic = new SemanticIndex('aisle-text-encoder-v1', vectors);
const referenceSemantic = new ReferenceSemantic('aisle-text-encoder-v1', vectors);

describe('the 100k search engine gives the old engine\'s results on the demo catalog', () => {
  test(`${queries.length} queries by words alone`, { timeout: 300_000 }, () => {
    for (const query of queries) expect(engine.search({ query, limit: Infinity }), query).toEqual(reference.search({ query, limit: Infinity }));
  });

  test('the same queries by words and meaning', { timeout: 300_000 }, () => {
    const next = rng(9);
    for (const query of queries) {
      const vector = nearVector(next);
      expect(engine.search({ query, vector, semantic, limit: Infinity }), query).toEqual(reference.search({ query, vector, semantic: referenceSemantic, limit: Infinity }));
    }
  });

  test('with filters, dismissed products, personal re-ranking and a page limit', { timeout: 300_000 }, () => {
    const next = rng(13);
    const brands = [...new Set(demo.flatMap((p) => (p.brand ? [p.brand] : [])))];
    const dismissed = new Set(demo.filter(() => next() < 0.1).map((p) => p.id));
    const affinity = (p: Product) => (p.price % 7) / 7;
    const excluded = (p: Product) => dismissed.has(p.id);
    for (const [i, query] of queries.entries()) {
      const filters: SearchFilters =
        i % 4 === 0 ? { category: demo[i % demo.length].categoryPath.slice(0, 1) } : i % 4 === 1 ? { brands: [brands[i % brands.length]] } : i % 4 === 2 ? { minPrice: 300, maxPrice: 1500 } : { inStockOnly: true };
      const vector = i % 2 ? nearVector(next) : undefined;
      const input = { query, filters, vector, affinity, excluded, limit: 24 };
      expect(engine.search({ ...input, semantic }), query).toEqual(reference.search({ ...input, semantic: referenceSemantic }));
    }
  });

  test('completions and understanding', () => {
    for (const prefix of ['wat', 'sh', 'runn', 'tit', 'bel', '手']) expect(engine.lexical.suggest(prefix), prefix).toEqual(reference.lexical.suggest(prefix));
    for (const query of queries.slice(0, 80)) expect(engine.understand(query), query).toEqual(reference.understand(query));
  });
});
