/**
 * Types that cross the recommender worker's boundary for training: the model's configuration, what to train on, the
 * progress events, and the reports. Used by the worker (workers/recommender/training-api.ts), by the page's bridge,
 * by the Node evaluation CLI and by the benchmark page. No DOM, no worker globals.
 */
import type { Product } from './catalog/types.ts';

/** TF.js backends, in the order the automatic choice tries them. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
/** 'auto' picks the fastest backend that works here; a name forces that backend (falling back if it cannot start). */
export type BackendPreference = 'auto' | BackendName;

/** URL parameter and setting key that override the automatic backend choice, e.g. `?backend=wasm`. */
export const BACKEND_PARAM = 'backend';
/** Reads `?backend=...` from a query string; null when absent. Throws nothing: an unknown value is reported as null. */
export function backendFromQuery(search: string): BackendPreference | null {
  const value = new URLSearchParams(search).get(BACKEND_PARAM);
  if (value === null) return null;
  return value === 'auto' || (BACKENDS as readonly string[]).includes(value) ? (value as BackendPreference) : null;
}

/** Which backend runs, why, and what was tried before it. */
export interface BackendReport {
  backend: BackendName;
  requested: BackendPreference;
  /** Why this backend: "requested", "fastest available here", or why the preferred ones were passed over. */
  reason: string;
  /** Backends tried or passed over before this one, each with the reason. */
  skipped: Array<{ backend: BackendName; reason: string }>;
  /** wasm only: whether the SIMD build runs. */
  simd?: boolean;
  /** webgpu/webgl: the adapter or renderer, e.g. "google swiftshader (fallback adapter)". */
  adapter?: string;
}

/**
 * Content features of items, one row per item (item index order). Any of them may be absent. They let the model
 * rank items that no one has interacted with yet: an item's representation is built from these beside (or instead
 * of) a learned id embedding.
 */
/** Weights as named Float32Arrays: what checkpoints store (src/storage/checkpoints.ts), files encode
 * (src/shared/export-format.ts) and the model's `setWeights` reads. The one definition. */
export type NamedWeights = Array<{ name: string; shape: number[]; data: Float32Array }>;

export interface ItemFeatures {
  /** A dense vector per item (e.g. a sentence embedding of title + description), row-major numItems × dim. */
  text?: { dim: number; data: Float32Array };
  /** Category index per item, 0 = unknown, values < numCategories. */
  category?: { count: number; data: Int32Array };
  /** Price band per item, 0 = unknown, values < count. */
  priceBand?: { count: number; data: Int32Array };
}

/** Sizes of the content features the model expects (0 = not used). Part of the model's config. */
export interface ContentFeatureSpec {
  textDim: number;
  numCategories: number;
  numPriceBands: number;
}

export type LossKind = 'full-softmax' | 'sampled-softmax';

/** The SASRec model's shape. Everything needed to rebuild it before loading weights. */
export interface SasrecConfig {
  /** Items in the catalogue (item indices 0..numItems-1). */
  numItems: number;
  /** Longest history the model reads (older items are dropped). */
  maxLen: number;
  /** Width of item and hidden representations. */
  dim: number;
  heads: number;
  blocks: number;
  /** Inner width of the position-wise feed-forward layer. */
  ffnDim: number;
  dropout: number;
  /** Learn an embedding per item id. False = items are content-only (needs `content`). */
  idEmbedding: boolean;
  /** Content features beside or instead of the id embedding; absent = id only. */
  content: ContentFeatureSpec | null;
  /** Seed for the initial weights. */
  seed: number;
}

