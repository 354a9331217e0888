/**
 * npm run bench:assistant [-- --runs 12 --port 4254 --json]
 *
 * The assistant's speed on the bundled path, as a shopper sees it: the built app (dist/, run `npx vite build` first)
 * in Chromium, the chat screen, a request typed and sent; per request, the time from send to the first streamed
 * words on screen (moderation and the worker's answer included) and the words per second while the answer streams.
 * One warm-up request first (the moderation classifier and the worker load), then `--runs` requests of mixed kinds.
 * Also the worker's own compute per request in Node (understanding + tools, the same ShopAssistant), for reference.
 * Then the optional generative model, per backend (wasm; webgpu where the browser has an adapter: SwiftShader here),
 * each in a fresh browser profile: the model chosen on the About page (the test hub serves the tiny test decoder,
 * tests/fixtures/generator/, unless --model-host/--model/--weights name another hub-layout model), one warm-up
 * answer (its download and load), then `--runs` requests: send → first streamed words on screen, words per second
 * on screen, and the model's own tokens per second (its figures under each answer). `--no-model` skips it.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './vite/chromium.ts';
import type { Product } from '../src/shared/catalog/types.ts';
import { EMPTY_CONTEXT } from '../src/shared/protocol/assistant.ts';
import { ShopAssistant } from '../workers/assistant/assistant.ts';
import type { IntentModelFile } from '../workers/assistant/intent-model.ts';
import { parsePolicies, PolicyIndex } from '../workers/assistant/policies.ts';
import { buildTerms } from '../workers/assistant/terms.ts';
import { Understander } from '../workers/assistant/understand.ts';
import { bundledLexicon } from '../workers/search/bundled-lexicon.ts';
import { SearchEngine } from '../workers/search/engine.ts';
import { serveStatic } from './serve.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '12' },
    port: { type: 'string', default: '4254' },
    json: { type: 'boolean', default: false },
    'no-model': { type: 'boolean', default: false },
    'model-host': { type: 'string' },
    model: { type: 'string', default: 'aisle-test/tiny-chat' },
    weights: { type: 'string', default: 'onnx/model.onnx' },
  },
});
const REQUESTS = ['show me watches under 2000', '手表 2000元以内', 'what is your return policy', 'red dress under 500', 'cheaper ones?', 'compare the first two', '怎么退货', 'black shoes for women', 'rings below 1000', 'hello', 'tell me about the second one', '戒指 最便宜的'];
const runs = Number(values.runs);

/** In the page: type, send, and time the first words on screen and the end of the stream. */
const IN_PAGE = `(text) => new Promise((resolve) => {
  const input = document.querySelector('[data-testid="chat-input"]');
  const before = document.querySelectorAll('[data-testid="chat-answer"]').length;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const t0 = performance.now();
  let firstMs = -1;
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  const tick = () => {
    const answer = document.querySelectorAll('[data-testid="chat-answer"]')[before];
    const shown = answer?.querySelector('[data-testid="chat-text"]')?.textContent ?? '';
    if (firstMs < 0 && shown.trim()) firstMs = performance.now() - t0;
    const status = answer?.getAttribute('data-status') ?? '';
    if (/done|refused|error|stopped/.test(status)) {
      const words = (shown.match(/[\\p{L}\\p{N}]+/gu) ?? []).reduce((n, w) => n + (/\\p{Script=Han}/u.test(w) ? [...w].length / 2 : 1), 0);
      resolve({ firstMs, doneMs: performance.now() - t0, words, status });
    } else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];

// In Node: the worker's part alone.
const products = (JSON.parse(readFileSync('public/catalog/demo.json', 'utf8')) as { products: Product[] }).products;
const engine = new SearchEngine(products, bundledLexicon());
const model = JSON.parse(readFileSync('models/aisle-assistant-intent-v1/model.json', 'utf8')) as IntentModelFile;
const t0 = performance.now();
const shop = new ShopAssistant({
  products,
  engine,
  understander: new Understander(buildTerms(products, bundledLexicon(), engine.lexicon), model),
  policies: new PolicyIndex(parsePolicies({ name: 'policies.md', format: 'markdown', text: readFileSync('public/catalog/policies.md', 'utf8') })),
  history: async () => null,
  recommend: async () => [],
});
const buildMs = performance.now() - t0;
let context = EMPTY_CONTEXT;
const nodeMs: number[] = [];
for (let i = 0; i < runs; i++) {
  const r = await shop.answer({ text: REQUESTS[i % REQUESTS.length], context });
  context = r.context;
  nodeMs.push(r.tookMs);
}

// In the browser: the shipped app.
const { base, server } = await serveStatic('dist', '/shop/', values.port!);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const first: number[] = [];
const rates: number[] = [];
let warmMs = 0;
const perRequest: Array<{ text: string; firstMs: number }> = [];
let hub: ChildProcess | undefined;
const modelPaths: Array<Record<string, unknown>> = [];
try {
  const page = await browser.newPage();
  await page.goto(`${base}#/chat`);
  await page.locator('main:not([data-catalog=""])').waitFor();
  await page.getByTestId('chat-input').waitFor();
  // Sent as source text: tsx's helpers (__name) do not exist in the page.
  const send = (text: string) => page.evaluate(`(${IN_PAGE})(${JSON.stringify(text)})`) as Promise<{ firstMs: number; doneMs: number; words: number; status: string }>;
  const warm = await send('hello');
  warmMs = warm.doneMs;
  for (let i = 0; i < runs; i++) {
    const r = await send(REQUESTS[i % REQUESTS.length]);
    if (r.status !== 'done') throw new Error(`"${REQUESTS[i % REQUESTS.length]}" ended ${r.status}`);
    first.push(r.firstMs);
    perRequest.push({ text: REQUESTS[i % REQUESTS.length], firstMs: r.firstMs });
    if (r.doneMs > r.firstMs && r.words > 1) rates.push(r.words / ((r.doneMs - r.firstMs) / 1000));
  }

  // The optional generative model, per backend, each in a fresh profile (its own download, consent and cache).
  if (!values['no-model']) {
    const hubPort = Number(values.port) + 1;
    let modelHost = values['model-host'];
    if (!modelHost) {
      execFileSync('node', ['scripts/make-hub-fixture.mjs', '--out', '.tmp/hub-bench'], { stdio: 'ignore' });
      const served = await serveStatic('.tmp/hub-bench', '/', hubPort, '__log');
      hub = served.server;
      modelHost = served.base;
    }
    for (const device of ['wasm', 'webgpu'] as const) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${base}?device=${device}#/about`);
      await page.locator('main:not([data-catalog=""])').waitFor();
      const adapter = await page.evaluate(async () => !!(await (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));
      if (device === 'webgpu' && !adapter) {
        modelPaths.push({ path: `model (${device})`, skipped: 'no WebGPU adapter in this browser' });
        await ctx.close();
        continue;
      }
      const settings = page.getByTestId('generator-settings');
      await settings.locator('summary').click();
      await settings.getByTestId('generator-host').fill(modelHost);
      await settings.getByTestId('generator-model').fill(values.model!);
      await settings.getByTestId('generator-weights').fill(values.weights!);
      await settings.getByTestId('generator-check').click();
      await settings.getByTestId('generator-use').click();
      await settings.getByTestId('generator-device').waitFor({ timeout: 600_000 });
      const ran = (await settings.getByTestId('generator-device').textContent())!;
      await page.goto(`${base}?device=${device}#/chat`);
      await page.getByTestId('chat-input').waitFor();
      const send = (text: string) => page.evaluate(`(${IN_PAGE})(${JSON.stringify(text)})`) as Promise<{ firstMs: number; doneMs: number; words: number; status: string }>;
      const warm = await send('hello');
      const f: number[] = [];
      const w: number[] = [];
      const tps: number[] = [];
      for (let i = 0; i < runs; i++) {
        const r = await send(REQUESTS[i % REQUESTS.length]);
        if (r.status !== 'done') throw new Error(`"${REQUESTS[i % REQUESTS.length]}" ended ${r.status} (model, ${device})`);
        f.push(r.firstMs);
        if (r.doneMs > r.firstMs && r.words > 1) w.push(r.words / ((r.doneMs - r.firstMs) / 1000));
        const note = page.getByTestId('chat-answer').last().getByTestId('chat-note');
        const tokens = Number(await note.getAttribute('data-tokens'));
        const ms = Number(await note.getAttribute('data-ms'));
        if (tokens > 0 && ms > 0) tps.push(tokens / (ms / 1000));
      }
      modelPaths.push({
        path: `model (${device})`,
        ran: ran.trim(),
        runs,
        warmUpMs: warm.doneMs,
        firstWordsMs: { median: median(f), p90: p90(f), max: Math.max(...f) },
        wordsPerSecond: { median: median(w) },
        modelTokensPerSecond: { median: tps.length ? median(tps) : null },
      });
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  server.kill();
  hub?.kill();
}

const report = {
  path: 'bundled',
  runs,
  firstWordsMs: { median: median(first), p90: p90(first), max: Math.max(...first) },
  wordsPerSecond: { median: median(rates) },
  warmUpMs: warmMs,
  workerComputeMs: { median: median(nodeMs), p90: p90(nodeMs), build: buildMs },
};
if (values.json) console.log(JSON.stringify({ ...report, models: modelPaths }));
else {
  console.log(`bundled path, ${runs} requests after one warm-up (${warmMs.toFixed(0)} ms, the classifier and worker loading):`);
  console.log(`  send → first streamed words: median ${report.firstWordsMs.median.toFixed(0)} ms, p90 ${report.firstWordsMs.p90.toFixed(0)} ms, max ${report.firstWordsMs.max.toFixed(0)} ms (bar: < 300 ms)`);
  console.log(`  streaming: median ${report.wordsPerSecond.median.toFixed(0)} words/s`);
  console.log(`  worker compute in Node (understanding + tools): median ${report.workerComputeMs.median.toFixed(1)} ms, p90 ${report.workerComputeMs.p90.toFixed(1)} ms; first build ${buildMs.toFixed(0)} ms`);
  for (const m of modelPaths) {
    if (m.skipped) {
      console.log(`${m.path}: skipped (${m.skipped})`);
      continue;
    }
    const fw = m.firstWordsMs as { median: number; p90: number; max: number };
    const tps = (m.modelTokensPerSecond as { median: number | null }).median;
    console.log(`${m.path} ${values.model} (${m.ran}), ${runs} requests after one warm-up (${(m.warmUpMs as number).toFixed(0)} ms: download, load, first answer):`);
    console.log(`  send → first streamed words: median ${fw.median.toFixed(0)} ms, p90 ${fw.p90.toFixed(0)} ms, max ${fw.max.toFixed(0)} ms`);
    console.log(`  streaming: median ${(m.wordsPerSecond as { median: number }).median.toFixed(0)} words/s on screen; the model: median ${tps === null ? '?' : tps.toFixed(0)} tokens/s`);
  }
  console.log(`  per request (ms to first words): ${perRequest.map((r) => `${JSON.stringify(r.text)} ${r.firstMs.toFixed(0)}`).join(', ')}`);
}
