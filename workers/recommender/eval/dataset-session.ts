/**
 * The preference model trained on an interaction log with the literature's protocol: the data read from a URL, a
 * file's text or packed sequences, a leave-one-out split, validation during training, test metrics at the end; the
 * trained model exported as the pre-trained model file (src/shared/pretrained.ts) and read back; the log evaluated
 * against the baselines (log-eval.ts). Used by the training worker (workers/training.worker.ts: the merchant console,
 * the benchmark page `npm run bench:recs` and the browser tests) and the Node tests; the recommender worker trains the
 * shopper's model with `ModelSession.fit` / `fineTune` only, so none of this is in it.
 */
import { ConfigError, InvalidFileError } from '../../../src/shared/errors.ts';
import { parsePretrained, pretrainedFile, pretrainedMismatch, type PretrainedFile } from '../../../src/shared/pretrained.ts';
import type { BackendPreference, CatalogJoinStats, ContentFeatureSpec, DatasetFormat, ItemFeatures, RankingMetrics, SasrecConfig, TrainCatalog, TrainOptions, TrainRequest, TrainResult } from '../../../src/shared/training.ts';
import { CatalogIndex } from '../catalog-index.ts';
import { catalogFeatures } from '../personal/features.ts';
import { joinLogToCatalog } from './catalog-join.ts';
import { datasetStats, itemsFingerprint, parseDataset, unpackSequences, type SequenceDataset } from './datasets.ts';
import { evaluateBaseline, evaluateRanker, LOG_BASELINES, type ModelEvaluation } from './log-eval.ts';
import { evaluate } from './evaluate.ts';
import { leaveOneOut, type LeaveOneOutSplit } from './split.ts';
import { SasrecModel } from '../model/model.ts';
import { recipeFor } from '../model/recipe.ts';
import { sasrecRanker } from '../model/ranker.ts';
import { yieldToEventLoop } from '../model/schedule.ts';
import { ModelSession, type SessionHooks } from '../model/session.ts';
import { Trainer, type TrainerCheckpoint } from '../model/train.ts';
import { validateSasrecConfig, validateTrainOptions } from '../model/validate-config.ts';

export class DatasetSession extends ModelSession {
  /** Reads the training data of a request. */
  async loadData(request: TrainRequest['data']): Promise<{ dataset: SequenceDataset; features?: ItemFeatures }> {
    if (request.kind === 'sequences') return { dataset: unpackSequences(request.sequences), features: request.features };
    if (request.kind === 'text') return { dataset: parseDataset(request.text, request.format, { name: request.name }) };
    const response = await fetch(request.url);
    if (!response.ok) throw new InvalidFileError(`Cannot fetch ${request.url}: HTTP ${response.status}.`);
    const text = await response.text();
    return { dataset: parseDataset(text, request.format, { name: request.url.split('/').pop() }) };
  }


  /** Trains from scratch (or resumes a checkpoint) on leave-one-out training sequences, validating on the held-out items. */
  async train(request: TrainRequest, hooks: SessionHooks = {}): Promise<TrainResult> {
    this.guard();
    this.busy = true;
    this.cancelRequested = false;
    try {
      const backend = await this.useBackend(request.backend ?? 'auto');
      const loaded = await this.loadData(request.data);
      // Joined to a catalog: the log in the catalog's order, items represented by the catalog's content.
      const content = request.catalog ? await this.catalogData(loaded.dataset, request.catalog) : null;
      const dataset = content?.dataset ?? loaded.dataset;
      const features = content?.features ?? loaded.features;
      const split = leaveOneOut(dataset);
      const excludeSeen = request.excludeSeen ?? true;
      let resumed: TrainerCheckpoint | null = null;
      if (request.resumeFrom) resumed = await this.loadCheckpoint(request.resumeFrom);
      const recipe = request.recipe ? recipeFor(split.train, dataset.numItems) : null;
      const config = resumed ? resumed.config : validateSasrecConfig({ ...recipe?.model, ...request.model, numItems: dataset.numItems, ...(content ? { idEmbedding: false, content: content.spec } : {}) });
      if (config.numItems !== dataset.numItems) {
        throw new ConfigError(`The checkpoint was trained on ${config.numItems} items but the data has ${dataset.numItems}: start a new training instead of resuming.`);
      }
      if (resumed && (Boolean(content) !== !config.idEmbedding || (content && JSON.stringify(config.content) !== JSON.stringify(content.spec)))) {
        throw new ConfigError(`The saved model ${config.idEmbedding ? 'learned the log\'s item ids' : 'reads the catalog\'s content'}, not what this training asks for: start a new training instead of resuming.`);
      }
      // A log opened in the console: its item ids go with every checkpoint, so an exported model says which item each
      // row is, and a resume or an evaluation on other items is refused.
      const items = request.data.kind === 'text'
        ? {
            itemsFingerprint: itemsFingerprint(dataset.itemIds),
            itemIds: dataset.itemIds,
            log: request.data.name,
            ...(content ? { catalog: request.catalog!.name, items: { count: dataset.numItems, fingerprint: itemsFingerprint(dataset.itemIds) }, join: content.stats } : {}),
          }
        : null;
      if (resumed && items && typeof resumed.meta.itemsFingerprint === 'string' && resumed.meta.itemsFingerprint !== items.itemsFingerprint) {
        throw new ConfigError('The saved model was trained on another log (other items): start a new training instead of resuming.');
      }
      const options = validateTrainOptions({ ...(resumed?.options ?? recipe?.train ?? {}), ...request.train });
      const model = new SasrecModel(config, features);
      this.setModel(model);
      const trainer = new Trainer(
        model,
        { sequences: split.train, weights: split.trainWeights, validation: split, excludeSeen },
        options,
        backend.backend,
      );
      try {
        if (resumed) trainer.restore(resumed);
        const report = await trainer.run({
          onProgress: hooks.onProgress,
          progressIntervalMs: request.progressIntervalMs ?? hooks.progressIntervalMs,
          shouldStop: () => this.cancelRequested || (hooks.shouldStop?.() ?? false),
          onCheckpoint: request.checkpointId ? (c) => this.saveCheckpoint(request.checkpointId!, items ? { ...c, meta: { ...c.meta, ...items } } : c, hooks) : undefined,
        });
        this.meta = trainer.meta(report.stopReason !== 'cancelled', report.trainSeconds);
        report.backend = backend;
        report.checkpointId = request.checkpointId && this.store ? request.checkpointId : null;
        let test: RankingMetrics | null = null;
        if (request.evaluateTest && report.stopReason !== 'cancelled') test = await this.evaluateSplit(split, 'test', excludeSeen);
        return { report, config, options, test, dataset: datasetStats(dataset), ...(content ? { join: content.stats } : {}) };
      } finally {
        trainer.dispose();
      }
    } finally {
      this.busy = false;
    }
  }

