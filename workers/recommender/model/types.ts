/** Types of the preference model (SASRec). The ones that cross the worker boundary live in src/shared/training.ts. */
export type {
  ContentFeatureSpec,
  ItemFeatures,
  LossKind,
  NamedWeights,
  SasrecConfig,
  TrainOptions,
  TrainProgress,
  TrainReport,
  ValidationPoint,
} from '../../../src/shared/training.ts';

/**
 * A batch of histories, left-padded to a common length: row b holds its items at positions L-len..L-1.
 * `items` uses 0 for padding (it is masked), `mask` is 1 where an item is present.
 */
export interface SeqBatch {
  size: number;
  length: number;
  items: Int32Array;
  mask: Float32Array;
}

/** A training batch: the inputs plus, per present position, the item that follows it. */
export interface TrainBatch extends SeqBatch {
  /** Flat positions (b * length + j) that have a target, in order. */
  positions: Int32Array;
  /** The next item at each of those positions. */
  targets: Int32Array;
  /** Optional weight of each target (e.g. a purchase counts more than a view). */
  weights?: Float32Array;
}
