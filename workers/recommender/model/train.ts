/**
 * The training loop: length-bucketed batches, full or sampled softmax cross-entropy, Adam, periodic validation
 * (NDCG@10 on the leave-one-out validation items), progress events, a cooperative stop flag, checkpoints that hold
 * the optimizer and random state (a resumed run continues exactly as if it had not stopped), and a time budget.
 * Runs the same in Node and in a Worker; it yields to the event loop between steps.
 */
import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../../../src/shared/errors.ts';
import type { BackendName, TrainerMeta, TrainOptions, TrainProgress, TrainReport, ValidationPoint } from '../../../src/shared/training.ts';
import { evaluate } from '../eval/evaluate.ts';
import type { LeaveOneOutSplit } from '../eval/split.ts';
import { Adam } from './adam.ts';
import { LearningRateSchedule, type Horizon } from './lr-schedule.ts';
import { makeTrainBatch, planEpoch, sampleCandidates } from './batching.ts';
import type { SasrecModel } from './model.ts';
import { gatherRows, softmaxCrossEntropy } from './ops.ts';
import { sasrecRanker } from './ranker.ts';
import { Rng } from './rng.ts';
import { RunMeter } from './run-meter.ts';
import { now, yieldToEventLoop } from './schedule.ts';
import type { NamedWeights, SasrecConfig, TrainBatch } from './types.ts';

export interface TrainerData {
  /** The sequences to learn next-item prediction from. */
  sequences: readonly Int32Array[];
  /** Optional per-item weights for each sequence (same shape as `sequences`). */
  weights?: readonly Float32Array[];
  /** Leave-one-out split for validation (its validation items); null = no validation. */
  validation: LeaveOneOutSplit | null;
  /** Exclude seen items when validating (default true). */
  excludeSeen?: boolean;
}

export interface TrainerCheckpoint {
  config: SasrecConfig;
  options: TrainOptions;
  /** Model weights followed by the optimizer's moments. */
  weights: NamedWeights;
  meta: TrainerMeta;
}

export interface TrainerHooks {
  onProgress?: (p: TrainProgress) => void;
  /** Checked between steps: return true to stop (the run ends with stopReason "cancelled"). */
  shouldStop?: () => boolean;
  /** Receives checkpoints every `checkpointEveryS` and at the end. */
  onCheckpoint?: (c: TrainerCheckpoint) => Promise<void>;
  /** Minimum milliseconds between progress events during an epoch (epoch ends and validations always report). */
  progressIntervalMs?: number;
}

/** A cheap fingerprint of the training data, to refuse resuming a run on different data. */
export function fingerprint(sequences: readonly Int32Array[], numItems: number): string {
  let h = 0x811c9dc5;
  let n = 0;
  for (const s of sequences) {
    h = Math.imul(h ^ s.length, 0x01000193);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s[i], 0x01000193);
    n += s.length;
  }
  return `${numItems}:${sequences.length}:${n}:${(h >>> 0).toString(16)}`;
}

function wasmHeapBytes(): number | null {
  if (tf.getBackend() !== 'wasm') return null;
  const b = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return b.wasm?.HEAPU8?.byteLength ?? null;
}

export class Trainer {
  readonly options: TrainOptions;
  private readonly adam: Adam;
  private planRng: Rng;
  private stepRng: Rng;
  private step = 0;
  private epochIndex = 0;
  private stepInEpoch = 0;
  private epochStartPlanState: number;
  private plan: Int32Array[] | null = null;
  private curve: ValidationPoint[] = [];
  private best: ValidationPoint | null = null;
  private priorTrainSeconds = 0;
  /** Where the run ends, as validation moved it (part of checkpoints, so that a resumed run ends the same). */
  private horizon: Horizon | null = null;
  private readonly slot: Int32Array;
  readonly dataFingerprint: string;

  constructor(
    readonly model: SasrecModel,
    readonly data: TrainerData,
    options: TrainOptions,
    readonly backend: BackendName,
  ) {
    this.options = options;
    this.adam = new Adam(model.variables, model.variableNames, { learningRate: options.learningRate });
    this.planRng = new Rng(options.seed);
    this.stepRng = new Rng(options.seed ^ 0x5bd1e995);
    this.epochStartPlanState = this.planRng.state;
    this.slot = new Int32Array(model.config.numItems).fill(-1);
    this.dataFingerprint = fingerprint(data.sequences, model.config.numItems);
  }

