/**
 * One catalog's search, end to end and pure: query understanding (the bundled lexicon, the catalog's words, the
 * merchant's terms), hybrid retrieval with its floors, the query's price words as a filter, facet counts over every
 * result, and what to offer when nothing is close (a spelling, the nearest categories). The recommender worker's
 * search API and the benchmark both run this, so the benchmark measures what the app does.
 */
import type { Product } from '../../src/shared/catalog/types.ts';
import type { SearchFilters, SearchResponse } from '../../src/shared/search.ts';
import { Lexicon, understandQuery, WEIGHTS, type LexiconFile, type MerchantLexicon, type QueryUnderstanding } from '../../src/shared/text/query.ts';
import { stem, tokenize } from '../../src/shared/text/tokenize.ts';
import { searchFacets } from './facets.ts';
import { hybridSearch, withQueryPrice } from './hybrid.ts';
import { LexicalIndex, type LexicalIndexData } from './lexical.ts';
import type { SemanticIndex } from './semantic.ts';
import { dot } from '../language/encoder.ts';

/** A category is offered as near a query by meaning when its products' mean vector is at least this close. */
export const CATEGORY_FLOOR = 0.45;
/** Categories offered at most. */
export const SUGGESTED_CATEGORIES = 3;

export interface EngineSearch {
  query: string;
  filters?: SearchFilters;
  /** The embedding of what `understand(query)` gave the encoder to read (encoderView), when it could read it. */
  vector?: Float32Array;
  semantic?: SemanticIndex | null;
  affinity?: ((p: Product) => number) | null;
  excluded?: (p: Product) => boolean;
  limit?: number;
  /** Benchmark overrides. */
  semanticFloor?: number;
  maxSemanticGap?: number;
}

export type EngineResult = Omit<SearchResponse, 'tookMs' | 'semanticCoverage' | 'personalised'>;

export class SearchEngine {
  readonly lexical: LexicalIndex;
  readonly lexicon: Lexicon;
  readonly #products: Product[];
  /** Mean product vector per category (first two levels), per semantic index. */
  #categories: Array<{ path: string[]; size: number; names: string[][] }> | null = null;
  readonly #centroids = new WeakMap<SemanticIndex, Array<{ path: string[]; vector: Float32Array }>>();

  /** `stored`: the lexical index of these same products, read back from storage (workers/search/stored-index.ts). */
  constructor(products: Product[], lexicon: LexiconFile, merchant: MerchantLexicon = {}, stored?: LexicalIndexData) {
    this.#products = products;
    this.lexical = new LexicalIndex(products, stored);
    this.lexicon = new Lexicon(lexicon, this.lexical.vocabulary, merchant);
  }

  /**
   * What the query asks for, with the typo corrections lexical search finds added as alternatives (so that the
   * encoder reads "running shoes" for "runing shoes").
   */
  understand(query: string): QueryUnderstanding {
    const u = understandQuery(query, this.lexicon);
    return withCorrections(u, this.lexical.search(u).corrections);
  }

  search(input: EngineSearch): EngineResult {
    const understood = understandQuery(input.query, this.lexicon);
    const filters = withQueryPrice(input.filters ?? {}, understood.price);
    const price = filters === (input.filters ?? {}) ? null : understood.price;
    const semantic = input.semantic && input.semantic.coverage > 0 ? input.semantic : null;
    const result = hybridSearch(this.#products, this.lexical, semantic, {
      query: understood,
      filters,
      vector: input.vector,
      affinity: input.affinity,
      excluded: input.excluded,
      semanticFloor: input.semanticFloor,
      maxSemanticGap: input.maxSemanticGap,
    }, input.limit ?? 48);
    const meaning = !input.vector ? 'not-asked' : !semantic || result.semantic.state === 'absent' ? 'not-indexed' : result.semantic.state;
    const nothing = result.total === 0;
    return {
      hits: result.hits,
      total: result.total,
      facets: searchFacets(this.#products, result.unfiltered, filters),
      understood: withCorrections(understood, result.lexical.corrections),
      price,
      meaning,
      meaningBest: result.semantic.best,
      partial: result.lexical.complete === 0 && result.lexicalFound,
      corrections: result.lexical.corrections,
      suggestions: {
        spelling: nothing ? this.#spelling(understood) : null,
        categories: nothing || result.semantic.state === 'below-floor' || result.semantic.state === 'unsupported' ? this.#nearestCategories(understood, semantic, input.vector) : [],
      },
      retrievers: meaning === 'used' ? ['lexical', 'semantic'] : ['lexical'],
    };
  }

