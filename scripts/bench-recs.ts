/**
 * Browser benchmark of the preference model: trains SASRec in headless Chromium (Debian's, flags from
 * scripts/vite/chromium.ts), in the real recommender Worker, on a chosen dataset and backend, and prints
 *   1. ms per step side by side for each backend (same data, model, seed), examples/s, first-step time, memory;
 *   2. the time-to-quality table of the main run (wall seconds vs validation NDCG@10) and its test metrics;
 *   3. top-10 latency for one user over a 100,000-item catalogue in the Worker (p50, p95).
 *
 *   npm run bench:recs -- [--data ../shared/data/s3rec-amazon/Beauty.txt] [--backend wasm] [--time-budget 780]
 *
 * Files are served by the Vite dev server (the page and worker are the same modules the app uses); the dataset is
 * served at /bench-data/<file name> from its folder. Run with --help for every option.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BackendPreference, TrainRequest, TrainResult } from '../src/shared/training.ts';
import type { RecsBench } from '../tests/browser/recs/bench-page.ts';
import { busyProcesses, loadAverage, openBenchPage } from './recs/bench-browser.ts';
import { MODEL_FLAG_OPTIONS, MODEL_FLAGS_HELP, modelFlags, numberFlag } from './recs/model-flags.ts';
import { describeError } from '../src/shared/errors.ts';

const HELP = `Usage: npm run bench:recs -- [options]

  --data FILE            dataset (default ../shared/data/s3rec-amazon/Beauty.txt)
  --format F             s3rec | movielens | events-csv (default s3rec)
  --backend B            backend of the main run: wasm | webgpu | webgl | cpu | auto (default wasm)
  --compare LIST         backends to time side by side (default wasm,webgpu,webgl,cpu; "none" to skip)
  --compare-steps N      optimizer steps per compared backend (default 12; the first two are not timed)
  --compare-seconds S    time limit per compared backend (default 300)
  --time-budget S        training budget of the main run in seconds (default 780; 0 = skip the main run)
  --epochs N             epochs of the main run; the cosine schedule spans them (default 20; the budget may end it first)
  --recipe               the main run takes its settings from the data (workers/recommender/model/recipe.ts; epochs by
                         validation); explicit flags still win
  --validation-users N   users per validation (default 0 = all)
  --validate-every E     epochs between validations (default 1)
${MODEL_FLAGS_HELP}  --curve-test           also measure the test items at each validation (its time is left out of the curve)
  --inference-items N    catalogue size for the latency test (default 100000; 0 = skip)
  --inference-calls N    top-10 requests timed (default 100)
  --out FILE             also write every figure as JSON (default .bench/recs-<time>.json)
`;

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/s3rec-amazon/Beauty.txt' },
    format: { type: 'string', default: 's3rec' },
    backend: { type: 'string', default: 'wasm' },
    compare: { type: 'string', default: 'wasm,webgpu,webgl,cpu' },
    'compare-steps': { type: 'string', default: '12' },
    'compare-seconds': { type: 'string', default: '300' },
    'time-budget': { type: 'string', default: '780' },
    epochs: { type: 'string' },
    'validation-users': { type: 'string', default: '0' },
    'validate-every': { type: 'string', default: '1' },
    ...MODEL_FLAG_OPTIONS,
    'inference-items': { type: 'string', default: '100000' },
    'inference-calls': { type: 'string', default: '100' },
    'curve-test': { type: 'boolean', default: false },
    recipe: { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

const mb = (b: number | null | undefined) => (b == null ? '-' : (b / 1048576).toFixed(0));

async function main(): Promise<void> {
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const file = resolve(String(values.data));
  if (!existsSync(file)) throw new Error(`--data ${file} does not exist. Point it at a dataset (see --help).`);
  const { model, train } = modelFlags(values);
  const started = Date.now();
  const loadBefore = loadAverage();
  const busyBefore = busyProcesses();
  const bench = await openBenchPage(file);
  const { page, browser } = bench;
  const data: TrainRequest['data'] = { kind: 'url', url: bench.dataUrl, format: values.format as 's3rec' };
  const recipe = Boolean(values.recipe);
  const results: Record<string, unknown> = {
    dataset: basename(file),
    started: new Date(started).toISOString(),
    load_before: loadBefore,
    busy_before: busyBefore,
    chromium: browser.version(),
  };
  try {
    console.log(`Aisle recommender benchmark: ${basename(file)} in headless Chromium ${browser.version()}, ${loadBefore}`);
    if (busyBefore) console.log(`other busy processes: ${busyBefore}`);

    // 1. Backends side by side.
    const compare = String(values.compare) === 'none' ? [] : String(values.compare).split(',').map((s) => s.trim()) as BackendPreference[];
    const rows: Array<Record<string, unknown>> = [];
    for (const backend of compare) {
      const request: TrainRequest = {
        data,
        model,
        train: { ...train, epochs: 1000, maxSteps: numberFlag(values, 'compare-steps') ?? 12, timeBudgetS: numberFlag(values, 'compare-seconds') ?? 300, validateEvery: 0, checkpointEveryS: 0 },
        backend,
        checkpointId: null,
        progressIntervalMs: 0,
      };
      try {
        const [r, gap] = await page.evaluate(
          async ([req, label]) => Promise.all([(window as unknown as { recsBench: RecsBench }).recsBench.train(req, label), (window as unknown as { recsBench: RecsBench }).recsBench.longestFrameGap(8000)]),
          [request, backend] as const,
        );
        const rep = r.result.report;
        rows.push({
          requested: backend,
          backend: rep.backend.backend,
          reason: rep.backend.reason,
          adapter: rep.backend.adapter ?? null,
          simd: rep.backend.simd ?? null,
          steps: rep.steps,
          first_step_ms: Math.round(rep.firstStepMs),
          ms_per_step: Math.round(rep.msPerStep * 10) / 10,
          examples_per_s: Math.round(rep.examplesPerSecond),
          peak_tensor_mb: Number(mb(rep.peakTensorBytes)),
          wasm_heap_mb: rep.wasmHeapBytes == null ? null : Number(mb(rep.wasmHeapBytes)),
          longest_main_thread_gap_ms: Math.round(gap),
          // Every step reports (progressIntervalMs 0), so this is the loss of the last step: equal across backends
          // within float tolerance, since batches, negatives, dropout masks and initial weights come from the seed.
          last_loss: r.losses.length ? Math.round(r.losses[r.losses.length - 1] * 10000) / 10000 : null,
        });
      } catch (err) {
        rows.push({ requested: backend, error: describeError(err) });
      }
    }
    if (rows.length) {
      console.log('\nBackends, same run side by side (ms per optimizer step, first two steps excluded):');
      console.log('requested  ran      ms/step  first ms  examples/s  peak tensors MB  wasm heap MB  UI gap ms  last loss  adapter / reason');
      for (const r of rows) {
        if (r.error) {
          console.log(`${String(r.requested).padEnd(10)} failed: ${r.error}`);
          continue;
        }
        console.log(
          `${String(r.requested).padEnd(10)} ${String(r.backend).padEnd(8)} ${String(r.ms_per_step).padStart(7)}  ${String(r.first_step_ms).padStart(8)}  ${String(r.examples_per_s).padStart(10)}  ${String(r.peak_tensor_mb).padStart(15)}  ${String(r.wasm_heap_mb ?? '-').padStart(12)}  ${String(r.longest_main_thread_gap_ms).padStart(9)}  ${String(r.last_loss).padStart(9)}  ${r.adapter ?? ''}${r.simd === true ? 'SIMD' : ''} ${r.reason}`,
        );
      }
      results.backends = rows;
    }

    // 2. The main run: from scratch to the time budget, validating as it goes.
    const budget = numberFlag(values, 'time-budget') ?? 780;
    if (budget > 0) {
      const backend = String(values.backend) as BackendPreference;
      const request: TrainRequest = {
        data,
        model,
        recipe,
        train: {
          ...train,
          ...(recipe && values.epochs === undefined ? {} : { epochs: numberFlag(values, 'epochs') ?? 20 }),
          timeBudgetS: budget,
          validateEvery: numberFlag(values, 'validate-every') ?? 1,
          validationUsers: numberFlag(values, 'validation-users') ?? 0,
          checkpointEveryS: 0,
          testEachValidation: Boolean(values['curve-test']),
        },
        backend,
        checkpointId: null,
        evaluateTest: true,
        progressIntervalMs: 10_000,
      };
      const t0 = Date.now();
      const r = (await page.evaluate(async ([req]) => (window as unknown as { recsBench: RecsBench }).recsBench.train(req, 'main'), [request] as const)) as {
        result: TrainResult;
        wallMs: number;
      };
      const wallS = (Date.now() - t0) / 1000;
      const rep = r.result.report;
      console.log(
        `\nMain run on ${rep.backend.backend}${rep.backend.simd ? ' (SIMD)' : ''}: SASRec d=${r.result.config.dim}, ${r.result.config.blocks} block(s), ` +
          `${r.result.options.loss}${r.result.options.loss === 'sampled-softmax' ? ` (${r.result.options.negatives} negatives)` : ''}, ` +
          `lr ${r.result.options.learningRate}, dropout ${r.result.config.dropout}, ${r.result.dataset.users} users, ${r.result.dataset.items} items`,
      );
      console.log(
        'Time to quality (wall seconds since the worker started training; validation = second-to-last items' +
          (rep.curve.some((c) => c.test) ? '; test = last items, its evaluation time left out of the seconds' : '') +
          '):',
      );
      const withTest = rep.curve.some((c) => c.test);
      console.log(`  wall s   epoch   valid NDCG@10   valid HR@10${withTest ? '   test NDCG@10   test HR@10' : ''}`);
      for (const c of rep.curve) {
        const t = c.test ? `   ${c.test.ndcg10.toFixed(4).padStart(12)}   ${c.test.hr10.toFixed(4).padStart(10)}` : '';
        console.log(`${c.elapsedS.toFixed(0).padStart(7)}  ${c.epoch.toFixed(1).padStart(6)}   ${c.ndcg10.toFixed(4).padStart(13)}   ${c.hr10.toFixed(4).padStart(11)}${t}`);
      }
      const test = r.result.test;
      console.log(
        `Stopped: ${rep.stopReason} after ${rep.epochsRun.toFixed(1)} epochs, ${rep.steps} steps, ${rep.trainSeconds.toFixed(0)} s training; ` +
          `best validation at epoch ${rep.best?.epoch.toFixed(1) ?? '-'} (weights restored).`,
      );
      if (test) {
        console.log(
          `TEST (last items, all ${r.result.dataset.items} items ranked, seen ${test.seenExcluded ? 'excluded' : 'kept'}): ` +
            `NDCG@10 ${test.ndcg10.toFixed(4)}  HR@10 ${test.hr10.toFixed(4)}  MRR ${test.mrr.toFixed(4)}  coverage ${test.coverage.toFixed(3)}  users ${test.users}`,
        );
      }
      console.log(
        `Wall time, train() call to result in the page: ${wallS.toFixed(0)} s; ${rep.msPerStep.toFixed(1)} ms/step, ` +
          `${rep.examplesPerSecond.toFixed(0)} examples/s; peak tensors ${mb(rep.peakTensorBytes)} MB, wasm heap ${mb(rep.wasmHeapBytes)} MB`,
      );
      results.main = {
        backend: rep.backend,
        config: r.result.config,
        options: r.result.options,
        dataset: r.result.dataset,
        wall_seconds: wallS,
        train_seconds: rep.trainSeconds,
        epochs: rep.epochsRun,
        steps: rep.steps,
        stop_reason: rep.stopReason,
        ms_per_step: rep.msPerStep,
        examples_per_s: rep.examplesPerSecond,
        peak_tensor_bytes: rep.peakTensorBytes,
        wasm_heap_bytes: rep.wasmHeapBytes,
        curve: rep.curve,
        best: rep.best,
        test,
      };
    }

    // 3. Inference over a large catalogue.
    const items = numberFlag(values, 'inference-items') ?? 100_000;
    if (items > 0) {
      const backend = String(values.backend) as BackendPreference;
      const inf = await page.evaluate(
        async ([opts]) => (window as unknown as { recsBench: RecsBench }).recsBench.inference(opts),
        [{ numItems: items, calls: numberFlag(values, 'inference-calls') ?? 100, historyLength: 20, backend }] as const,
      );
      console.log(
        `\nInference on ${inf.backend}: top-10 for one user over ${items.toLocaleString('en')} items (d=64, 1 block, 20-item history): ` +
          `round trip p50 ${inf.roundTripP50.toFixed(1)} ms, p95 ${inf.roundTripP95.toFixed(1)} ms; ` +
          `in the worker p50 ${inf.computeP50.toFixed(1)} ms, p95 ${inf.computeP95.toFixed(1)} ms`,
      );
      results.inference = { items, ...inf };
    }
  } finally {
    await bench.close();
  }
  results.load_after = loadAverage();
  results.busy_after = busyProcesses();
  results.total_seconds = (Date.now() - started) / 1000;
  console.log(`\n${results.load_after as string} at the end; other busy processes: ${(results.busy_after as string) || 'none'}`);
  const out = values.out ?? resolve('.bench', `recs-${new Date(started).toISOString().replace(/[:.]/g, '-')}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`figures written to ${out}`);
}

main().catch((err: unknown) => {
  console.error(`bench:recs: ${describeError(err)}`);
  process.exit(1);
});
