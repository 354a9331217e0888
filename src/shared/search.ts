/** Search requests and results, shared by the page and the worker that searches. */
import type { PriceConstraint, QueryUnderstanding } from './text/query.ts';

export interface SearchFilters {
  /** Category path prefix. */
  category?: string[];
  brands?: string[];
  minPrice?: number;
  /** Exclusive. */
  maxPrice?: number;
  inStockOnly?: boolean;
}

export interface SearchRequest {
  query: string;
  filters?: SearchFilters;
  limit?: number;
  /** The query's embedding (from the language worker) and the model that made it: enables semantic matching. */
  vector?: Float32Array;
  model?: string;
  /**
   * Bumped by the page each time new product vectors were stored: a different value makes the worker read the
   * vectors again, so a search right after they were written never uses an older index (the change notification that
   * also does this may arrive after the search).
   */
  vectorsVersion?: number;
  /** Re-rank by the shopper's interests (off in non-personalised mode or when the shopper turns it off). */
  personal?: boolean;
}

export interface SearchHit {
  itemId: string;
  score: number;
  /** Words of the product that matched the query, for highlighting. */
  terms: string[];
  /** How it was found: by its words, by meaning (semantic), or both. */
  via: Array<'lexical' | 'semantic'>;
}

/** A facet value and how many results have it. */
export interface FacetCount {
  value: string;
  count: number;
}

/**
 * Facet counts over every result (not a page of them). Each facet counts the results that pass every other filter,
 * so that a count is what clicking it shows; with no filters set, each facet's counts add up to `total`.
 */
export interface SearchFacets {
  /** Top-level categories. */
  categories: FacetCount[];
  /** The ten most frequent brands, and any selected one. */
  brands: FacetCount[];
  /** Round-number price bands (at most four); `max` is exclusive, Infinity for the last. */
  prices: Array<{ label: string; min: number; max: number; count: number }>;
}

/**
 * Whether search by meaning took part: 'used'; 'below-floor' (its best match was not close enough: it stayed out);
 * 'unsupported' (the catalog has nothing the query names, by its words or their translations: it stayed out);
 * 'not-asked' (no query embedding came: the encoder does not know most of the words, or is not available);
 * 'not-indexed' (no product has a vector for the query's model yet).
 */
export type MeaningOutcome = 'used' | 'below-floor' | 'unsupported' | 'not-asked' | 'not-indexed';

export interface SearchResponse {
  hits: SearchHit[];
  /** How many results pass the floors, with the filters applied: the "N found" the page shows and the history records. */
  total: number;
  facets: SearchFacets;
  /** What the query was understood to ask for (the language worker embeds it; the page shows the price words). */
  understood: QueryUnderstanding;
  /** The query's own price words, applied as a price filter (null when it has none, or the shopper set one). */
  price: PriceConstraint | null;
  meaning: MeaningOutcome;
  /** The query's best cosine similarity to a product, when a query vector came. */
  meaningBest: number | null;
  /** True when no product matches all the words, and the results match only some of them (the kind of thing asked for). */
  partial: boolean;
  /** Words matched only through a typo correction ("runing" → "running"). */
  corrections: Array<{ from: string; to: string }>;
  /** What to offer when there is nothing close: a corrected spelling of the query, the nearest categories. */
  suggestions: { spelling: string | null; categories: string[][] };
  tookMs: number;
  /** Which retrievers took part: semantic only when a query vector came, product vectors exist and it passed the floor. */
  retrievers: Array<'lexical' | 'semantic'>;
  /** Products with a vector for the query's model (0 when semantic search is not available yet). */
  semanticCoverage: number;
  personalised: boolean;
}
