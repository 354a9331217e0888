/**
 * The training recipe: settings chosen from the data itself rather than tuned once on Beauty and Toys.
 *
 * - Negatives: a share of the catalogue (a third: 4,096 of Beauty's 12,101 items was the measured optimum), never fewer
 *   than 4,096 (what a step costs on Beauty; on Industrial & Scientific's 4,344 items the full softmax beat a third of
 *   them), so a small catalogue gets a full softmax and a large one a sampled softmax of the same relative size.
 * - History length: long enough for 90% of the training histories (at least 50, at most 200), so that logs with long
 *   histories (MovieLens) are not cut to their last 50 events.
 * - Epochs: chosen by validation. The learning rate follows a cosine decay planned over 20 epochs (where every log
 *   here peaked under the fixed schedule); a new best validation NDCG@10 in the last quarter of the plan moves its end
 *   out (up to 200 epochs), three validations without one move it in, to a short tail; the best validated weights are
 *   kept, and the time budget still rules (lr-schedule.ts, 'adaptive').
 *
 * Explicit settings always win over the recipe. The learning rate and dropout search (`scripts/recs/search.ts`) sits
 * on top of this. Pure: runs in Node, in the workers, and feeds the cluster trainer.
 */
import type { SasrecConfig, TrainOptions } from './types.ts';

export const RECIPE = {
  /** Sampled negatives per batch as a share of the catalogue. */
  negativeShare: 1 / 3,
  /** Never fewer negatives than this (or the whole catalogue when it is smaller). */
  minNegatives: 4096,
  /** The share of training histories the model reads whole. */
  lengthQuantile: 0.9,
  minMaxLen: 50,
  maxMaxLen: 200,
  /** The first plan: the cosine's length before validation moves it. */
  epochs: 20,
  /** How far validation may move the end out. */
  maxEpochs: 200,
  /** Validations without a better one before the end moves in. */
  patience: 3,
  /** The late share of the plan where a new best moves the end out; the tail's length after a stall. */
  decayShare: 0.25,
} as const;

export interface Recipe {
  model: Partial<SasrecConfig>;
  train: Partial<TrainOptions>;
  /** One line per choice, saying what the data showed. */
  why: string[];
}

/** The recipe's settings for training sequences over `numItems` items. */
export function recipeFor(sequences: readonly Int32Array[], numItems: number): Recipe {
  const lengths = sequences.map((s) => s.length).sort((a, b) => a - b);
  const at = lengths.length ? lengths[Math.min(lengths.length - 1, Math.floor(RECIPE.lengthQuantile * lengths.length))] : 1;
  const maxLen = Math.min(RECIPE.maxMaxLen, Math.max(RECIPE.minMaxLen, at));
  const negatives = Math.min(numItems, Math.max(RECIPE.minNegatives, Math.round(RECIPE.negativeShare * numItems)));
  const pct = Math.round(RECIPE.lengthQuantile * 100);
  return {
    model: { maxLen },
    train: {
      loss: 'sampled-softmax',
      negatives,
      lrSchedule: 'adaptive',
      epochs: RECIPE.epochs,
      maxEpochs: RECIPE.maxEpochs,
      patience: RECIPE.patience,
      decayShare: RECIPE.decayShare,
      validateEvery: 1,
      restoreBest: true,
    },
    why: [
      `negatives ${negatives} (${negatives >= numItems ? `every one of the ${numItems} items` : `a third of ${numItems} items, at least ${RECIPE.minNegatives}`}; batches whose positives and negatives reach 70% of the catalogue use all of it)`,
      `maxLen ${maxLen} (${pct}% of the training histories have at most ${at} items; kept within ${RECIPE.minMaxLen}..${RECIPE.maxMaxLen})`,
      `epochs by validation: a cosine over ${RECIPE.epochs} epochs whose end moves out while validation NDCG@10 still improves in its last ${RECIPE.decayShare * 100}% (up to ${RECIPE.maxEpochs} epochs) and in after ${RECIPE.patience} validations without a better one`,
    ],
  };
}
