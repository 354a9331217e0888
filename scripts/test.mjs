#!/usr/bin/env node
/**
 * `npm test`: everything, on a fresh machine, failing fast.
 *   0. installs npm packages when node_modules is missing or older than package-lock.json
 *   1. installs Debian's Chromium when /usr/bin/chromium is missing (never a downloaded browser), and Debian's
 *      PyTorch (python3-torch, python3-onnx) when /usr/bin/python3 cannot import torch (the cluster trainer's tests)
 *   2. type checks: svelte-check and tsc -b (app, worker and node programs)
 *   3. vitest: unit (Node) and browser (real Chromium: real Workers, real IndexedDB)
 *   4. vite build (the production build the end-to-end tests run against: the app and the merchant embed), and the
 *      embed loader's size budget (scripts/check-embed-size.mjs: dist/embed/aisle.js under 10 KB gzipped)
 *   5. Playwright end-to-end tests against that build, served from a sub-path
 * The last line printed is the totals: `N passed, N failed, N skipped`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const stages = [];
const t0 = Date.now();

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function finish(code) {
  console.log('\n── summary ──');
  for (const s of stages) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name}${s.note ? `: ${s.note}` : ''}`);
  console.log(`total time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(code);
}

function stage(name, fn) {
  const started = Date.now();
  const result = fn();
  const ok = result.ok;
  stages.push({ name, ok, note: `${result.note ? result.note + ', ' : ''}${((Date.now() - started) / 1000).toFixed(0)} s` });
  if (!ok) finish(1);
}

// 0. npm packages
const lock = 'package-lock.json';
const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(lock).mtimeMs > statSync(installed).mtimeMs) {
  stage('npm ci', () => ({ ok: run('npm', ['ci', '--no-audit', '--no-fund'], { ONNXRUNTIME_NODE_INSTALL: 'skip' }) === 0 }));
}

// 1. Chromium from Debian
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** apt-get, through sudo when not root. */
function apt(args) {
  return process.getuid?.() === 0 ? run('apt-get', args) : run('sudo', ['apt-get', ...args]);
}

if (!existsSync(chromium)) {
  stage('install chromium', () => {
    let code = apt(['install', '-y', 'chromium']);
    if (code !== 0) code = apt(['update']) === 0 ? apt(['install', '-y', 'chromium']) : code;
    return { ok: code === 0 && existsSync(chromium), note: chromium };
  });
}

// 1b. PyTorch from Debian (the cluster trainer: scripts/cluster/; its parity and DDP tests run it)
const python = process.env.AISLE_PYTHON ?? '/usr/bin/python3';
const hasTorch = () => spawnSync(python, ['-c', 'import torch, torch.distributed'], { stdio: 'ignore' }).status === 0;
if (!hasTorch()) {
  stage('install python3-torch', () => {
    const packages = ['install', '-y', '--no-install-recommends', 'python3-torch', 'python3-onnx'];
    let code = apt(packages);
    if (code !== 0) code = apt(['update']) === 0 ? apt(packages) : code;
    return { ok: code === 0 && hasTorch(), note: python };
  });
}

mkdirSync('.tmp', { recursive: true });

// 2. type checks
stage('type checks (svelte-check, tsc -b)', () => {
  const ok = run('npx', ['svelte-check', '--tsconfig', './tsconfig.app.json', '--fail-on-warnings', '--threshold', 'warning']) === 0 && run('npx', ['tsc', '-b']) === 0;
  if (ok) totals.passed += 1;
  else totals.failed += 1;
  return { ok };
});

// 3. vitest (unit + browser)
stage('vitest (unit, browser)', () => {
  rmSync('.tmp/vitest.json', { force: true });
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json']);
  const note = countVitest('.tmp/vitest.json');
  return { ok: code === 0, note };
});

// 4. production build: the app, then the merchant embed (dist/embed: runtime, then loader), and the loader's budget
stage('vite build (app, embed)', () => ({
  ok:
    run('npx', ['vite', 'build', '--logLevel', 'warn']) === 0 &&
    run('npx', ['vite', 'build', '-c', 'vite.embed.config.ts', '--logLevel', 'warn']) === 0 &&
    run('npx', ['vite', 'build', '-c', 'vite.embed.config.ts', '--mode', 'loader', '--logLevel', 'warn']) === 0,
}));
stage('embed loader size (10 KB gzip budget)', () => {
  const ok = run('node', ['scripts/check-embed-size.mjs']) === 0;
  if (ok) totals.passed += 1;
  else totals.failed += 1;
  return { ok };
});

// 5. end-to-end
stage('playwright e2e', () => {
  rmSync('.tmp/playwright.json', { force: true });
  const code = run('npx', ['playwright', 'test']);
  const note = countPlaywright('.tmp/playwright.json');
  return { ok: code === 0, note };
});

finish(0);

function countVitest(file) {
  if (!existsSync(file)) {
    totals.failed += 1;
    return 'no report';
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += skipped;
  return `${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`;
}

function countPlaywright(file) {
  if (!existsSync(file)) {
    totals.failed += 1;
    return 'no report';
  }
  const s = JSON.parse(readFileSync(file, 'utf8')).stats;
  const passed = s.expected + s.flaky;
  totals.passed += passed;
  totals.failed += s.unexpected;
  totals.skipped += s.skipped;
  return `${passed} passed (${s.flaky} flaky), ${s.unexpected} failed, ${s.skipped} skipped`;
}
