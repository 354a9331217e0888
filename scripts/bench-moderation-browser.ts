/**
 * Moderation benchmark in Chromium, in the app's own Workers: the language worker's moderation (bundled classifier
 * and rules on Transformers.js WASM, files verified by its model store) and the vision worker (nsfwjs MobileNetV2 on
 * TF.js WASM). Serves the repository with Vite's dev server, opens tests/fixtures/moderation-bench.html in Debian's
 * Chromium, and prints load times and per-item p50/p95 (round trips through the bridges). Also counts any request
 * that leaves the page's origin (there must be none: models and runtimes are the app's own files).
 *
 *   npx tsx scripts/bench-moderation-browser.ts [options of scripts/bench-moderation.ts]
 * (`npm run bench:moderation` runs it after the Node half, with the same options.)
 */
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './vite/chromium.ts';
import { benchArgs, loadReviews } from './moderation/bench-input.ts';

const values = benchArgs();

interface Stats {
  n: number;
  p50: number;
  p95: number;
  mean: number;
}
interface BrowserBenchResult {
  text: { loadMs: number; perReview: Stats; decisions: Record<string, number> };
  image: { backend: string; loadMs: number; perImage: Stats };
}

const reviews = loadReviews(values);

const server = await createServer({ logLevel: 'error', server: { host: '127.0.0.1', port: 0, strictPort: false } });
await server.listen();
const base = server.resolvedUrls?.local[0];
if (!base) throw new Error('the Vite dev server did not report a URL');
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const context = await browser.newContext();
  const origin = new URL(base).origin;
  const foreign: string[] = [];
  context.on('request', (req) => {
    if (!req.url().startsWith(origin) && !req.url().startsWith('data:') && !req.url().startsWith('blob:')) foreign.push(req.url());
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  await page.goto(new URL('tests/fixtures/moderation-bench.html', base).href);
  await page.waitForFunction(() => typeof window.runModerationBench === 'function', null, { timeout: 120_000 });
  const result = (await page.evaluate(
    ([texts, n]) => window.runModerationBench!(texts as string[], n as number),
    [reviews, Number(values.images)] as const,
  )) as BrowserBenchResult;
  if (values.json) {
    console.log(JSON.stringify({ ...result, foreignRequests: foreign.length }));
  } else {
    const f = (x: number) => x.toFixed(1);
    const chars = Math.round(reviews.reduce((n, r) => n + r.length, 0) / reviews.length);
    console.log(`Chromium ${browser.version()}, dedicated Workers, WASM`);
    console.log(`text: load ${f(result.text.loadMs)} ms (worker start, files verified, Transformers.js pipeline + warm-up; Vite dev server)`);
    console.log(
      `  per review (${result.text.perReview.n} reviews, ${chars} chars on average): p50 ${f(result.text.perReview.p50)} ms, ` +
        `p95 ${f(result.text.perReview.p95)} ms, mean ${f(result.text.perReview.mean)} ms; decisions ${JSON.stringify(result.text.decisions)}`,
    );
    console.log(`image (${result.image.backend}): load ${f(result.image.loadMs)} ms`);
    console.log(`  per image (320x240 ImageData): p50 ${f(result.image.perImage.p50)} ms, p95 ${f(result.image.perImage.p95)} ms`);
    console.log(`requests outside ${origin}: ${foreign.length}${foreign.length ? ` (${foreign.slice(0, 3).join(', ')})` : ''}`);
  }
} finally {
  await browser.close();
  await server.close();
}

declare global {
  interface Window {
    runModerationBench?: (reviews: string[], images: number) => Promise<unknown>;
  }
}
