/**
 * The learning rate over a run. `cosine` decays from the start to the end of the run (its steps or its time budget,
 * whichever is further along); `constant` keeps it; `plateau` lets the validation choose the length of the run: the
 * rate stays constant while the validation improves, and when it has not improved for `patience` validations, or the
 * run is `decayShare` from its end (epochs or time budget), a cosine decay to `minLearningRate` starts, lasting
 * `decayShare` of the steps taken so far (in whole validation intervals; or the rest of the run), and the run ends
 * with it. Pure; the cluster
 * trainer (scripts/cluster/train.py) implements the same rules.
 */
import type { TrainOptions } from './types.ts';

export interface DecayState {
  /** Run step at which the decay started. */
  start: number;
  steps: number;
  /** What started it (and so why the run ends when it is over). */
  trigger: 'patience' | 'epochs' | 'time-budget';
}

function cosine(o: TrainOptions, fraction: number): number {
  const f = Math.min(1, Math.max(0, fraction));
  return o.minLearningRate + (1 - o.minLearningRate) * 0.5 * (1 + Math.cos(Math.PI * f));
}

export class LearningRateSchedule {
  constructor(
    private readonly o: TrainOptions,
    private readonly totalSteps: number,
    /** The plateau schedule's decay, once started (kept in checkpoints). */
    public decay: DecayState | null = null,
  ) {}

  /** The rate before step `runStep`, `elapsedS` seconds into the run. */
  rate(runStep: number, elapsedS: number): number {
    const o = this.o;
    if (o.lrSchedule === 'constant') return o.learningRate;
    if (o.lrSchedule === 'cosine') {
      return o.learningRate * cosine(o, Math.max(runStep / this.totalSteps, o.timeBudgetS > 0 ? elapsedS / o.timeBudgetS : 0));
    }
    if (!this.decay) {
      if (runStep >= this.totalSteps * (1 - o.decayShare)) this.start(runStep, this.totalSteps - runStep, 'epochs');
      else if (o.timeBudgetS > 0 && runStep > 0 && elapsedS >= o.timeBudgetS * (1 - o.decayShare)) {
        this.start(runStep, Math.round((o.timeBudgetS - elapsedS) / (elapsedS / runStep)), 'time-budget');
      }
    }
    if (!this.decay) return o.learningRate;
    return o.learningRate * cosine(o, (runStep - this.decay.start) / Math.max(1, this.decay.steps));
  }

  private start(runStep: number, steps: number, trigger: DecayState['trigger']): void {
    this.decay = { start: runStep, steps: Math.max(1, Math.floor(steps)), trigger };
  }

  /** The validation stopped improving (patience ran out). Returns true when the run should stop now. */
  onStall(runStep: number, validateSteps: number): boolean {
    if (this.o.lrSchedule !== 'plateau') return true;
    // Whole validation intervals, so that the run ends on a validation.
    if (!this.decay) this.start(runStep, Math.max(1, Math.ceil((this.o.decayShare * runStep) / validateSteps)) * validateSteps, 'patience');
    return false;
  }

  /** The plateau schedule's decay is over: the run ends. */
  finished(runStep: number): boolean {
    return this.decay !== null && runStep >= this.decay.start + this.decay.steps;
  }
}
