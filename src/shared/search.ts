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
}
