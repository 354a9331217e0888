/**
 * The evaluation `npm run eval:recs` runs, on a merchant's log in the browser: leave-one-out, full ranking over every
 * item, HR@10, NDCG@10, MRR and coverage on the test items, for the baselines (popular, last-item Markov, item kNN)
 * and the trained model when there is one; and the same metrics per segment of shoppers by the length of their
 * history before the test item. Pure TypeScript (the worker and the Node tests run it).
 */
import type { RankingMetrics } from '../../../src/shared/training.ts';
import { createBaseline, type BaselineName } from './baselines/index.ts';
import { evaluate, type Ranker } from './evaluate.ts';
import type { LeaveOneOutSplit } from './split.ts';

/** History-length segments (items before the test item), inclusive bounds; the last is open-ended. */
export const HISTORY_SEGMENTS: ReadonlyArray<{ min: number; max: number | null }> = [
  { min: 1, max: 2 },
  { min: 3, max: 5 },
  { min: 6, max: 10 },
  { min: 11, max: 20 },
  { min: 21, max: null },
];

export interface SegmentMetrics extends RankingMetrics {
  min: number;
  max: number | null;
}

export interface ModelEvaluation {
  model: string;
  backend: string;
  overall: RankingMetrics;
  segments: SegmentMetrics[];
  /** Seconds to fit (baselines) and to rank. */
  fitSeconds: number;
  evalSeconds: number;
}

/** Items a user has before the test item: the training part and the validation item. */
export function historyLength(split: LeaveOneOutSplit, u: number): number {
  return split.train[u].length + 1;
}

/** The split with only the evaluation users whose history length is in [min, max]. */
export function segmentSplit(split: LeaveOneOutSplit, min: number, max: number | null): LeaveOneOutSplit {
  const users = Array.from(split.evalUsers).filter((u) => {
    const n = historyLength(split, u);
    return n >= min && (max === null || n <= max);
  });
  return { ...split, evalUsers: Int32Array.from(users) };
}

/** Overall and per-segment test metrics of one ranker. Segments with no users are left out. */
export async function evaluateRanker(ranker: Ranker, split: LeaveOneOutSplit, options: { maxUsers?: number; onBatch?: () => void | Promise<void> } = {}): Promise<{ overall: RankingMetrics; segments: SegmentMetrics[] }> {
  const overall = await evaluate(ranker, split, { stage: 'test', maxUsers: options.maxUsers, onBatch: options.onBatch });
  const segments: SegmentMetrics[] = [];
  for (const s of HISTORY_SEGMENTS) {
    const part = segmentSplit(split, s.min, s.max);
    if (part.evalUsers.length === 0) continue;
    segments.push({ ...(await evaluate(ranker, part, { stage: 'test', maxUsers: options.maxUsers, onBatch: options.onBatch })), min: s.min, max: s.max });
  }
  return { overall, segments };
}

export const LOG_BASELINES: readonly BaselineName[] = ['popular', 'markov', 'knn'];

/** Fits a baseline on the training part (the validation item is history at test time, as in eval:recs) and evaluates it. */
export async function evaluateBaseline(name: BaselineName, split: LeaveOneOutSplit, options: { maxUsers?: number; seed?: number; onBatch?: () => void | Promise<void> } = {}): Promise<ModelEvaluation> {
  const model = createBaseline(name);
  const t0 = performance.now();
  try {
    await model.fit(split.train, { numItems: split.numItems, times: split.trainTimes, seed: options.seed ?? 42 });
    const t1 = performance.now();
    const { overall, segments } = await evaluateRanker(model, split, options);
    return { model: name, backend: model.backend, overall, segments, fitSeconds: (t1 - t0) / 1000, evalSeconds: (performance.now() - t1) / 1000 };
  } finally {
    model.dispose?.();
  }
}
