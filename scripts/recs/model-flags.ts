/**
 * The preference model's command-line flags (architecture and training hyperparameters), shared by `eval:recs`
 * (Node) and `bench:recs` (Chromium) so that one flag means the same thing in both.
 */
import type { LossKind, SasrecConfig, TrainOptions } from '../../src/shared/training.ts';

export const MODEL_FLAG_OPTIONS = {
  loss: { type: 'string' },
  negatives: { type: 'string' },
  'batch-targets': { type: 'string' },
  lr: { type: 'string' },
  schedule: { type: 'string' },
  'decay-share': { type: 'string' },
  dim: { type: 'string' },
  blocks: { type: 'string' },
  heads: { type: 'string' },
  ffn: { type: 'string' },
  dropout: { type: 'string' },
  'max-len': { type: 'string' },
  seed: { type: 'string', default: '42' },
} as const;

export const MODEL_FLAGS_HELP = `  --loss L               full | sampled (default sampled)
  --negatives N          sampled softmax: uniform negatives per batch (default 4096)
  --batch-targets N      predicted positions per batch (default 1024)
  --lr X                 learning rate (default 0.005)
  --schedule S           cosine | constant | plateau (default cosine: decays over the epochs or the time budget;
                         plateau: constant until validation stalls, then a decay that ends the run)
  --decay-share X        plateau: the decay's length as a share of the steps before it (default 0.3)
  --dim N --blocks N --heads N --ffn N --dropout X --max-len N
  --seed N               seed for weights, batches, negatives and dropout (default 42)
`;

type FlagValues = Record<string, string | boolean | undefined>;

/** A numeric flag, or undefined when it was not given; a clear error when it is not a number. */
export function numberFlag(values: FlagValues, name: string): number | undefined {
  const v = values[name];
  if (v === undefined || typeof v === 'boolean') return undefined;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new Error(`--${name} must be a number, got "${v}".`);
  return x;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The model and training settings the flags ask for; what is not given is left to the defaults. */
export function modelFlags(values: FlagValues): { model: Partial<SasrecConfig>; train: Partial<TrainOptions> } {
  const seed = numberFlag(values, 'seed') ?? 42;
  const lossFlag = values.loss;
  const loss = typeof lossFlag !== 'string' ? undefined : lossFlag === 'full' ? 'full-softmax' : lossFlag === 'sampled' ? 'sampled-softmax' : (lossFlag as LossKind);
  const schedule = values.schedule;
  return {
    model: defined({
      dim: numberFlag(values, 'dim'),
      blocks: numberFlag(values, 'blocks'),
      heads: numberFlag(values, 'heads'),
      ffnDim: numberFlag(values, 'ffn'),
      dropout: numberFlag(values, 'dropout'),
      maxLen: numberFlag(values, 'max-len'),
      seed,
    }),
    train: defined({
      loss,
      negatives: numberFlag(values, 'negatives'),
      batchTargets: numberFlag(values, 'batch-targets'),
      learningRate: numberFlag(values, 'lr'),
      lrSchedule: typeof schedule === 'string' ? (schedule as TrainOptions['lrSchedule']) : undefined,
      decayShare: numberFlag(values, 'decay-share'),
      seed,
    }),
  };
}
