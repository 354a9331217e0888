/**
 * Defaults of the preference model and its training, chosen on Amazon Beauty's validation split (see MODEL.md for the
 * measurements behind each choice).
 */
import type { SasrecConfig, TrainOptions } from './types.ts';

export const DEFAULT_SASREC_CONFIG: Omit<SasrecConfig, 'numItems'> = {
  maxLen: 50,
  dim: 64,
  heads: 1,
  blocks: 1,
  ffnDim: 64,
  dropout: 0.3,
  idEmbedding: true,
  content: null,
  seed: 42,
};

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 20,
  timeBudgetS: 0,
  maxSteps: 0,
  learningRate: 0.005,
  lrSchedule: 'cosine',
  minLearningRate: 0.05,
  maxEpochs: 0,
  decayShare: 0.25,
  batchTargets: 1024,
  batchSequences: 256,
  loss: 'sampled-softmax',
  negatives: 4096,
  seed: 42,
  validateEvery: 1,
  validationUsers: 0,
  patience: 0,
  restoreBest: true,
  checkpointEveryS: 60,
  testEachValidation: false,
};

/** Fine-tuning on new events: a couple of passes at the stored model's learning rate, continuing its optimizer state. */
export const DEFAULT_FINE_TUNE_OPTIONS: Partial<TrainOptions> = {
  epochs: 2,
  lrSchedule: 'constant',
  timeBudgetS: 0,
  maxSteps: 0,
  validateEvery: 0,
  restoreBest: false,
  checkpointEveryS: 0,
};

/** Hard limits that keep a configuration sane in a browser tab. */
export const LIMITS = {
  maxItems: 5_000_000,
  maxLen: 1024,
  maxDim: 1024,
  maxBlocks: 8,
  maxHeads: 16,
  maxBatchTargets: 65_536,
  maxNegatives: 1_000_000,
} as const;
