/**
 * Offline evaluation of the recommender models with the literature's protocol (leave-one-out, full ranking over all
 * items, HR@10, NDCG@10, MRR, coverage), using the same model code as the browser (TF.js wasm backend in Node).
 *
 *   npm run eval:recs -- --data ../shared/data/s3rec-amazon/Beauty.txt --format s3rec --model all --json
 *
 * Run with --help for every option.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { ConfigError, describeError } from '../src/shared/errors.ts';
import type { RankingMetrics, SasrecConfig, TrainOptions, TrainProgress } from '../src/shared/training.ts';
import { initBackend, parseBackendPreference } from '../workers/recommender/backend.ts';
import { BASELINES, createBaseline, type BaselineName } from '../workers/recommender/eval/baselines/index.ts';
import { datasetStats } from '../workers/recommender/eval/datasets.ts';
import { evaluate } from '../workers/recommender/eval/evaluate.ts';
import { historyFor, leaveOneOut, type LeaveOneOutSplit } from '../workers/recommender/eval/split.ts';
import { SasrecModel } from '../workers/recommender/model/model.ts';
import { recipeFor } from '../workers/recommender/model/recipe.ts';
import { sasrecRanker } from '../workers/recommender/model/ranker.ts';
import { Trainer } from '../workers/recommender/model/train.ts';
import { validateSasrecConfig, validateTrainOptions } from '../workers/recommender/model/validate-config.ts';
import type { ItemFeatures, TrainReport } from '../workers/recommender/model/types.ts';
import { DATA_FLAG_OPTIONS, DATA_FLAGS_HELP, readDataset, withCatalog } from './recs/data-flags.ts';
import { MODEL_FLAG_OPTIONS, MODEL_FLAGS_HELP, modelFlags, numberFlag } from './recs/model-flags.ts';
import { loadPretrained } from './recs/pretrained-model.ts';
import { searchLrDropout, SEARCH_HELP } from './recs/search.ts';

const MODELS = ['sasrec', ...BASELINES, 'pretrained'] as const;
type ModelName = (typeof MODELS)[number];

const HELP = `Usage: npm run eval:recs -- [options]

${DATA_FLAGS_HELP.replace('interactions file', 'interactions file (default ../shared/data/s3rec-amazon/Beauty.txt)')}  --model M              ${MODELS.join(' | ')} | all (all but pretrained), or a comma list (default all)
  --pretrained FILE      --model pretrained: an "aisle-model" file (src/shared/pretrained.ts), e.g. from
                         npm run train:cluster, ranked as it is by the app's TF.js code (no training); a content
                         model needs the --catalog it was trained for
  --json                 one JSON object per model per line
  --keep-seen            rank the user's already-seen items too (default: excluded)
  --eval-users N         evaluate on at most N users (default all)
  --backend B            wasm | cpu | auto (default auto = wasm, then cpu)
  --refit-with-valid     baselines only: refit on everything before the test item (validation items included)
                         before testing, the looser protocol some papers use (SASRec always trains on the
                         training part only)

 SASRec:
  --recipe               settings from the data (workers/recommender/model/recipe.ts): negatives a third of the
                         catalogue, maxLen from the history lengths, epochs by validation (plateau schedule);
                         flags given explicitly still win
${SEARCH_HELP}  --epochs N             passes over the data (default 20; fractions allowed; with --recipe, the cap)
  --time-budget S        stop training after S seconds (default none)
${MODEL_FLAGS_HELP}  --validate-every E     validate every E epochs (default 1)
  --validation-users N   validate on at most N users (default 0 = all)
  --patience N           stop after N validations without improvement (default 0 = off)
  --progress             print training progress to stderr
  --curve-test           also measure the test items at each validation (left out of the curve's seconds)
`;

function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...DATA_FLAG_OPTIONS,
      model: { type: 'string', default: 'all' },
      pretrained: { type: 'string' },
      recipe: { type: 'boolean', default: false },
      search: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      'keep-seen': { type: 'boolean', default: false },
      'eval-users': { type: 'string', default: '0' },
      backend: { type: 'string', default: 'auto' },
      epochs: { type: 'string' },
      'time-budget': { type: 'string' },
      'validate-every': { type: 'string' },
      'validation-users': { type: 'string' },
      patience: { type: 'string' },
      ...MODEL_FLAG_OPTIONS,
      progress: { type: 'boolean', default: false },
      'curve-test': { type: 'boolean', default: false },
      'refit-with-valid': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return Promise.resolve();
  }
  return run(values);
}

type Values = Record<string, string | boolean | undefined>;

function parseModels(spec: string): ModelName[] {
  if (spec === 'all') return MODELS.filter((m) => m !== 'pretrained');
  const names = spec.split(',').map((s) => s.trim());
  for (const n of names) {
    if (!(MODELS as readonly string[]).includes(n)) throw new Error(`--model: unknown model "${n}"; use ${MODELS.join(', ')} or all.`);
  }
  return names as ModelName[];
}

/** What a SASRec run needs besides its settings. */
interface RunContext {
  split: LeaveOneOutSplit;
  numItems: number;
  features: ItemFeatures | undefined;
  content: SasrecConfig['content'];
  excludeSeen: boolean;
  backend: 'wasm' | 'cpu' | 'webgl' | 'webgpu';
  showProgress: boolean;
}

