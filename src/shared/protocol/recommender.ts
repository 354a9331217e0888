/**
 * The recommender's contract, shared by the in-thread implementation (workers/recommender/, also used by Node tests
 * and the evaluation CLI) and the page's bridge (src/app/bridges/recommender.ts), which runs it in a Worker.
 */
import type { LoadResult } from '../catalog/load.ts';
import type { Product } from '../catalog/types.ts';
import type { RowIssue } from '../errors.ts';
import type { BackendReport, SasrecConfig, TrainerMeta } from '../training.ts';
import type { ProfilePrefs } from '../profile.ts';
import type { MerchantRules } from '../rules.ts';
import type { MerchantLexicon } from '../text/query.ts';
import type { Reason } from '../reasons.ts';

export const SHELVES = ['for-you', 'recently-viewed', 'trending', 'bought-together', 'similar'] as const;
export type ShelfKind = (typeof SHELVES)[number];

export interface ShelfRequest {
  shelf: ShelfKind;
  /** The anchor product for "similar" and "bought-together". */
  itemId?: string;
  /** How many items at most (default 12). */
  limit?: number;
  /** When false, use no personal history (non-personalised mode): the same shelves for everyone. */
  personalised: boolean;
  /** Item ids to leave out (e.g. what is in the cart). */
  exclude?: string[];
  /** The shopper's muted interests and budget (personal shelves). */
  prefs?: ProfilePrefs;
}

/**
 * Why an item is shown: a code with its values (`reason`, which the page words in the shopper's language), the same in
 * English (`text`, for logs and the CLI), and the history items behind it.
 */
export interface Explanation {
  reason: Reason;
  text: string;
  /** Item ids of the history that weighs most for this recommendation. */
  evidence: string[];
}

export interface Recommendation {
  itemId: string;
  score: number;
  because: Explanation;
}

export interface RecommenderStatus {
  /** TF.js backend in use, when a model has been loaded ("webgpu", "webgl", "wasm", "cpu"); null before. */
  backend: string | null;
  /** Why that backend (and not a preferred one) is in use. */
  backendReason: string | null;
  catalogId: string | null;
  products: number;
  /** Events the recommender has read from the history. */
  events: number;
}

/**
 * What a catalog may bring besides its products: the merchant's shelf rules, search words, a pre-trained model
 * (absolute URL).
 */
export interface CatalogExtras {
  rules?: MerchantRules;
  lexicon?: MerchantLexicon;
  modelUrl?: string;
  /** Product vectors shipped beside the catalog (absolute URL, same site) and the encoder that computed them. */
  vectors?: { url: string; model: string };
  /**
   * A name these exact products keep for good (a stored catalog's id and import time: it never changes under them):
   * the search index is stored under it, so a returning visit does not hash every product's text to find it.
   */
  indexKey?: string;
}

/**
 * What storing a catalog's shipped vectors did: vectors in the file, vectors stored, products still without one, and
 * whether every product now has a vector in the cache (false when the catalog ships none: the device embeds them).
 */
export interface VectorSeedReport {
  covered: boolean;
  shipped: number;
  stored: number;
  missing: number;
  ms: number;
}

/** The in-thread and in-worker recommender share this shape. Long calls take an AbortSignal first. */
export interface Recommender {
  setCatalog(signal: AbortSignal | undefined, catalogId: string, products: Product[], extras?: CatalogExtras): Promise<void>;
  recommend(signal: AbortSignal | undefined, request: ShelfRequest): Promise<Recommendation[]>;
  status(): Promise<RecommenderStatus>;
  dispose(): void;
}

/**
 * What parsing a catalog file gave. Only an error's name, message and stack cross the worker boundary, so a rejected
 * file comes back as a value carrying its row-by-row issues instead of as a thrown InvalidFileError.
 */
export type CatalogParseOutcome = { ok: true; result: LoadResult } | { ok: false; message: string; issues: RowIssue[] };

/** The state of a worker's preference-model session (the training worker used by benchmarks and tests). */
export interface ModelStatus {
  loaded: boolean;
  config: SasrecConfig | null;
  meta: TrainerMeta | null;
  backend: BackendReport | null;
  /** Bytes held by TF.js tensors now. */
  tensorBytes: number;
  tensors: number;
}

/** How the Catalog screen orders a category's products. */
export const BROWSE_SORTS = ['featured', 'price-asc', 'price-desc', 'discount', 'rating'] as const;
export type BrowseSort = (typeof BROWSE_SORTS)[number];

/** One page of a category, filtered and sorted in the worker (workers/recommender/browse.ts). */
export interface BrowseRequest {
  /** Category path prefix; empty for every product. */
  category: string[];
  sort: BrowseSort;
  minPrice?: number;
  /** Exclusive. */
  maxPrice?: number;
  brands: string[];
  inStockOnly: boolean;
  offset: number;
  limit: number;
}

export interface BrowseResult {
  /** The page's product ids, in order (variants of one product once). */
  ids: string[];
  /** Products that pass every filter (variants once): the count the screen shows. */
  total: number;
  /** The category's price bands, each counting the products that pass the other filters. */
  bands: Array<{ min: number; max: number; label: string; count: number }>;
  /** The 15 most frequent brands among the products that pass the other filters. */
  brands: Array<{ value: string; count: number }>;
  /** The currency of the category's first product. */
  currency: string;
}

/** A pre-trained model the merchant console put in use as the starting point of the shopper's model. */
export interface MerchantModelInfo {
  catalogId: string;
  items: number;
  /** When it was put in use. */
  savedAt: number;
  /** Training steps it had. */
  steps: number;
  /** The log it was trained on (its file name), when the file says. */
  trainedOn: string | null;
}
