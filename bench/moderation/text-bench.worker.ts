/**
 * Benchmark worker: the moderation engine and the bundled classifier exactly as the language worker runs them
 * (Transformers.js, WASM, local files only), timed per review.
 */
import { expose } from 'comlink';
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { loadTransformersClassifier } from '../../workers/language/moderation/classifier.ts';
import { moderateText } from '../../workers/language/moderation/moderate.ts';

const api = {
  async run(reviews: string[], modelsPath: string): Promise<{ loadMs: number; times: number[]; decisions: Record<string, number> }> {
    const started = performance.now();
    const classifier = await loadTransformersClassifier({
      localModelPath: modelsPath,
      device: 'wasm',
      onnxWasmPaths: { mjs: ortMjs, wasm: ortWasm },
    });
    const loadMs = performance.now() - started;
    for (const r of reviews.slice(0, 5)) await moderateText(r, { classifier });
    const times: number[] = [];
    const decisions: Record<string, number> = {};
    for (const r of reviews) {
      const t = performance.now();
      const result = await moderateText(r, { classifier });
      times.push(performance.now() - t);
      decisions[result.decision] = (decisions[result.decision] ?? 0) + 1;
      if (result.decision === 'hold') throw new Error(`held: ${result.held?.cause}`);
    }
    return { loadMs, times, decisions };
  },
};

expose(api);
export type TextBenchApi = typeof api;
