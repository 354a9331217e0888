/**
 * Transformers.js in the browser worker: configured local-only (every file comes verified from the ModelStore,
 * nothing from a hub or a CDN, the ONNX runtime's wasm from the app's own files), one load per model kept as a
 * retryable promise, warmed up with one tiny inference before it is reported ready.
 */
import { env, pipeline, type ProgressInfo } from '@huggingface/transformers';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { ModelLoadError, describeError } from '../../src/shared/errors.ts';
import type { LoadedModelInfo, ModelSpec } from '../../src/shared/models.ts';
import type { DeviceChoice, DevicePreference } from '../../src/shared/protocol/language.ts';
import { chooseDevice } from './device.ts';
import type { ModelStore } from './model-store.ts';

export type Task = 'feature-extraction' | 'text-classification' | 'text-generation';

export interface LoadedPipeline {
  run: (...args: any[]) => Promise<any>;
  info: LoadedModelInfo;
}

let configured: ModelStore | null = null;

/** Points Transformers.js at the store. Called once per worker, before any pipeline. */
export function configureTransformers(store: ModelStore): void {
  configured = store;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = new URL(store.modelsBase).pathname;
  env.useBrowserCache = false;
  env.useCustomCache = true;
  env.customCache = store.customCache();
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean } };
  onnx.wasm ??= {};
  const runtime = { mjs: new URL(ortMjsUrl, self.location.href).href, wasm: new URL(ortWasmUrl, self.location.href).href };
  onnx.wasm.wasmPaths = runtime;
  // The runtime's binaries go through the store too, so that a model that ran once runs offline.
  store.allowRuntimeFiles([runtime.mjs, runtime.wasm]);
  // One thread: no cross-origin isolation is required and the page's other worker keeps a core.
  onnx.wasm.numThreads = 1;
  onnx.wasm.proxy = false;
}

const loads = new Map<string, Promise<LoadedPipeline>>();

export interface LoadOptions {
  device?: DevicePreference;
  approved?: boolean;
  onProgress?: (info: ProgressInfo) => void;
  /** A tiny input to run once before reporting ready. */
  warmup: unknown;
  /** Options for that run (a generator: one new token). */
  warmupOptions?: Record<string, unknown>;
  /** The weights' precision, as the model's file names say (default fp32: onnx/model.onnx). */
  dtype?: 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16' | 'int8' | 'uint8' | 'bnb4';
}

function key(spec: ModelSpec, task: Task): string {
  return `${task}:${spec.source}:${spec.id}`;
}

/** Loads (once) and returns a pipeline. A failed load is forgotten, so the next call tries again. */
export function loadPipeline(task: Task, spec: ModelSpec, options: LoadOptions): Promise<LoadedPipeline> {
  const k = key(spec, task);
  let p = loads.get(k);
  if (!p) {
    p = doLoad(task, spec, options);
    loads.set(k, p);
    p.catch(() => loads.delete(k));
  }
  return p;
}

export function loadedPipelines(): Promise<LoadedModelInfo[]> {
  return Promise.allSettled([...loads.values()]).then((r) => r.flatMap((x) => (x.status === 'fulfilled' ? [x.value.info] : [])));
}

async function doLoad(task: Task, spec: ModelSpec, options: LoadOptions): Promise<LoadedPipeline> {
  if (!configured) throw new ModelLoadError('The language worker is not configured yet.');
  const t0 = performance.now();
  const model = await configured.ensure(spec, { approved: options.approved, onProgress: options.onProgress });
  const choice: DeviceChoice = await chooseDevice(options.device);
  let run: LoadedPipeline['run'];
  let used = choice;
  try {
    run = (await pipeline(task, spec.id, { device: choice.device === 'webgpu' ? 'webgpu' : 'wasm', dtype: options.dtype ?? 'fp32', progress_callback: options.onProgress })) as unknown as LoadedPipeline['run'];
    await run(options.warmup, options.warmupOptions);
  } catch (err) {
    if (choice.device !== 'webgpu') throw new ModelLoadError(`The model "${spec.id}" could not be started: ${describeError(err)}`);
    // WebGPU failed at load or warm-up (driver, limits): WASM always works.
    used = { device: 'wasm', reason: `WASM: WebGPU failed to run the model (${describeError(err)})` };
    run = (await pipeline(task, spec.id, { device: 'wasm', dtype: options.dtype ?? 'fp32' })) as unknown as LoadedPipeline['run'];
    await run(options.warmup, options.warmupOptions);
  }
  const info: LoadedModelInfo = {
    id: spec.id,
    task,
    device: used.device,
    deviceReason: used.reason,
    bytes: model.files.reduce((n, f) => n + (f.bytes ?? 0), 0),
    loadMs: Math.round(performance.now() - t0),
    source: spec.source,
  };
  options.onProgress?.({ status: 'ready', task, model: spec.id });
  return { run, info };
}

/** Forgets a loaded pipeline (after "delete everything", or to switch a model's source). */
export function unloadPipeline(task: Task, spec: ModelSpec): void {
  loads.delete(key(spec, task));
}
