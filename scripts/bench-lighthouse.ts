/**
 * `npm run bench:lighthouse`: Lighthouse 12 (desktop and mobile presets) on the built home page, served from a
 * sub-path, in Debian's Chromium. Prints performance, CLS, LCP, total blocking time and accessibility per preset,
 * the median of --runs runs, beside the targets of the first-sight issue. A benchmark, not a test: the figures move
 * with the machine's load.
 *
 *   npm run build && npm run bench:lighthouse [-- --runs 3] [--url http://…/] [--json] [--page '#/search?q=watch']
 *
 * Lighthouse itself is fetched from the npm registry on first use (`npx lighthouse@12.2.3`; 13.x needs Node 22), so
 * it costs `npm install` nothing.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_PATH } from './vite/chromium.ts';
import { serveStatic } from './serve.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    url: { type: 'string' },
    page: { type: 'string', default: '' },
    port: { type: 'string', default: '4193' },
    dist: { type: 'string', default: 'dist' },
    json: { type: 'boolean', default: false },
    presets: { type: 'string', default: 'desktop,mobile' },
  },
});

const LIGHTHOUSE = 'lighthouse@12.2.3';
const TARGETS: Record<string, { performance: number; cls: number; lcpMs?: number; accessibility?: number }> = {
  desktop: { performance: 0.95, cls: 0.05, accessibility: 0.98 },
  mobile: { performance: 0.85, cls: 0.05, lcpMs: 2500 },
};

interface Figures {
  performance: number;
  accessibility: number;
  cls: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  mainThreadMs: number;
  transferBytes: number;
}

let server: ChildProcess | null = null;
let url = values.url;
if (!url) {
  const served = await serveStatic(values.dist!, '/shop/', values.port!);
  server = served.server;
  url = served.base;
}
const target = `${url}${values.page}`;

function lighthouse(preset: string): Figures {
  const dir = mkdtempSync(join(tmpdir(), 'aisle-lh-'));
  const out = join(dir, 'report.json');
  const flags = ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', `--user-data-dir=${join(dir, 'profile')}`];
  const args = ['--yes', LIGHTHOUSE, target, '--only-categories=performance,accessibility', '--output=json', `--output-path=${out}`, '--quiet', `--chrome-flags=${flags.join(' ')}`];
  if (preset === 'desktop') args.push('--preset=desktop');
  const r = spawnSync('npx', args, { env: { ...process.env, CHROME_PATH: CHROMIUM_PATH }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`lighthouse (${preset}) failed: ${r.stderr.slice(-800)}`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const a = report.audits;
  return {
    performance: report.categories.performance.score,
    accessibility: report.categories.accessibility.score,
    cls: a['cumulative-layout-shift'].numericValue,
    lcpMs: a['largest-contentful-paint'].numericValue,
    tbtMs: a['total-blocking-time'].numericValue,
    fcpMs: a['first-contentful-paint'].numericValue,
    mainThreadMs: a['mainthread-work-breakdown']?.numericValue ?? NaN,
    transferBytes: a['total-byte-weight']?.numericValue ?? NaN,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results: Record<string, Figures & { runs: number }> = {};
try {
  for (const preset of values.presets!.split(',')) {
    const runs: Figures[] = [];
    for (let i = 0; i < Number(values.runs); i++) runs.push(lighthouse(preset));
    const keys = Object.keys(runs[0]) as Array<keyof Figures>;
    results[preset] = { runs: runs.length, ...(Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as unknown as Figures) };
  }
} finally {
  server?.kill();
}

if (values.json) {
  console.log(JSON.stringify({ url: target, lighthouse: LIGHTHOUSE, results }, null, 2));
} else {
  console.log(`Lighthouse (${LIGHTHOUSE}) on ${target}, median of ${values.runs} runs per preset`);
  console.log('preset   performance  CLS     LCP      TBT     FCP      main thread  transfer   accessibility');
  for (const [preset, f] of Object.entries(results)) {
    const t = TARGETS[preset];
    const mark = (ok: boolean) => (ok ? ' ' : '!');
    console.log(
      `${preset.padEnd(8)} ${f.performance.toFixed(2).padStart(5)}${mark(!t || f.performance >= t.performance)}       ${f.cls.toFixed(3)}${mark(!t || f.cls <= t.cls)}  ${(f.lcpMs / 1000).toFixed(2)} s${mark(!t?.lcpMs || f.lcpMs <= t.lcpMs)}  ${f.tbtMs.toFixed(0).padStart(4)} ms  ${(f.fcpMs / 1000).toFixed(2)} s   ${(f.mainThreadMs / 1000).toFixed(2)} s       ${(f.transferBytes / 1048576).toFixed(2)} MiB   ${f.accessibility.toFixed(2)}${mark(!t?.accessibility || f.accessibility >= t.accessibility)}`,
    );
  }
  console.log('targets: desktop performance ≥ 0.95, CLS ≤ 0.05, accessibility ≥ 0.98; mobile performance ≥ 0.85, CLS ≤ 0.05, LCP < 2.5 s ("!" marks a miss)');
}
