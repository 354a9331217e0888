/**
 * Leave-one-out, the sequential-recommendation literature's protocol: per user, the last item is the test target, the
 * second-to-last the validation target, and everything before is training data. A user with fewer than 3 items has
 * no validation/test target; all of their items are training data (they still count as training signal).
 */
import type { SequenceDataset } from './datasets.ts';

export type EvalStage = 'valid' | 'test';

export interface LeaveOneOutSplit {
  numItems: number;
  /** Per user: the training part (all but the last two items; the whole sequence when shorter than 3). */
  train: Int32Array[];
  /** Per user: the times of the training items, when the dataset has times. */
  trainTimes?: Float64Array[];
  /** Per user: the loss weights of the training items, when the dataset has weights. */
  trainWeights?: Float32Array[];
  /** Per user: validation target, or -1. */
  validItem: Int32Array;
  /** Per user: test target, or -1. */
  testItem: Int32Array;
  /** Users with validation and test targets. */
  evalUsers: Int32Array;
}

export function leaveOneOut(d: SequenceDataset): LeaveOneOutSplit {
  const n = d.sequences.length;
  const train: Int32Array[] = new Array(n);
  const trainTimes: Float64Array[] | undefined = d.times ? new Array(n) : undefined;
  const trainWeights: Float32Array[] | undefined = d.weights ? new Array(n) : undefined;
  const validItem = new Int32Array(n).fill(-1);
  const testItem = new Int32Array(n).fill(-1);
  const users: number[] = [];
  for (let u = 0; u < n; u++) {
    const s = d.sequences[u];
    if (s.length >= 3) {
      train[u] = s.subarray(0, s.length - 2);
      validItem[u] = s[s.length - 2];
      testItem[u] = s[s.length - 1];
      if (trainTimes && d.times) trainTimes[u] = d.times[u].subarray(0, s.length - 2);
      if (trainWeights && d.weights) trainWeights[u] = d.weights[u].subarray(0, s.length - 2);
      users.push(u);
    } else {
      train[u] = s;
      if (trainTimes && d.times) trainTimes[u] = d.times[u];
      if (trainWeights && d.weights) trainWeights[u] = d.weights[u];
    }
  }
  return { numItems: d.numItems, train, trainTimes, trainWeights, validItem, testItem, evalUsers: Int32Array.from(users) };
}

/**
 * The history a model sees when predicting `stage`'s target for user u: the training part for validation, the
 * training part plus the validation item for test.
 */
export function historyFor(split: LeaveOneOutSplit, u: number, stage: EvalStage): Int32Array {
  const t = split.train[u];
  if (stage === 'valid') return t;
  const h = new Int32Array(t.length + 1);
  h.set(t);
  h[t.length] = split.validItem[u];
  return h;
}

export function targetFor(split: LeaveOneOutSplit, u: number, stage: EvalStage): number {
  return stage === 'valid' ? split.validItem[u] : split.testItem[u];
}
