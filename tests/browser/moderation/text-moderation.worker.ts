/**
 * Test fixture: the moderation engine and the bundled classifier in a module Worker, loaded the way the language
 * worker loads them (Transformers.js on WASM, the app's own onnxruntime-web files, local model files only).
 */
import { expose } from 'comlink';
import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { createClassifierLoader, loadTransformersClassifier, moderateText } from '../../../workers/language/moderation/index.ts';
import type { ModerationConfigInput, ModerationResult } from '../../../src/shared/moderation.ts';

const loaders = new Map<string, ReturnType<typeof createClassifierLoader>>();

const api = {
  async moderate(text: string, modelsPath: string, config?: ModerationConfigInput): Promise<ModerationResult> {
    let loader = loaders.get(modelsPath);
    if (!loader) {
      loader = createClassifierLoader(() =>
        loadTransformersClassifier({ localModelPath: modelsPath, device: 'wasm', onnxWasmPaths: { mjs: ortMjs, wasm: ortWasm } }),
      );
      loaders.set(modelsPath, loader);
    }
    return moderateText(text, { classifier: loader, config });
  },
  /** Every URL this worker fetched (Resource Timing), to check nothing left the origin. */
  resources(): string[] {
    return performance.getEntriesByType('resource').map((e) => e.name);
  },
};

expose(api);
export type TextModerationTestApi = typeof api;
