/**
 * One catalog's search, end to end and pure: query understanding (the bundled lexicon, the catalog's words, the
 * merchant's terms), hybrid retrieval with its floors, the query's price words as a filter, facet counts over every
 * result, and what to offer when nothing is close (a spelling, the nearest categories). The recommender worker's
 * search API and the benchmark both run this, so the benchmark measures what the app does.
 */
import type { Product } from '../../../../src/shared/catalog/types.ts';
import type { SearchFilters, SearchResponse } from '../../../../src/shared/search.ts';
import { Lexicon, understandQuery, WEIGHTS, type LexiconFile, type MerchantLexicon, type QueryUnderstanding } from '../../../../src/shared/text/query.ts';
import { stem, tokenize } from '../../../../src/shared/text/tokenize.ts';
import { searchFacets } from './facets.ts';
import { hybridSearch, withQueryPrice } from './hybrid.ts';
import { LexicalIndex } from './lexical.ts';
import type { SemanticIndex } from './semantic.ts';
import { dot } from '../../../../workers/language/encoder.ts';

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
  readonly #byId: Map<string, Product>;
  /** Mean product vector per category (first two levels), per semantic index. */
  readonly #centroids = new WeakMap<SemanticIndex, Array<{ path: string[]; vector: Float32Array }>>();

  constructor(products: Product[], lexicon: LexiconFile, merchant: MerchantLexicon = {}) {
    this.#products = products;
    this.#byId = new Map(products.map((p) => [p.id, p]));
    this.lexical = new LexicalIndex(products);
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
    });
    const productOf = (id: string) => this.#byId.get(id)!;
    const meaning = !input.vector ? 'not-asked' : !semantic || result.semantic.state === 'absent' ? 'not-indexed' : result.semantic.state;
    const nothing = result.hits.length === 0;
    return {
      hits: result.hits.slice(0, input.limit ?? 48),
      total: result.hits.length,
      facets: searchFacets(result.unfiltered, productOf, filters),
      understood: withCorrections(understood, result.lexical.corrections),
      price,
      meaning,
      meaningBest: result.semantic.best,
      partial: result.lexical.complete === 0 && result.hits.some((h) => h.via.includes('lexical')),
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
    const sizes = new Map<string, { path: string[]; size: number; hits: number }>();
    for (const p of this.#products) {
      const path = p.categoryPath.slice(0, 2);
      if (!path.length) continue;
      const key = path.join('\u0000');
      const hits = p.categoryPath.slice(0, 3).reduce((n, name) => n + tokenize(name).filter((w) => wanted.has(stem(w))).length, 0);
      const entry = sizes.get(key) ?? { path, size: 0, hits: 0 };
      entry.size++;
      entry.hits = Math.max(entry.hits, hits);
      sizes.set(key, entry);
    }
    const byName = [...sizes.values()].filter((c) => c.hits > 0).sort((a, b) => b.hits - a.hits || b.size - a.size);
    if (byName.length) return byName.slice(0, SUGGESTED_CATEGORIES).map((c) => c.path);
    if (!semantic || !vector) return [];
    return this.#centroidsOf(semantic)
      .map((c) => ({ path: c.path, score: dot(c.vector, vector) }))
      .filter((c) => c.score >= CATEGORY_FLOOR)
      .sort((a, b) => b.score - a.score)
      .slice(0, SUGGESTED_CATEGORIES)
      .map((c) => c.path);
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
