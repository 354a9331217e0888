/**
 * "Just use PyTorch?": the merchant's model trained on this machine by the cluster trainer (PyTorch
 * DistributedDataParallel under torchrun, `npm run train:cluster`) and by the app itself in headless Chromium (TF.js
 * wasm in the recommender Worker, `npm run bench:recs`), one after the other in one run, on the same data with the
 * same recipe, each measuring the test items at every validation (off the clock). Prints the time to quality (the
 * first validation whose test NDCG@10 reaches --target) of each, side by side, and their ratio, and ranks the cluster's
 * file with the app's TF.js code (`eval:recs -- --model pretrained`), which is the figure that counts.
 *
 *   npm run bench:cluster -- [--data ../shared/data/s3rec-amazon/Beauty.txt] [--nproc 2] [--target 0.05]
 *                            [--time-budget 900] [--skip-browser] [--out-model FILE]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { describeError } from '../src/shared/errors.ts';
import type { TrainRequest, ValidationPoint } from '../src/shared/training.ts';
import { initBackend } from '../workers/recommender/backend.ts';
import { evaluate } from '../workers/recommender/eval/evaluate.ts';
import { leaveOneOut } from '../workers/recommender/eval/split.ts';
import { sasrecRanker } from '../workers/recommender/model/ranker.ts';
import { trainOnCluster, writeModelFile } from './cluster/run.ts';
import { busyProcesses, loadAverage, openBenchPage } from './recs/bench-browser.ts';
import { DATA_FLAG_OPTIONS, readDataset } from './recs/data-flags.ts';
import { numberFlag } from './recs/model-flags.ts';
import { loadPretrained } from './recs/pretrained-model.ts';

const HELP = `Usage: npm run bench:cluster -- [options]

  --data FILE          interactions file (default ../shared/data/s3rec-amazon/Beauty.txt)
  --format F           its format (default s3rec; as for eval:recs)
  --nproc N            cluster processes on this machine (default 2: gloo, one thread each)
  --target X           the quality to reach: test NDCG@10 (default 0.05)
  --time-budget S      each run's training budget in seconds (default 900)
  --skip-browser       the cluster run only
  --out-model FILE     keep the cluster's pre-trained model file (default .bench/cluster-model-<time>.json)
  --out FILE           every figure as JSON (default .bench/cluster-<time>.json)
`;

interface Side {
  engine: string;
  curve: ValidationPoint[];
  trainSeconds: number;
  wallSeconds: number;
  finalTest: { ndcg10: number; hr10: number } | null;
  stopReason: string;
  epochs: number;
  msPerStep: number;
}

function firstAt(curve: readonly ValidationPoint[], target: number): ValidationPoint | null {
  return curve.find((c) => (c.test?.ndcg10 ?? 0) >= target) ?? null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ...DATA_FLAG_OPTIONS,
      nproc: { type: 'string', default: '2' },
      target: { type: 'string', default: '0.05' },
      'time-budget': { type: 'string', default: '900' },
      'skip-browser': { type: 'boolean', default: false },
      'out-model': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const target = numberFlag(values, 'target') ?? 0.05;
  const budget = numberFlag(values, 'time-budget') ?? 900;
  const nproc = numberFlag(values, 'nproc') ?? 2;
  const { data, file, format } = readDataset(values);
  const started = new Date();
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const results: Record<string, unknown> = { dataset: basename(file), target, started: started.toISOString(), load_before: loadAverage(), busy_before: busyProcesses() };
  console.log(`bench:cluster on ${basename(file)}: time to test NDCG@10 ≥ ${target}, the same recipe on both sides; ${results.load_before}`);
  if (results.busy_before) console.log(`other busy processes: ${results.busy_before}`);
  await initBackend('wasm');

  // 1. The cluster trainer, then its file ranked by the app's TF.js code.
  const t0 = performance.now();
  const cluster = await trainOnCluster({
    data,
    catalog: null,
    model: {},
    train: { timeBudgetS: budget, testEachValidation: true },
    recipe: true,
    launch: { nproc, nnodes: 1, nodeRank: 0, masterAddr: '127.0.0.1', masterPort: 29500, device: 'cpu', threads: 1 },
    id: `bench:${basename(file)}`,
    log: (s) => console.log(s),
  });
  const clusterWall = (performance.now() - t0) / 1000;
  const modelPath = resolve(values['out-model'] ?? `.bench/cluster-model-${stamp}.json`);
  mkdirSync(dirname(modelPath), { recursive: true });
  const size = writeModelFile(modelPath, cluster.file!);
  const split = leaveOneOut(data);
  const { model } = loadPretrained(modelPath, data.numItems, data.itemIds, undefined);
  const tfjsTest = await evaluate(sasrecRanker(model), split, { stage: 'test' });
  model.dispose();
  const r = cluster.report!;
  const sides: Side[] = [
    {
      engine: `PyTorch ${String(r.engine.torch)} DDP, ${nproc} process${nproc > 1 ? 'es' : ''} × 1 thread (gloo)`,
      curve: r.curve,
      trainSeconds: r.trainSeconds,
      wallSeconds: clusterWall,
      finalTest: { ndcg10: tfjsTest.ndcg10, hr10: tfjsTest.hr10 },
      stopReason: r.stopReason,
      epochs: r.epochsRun,
      msPerStep: r.msPerStep,
    },
  ];
  console.log(`cluster model file: ${modelPath} (${size}); ranked by the app's TF.js code: test NDCG@10 ${tfjsTest.ndcg10.toFixed(4)}, HR@10 ${tfjsTest.hr10.toFixed(4)} (${tfjsTest.users} users)`);

  // 2. The app itself, in the browser's recommender Worker.
  if (!values['skip-browser']) {
    const bench = await openBenchPage(file);
    try {
      const request: TrainRequest = {
        data: { kind: 'url', url: bench.dataUrl, format },
        recipe: true,
        train: { timeBudgetS: budget, testEachValidation: true, checkpointEveryS: 0 },
        backend: 'wasm',
        checkpointId: null,
        evaluateTest: true,
        progressIntervalMs: 10_000,
      };
      const tb = performance.now();
      const { result } = await bench.train(request, 'browser');
      const rep = result.report;
      sides.push({
        engine: `TF.js wasm in a Worker, headless Chromium ${bench.browser.version()}, 1 thread`,
        curve: rep.curve,
        trainSeconds: rep.trainSeconds,
        wallSeconds: (performance.now() - tb) / 1000,
        finalTest: result.test ? { ndcg10: result.test.ndcg10, hr10: result.test.hr10 } : null,
        stopReason: rep.stopReason,
        epochs: rep.epochsRun,
        msPerStep: rep.msPerStep,
      });
    } finally {
      await bench.close();
    }
  }

  // 3. Side by side.
  console.log(`\nTime to quality (test NDCG@10 ≥ ${target}; seconds of training, test evaluations off the clock):`);
  console.log('engine                                                          to target s  epoch  final test NDCG@10  HR@10   train s  ms/step  stop');
  const rows = sides.map((s) => {
    const at = firstAt(s.curve, target);
    console.log(
      `${s.engine.padEnd(63)} ${(at ? at.elapsedS.toFixed(0) : 'never').padStart(11)}  ${(at ? at.epoch.toFixed(1) : '-').padStart(5)}  ${(s.finalTest?.ndcg10.toFixed(4) ?? '-').padStart(18)}  ${s.finalTest?.hr10.toFixed(4) ?? '-'}  ${s.trainSeconds.toFixed(0).padStart(7)}  ${s.msPerStep.toFixed(0).padStart(7)}  ${s.stopReason}`,
    );
    return { engine: s.engine, to_target_s: at?.elapsedS ?? null, to_target_epoch: at?.epoch ?? null, final_test: s.finalTest, train_seconds: s.trainSeconds, wall_seconds: s.wallSeconds, ms_per_step: s.msPerStep, epochs: s.epochs, stop_reason: s.stopReason, curve: s.curve };
  });
  if (rows.length === 2 && rows[0].to_target_s && rows[1].to_target_s) {
    console.log(`browser / cluster: ${(rows[1].to_target_s / rows[0].to_target_s).toFixed(2)}× the time to quality (${(rows[1].train_seconds / rows[0].train_seconds).toFixed(2)}× the whole training)`);
  }
  console.log(`cluster wall time with torch start-up and data preparation: ${clusterWall.toFixed(0)} s`);
  results.runs = rows;
  results.cluster_model = { path: modelPath, size, command: cluster.command, why: cluster.why };
  results.load_after = loadAverage();
  results.busy_after = busyProcesses();
  console.log(`${results.load_after as string} at the end; other busy processes: ${(results.busy_after as string) || 'none'}`);
  const out = resolve(values.out ?? `.bench/cluster-${stamp}.json`);
  writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`figures written to ${out}`);
}

main().catch((err: unknown) => {
  console.error(`bench:cluster: ${describeError(err)}`);
  process.exit(1);
});
