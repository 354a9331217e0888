/**
 * The search code the recommender worker runs (workers/search), in Node: the lexical index (typos, prefixes, filters,
 * unsegmented scripts), the semantic index, reciprocal rank fusion on hand-computed cases, and the hybrid ranking.
 */
import { describe, expect, test } from 'vitest';
import type { Product } from '../../../src/shared/catalog/types.ts';
import { highlight, tokenize } from '../../../src/shared/text/tokenize.ts';
import { hybridSearch, MAX_SEMANTIC_GAP, MIN_SEMANTIC_SCORE } from '../../../workers/search/hybrid.ts';
import { LexicalIndex, matchesFilters, PARTIAL_BELOW } from '../../../workers/search/lexical.ts';
import { reciprocalRankFusion, SemanticIndex } from '../../../workers/search/semantic.ts';
import { TINY_CATALOG } from '../../fixtures/tiny-catalog.ts';

type Listed = Array<{ id: string } | { itemId: string }>;
const ids = (r: Listed | { hits: Listed }) => (Array.isArray(r) ? r : r.hits).map((h) => ('id' in h ? h.id : h.itemId));

describe('tokenize', () => {
  test('splits words, lower-cases, folds accents and possessives', () => {
    expect(tokenize("Men's Café-Racer Jacket, size 42")).toEqual(['men', 'cafe', 'racer', 'jacket', 'size', '42']);
  });
  test('segments Chinese into words with Intl.Segmenter', () => {
    const words = tokenize('不锈钢保温杯');
    expect(words.length).toBeGreaterThan(1);
    expect(words.join('')).toBe('不锈钢保温杯');
  });
  test('highlight marks the matching words and keeps the rest of the text', () => {
    const parts = highlight('Titan Analog Watch', ['watch']);
    expect(parts).toEqual([
      { text: 'Titan Analog ', hit: false },
      { text: 'Watch', hit: true },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe('Titan Analog Watch');
  });
});

describe('lexical index', () => {
  const index = new LexicalIndex(TINY_CATALOG);

  test('finds by title, brand and category, best match first', () => {
    expect(ids(index.search('titan')).sort()).toEqual(['w1', 'w2']);
    expect(ids(index.search('blue dial'))[0]).toBe('w2');
    expect(ids(index.search('coffee mugs'))).toEqual(['m1']);
  });

  test('tolerates a typo', () => {
    expect(ids(index.search('runing shoes')).slice(0, 2).sort()).toEqual(['s1', 's2']);
    expect(ids(index.search('sonatta'))).toContain('w3');
  });

  test('matches the last word as a prefix while it is being typed', () => {
    expect(ids(index.search('titan anal')).sort()).toEqual(['w1', 'w2']);
    // A last word that is a word of its own is not completed into others.
    expect(ids(index.search('gold'))).toEqual(['r2']);
  });

  test('when nothing matches every word, the partial matches are of the kind of thing the query names', () => {
    const result = index.search('gold watch');
    // No product is both: the watches (the head, "watch") follow; the gold ring is no watch.
    expect(result.complete).toBe(0);
    expect(ids(result).sort()).toEqual(['w1', 'w2', 'w3']);
    expect(result.hits.every((h) => !h.complete)).toBe(true);
    // Nothing matches the head: nothing at all, not the coffee mug for "coffee beans".
    expect(index.search('coffee beans').hits).toEqual([]);
  });

  test('partial matches fill only a page that full matches leave short, and must match most of the words', () => {
    // w2 matches "blue dial watch" fully; w1 (dial, watch) follows; w3 (a watch, nothing else) would only pad it.
    expect(ids(index.search('blue dial watch'))).toEqual(['w2', 'w1']);
    // A page of full matches: nothing that matches only some of the words ("analog watch for men": no men's shirts).
    const many = [
      ...Array.from({ length: PARTIAL_BELOW }, (_, i) => ({ ...TINY_CATALOG[0], id: `a${i}`, title: `Analog Watch ${i} for Men` })),
      { ...TINY_CATALOG[3], id: 'shirt', title: "Men's Analog Print Shirt", categoryPath: ['Clothing'] },
    ];
    const result = new LexicalIndex(many).search('analog watch for men');
    expect(result.complete).toBe(PARTIAL_BELOW);
    expect(ids(result)).not.toContain('shirt');
  });

  test('filters by category prefix, brand, price range and stock', () => {
    expect(ids(index.search('watch', { brands: ['Sonata'] }))).toEqual(['w3']);
    expect(ids(index.search('watch', { minPrice: 2600 }))).toEqual(['w2']);
    expect(ids(index.search('ring', { inStockOnly: true }))).toEqual(['r1']);
    expect(ids(index.search('blue', { category: ['Footwear'] }))).toEqual(['s2']);
    // The upper bound is exclusive, like the price facets.
    expect(matchesFilters(TINY_CATALOG[0], { maxPrice: 2500 })).toBe(false);
    expect(matchesFilters(TINY_CATALOG[0], { maxPrice: 2501 })).toBe(true);
  });

  test('an empty or stop-word query finds nothing rather than everything', () => {
    expect(index.search('').hits).toEqual([]);
    expect(index.search('   ').hits).toEqual([]);
    expect(index.search('the').hits).toEqual([]);
  });

  test('reports the matched terms for highlighting', () => {
    const [hit] = index.search('titan').hits;
    expect(hit.terms).toContain('titan');
  });

  test('suggests completions for a prefix', () => {
    expect(index.suggest('runn')[0]).toMatch(/^running/);
    expect(index.suggest('')).toEqual([]);
  });

  test('finds Chinese product titles by a word inside them', () => {
    const zh: Product[] = [
      { ...TINY_CATALOG[7], id: 'zh1', title: '不锈钢保温杯 500毫升' },
      { ...TINY_CATALOG[5], id: 'zh2', title: '纯银戒指' },
    ];
    const zhIndex = new LexicalIndex(zh);
    expect(ids(zhIndex.search('保温杯'))).toEqual(['zh1']);
    expect(ids(zhIndex.search('戒指'))).toEqual(['zh2']);
  });
});

function unit(...xs: number[]): Float32Array {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs, (x) => x / n);
}

describe('semantic index', () => {
  const index = new SemanticIndex('test-model', [unit(1, 0, 0), unit(1, 1, 0), undefined, unit(0, 0, 1)]);

  test('ranks by cosine similarity and drops what is below the minimum', () => {
    const hits = index.search(unit(1, 0.2, 0), 10, 0.1);
    expect(hits.map((h) => h.index)).toEqual([0, 1]);
    expect(hits[0].score).toBeCloseTo(1 / Math.hypot(1, 0.2), 5);
    expect(hits[1].score).toBeCloseTo(1.2 / Math.hypot(1, 0.2) / Math.SQRT2, 5);
  });

  test('products without a vector are never matched and are not counted', () => {
    expect(index.coverage).toBe(3);
    expect(index.search(unit(1, 1, 1), 10, -1).map((h) => h.index)).not.toContain(2);
  });

  test('applies the filter and the limit', () => {
    expect(index.search(unit(1, 0, 0), 10, -1, (i) => i !== 0).map((h) => h.index)[0]).toBe(1);
    expect(index.search(unit(1, 1, 1), 1, -1)).toHaveLength(1);
  });

  test('a vector from another model is a clear error', () => {
    expect(() => index.search(new Float32Array(5), 10, 0)).toThrow(/5 dimensions; the index has 3/);
  });
});

describe('reciprocal rank fusion', () => {
  test('sums 1 / (k + rank) over the lists, hand-computed', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['b', 'd'],
    ]);
    expect(fused.get('a')).toBeCloseTo(1 / 61, 12);
    expect(fused.get('b')).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused.get('c')).toBeCloseTo(1 / 63, 12);
    expect(fused.get('d')).toBeCloseTo(1 / 62, 12);
    // An item in both lists beats one that leads only one of them.
    expect(fused.get('b')!).toBeGreaterThan(fused.get('a')!);
  });
  test('k is a parameter', () => {
    expect(reciprocalRankFusion([['x']], 0).get('x')).toBe(1);
  });
});

