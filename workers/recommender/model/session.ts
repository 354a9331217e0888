/**
 * One model's life in a thread: data in, training with progress and checkpoints, evaluation, incremental updates,
 * and top-k. The worker's training API (training-api.ts) is a thin layer over this; Node tests use it directly, so
 * the in-thread and in-worker paths are the same code.
 */
import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../../../src/shared/errors.ts';
import type {
  BackendPreference,
  BackendReport,
  TrainerMeta,
  FineTuneRequest,
  ItemFeatures,
  PackedSequences,
  SasrecConfig,
  TopItemsResult,
  TrainOptions,
  TrainProgress,
  TrainResult,
} from '../../../src/shared/training.ts';
import { initBackend } from '../backend.ts';
import { datasetStats, unpackSequences, type SequenceDataset } from '../eval/datasets.ts';
import { DEFAULT_FINE_TUNE_OPTIONS } from './constants.ts';
import { SasrecModel } from './model.ts';
import { topItemsFor } from './ranker.ts';
import { now } from './schedule.ts';
import { Trainer, type TrainerCheckpoint } from './train.ts';
import type { NamedWeights } from './types.ts';
import { validateSasrecConfig, validateTrainOptions } from './validate-config.ts';

/** Train a new model on every given sequence (no validation split) and save it under `checkpointId`. */
export interface FitRequest {
  checkpointId: string;
  sequences: PackedSequences;
  features?: ItemFeatures;
  model?: Partial<SasrecConfig>;
  train?: Partial<TrainOptions>;
  backend?: BackendPreference;
}

/** Where checkpoints go: IndexedDB in the worker (src/storage/checkpoints.ts), anything in tests. */
export interface CheckpointStore {
  save(record: {
    id: string;
    savedAt: number;
    config: unknown;
    meta: Record<string, unknown>;
    weights: NamedWeights;
  }): Promise<void>;
  load(id: string): Promise<{ config: unknown; meta: Record<string, unknown>; weights: NamedWeights } | undefined>;
  /** Deletes a checkpoint (optional: a store that cannot only never forgets one). */
  remove?(id: string): Promise<void>;
}

/** What a checkpoint's `config` holds. */
export interface StoredConfig {
  model: SasrecConfig;
  train: TrainOptions;
}

export interface SessionHooks {
  onProgress?: (p: TrainProgress) => void;
  /** Extra stop condition checked between steps (the session's own cancel flag is always checked). */
  shouldStop?: () => boolean;
  progressIntervalMs?: number;
  /** More to record in the checkpoint saved when training finishes (not in earlier or cancelled saves). */
  finalMeta?: () => Record<string, unknown>;
}

function isStoredConfig(c: unknown): c is StoredConfig {
  return typeof c === 'object' && c !== null && 'model' in c && 'train' in c;
}

export class ModelSession {
  model: SasrecModel | null = null;
  meta: TrainerMeta | null = null;
  backend: BackendReport | null = null;
  protected cancelRequested = false;
  protected busy = false;
  /** Cached item table for repeated top-k calls; dropped when the weights change. */
  private table: tf.Tensor2D | null = null;

  constructor(protected readonly store: CheckpointStore | null) {}

  async useBackend(preference: BackendPreference = 'auto'): Promise<BackendReport> {
    this.backend = await initBackend(preference);
    return this.backend;
  }

  /** Asks a running training to stop after its current step (it then saves a checkpoint and reports "cancelled"). */
  cancel(): void {
    this.cancelRequested = true;
  }

  protected setModel(model: SasrecModel): void {
    this.dropTable();
    this.model?.dispose();
    this.model = model;
  }

  private dropTable(): void {
    this.table?.dispose();
    this.table = null;
  }

  /** A fresh, untrained model (e.g. a content-only model before any interaction, or for benchmarks). */
  async initModel(config: Partial<SasrecConfig>, features?: ItemFeatures, backend: BackendPreference = 'auto'): Promise<SasrecConfig> {
    await this.useBackend(backend);
    const model = new SasrecModel(validateSasrecConfig(config), features);
    this.setModel(model);
    this.meta = null;
    return model.config;
  }

  /** Loads a stored model (weights only) to recommend with. */
  async loadModel(checkpointId: string, features?: ItemFeatures, backend: BackendPreference = 'auto'): Promise<{ config: SasrecConfig; meta: TrainerMeta }> {
    await this.useBackend(backend);
    const c = await this.loadCheckpoint(checkpointId);
    const model = new SasrecModel(c.config, features);
    try {
      model.setWeights(c.weights);
    } catch (err) {
      model.dispose();
      throw err;
    }
    this.setModel(model);
    this.meta = c.meta;
    return { config: c.config, meta: c.meta };
  }

