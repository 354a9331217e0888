/**
 * A bench-only worker: the preference model's training session (workers/recommender/model/session.ts) behind
 * comlink, for the benchmark page (`npm run bench:recs`) and the browser tests beside it. The shipped recommender
 * worker does not carry it: the shopper's model trains through the personaliser there.
 *
 * Progress callbacks arrive as comlink proxies; a run can be stopped by terminating the worker or cooperatively with
 * `cancelTraining()`, which lets the run save a checkpoint first. Checkpoints go to IndexedDB through
 * src/storage/checkpoints.ts only.
 */
import { expose } from 'comlink';
import { checkpointStore } from '../../../src/storage/checkpoints.ts';
import type {
  BackendPreference,
  BackendReport,
  FineTuneRequest,
  ItemFeatures,
  SasrecConfig,
  TopItemsResult,
  TrainProgress,
  TrainRequest,
  TrainerMeta,
  TrainResult,
} from '../../../src/shared/training.ts';
import * as tf from '@tensorflow/tfjs';
import type { ModelStatus } from '../../../src/shared/protocol/recommender.ts';
import { DatasetSession } from '../../../scripts/recs/dataset-session.ts';

const session = new DatasetSession(typeof indexedDB === 'undefined' ? null : checkpointStore);

/** Calls a (possibly remote) progress callback without waiting for it: training never blocks on the page. */
function forward(onProgress?: (p: TrainProgress) => void): ((p: TrainProgress) => void) | undefined {
  if (!onProgress) return undefined;
  return (p) => {
    void Promise.resolve(onProgress(p)).catch(() => undefined);
  };
}

const api = {
  /** Starts the TF.js backend for `preference` and reports which one runs and why. */
  async startBackend(preference: BackendPreference = 'auto'): Promise<BackendReport> {
    return session.useBackend(preference);
  },

  /** Trains (or resumes) the preference model; resolves with the report when the run ends or is cancelled. */
  async train(request: TrainRequest, onProgress?: (p: TrainProgress) => void): Promise<TrainResult> {
    return session.train(request, { onProgress: forward(onProgress) });
  },

  /** Fine-tunes a stored model on new sequences and saves it back (an incremental update). */
  async fineTune(request: FineTuneRequest, onProgress?: (p: TrainProgress) => void): Promise<TrainResult> {
    return session.fineTune(request, { onProgress: forward(onProgress) });
  },

  /** Stops the running training after its current step; it saves a checkpoint and resolves as "cancelled". */
  cancelTraining(): void {
    session.cancel();
  },

  /** Loads a stored model to recommend with. */
  async loadModel(checkpointId: string, features?: ItemFeatures, backend?: BackendPreference): Promise<{ config: SasrecConfig; meta: TrainerMeta }> {
    return session.loadModel(checkpointId, features, backend);
  },

  /** Creates an untrained model (content-only catalogues, benchmarks). */
  async createModel(config: Partial<SasrecConfig>, features?: ItemFeatures, backend?: BackendPreference): Promise<SasrecConfig> {
    return session.initModel(config, features, backend);
  },

  /** The k best items after a history (item indices), over the whole catalogue. */
  async topItems(history: Int32Array, k = 10, excludeSeen = true): Promise<TopItemsResult> {
    return session.topItems(history, k, excludeSeen);
  },

  async modelStatus(): Promise<ModelStatus> {
    const m = tf.memory();
    return {
      loaded: session.model !== null,
      config: session.model?.config ?? null,
      meta: session.meta,
      backend: session.backend,
      tensorBytes: m.numBytes,
      tensors: m.numTensors,
    };
  },

  /** Frees the model and its tensors. */
  disposeModel(): void {
    session.dispose();
  },
};

expose(api);
export type TrainingApi = typeof api;
