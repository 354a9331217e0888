/**
 * The merchant embed with two real origins: the store's page (scripts/serve-store.mjs, examples/store/) and the static
 * host that serves dist/ (the loader, the runtime, its workers, wasm and models). Real workers, real IndexedDB of the
 * store's origin, real Chromium.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { STATIC_PORT, STORE_PORT } from '../../playwright.config.ts';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { openShop, readEvents } from './helpers.ts';

const STORE = `http://127.0.0.1:${STORE_PORT}`;
const STATIC = `http://127.0.0.1:${STATIC_PORT}`;
const VIEWED = 'SRTEH2FF9KEDEFGF';

const shelf = (page: Page, kind: string) => page.locator(`aisle-recommendations[kind="${kind}"]`);
const cards = (page: Page, kind: string) => shelf(page, kind).locator('[data-testid="product-card"]');

/** Console messages and CSP violations of a page, from its first moment. */
async function watch(page: Page): Promise<{ console: string[]; violations: string[] }> {
  const seen = { console: [] as string[], violations: [] as string[] };
  page.on('console', (m: ConsoleMessage) => seen.console.push(`${m.type()}: ${m.text()}`));
  await page.exposeFunction('__cspViolation', (v: string) => seen.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __cspViolation(v: string): void }).__cspViolation(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return seen;
}

