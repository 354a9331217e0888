/**
 * `npm run bench:first-visit`: what a shopper's first visit downloads, in Debian's Chromium, from the server the
 * README's start command runs (`vite preview`, default) or the static test server (`--server static`, a sub-path).
 * Counts every response the page, its workers and the service worker receive (encoded bytes, as sent over the
 * wire) until the service worker has installed and the network is quiet; then what the first search adds. Prints
 * each file, the files fetched more than once, and the totals beside the target (under 3 MiB before a search).
 *
 *   npm run build && npm run bench:first-visit [-- --server preview|static] [--json] [--top 25]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Request } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './vite/chromium.ts';

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: 'preview' },
    port: { type: 'string', default: '4194' },
    json: { type: 'boolean', default: false },
    top: { type: 'string', default: '25' },
    query: { type: 'string', default: 'wrist watch' },
  },
});

const TARGET_BYTES = 3 * 1048576;
const port = values.port!;
const server =
  values.server === 'static'
    ? spawn('node', ['scripts/serve-static.mjs', '--dir', 'dist', '--prefix', '/shop/', '--port', port], { stdio: 'ignore' })
    : spawn('npx', ['vite', 'preview', '--port', port, '--strictPort'], { stdio: 'ignore', detached: true });
const base = values.server === 'static' ? `http://127.0.0.1:${port}/shop/` : `http://localhost:${port}/`;
for (let i = 0; i < 100; i++) {
  try {
    await fetch(base);
    break;
  } catch {
    await new Promise((r) => setTimeout(r, 150));
  }
}

interface Fetched {
  url: string;
  bytes: number;
  by: 'page' | 'worker' | 'service worker';
  phase: 'first visit' | 'first search';
  status: number;
  /** Body bytes that came over the network (0 when the HTTP cache answered after a revalidation). */
  body: number;
}

const profile = mkdtempSync(join(tmpdir(), 'aisle-first-visit-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 800 } });
const fetched: Fetched[] = [];
let phase: Fetched['phase'] = 'first visit';
let inFlight = 0;
let lastActivity = Date.now();

async function record(request: Request): Promise<void> {
  inFlight--;
  lastActivity = Date.now();
  const sizes = await request.sizes().catch(() => null);
  const response = await request.response().catch(() => null);
  if (!sizes || !response || response.fromServiceWorker()) return;
  const by = request.serviceWorker() ? 'service worker' : request.frame() ? 'page' : 'worker';
  fetched.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize, by, phase, status: response.status(), body: sizes.responseBodySize });
}
context.on('request', () => {
  inFlight++;
  lastActivity = Date.now();
});
context.on('requestfinished', (r) => void record(r));
context.on('requestfailed', () => {
  inFlight--;
  lastActivity = Date.now();
});

async function quiet(ms = 1500, timeout = 60_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    if (inFlight <= 0 && Date.now() - lastActivity > ms) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

try {
  const page = await context.newPage();
  await page.goto(base);
  await page.getByTestId('product-card').first().waitFor({ timeout: 60_000 });
  await page.evaluate(async () => {
    if ('serviceWorker' in navigator) await navigator.serviceWorker.ready;
  });
  await quiet();
  phase = 'first search';
  const box = page.getByRole('combobox', { name: /search/i }).first();
  await box.fill(values.query!);
  await box.press('Enter');
  await page.getByTestId('search-hit').first().waitFor({ timeout: 60_000 });
  await page.getByTestId('search-mode').filter({ hasNotText: 'Matching words…' }).waitFor({ timeout: 60_000 });
  await quiet();
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  if (values.server === 'static') server.kill();
  else if (server.pid) process.kill(-server.pid);
}

const path = (u: string) => u.replace(base, '');
const sum = (xs: Fetched[]) => xs.reduce((s, f) => s + f.bytes, 0);
const visit = fetched.filter((f) => f.phase === 'first visit');
const search = fetched.filter((f) => f.phase === 'first search');
// Downloaded more than once: two answers with a body for one URL (a revalidation answered "304 Not Modified", whose
// body comes from the HTTP cache, is not one).
const full = fetched.filter((f) => f.body > 0);
const counts = new Map<string, number>();
for (const f of full) counts.set(f.url, (counts.get(f.url) ?? 0) + 1);
const twice = [...counts].filter(([, n]) => n > 1).map(([url, n]) => ({ file: path(url), times: n, bytes: sum(full.filter((f) => f.url === url)) }));
const revalidated = fetched.filter((f) => f.body === 0).length;
const mib = (b: number) => `${(b / 1048576).toFixed(2)} MiB`;

if (values.json) {
  console.log(JSON.stringify({ server: values.server, firstVisitBytes: sum(visit), firstSearchBytes: sum(search), targetBytes: TARGET_BYTES, files: fetched.map((f) => ({ ...f, url: path(f.url) })), fetchedMoreThanOnce: twice }, null, 2));
} else {
  console.log(`First visit to ${base} (server: ${values.server === 'static' ? 'scripts/serve-static.mjs' : 'vite preview, as `npm start` runs it'})`);
  for (const [name, list] of [
    ['first visit (until the service worker is ready and the network is quiet)', visit],
    [`first search ("${values.query}")`, search],
  ] as const) {
    console.log(`\n${name}: ${list.length} responses, ${mib(sum(list))}`);
    for (const f of [...list].sort((a, b) => b.bytes - a.bytes).slice(0, Number(values.top))) console.log(`  ${mib(f.bytes).padStart(10)}  ${f.by.padEnd(14)} ${path(f.url)}`);
  }
  console.log(`\ndownloaded more than once: ${twice.length ? '' : 'none'} (${revalidated} answered from the HTTP cache after a revalidation)`);
  for (const t of twice) console.log(`  ${t.times}× ${t.file} (${mib(t.bytes)} in all)`);
  console.log(`\nfirst visit ${mib(sum(visit))} (target: under ${mib(TARGET_BYTES)} before the shopper searches) ${sum(visit) < TARGET_BYTES ? 'ok' : 'OVER'}`);
}