  /**
   * The log joined to a catalog (catalog-join.ts; InvalidFileError when too little matches) and the catalog's item
   * features, their text vectors read from the embeddings cache; every product needs one (the page computes them first).
   */
  async catalogData(d: SequenceDataset, catalog: TrainCatalog): Promise<{ dataset: SequenceDataset; stats: CatalogJoinStats; features: ItemFeatures; spec: ContentFeatureSpec }> {
    const index = new CatalogIndex(`console:${catalog.name}`, catalog.products);
    const { dataset, stats } = joinLogToCatalog(d, index.items.map((i) => i.product.id), catalog.name);
    const cf = await catalogFeatures(index, catalog.encoder);
    if (cf.textCoverage < index.size) {
      throw new ConfigError(`${index.size - cf.textCoverage} of the catalog's ${index.size} products have no product vector yet (the encoder ${catalog.encoder} computes them): wait until the console has prepared them, then train again.`);
    }
    return { dataset, stats, features: cf.features, spec: cf.spec };
  }

  /** Ranking metrics of the current model on a split's validation or test items. */
  async evaluateSplit(split: LeaveOneOutSplit, stage: 'valid' | 'test', excludeSeen = true, maxUsers = 0): Promise<RankingMetrics> {
    const model = this.requireModel();
    return evaluate(sasrecRanker(model), split, { stage, excludeSeen, maxUsers, onBatch: () => yieldToEventLoop() });
  }

  /** The stored model as the pre-trained model file, with the log's item ids (so a reader can map its items). */
  async exportModel(checkpointId: string, extra: Record<string, unknown> = {}): Promise<PretrainedFile> {
    if (!this.store) throw new ConfigError('No checkpoint store here: exporting needs IndexedDB (run in a browser worker).');
    const rec = await this.store.load(checkpointId);
    if (!rec) throw new ConfigError(`No trained model "${checkpointId}" on this device. Train one first.`);
    return pretrainedFile({ id: checkpointId, savedAt: Date.now(), config: rec.config, meta: { ...rec.meta, ...extra }, weights: rec.weights });
  }

