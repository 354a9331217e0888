/**
 * The benchmark page's script (tests/fixtures/recs-bench.html): exposes `window.recsBench`, which
 * scripts/bench-recs.ts calls through Playwright. Every run uses a fresh recommender worker, so backends never share
 * state. Progress lines go to the console, where the benchmark script prints them.
 */
import type { BackendPreference, TrainProgress, TrainRequest } from '../../../src/shared/training.ts';
import { inferenceLatency, startTrainingWorker, trainInWorker } from './harness.ts';

function log(p: TrainProgress, label: string): void {
  const v = p.validation ? ` valid NDCG@10 ${p.validation.ndcg10.toFixed(4)}` : '';
  console.log(
    `[bench ${label}] ${p.phase} ${(p.fraction * 100).toFixed(0)}% epoch ${p.epoch} step ${p.step} ` +
      `loss ${p.loss?.toFixed(3) ?? '-'} ${p.msPerStep?.toFixed(0) ?? '-'} ms/step ${p.elapsedS.toFixed(0)} s${v}`,
  );
}

const recsBench = {
  /** One training run in a fresh worker; returns the worker's result plus the page-side wall time. */
  async train(request: TrainRequest, label: string) {
    const handle = startTrainingWorker();
    try {
      const { result, wallMs, events } = await trainInWorker(handle, request, (p) => log(p, label));
      const losses = events.filter((e) => e.loss !== null).map((e) => e.loss as number);
      return { result, wallMs, events: events.length, losses };
    } finally {
      handle.close();
    }
  },

  async inference(options: { numItems: number; calls: number; historyLength: number; backend: BackendPreference }) {
    const handle = startTrainingWorker();
    try {
      return await inferenceLatency(handle, options);
    } finally {
      handle.close();
    }
  },

  /** How long the main thread was blocked, sampled while something runs in the worker: the UI must never freeze. */
  async longestFrameGap(ms: number): Promise<number> {
    let longest = 0;
    let last = performance.now();
    const end = last + ms;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const t = performance.now();
        longest = Math.max(longest, t - last);
        last = t;
        if (t < end) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    return longest;
  },
};

export type RecsBench = typeof recsBench;

(window as unknown as { recsBench: RecsBench }).recsBench = recsBench;
document.body.dataset.ready = 'true';
