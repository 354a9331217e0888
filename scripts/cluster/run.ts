/**
 * The merchant's model on a cluster, from Node: prepares the training data with the app's own readers, recipe and item
 * features, runs the PyTorch trainer (scripts/cluster/train.py) under torchrun, and writes what it learned as the
 * app's pre-trained model file (src/shared/pretrained.ts), checked by loading it into the app's TF.js model. Used by
 * `npm run train:cluster` and `npm run bench:cluster`. Node only.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../../src/shared/errors.ts';
import { formatBytes } from '../../src/shared/format.ts';
import { parsePretrained, pretrainedFile } from '../../src/shared/pretrained.ts';
import type { NamedWeights, SasrecConfig, TrainOptions, ValidationPoint } from '../../src/shared/training.ts';
import { itemsFingerprint, type SequenceDataset } from '../../workers/recommender/eval/datasets.ts';
import { leaveOneOut } from '../../workers/recommender/eval/split.ts';
import { SasrecModel } from '../../workers/recommender/model/model.ts';
import { recipeFor } from '../../workers/recommender/model/recipe.ts';
import { fingerprint } from '../../workers/recommender/model/train.ts';
import { validateSasrecConfig, validateTrainOptions } from '../../workers/recommender/model/validate-config.ts';
import type { CatalogFeatures } from '../../workers/recommender/personal/features.ts';
import { pythonPath, torchInfo } from './python.ts';
import { readTensorFolder, writeTensorFolder, type Tensor } from './tensors.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
export const TRAINER = join(HERE, 'train.py');

export interface ClusterLaunch {
  /** Processes on this machine (one per CPU core share, or per GPU). */
  nproc: number;
  /** Machines in the run (1 = this one alone, on loopback). */
  nnodes: number;
  nodeRank: number;
  masterAddr: string;
  masterPort: number;
  device: 'auto' | 'cpu' | 'cuda';
  threads: number;
}

export interface ClusterRequest {
  /** The log (in the catalog's item order when there is a catalog). */
  data: SequenceDataset;
  /** A catalog's item features: the model is then content-only, as the shopper's model on the device. */
  catalog: { name: string; features: CatalogFeatures } | null;
  model: Partial<SasrecConfig>;
  train: Partial<TrainOptions>;
  /** Settings from the data (recipe.ts) under the explicit ones. */
  recipe: boolean;
  launch: ClusterLaunch;
  /** Keep the prepared data and the trainer's output here (default: a temporary folder, removed afterwards). */
  workDir?: string;
  /** The checkpoint's id inside the file. */
  id: string;
  log?: (line: string) => void;
}

export interface ClusterResult {
  /** The pre-trained model file (only on the machine that ran rank 0; null elsewhere). */
  file: ReturnType<typeof pretrainedFile> | null;
  config: SasrecConfig;
  options: TrainOptions;
  why: string[];
  report: {
    stopReason: string;
    epochsRun: number;
    steps: number;
    trainSeconds: number;
    msPerStep: number;
    curve: ValidationPoint[];
    best: ValidationPoint | null;
    engine: Record<string, unknown>;
  } | null;
  /** Wall seconds of the torchrun command (start-up, data loading and training). */
  wallSeconds: number;
  command: string[];
}

/** The torchrun command line (python -m torch.distributed.run is torchrun, with the chosen interpreter; the
 * underscore spellings work in torch 1.13 and in 2.x). */
export function torchrunArgs(launch: ClusterLaunch, prepared: string, out: string, logDir: string): string[] {
  const rendezvous =
    launch.nnodes > 1
      ? ['--nnodes', String(launch.nnodes), '--node_rank', String(launch.nodeRank), '--master_addr', launch.masterAddr, '--master_port', String(launch.masterPort)]
      : ['--standalone', '--nnodes', '1'];
  // Each process's stdout to the console and to a log file (stderr, where the trainer reports, stays on the console).
  // Set explicitly because torch 1.13 on Python 3.11 cannot parse its own default ("0"), nor "3" (IntFlag iteration
  // changed in 3.11); "1" works everywhere.
  const output = ['--redirects', '1', '--tee', '1', '--log_dir', logDir];
  return ['-m', 'torch.distributed.run', ...rendezvous, ...output, '--nproc_per_node', String(launch.nproc), TRAINER, '--prepared', prepared, '--out', out, '--device', launch.device, '--threads', String(launch.threads)];
}

/** The training data as the trainer reads it: the leave-one-out split, and the item features of a content model. */
function preparedTensors(data: SequenceDataset, features: CatalogFeatures | null): Tensor[] {
  const split = leaveOneOut(data);
  const offsets = new Int32Array(split.train.length + 1);
  split.train.forEach((s, u) => (offsets[u + 1] = offsets[u] + s.length));
  const items = new Int32Array(offsets[split.train.length]);
  split.train.forEach((s, u) => items.set(s, offsets[u]));
  const out: Tensor[] = [
    { name: 'train/items', shape: [items.length], data: items },
    { name: 'train/offsets', shape: [offsets.length], data: offsets },
    { name: 'valid/item', shape: [split.validItem.length], data: split.validItem },
    { name: 'test/item', shape: [split.testItem.length], data: split.testItem },
  ];
  if (split.trainWeights) {
    const w = new Float32Array(items.length);
    split.trainWeights.forEach((x, u) => w.set(x, offsets[u]));
    out.push({ name: 'train/weights', shape: [w.length], data: w });
  }
  const f = features?.features;
  if (f?.text) out.push({ name: 'features/text', shape: [data.numItems, f.text.dim], data: f.text.data });
  if (f?.category) out.push({ name: 'features/category', shape: [data.numItems], data: f.category.data });
  if (f?.priceBand) out.push({ name: 'features/priceBand', shape: [data.numItems], data: f.priceBand.data });
  return out;
}

