/**
 * In a real Chromium module worker, the semantic index scores with the hand-assembled WebAssembly SIMD kernel
 * (workers/search/simd-dot.ts), not the JavaScript fallback, and the fallback finds the same products with the same
 * scores, to the bit, in the same order: over clustered vectors (many near-equal scores), products without a vector,
 * and floors and gaps from none to everything.
 */
import { expect, test } from 'vitest';
import type { KernelReply, KernelRequest } from './semantic-worker.ts';
import { rng } from '../../fixtures/rng.ts';

function unit(v: Float32Array): Float32Array {
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

test('the worker takes the WebAssembly SIMD path, and the JavaScript fallback gives the same matches and scores', async () => {
  const dim = 128;
  const next = rng(17);
  const centres = Array.from({ length: 30 }, () => unit(Float32Array.from({ length: dim }, () => next() - 0.5)));
  const count = 6000;
  const rows = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const v = i % 101 === 3 ? new Float32Array(dim).fill(Number.NaN) : i % 4 === 0 ? centres[i % 30] : unit(centres[i % 30].map((x) => x + 0.08 * (next() - 0.5)));
    rows.set(v, i * dim);
  }
  const queries = Array.from({ length: 12 }, (_, t) => (t % 3 === 0 ? centres[t] : unit(centres[t].map((x) => x + 0.4 * (next() - 0.5)))));
  const cuts: Array<[number, number]> = [[0.35, 0.3], [-1, 2], [0.9, 0.05], [0.35, 0], [2, 0.3]];
  const worker = new Worker(new URL('./semantic-worker.ts', import.meta.url), { type: 'module' });
  try {
    const reply = await new Promise<KernelReply>((resolve, reject) => {
      worker.onmessage = (e: MessageEvent<KernelReply>) => resolve(e.data);
      worker.onerror = (e) => reject(new Error(e.message));
      worker.postMessage({ dim, rows, queries, cuts } satisfies KernelRequest);
    });
    expect(reply.webAssembly).toBe(true);
    expect(reply.kernels).toEqual({ auto: 'wasm-simd', js: 'js' });
    expect(reply.found).toHaveLength(queries.length * cuts.length);
    let matched = 0;
    for (const [i, { auto, js }] of reply.found.entries()) {
      expect(auto, `query ${Math.floor(i / cuts.length)}, cut ${cuts[i % cuts.length]}`).toEqual(js);
      matched += auto.indices.length;
    }
    // Not a comparison of empty lists: the wide cuts find most rows, the exact centres find their clusters.
    expect(matched).toBeGreaterThan(count * 2);
    expect(reply.found.some(({ auto }) => auto.indices.length === 0 && auto.best !== null)).toBe(true);
  } finally {
    worker.terminate();
  }
});
