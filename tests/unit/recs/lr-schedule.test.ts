/** The learning-rate schedules, the plateau one above all: validation decides the run's length. */
import { describe, expect, test } from 'vitest';
import { LearningRateSchedule } from '../../../workers/recommender/model/lr-schedule.ts';
import { validateTrainOptions } from '../../../workers/recommender/model/validate-config.ts';

const plateau = validateTrainOptions({ lrSchedule: 'plateau', learningRate: 0.01, minLearningRate: 0.1, decayShare: 0.25, patience: 2 });

describe('learning-rate schedules', () => {
  test('cosine goes from the rate to its floor over the steps, or the time budget when that is further along', () => {
    const o = validateTrainOptions({ lrSchedule: 'cosine', learningRate: 0.01, minLearningRate: 0.1, timeBudgetS: 100 });
    const s = new LearningRateSchedule(o, 1000);
    expect(s.rate(0, 0)).toBeCloseTo(0.01, 10);
    expect(s.rate(500, 10)).toBeCloseTo(0.01 * 0.55, 10);
    expect(s.rate(100, 50)).toBeCloseTo(0.01 * 0.55, 10);
    expect(s.rate(1000, 0)).toBeCloseTo(0.001, 10);
    expect(s.onStall(100, 10)).toBe(true);
  });
  test('plateau holds the rate while validation improves, then decays over a share of the steps so far and ends', () => {
    const s = new LearningRateSchedule(plateau, 10_000);
    expect(s.rate(300, 30)).toBe(0.01);
    expect(s.finished(300)).toBe(false);
    // Patience ran out at step 400 (validating every 40 steps): decay over 25% of 400 = 100 → 3 intervals of 40.
    expect(s.onStall(400, 40)).toBe(false);
    expect(s.decay).toEqual({ start: 400, steps: 120, trigger: 'patience' });
    expect(s.rate(400, 40)).toBeCloseTo(0.01, 10);
    expect(s.rate(460, 46)).toBeCloseTo(0.01 * 0.55, 10);
    expect(s.finished(519)).toBe(false);
    expect(s.finished(520)).toBe(true);
    // A second stall during the decay changes nothing.
    expect(s.onStall(480, 40)).toBe(false);
    expect(s.decay!.steps).toBe(120);
  });
  test('plateau still decays before the last epoch, or before the time budget runs out', () => {
    const byEpochs = new LearningRateSchedule(plateau, 1000);
    expect(byEpochs.rate(749, 0)).toBe(0.01);
    byEpochs.rate(750, 0);
    expect(byEpochs.decay).toEqual({ start: 750, steps: 250, trigger: 'epochs' });
    expect(byEpochs.rate(1000, 0)).toBeCloseTo(0.001, 10);

    const budget = new LearningRateSchedule({ ...plateau, timeBudgetS: 100 }, 1_000_000);
    expect(budget.rate(740, 74)).toBe(0.01);
    budget.rate(760, 76);
    // 24 s left at 0.1 s per step: 240 steps of decay.
    expect(budget.decay).toEqual({ start: 760, steps: 240, trigger: 'time-budget' });
  });
  test('an unknown schedule or a decay share outside (0, 1] is refused with the allowed values', () => {
    expect(() => validateTrainOptions({ lrSchedule: 'linear' as 'cosine' })).toThrow(/"constant", "cosine" or "plateau"/);
    expect(() => validateTrainOptions({ decayShare: 0 })).toThrow(/decayShare/);
  });
});
