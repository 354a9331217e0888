/**
 * Drives the preference model's training session in a real Worker (training.worker.ts beside this file) through
 * comlink from a page: used by the browser tests in this folder and by the benchmark page
 * (tests/fixtures/recs-bench.html, run by `npm run bench:recs`). Test and benchmark harness only: the app's shopper
 * model trains inside the recommender worker, which the page reaches through its bridge.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { BackendPreference, TopItemsResult, TrainProgress, TrainRequest, TrainResult } from '../../../src/shared/training.ts';
import type { TrainingApi } from '../../../workers/training.worker.ts';

export interface WorkerHandle {
  api: Remote<TrainingApi>;
  worker: Worker;
  close(): void;
}

export function startTrainingWorker(): WorkerHandle {
  const worker = new Worker(new URL('../../../workers/training.worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<TrainingApi>(worker);
  let closed = false;
  return {
    api,
    worker,
    close() {
      if (closed) return;
      closed = true;
      api[releaseProxy]();
      worker.terminate();
    },
  };
}

/** Trains in the worker, collecting every progress event (and passing each to `onEvent`). */
export async function trainInWorker(
  handle: WorkerHandle,
  request: TrainRequest,
  onEvent?: (p: TrainProgress) => void,
): Promise<{ result: TrainResult; events: TrainProgress[]; wallMs: number }> {
  const events: TrainProgress[] = [];
  const t0 = performance.now();
  // Progress comes over the callback's own channel, so the last events may arrive after the call's result: wait for
  // the run's final event ("done" or "cancelled") before handing the events over.
  let last: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (last = resolve));
  const result = await handle.api.train(
    request,
    proxy((p: TrainProgress) => {
      events.push(p);
      onEvent?.(p);
      if (p.phase === 'done' || p.phase === 'cancelled') last();
    }),
  );
  const wallMs = performance.now() - t0;
  await Promise.race([ended, new Promise((r) => setTimeout(r, 5000))]);
  return { result, events, wallMs };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}

/**
 * Top-10 latency over a large catalogue: an untrained model of `numItems` items (the cost does not depend on the
 * weights), `calls` requests with random histories. Round-trip times include comlink messaging.
 */
export async function inferenceLatency(
  handle: WorkerHandle,
  options: { numItems: number; calls: number; historyLength: number; backend: BackendPreference; dim?: number; blocks?: number },
): Promise<{ roundTripP50: number; roundTripP95: number; computeP50: number; computeP95: number; backend: string }> {
  await handle.api.createModel({ numItems: options.numItems, dim: options.dim ?? 64, blocks: options.blocks ?? 1 }, undefined, options.backend);
  const status = await handle.api.modelStatus();
  const roundTrip: number[] = [];
  const compute: number[] = [];
  let seed = 12345;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % options.numItems;
  // Two warm-up calls (first use builds and caches the item table).
  for (let i = 0; i < options.calls + 2; i++) {
    const history = Int32Array.from({ length: options.historyLength }, next);
    const t0 = performance.now();
    const r: TopItemsResult = await handle.api.topItems(history, 10, true);
    const dt = performance.now() - t0;
    if (i >= 2) {
      roundTrip.push(dt);
      compute.push(r.ms);
    }
  }
  await handle.api.disposeModel();
  return {
    roundTripP50: percentile(roundTrip, 50),
    roundTripP95: percentile(roundTrip, 95),
    computeP50: percentile(compute, 50),
    computeP95: percentile(compute, 95),
    backend: status.backend?.backend ?? 'unknown',
  };
}
