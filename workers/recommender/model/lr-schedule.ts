/**
 * The learning rate over a run, and where the run ends.
 *
 * - `constant`: the rate throughout; the run lasts `epochs`.
 * - `cosine`: a cosine decay to `minLearningRate` over `epochs` (or over the time budget, whichever is further along).
 * - `adaptive`: the same cosine, but validation moves its end. It starts as a cosine over `epochs`. A new best
 *   validation in the last `decayShare` of the horizon means the model is still learning: the horizon moves out so
 *   that the run is `1 - decayShare` of the way through it (never past `maxEpochs`). `patience` validations without a
 *   new best mean it has stopped learning: the horizon moves in, to a short tail of `decayShare` of the steps so far
 *   (never later than it was). The run ends at the horizon; the best validated weights are kept. Horizons are whole
 *   validation intervals, so a run always ends on a validation. The time budget still rules: the decay runs by time
 *   when that is further along.
 *
 * Pure; the cluster trainer (scripts/cluster/train.py) implements the same rules.
 */
import type { TrainOptions } from './types.ts';

/** Where the run ends (steps of this run) and why: what a checkpoint keeps so that a resumed run ends the same. */
export interface Horizon {
  steps: number;
  reason: 'epochs' | 'patience';
}

export class LearningRateSchedule {
  horizon: Horizon;

  constructor(
    private readonly o: TrainOptions,
    /** round(epochs × steps per epoch): the planned length. */
    totalSteps: number,
    private readonly validateSteps: number,
    private readonly stepsPerEpoch: number,
    saved: Horizon | null = null,
  ) {
    this.horizon = saved ?? { steps: totalSteps, reason: 'epochs' };
  }

  /** The rate before step `runStep`, `elapsedS` seconds into the run. */
  rate(runStep: number, elapsedS: number): number {
    const o = this.o;
    if (o.lrSchedule === 'constant') return o.learningRate;
    const byTime = o.timeBudgetS > 0 ? elapsedS / o.timeBudgetS : 0;
    const f = Math.min(1, Math.max(0, runStep / this.horizon.steps, byTime));
    return o.learningRate * (o.minLearningRate + (1 - o.minLearningRate) * 0.5 * (1 + Math.cos(Math.PI * f)));
  }

  /** Whole validation intervals, at least one. */
  private intervals(steps: number): number {
    const v = Math.max(1, this.validateSteps);
    return Math.max(1, Math.ceil(steps / v)) * v;
  }

  /**
   * After a validation at `runStep`: `isBest` (a new best) and `sinceBest` (validations since the best). Returns true
   * when the run should stop now (patience ran out, for the fixed schedules).
   */
  onValidation(runStep: number, isBest: boolean, sinceBest: number): boolean {
    const o = this.o;
    if (o.lrSchedule !== 'adaptive') return !isBest && o.patience > 0 && sinceBest >= o.patience;
    const cap = o.maxEpochs > 0 ? this.intervals(o.maxEpochs * this.stepsPerEpoch) : this.horizon.steps;
    if (isBest && runStep > this.horizon.steps * (1 - o.decayShare)) {
      const out = Math.min(cap, this.intervals(runStep / (1 - o.decayShare)));
      if (out > this.horizon.steps) this.horizon = { steps: out, reason: 'epochs' };
    } else if (!isBest && o.patience > 0 && sinceBest >= o.patience && this.horizon.reason !== 'patience') {
      const tail = runStep + this.intervals(o.decayShare * runStep);
      if (tail < this.horizon.steps) this.horizon = { steps: tail, reason: 'patience' };
    }
    return false;
  }

  /** Why the run ends before step `runStep`, or null. */
  ended(runStep: number): Horizon['reason'] | null {
    return runStep >= this.horizon.steps ? this.horizon.reason : null;
  }
}
