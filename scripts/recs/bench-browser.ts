/**
 * The browser side of the recommender benchmarks: the Vite dev server (the page and worker are the app's own modules),
 * a dataset served at /bench-data/<file name>, headless Chromium (Debian's, flags from scripts/vite/chromium.ts) on
 * the benchmark page (tests/fixtures/recs-bench.html, which exposes `window.recsBench`), and the machine's load.
 * Used by `bench:recs` and `bench:cluster`. Node only.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { createServer, type Plugin } from 'vite';
import type { TrainRequest, TrainResult } from '../../src/shared/training.ts';
import type { RecsBench } from '../../tests/browser/recs/bench-page.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../vite/chromium.ts';

export function loadAverage(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim().replace(/^.*load average:\s*/, 'load ');
  } catch {
    return 'load unknown';
  }
}

export function busyProcesses(): string {
  try {
    const out = execFileSync('top', ['-bn1'], { encoding: 'utf8' }).split('\n');
    const start = out.findIndex((l) => l.trim().startsWith('PID'));
    return out
      .slice(start + 1)
      .filter((l) => l.trim() && Number(l.trim().split(/\s+/)[8]) > 20)
      .map((l) => {
        const f = l.trim().split(/\s+/);
        return `${f[11]} ${f[8]}%`;
      })
      .join(', ');
  } catch {
    return '';
  }
}

function dataPlugin(file: string): Plugin {
  const dir = resolve(dirname(file));
  const name = basename(file);
  return {
    name: 'bench-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url !== `/bench-data/${encodeURIComponent(name)}`) return next();
        const path = resolve(dir, name);
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.setHeader('Content-Length', String(statSync(path).size));
        createReadStream(path).pipe(res);
      });
    },
  };
}

export interface BenchPage {
  page: Page;
  browser: Browser;
  /** The URL the page fetches the dataset from. */
  dataUrl: string;
  /** One training run in a fresh recommender worker on the page. */
  train(request: TrainRequest, label: string): Promise<{ result: TrainResult; wallMs: number; losses: number[] }>;
  close(): Promise<void>;
}

/** Starts the dev server and Chromium on the benchmark page, serving `dataFile`. */
export async function openBenchPage(dataFile: string, port = 5199): Promise<BenchPage> {
  const file = resolve(dataFile);
  const server = await createServer({
    configFile: resolve('vite.config.ts'),
    logLevel: 'warn',
    // No file watching or hot reload: an edit during a 15-minute run must not reload the page under the benchmark.
    server: { port, strictPort: false, host: '127.0.0.1', hmr: false, watch: null },
    plugins: [dataPlugin(file)],
  });
  await server.listen();
  const url = `${server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`}tests/fixtures/recs-bench.html`;
  // Playwright gives the browser a fresh temporary profile.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const close = async () => {
    await browser.close();
    await server.close();
  };
  try {
    const page = await browser.newPage();
    page.on('console', (msg) => {
      const t = msg.text();
      if (t.startsWith('[bench')) process.stderr.write(`${t}\n`);
      else if ((msg.type() === 'error' || msg.type() === 'warning') && !t.startsWith('Failed to load resource')) {
        process.stderr.write(`[page ${msg.type()}] ${t}\n`);
      }
    });
    page.on('pageerror', (err) => process.stderr.write(`[page error] ${err.message}\n`));
    page.on('response', (res) => {
      if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) process.stderr.write(`[page] HTTP ${res.status()} ${res.url()}\n`);
    });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    return {
      page,
      browser,
      dataUrl: `/bench-data/${encodeURIComponent(basename(file))}`,
      train: (request, label) =>
        page.evaluate(async ([req, l]) => (window as unknown as { recsBench: RecsBench }).recsBench.train(req, l), [request, label] as const) as Promise<{
          result: TrainResult;
          wallMs: number;
          losses: number[];
        }>,
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