  /**
   * Continues from a checkpoint's weights, optimizer moments and position. `sameData` (a resume) requires the data the
   * checkpoint was trained on; a finished run resumed on it trains a new schedule from its weights. With
   * `sameData: false` (an incremental update on new data) the weights and moments carry over and the schedule starts
   * afresh.
   */
  restore(checkpoint: TrainerCheckpoint, { sameData = true } = {}): void {
    const m = checkpoint.meta;
    if (sameData && m.dataFingerprint !== this.dataFingerprint) {
      throw new ConfigError(
        'This checkpoint was trained on different data, so it cannot be resumed on this data. ' +
          'Use an incremental update (fineTune) to continue it on new data, or train from scratch.',
      );
    }
    this.model.setWeights(checkpoint.weights);
    this.adam.setState(m.adamStep, checkpoint.weights);
    this.step = m.step;
    this.priorTrainSeconds = m.trainSeconds;
    if (sameData && !m.finished) {
      this.epochIndex = m.epochIndex;
      this.stepInEpoch = m.stepInEpoch;
      this.planRng = Rng.fromState(m.planRngState);
      this.epochStartPlanState = m.planRngState;
      this.stepRng = Rng.fromState(m.stepRngState);
      this.curve = [...m.curve];
      this.best = m.best;
      this.horizon = (m.horizon as Horizon | null | undefined) ?? null;
      this.plan = null;
    }
  }

  /** The current state as a checkpoint (weights are copied out of the backend). */
  async checkpoint(finished: boolean, trainSeconds: number): Promise<TrainerCheckpoint> {
    const weights = await this.model.getWeights();
    const opt = await this.adam.getState();
    return { config: this.model.config, options: this.options, weights: [...weights, ...opt.weights], meta: this.meta(finished, trainSeconds) };
  }

  /** Where training stands (what a checkpoint records besides the weights); cheap: nothing leaves the backend. */
  meta(finished: boolean, trainSeconds: number): TrainerCheckpoint['meta'] {
    return {
      step: this.step,
      epochIndex: this.epochIndex,
      stepInEpoch: this.stepInEpoch,
      planRngState: this.epochStartPlanState,
      stepRngState: this.stepRng.state,
      adamStep: this.adam.step,
      trainSeconds,
      curve: this.curve,
      best: this.best,
      backend: this.backend,
      dataFingerprint: this.dataFingerprint,
      finished,
      horizon: this.horizon,
    };
  }

  private currentPlan(): Int32Array[] {
    if (!this.plan) {
      const rng = Rng.fromState(this.epochStartPlanState);
      const o = this.options;
      this.plan = planEpoch(this.data.sequences, this.model.config.maxLen, o.batchTargets, o.batchSequences, rng);
      this.planRng = rng;
    }
    return this.plan;
  }