/** How to train. */
export interface TrainOptions {
  /** Passes over the training sequences (the run can stop earlier on `timeBudgetS` or `patience`). */
  epochs: number;
  /** Wall-clock budget in seconds for the training loop; 0 = none. */
  timeBudgetS: number;
  /** At most this many optimizer steps in this run; 0 = no limit. */
  maxSteps: number;
  learningRate: number;
  /**
   * 'cosine' decays the learning rate to `minLearningRate` × learningRate over the run (by steps, or by the time budget
   * when that ends the run sooner); 'constant' keeps it; 'adaptive' is the cosine with an end that validation moves:
   * out while it still improves late in the run (up to `maxEpochs`), in when it has not for `patience` validations
   * (workers/recommender/model/lr-schedule.ts).
   */
  lrSchedule: 'constant' | 'cosine' | 'adaptive';
  /** Floor of the cosine schedule as a fraction of learningRate. */
  minLearningRate: number;
  /** 'adaptive': the end may move out to this many epochs (0 = never later than `epochs`). */
  maxEpochs: number;
  /** 'adaptive': a new best in this last share of the run moves its end out; a stall moves it to a tail this long. */
  decayShare: number;
  /** Upper bound on predicted positions (targets) per batch; sequences of similar length are batched together. */
  batchTargets: number;
  /** Upper bound on sequences per batch. */
  batchSequences: number;
  loss: LossKind;
  /** sampled-softmax only: uniformly sampled negatives per batch, shared by all positions (plus the batch's positives). */
  negatives: number;
  /** Seed for shuffling, negatives and dropout. */
  seed: number;
  /** Validate every this many epochs (0 = never). */
  validateEvery: number;
  /** Validate on at most this many users (0 = all). */
  validationUsers: number;
  /** Stop after this many validations without improvement (0 = never). */
  patience: number;
  /** Restore the weights of the best validation at the end. */
  restoreBest: boolean;
  /** Save a checkpoint every this many seconds of training (0 = only at the end). */
  checkpointEveryS: number;
  /**
   * Benchmarks only: also measure the test items at every validation, for a time-to-quality curve in the literature's
   * terms. The time these extra evaluations take is left out of the curve's seconds and of the time budget.
   */
  testEachValidation: boolean;
}

export type TrainPhase = 'preparing' | 'training' | 'validating' | 'checkpointing' | 'done' | 'cancelled';

/** One progress event. `fraction` never decreases and is 1 on the last event of a run that completes. */
export interface TrainProgress {
  phase: TrainPhase;
  /** 0..1 */
  fraction: number;
  /** Epoch in progress, 1-based (fractional epochs appear as the same epoch number). */
  epoch: number;
  epochs: number;
  /** Optimizer steps taken so far in this model's life (continues across resume). */
  step: number;
  stepsPerEpoch: number;
  /** Mean training loss over the steps since the previous event. */
  loss: number | null;
  /** Predicted positions per second over the steps since the previous event. */
  examplesPerSecond: number | null;
  /** Milliseconds per optimizer step over the steps since the previous event. */
  msPerStep: number | null;
  /** Seconds since this run started. */
  elapsedS: number;
  /** Latest validation result, when one has been computed. */
  validation: ValidationPoint | null;
  backend: BackendName;
}

export interface ValidationPoint {
  epoch: number;
  step: number;
  /** Seconds of wall time since the run started when this validation finished. */
  elapsedS: number;
  ndcg10: number;
  hr10: number;
  users: number;
  /** Test-item metrics at the same point, when `testEachValidation` is on. */
  test?: { ndcg10: number; hr10: number };
}

/** Ranking metrics at cut-off 10, over `users` evaluated users. */
/** Where a run stands: saved in checkpoints so that a resumed run continues the same stream of batches. */
export interface TrainerMeta {
  [key: string]: unknown;
  step: number;
  epochIndex: number;
  stepInEpoch: number;
  /** Plan RNG state at the start of the current epoch (its batch order is re-drawn from it on resume). */
  planRngState: number;
  /** Step RNG state after the last step (negatives and dropout). */
  stepRngState: number;
  adamStep: number;
  /** Training wall seconds over all runs of this model. */
  trainSeconds: number;
  curve: ValidationPoint[];
  best: ValidationPoint | null;
  backend: BackendName;
  dataFingerprint: string;
  finished: boolean;
}

export interface RankingMetrics {
  users: number;
  hr10: number;
  ndcg10: number;
  mrr: number;
  /** Share of the catalogue that appears in at least one top-10 list. */
  coverage: number;
  seenExcluded: boolean;
}

