/**
 * A new deployment while a tab is open (issue 10, finding 7), with two real builds of the app: the tab keeps loading
 * its own lazily loaded files (worker scripts and their chunks) after the new service worker took over and the
 * server no longer has them; it is told that a reload brings the new version; a new tab gets the new version; and
 * the old files are deleted once no tab uses them.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = '.tmp/sw-update';
const SITE = join(ROOT, 'site');
const NEXT = join(ROOT, 'next');

function deploy(build: string): void {
  rmSync(SITE, { recursive: true, force: true });
  cpSync(build, SITE, { recursive: true });
}

const assets = (build: string) => readdirSync(join(build, 'assets')).filter((f) => f.endsWith('.js'));

async function shellCaches(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('aisle-shell-')));
}

test.beforeAll(() => {
  test.setTimeout(180_000);
  if (!existsSync('dist/sw.js')) throw new Error('Run `npm run build` first: this test deploys dist/ and a second build of the same code.');
  rmSync(ROOT, { recursive: true, force: true });
  execFileSync('npx', ['vite', 'build', '--config', 'tests/e2e/fixtures/vite.next-deployment.config.ts', '--outDir', NEXT, '--logLevel', 'error'], { stdio: 'inherit' });
});

test('an open tab keeps working after a new deployment, until it reloads', async ({ context, baseURL }) => {
  test.setTimeout(120_000);
  const site = new URL('/update/', baseURL).href;
  deploy('dist');
  const old = await context.newPage();
  await old.goto(site);
  await expect(old.locator('main')).not.toHaveAttribute('data-catalog', '');
  await old.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => old.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  const [firstShell] = await shellCaches(old);
  expect(firstShell).toBeTruthy();

  // The files the old tab may still ask for, which the next deployment no longer has (hashed names changed).
  const nextFiles = new Set(assets(NEXT));
  const gone = assets('dist').filter((f) => !nextFiles.has(f) && f.includes('.worker-'));
  expect(gone.length).toBeGreaterThan(0);

  // The image checker's worker is not precached (the first visit downloads only what it shows): it is kept the first
  // time it is used. Use it once in the old tab, as a merchant who checked listings there would have.
  for (const f of gone) {
    const status = await old.evaluate(async (u) => (await fetch(u)).status, `${site}assets/${f}`);
    expect(status, `${f} before the new deployment`).toBe(200);
  }
  await expect.poll(() => old.evaluate(async (names) => {
    const keys = await Promise.all((await caches.keys()).filter((n) => n.startsWith('aisle-shell-')).map(async (n) => (await (await caches.open(n)).keys()).map((r) => r.url)));
    return names.every((f) => keys.flat().some((u) => u.endsWith(`/assets/${f}`)));
  }, gone)).toBe(true);

  deploy(NEXT);
  for (const f of gone) expect((await fetch(`${site}assets/${f}`)).status, `${f} is no longer on the server`).toBe(404);
  await old.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    await reg!.update();
  });
  await expect(old.getByTestId('toast').filter({ hasText: 'A new version of Aisle is ready' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => shellCaches(old)).toHaveLength(2);

  // Every worker script of the old build still loads in the old tab, byte for byte, and a worker really starts.
  for (const f of gone) {
    const body = await old.evaluate(async (u) => {
      const res = await fetch(u);
      return { status: res.status, text: await res.text() };
    }, `${site}assets/${f}`);
    expect(body.status, f).toBe(200);
    expect(body.text).toBe(readFileSync(join('dist/assets', f), 'utf8'));
  }
  const started = await old.evaluate(async (u) => {
    return new Promise<string>((resolve) => {
      const w = new Worker(u, { type: 'module' });
      w.onerror = () => resolve('failed');
      setTimeout(() => {
        w.terminate();
        resolve('started');
      }, 3000);
    });
  }, `${site}assets/${gone.find((f) => f.startsWith('vision.worker-'))}`);
  expect(started).toBe('started');
  // The app in the old tab goes on working: the search model's worker restarts from the old build's files.
  await old.getByRole('link', { name: /^Clothing/ }).first().click();
  await expect(old.getByTestId('product-card').first()).toBeVisible();

  // A new tab gets the new deployment.
  const fresh = await context.newPage();
  await fresh.goto(site);
  await expect(fresh.locator('main')).not.toHaveAttribute('data-catalog', '');
  const script = await fresh.evaluate(() => document.querySelector<HTMLScriptElement>('script[type=module][src*="index-"]')?.src ?? '');
  expect(nextFiles.has(script.split('/').pop()!)).toBe(true);

  // Once the old tab is gone, the next navigation deletes the old shell.
  await old.close();
  await fresh.reload();
  await expect.poll(() => shellCaches(fresh), { timeout: 15_000 }).toHaveLength(1);
  expect(await shellCaches(fresh)).not.toContain(firstShell);
});
