/**
 * The same training run on the browser's backends gives the same losses within float tolerance (same seed, same
 * data: the masks, negatives and initial weights come from the seeded generator in JS, not from the backend).
 * WebGPU is left to the benchmark: on a software adapter its shader compilation takes tens of seconds per shape.
 */
import { afterAll, describe, expect, test } from 'vitest';
import type { BackendName, TrainRequest } from '../../../src/shared/training.ts';
import { packSequences } from '../../../workers/recommender/eval/datasets.ts';
import { syntheticSequences } from '../../../scripts/recs/synthetic.ts';
import { startTrainingWorker, trainInWorker, type WorkerHandle } from './harness.ts';

const data = syntheticSequences({ users: 200, items: 80, seed: 3 });
const request: TrainRequest = {
  data: { kind: 'sequences', sequences: packSequences(data.sequences, data.numItems) },
  model: { dim: 16, blocks: 1, maxLen: 16, seed: 4 },
  train: { epochs: 10, maxSteps: 4, learningRate: 0.005, negatives: 16, batchTargets: 128, validateEvery: 0, checkpointEveryS: 0, seed: 6 },
  checkpointId: null,
  progressIntervalMs: 0,
};

const handles: WorkerHandle[] = [];
afterAll(() => handles.forEach((h) => h.close()));

async function losses(backend: BackendName): Promise<{ ran: string; losses: number[] }> {
  const h = startTrainingWorker();
  handles.push(h);
  const { result, events } = await trainInWorker(h, { ...request, backend });
  return { ran: result.report.backend.backend, losses: events.filter((e) => e.loss !== null).map((e) => e.loss as number) };
}

describe('backends agree', () => {
  test('wasm, cpu and webgl give the same losses step by step', async () => {
    const wasm = await losses('wasm');
    expect(wasm.ran).toBe('wasm');
    expect(wasm.losses).toHaveLength(4);
    for (const backend of ['cpu', 'webgl'] as const) {
      const other = await losses(backend);
      expect(other.ran).toBe(backend);
      other.losses.forEach((l, i) => expect(Math.abs(l - wasm.losses[i])).toBeLessThan(2e-3 * wasm.losses[i]));
    }
  });
});