export interface TrainReport {
  /** Why the run ended. */
  stopReason: 'epochs' | 'max-steps' | 'time-budget' | 'patience' | 'cancelled';
  epochsRun: number;
  steps: number;
  trainSeconds: number;
  /** Predicted positions per second of optimizer-step time (validation excluded). */
  examplesPerSecond: number;
  /** Mean milliseconds per optimizer step, the first two steps (warm-up, shader compilation) excluded. */
  msPerStep: number;
  /** Milliseconds of the first step (includes one-time set-up such as GPU shader compilation). */
  firstStepMs: number;
  /** Validation points in order: the time-to-quality curve. */
  curve: ValidationPoint[];
  best: ValidationPoint | null;
  backend: BackendReport;
  /** Peak bytes held by TF.js tensors during the run (tf.memory().numBytes). */
  peakTensorBytes: number;
  /** wasm backend only: size of the wasm heap at the end (it only grows, so this is its peak). */
  wasmHeapBytes: number | null;
  /** Set when the model was saved to IndexedDB. */
  checkpointId: string | null;
}

/** Sequences in one flat buffer: user u's items are items[offsets[u] .. offsets[u+1]) in time order. */
export interface PackedSequences {
  numItems: number;
  items: Int32Array;
  offsets: Int32Array;
  /** Optional external ids, for reports. */
  itemIds?: string[];
  /**
   * Optional weight of each interaction (aligned with `items`, ≥ 0): how much predicting it counts in the loss, e.g. a
   * purchase more than a view. Absent = all 1.
   */
  weights?: Float32Array;
}

export type DatasetFormat = 's3rec' | 'movielens' | 'events-csv' | 'sequences-json';

/** Where the worker gets its training data: sequences passed in, or a file it fetches and parses itself. */
export type TrainData =
  | { kind: 'sequences'; sequences: PackedSequences; features?: ItemFeatures }
  | { kind: 'url'; url: string; format: DatasetFormat }
  /** A log the merchant opened on this device (the console): its text, parsed in the worker. */
  | { kind: 'text'; name: string; text: string; format: DatasetFormat };

/** A catalog the log is joined to (its product ids are the log's item ids): the model reads the items' content. */
export interface TrainCatalog {
  name: string;
  products: Product[];
  /** The encoder whose product vectors (in the embeddings cache) are the text features. */
  encoder: string;
}

/** How much of a log is a catalog's products. */
export interface CatalogJoinStats {
  catalog: string;
  products: number;
  logItems: number;
  matchedItems: number;
  interactions: number;
  matchedInteractions: number;
  /** Shoppers with 3 or more interactions on the catalog's products (the leave-one-out split needs 3). */
  shoppers: number;
}

export interface TrainRequest {
  data: TrainData;
  /**
   * Join the log to this catalog and train the content model (items = their text vector, category and price band:
   * the model the shop starts from); without it, the log's item ids are learned (a model for the console only).
   */
  catalog?: TrainCatalog | null;
  model?: Partial<SasrecConfig>;
  train?: Partial<TrainOptions>;
  /** Benchmarks: settings from the data (workers/recommender/model/recipe.ts) under the explicit `model` and `train`. */
  recipe?: boolean;
  backend?: BackendPreference;
  /** Save to IndexedDB under this id while training and at the end (null = do not save). */
  checkpointId?: string | null;
  /** Continue from this checkpoint's weights, optimizer state and position instead of starting over. */
  resumeFrom?: string | null;
  /** Evaluate on the test items (leave-one-out) at the end and include the metrics in the result. */
  evaluateTest?: boolean;
  /** Exclude the user's already-seen items from rankings (default true). */
  excludeSeen?: boolean;
  /** Minimum milliseconds between progress events (default 250). */
  progressIntervalMs?: number;
}

export interface TrainResult {
  report: TrainReport;
  config: SasrecConfig;
  options: TrainOptions;
  test: RankingMetrics | null;
  dataset: { users: number; items: number; interactions: number };
  /** With a catalog: how much of the log matched it. */
  join?: CatalogJoinStats;
}

/** Incremental update: fine-tune the stored model on new or grown sequences, without starting over. */
export interface FineTuneRequest {
  checkpointId: string;
  sequences: PackedSequences;
  features?: ItemFeatures;
  train?: Partial<TrainOptions>;
  backend?: BackendPreference;
}

export interface TopItemsResult {
  items: number[];
  scores: number[];
  ms: number;
}