/** Trains SASRec with these settings (on the training part; validating on the held-out items). */
async function trainSasrec(ctx: RunContext, model: Partial<SasrecConfig>, options: TrainOptions): Promise<{ model: SasrecModel; report: TrainReport }> {
  const config = validateSasrecConfig({ numItems: ctx.numItems, ...(ctx.content ? { idEmbedding: false, content: ctx.content } : {}), ...model });
  const m = new SasrecModel(config, ctx.features);
  const trainer = new Trainer(m, { sequences: ctx.split.train, weights: ctx.split.trainWeights, validation: ctx.split, excludeSeen: ctx.excludeSeen }, options, ctx.backend);
  try {
    const report = await trainer.run({ progressIntervalMs: 5000, onProgress: ctx.showProgress ? (p: TrainProgress) => printProgress(p) : undefined });
    return { model: m, report };
  } catch (err) {
    m.dispose();
    throw err;
  } finally {
    trainer.dispose();
  }
}

async function run(values: Values): Promise<void> {
  const models = parseModels(String(values.model));
  if (models.includes('pretrained') && !values.pretrained) throw new ConfigError('--model pretrained needs --pretrained FILE (an "aisle-model" file).');
  const { data: raw, file } = readDataset(values);
  const { data, features: catalogFeatures, notes } = await withCatalog(values, raw);
  const stats = datasetStats(data);
  const split = leaveOneOut(data);
  const excludeSeen = !values['keep-seen'];
  const evalUsers = numberFlag(values, 'eval-users') ?? 0;
  const backend = await initBackend(parseBackendPreference(String(values.backend)));
  const json = Boolean(values.json);
  if (!json) {
    console.log(
      `${basename(file)}: ${stats.users} users, ${stats.items} items, ${stats.interactions} interactions; ` +
        `${split.evalUsers.length} users with validation/test items; seen items ${excludeSeen ? 'excluded' : 'kept'}; ` +
        `backend ${backend.backend}${backend.simd !== undefined ? (backend.simd ? ' (SIMD)' : ' (no SIMD)') : ''} (${backend.reason})`,
    );
    for (const n of notes) console.log(`note: ${n}`);
    console.log('model       HR@10   NDCG@10  MRR     coverage  train s  users');
  }
  for (const name of models) {
    const t0 = performance.now();
    let extra: Record<string, unknown> = {};
    let test: RankingMetrics;
    let valid: RankingMetrics | null = null;
    let trainSeconds: number;
    /** Seconds of this run spent training (a pre-trained file's training happened elsewhere). */
    let trainedHere: number | null = null;
    let backendName = 'js';
    if (name === 'sasrec') {
      const flags = modelFlags(values);
      const recipe = values.recipe ? recipeFor(split.train, data.numItems) : null;
      if (recipe && !json) for (const w of recipe.why) console.log(`recipe: ${w}`);
      const modelSettings = { ...recipe?.model, ...flags.model };
      const explicit = (o: Partial<TrainOptions>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
      let options = validateTrainOptions({
        ...recipe?.train,
        ...flags.train,
        ...explicit({
          epochs: numberFlag(values, 'epochs'),
          timeBudgetS: numberFlag(values, 'time-budget'),
          validateEvery: numberFlag(values, 'validate-every'),
          validationUsers: numberFlag(values, 'validation-users'),
          patience: numberFlag(values, 'patience'),
        }),
        checkpointEveryS: 0,
        testEachValidation: Boolean(values['curve-test']),
      });
      const ctx: RunContext = { split, numItems: data.numItems, features: catalogFeatures?.features, content: catalogFeatures?.spec ?? null, excludeSeen, backend: backend.backend, showProgress: Boolean(values.progress) };
      let search: Awaited<ReturnType<typeof searchLrDropout>> | null = null;
      if (values.search) {
        search = await searchLrDropout(
          { learningRate: options.learningRate, dropout: validateSasrecConfig({ numItems: 1, ...modelSettings }).dropout, budgetS: options.timeBudgetS, fixed: { lr: flags.train.learningRate !== undefined, dropout: flags.model.dropout !== undefined } },
          async (trial) => {
            const r = await trainSasrec(ctx, { ...modelSettings, dropout: trial.dropout }, validateTrainOptions({ ...options, ...trial.train, learningRate: trial.learningRate }));
            r.model.dispose();
            return r.report;
          },
          json ? undefined : (line) => console.log(`search: ${line}`),
        );
        modelSettings.dropout = search.best.dropout;
        options = validateTrainOptions({ ...options, learningRate: search.best.learningRate });
      }
      const { model, report } = await trainSasrec(ctx, modelSettings, options);
      trainSeconds = report.trainSeconds + (search?.seconds ?? 0);
      test = await evaluate(sasrecRanker(model), split, { stage: 'test', excludeSeen, maxUsers: evalUsers });
      backendName = backend.backend;
      extra = {
        recipe: Boolean(recipe),
        ...(search ? { search_seconds: round(search.seconds, 1), search_trials: search.trials, final_train_seconds: round(report.trainSeconds, 1) } : {}),
        lr: options.learningRate,
        dropout: model.config.dropout,
        max_len: model.config.maxLen,
        epochs_run: round(report.epochsRun, 2),
        stop_reason: report.stopReason,
        best_epoch: report.best ? round(report.best.epoch, 2) : null,
        'valid_ndcg@10': report.best ? round(report.best.ndcg10, 5) : null,
        ms_per_step: round(report.msPerStep, 1),
        examples_per_s: Math.round(report.examplesPerSecond),
        loss: options.loss,
        negatives: options.loss === 'sampled-softmax' ? options.negatives : null,
        parameters: model.parameterCount,
        curve: report.curve.map((c) => ({
          epoch: round(c.epoch, 2),
          s: round(c.elapsedS, 1),
          'ndcg@10': round(c.ndcg10, 5),
          'hr@10': round(c.hr10, 5),
          ...(c.test ? { 'test_ndcg@10': round(c.test.ndcg10, 5), 'test_hr@10': round(c.test.hr10, 5) } : {}),
        })),
      };
      model.dispose();
    } else if (name === 'pretrained') {
      const { model, meta } = loadPretrained(String(values.pretrained), data.numItems, data.itemIds, catalogFeatures?.features);
      trainSeconds = Number((meta as { trainSeconds?: number }).trainSeconds ?? 0);
      trainedHere = 0;
      test = await evaluate(sasrecRanker(model), split, { stage: 'test', excludeSeen, maxUsers: evalUsers });
      valid = await evaluate(sasrecRanker(model), split, { stage: 'valid', excludeSeen, maxUsers: evalUsers });
      backendName = backend.backend;
      extra = { file: basename(String(values.pretrained)), trained_with: meta.engine ?? meta.backend ?? null, content_model: Boolean(model.config.content), 'valid_ndcg@10': round(valid.ndcg10, 5) };
      model.dispose();
    } else {
      const m = createBaseline(name as BaselineName);
      await m.fit(split.train, { numItems: data.numItems, times: split.trainTimes, seed: numberFlag(values, 'seed') ?? 42 });
      trainSeconds = (performance.now() - t0) / 1000;
      valid = await evaluate(m, split, { stage: 'valid', excludeSeen, maxUsers: evalUsers });
      if (values['refit-with-valid']) {
        // The looser protocol some papers use: refit on everything before the test item (validation items included).
        const withValid = split.train.map((_, u) => (split.validItem[u] >= 0 ? historyFor(split, u, 'test') : split.train[u]));
        const times = split.trainTimes && data.times ? data.times.map((t, u) => (split.validItem[u] >= 0 ? t.subarray(0, t.length - 1) : t)) : undefined;
        m.dispose?.();
        await m.fit(withValid, { numItems: data.numItems, times, seed: numberFlag(values, 'seed') ?? 42 });
        extra = { ...extra, refit_with_valid: true };
      }
      test = await evaluate(m, split, { stage: 'test', excludeSeen, maxUsers: evalUsers });
      backendName = m.backend;
      if (name === 'popular') extra = { ...extra, time_decay: (m as { timeDecayed?: boolean }).timeDecayed ?? false };
      if (valid) extra = { ...extra, 'valid_ndcg@10': round(valid.ndcg10, 5) };
      m.dispose?.();
    }
    const row = {
      model: name,
      dataset: basename(file),
      'hr@10': round(test.hr10, 5),
      'ndcg@10': round(test.ndcg10, 5),
      mrr: round(test.mrr, 5),
      coverage: round(test.coverage, 4),
      users: test.users,
      items: data.numItems,
      train_seconds: round(trainSeconds, 1),
      eval_seconds: round((performance.now() - t0) / 1000 - (trainedHere ?? trainSeconds), 1),
      backend: backendName,
      seen_excluded: test.seenExcluded,
      ...extra,
    };
    if (json) console.log(JSON.stringify(row));
    else {
      console.log(
        `${name.padEnd(11)} ${fmt(test.hr10)}  ${fmt(test.ndcg10)}   ${fmt(test.mrr)}  ${fmt(test.coverage, 3).padEnd(8)}  ${trainSeconds.toFixed(1).padStart(7)}  ${test.users}`,
      );
      if (name === 'sasrec' && Array.isArray(extra.curve)) {
        console.log(`            ${(extra.curve as Array<Record<string, number>>).map((c) => `${c.s}s:${c['ndcg@10']}`).join(' ')}`);
      }
    }
    if (tf.memory().numTensors > 0 && process.env.RECS_DEBUG) console.error(`tensors alive: ${tf.memory().numTensors}`);
  }
}

function printProgress(p: TrainProgress): void {
  const v = p.validation ? ` valid NDCG@10 ${p.validation.ndcg10.toFixed(4)}` : '';
  process.stderr.write(
    `[${(p.fraction * 100).toFixed(0).padStart(3)}%] ${p.phase} epoch ${p.epoch} step ${p.step} loss ${p.loss?.toFixed(4) ?? '-'} ` +
      `${p.msPerStep?.toFixed(0) ?? '-'} ms/step ${p.examplesPerSecond?.toFixed(0) ?? '-'} ex/s ${p.elapsedS.toFixed(0)} s${v}\n`,
  );
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function fmt(x: number, digits = 4): string {
  return x.toFixed(digits);
}

main().catch((err: unknown) => {
  if (process.env.RECS_DEBUG) console.error(err);
  const name = (err as { name?: string }).name;
  console.error(`eval:recs: ${name && name !== 'Error' ? `${name}: ` : ''}${describeError(err)}`);
  process.exit(1);
});
