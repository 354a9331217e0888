/**
 * The structures that make search fast at 100,000 products (workers/search): the comparator-free stable order, the
 * interned lists of matched terms, the WebAssembly SIMD dot products (8-bit, within a bound; exact) and the semantic index's approximate-then-exact
 * pass, each against the plain computation; then the whole engine against the engine as it was (./reference/) on a
 * generated catalog of variants (many equal scores, shared variant groups, products without vectors), with the edge
 * cases: an empty query, one letter, only stopwords, nothing found. The facets (counts in typed arrays, price bands
 * by selection) against the old ones over random results and filters.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Catalog, Product } from '../../../src/shared/catalog/types.ts';
import { decodeVectorFile } from '../../../src/shared/catalog/vectors.ts';
import { productText, textHash } from '../../../src/shared/text/product-text.ts';
import type { LexiconFile } from '../../../src/shared/text/query.ts';
import { SearchEngine } from '../../../workers/search/engine.ts';
import { searchFacets } from '../../../workers/search/facets.ts';
import { SemanticIndex } from '../../../workers/search/semantic.ts';
import { BOUND_SLACK, simdDots } from '../../../workers/search/simd-dot.ts';
import { descendingOrder, OrderScratch, TermLists } from '../../../workers/search/term-index.ts';
import { SearchEngine as ReferenceEngine } from './reference/engine.ts';
import { searchFacets as referenceFacets } from './reference/facets.ts';
import { rng } from '../../fixtures/rng.ts';
import { SemanticIndex as ReferenceSemantic } from './reference/semantic.ts';

const stableDescending = (s: ArrayLike<number>, n: number) => Array.from({ length: n }, (_, i) => i).sort((a, b) => s[b] - s[a] || a - b);

describe('descendingOrder', () => {
  const next = rng(1);
  const kinds: Record<string, (i: number, n: number) => number> = {
    ties: () => Math.round(next() * 20) / 3,
    distinct: () => next() * 1e6,
    sorted: (i, n) => n - Math.floor(i / 3),
    ascending: (i) => i,
    negative: () => (next() - 0.5) * 10,
    zeros: (i) => (i % 3 ? 0 : -0),
    tiny: () => next() * 1e-300,
    // Scores that differ only in their low 32 bits (one run of equal high words), with ties among them.
    lowBits: () => 1 + Math.floor(next() * 50) * 2 ** -45,
    fewLowBits: (i) => (i % 9 === 0 ? 2 + (i % 5) * 2 ** -40 : 3 - i / 1e6),
  };
  for (const n of [0, 1, 2, 63, 64, 65, 1000, 20000]) {
    test(`${n} scores, every kind: the order of a stable sort by descending score`, () => {
      for (const [kind, make] of Object.entries(kinds)) {
        const s = Float64Array.from({ length: n }, (_, i) => make(i, n));
        expect([...descendingOrder(s, n)], kind).toEqual(stableDescending(s, n));
      }
    });
  }
  test('with one scratch reused from large to small sorts, each as a fresh one', () => {
    const scratch = new OrderScratch();
    for (const n of [20000, 1000, 65, 3, 5000]) {
      for (const [kind, make] of Object.entries(kinds)) {
        const s = Float64Array.from({ length: n }, (_, i) => make(i, n));
        expect([...descendingOrder(s, n, scratch)], `${n} ${kind}`).toEqual(stableDescending(s, n));
      }
    }
  });
  test('reads only the first n scores', () => {
    expect([...descendingOrder([1, 3, 2, 99], 3)]).toEqual([1, 2, 0]);
  });
});

describe('TermLists', () => {
  test('appends a term once, keeps the order met, and merges as MiniSearch merged matched terms', () => {
    const lists = new TermLists(['watch', 'watches', '500', 'black', '2']);
    const a = lists.append(lists.single(0), 1);
    expect(lists.terms(a)).toEqual(['watch', 'watches']);
    expect(lists.append(a, 0)).toBe(a);
    expect(lists.append(lists.single(0), 1)).toBe(a);
    const b = lists.append(lists.single(3), 0);
    expect(lists.terms(lists.merge(a, b))).toEqual(['watch', 'watches', 'black']);
    expect(lists.terms(0)).toEqual([]);
    // Integer-like terms first, in numeric order, as an object's keys list them.
    expect(lists.terms(lists.append(lists.append(lists.single(3), 2), 4))).toEqual(['2', '500', 'black']);
    expect(lists.last(a)).toBe(1);
    expect(lists.last(0)).toBe(-1);
  });
});

describe('SIMD dot products', () => {
  test('the 8-bit pass is within its bound of the exact score, exact() is the JavaScript loop to the bit, any dimension', () => {
    const next = rng(2);
    for (const dim of [128, 20, 6, 1]) {
      const rows = 500;
      const kernel = simdDots(rows, dim);
      expect(kernel, `dim ${dim}`).not.toBeNull();
      // Unit rows and some far from unit (bounds scale with them), one row of zeros.
      for (let i = 0; i < rows; i++) {
        const v = unit(Float32Array.from({ length: dim }, () => next() - 0.5)).map((x) => (i % 7 === 0 ? x * 9 : i === 3 ? 0 : x));
        kernel!.matrix.set(v, i * dim);
        kernel!.quantise(i);
      }
      const query = unit(Float32Array.from({ length: dim }, () => next() - 0.5));
      kernel!.coarse(query);
      const sums = Array.from({ length: rows }, (_, i) => {
        let s = 0;
        for (let k = 0; k < dim; k++) s += kernel!.matrix[i * dim + k] * query[k];
        return s;
      });
      let slack = 0;
      for (let i = 0; i < rows; i++) {
        const approx = kernel!.coarseOut[i] * kernel!.scale[i] * kernel!.queryScale;
        const bound = kernel!.boundScale * kernel!.scale[i] + kernel!.boundL1 * kernel!.l1[i] + BOUND_SLACK;
        expect(Math.abs(approx - sums[i]), `dim ${dim}, row ${i}`).toBeLessThanOrEqual(bound);
        slack = Math.max(slack, bound);
      }
      // A bound that says something: under 0.05 for unit vectors of 128 dimensions.
      if (dim === 128) expect(kernel!.boundScale / 127 + kernel!.boundL1 * Math.sqrt(dim)).toBeLessThan(0.05);
      // exact(): the JavaScript loop's sums, to the bit, for a count that is no multiple of four.
      const chosen = [7, 0, 499, 7, 123, 3, 250];
      kernel!.rows.set(chosen);
      kernel!.exact(chosen.length);
      chosen.forEach((row, j) => expect(kernel!.exactOut[j]).toBe(sums[row]));
      expect(slack).toBeGreaterThan(0);
    }
    expect(simdDots(0, 8)).toBeNull();
  });
});

function unit(v: Float32Array): Float32Array {
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

describe('semantic closest: approximate pass, exact re-scoring', () => {
  const next = rng(3);
  const dim = 128;
  const base = Array.from({ length: 40 }, () => unit(Float32Array.from({ length: dim }, () => next() - 0.5)));
  // Near-duplicates and exact duplicates (equal scores), and products without a vector.
  const vectors = Array.from({ length: 4000 }, (_, i) => (i % 97 === 5 ? undefined : i % 3 === 0 ? base[i % 40] : unit(base[i % 40].map((x) => x + 0.05 * (next() - 0.5)))));
  const index = new SemanticIndex('test', vectors);
  const reference = new ReferenceSemantic('test', vectors);
  /** What closest must give, from the reference's exact scores (every match over the minimum, sorted). */
  const expected = (q: Float32Array, minScore: number, gap: number, allow?: (i: number) => boolean) => {
    const all = reference.search(q, Infinity, -Infinity);
    const best = Math.max(...all.filter((h) => h.score >= minScore && (!allow || allow(h.index))).map((h) => h.score));
    if (!all.length) return { hits: [], best: null };
    if (best === -Infinity) return { hits: [], best: all[0].score };
    return { hits: all.filter((h) => h.score >= Math.max(minScore, best - gap) && (!allow || allow(h.index))), best };
  };
  test('the same matches, scores and order as scoring every row exactly', () => {
    for (let t = 0; t < 30; t++) {
      const q = t % 2 ? base[t % 40] : unit(base[t % 40].map((x) => x + 0.3 * (next() - 0.5)));
      const allow = t % 3 === 0 ? (i: number) => i % 5 !== 0 : undefined;
      for (const [minScore, gap] of [[0.35, 0.3], [-1, 0.05], [0.9, 1], [2, 0.3]] as const) {
        expect(index.closest(q, minScore, gap, allow), `${t} ${minScore}`).toEqual(expected(q, minScore, gap, allow));
      }
    }
  });
  test('an index with no vectors finds nothing', () => {
    const empty = new SemanticIndex('test', [undefined, undefined]);
    expect(empty.closest(new Float32Array(0), 0.35, 0.3)).toEqual({ hits: [], best: null });
  });
});

