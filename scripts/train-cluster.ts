/**
 * The merchant's pre-trained model, trained with PyTorch DistributedDataParallel (gloo on CPUs, nccl on GPUs) under
 * torchrun, on one machine or many, written as the app's own pre-trained model file (src/shared/pretrained.ts):
 *
 *   npm run train:cluster -- --data FILE --format s3rec|movielens|events-csv|sequences-json --nproc N --out FILE [--epochs N]
 *   npm run train:cluster -- --data events.csv --format events-csv --catalog catalog.json --nproc 8 --out shop-model.json
 *   (several machines: the same command on each, with --nnodes M --node-rank R --master-addr HOST [--master-port P])
 *
 * With --catalog the model is content-only (items are their text vector, category and price band, built exactly as
 * the device builds them), which is what the shopper's on-device model can start from; without it, items are learned
 * ids (a benchmark model, rankable by `eval:recs -- --model pretrained`, not used by the shop). Run with --help.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '../src/shared/errors.ts';
import { initBackend } from '../workers/recommender/backend.ts';
import { datasetStats } from '../workers/recommender/eval/datasets.ts';
import { trainOnCluster, writeModelFile, type ClusterLaunch } from './cluster/run.ts';
import { DATA_FLAG_OPTIONS, DATA_FLAGS_HELP, readDataset, withCatalog } from './recs/data-flags.ts';
import { MODEL_FLAG_OPTIONS, MODEL_FLAGS_HELP, modelFlags, numberFlag } from './recs/model-flags.ts';

const HELP = `Usage: npm run train:cluster -- --data FILE --format F --nproc N --out FILE [options]

${DATA_FLAGS_HELP} --out FILE             where to write the pre-trained model file ("aisle-model"; put it beside the
                         catalog and name it there: "model": "shop-model.json")
  --nproc N              processes on this machine (default 1): CPU cores to use, or GPUs
  --nnodes M             machines in the run (default 1); with M > 1 run the same command on every machine with
  --node-rank R          its rank 0..M-1 (the machine with rank 0 writes the file),
  --master-addr HOST     the address of the machine with rank 0 (default 127.0.0.1),
  --master-port P        and a free port on it (default 29500)
  --device D             auto | cpu | cuda (default auto: nccl on GPUs when torch sees them, else gloo on CPUs)
  --threads T            CPU threads per process (default 1)
  --epochs N             most epochs (default: the recipe's cap, 200; validation normally ends the run sooner)
  --time-budget S        stop training after S seconds (the learning rate decays before)
  --no-recipe            the fixed defaults (cosine over 20 epochs, 4,096 negatives, maxLen 50) instead of the recipe
  --validation-users N   validate on at most N users (default all)
  --curve-test           also measure the test items at each validation (benchmarks; off the clock)
  --id NAME              the model's id inside the file (default merchant:<catalog or data file>)
  --work DIR             keep the prepared data and the trainer's output in DIR (default: a temporary folder)
  --json                 print a JSON summary as the last line
${MODEL_FLAGS_HELP}
Python: Debian's /usr/bin/python3 with python3-torch (1.13); AISLE_PYTHON names another (e.g. one with CUDA torch).
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...DATA_FLAG_OPTIONS,
      out: { type: 'string' },
      nproc: { type: 'string', default: '1' },
      nnodes: { type: 'string', default: '1' },
      'node-rank': { type: 'string', default: '0' },
      'master-addr': { type: 'string', default: '127.0.0.1' },
      'master-port': { type: 'string', default: '29500' },
      device: { type: 'string', default: 'auto' },
      threads: { type: 'string', default: '1' },
      epochs: { type: 'string' },
      'time-budget': { type: 'string' },
      'no-recipe': { type: 'boolean', default: false },
      'validation-users': { type: 'string' },
      'curve-test': { type: 'boolean', default: false },
      id: { type: 'string' },
      work: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...MODEL_FLAG_OPTIONS,
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (!values.data) throw new Error('--data FILE is required: the interaction log to train on (see --help).');
  if (!values.out) throw new Error('--out FILE is required: where to write the pre-trained model file.');
  const device = String(values.device);
  if (!['auto', 'cpu', 'cuda'].includes(device)) throw new Error(`--device must be auto, cpu or cuda, got "${device}".`);
  const int = (name: string, min: number) => {
    const v = numberFlag(values, name);
    if (v === undefined || !Number.isInteger(v) || v < min) throw new Error(`--${name} must be an integer of at least ${min}.`);
    return v;
  };
  const launch: ClusterLaunch = {
    nproc: int('nproc', 1),
    nnodes: int('nnodes', 1),
    nodeRank: int('node-rank', 0),
    masterAddr: String(values['master-addr']),
    masterPort: int('master-port', 1),
    device: device as ClusterLaunch['device'],
    threads: int('threads', 1),
  };
  if (launch.nodeRank >= launch.nnodes) throw new Error(`--node-rank ${launch.nodeRank} must be below --nnodes ${launch.nnodes}.`);
  const log = (s: string) => !values.json && console.log(s);

  const { data: raw, file } = readDataset(values);
  log(`reading ${basename(file)}${values.catalog ? ` and the catalog ${basename(String(values.catalog))} (embedding product texts with the bundled encoder)` : ''}…`);
  await initBackend('wasm'); // the app's TF.js code checks the written file
  const { data, features, notes } = await withCatalog(values, raw);
  for (const n of notes) log(`note: ${n}`);
  const stats = datasetStats(data);
  log(`${stats.users} users, ${stats.items} items, ${stats.interactions} interactions; ${features ? `content model (text ${features.spec.textDim}-d, ${features.spec.numCategories} categories, ${features.spec.numPriceBands} price bands)` : 'id model (no --catalog: a benchmark model the shop will not use)'}`);
  const flags = modelFlags(values);
  const explicit = Object.fromEntries(
    Object.entries({ epochs: numberFlag(values, 'epochs'), timeBudgetS: numberFlag(values, 'time-budget'), validationUsers: numberFlag(values, 'validation-users') }).filter(([, v]) => v !== undefined),
  );
  const name = basename(String(values.catalog ?? file));
  const result = await trainOnCluster({
    data,
    catalog: features ? { name, features } : null,
    model: flags.model,
    train: { ...flags.train, ...explicit, testEachValidation: Boolean(values['curve-test']) },
    recipe: !values['no-recipe'],
    launch,
    workDir: values.work,
    id: values.id ?? `merchant:${name}`,
    log,
  });
  for (const w of result.why) log(`recipe: ${w}`);
  if (!result.file || !result.report) return;
  const size = writeModelFile(String(values.out), result.file);
  const r = result.report;
  log(
    `wrote ${values.out} (${size}): ${r.epochsRun.toFixed(1)} epochs, ${r.steps} steps, ${r.trainSeconds.toFixed(0)} s training (${result.wallSeconds.toFixed(0)} s with start-up), ` +
      `stopped: ${r.stopReason}; best validation NDCG@10 ${r.best ? `${r.best.ndcg10.toFixed(4)} at epoch ${r.best.epoch.toFixed(1)}` : '-'}`,
  );
  log(features
    ? `Put it beside the catalog and name it there ("model": "${basename(String(values.out))}"): each shopper's model starts from it.`
    : 'No --catalog: the file ranks this log\'s item ids (npm run eval:recs -- --model pretrained --pretrained FILE); the shop\'s on-device model starts only from a content model trained with --catalog.');
  if (values.json) {
    console.log(JSON.stringify({ out: values.out, size, config: result.config, options: result.options, ...r, wall_seconds: result.wallSeconds, command: result.command }));
  }
}

main().catch((err: unknown) => {
  if (process.env.RECS_DEBUG) console.error(err);
  const name = (err as { name?: string }).name;
  console.error(`train:cluster: ${name && name !== 'Error' ? `${name}: ` : ''}${describeError(err)}`);
  process.exit(1);
});
