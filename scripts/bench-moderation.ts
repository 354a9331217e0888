/**
 * Moderation benchmark in Node: text model size, load time and per-review latency (p50/p95) through the same engine
 * the language worker runs, plus the image model's load time and per-image latency on TF.js WASM.
 *
 *   npm run bench:moderation -- [--data ../shared/data/ott-deceptive-opinion-spam/deceptive-opinion.csv]
 *       [--text-column text] [--limit 200] [--images 20] [--json] [--node-only]
 *
 * Reviews default to the OTT hotel reviews (evaluation/benchmark use only: CC BY-NC-SA), ~150 words each, a fair
 * stand-in for product reviews. Times are wall-clock on this machine: compare figures from one run, side by side.
 * Then it runs scripts/bench-moderation-browser.ts with the same options for the in-Worker browser figures (not with
 * --node-only). With --json each half prints one JSON object on its own line.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { benchArgs, loadReviews } from './moderation/bench-input.ts';
import { checkRules, findRuleFindings, moderateText } from '../workers/language/moderation/moderate.ts';
import { normaliseViews } from '../workers/language/moderation/normalise.ts';
import { resolveModerationConfig } from '../workers/language/moderation/config.ts';
import { HOSTILE_UNITS, hostileText } from './moderation/hostile-inputs.ts';
import { loadNodeClassifier, repoModelsPath } from './moderation/node-classifier.ts';
import { MODERATION_MODEL_ID } from '../workers/language/moderation/constants.ts';

const values = benchArgs();
const LONG_CHARS = 50_000;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), mean: s.reduce((a, b) => a + b, 0) / s.length, max: s.at(-1)! };
}

async function benchText() {
  const root = repoModelsPath();
  const meta = JSON.parse(readFileSync(join(root, MODERATION_MODEL_ID, 'aisle-model.json'), 'utf8')) as { files: string[] };
  const bytes = meta.files.reduce((n, f) => n + statSync(join(root, MODERATION_MODEL_ID, f)).size, 0);
  const onnxBytes = statSync(join(root, MODERATION_MODEL_ID, 'onnx/model.onnx')).size;

  let t = performance.now();
  const classifier = await loadNodeClassifier();
  const loadMs = performance.now() - t;

  const reviews = loadReviews(values);
  const chars = reviews.reduce((n, r) => n + r.length, 0) / reviews.length;
  for (const r of reviews.slice(0, 5)) await moderateText(r, { classifier }); // warm-up
  const total: number[] = [];
  const rules: number[] = [];
  for (const r of reviews) {
    t = performance.now();
    checkRules(r);
    rules.push(performance.now() - t);
    t = performance.now();
    const result = await moderateText(r, { classifier });
    total.push(performance.now() - t);
    if (result.decision === 'hold') throw new Error(`held: ${result.held?.cause}`);
  }
  // The rules on long texts (the engine's cap lifted): ms per 10,000 characters on hostile runs of what the patterns
  // look for (the slowest of scripts/moderation/hostile-inputs.ts) against ordinary reviews joined to the same length.
  const long = resolveModerationConfig({ maxChars: LONG_CHARS });
  const rulesMs = (text: string) => {
    const t0 = performance.now();
    findRuleFindings(normaliseViews(text), long);
    return performance.now() - t0;
  };
  let ordinaryText = '';
  while (ordinaryText.length < LONG_CHARS) ordinaryText += reviews.join('\n\n') + '\n\n';
  const ordinaryPer10k = (rulesMs(ordinaryText.slice(0, LONG_CHARS)) / LONG_CHARS) * 10_000;
  let worst = { input: '', per10k: 0 };
  for (const [unit, end] of HOSTILE_UNITS) {
    const per10k = (rulesMs(hostileText(unit, end, LONG_CHARS)) / LONG_CHARS) * 10_000;
    if (per10k > worst.per10k) worst = { input: `${JSON.stringify(unit)}…${JSON.stringify(end)}`, per10k };
  }
  const rulesLong = { chars: LONG_CHARS, ordinaryPer10k, hostilePer10k: worst.per10k, hostileInput: worst.input };
  return { modelBytes: bytes, onnxBytes, loadMs, reviews: reviews.length, meanChars: chars, perReview: stats(total), rulesOnly: stats(rules), rulesLong };
}

async function benchImages() {
  const n = Number(values.images);
  if (!(n > 0)) return null;
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-wasm');
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  await tf.ready();
  const { loadNsfwModel, moderateImage } = await import('../workers/vision/nsfw.ts');
  let t = performance.now();
  const model = await loadNsfwModel();
  const loadMs = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const w = 320;
    const h = 240;
    const data = new Uint8ClampedArray(w * h * 4);
    for (let p = 0; p < w * h; p++) {
      data[p * 4] = (p * (i + 1)) % 256;
      data[p * 4 + 1] = (p >> 8) % 256;
      data[p * 4 + 2] = (i * 37) % 256;
      data[p * 4 + 3] = 255;
    }
    t = performance.now();
    const r = await moderateImage({ data, width: w, height: h }, { model });
    times.push(performance.now() - t);
    if (r.decision === 'hold') throw new Error(`image held: ${r.held?.cause}`);
  }
  model.dispose();
  return { backend: tf.getBackend(), loadMs, perImage: stats(times.slice(1)), firstImageMs: times[0] };
}

const text = await benchText();
const image = await benchImages();
if (values.json) {
  console.log(JSON.stringify({ text, image }));
} else {
  const f = (x: number) => x.toFixed(1);
  console.log(`text model ${MODERATION_MODEL_ID}: ${(text.modelBytes / 1e6).toFixed(2)} MB served (onnx ${(text.onnxBytes / 1e6).toFixed(2)} MB)`);
  console.log(`  load (Node, onnxruntime-node CPU, first load in this process): ${f(text.loadMs)} ms`);
  console.log(
    `  per review (${text.reviews} reviews, ${Math.round(text.meanChars)} chars on average, rules + classifier): ` +
      `p50 ${f(text.perReview.p50)} ms, p95 ${f(text.perReview.p95)} ms, mean ${f(text.perReview.mean)} ms, max ${f(text.perReview.max)} ms`,
  );
  console.log(`  rules only: p50 ${text.rulesOnly.p50.toFixed(2)} ms, p95 ${text.rulesOnly.p95.toFixed(2)} ms`);
  const rl = text.rulesLong;
  console.log(
    `  rules on ${rl.chars.toLocaleString('en')}-char texts, ms per 10k chars: ordinary reviews ${rl.ordinaryPer10k.toFixed(1)}, ` +
      `slowest hostile (${rl.hostileInput} repeated) ${rl.hostilePer10k.toFixed(1)}`,
  );
  if (image) {
    console.log(`image model nsfwjs MobileNetV2 (TF.js ${image.backend} in Node): load ${f(image.loadMs)} ms`);
    console.log(`  per image (320x240, after the first at ${f(image.firstImageMs!)} ms): p50 ${f(image.perImage.p50)} ms, p95 ${f(image.perImage.p95)} ms`);
  }
}

if (!values['node-only']) {
  if (!values.json) console.log('');
  const browser = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(new URL('./bench-moderation-browser.ts', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exitCode = browser.status ?? 1;
}
