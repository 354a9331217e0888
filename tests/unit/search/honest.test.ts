/**
 * The honesty rules of search (workers/search/hybrid.ts, engine.ts, facets.ts) on a catalog with a category tree and
 * hand-made "meaning" vectors: meaning takes part only for what the catalog has and only over the floor; results of
 * other kinds do not pad broad queries; the count, the facets and the filters agree; the query's price words filter;
 * an empty answer offers a spelling and the nearest categories.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { LexiconFile } from '../../../src/shared/text/query.ts';
import { SearchEngine } from '../../../workers/search/engine.ts';
import { hybridSearch, SEMANTIC_QUERY_FLOOR, withQueryPrice } from '../../../workers/search/hybrid.ts';
import { SemanticIndex } from '../../../workers/search/semantic.ts';
import { TINY_CATALOG } from '../../fixtures/tiny-catalog.ts';

const bundled = JSON.parse(readFileSync(new URL('../../../src/shared/text/lexicon/zh-en.json', import.meta.url), 'utf8')) as LexiconFile;

function unit(...xs: number[]): Float32Array {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs, (x) => x / n);
}
// Axes: 0 timepieces, 1 footwear, 2 jewellery, 3 kitchen, 4 something no product is.
const MEANING: Record<string, Float32Array> = {
  w1: unit(1, 0, 0, 0, 0),
  w2: unit(1, 0, 0.1, 0, 0),
  w3: unit(0.9, 0.3, 0, 0, 0),
  s1: unit(0, 1, 0, 0, 0),
  s2: unit(0, 1, 0, 0.05, 0),
  r1: unit(0.1, 0, 1, 0, 0),
  r2: unit(0.6, 0, 1, 0, 0),
  m1: unit(0, 0, 0, 1, 0.2),
};
const semantic = new SemanticIndex('toy', TINY_CATALOG.map((p) => MEANING[p.id]));
const engine = new SearchEngine(TINY_CATALOG, bundled);
const ids = (r: { hits: Array<{ itemId: string }> }) => r.hits.map((h) => h.itemId);

describe('search by meaning answers only what it can', () => {
  test('it stays out when the catalog has nothing the query names, however close the vectors', () => {
    // "bicycle": no product is one (by its words or their translations); the vector is close to the watches.
    const r = engine.search({ query: 'bicycle', vector: unit(1, 0, 0, 0, 0), semantic });
    expect(r.meaning).toBe('unsupported');
    expect(r.total).toBe(0);
  });

  test('it stays out when the best match is under the floor', () => {
    const r = engine.search({ query: 'mug', vector: unit(0, 0, 0, 0.2, 1), semantic });
    expect(r.meaningBest!).toBeLessThan(SEMANTIC_QUERY_FLOOR);
    expect(r.meaning).toBe('below-floor');
    // The words still find the mug.
    expect(ids(r)).toEqual(['m1']);
  });

  test('it takes part over the floor for what the catalog has, and says which results only it found', () => {
    const r = engine.search({ query: 'timepiece', vector: unit(1, 0, 0, 0, 0), semantic });
    expect(r.meaning).toBe('used');
    expect(ids(r).slice(0, 3).sort()).toEqual(['w1', 'w2', 'w3']);
  });
});

describe('counts that are true', () => {
  test('a broad query is not padded with results of other kinds found by meaning', () => {
    // "watch" matches the three watches by its words; r2 (a gold ring) is close in meaning but a ring.
    const r = hybridSearch(TINY_CATALOG, engine.lexical, semantic, { query: engine.understand('watch'), filters: {}, vector: unit(1, 0, 0, 0, 0), semanticFloor: 0 });
    expect(r.hits.map((h) => h.itemId).sort()).toEqual(['w1', 'w2', 'w3']);
  });

  test('the count is the results that pass; the facets count those same results, each over the other filters', () => {
    const r = engine.search({ query: 'blue' });
    expect(r.total).toBe(ids(r).length);
    expect(r.facets.categories.reduce((n, c) => n + c.count, 0)).toBe(r.total);
    // With a category chosen, the category facet still counts every kind, so that another can be chosen...
    const watches = engine.search({ query: 'blue', filters: { category: ['Watches'] } });
    expect(watches.total).toBe(1);
    expect(watches.facets.categories).toEqual(r.facets.categories);
    // ...and each count is what choosing it shows.
    for (const c of r.facets.categories) expect(engine.search({ query: 'blue', filters: { category: [c.value] } }).total).toBe(c.count);
    const band = r.facets.prices[0];
    if (band) expect(engine.search({ query: 'blue', filters: { minPrice: band.min, maxPrice: band.max } }).total).toBe(band.count);
  });

  test('facets count every result, not a page of them', () => {
    const many = Array.from({ length: 700 }, (_, i) => ({ ...TINY_CATALOG[5], id: `r${i}`, title: `Silver Ring ${i}`, brand: i % 2 ? 'A' : 'B' }));
    const big = new SearchEngine(many, bundled);
    const r = big.search({ query: 'silver ring', limit: 10 });
    expect(r.hits).toHaveLength(10);
    expect(r.total).toBe(700);
    expect(r.facets.categories).toEqual([{ value: 'Jewellery', count: 700 }]);
    expect(r.facets.brands).toEqual([
      { value: 'A', count: 350 },
      { value: 'B', count: 350 },
    ]);
  });
});

describe('price words', () => {
  test('the query\'s price words filter, inclusive, unless the shopper set a price filter', () => {
    expect(withQueryPrice({}, { max: 2000, text: 'under 2000' })).toEqual({ minPrice: undefined, maxPrice: 2000.01 });
    expect(withQueryPrice({ maxPrice: 500 }, { max: 2000, text: 'under 2000' })).toEqual({ maxPrice: 500 });
    const r = engine.search({ query: 'watch under 2500' });
    expect(ids(r).sort()).toEqual(['w1', 'w3']);
    expect(r.price).toMatchObject({ max: 2500 });
    expect(engine.search({ query: '手表 1000元以内' }).hits.map((h) => h.itemId)).toEqual(['w3']);
  });
});

describe('when nothing is close', () => {
  test('nonsense finds nothing, with no spelling to offer', () => {
    const r = engine.search({ query: 'zzqx' });
    expect(r).toMatchObject({ total: 0, hits: [], suggestions: { spelling: null, categories: [] } });
  });

  test('a misspelling is offered corrected; a kind the shop lacks gets its nearest categories', () => {
    expect(engine.search({ query: 'sonataa digital' }).total).toBeGreaterThan(0);
    const swapped = engine.search({ query: 'wacth' });
    expect(ids(swapped).sort()).toEqual(['w1', 'w2', 'w3']);
    expect(swapped.corrections).toEqual([{ from: 'wacth', to: 'watch' }]);
    const beans = engine.search({ query: 'coffee beans', vector: unit(0, 0, 0, 1, 0), semantic });
    expect(beans.total).toBe(0);
    expect(beans.suggestions.categories).toEqual([['Kitchen & Dining', 'Coffee Mugs']]);
  });
});