  /**
   * Reads a pre-trained model file, checks that its weights fit its configuration by building the model, stores it
   * under `checkpointId` and keeps it loaded: training resumes from it and the evaluation ranks with it.
   */
  async importModel(checkpointId: string, data: unknown, backend: BackendPreference = 'auto', catalog: TrainCatalog | null = null): Promise<{ numItems: number; itemIds: string[] | null; steps: number; finished: boolean; content: boolean }> {
    if (!this.store) throw new ConfigError('No checkpoint store here: importing needs IndexedDB (run in a browser worker).');
    const file = parsePretrained(data);
    const config = file.config as { model?: unknown; train?: unknown } | null;
    if (!config || typeof config !== 'object' || !config.model || !config.train) {
      throw new InvalidFileError('The model file has no model and training configuration. Export it again from the console.');
    }
    const model = validateSasrecConfig(config.model as Partial<SasrecConfig>);
    validateTrainOptions(config.train as Partial<TrainOptions>);
    let features: ItemFeatures | undefined;
    if (!model.idEmbedding) {
      // A content model reads the catalog's products: it must be the catalog it was trained on.
      if (!catalog) throw new InvalidFileError('This model file reads a catalog\'s products by their content: choose "by the catalog\'s content" and import its catalog first.');
      const index = new CatalogIndex(`console:${catalog.name}`, catalog.products);
      const cf = await catalogFeatures(index, catalog.encoder);
      const mismatch = pretrainedMismatch(file.config, file.meta, { name: catalog.name, size: index.size, fingerprint: itemsFingerprint(index.items.map((i) => i.product.id)), spec: cf.spec });
      if (mismatch) throw new InvalidFileError(mismatch);
      features = cf.features;
    }
    await this.store.save({ id: checkpointId, savedAt: Date.now(), config: { model, train: config.train }, meta: file.meta, weights: file.weights });
    try {
      await this.loadModel(checkpointId, features, backend);
    } catch (err) {
      throw new InvalidFileError(`The model file's weights do not fit its configuration: ${(err as Error).message}`);
    }
    const ids = file.meta.itemIds;
    return {
      numItems: model.numItems,
      itemIds: Array.isArray(ids) && ids.every((x) => typeof x === 'string') ? (ids as string[]) : null,
      steps: typeof file.meta.step === 'number' ? file.meta.step : 0,
      finished: file.meta.finished === true,
      content: !model.idEmbedding,
    };
  }

  /**
   * eval:recs on a log: the baselines, and the stored model when it was trained on these items, on the test items;
   * overall and per history-length segment. `onModel` is told which model is being evaluated.
   */
  async evaluateLog(
    log: { name: string; text: string; format: DatasetFormat },
    options: { checkpointId?: string | null; maxUsers?: number; backend?: BackendPreference; catalog?: TrainCatalog | null; onModel?: (name: string, index: number, total: number) => void } = {},
  ): Promise<{ dataset: { users: number; items: number; interactions: number; evalUsers: number }; models: ModelEvaluation[]; modelNote: string | null; join: CatalogJoinStats | null }> {
    this.guard();
    this.busy = true;
    try {
      const parsed = parseDataset(log.text, log.format, { name: log.name });
      // With a catalog: the log in its order (every model ranks the catalog's products), the model reading their content.
      const content = options.catalog ? await this.catalogData(parsed, options.catalog) : null;
      const dataset = content?.dataset ?? parsed;
      const split = leaveOneOut(dataset);
      const models: ModelEvaluation[] = [];
      let modelNote: string | null = null;
      let stored: TrainerCheckpoint | null = null;
      if (options.checkpointId && this.store) {
        stored = await this.loadCheckpoint(options.checkpointId).catch(() => null);
        if (!stored) modelNote = 'No trained model on this device yet: train one (or load a model file) to compare it.';
        else if (stored.config.numItems !== dataset.numItems) {
          modelNote = `The trained model knows ${stored.config.numItems} items but this log has ${dataset.numItems}: train it on this log to compare it.`;
          stored = null;
        } else if (typeof stored.meta.itemsFingerprint === 'string' && stored.meta.itemsFingerprint !== itemsFingerprint(dataset.itemIds)) {
          modelNote = 'The trained model was trained on other items than this log has: train it on this log to compare it.';
          stored = null;
        } else if (!stored.config.idEmbedding !== Boolean(content)) {
          modelNote = stored.config.idEmbedding
            ? 'The trained model learned the log\'s item ids: choose "by the log\'s item ids" to compare it, or train the content model.'
            : 'The trained model reads the catalog\'s content: choose "by the catalog\'s content" to compare it.';
          stored = null;
        }
      }
      const total = LOG_BASELINES.length + (stored ? 1 : 0);
      const onBatch = () => yieldToEventLoop();
      for (const [i, name] of LOG_BASELINES.entries()) {
        options.onModel?.(name, i, total);
        models.push(await evaluateBaseline(name, split, { maxUsers: options.maxUsers, onBatch }));
      }
      if (stored) {
        options.onModel?.('sasrec', total - 1, total);
        await this.loadModel(options.checkpointId!, content?.features, options.backend ?? 'auto');
        const t0 = performance.now();
        const { overall, segments } = await evaluateRanker(sasrecRanker(this.requireModel()), split, { maxUsers: options.maxUsers, onBatch });
        models.push({ model: 'sasrec', backend: this.backend?.backend ?? 'unknown', overall, segments, fitSeconds: Number(stored.meta.trainSeconds ?? 0), evalSeconds: (performance.now() - t0) / 1000 });
      }
      return { dataset: { ...datasetStats(dataset), evalUsers: split.evalUsers.length }, models, modelNote, join: content?.stats ?? null };
    } finally {
      this.busy = false;
    }
  }
}