  /** The query with each word the catalog does not use replaced by its closest catalog word, when that changes it. */
  #spelling(u: QueryUnderstanding): string | null {
    let changed = false;
    const words = tokenize(u.price ? u.query.replace(u.price.text, ' ') : u.query).map((w) => {
      if (!u.concepts.some((c) => c.text === w) || this.lexicon.occurrences(w) > 0) return w;
      const fixed = this.lexical.spelling(w);
      if (fixed) changed = true;
      return fixed ?? w;
    });
    return changed ? words.join(' ') : null;
  }

  /**
   * Categories near the query: those whose names use the query's words (or their translations), else, when the
   * encoder read the query, those whose products' mean vector is closest to it (over CATEGORY_FLOOR). Two levels deep.
   */
  #nearestCategories(u: QueryUnderstanding, semantic: SemanticIndex | null, vector: Float32Array | undefined): string[][] {
    const wanted = new Set(u.concepts.flatMap((c) => c.alternatives.filter((a) => a.weight >= WEIGHTS.related * 0.8).flatMap((a) => a.words.map(stem))));
    const sizes = this.#categoryWords().map((c) => ({ path: c.path, size: c.size, hits: Math.max(0, ...c.names.map((words) => words.filter((w) => wanted.has(w)).length)) }));
    const byName = sizes.filter((c) => c.hits > 0).sort((a, b) => b.hits - a.hits || b.size - a.size);
    if (byName.length) return byName.slice(0, SUGGESTED_CATEGORIES).map((c) => c.path);
    if (!semantic || !vector) return [];
    return this.#centroidsOf(semantic)
      .map((c) => ({ path: c.path, score: dot(c.vector, vector) }))
      .filter((c) => c.score >= CATEGORY_FLOOR)
      .sort((a, b) => b.score - a.score)
      .slice(0, SUGGESTED_CATEGORIES)
      .map((c) => c.path);
  }

  /**
   * Each category (first two levels, in catalog order) with its number of products and the stemmed words of the
   * first three levels of each path under it: read once per catalog, not per query.
   */
  #categoryWords(): Array<{ path: string[]; size: number; names: string[][] }> {
    if (!this.#categories) {
      const byKey = new Map<string, { path: string[]; size: number; names: string[][]; seen: Set<string> }>();
      for (const p of this.#products) {
        const path = p.categoryPath.slice(0, 2);
        if (!path.length) continue;
        const key = path.join('\u0000');
        let entry = byKey.get(key);
        if (!entry) byKey.set(key, (entry = { path, size: 0, names: [], seen: new Set() }));
        entry.size++;
        const three = p.categoryPath.slice(0, 3);
        const threeKey = three.join('\u0000');
        if (!entry.seen.has(threeKey)) {
          entry.seen.add(threeKey);
          entry.names.push(three.flatMap((name) => tokenize(name).map(stem)));
        }
      }
      this.#categories = [...byKey.values()].map(({ path, size, names }) => ({ path, size, names }));
    }
    return this.#categories;
  }

  #centroidsOf(semantic: SemanticIndex): Array<{ path: string[]; vector: Float32Array }> {
    let centroids = this.#centroids.get(semantic);
    if (!centroids) {
      const sums = new Map<string, { path: string[]; sum: Float32Array }>();
      this.#products.forEach((p, i) => {
        const v = semantic.vector(i);
        const path = p.categoryPath.slice(0, 2);
        if (!v || !path.length) return;
        const key = path.join('\u0000');
        const entry = sums.get(key) ?? { path, sum: new Float32Array(v.length) };
        for (let k = 0; k < v.length; k++) entry.sum[k] += v[k];
        sums.set(key, entry);
      });
      centroids = [...sums.values()].map(({ path, sum }) => {
        const norm = Math.hypot(...sum) || 1;
        return { path, vector: sum.map((x) => x / norm) };
      });
      this.#centroids.set(semantic, centroids);
    }
    return centroids;
  }
}

/** The understanding with each typo correction added to its concept as a way to find it. */
function withCorrections(u: QueryUnderstanding, corrections: Array<{ from: string; to: string }>): QueryUnderstanding {
  for (const { from, to } of corrections) {
    const concept = u.concepts.find((c) => c.text === from);
    if (concept && !concept.alternatives.some((a) => a.words.length === 1 && stem(a.words[0]) === to)) concept.alternatives.push({ words: [to], weight: WEIGHTS.split, via: 'split' });
  }
  return u;
}