describe('hybrid search', () => {
  // Without a category tree (the catalog cannot say what kinds of thing it lacks), meaning alone may find products.
  const products = TINY_CATALOG.map((p) => ({ ...p, categoryPath: [] }));
  const lexical = new LexicalIndex(products);
  // A toy "meaning" space: axis 0 = timepieces, 1 = footwear, 2 = jewellery, 3 = kitchen.
  const meaning: Record<string, Float32Array> = {
    w1: unit(1, 0, 0, 0),
    w2: unit(1, 0, 0.1, 0),
    w3: unit(0.9, 0.3, 0, 0),
    s1: unit(0, 1, 0, 0),
    s2: unit(0, 1, 0, 0.05),
    r1: unit(0.1, 0, 1, 0),
    r2: unit(0.75, 0, 1, 0),
    m1: unit(0, 0, 0, 1),
  };
  const semantic = new SemanticIndex('toy', products.map((p) => meaning[p.id]));

  test('a query with no shared word is found by meaning, and says so', () => {
    const { hits } = hybridSearch(products, lexical, semantic, { query: 'timepiece', filters: {}, vector: unit(1, 0, 0, 0) });
    expect(ids(hits).slice(0, 3).sort()).toEqual(['w1', 'w2', 'w3']);
    expect(hits[0].via).toEqual(['semantic']);
    expect(hits[0].terms).toEqual([]);
  });

  test('products found both ways rank above those found one way', () => {
    // "sports" matches only w3 by its words; by meaning w1 and w2 are closer than w3.
    const { hits } = hybridSearch(products, lexical, semantic, { query: 'sports', filters: {}, vector: unit(1, 0, 0, 0) });
    expect(hits[0].itemId).toBe('w3');
    expect(hits[0].via).toEqual(['lexical', 'semantic']);
  });

  test('drops semantic matches far below the best one, and those under the floor', () => {
    const { hits } = hybridSearch(products, lexical, semantic, { query: 'timepiece', filters: {}, vector: unit(1, 0, 0, 0) });
    const top = semantic.search(unit(1, 0, 0, 0), 10, MIN_SEMANTIC_SCORE)[0].score;
    for (const h of hits) {
      const i = products.findIndex((p) => p.id === h.itemId);
      const cos = semantic.search(unit(1, 0, 0, 0), 10, -1).find((s) => s.index === i)!.score;
      expect(cos).toBeGreaterThanOrEqual(Math.max(MIN_SEMANTIC_SCORE, top - MAX_SEMANTIC_GAP));
    }
    // r2 (cosine 0.6) is over the floor but 0.4 below the best match; r1 (0.1) is under the floor: neither is shown.
    expect(ids(hits).sort()).toEqual(['w1', 'w2', 'w3']);
  });

  test('filters apply to both retrievers', () => {
    const { hits } = hybridSearch(products, lexical, semantic, { query: 'timepiece', filters: { brands: ['Sonata'] }, vector: unit(1, 0, 0, 0) });
    expect(ids(hits)).toEqual(['w3']);
  });

  test('dismissed products are never shown', () => {
    const { hits } = hybridSearch(products, lexical, semantic, { query: 'titan', filters: {}, vector: unit(1, 0, 0, 0), excluded: (p) => p.id === 'w1' });
    expect(ids(hits)).not.toContain('w1');
    expect(ids(hits)).toContain('w2');
  });

  test('personal affinity re-ranks, and without it the order is the fused one', () => {
    const { hits: plain } = hybridSearch(products, lexical, null, { query: 'running shoes', filters: {} });
    expect(ids(plain)).toEqual(['s1', 's2']);
    const { hits: personal } = hybridSearch(products, lexical, null, { query: 'running shoes', filters: {}, affinity: (p) => (p.attributes.Color === 'Blue' ? 1 : 0) });
    expect(ids(personal)).toEqual(['s2', 's1']);
  });

  test('without a query vector it is lexical search alone', () => {
    const { hits } = hybridSearch(products, lexical, semantic, { query: 'mug', filters: {} });
    expect(ids(hits)).toEqual(['m1']);
    expect(hits[0].via).toEqual(['lexical']);
  });
});
