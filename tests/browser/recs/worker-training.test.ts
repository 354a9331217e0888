/**
 * The preference model in the real recommender worker (comlink, real Chromium, real IndexedDB): train a tiny model,
 * checkpoint it, cancel a run, resume it in a fresh worker (as after a reload), and recommend from the stored model.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { deleteCheckpoint, listCheckpoints, loadCheckpoint } from '../../../src/storage/checkpoints.ts';
import type { TrainProgress, TrainRequest } from '../../../src/shared/training.ts';
import { packSequences } from '../../../workers/recommender/eval/datasets.ts';
import { syntheticSequences } from '../../../scripts/recs/synthetic.ts';
import { startTrainingWorker, trainInWorker, type WorkerHandle } from './harness.ts';

const data = syntheticSequences({ users: 300, items: 100, seed: 8 });
const sequences = packSequences(data.sequences, data.numItems);
const ID = 'sasrec:browser-test';
const base: TrainRequest = {
  data: { kind: 'sequences', sequences },
  model: { dim: 32, blocks: 1, maxLen: 20, seed: 1 },
  train: { learningRate: 0.005, negatives: 32, batchTargets: 256, validateEvery: 1, checkpointEveryS: 0, seed: 2 },
  backend: 'wasm',
  checkpointId: ID,
  progressIntervalMs: 0,
};

const handles: WorkerHandle[] = [];
function worker(): WorkerHandle {
  const h = startTrainingWorker();
  handles.push(h);
  return h;
}

afterAll(async () => {
  for (const h of handles) h.close();
  await deleteCheckpoint(ID);
});

describe('training in the recommender worker', () => {
  test('trains with progress, saves to IndexedDB, cancels, resumes in a new worker and recommends', async () => {
    // 1. A full run: progress by the contract, checkpoint in IndexedDB.
    const first = worker();
    const { result, events } = await trainInWorker(first, { ...base, train: { ...base.train, epochs: 2 }, evaluateTest: true });
    expect(result.report.stopReason).toBe('epochs');
    expect(result.report.backend.backend).toBe('wasm');
    expect(result.report.checkpointId).toBe(ID);
    expect(result.test?.ndcg10).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ phase: 'done', fraction: 1 });
    for (let i = 1; i < events.length; i++) expect(events[i].fraction).toBeGreaterThanOrEqual(events[i - 1].fraction);
    const listed = (await listCheckpoints()).find((c) => c.id === ID);
    expect(listed?.bytes).toBeGreaterThan(0);
    expect(listed?.meta.finished).toBe(true);

    // 2. A longer run, cancelled cooperatively after a few steps: it stops and saves where it was.
    let cancelled = false;
    const { result: stopped } = await trainInWorker(first, { ...base, train: { ...base.train, epochs: 30, validateEvery: 0 } }, (p: TrainProgress) => {
      if (!cancelled && p.phase === 'training' && p.step >= 3) {
        cancelled = true;
        void first.api.cancelTraining();
      }
    });
    expect(stopped.report.stopReason).toBe('cancelled');
    const mid = await loadCheckpoint(ID);
    expect(mid?.meta.finished).toBe(false);
    const stepAtCancel = mid!.meta.step as number;
    expect(stepAtCancel).toBeGreaterThanOrEqual(3);
    first.close();

    // 3. A fresh worker (as after a reload) resumes the stored run: the step count continues from the checkpoint.
    const second = worker();
    const { result: resumed } = await trainInWorker(second, { ...base, resumeFrom: ID, train: { ...base.train, epochs: 30, validateEvery: 0, maxSteps: 5 } });
    expect(resumed.report.stopReason).toBe('max-steps');
    expect(resumed.report.steps).toBe(5);
    expect((await loadCheckpoint(ID))!.meta.step).toBe(stepAtCancel + 5);
    second.close();

    // 4. Another worker loads the stored model and recommends unseen items.
    const third = worker();
    const loaded = await third.api.loadModel(ID, undefined, 'wasm');
    expect(loaded.config.numItems).toBe(data.numItems);
    const history = data.sequences[0];
    const top = await third.api.topItems(history, 10, true);
    expect(top.items).toHaveLength(10);
    for (const i of top.items) expect(history.includes(i)).toBe(false);
    const status = await third.api.modelStatus();
    expect(status.loaded).toBe(true);
    expect(status.backend?.backend).toBe('wasm');
  });

  test('the automatic backend choice says which backend runs and why', async () => {
    const h = worker();
    const report = await h.api.startBackend('auto');
    expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(report.backend);
    expect(report.reason.length).toBeGreaterThan(0);
    // Passed-over backends each carry a reason; on a software GPU (SwiftShader here) the choice is wasm.
    for (const s of report.skipped) expect(s.reason.length).toBeGreaterThan(0);
    if (report.skipped.some((s) => /software rasteriser/.test(s.reason))) expect(report.backend).toBe('wasm');
    if (report.backend === 'wasm') expect(report.simd).toBe(true);
  });
});
