/** The SASRec model behind the evaluation's `Ranker` interface, plus top-k for one history. */
import * as tf from '@tensorflow/tfjs';
import type { Ranker } from '../eval/evaluate.ts';
import { topK } from '../eval/metrics.ts';
import type { SasrecModel } from './model.ts';
import { matMulNoGrad } from './ops.ts';

export function sasrecRanker(model: SasrecModel, scoreBatchSize = 256): Ranker {
  return {
    name: 'sasrec',
    numItems: model.config.numItems,
    scoreBatchSize,
    score: (histories) => model.scoreHistories(histories),
  };
}

/**
 * The k best items for one history over the whole catalogue, seen items excluded when asked. `table` may be passed
 * in (a precomputed item table) to skip rebuilding it per call.
 */
export async function topItemsFor(
  model: SasrecModel,
  history: Int32Array,
  k: number,
  options: { excludeSeen?: boolean; table?: tf.Tensor2D } = {},
): Promise<{ items: number[]; scores: number[] }> {
  const scoresT = tf.tidy(() => {
    const table = options.table ?? model.itemTable();
    return matMulNoGrad(model.userVectors([history], table), table, false, true);
  });
  let scores: Float32Array;
  try {
    scores = (await scoresT.data()) as Float32Array;
  } finally {
    scoresT.dispose();
  }
  const n = model.config.numItems;
  let excluded: Uint8Array | null = null;
  if (options.excludeSeen ?? true) {
    excluded = new Uint8Array(n);
    for (const i of history) excluded[i] = 1;
  }
  const out = new Int32Array(k);
  const got = topK(scores, 0, n, k, excluded, out);
  const items = Array.from(out.subarray(0, got));
  return { items, scores: items.map((i) => scores[i]) };
}