  /** One optimizer step; returns the loss. */
  async trainStep(batch: TrainBatch): Promise<number> {
    const { model, options } = this;
    const numItems = model.config.numItems;
    const sampled = options.loss === 'sampled-softmax' && options.negatives < numItems;
    const { candidates, labels } = sampled
      ? sampleCandidates(batch.targets, numItems, options.negatives, this.stepRng, this.slot)
      : { candidates: null, labels: batch.targets };
    const rng = this.stepRng;
    const lossT = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => {
        const table = model.itemTable();
        const h = model.encode(batch, table, rng);
        const hp = gatherRows(h, batch.positions);
        const cand = candidates ? gatherRows(table, candidates) : table;
        return softmaxCrossEntropy(hp, cand, labels, batch.weights);
      }, model.variables);
      this.adam.apply(grads as tf.NamedTensorMap);
      return value;
    });
    try {
      return (await lossT.data())[0];
    } finally {
      lossT.dispose();
    }
  }

  /** NDCG@10 / HR@10 on the validation items (or null without a validation split). */
  async validate(stage: 'valid' | 'test' = 'valid'): Promise<{ ndcg10: number; hr10: number; users: number } | null> {
    const split = this.data.validation;
    if (!split) return null;
    const r = await evaluate(sasrecRanker(this.model), split, {
      stage,
      excludeSeen: this.data.excludeSeen ?? true,
      maxUsers: this.options.validationUsers,
      onBatch: () => yieldToEventLoop(),
    });
    return { ndcg10: r.ndcg10, hr10: r.hr10, users: r.users };
  }

  /** Why the run should stop before its next step, or null to go on. */
  private stopBefore(runStep: number, startStep: number, meter: RunMeter, hooks: TrainerHooks, lr: LearningRateSchedule): TrainReport['stopReason'] | null {
    const o = this.options;
    if (hooks.shouldStop?.()) return 'cancelled';
    const end = lr.ended(runStep);
    if (end) return end;
    if (o.maxSteps > 0 && runStep - startStep >= o.maxSteps) return 'max-steps';
    if (o.timeBudgetS > 0 && meter.elapsed() >= o.timeBudgetS) return 'time-budget';
    return null;
  }

  /** Moves to the next batch of the plan (and the next epoch after its last batch). */
  private advance(planLength: number): void {
    this.step++;
    this.stepInEpoch++;
    if (this.stepInEpoch >= planLength) {
      this.epochIndex++;
      this.stepInEpoch = 0;
      this.epochStartPlanState = this.planRng.state;
      this.plan = null;
    }
  }

  /** Validates, records the point on the curve, and says whether it is the best so far. */
  private async validationPoint(runStep: number, stepsPerEpoch: number, meter: RunMeter): Promise<{ point: ValidationPoint; isBest: boolean } | null> {
    const v = await this.validate();
    if (!v) return null;
    const point: ValidationPoint = { epoch: runStep / stepsPerEpoch, step: this.step, elapsedS: meter.elapsed(), ...v };
    if (this.options.testEachValidation) {
      const t = await meter.offClock(() => this.validate('test'));
      if (t) point.test = { ndcg10: t.ndcg10, hr10: t.hr10 };
    }
    this.curve.push(point);
    const isBest = !this.best || v.ndcg10 > this.best.ndcg10;
    if (isBest) this.best = point;
    return { point, isBest };
  }

  /** Validations since the best one (0 when the latest is the best). */
  private sinceBest(): number {
    return this.best ? this.curve.length - 1 - this.curve.indexOf(this.best) : 0;
  }

  async run(hooks: TrainerHooks = {}): Promise<TrainReport> {
    const o = this.options;
    const maxLen = this.model.config.maxLen;
    const stepsPerEpoch = Math.max(1, this.currentPlan().length);
    const totalSteps = Math.max(1, Math.round(o.epochs * stepsPerEpoch));
    const startStep = this.epochIndex * stepsPerEpoch + this.stepInEpoch;
    const meter = new RunMeter({ options: o, stepsPerEpoch, totalSteps, backend: this.backend, onProgress: hooks.onProgress, progressIntervalMs: hooks.progressIntervalMs });
    const lr = new LearningRateSchedule(o, totalSteps, meter.validateSteps, stepsPerEpoch, this.horizon);
    let runStep = startStep; // steps of this schedule (a fine-tune starts at 0 even when model.step > 0)
    let lastValidation: ValidationPoint | null = this.curve.at(-1) ?? null;
    let bestSnapshot: tf.Tensor[] | null = null;
    let stopReason: TrainReport['stopReason'] = 'epochs';
    const progress = (phase: TrainProgress['phase'], force: boolean) =>
      meter.progress(phase, force, { runStep, horizon: lr.horizon.steps, epochIndex: this.epochIndex, step: this.step, validation: lastValidation });
    const saveCheckpoint = async (finished: boolean) => {
      if (!hooks.onCheckpoint) return;
      progress('checkpointing', true);
      await hooks.onCheckpoint(await this.checkpoint(finished, this.priorTrainSeconds + meter.elapsed()));
      meter.checkpointSaved();
    };

    progress('preparing', true);
    try {
      for (;;) {
        const stop = this.stopBefore(runStep, startStep, meter, hooks, lr);
        if (stop) {
          stopReason = stop;
          break;
        }
        this.adam.learningRate = lr.rate(runStep, meter.elapsed());
        const plan = this.currentPlan();
        const batch = makeTrainBatch(this.data.sequences, plan[this.stepInEpoch], maxLen, this.data.weights);
        const ts = now();
        const loss = await this.trainStep(batch);
        meter.step(now() - ts, runStep - startStep, batch.targets.length, loss);
        if (!Number.isFinite(loss)) throw new Error(`Training diverged at step ${this.step + 1} (loss ${loss}); lower the learning rate.`);
        runStep++;
        this.advance(plan.length);
        const epochEnded = this.stepInEpoch === 0;
        if (this.data.validation && meter.validationDue(runStep, lr.horizon.steps)) {
          progress('validating', true);
          const v = await this.validationPoint(runStep, stepsPerEpoch, meter);
          if (v) {
            lastValidation = v.point;
            const stopNow = lr.onValidation(runStep, v.isBest, this.sinceBest());
            this.horizon = lr.horizon;
            if (v.isBest && o.restoreBest) {
              bestSnapshot?.forEach((t) => t.dispose());
              bestSnapshot = this.model.snapshot();
            } else if (stopNow) {
              stopReason = 'patience';
              progress('training', true);
              break;
            }
          }
          progress('training', true);
        } else progress('training', epochEnded);
        if (meter.checkpointDue()) await saveCheckpoint(false);
        await meter.maybeYield();
      }
      if (stopReason !== 'cancelled' && bestSnapshot && this.best && lastValidation !== this.best) {
        this.model.restore(bestSnapshot);
      }
      await saveCheckpoint(stopReason !== 'cancelled');
    } finally {
      bestSnapshot?.forEach((t) => t.dispose());
    }
    const trainSeconds = meter.elapsed();
    progress(stopReason === 'cancelled' ? 'cancelled' : 'done', true);
    const steps = runStep - startStep;
    return {
      stopReason,
      epochsRun: runStep / stepsPerEpoch,
      steps,
      trainSeconds,
      examplesPerSecond: meter.examplesPerSecond(),
      msPerStep: meter.msPerStep(steps),
      firstStepMs: meter.firstStepMs,
      curve: [...this.curve],
      best: this.best,
      backend: { backend: this.backend, requested: this.backend, reason: '', skipped: [] },
      peakTensorBytes: meter.peakBytes,
      wasmHeapBytes: wasmHeapBytes(),
      checkpointId: null,
    };
  }

  dispose(): void {
    this.adam.dispose();
  }
}
