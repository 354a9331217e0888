/**
 * Main-thread long tasks while a 100,000-product catalog loads, in the real app in headless Chromium (Vite's dev
 * server). A generated catalog (the demo's real products repeated with variant words, as bench:search makes it) is
 * stored as the shop's catalog in IndexedDB, as a loaded file would be; the page is reloaded with a PerformanceObserver
 * for `longtask` and `long-animation-frame` installed before any script, and it prints every task over 50 ms until the
 * first product card shows, then again while the Catalog screen lists "All products", while a search runs, and on a reload straight into that
 * search (a returning visit, which restores the stored search index). "First
 * card" is a real product card (data-testid product-card), not the skeleton cards a shelf shows while it waits (they
 * share the class `card`).
 *
 * Each long task is attributed: the Long Animation Frame entries that hold it name the scripts that ran in it (what
 * invoked them, the file and the function), and what is left of the frame is the browser's own work (structured
 * clone of a message or an IndexedDB value, style, layout). The recommender worker's search engine says, on its
 * console, whether it restored the stored search index and how long that took; the search phase prints it.
 *
 * `--before <commit>` measures that commit's app too, in one run: it is checked out in a temporary worktree (its
 * node_modules hard-linked from this one), served by its own dev server, and the two are measured in turn, `--rounds`
 * times each (before, after, before, after, ...), so that both see the same machine.
 * `--profile "<phase>"` takes a CPU profile of the page's thread during that phase (CDP) and prints the functions that
 * took the most time in it, by self time; the run stops after that phase.
 * `--verbose` prints the page's and the workers' console messages with the seconds since the bench began.
 *
 *   npx tsx scripts/bench-catalog-load.ts [--products 100000] [--before <commit>] [--rounds 1] [--port 4214]
 *                                          [--timeout 600] [--json] [--verbose]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright';
import { createServer, type ViteDevServer } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './vite/chromium.ts';
import { storeLargeCatalog } from '../tests/e2e/large-catalog-fixture.ts';

const { values } = parseArgs({
  options: {
    products: { type: 'string', default: '100000' },
    port: { type: 'string', default: process.env.E2E_PORT ? String(Number(process.env.E2E_PORT) + 4) : '4214' },
    json: { type: 'boolean', default: false },
    /** Seconds each phase may take before it is reported as not done. */
    timeout: { type: 'string', default: '600' },
    /** A commit to measure beside this checkout, in the same run. */
    before: { type: 'string' },
    rounds: { type: 'string', default: '1' },
    /** A phase to take a CPU profile of (the page's thread, by CDP): its busiest functions are printed; the run ends there. */
    profile: { type: 'string' },
    help: { type: 'boolean', default: false },
    /** Prints the page's and its workers' console messages, with the seconds since the bench began. */
    verbose: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    'npx tsx scripts/bench-catalog-load.ts [--products 100000] [--before <commit>] [--rounds 1] [--port 4214] [--timeout 600] [--json] [--verbose]: main-thread long tasks (PerformanceObserver longtask, attributed by long-animation-frame) while the app loads a catalog of that size, lists it and searches it; with --before, that commit is measured too, in turn with this checkout',
  );
  process.exit(0);
}
const size = Number(values.products);
const limitMs = Number(values.timeout) * 1000;
const rounds = Math.max(1, Number(values.rounds));
const here = resolve(import.meta.dirname, '..');

type Task = { start: number; duration: number };
type Script = { invoker: string; source: string; ms: number };
type Frame = { start: number; duration: number; blocking: number; scripts: Script[] };
type Phase = { tasks: Task[]; frames: Frame[]; ms: number; done: boolean };
type Run = { label: string; phases: Record<string, Phase>; restore: string[] };

/** A temporary worktree at `commit`, with this checkout's node_modules hard-linked (Vite's cache left out). */
function checkout(commit: string): string {
  const sha = execFileSync('git', ['rev-parse', '--short', commit], { cwd: here, encoding: 'utf8' }).trim();
  const dir = `/tmp/aisle-bench-before-${sha}`;
  if (!existsSync(join(dir, 'package.json'))) {
    rmSync(dir, { recursive: true, force: true });
    execFileSync('git', ['worktree', 'prune'], { cwd: here });
    execFileSync('git', ['worktree', 'add', '--detach', dir, sha], { cwd: here, stdio: 'ignore' });
  }
  if (!existsSync(join(dir, 'node_modules'))) {
    execFileSync('cp', ['-al', join(here, 'node_modules'), join(dir, 'node_modules')]);
    rmSync(join(dir, 'node_modules', '.vite'), { recursive: true, force: true });
  }
  return dir;
}

