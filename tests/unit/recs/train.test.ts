/**
 * Training the SASRec model on generated sequential data: it must beat most-popular (a real assertion), report
 * progress by the contract, leak no tensors, be reproducible from its seed, resume exactly from a checkpoint, and
 * agree across the wasm and cpu backends.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { TrainProgress } from '../../../src/shared/training.ts';
import { initBackend } from '../../../workers/recommender/backend.ts';
import { MostPopular } from '../../../workers/recommender/eval/baselines/index.ts';
import { evaluate } from '../../../workers/recommender/eval/evaluate.ts';
import { leaveOneOut } from '../../../workers/recommender/eval/split.ts';
import { syntheticSequences } from '../../../scripts/recs/synthetic.ts';
import { createModel } from '../../../workers/recommender/model/model.ts';
import { sasrecRanker } from '../../../workers/recommender/model/ranker.ts';
import { Trainer, type TrainerCheckpoint } from '../../../workers/recommender/model/train.ts';
import { validateTrainOptions } from '../../../workers/recommender/model/validate-config.ts';

const data = syntheticSequences({ users: 600, items: 200, seed: 11 });
const split = leaveOneOut(data);
const modelConfig = { numItems: data.numItems, dim: 32, blocks: 1, maxLen: 20, dropout: 0.2, seed: 5 };
const trainOptions = {
  learningRate: 0.005,
  batchTargets: 512,
  loss: 'sampled-softmax' as const,
  negatives: 64,
  validateEvery: 0,
  checkpointEveryS: 0,
  restoreBest: false,
  seed: 9,
};

beforeAll(async () => {
  await initBackend('wasm');
});

async function weightsOf(trainer: Trainer): Promise<Float32Array> {
  const w = await trainer.model.getWeights();
  const out = new Float32Array(w.reduce((n, x) => n + x.data.length, 0));
  let o = 0;
  for (const x of w) {
    out.set(x.data, o);
    o += x.data.length;
  }
  return out;
}

describe('SASRec training', () => {
  test('beats most-popular on held-out test items, with progress by the contract and no leaked tensors', async () => {
    const before = tf.memory().numTensors;
    const model = createModel(modelConfig);
    const trainer = new Trainer(model, { sequences: split.train, validation: split }, validateTrainOptions({ ...trainOptions, epochs: 4, validateEvery: 1, restoreBest: true }), 'wasm');
    const events: TrainProgress[] = [];
    const report = await trainer.run({ onProgress: (p) => events.push(p), progressIntervalMs: 0 });
    const sasrec = await evaluate(sasrecRanker(model), split, { stage: 'test' });
    const pop = new MostPopular();
    await pop.fit(split.train, { numItems: data.numItems, seed: 1 });
    const popular = await evaluate(pop, split, { stage: 'test' });
    expect(sasrec.ndcg10).toBeGreaterThan(2 * popular.ndcg10);
    expect(sasrec.hr10).toBeGreaterThan(popular.hr10);

    // Progress contract: fraction never decreases, steps never decrease, the run ends at exactly 100% with "done".
    expect(events.length).toBeGreaterThan(3);
    expect(events[0].phase).toBe('preparing');
    for (let i = 1; i < events.length; i++) {
      expect(events[i].fraction).toBeGreaterThanOrEqual(events[i - 1].fraction);
      expect(events[i].step).toBeGreaterThanOrEqual(events[i - 1].step);
    }
    const last = events[events.length - 1];
    expect(last.phase).toBe('done');
    expect(last.fraction).toBe(1);
    expect(events.slice(0, -1).every((e) => e.fraction < 1)).toBe(true);
    const training = events.filter((e) => e.loss !== null);
    expect(training.every((e) => Number.isFinite(e.loss) && (e.examplesPerSecond ?? 0) > 0)).toBe(true);
    expect(report.curve.length).toBe(4);
    expect(report.stopReason).toBe('epochs');
    expect(report.backend.backend).toBe('wasm');

    trainer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  test('the same seed gives the same weights; a different seed does not', async () => {
    const run = async (seed: number) => {
      const model = createModel({ ...modelConfig, seed });
      const trainer = new Trainer(model, { sequences: split.train, validation: null }, validateTrainOptions({ ...trainOptions, seed, epochs: 1 }), 'wasm');
      await trainer.run();
      const w = await weightsOf(trainer);
      trainer.dispose();
      model.dispose();
      return w;
    };
    const a = await run(1);
    const b = await run(1);
    const c = await run(2);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  test('per-interaction loss weights: all ones train exactly like no weights; other weights change the result', async () => {
    const run = async (weights?: Float32Array[]) => {
      const model = createModel(modelConfig);
      const trainer = new Trainer(model, { sequences: split.train, weights, validation: null }, validateTrainOptions({ ...trainOptions, epochs: 1 }), 'wasm');
      await trainer.run();
      const w = await weightsOf(trainer);
      trainer.dispose();
      model.dispose();
      return w;
    };
    const plain = await run();
    expect(await run(split.train.map((s) => new Float32Array(s.length).fill(1)))).toEqual(plain);
    const purchasesCount = split.train.map((s) => Float32Array.from(s, (_, i) => (i % 3 === 0 ? 3 : 1)));
    expect(await run(purchasesCount)).not.toEqual(plain);
  });

  test('a run cancelled mid-epoch and resumed from its checkpoint ends with the same weights as one uninterrupted run', async () => {
    const options = validateTrainOptions({ ...trainOptions, epochs: 2 });
    const straightModel = createModel(modelConfig);
    const straight = new Trainer(straightModel, { sequences: split.train, validation: null }, options, 'wasm');
    await straight.run();
    const want = await weightsOf(straight);

    let saved: TrainerCheckpoint | null = null;
    const firstModel = createModel(modelConfig);
    const first = new Trainer(firstModel, { sequences: split.train, validation: null }, options, 'wasm');
    let steps = 0;
    const r1 = await first.run({
      shouldStop: () => steps++ >= 3,
      onCheckpoint: async (c) => {
        saved = c;
      },
    });
    expect(r1.stopReason).toBe('cancelled');
    expect(saved).not.toBeNull();
    const checkpoint = saved as unknown as TrainerCheckpoint;
    expect(checkpoint.meta.finished).toBe(false);
    expect(checkpoint.meta.step).toBe(3);

    // A fresh model (as after a page reload), restored from the checkpoint.
    const resumedModel = createModel({ ...modelConfig, seed: 999 });
    const resumed = new Trainer(resumedModel, { sequences: split.train, validation: null }, options, 'wasm');
    resumed.restore(checkpoint);
    const r2 = await resumed.run();
    expect(r2.stopReason).toBe('epochs');
    const got = await weightsOf(resumed);
    expect(got).toEqual(want);
    for (const t of [straight, first, resumed]) t.dispose();
    for (const m of [straightModel, firstModel, resumedModel]) m.dispose();
  });

  test('the adaptive schedule lets validation end the run: a stall moves the end in, the best weights are kept', async () => {
    const small = leaveOneOut(syntheticSequences({ users: 300, items: 80, seed: 3 }));
    const model = createModel({ ...modelConfig, numItems: 80 });
    const options = validateTrainOptions({ ...trainOptions, epochs: 60, maxEpochs: 200, lrSchedule: 'adaptive', patience: 2, decayShare: 0.25, validateEvery: 1, restoreBest: true });
    const trainer = new Trainer(model, { sequences: small.train, validation: small }, options, 'wasm');
    const report = await trainer.run();
    const horizon = trainer.meta(true, 0).horizon as { steps: number; reason: string };
    expect(report.stopReason).toBe('patience');
    expect(horizon.reason).toBe('patience');
    // The run ended where validation moved its end, on a validation, well before the planned 60 epochs.
    expect(report.steps).toBe(horizon.steps);
    expect(report.curve.at(-1)!.step).toBe(report.steps);
    expect(report.epochsRun).toBeLessThan(60);
    // The weights are those of the best validation.
    const best = await evaluate(sasrecRanker(model), small, { stage: 'valid' });
    expect(best.ndcg10).toBeCloseTo(report.best!.ndcg10, 6);
    trainer.dispose();
    model.dispose();
  });

  test('wasm and cpu give the same losses within float tolerance', async () => {
    const losses: number[][] = [];
    for (const backend of ['wasm', 'cpu'] as const) {
      await initBackend(backend);
      const model = createModel({ ...modelConfig, dropout: 0.2 });
      const trainer = new Trainer(model, { sequences: split.train, validation: null }, validateTrainOptions({ ...trainOptions, epochs: 1, maxSteps: 4 }), backend);
      const seen: number[] = [];
      await trainer.run({ onProgress: (p) => p.loss !== null && seen.push(p.loss), progressIntervalMs: 0 });
      losses.push(seen);
      trainer.dispose();
      model.dispose();
    }
    await initBackend('wasm');
    expect(losses[0].length).toBe(4);
    losses[0].forEach((l, i) => expect(Math.abs(l - losses[1][i])).toBeLessThan(1e-3 * Math.abs(l)));
  });
});
