/**
 * The in-thread model session (the same code the worker's training API runs): checkpoints through a store, resume,
 * incremental fine-tuning on new sequences, top-k, and content-only items that no one has interacted with.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ItemFeatures, TrainProgress } from '../../../src/shared/training.ts';
import { initBackend, parseBackendPreference } from '../../../workers/recommender/backend.ts';
import { packSequences } from '../../../workers/recommender/eval/datasets.ts';
import { syntheticSequences } from '../../../scripts/recs/synthetic.ts';
import { DatasetSession } from '../../../workers/recommender/eval/dataset-session.ts';
import { memoryStore } from '../../fixtures/memory-store.ts';
import { createModel } from '../../../workers/recommender/model/model.ts';
import { Rng } from '../../../workers/recommender/model/rng.ts';
import { validateSasrecConfig, validateTrainOptions } from '../../../workers/recommender/model/validate-config.ts';


const data = syntheticSequences({ users: 400, items: 120, seed: 21 });
const packed = packSequences(data.sequences, data.numItems);
const model = { dim: 32, blocks: 1, maxLen: 20, seed: 3 };
const train = { learningRate: 0.005, negatives: 64, batchTargets: 512, validateEvery: 1, checkpointEveryS: 0 };

beforeAll(async () => {
  await initBackend('wasm');
});

function rankOf(items: number[], item: number): number {
  const i = items.indexOf(item);
  return i < 0 ? Infinity : i;
}

describe('model session', () => {
  test('trains, checkpoints to the store, evaluates on test items, and recommends', async () => {
    const store = memoryStore();
    const session = new DatasetSession(store);
    const events: TrainProgress[] = [];
    const r = await session.train(
      { data: { kind: 'sequences', sequences: packed }, model, train: { ...train, epochs: 2 }, checkpointId: 'sasrec:test', evaluateTest: true, backend: 'wasm' },
      { onProgress: (p) => events.push(p) },
    );
    expect(r.report.checkpointId).toBe('sasrec:test');
    expect(r.report.backend.backend).toBe('wasm');
    expect(r.test?.users).toBeGreaterThan(0);
    expect(r.test?.seenExcluded).toBe(true);
    expect(r.dataset).toEqual({ users: 400, items: 120, interactions: packed.items.length });
    const saved = store.records.get('sasrec:test')!;
    expect(saved.meta.finished).toBe(true);
    expect(saved.weights.some((w) => w.name === 'item/id')).toBe(true);
    expect(saved.weights.some((w) => w.name === 'item/id/adam-m')).toBe(true);
    expect(events.at(-1)?.fraction).toBe(1);

    const top = await session.topItems(data.sequences[0], 10, true);
    expect(top.items.length).toBe(10);
    for (const i of top.items) expect(data.sequences[0].includes(i)).toBe(false);
    expect(top.scores[0]).toBeGreaterThanOrEqual(top.scores[9]);

    // A second session (a new worker) loads the stored model and ranks the same way.
    const other = new DatasetSession(store);
    await other.loadModel('sasrec:test');
    expect((await other.topItems(data.sequences[0], 10, true)).items).toEqual(top.items);
    session.dispose();
    other.dispose();
  });

  test('a cancelled run saves a checkpoint and a later run resumes it to the end', async () => {
    const store = memoryStore();
    const session = new DatasetSession(store);
    let n = 0;
    const r1 = await session.train(
      { data: { kind: 'sequences', sequences: packed }, model, train: { ...train, epochs: 3 }, checkpointId: 'sasrec:resume' },
      {
        onProgress: (p) => {
          if (p.phase === 'training' && ++n === 2) session.cancel();
        },
        progressIntervalMs: 0,
      },
    );
    expect(r1.report.stopReason).toBe('cancelled');
    const mid = store.records.get('sasrec:resume')!;
    expect(mid.meta.finished).toBe(false);
    const stepsBefore = mid.meta.step as number;
    const r2 = await session.train({ data: { kind: 'sequences', sequences: packed }, resumeFrom: 'sasrec:resume', checkpointId: 'sasrec:resume' });
    expect(r2.report.stopReason).toBe('epochs');
    expect((store.records.get('sasrec:resume')!.meta.step as number)).toBeGreaterThan(stepsBefore);
    // The resumed run trained only the remaining steps, not three epochs again.
    expect(r2.report.steps + stepsBefore).toBe(store.records.get('sasrec:resume')!.meta.step);
    // Resuming on other data is refused with a way out (an incremental update).
    const other = packSequences(data.sequences.slice(0, 300), data.numItems);
    await expect(session.train({ data: { kind: 'sequences', sequences: other }, resumeFrom: 'sasrec:resume' })).rejects.toThrow(/different data.*fineTune/);
    session.dispose();
  });

  test('fine-tuning on new sequences teaches a new transition without starting over', async () => {
    const store = memoryStore();
    const session = new DatasetSession(store);
    await session.train({ data: { kind: 'sequences', sequences: packed }, model, train: { ...train, epochs: 2, validateEvery: 0 }, checkpointId: 'sasrec:ft' });
    const stepsBefore = store.records.get('sasrec:ft')!.meta.step as number;
    // New events: many shoppers now go from item 5 to item 77.
    const fresh = Array.from({ length: 60 }, (_, u) => Int32Array.from([(u * 7) % 120 === 5 ? 6 : (u * 7) % 120, 5, 77]));
    const query = Int32Array.from([14, 5]);
    const before = rankOf((await session.topItems(query, 20, true)).items, 77);
    const r = await session.fineTune({ checkpointId: 'sasrec:ft', sequences: packSequences([...data.sequences, ...fresh], data.numItems), train: { epochs: 3 } });
    expect(r.report.stopReason).toBe('epochs');
    const after = rankOf((await session.topItems(query, 20, true)).items, 77);
    expect(after).toBeLessThan(5);
    expect(after).toBeLessThan(before);
    // It continued the stored model (the step count goes on) and saved it back.
    expect(store.records.get('sasrec:ft')!.meta.step as number).toBeGreaterThan(stepsBefore);
    session.dispose();
  });

  test('an incremental update accepts a grown catalogue (new items appended) and learns the new items', async () => {
    const store = memoryStore();
    const session = new DatasetSession(store);
    await session.train({ data: { kind: 'sequences', sequences: packed }, model, train: { ...train, epochs: 1, validateEvery: 0 }, checkpointId: 'sasrec:grow' });
    const grown = data.numItems + 3;
    const fresh = Array.from({ length: 40 }, (_, u) => Int32Array.from([u % 100, 8, data.numItems + (u % 3)]));
    const r = await session.fineTune({ checkpointId: 'sasrec:grow', sequences: packSequences([...data.sequences, ...fresh], grown), train: { epochs: 3 } });
    expect(r.config.numItems).toBe(grown);
    expect(store.records.get('sasrec:grow')!.weights.find((w) => w.name === 'item/id')!.shape).toEqual([grown, 32]);
    // New items are ranked like any other, and they rank higher after item 8 (which they followed in the new events)
    // than after an item they never followed. (An id-only model learns a new item's embedding from its few events; a
    // content model ranks it from its features at once: see the content-only test.)
    const meanRank = async (history: number[]) => {
      const all = await session.topItems(Int32Array.from(history), grown, true);
      expect(all.items).toHaveLength(grown - history.length);
      return [0, 1, 2].reduce((s, k) => s + all.items.indexOf(data.numItems + k), 0) / 3;
    };
    expect(await meanRank([20, 8])).toBeLessThan((await meanRank([20, 30])) - 10);
    // Shrinking is refused: item indices must stay stable.
    await expect(session.fineTune({ checkpointId: 'sasrec:grow', sequences: packSequences([Int32Array.from([1, 2, 3])], 50) })).rejects.toThrow(/only 50/);
    session.dispose();
  });

  test('content-only items: an item never seen in training is ranked from its features', async () => {
    const rng = new Rng(4);
    const n = data.numItems + 1; // the extra item never occurs in any sequence
    const dim = 16;
    const text = new Float32Array(n * dim);
    for (let i = 0; i < data.numItems * dim; i++) text[i] = rng.normal();
    // The new item is described exactly like item 10.
    text.set(text.subarray(10 * dim, 11 * dim), data.numItems * dim);
    const category = Int32Array.from({ length: n }, (_, i) => (i % 5) + 1);
    category[data.numItems] = category[10];
    const features: ItemFeatures = { text: { dim, data: text }, category: { count: 6, data: category } };
    const session = new DatasetSession(null);
    const r = await session.train({
      data: { kind: 'sequences', sequences: packSequences(data.sequences, n), features },
      model: { ...model, idEmbedding: false, content: { textDim: dim, numCategories: 6, numPriceBands: 0 } },
      train: { ...train, epochs: 1, validateEvery: 0 },
    });
    expect(r.config.idEmbedding).toBe(false);
    const top = await session.topItems(data.sequences[3], n, false);
    const score = (i: number) => top.scores[top.items.indexOf(i)];
    expect(top.items).toContain(data.numItems);
    expect(score(data.numItems)).toBeCloseTo(score(10), 4);
    session.dispose();
  });

  test('no tensors are left behind by a session', async () => {
    const before = tf.memory().numTensors;
    const session = new DatasetSession(memoryStore());
    await session.train({ data: { kind: 'sequences', sequences: packed }, model, train: { ...train, epochs: 1 }, evaluateTest: true });
    await session.topItems(data.sequences[1]);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('configuration and backend', () => {
  test('invalid configurations are ConfigErrors that name the field', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected an error');
    };
    expect(err(() => validateSasrecConfig({})).name).toBe('ConfigError');
    expect(err(() => validateSasrecConfig({ numItems: 10, dim: 30, heads: 4 })).message).toContain('divisible');
    expect(err(() => validateSasrecConfig({ numItems: 10, idEmbedding: false })).message).toContain('content features');
    expect(err(() => validateTrainOptions({ learningRate: -1 })).message).toContain('learningRate');
    expect(err(() => validateTrainOptions({ loss: 'bpr' as 'full-softmax' })).message).toContain('loss');
    expect(err(() => createModel({ numItems: 5, content: { textDim: 4, numCategories: 0, numPriceBands: 0 } })).message).toContain('item features');
  });

  test('Node runs wasm (SIMD) by default and reports why a GPU backend was not used', async () => {
    const auto = await initBackend('auto');
    expect(auto.backend).toBe('wasm');
    expect(auto.simd).toBe(true);
    const gpu = await initBackend('webgl');
    expect(gpu.backend).toBe('wasm');
    expect(gpu.skipped[0]).toMatchObject({ backend: 'webgl' });
    expect(gpu.reason).toContain('not available in Node');
    expect(parseBackendPreference('cpu')).toBe('cpu');
    expect(() => parseBackendPreference('tpu')).toThrow(/Unknown backend/);
    expect(() => parseBackendPreference('tpu')).toThrow(expect.objectContaining({ name: 'ConfigError' }));
  });
});