async function serve(root: string, port: number): Promise<ViteDevServer> {
  const server = await createServer({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', server: { port, strictPort: false } });
  await server.listen();
  return server;
}

async function measure(browser: Browser, url: string, label: string): Promise<Run> {
  const run: Run = { label, phases: {}, restore: [] };
  const context = await browser.newContext();
  const page = await context.newPage();
  const began = Date.now();
  const stamp = () => `${((Date.now() - began) / 1000).toFixed(1)} s`;
  page.on('worker', (w) => {
    if (values.verbose) console.error(`[${label} ${stamp()}] worker started: ${w.url()}`);
    w.on('console', (m) => {
      if (m.text().startsWith('search index:')) run.restore.push(m.text());
      if (values.verbose) console.error(`[${label} ${stamp()}] worker ${m.type()}: ${m.text()}`);
    });
  });
  if (values.verbose) {
    page.on('console', (m) => console.error(`[${label} ${stamp()}] page ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[${label} ${stamp()}] page error: ${e.message}`));
  }
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: Task[]; __frames: Frame[] };
    w.__longTasks = [];
    w.__frames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as Array<{ startTime: number; duration: number; blockingDuration: number; scripts: Array<{ invoker: string; invokerType: string; sourceURL: string; sourceFunctionName: string; duration: number }> }>) {
          w.__frames.push({
            start: e.startTime,
            duration: e.duration,
            blocking: e.blockingDuration,
            scripts: e.scripts.map((s) => ({
              invoker: `${s.invokerType}: ${s.invoker}`.slice(0, 80),
              source: `${s.sourceURL.replace(/^https?:\/\/[^/]+\//, '').replace(/\?.*$/, '')}${s.sourceFunctionName ? ` ${s.sourceFunctionName}` : ''}`,
              ms: s.duration,
            })),
          });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      /* a browser without Long Animation Frames: tasks are counted, not attributed */
    }
  });
  try {
    // A first visit creates the database; then the large catalog is stored as the shop's catalog.
    await page.goto(url);
    await page.getByTestId('product-card').first().waitFor({ timeout: 180_000 });
    await storeLargeCatalog(page, size, 'bench-large');

    const cdp = values.profile ? await context.newCDPSession(page) : null;
    const phase = async (name: string, act: () => Promise<void>) => {
      const profiling = cdp && values.profile === name;
      if (profiling) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
        await cdp.send('Profiler.start');
      }
      await page.evaluate(() => {
        const w = window as unknown as { __longTasks: unknown[]; __frames: unknown[] };
        w.__longTasks.length = 0;
        w.__frames.length = 0;
      });
      const t0 = Date.now();
      let done = true;
      try {
        await act();
      } catch (err) {
        // Not finished in time: what the page did meanwhile is still reported.
        done = false;
        console.error(`${label} ${name}: not done in ${values.timeout} s (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
        // What the page showed instead (an error message, a toast, skeletons).
        const shown = await page.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 3000)).catch(() => '(the page did not answer)');
        console.error(`${label} ${name}: the page shows: ${shown}`);
      }
      const ms = Date.now() - t0;
      const { tasks, frames } = await page.evaluate(() => {
        const w = window as unknown as { __longTasks: Task[]; __frames: Frame[] };
        return { tasks: w.__longTasks.slice(), frames: w.__frames.slice() };
      });
      run.phases[name] = { tasks, frames, ms, done };
      if (profiling) {
        printProfile(label, name, (await cdp.send('Profiler.stop')).profile);
        throw new Error('stop');
      }
      if (!done) throw new Error('stop');
    };
    await phase('load', async () => {
      await page.reload();
      await page.getByTestId('product-card').first().waitFor({ timeout: limitMs });
      await page.waitForTimeout(3000);
    });
    await phase('catalog screen', async () => {
      await page.evaluate(() => (location.hash = '#/shop'));
      // The count as the page writes it, with its digit grouping ("100,000", or "1,00,000" in the Indian style the page
      // uses for this catalog's rupees): a bare "100000" never matched, and the phase never ended.
      const count = new RegExp(`(^|\\D)${[...String(size)].join('[,.\\s\\u00a0\\u202f]?')}(\\D|$)`);
      await page.getByTestId('result-count').filter({ hasText: count }).waitFor({ timeout: limitMs });
      await page.getByTestId('product-card').first().waitFor({ timeout: limitMs });
      await page.waitForTimeout(500);
    });
    await phase('search', async () => {
      await page.evaluate(() => (location.hash = '#/search?q=watch'));
      await page.getByTestId('search-hit').first().waitFor({ timeout: limitMs });
      await page.waitForTimeout(1000);
    });
    // A returning visit straight to a search: the index stored by the search before is read back (the worker says how
    // long that took), not built again.
    await phase('returning search', async () => {
      await page.reload();
      await page.getByTestId('search-hit').first().waitFor({ timeout: limitMs });
      await page.waitForTimeout(1000);
    });
  } catch (err) {
    if (!(err instanceof Error && err.message === 'stop')) throw err;
  } finally {
    await context.close();
  }
  return run;
}

type CpuProfile = { nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>; samples?: number[]; timeDeltas?: number[] };

/** The functions that took the most of the phase by self time (sampled), with their file and line. */
function printProfile(label: string, phase: string, profile: CpuProfile): void {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    const f = frames.get(id);
    if (!f || f.functionName === '(idle)') return;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^https?:\/\/[^/]+\//, '').replace(/\?.*$/, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  });
  console.log(`\n${label}: CPU profile of "${phase}" (page thread), busiest functions by self time`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
}

/** The long task's attribution: the scripts of the frames that overlap it, by invoker and source, longest first. */
function attribute(p: Phase, task: Task): string {
  const frames = p.frames.filter((f) => f.start < task.start + task.duration && task.start < f.start + f.duration);
  const scripts = frames.flatMap((f) => f.scripts).filter((s) => s.ms >= 5).sort((a, b) => b.ms - a.ms);
  const scripted = frames.reduce((s, f) => s + f.scripts.reduce((t, x) => t + x.ms, 0), 0);
  const parts = scripts.slice(0, 3).map((s) => `${Math.round(s.ms)} ms ${s.invoker} (${s.source})`);
  if (frames.length === 0) return 'no frame entry';
  const other = frames.reduce((s, f) => s + f.duration, 0) - scripted;
  return [...parts, `${Math.round(other)} ms outside scripts`].join('; ');
}

const runs: Run[] = [];
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const servers: ViteDevServer[] = [];
try {
  const port = Number(values.port);
  const after = await serve(here, port);
  servers.push(after);
  const targets = [{ label: 'after', url: after.resolvedUrls!.local[0]! }];
  if (values.before) {
    const before = await serve(checkout(values.before), port + 10);
    servers.push(before);
    targets.unshift({ label: `before (${values.before})`, url: before.resolvedUrls!.local[0]! });
  } else targets[0]!.label = 'this checkout';
  for (let r = 0; r < rounds; r++) for (const t of targets) runs.push(await measure(browser, t.url, t.label));
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}

const summary = runs.map((run) => ({
  label: run.label,
  restore: run.restore,
  phases: Object.entries(run.phases).map(([name, p]) => ({
    phase: name,
    done: p.done,
    wallMs: p.ms,
    over50: p.tasks.filter((t) => t.duration > 50).length,
    maxMs: Math.round(Math.max(0, ...p.tasks.map((t) => t.duration))),
    totalMs: Math.round(p.tasks.reduce((s, t) => s + t.duration, 0)),
    tasks: p.tasks.map((t) => ({ ms: Math.round(t.duration), what: attribute(p, t) })),
  })),
}));
if (values.json) console.log(JSON.stringify({ products: size, runs: summary }));
else {
  console.log(`Main-thread long tasks (PerformanceObserver longtask, Vite dev server, headless Chromium), ${size} products`);
  console.log('run              | phase          | wall ms | tasks > 50 ms | longest ms | total ms');
  for (const run of summary) for (const s of run.phases) console.log(`${run.label.padEnd(16)} | ${s.phase.padEnd(14)} | ${`${s.wallMs}${s.done ? '' : ' (not done)'}`.padStart(7)} | ${String(s.over50).padStart(13)} | ${String(s.maxMs).padStart(10)} | ${String(s.totalMs).padStart(8)}`);
  console.log('(target: no task over 50 ms while the catalog loads)');
  for (const run of summary) {
    console.log(`\n${run.label}: each long task, with what ran in it (long-animation-frame scripts)`);
    for (const s of run.phases) for (const t of s.tasks) console.log(`  ${s.phase.padEnd(14)} ${String(t.ms).padStart(5)} ms: ${t.what}`);
    console.log(`  search index: ${run.restore.length ? run.restore.join(' | ') : '(the worker did not say; older code)'}`);
  }
}
