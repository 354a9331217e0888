/**
 * One search on the page: words first (instant), then words and meaning once the query is embedded, and the search
 * recorded in the history with the number of results the page ended up showing. Owns no bridge: it asks `recs` (the
 * recommender worker: results, counts, facets) and `language` (the encoder). A screen (the app's search page, the
 * embed's search element) creates one and calls `run` whenever the query or the filters change.
 */
import type { SearchFilters, SearchResponse } from '../../shared/search.ts';
import type { EncoderView } from '../../shared/text/query.ts';
import { track } from './activity.ts';
import { language } from './language.svelte.ts';
import { recs } from './recs.svelte.ts';
import { shop } from './shop.svelte.ts';
import { toasts } from './toasts.svelte.ts';

/**
 * Whether search by meaning took part: 'pending' (the encoder is still reading the query), 'used', 'not-understood'
 * (the encoder knows too few of the words to be asked), 'no-close-match' (it was asked, but nothing in the catalog is
 * close, or the catalog has nothing the query names), 'unavailable' (no encoder, or the products are not indexed yet).
 */
export type MeaningState = 'pending' | 'used' | 'not-understood' | 'no-close-match' | 'unavailable';

export interface SearchInput {
  query: string;
  filters: SearchFilters;
  /** Re-rank by the shopper's interests. */
  personal: boolean;
}

/** How many results a page shows (the count and the facets are over all of them, in the worker). */
const PAGE = 60;

export class SearchSession {
  /** The results with the filters applied, their count and facets. */
  response = $state.raw<SearchResponse | null>(null);
  /** Whether search by meaning took part. */
  meaning = $state<MeaningState>('pending');
  /** What the encoder read, once it has. */
  view = $state.raw<EncoderView | null>(null);
  /** Query embeddings already computed (per model): a facet click or a re-sort searches again without re-embedding. */
  readonly #embedded = new Map<string, { vector: Float32Array | null; view: EncoderView }>();
  #lastRecorded = '';
  /** The query of the latest run: a run stopped only because the same query runs again (new product vectors) is not
   * the shopper leaving, so it records nothing; the new run records what the page ends up showing. */
  #latest = '';

  /** Searches for `input`; returns the function that stops it (call it when the input changes or the screen goes). */
  run(input: SearchInput): () => void {
    const controller = new AbortController();
    this.#latest = input.query;
    if (!shop.catalog || !input.query.trim()) return () => controller.abort();
    // Read here, inside the caller's effect: new product vectors (the catalog finished indexing) search again.
    const vectorsVersion = language.indexVersion;
    const model = language.encoder.id;
    void this.#search(input, model, vectorsVersion, controller.signal).catch((err: unknown) => toasts.error(err));
    return () => {
      this.#latest = '';
      controller.abort();
    };
  }

  /** The hits' products, asked for in one call (a stored catalog's come from its worker), so the list shows whole. */
  #products(response: SearchResponse): Promise<void> {
    return shop.loadProducts(response.hits.map((h) => h.itemId));
  }

  /** The search is part of the history once its results are shown, with the count the page shows ("N found"). */
  #record(query: string, response: SearchResponse): void {
    if (this.#lastRecorded === query) return;
    this.#lastRecorded = query;
    void track({ type: 'search', query, results: response.total });
  }

  async #search({ query, filters, personal }: SearchInput, model: string, vectorsVersion: number, signal: AbortSignal): Promise<void> {
    const once = (vector: Float32Array | null) => recs.search(signal, { query, filters, personal, limit: PAGE, vector: vector ?? undefined, model: vector ? model : undefined, vectorsVersion });
    const key = `${model}\u0000${query}`;
    let embedded = this.#embedded.get(key) ?? null;
    this.meaning = 'pending';
    let response = await once(embedded?.vector ?? null);
    await this.#products(response);
    if (signal.aborted) return;
    this.response = response;
    // Leaving before the meaning arrives: the history keeps what was shown (checked once the next run, if any, began).
    const keepShown = () =>
      setTimeout(() => {
        if (this.#latest !== query) this.#record(query, response);
      }, 0);
    signal.addEventListener('abort', keepShown, { once: true });
    try {
      if (!embedded) {
        embedded = await language.embedQuery(signal, response.understood).catch(() => null);
        if (signal.aborted) return;
        if (embedded) {
          this.#embedded.set(key, embedded);
          if (embedded.vector) {
            response = await once(embedded.vector);
            await this.#products(response);
            if (signal.aborted) return;
            this.response = response;
          }
        }
      }
      this.view = embedded?.view ?? null;
      this.meaning = !embedded ? 'unavailable' : !embedded.vector ? 'not-understood' : meaningOf(response);
      this.#record(query, response);
    } finally {
      signal.removeEventListener('abort', keepShown);
    }
  }
}

function meaningOf(response: SearchResponse): MeaningState {
  switch (response.meaning) {
    case 'used':
      return 'used';
    case 'below-floor':
    case 'unsupported':
      return 'no-close-match';
    case 'not-asked':
      return 'not-understood';
    case 'not-indexed':
      return 'unavailable';
    default: {
      const _exhaustive: never = response.meaning;
      return _exhaustive;
    }
  }
}
