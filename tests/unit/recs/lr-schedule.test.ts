/** The learning-rate schedules, the adaptive one above all: validation moves the end of the run. */
import { describe, expect, test } from 'vitest';
import { LearningRateSchedule } from '../../../workers/recommender/model/lr-schedule.ts';
import { validateTrainOptions } from '../../../workers/recommender/model/validate-config.ts';

// 10 steps per epoch, validating every epoch; planned over 20 epochs, at most 60.
const adaptive = validateTrainOptions({ lrSchedule: 'adaptive', learningRate: 0.01, minLearningRate: 0.1, epochs: 20, maxEpochs: 60, decayShare: 0.25, patience: 2 });
const make = (o = adaptive) => new LearningRateSchedule(o, 200, 10, 10);

describe('learning-rate schedules', () => {
  test('cosine goes from the rate to its floor over the steps, or the time budget when that is further along; patience stops it', () => {
    const o = validateTrainOptions({ lrSchedule: 'cosine', learningRate: 0.01, minLearningRate: 0.1, timeBudgetS: 100, patience: 2 });
    const s = new LearningRateSchedule(o, 1000, 10, 10);
    expect(s.rate(0, 0)).toBeCloseTo(0.01, 10);
    expect(s.rate(500, 10)).toBeCloseTo(0.01 * 0.55, 10);
    expect(s.rate(100, 50)).toBeCloseTo(0.01 * 0.55, 10);
    expect(s.rate(1000, 0)).toBeCloseTo(0.001, 10);
    expect(s.ended(999)).toBeNull();
    expect(s.ended(1000)).toBe('epochs');
    expect(s.onValidation(100, false, 1)).toBe(false);
    expect(s.onValidation(110, false, 2)).toBe(true);
    expect(s.onValidation(120, true, 0)).toBe(false);
  });
  test('adaptive: a new best late in the plan moves the end out, in whole epochs, never past maxEpochs', () => {
    const s = make();
    expect(s.onValidation(140, true, 0)).toBe(false); // 70% of the way: no change
    expect(s.horizon).toEqual({ steps: 200, reason: 'epochs' });
    s.onValidation(170, true, 0); // 85%: the end moves so that this is 75% of the way
    expect(s.horizon).toEqual({ steps: 230, reason: 'epochs' });
    expect(s.rate(170, 0)).toBeCloseTo(s.rate(230 * 0.75, 0), 3);
    s.onValidation(500, true, 0);
    expect(s.horizon.steps).toBe(600);
    expect(s.ended(599)).toBeNull();
    expect(s.ended(600)).toBe('epochs');
  });
  test('adaptive: a stall moves the end in, to a tail of a quarter of the steps so far; only once, never later', () => {
    const s = make();
    expect(s.onValidation(60, false, 1)).toBe(false);
    expect(s.onValidation(70, false, 2)).toBe(false);
    // 70 steps so far: a tail of 17.5 → 2 epochs.
    expect(s.horizon).toEqual({ steps: 90, reason: 'patience' });
    s.onValidation(80, false, 3);
    expect(s.horizon.steps).toBe(90);
    expect(s.ended(90)).toBe('patience');
    // Late in the plan the tail would end after the plan: the plan stays.
    const late = make();
    late.onValidation(190, false, 2);
    expect(late.horizon).toEqual({ steps: 200, reason: 'epochs' });
  });
  test('a resumed run keeps the end validation chose', () => {
    const s = new LearningRateSchedule(adaptive, 200, 10, 10, { steps: 90, reason: 'patience' });
    expect(s.ended(90)).toBe('patience');
  });
  test('an unknown schedule or a share outside (0, 0.9] is refused with the allowed values', () => {
    expect(() => validateTrainOptions({ lrSchedule: 'linear' as 'cosine' })).toThrow(/"constant", "cosine" or "adaptive"/);
    expect(() => validateTrainOptions({ decayShare: 0 })).toThrow(/decayShare/);
    expect(() => validateTrainOptions({ decayShare: 1 })).toThrow(/decayShare/);
  });
});
