/**
 * One search on the page: words first (instant), then words and meaning once the query is embedded, the unfiltered
 * result list the facets count, and the search recorded in the history once its first results are shown. Owns no
 * bridge: it asks `recs` (the recommender worker) and `language` (the encoder). A screen (the app's search page, the
 * embed's search element) creates one and calls `run` whenever the query or the filters change.
 */
import type { Product } from '../../shared/catalog/types.ts';
import type { SearchFilters, SearchResponse } from '../../shared/search.ts';
import { track } from './activity.ts';
import { language } from './language.svelte.ts';
import { recs } from './recs.svelte.ts';
import { shop } from './shop.svelte.ts';
import { toasts } from './toasts.svelte.ts';

export type MeaningState = 'pending' | 'used' | 'unavailable';

export interface SearchInput {
  query: string;
  filters: SearchFilters;
  /** Re-rank by the shopper's interests. */
  personal: boolean;
}

/** How many results a page shows, and how many the facets count over. */
const PAGE = 60;
const FACET_POOL = 500;

export class SearchSession {
  /** The results with the filters applied. */
  response = $state.raw<SearchResponse | null>(null);
  /** The products matching the query without filters (what the facets count). */
  unfiltered = $state.raw<Product[]>([]);
  /** Whether search by meaning took part. */
  meaning = $state<MeaningState>('pending');
  /** Query embeddings already computed (per model): a facet click or a re-sort searches again without re-embedding. */
  readonly #vectors = new Map<string, Float32Array>();
  #lastRecorded = '';

  /** Searches for `input`; returns the function that stops it (call it when the input changes or the screen goes). */
  run(input: SearchInput): () => void {
    const controller = new AbortController();
    if (!shop.catalog || !input.query.trim()) return () => controller.abort();
    // Read here, inside the caller's effect: new product vectors (the catalog finished indexing) search again.
    const vectorsVersion = language.indexVersion;
    const model = language.encoder.id;
    void this.#search(input, model, vectorsVersion, controller.signal).catch((err: unknown) => toasts.error(err));
    return () => controller.abort();
  }

  async #search({ query, filters, personal }: SearchInput, model: string, vectorsVersion: number, signal: AbortSignal): Promise<void> {
    const once = async (vector: Float32Array | null) => {
      const base = { query, personal, vector: vector ?? undefined, model: vector ? model : undefined, vectorsVersion };
      const [filtered, all] = await Promise.all([recs.search(signal, { ...base, filters, limit: PAGE }), recs.search(signal, { ...base, limit: FACET_POOL })]);
      this.response = filtered;
      this.unfiltered = all.hits.map((h) => shop.product(h.itemId)).filter((p): p is Product => !!p);
      return all.total;
    };
    const key = `${model}\u0000${query}`;
    const known = this.#vectors.get(key) ?? null;
    this.meaning = 'pending';
    const total = await once(known);
    // The search is part of the history once its first results are shown.
    if (this.#lastRecorded !== query) {
      this.#lastRecorded = query;
      void track({ type: 'search', query, results: total });
    }
    if (!known) {
      const vector = await language.embedQuery(signal, query).catch(() => null);
      if (signal.aborted) return;
      if (!vector) {
        this.meaning = 'unavailable';
        return;
      }
      this.#vectors.set(key, vector);
      await once(vector);
    }
    this.meaning = this.response?.retrievers.includes('semantic') ? 'used' : 'unavailable';
  }
}
