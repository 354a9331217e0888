/**
 * The training worker: the preference model trained on an interaction log (workers/recommender/eval/dataset-session.ts)
 * behind comlink, for the merchant console (src/app/bridges/training.ts: train from a log with live progress, cancel
 * and resume, export and load the pre-trained model file, evaluate against the baselines), the benchmark page
 * (`npm run bench:recs`) and the browser tests. The shopper's own model trains in the recommender worker instead.
 * It makes no requests except a `url` training source the caller names (benchmarks); a log's text comes in the call.
 *
 * Progress callbacks arrive as comlink proxies; a run can be stopped by terminating the worker or cooperatively with
 * `cancelTraining()`, which lets the run save a checkpoint first. Checkpoints go to IndexedDB through
 * src/storage/checkpoints.ts only.
 */
import { expose } from 'comlink';
import { checkpointStore } from '../src/storage/checkpoints.ts';
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
} from '../src/shared/training.ts';
import * as tf from '@tensorflow/tfjs';
import type { ModelStatus } from '../src/shared/protocol/recommender.ts';
import type { RowIssue } from '../src/shared/errors.ts';
import type { PretrainedFile } from '../src/shared/pretrained.ts';
import type { CatalogJoinStats, DatasetFormat, TrainCatalog } from '../src/shared/training.ts';
import { joinStats } from './recommender/eval/catalog-join.ts';
import { datasetStats, parseDataset } from './recommender/eval/datasets.ts';
import { leaveOneOut } from './recommender/eval/split.ts';
import type { ModelEvaluation } from './recommender/eval/log-eval.ts';
import { DatasetSession } from './recommender/eval/dataset-session.ts';

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

  /** Reads a log (to check it and show its size before training); a file that cannot be read comes back as a value. */
  async inspectLog(
    name: string,
    text: string,
    format: DatasetFormat,
    catalog?: { name: string; productIds: string[] } | null,
  ): Promise<{ ok: true; users: number; items: number; interactions: number; evalUsers: number; join: CatalogJoinStats | null } | { ok: false; message: string; issues: RowIssue[] }> {
    try {
      const d = parseDataset(text, format, { name });
      return { ok: true, ...datasetStats(d), evalUsers: leaveOneOut(d).evalUsers.length, join: catalog ? joinStats(d, catalog.productIds, catalog.name) : null };
    } catch (err) {
      if ((err as Error)?.name !== 'InvalidFileError') throw err;
      return { ok: false, message: (err as Error).message, issues: [...((err as { issues?: RowIssue[] }).issues ?? [])] };
    }
  },

  /** The stored model as the pre-trained model file (src/shared/pretrained.ts). */
  async exportModel(checkpointId: string, extra?: Record<string, unknown>): Promise<PretrainedFile> {
    return session.exportModel(checkpointId, extra);
  },

  /** Reads a pre-trained model file into storage under `checkpointId` and loads it (training resumes from it). */
  async importModel(checkpointId: string, data: unknown, backend?: BackendPreference, catalog?: TrainCatalog | null): Promise<{ numItems: number; itemIds: string[] | null; steps: number; finished: boolean; content: boolean }> {
    return session.importModel(checkpointId, data, backend, catalog ?? null);
  },

  /** What a stored checkpoint holds (no weights), or null: the console offers Resume after a reload from it. */
  async checkpointInfo(checkpointId: string): Promise<{ numItems: number; steps: number; finished: boolean; content: boolean; log: string | null; catalog: string | null } | null> {
    const rec = await checkpointStore.load(checkpointId);
    const model = (rec?.config as { model?: SasrecConfig } | undefined)?.model;
    if (!rec || !model) return null;
    const m = rec.meta;
    return { numItems: model.numItems, steps: typeof m.step === 'number' ? m.step : 0, finished: m.finished === true, content: !model.idEmbedding, log: typeof m.log === 'string' ? m.log : null, catalog: typeof m.catalog === 'string' ? m.catalog : null };
  },

  /** eval:recs on a log: the baselines and the stored model, overall and by history length. */
  async evaluateLog(
    log: { name: string; text: string; format: DatasetFormat },
    options: { checkpointId?: string | null; maxUsers?: number; backend?: BackendPreference; catalog?: TrainCatalog | null } = {},
    onModel?: (name: string, index: number, total: number) => void,
  ): Promise<{ dataset: { users: number; items: number; interactions: number; evalUsers: number }; models: ModelEvaluation[]; modelNote: string | null; join: CatalogJoinStats | null }> {
    return session.evaluateLog(log, { ...options, onModel: onModel ? (n, i, t) => void Promise.resolve(onModel(n, i, t)).catch(() => undefined) : undefined });
  },

  /** Frees the model and its tensors. */
  disposeModel(): void {
    session.dispose();
  },
};

expose(api);
export type TrainingApi = typeof api;
