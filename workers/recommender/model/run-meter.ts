/**
 * What one training run measures about itself: its clock (with benchmark-only test evaluations left out), the
 * throughput window behind each progress event, step timings for the report, peak tensor memory, and when
 * validations and checkpoints fall due. The training loop (train.ts) decides; the meter counts. Pure apart from
 * reading TF.js's memory figures.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName, TrainOptions, TrainProgress, ValidationPoint } from '../../../src/shared/training.ts';
import { now, yieldToEventLoop } from './schedule.ts';

export function tensorBytes(): number {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  return Math.max(m.numBytes, m.numBytesInGPU ?? 0);
}

/** Where the loop stands when a progress event is sent. */
export interface RunPosition {
  runStep: number;
  /** Where the run now ends (the adaptive schedule moves it). */
  horizon: number;
  epochIndex: number;
  step: number;
  validation: ValidationPoint | null;
}

export interface RunPlan {
  options: TrainOptions;
  stepsPerEpoch: number;
  totalSteps: number;
  backend: BackendName;
  onProgress?: (p: TrainProgress) => void;
  progressIntervalMs?: number;
}

export class RunMeter {
  readonly validateSteps: number;
  private readonly t0 = now();
  private excludedMs = 0;
  private fraction = 0;
  private lastEvent = 0;
  private lastCheckpoint = now();
  private lastYield = now();
  private window = { loss: 0, steps: 0, examples: 0, start: now() };
  private examples = 0;
  private stepMs = 0;
  private steadyMs = 0;
  private steadySteps = 0;
  firstStepMs = 0;
  peakBytes = tensorBytes();

  constructor(private readonly plan: RunPlan) {
    const o = plan.options;
    this.validateSteps = o.validateEvery > 0 ? Math.max(1, Math.round(o.validateEvery * plan.stepsPerEpoch)) : 0;
  }

  /** Seconds of this run, without the time spent on benchmark-only test evaluations. */
  elapsed(): number {
    return (now() - this.t0 - this.excludedMs) / 1000;
  }

  /** Runs `fn` off the clock (a test-set evaluation a benchmark asked for is not training time). */
  async offClock<T>(fn: () => Promise<T>): Promise<T> {
    const t = now();
    try {
      return await fn();
    } finally {
      this.excludedMs += now() - t;
    }
  }

  /** The share of the run done, by steps (of `horizon`, default the planned length) or by the time budget, whichever is further. */
  done(runStep: number, horizon = this.plan.totalSteps): number {
    const o = this.plan.options;
    return Math.max(runStep / horizon, o.timeBudgetS > 0 ? this.elapsed() / o.timeBudgetS : 0);
  }

  /** Records one optimizer step (`inRun`: its index within this run). */
  step(tookMs: number, inRun: number, examples: number, loss: number): void {
    this.stepMs += tookMs;
    if (inRun === 0) this.firstStepMs = tookMs;
    if (inRun >= 2) {
      this.steadyMs += tookMs;
      this.steadySteps++;
    }
    this.examples += examples;
    this.window.loss += loss;
    this.window.steps++;
    this.window.examples += examples;
    this.peakBytes = Math.max(this.peakBytes, tensorBytes());
  }

  validationDue(runStep: number, horizon = this.plan.totalSteps): boolean {
    return this.validateSteps > 0 && (runStep % this.validateSteps === 0 || runStep === horizon);
  }

  checkpointDue(): boolean {
    const every = this.plan.options.checkpointEveryS;
    return every > 0 && (now() - this.lastCheckpoint) / 1000 >= every;
  }

  checkpointSaved(): void {
    this.lastCheckpoint = now();
  }

  /** Lets the event loop run (progress messages, a cancel) at most every 20 ms of training. */
  async maybeYield(): Promise<void> {
    if (now() - this.lastYield > 20) {
      await yieldToEventLoop();
      this.lastYield = now();
    }
  }

  /** Sends a progress event (throttled unless `force`), then starts a new throughput window. */
  progress(phase: TrainProgress['phase'], force: boolean, at: RunPosition): void {
    const { onProgress, options: o, stepsPerEpoch, backend } = this.plan;
    if (!onProgress) return;
    const t = now();
    if (!force && t - this.lastEvent < (this.plan.progressIntervalMs ?? 250)) return;
    this.fraction = phase === 'done' ? 1 : Math.max(this.fraction, Math.min(0.999, this.done(at.runStep, at.horizon)));
    const w = this.window;
    const dt = (t - w.start) / 1000;
    onProgress({
      phase,
      fraction: this.fraction,
      epoch: Math.min(Math.ceil(o.epochs), at.epochIndex + 1),
      epochs: o.epochs,
      step: at.step,
      stepsPerEpoch,
      loss: w.steps > 0 ? w.loss / w.steps : null,
      examplesPerSecond: w.steps > 0 && dt > 0 ? w.examples / dt : null,
      msPerStep: w.steps > 0 ? (dt * 1000) / w.steps : null,
      elapsedS: this.elapsed(),
      validation: at.validation,
      backend,
    });
    this.lastEvent = t;
    this.window = { loss: 0, steps: 0, examples: 0, start: t };
  }

  /** Throughput over the whole run (step time only). */
  examplesPerSecond(): number {
    return this.stepMs > 0 ? this.examples / (this.stepMs / 1000) : 0;
  }

  /** Mean step time, leaving out the first two steps (kernel compilation) when there are more. */
  msPerStep(steps: number): number {
    return this.steadySteps > 0 ? this.steadyMs / this.steadySteps : steps > 0 ? this.stepMs / steps : 0;
  }
}
