/**
 * The training recipe: settings chosen from the data itself rather than tuned once on Beauty and Toys.
 *
 * - Negatives: a share of the catalogue (a third: 4,096 of Beauty's 12,101 items was the measured optimum), so a small
 *   catalogue gets (nearly) a full softmax and a large one a sampled softmax of the same relative size.
 * - History length: long enough for 90% of the training histories (at least 50, at most 200), so that logs with long
 *   histories (MovieLens) are not cut to their last 50 events.
 * - Epochs: chosen by validation. The learning rate stays constant while validation NDCG@10 improves; when it has not
 *   improved for `patience` validations (or the run nears its epoch cap or time budget) a cosine decay over 30% of the
 *   steps so far ends the run, and the best validated weights are kept (lr-schedule.ts, 'plateau').
 *
 * Explicit settings always win over the recipe. The learning rate and dropout search (`scripts/recs/search.ts`) sits
 * on top of this. Pure: runs in Node, in the workers, and feeds the cluster trainer.
 */
import type { SasrecConfig, TrainOptions } from './types.ts';

export const RECIPE = {
  /** Sampled negatives per batch as a share of the catalogue. */
  negativeShare: 1 / 3,
  /** Never fewer negatives than this (or the whole catalogue when it is smaller). */
  minNegatives: 256,
  /** The share of training histories the model reads whole. */
  lengthQuantile: 0.9,
  minMaxLen: 50,
  maxMaxLen: 200,
  /** Epoch cap: validation normally ends the run long before. */
  maxEpochs: 200,
  /** Validations without a better one before the learning rate decays. */
  patience: 3,
  decayShare: 0.3,
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
      lrSchedule: 'plateau',
      epochs: RECIPE.maxEpochs,
      patience: RECIPE.patience,
      decayShare: RECIPE.decayShare,
      validateEvery: 1,
      restoreBest: true,
    },
    why: [
      `negatives ${negatives} (${negatives >= numItems ? 'every item' : `a third of ${numItems} items`}; batches whose positives and negatives reach 70% of the catalogue use all of it)`,
      `maxLen ${maxLen} (${pct}% of the training histories have at most ${at} items; kept within ${RECIPE.minMaxLen}..${RECIPE.maxMaxLen})`,
      `epochs by validation: constant learning rate until ${RECIPE.patience} validations without a better NDCG@10, then a cosine decay over ${RECIPE.decayShare * 100}% of the steps so far (at most ${RECIPE.maxEpochs} epochs)`,
    ],
  };
}