describe('facets by ids and selection', () => {
  const next = rng(21);
  const paths = [['Watches', 'Wrist Watches'], ['Watches', 'Clocks'], ['Clothing', 'Shirts', 'Casual'], ['Clothing', 'Sarees'], ['Home'], [], ['Ähnlich'], ['Ahnlich']];
  const brands = [undefined, '', 'Titan', 'Fastrack', 'Sonata', 'Biba', 'W', 'titan', ...Array.from({ length: 14 }, (_, i) => `Brand ${i}`)];
  const currencies = ['INR', 'USD'];
  const products: Product[] = Array.from({ length: 5000 }, (_, i) => ({
    id: `p${i}`,
    title: `Product ${i}`,
    brand: brands[Math.floor(next() * brands.length)],
    categoryPath: paths[Math.floor(next() * paths.length)],
    // Many equal prices, some with decimals, one band of very low ones.
    price: i % 7 === 0 ? Math.round(next() * 5) : i % 5 === 0 ? Math.round(next() * 100000) / 100 : 50 * Math.round(next() * 80),
    currency: currencies[i % 97 === 0 ? 1 : 0],
    inStock: next() < 0.8,
  }) as Product);
  const byId = new Map(products.map((p) => [p.id, p]));
  const filterSets = [{}, { category: ['Watches'] }, { category: ['Clothing', 'Shirts'] }, { brands: ['Titan', 'Nope'] }, { brands: [] }, { minPrice: 500 }, { maxPrice: 1000 }, { minPrice: 200, maxPrice: 2500, inStockOnly: true }, { inStockOnly: true, brands: ['Biba'], category: ['Clothing'] }];
  test('the same categories, brands and price bands as counting the products, for every size of result', () => {
    for (const size of [0, 1, 2, 3, 5, 10, 100, 1000, 5000]) {
      for (const [f, filters] of filterSets.entries()) {
        const picked = new Set<number>();
        while (picked.size < size) picked.add(Math.floor(next() * products.length));
        const results = Uint32Array.from([...picked]);
        const hits = Array.from(results, (i) => ({ itemId: products[i].id, score: 0, terms: [], via: [] }));
        expect(searchFacets(products, results, filters), `${size} results, filters ${f}`).toEqual(referenceFacets(hits, (id) => byId.get(id)!, filters));
      }
    }
  });
  test('a catalog with a price that is no number sorts, as before', () => {
    const odd = products.slice(0, 300).map((p, i) => (i === 17 ? { ...p, price: Number.NaN } : p));
    const results = Uint32Array.from(odd.keys());
    const hits = odd.map((p) => ({ itemId: p.id, score: 0, terms: [], via: [] }));
    const oddById = new Map(odd.map((p) => [p.id, p]));
    expect(searchFacets(odd, results, {})).toEqual(referenceFacets(hits, (id) => oddById.get(id)!, {}));
  });
});

