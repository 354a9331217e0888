/**
 * Full-ranking evaluation of any model behind the `Ranker` interface: every item of the catalogue is scored for each
 * user, the user's already-seen items are excluded unless asked otherwise, and HR@10, NDCG@10, MRR and coverage
 * are computed on the leave-one-out targets. Pure TypeScript; the models may use TF.js inside `score`.
 */
import type { RankingMetrics } from '../../../src/shared/training.ts';
import { MetricsAccumulator } from './metrics.ts';
import { historyFor, targetFor, type EvalStage, type LeaveOneOutSplit } from './split.ts';

/** Anything that scores all items for a batch of histories. */
export interface Ranker {
  readonly name: string;
  readonly numItems: number;
  /** Preferred number of histories per `score` call. */
  readonly scoreBatchSize: number;
  /** Scores for every item, row-major histories.length × numItems. Higher is better. */
  score(histories: readonly Int32Array[]): Promise<Float32Array> | Float32Array;
}

export interface EvaluateOptions {
  stage: EvalStage;
  /** Exclude the user's history items from the ranking (default true). */
  excludeSeen?: boolean;
  k?: number;
  /** Evaluate at most this many users (a deterministic spread over the eval users); 0 = all. */
  maxUsers?: number;
  /** Called between batches: lets a worker stay responsive and a caller cancel (throw to stop). */
  onBatch?: (done: number, total: number) => void | Promise<void>;
}

/** A deterministic subset of at most `max` users, spread evenly over the list. */
export function pickUsers(users: Int32Array, max: number): Int32Array {
  if (!max || max >= users.length) return users;
  const out = new Int32Array(max);
  for (let i = 0; i < max; i++) out[i] = users[Math.floor((i * users.length) / max)];
  return out;
}

export async function evaluate(ranker: Ranker, split: LeaveOneOutSplit, options: EvaluateOptions): Promise<RankingMetrics> {
  const excludeSeen = options.excludeSeen ?? true;
  const k = options.k ?? 10;
  const users = pickUsers(split.evalUsers, options.maxUsers ?? 0);
  // Batch users of similar history length together: sequence models pad less.
  const order = Array.from(users).sort((a, b) => split.train[a].length - split.train[b].length || a - b);
  const acc = new MetricsAccumulator(split.numItems, k);
  const excluded = excludeSeen ? new Uint8Array(split.numItems) : null;
  const batch = Math.max(1, ranker.scoreBatchSize);
  for (let start = 0; start < order.length; start += batch) {
    const ids = order.slice(start, start + batch);
    const histories = ids.map((u) => historyFor(split, u, options.stage));
    const scores = await ranker.score(histories);
    if (scores.length !== ids.length * split.numItems) {
      throw new Error(`${ranker.name}.score returned ${scores.length} scores for ${ids.length} users × ${split.numItems} items.`);
    }
    for (let b = 0; b < ids.length; b++) {
      const h = histories[b];
      if (excluded) for (let i = 0; i < h.length; i++) excluded[h[i]] = 1;
      acc.add(scores, b * split.numItems, targetFor(split, ids[b], options.stage), excluded);
      if (excluded) for (let i = 0; i < h.length; i++) excluded[h[i]] = 0;
    }
    await options.onBatch?.(Math.min(order.length, start + batch), order.length);
  }
  return { ...acc.result(), seenExcluded: excludeSeen };
}