  protected async loadCheckpoint(id: string): Promise<TrainerCheckpoint> {
    if (!this.store) throw new ConfigError('No checkpoint store here: checkpoints need IndexedDB (run in a browser worker).');
    const rec = await this.store.load(id);
    if (!rec) throw new ConfigError(`No saved model "${id}" on this device. Train one first.`);
    if (!isStoredConfig(rec.config)) throw new ConfigError(`The saved model "${id}" is not a recommender checkpoint.`);
    return { config: rec.config.model, options: rec.config.train, weights: rec.weights, meta: rec.meta as TrainerMeta };
  }

  protected async saveCheckpoint(id: string, c: TrainerCheckpoint, hooks: SessionHooks = {}): Promise<void> {
    if (!this.store) return;
    const config: StoredConfig = { model: c.config, train: c.options };
    const meta = c.meta.finished && hooks.finalMeta ? { ...c.meta, ...hooks.finalMeta() } : c.meta;
    await this.store.save({ id, savedAt: Date.now(), config, meta, weights: c.weights });
  }

  protected guard(): void {
    if (this.busy) throw new ConfigError('The recommender is already training; wait for it to finish or cancel it.');
  }

  /**
   * Incremental update: loads the stored model with its optimizer state, trains a few gentle passes on the given
   * sequences (e.g. the shopper's history including new events), and saves it back under the same id.
   */
  async fineTune(request: FineTuneRequest, hooks: SessionHooks = {}): Promise<TrainResult> {
    return this.trainAll(request, hooks, async (dataset) => {
      const stored = await this.loadCheckpoint(request.checkpointId);
      if (dataset.numItems < stored.config.numItems) {
        throw new ConfigError(`The stored model knows ${stored.config.numItems} items but the new data has only ${dataset.numItems}; item indices must stay stable (add new items at the end).`);
      }
      return {
        // A grown catalogue: the model grows with it (new items' id rows start at zero).
        config: validateSasrecConfig({ ...stored.config, numItems: dataset.numItems }),
        options: validateTrainOptions({ ...stored.options, ...DEFAULT_FINE_TUNE_OPTIONS, ...request.train }),
        restore: stored,
      };
    });
  }

  /**
   * Trains a new model on all of the given sequences (no held-out split: for a shopper's own history, where every
   * interaction counts) and saves it; later updates continue it with `fineTune`.
   */
  async fit(request: FitRequest, hooks: SessionHooks = {}): Promise<TrainResult> {
    return this.trainAll(request, hooks, async (dataset) => ({
      config: validateSasrecConfig({ ...request.model, numItems: dataset.numItems }),
      options: validateTrainOptions({ ...request.train, validateEvery: 0, restoreBest: false }),
      restore: null,
    }));
  }

  /** Trains on every sequence given (no validation split), starting fresh or from a checkpoint, and saves it. */
  private async trainAll(
    request: { checkpointId: string; sequences: PackedSequences; features?: ItemFeatures; backend?: BackendPreference },
    hooks: SessionHooks,
    prepare: (dataset: SequenceDataset) => Promise<{ config: SasrecConfig; options: TrainOptions; restore: TrainerCheckpoint | null }>,
  ): Promise<TrainResult> {
    this.guard();
    this.busy = true;
    this.cancelRequested = false;
    try {
      const backend = await this.useBackend(request.backend ?? 'auto');
      const dataset = unpackSequences(request.sequences);
      const { config, options, restore } = await prepare(dataset);
      const model = new SasrecModel(config, request.features);
      this.setModel(model);
      const trainer = new Trainer(model, { sequences: dataset.sequences, weights: dataset.weights, validation: null }, options, backend.backend);
      try {
        if (restore) trainer.restore(restore, { sameData: false });
        const report = await trainer.run({
          onProgress: hooks.onProgress,
          progressIntervalMs: hooks.progressIntervalMs,
          shouldStop: () => this.cancelRequested || (hooks.shouldStop?.() ?? false),
          onCheckpoint: (c) => this.saveCheckpoint(request.checkpointId, c, hooks),
        });
        this.meta = trainer.meta(true, report.trainSeconds);
        report.backend = backend;
        report.checkpointId = this.store ? request.checkpointId : null;
        return { report, config, options, test: null, dataset: datasetStats(dataset) };
      } finally {
        trainer.dispose();
      }
    } finally {
      this.busy = false;
    }
  }

  protected requireModel(): SasrecModel {
    if (!this.model) throw new ConfigError('No model is loaded: train one, load a saved one, or create one first.');
    return this.model;
  }

  /** The k best items after `history` over the whole catalogue. */
  async topItems(history: Int32Array, k = 10, excludeSeen = true): Promise<TopItemsResult> {
    const model = this.requireModel();
    for (const i of history) {
      if (!(i >= 0 && i < model.config.numItems)) throw new ConfigError(`History item ${i} is outside 0..${model.config.numItems - 1}.`);
    }
    const t0 = now();
    if (this.busy) this.dropTable();
    else this.table ??= tf.keep(model.itemTable());
    const r = await topItemsFor(model, history, k, { excludeSeen, table: this.table ?? undefined });
    return { ...r, ms: now() - t0 };
  }

  dispose(): void {
    this.dropTable();
    this.model?.dispose();
    this.model = null;
  }
}
