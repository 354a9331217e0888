/** Search requests and results, shared by the page and the worker that searches. */

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

export interface SearchResponse {
  hits: SearchHit[];
  /** Total matches before the limit. */
  total: number;
  tookMs: number;
  /** Which retrievers took part: semantic only when a query vector came and product vectors exist. */
  retrievers: Array<'lexical' | 'semantic'>;
  /** Products with a vector for the query's model (0 when semantic search is not available yet). */
  semanticCoverage: number;
  personalised: boolean;
}