test.describe('merchant embed', () => {
  test('recommends from the store catalog, learns from views and cart buttons on the store page, replays the queue, and keeps to the two origins', async ({ page }) => {
    const origins = new Set<string>();
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol === 'http:' || u.protocol === 'https:') origins.add(u.origin);
    });
    // The page's own globals, before any script of the page runs.
    await page.addInitScript(() => {
      (window as unknown as { __before: string[] }).__before = Object.getOwnPropertyNames(window);
    });
    await page.goto(`${STORE}/`);

    // The store's catalog, rendered in shadow DOM.
    await expect(cards(page, 'trending')).toHaveCount(6);
    await expect(cards(page, 'similar').first()).toBeVisible();
    expect(await shelf(page, 'trending').evaluate((el) => el.shadowRoot?.mode)).toBe('open');
    // A card links to the store's product page.
    await expect(cards(page, 'similar').first().locator('a').first()).toHaveAttribute('href', new RegExp(`^${STORE}/products/`));

    // The view queued before the script loaded (store.js) and the data-aisle-view are in the store origin's IndexedDB.
    await expect.poll(async () => (await readEvents(page)).filter((e) => e.type === 'view' && e.itemId === VIEWED).length).toBeGreaterThanOrEqual(1);
    // …and the widget learned from it: Recently viewed shows that product.
    await expect(shelf(page, 'recently-viewed').locator(`[data-testid="product-card"][data-id="${VIEWED}"]`)).toBeVisible();

    // A call after load, through the API: Recently viewed follows.
    const other = await cards(page, 'trending').first().getAttribute('data-id');
    await page.evaluate((id) => (window as unknown as { aisle: { push(c: unknown[]): void } }).aisle.push(['track', 'view', id]), other);
    await expect(shelf(page, 'recently-viewed').locator(`[data-testid="product-card"][data-id="${other}"]`)).toBeVisible();

    // The store's own button, opted in with data-aisle-*.
    await page.locator('#add').click();
    await expect.poll(async () => (await readEvents(page)).some((e) => e.type === 'add-to-cart' && e.itemId === VIEWED)).toBe(true);

    // Only the store's origin and the static host were asked for anything.
    expect([...origins].sort()).toEqual([STORE, STATIC].sort());

    // No globals beyond window.aisle (and the store's own).
    const added = await page.evaluate(() => {
      const before = new Set((window as unknown as { __before: string[] }).__before);
      return Object.getOwnPropertyNames(window).filter((k) => !before.has(k) && k !== '__before');
    });
    expect(added.sort()).toEqual(['aisle', 'storeGlobal']);

    // The page's styles are untouched, and do not reach in: no style or link added to the page; the store's h2 red and
    // .card border apply to its own elements only.
    expect(await page.locator('head style, head link[rel="stylesheet"]').count()).toBe(1);
    expect(await page.locator('p.card').evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe('5px');
    const inside = await shelf(page, 'trending').evaluate((el) => {
      const h2 = el.shadowRoot!.querySelector('h2')!;
      const card = el.shadowRoot!.querySelector('.card')!;
      return { h2: getComputedStyle(h2).color, border: getComputedStyle(card).borderTopWidth, font: getComputedStyle(h2).fontFamily };
    });
    expect(inside.h2).not.toBe('rgb(200, 0, 0)');
    expect(inside.border).not.toBe('5px');
    // The page's font is inherited.
    expect(inside.font).toContain('Georgia');

    // An empty shelf (nothing bought together yet) hides, giving its space back only below the screen.
    await expect(shelf(page, 'bought-together')).toHaveAttribute('data-state', 'empty');
    await expect(shelf(page, 'bought-together')).toBeHidden();
  });

  test('keyboard and screen reader: labelled shelves and search, cards reachable by Tab, no serious axe violation', async ({ page }) => {
    await page.goto(`${STORE}/`);
    await expect(cards(page, 'trending')).toHaveCount(6);
    await expect(cards(page, 'recently-viewed').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Popular now' })).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'Search the store' }).or(page.getByRole('combobox', { name: 'Search the store' }))).toBeVisible();
    // Tab from the store's own button goes into the widgets (the search box first).
    await page.locator('#add').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe('aisle-search');
    // Search by keyboard: the results open in place and are announced (aria-live).
    await page.keyboard.type('analog watch');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('aisle-search-results').locator('[data-testid="product-card"]').first()).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('aisle-search-results')).toBeHidden();
    const results = await new AxeBuilder({ page }).include('aisle-recommendations').include('aisle-search').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ rule: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
    expect(bad).toEqual([]);
  });

  test('theming: the store\'s own CSS custom properties and ::part styles reach the widget', async ({ page }) => {
    await page.goto(`${STORE}/`);
    await expect(cards(page, 'trending')).toHaveCount(6);
    await page.addStyleTag({ content: 'aisle-recommendations { --aisle-brand: rgb(1, 2, 3); } aisle-recommendations::part(title) { letter-spacing: 3px; }' });
    const styled = await shelf(page, 'trending').evaluate((el) => {
      const root = el.shadowRoot!;
      return { because: getComputedStyle(root.querySelector('[data-testid="because"]')!).color, title: getComputedStyle(root.querySelector('h2')!).letterSpacing };
    });
    expect(styled).toEqual({ because: 'rgb(1, 2, 3)', title: '3px' });
  });

  test('speaks the page\'s language (<html lang="zh-CN">) and leaves it alone; data-theme="dark"', async ({ page }) => {
    await page.goto(`${STORE}/t/zh.html`);
    await expect(cards(page, 'trending')).toHaveCount(4);
    await expect(page.getByRole('region', { name: '当前热门' })).toBeVisible();
    await expect(shelf(page, 'trending').getByRole('button', { name: '你的数据' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    // The dark palette: light text.
    const ink = await shelf(page, 'trending').evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('h2')!).color);
    expect(ink).toBe('rgb(238, 242, 239)');
  });

  test('never shifts the layout, keeps working after a reload and offline', async ({ page, context }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __cls: number };
      w.__cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) w.__cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${STORE}/`);
    await expect(cards(page, 'trending')).toHaveCount(6);
    await expect(cards(page, 'recently-viewed').first()).toBeVisible();
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __cls: number }).__cls)).toBe(0);

    await page.reload();
    await expect(cards(page, 'trending')).toHaveCount(6);
    await expect(shelf(page, 'recently-viewed').locator(`[data-id="${VIEWED}"]`)).toBeVisible();

    // Offline: the store's page, the loader, the runtime and its workers come from the browser's cache; everything
    // else is on the device.
    // (A new navigation, not reload(): a reload asks the server again even for files the cache may keep.)
    await context.setOffline(true);
    await page.goto(`${STORE}/`);
    await expect(cards(page, 'trending')).toHaveCount(6);
    const other = await cards(page, 'similar').nth(2).getAttribute('data-id');
    await page.evaluate((id) => (window as unknown as { aisle: { track(t: string, id: string): void } }).aisle.track('view', id!), other);
    await expect(shelf(page, 'recently-viewed').locator(`[data-id="${other}"]`)).toBeVisible();
    await context.setOffline(false);
  });

  test('works under the documented Content-Security-Policy', async ({ page }) => {
    const seen = await watch(page);
    await page.goto(`${STORE}/?csp=documented`);
    await expect(cards(page, 'trending')).toHaveCount(6);
    await expect(cards(page, 'recently-viewed').first()).toBeVisible();
    // Search by meaning: the encoder and the ONNX runtime load from the static host (CORS) and are kept in the store
    // origin's Cache Storage for the next page.
    await page.getByRole('combobox', { name: 'Search the store' }).fill('wrist watch');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('aisle-search-results').locator('[data-testid="product-card"]').first()).toBeVisible();
    await expect
      .poll(() => page.evaluate(async () => ((await caches.has('aisle-models-v1')) ? (await (await caches.open('aisle-models-v1')).keys()).map((r) => r.url) : [])), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([`${STATIC}/models/manifest.json`, expect.stringMatching(new RegExp(`^${STATIC}/models/.*model\\.onnx$`)), expect.stringMatching(/ort-wasm.*\.wasm$/)]));
    expect(seen.violations).toEqual([]);
    expect(seen.console.filter((m) => m.startsWith('error'))).toEqual([]);
  });

  test('fails visibly under a stricter policy: a console message, nothing shown, nothing moved', async ({ page }) => {
    const seen = await watch(page);
    await page.goto(`${STORE}/?csp=stricter`);
    // The console says which directive to add.
    await expect.poll(() => seen.console.filter((m) => m.includes('Aisle:')).join('\n')).toMatch(/Content-Security-Policy refused blob.*add blob: http:\/\/127\.0\.0\.1:\d+ to worker-src/);
    await expect(shelf(page, 'trending')).toHaveAttribute('data-state', 'failed');
    await expect(cards(page, 'trending')).toHaveCount(0);
    await expect(shelf(page, 'trending')).toBeHidden();
    expect(seen.violations.some((v) => v.startsWith('worker-src'))).toBe(true);
  });

  test('a broken catalog URL shows nothing and says so in the console', async ({ page }) => {
    const seen = await watch(page);
    await page.goto(`${STORE}/t/broken.html`);
    await expect.poll(() => seen.console.find((m) => m.includes('Aisle:') && m.includes('missing.json')) ?? '').toContain('404');
    await expect(shelf(page, 'trending')).toHaveAttribute('data-state', 'failed');
    await expect(page.locator('aisle-search')).toHaveAttribute('data-state', /empty|failed/);
    await expect(page.locator('[data-testid="product-card"]')).toHaveCount(0);
    // Nothing broken on the page: the paragraphs around it are where the page put them.
    const above = await page.locator('#above').boundingBox();
    const below = await page.locator('#below').boundingBox();
    expect(below!.y).toBeGreaterThan(above!.y);
  });

  test('consent mode: "No thanks" hides the widgets and stores nothing; the store\'s own banner can say yes through the API', async ({ page }) => {
    await page.goto(`${STORE}/t/consent.html`);
    await page.getByTestId('aisle-consent-decline').click();
    await expect(shelf(page, 'recently-viewed')).toHaveAttribute('data-state', 'empty');
    await expect(page.getByTestId('aisle-consent-allow')).toHaveCount(0);
    await page.evaluate(() => (window as unknown as { aisle: { push(c: unknown[]): void } }).aisle.push(['track', 'view', 'SRTEH2FF9KEDEFGF']));
    await page.waitForTimeout(500);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('aisle');
    // The store's own consent banner answers yes later: the shelves come, and what happens from now on is kept.
    await page.evaluate(() => (window as unknown as { aisle: { consent(yes: boolean): void } }).aisle.consent(true));
    await expect(cards(page, 'trending').first()).toBeVisible();
    await page.evaluate(() => (window as unknown as { aisle: { track(t: string, id: string): void } }).aisle.track('view', 'SRTEH2FF9KEDEFGF'));
    await expect(cards(page, 'recently-viewed').first()).toBeVisible();
    expect((await readEvents(page)).filter((e) => e.type === 'view')).toHaveLength(1);
  });

  test('consent mode stores nothing until the shopper agrees; "Your data" shows, exports and deletes it', async ({ page }) => {
    await page.goto(`${STORE}/t/consent.html`);
    const allow = page.getByTestId('aisle-consent-allow');
    await expect(allow).toBeVisible();
    await page.waitForTimeout(500);
    // The queued view was not stored, and no database exists at all.
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('aisle');

    await allow.click();
    // The view held in memory is recorded once the shopper agreed, and the shelves come.
    await expect.poll(async () => (await readEvents(page)).filter((e) => e.type === 'view').length).toBe(1);
    await expect(cards(page, 'recently-viewed').first()).toBeVisible();

    // The store's own data, which deleting Aisle's must leave alone.
    await page.evaluate(() => localStorage.setItem('store-own', 'kept'));
    await shelf(page, 'recently-viewed').getByRole('button', { name: 'Your data' }).click();
    const panel = page.getByTestId('aisle-data-panel');
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('aisle-data-count')).toContainText('1 thing you did');
    const download = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export (JSON)' }).click();
    expect((await download).suggestedFilename()).toMatch(/\.json$/);
    await panel.getByTestId('aisle-data-delete').click();
    await expect(panel.getByTestId('aisle-data-deleted')).toBeVisible();
    // Consent mode asks again, and nothing is stored meanwhile.
    await expect(allow).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('store-own'))).toBe('kept');
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  });

  test('a model file exported from the console is the starting point of the embed\'s shopper model', async ({ page }) => {
    test.setTimeout(240_000);
    // A small log over the demo catalog's products (shoppers who stay within one category): made up for this check,
    // since no licensed log exists for them. Trained in the console on the shop's demo catalog, and exported.
    const demo = JSON.parse(readFileSync('public/catalog/demo.json', 'utf8')) as { id: string; products: Array<{ id: string; categoryPath: string[] }> };
    const byCat = new Map<string, string[]>();
    for (const p of demo.products) byCat.set(p.categoryPath[0], [...(byCat.get(p.categoryPath[0]) ?? []), p.id]);
    const groups = [...byCat.values()].filter((g) => g.length >= 8);
    const rows = ['customer,product,time'];
    for (let u = 0; u < 60; u++) {
      const g = groups[u % groups.length];
      for (let j = 0; j < 6; j++) rows.push(`c${u},${g[(u * 3 + j) % g.length]},2024-01-01 10:${String(u % 60).padStart(2, '0')}:0${j}`);
    }
    await openShop(page, '#/console/train');
    await page.getByTestId('log-file').setInputFiles({ name: 'demo-events.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
    await expect(page.getByTestId('log-join')).toContainText('(360 of 360 interactions)');
    await page.getByTestId('train-epochs').fill('1');
    await page.getByTestId('train-budget').fill('10');
    await page.getByTestId('train-start').click();
    await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 120_000 });
    const download = page.waitForEvent('download');
    await page.getByTestId('export-model').click();
    const exported = await (await download).path();

    // Published as the README says: beside the catalog, named in it ("model"), with the catalog's shipped vectors.
    const dir = 'tests/e2e/fixtures/embed/generated';
    mkdirSync(dir, { recursive: true });
    copyFileSync(exported, `${dir}/aisle-model.json`);
    copyFileSync('public/catalog/demo.vectors.bin', `${dir}/demo.vectors.bin`);
    writeFileSync(`${dir}/catalog.json`, JSON.stringify({ ...demo, model: 'aisle-model.json' }));
    writeFileSync(
      `${dir}/store.html`,
      `<!doctype html><html lang="en"><head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Store with a model</title>
<script>window.aisle = window.aisle || []; aisle.push(['track', 'view', '${groups[0][0]}']); aisle.push(['track', 'view', '${groups[0][1]}']);</script></head>
<body><aisle-recommendations kind="for-you"></aisle-recommendations>
<script async src="__AISLE_STATIC__/embed/aisle.js" data-catalog="/t/generated/catalog.json"></script></body></html>`,
    );
    const fetched = page.waitForRequest((r) => r.url() === `${STORE}/t/generated/aisle-model.json`, { timeout: 120_000 });
    await page.goto(`${STORE}/t/generated/store.html`);
    await fetched;
    // The shopper's model on the store's origin started from it (the checkpoint says so).
    const from = () =>
      page.evaluate(
        (id) =>
          new Promise<string | null>((resolve) => {
            const req = indexedDB.open('aisle');
            req.onsuccess = () => {
              const db = req.result;
              if (!db.objectStoreNames.contains('checkpoints')) return resolve(null);
              const get = db.transaction('checkpoints').objectStore('checkpoints').get(`personal:${id}`);
              get.onsuccess = () => resolve((get.result?.meta?.personal?.from as string | undefined) ?? null);
              get.onerror = () => resolve(null);
            };
            req.onerror = () => resolve(null);
          }),
        demo.id,
      );
    await expect.poll(from, { timeout: 120_000 }).toBe('merchant');
  });
});

