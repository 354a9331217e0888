/** Checks and completes model and training configurations; throws ConfigError naming the field and the fix. */
import { ConfigError } from '../../../src/shared/errors.ts';
import { DEFAULT_SASREC_CONFIG, DEFAULT_TRAIN_OPTIONS, LIMITS } from './constants.ts';
import type { ContentFeatureSpec, SasrecConfig, TrainOptions } from './types.ts';

function int(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}.`);
  }
  return v;
}

function num(name: string, v: unknown, min: number, max: number, { openMin = false } = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (openMin && v === min)) {
    throw new ConfigError(`${name} must be a number ${openMin ? 'above' : 'from'} ${min}${Number.isFinite(max) ? ` to ${max}` : ''}, got ${JSON.stringify(v)}.`);
  }
  return v;
}

function validateContent(c: unknown): ContentFeatureSpec | null {
  if (c === null || c === undefined) return null;
  if (typeof c !== 'object') throw new ConfigError('content must be null or { textDim, numCategories, numPriceBands }.');
  const o = c as Partial<ContentFeatureSpec>;
  const spec = {
    textDim: int('content.textDim', o.textDim ?? 0, 0, 8192),
    numCategories: int('content.numCategories', o.numCategories ?? 0, 0, 1_000_000),
    numPriceBands: int('content.numPriceBands', o.numPriceBands ?? 0, 0, 1000),
  };
  if (spec.textDim + spec.numCategories + spec.numPriceBands === 0) return null;
  return spec;
}

/** A complete, checked SASRec configuration from a partial one (numItems is required). */
export function validateSasrecConfig(partial: Partial<SasrecConfig>): SasrecConfig {
  const c = { ...DEFAULT_SASREC_CONFIG, ...partial };
  if (partial.numItems === undefined) throw new ConfigError('numItems is required: the number of items in the catalogue.');
  const config: SasrecConfig = {
    numItems: int('numItems', c.numItems, 1, LIMITS.maxItems),
    maxLen: int('maxLen', c.maxLen, 1, LIMITS.maxLen),
    dim: int('dim', c.dim, 2, LIMITS.maxDim),
    heads: int('heads', c.heads, 1, LIMITS.maxHeads),
    blocks: int('blocks', c.blocks, 0, LIMITS.maxBlocks),
    ffnDim: int('ffnDim', c.ffnDim, 1, 4 * LIMITS.maxDim),
    dropout: num('dropout', c.dropout, 0, 0.95),
    idEmbedding: c.idEmbedding,
    content: validateContent(c.content),
    seed: int('seed', c.seed, -(2 ** 31), 2 ** 31 - 1),
  };
  if (typeof config.idEmbedding !== 'boolean') throw new ConfigError('idEmbedding must be true or false.');
  if (config.dim % config.heads !== 0) {
    throw new ConfigError(`dim (${config.dim}) must be divisible by heads (${config.heads}); try heads = 1 or 2.`);
  }
  if (!config.idEmbedding && config.content === null) {
    throw new ConfigError(
      'The model needs an item representation: set idEmbedding: true, or give content features (textDim, numCategories or numPriceBands).',
    );
  }
  return config;
}

export function validateTrainOptions(partial: Partial<TrainOptions> = {}): TrainOptions {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...partial };
  if (o.lrSchedule !== 'constant' && o.lrSchedule !== 'cosine' && o.lrSchedule !== 'adaptive') {
    throw new ConfigError(`lrSchedule must be "constant", "cosine" or "adaptive", got ${JSON.stringify(o.lrSchedule)}.`);
  }
  if (o.loss !== 'full-softmax' && o.loss !== 'sampled-softmax') {
    throw new ConfigError(`loss must be "full-softmax" or "sampled-softmax", got ${JSON.stringify(o.loss)}.`);
  }
  return {
    epochs: num('epochs', o.epochs, 0, 100_000, { openMin: true }),
    timeBudgetS: num('timeBudgetS', o.timeBudgetS, 0, Infinity),
    maxSteps: int('maxSteps', o.maxSteps, 0, 1_000_000_000),
    learningRate: num('learningRate', o.learningRate, 0, 10, { openMin: true }),
    lrSchedule: o.lrSchedule,
    minLearningRate: num('minLearningRate', o.minLearningRate, 0, 1),
    maxEpochs: num('maxEpochs', o.maxEpochs, 0, 100_000),
    decayShare: num('decayShare', o.decayShare, 0, 0.9, { openMin: true }),
    batchTargets: int('batchTargets', o.batchTargets, 1, LIMITS.maxBatchTargets),
    batchSequences: int('batchSequences', o.batchSequences, 1, LIMITS.maxBatchTargets),
    loss: o.loss,
    negatives: int('negatives', o.negatives, 1, LIMITS.maxNegatives),
    seed: int('seed', o.seed, -(2 ** 31), 2 ** 31 - 1),
    validateEvery: num('validateEvery', o.validateEvery, 0, 100_000),
    validationUsers: int('validationUsers', o.validationUsers, 0, 100_000_000),
    patience: int('patience', o.patience, 0, 100_000),
    restoreBest: Boolean(o.restoreBest),
    checkpointEveryS: num('checkpointEveryS', o.checkpointEveryS, 0, Infinity),
    testEachValidation: Boolean(o.testEachValidation),
  };
}