function runProcess(cmd: string, args: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolveExit, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 128 : 1)));
  });
}

/** Prepares, trains on the cluster (or this machine), and packages the result as the app's pre-trained model file. */
export async function trainOnCluster(req: ClusterRequest): Promise<ClusterResult> {
  const log = req.log ?? (() => {});
  const torch = torchInfo();
  const { launch } = req;
  if (launch.device === 'cuda' && torch.cuda === 0) throw new ConfigError('--device cuda: torch sees no CUDA device on this machine; use --device cpu (gloo) or install a CUDA build of torch.');
  const useCuda = launch.device === 'cuda' || (launch.device === 'auto' && torch.cuda > 0);
  if (useCuda && launch.nproc > torch.cuda) throw new ConfigError(`--nproc ${launch.nproc}: this machine has ${torch.cuda} CUDA device(s); run one process per GPU.`);
  if (!useCuda && !torch.gloo) throw new ConfigError('This torch build has no gloo backend for CPU training.');
  if (useCuda && !torch.nccl) throw new ConfigError('This torch build has no nccl backend for GPU training.');

  const { data } = req;
  const split = leaveOneOut(data);
  const recipe = req.recipe ? recipeFor(split.train, data.numItems) : null;
  const content = req.catalog?.features.spec ?? null;
  const config = validateSasrecConfig({ ...recipe?.model, ...req.model, numItems: data.numItems, ...(content ? { idEmbedding: false, content } : {}) });
  const options = validateTrainOptions({ ...recipe?.train, ...req.train, checkpointEveryS: 0 });

  const work = req.workDir ? resolve(req.workDir) : mkdtempSync(join(tmpdir(), 'aisle-cluster-'));
  const prepared = join(work, 'prepared');
  const out = join(work, 'out');
  try {
    writeTensorFolder(prepared, { config, train: options }, preparedTensors(data, req.catalog?.features ?? null));
    const args = torchrunArgs(launch, prepared, out, join(work, 'logs'));
    log(`torch ${torch.version} (${useCuda ? `nccl on ${torch.cuda} GPU(s)` : 'gloo on CPUs'}): ${pythonPath()} ${args.join(' ')}`);
    const t0 = performance.now();
    const code = await runProcess(pythonPath(), args, { OMP_NUM_THREADS: String(launch.threads) });
    const wallSeconds = (performance.now() - t0) / 1000;
    if (code !== 0) throw new Error(`The cluster trainer failed (torchrun exit code ${code}); its messages are above.`);
    if (launch.nnodes > 1 && launch.nodeRank !== 0) {
      log('This machine\'s processes are done; the machine with --node-rank 0 writes the model file.');
      return { file: null, config, options, why: recipe?.why ?? [], report: null, wallSeconds, command: [pythonPath(), ...args] };
    }
    const { spec, tensors } = readTensorFolder(out);
    const report = spec.report as NonNullable<ClusterResult['report']> & { adamStep: number; horizon: unknown };
    const weights: NamedWeights = [...tensors.values()].map((t) => ({ name: t.name, shape: t.shape, data: t.data as Float32Array }));
    const file = pretrainedFile({
      id: req.id,
      savedAt: Date.now(),
      config: { model: config, train: options },
      meta: {
        step: report.steps,
        epochIndex: Math.floor(report.epochsRun),
        stepInEpoch: 0,
        planRngState: 0,
        stepRngState: 0,
        adamStep: report.adamStep,
        trainSeconds: report.trainSeconds,
        curve: report.curve,
        best: report.best,
        dataFingerprint: fingerprint(split.train, data.numItems),
        finished: true,
        horizon: report.horizon,
        engine: report.engine,
        items: { count: data.numItems, fingerprint: itemsFingerprint(data.itemIds) },
        trainedOn: { users: data.sequences.length, catalog: req.catalog?.name ?? null },
        recipe: recipe?.why ?? null,
      },
      weights,
    });
    checkLoads(file, config, req.catalog?.features ?? null);
    return { file, config, options, why: recipe?.why ?? [], report, wallSeconds, command: [pythonPath(), ...args] };
  } finally {
    if (!req.workDir) rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The file loads in the app's TF.js model as it is (every weight present, with the shapes the model expects), and
 * each optimizer moment has its weight's shape (the shopper's fine-tuning continues from them).
 */
function checkLoads(file: ReturnType<typeof pretrainedFile>, config: SasrecConfig, features: CatalogFeatures | null): void {
  const parsed = parsePretrained(JSON.parse(JSON.stringify(file)));
  const shapes = new Map(parsed.weights.map((w) => [w.name, w.shape.join('x')]));
  for (const w of parsed.weights) {
    const base = w.name.replace(/\/adam-[mv]$/, '');
    if (base !== w.name && shapes.get(base) !== w.shape.join('x')) {
      throw new Error(`The trainer's optimizer moment ${w.name} has shape [${w.shape}] but ${base} is [${shapes.get(base)}]: the moments are out of order.`);
    }
  }
  const model = new SasrecModel(config, features?.features);
  try {
    model.setWeights(parsed.weights);
  } finally {
    model.dispose();
  }
}

/** Writes the file; returns its size. */
export function writeModelFile(path: string, file: NonNullable<ClusterResult['file']>): string {
  const text = JSON.stringify(file);
  writeFileSync(path, text);
  return formatBytes(Buffer.byteLength(text));
}