describe('the engine on a generated catalog of variants gives the old engine\'s results', () => {
  const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
  const catalog = JSON.parse(readFileSync(root('public/catalog/demo.json'), 'utf8')) as Catalog;
  const demo = catalog.products;
  const lexicon = JSON.parse(readFileSync(root('src/shared/text/lexicon/zh-en.json'), 'utf8')) as LexiconFile;
  const next = rng(7);
  const variants = ['Black', 'Blue', 'Red', 'Pack of 2', 'Large', 'Small', 'XL', 'Classic'];
  // As bench:search makes its large catalog: the demo's real titles with variant words, groups shared.
  const products: Product[] = Array.from({ length: 3000 }, (_, i) => {
    const p = demo[i % demo.length];
    return { ...p, id: `${p.id}-${i}`, title: `${p.title} ${variants[Math.floor(next() * variants.length)]}`, price: Math.round(p.price * (0.8 + next() * 0.4)) };
  });
  const queries = [
    '', 'a', 'the and of', 'zzqxv', 'watch', 'shirt', 'women', 'casual', 'black', 'analog watch for men', '手表', 'sari 2000', 'runing shoes', 'wacth', 'casual shirt pack', 'blue xl',
    ...Array.from({ length: 40 }, (_, i) => {
      const words = products[Math.floor(next() * products.length)].title.split(/\s+/).filter((w) => w.length > 2);
      let q = words.slice(0, 1 + (i % 3)).join(' ').toLowerCase();
      if (i % 4 === 0 && q.length > 5) q = q.slice(0, 3) + q.slice(4);
      return q;
    }),
  ];
  test(`${queries.length} queries, by words and by words and meaning, with filters and a page limit`, { timeout: 300_000 }, async () => {
    const file = decodeVectorFile(readFileSync(root('public/catalog/demo.vectors.bin')));
    const byHash = new Map(file.entries.map((e) => [e.hash, e.vector]));
    const demoVectors = await Promise.all(demo.map(async (p) => byHash.get(await textHash(productText(p)))));
    const vectors = products.map((_, i) => (i % 50 === 7 ? undefined : demoVectors[i % demo.length]));
    const engine = new SearchEngine(products, lexicon, catalog.lexicon ?? {});
    const reference = new ReferenceEngine(products, lexicon, catalog.lexicon ?? {});
    const semantic = new SemanticIndex('test', vectors);
    const referenceSemantic = new ReferenceSemantic('test', vectors);
    const dismissed = new Set(products.filter(() => next() < 0.05).map((p) => p.id));
    for (const [i, query] of queries.entries()) {
      const vector = demoVectors[(i * 37) % demo.length];
      const filters = i % 3 === 0 ? { minPrice: 300, maxPrice: 1500 } : i % 3 === 1 ? { inStockOnly: true } : {};
      const excluded = i % 2 ? (p: Product) => dismissed.has(p.id) : undefined;
      for (const limit of [48, Infinity]) {
        expect(engine.search({ query, limit }), query).toEqual(reference.search({ query, limit }));
        const input = { query, vector, filters, excluded, limit, semanticFloor: -1 };
        expect(engine.search({ ...input, semantic }), query).toEqual(reference.search({ ...input, semantic: referenceSemantic }));
      }
    }
  });
});
