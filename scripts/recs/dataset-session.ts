/**
 * The preference model trained on a public interaction log with the literature's protocol: the data read from a URL
 * or packed sequences, a leave-one-out split, validation during training, test metrics at the end. Used by the
 * benchmark's worker (tests/browser/recs/training.worker.ts, `npm run bench:recs`) and the Node tests; the shipped
 * recommender worker trains the shopper's model with `ModelSession.fit` / `fineTune` only, so none of this is in it.
 */
import { ConfigError, InvalidFileError } from '../../src/shared/errors.ts';
import type { ItemFeatures, RankingMetrics, TrainRequest, TrainResult } from '../../src/shared/training.ts';
import { datasetStats, parseDataset, unpackSequences, type SequenceDataset } from '../../workers/recommender/eval/datasets.ts';
import { evaluate } from '../../workers/recommender/eval/evaluate.ts';
import { leaveOneOut, type LeaveOneOutSplit } from '../../workers/recommender/eval/split.ts';
import { SasrecModel } from '../../workers/recommender/model/model.ts';
import { recipeFor } from '../../workers/recommender/model/recipe.ts';
import { sasrecRanker } from '../../workers/recommender/model/ranker.ts';
import { yieldToEventLoop } from '../../workers/recommender/model/schedule.ts';
import { ModelSession, type SessionHooks } from '../../workers/recommender/model/session.ts';
import { Trainer, type TrainerCheckpoint } from '../../workers/recommender/model/train.ts';
import { validateSasrecConfig, validateTrainOptions } from '../../workers/recommender/model/validate-config.ts';

export class DatasetSession extends ModelSession {
  /** Reads the training data of a request. */
  async loadData(request: TrainRequest['data']): Promise<{ dataset: SequenceDataset; features?: ItemFeatures }> {
    if (request.kind === 'sequences') return { dataset: unpackSequences(request.sequences), features: request.features };
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
      const { dataset, features } = await this.loadData(request.data);
      const split = leaveOneOut(dataset);
      const excludeSeen = request.excludeSeen ?? true;
      let resumed: TrainerCheckpoint | null = null;
      if (request.resumeFrom) resumed = await this.loadCheckpoint(request.resumeFrom);
      const recipe = request.recipe ? recipeFor(split.train, dataset.numItems) : null;
      const config = resumed ? resumed.config : validateSasrecConfig({ ...recipe?.model, ...request.model, numItems: dataset.numItems });
      if (config.numItems !== dataset.numItems) {
        throw new ConfigError(`The checkpoint was trained on ${config.numItems} items but the data has ${dataset.numItems}.`);
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
          onCheckpoint: request.checkpointId ? (c) => this.saveCheckpoint(request.checkpointId!, c, hooks) : undefined,
        });
        this.meta = trainer.meta(report.stopReason !== 'cancelled', report.trainSeconds);
        report.backend = backend;
        report.checkpointId = request.checkpointId && this.store ? request.checkpointId : null;
        let test: RankingMetrics | null = null;
        if (request.evaluateTest && report.stopReason !== 'cancelled') test = await this.evaluateSplit(split, 'test', excludeSeen);
        return { report, config, options, test, dataset: datasetStats(dataset) };
      } finally {
        trainer.dispose();
      }
    } finally {
      this.busy = false;
    }
  }

  /** Ranking metrics of the current model on a split's validation or test items. */
  async evaluateSplit(split: LeaveOneOutSplit, stage: 'valid' | 'test', excludeSeen = true, maxUsers = 0): Promise<RankingMetrics> {
    const model = this.requireModel();
    return evaluate(sasrecRanker(model), split, { stage, excludeSeen, maxUsers, onBatch: () => yieldToEventLoop() });
  }
}
