/**
 * The merchant console end to end, on the production build: catalog import (CSV with a bad row), training on a small
 * real log with progress, evaluation against the baselines, the weights exported and loaded back, pricing on the UCI
 * retail sample; every request stays on the origin; axe on each section; screenshots of each section on a desktop
 * and a phone (.tmp/screens/console-*.png).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { openShop, readEvents } from './helpers.ts';

const RETAIL_SAMPLE = existsSync('../shared/data/uci-online-retail-sample/online_retail_sample.csv')
  ? '../shared/data/uci-online-retail-sample/online_retail_sample.csv'
  : 'tests/fixtures/sales/uci-online-retail-slice.csv';

/** Records every request of the context; `check` fails on any that left the origin. */
function watchRequests(context: BrowserContext, baseURL: string | undefined): { check(): void; count(): number } {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  return {
    check() {
      expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    },
    count: () => requests.length,
  };
}

async function audit(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  expect(bad, `${screen}: serious or critical accessibility violations`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen}: the page is wider than the screen by ${overflow} px`).toBeLessThanOrEqual(0);
}

async function shoot(page: Page, name: string): Promise<void> {
  const vp = page.viewportSize();
  const kind = vp && vp.width < 600 ? 'phone' : 'desktop';
  await page.screenshot({ path: `.tmp/screens/console-${name}-${kind}.png`, fullPage: true });
}

/** The demo catalog as a CSV with German column names (so the mapping is needed) and one deliberate bad row. */
function demoCsvWithBadRow(): { csv: string; products: number; badId: string } {
  const demo = JSON.parse(readFileSync('public/catalog/demo.json', 'utf8')) as { products: Array<{ id: string; title: string; price: number; currency: string; categoryPath: string[]; brand?: string | null }> };
  const q = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = demo.products.map((p, i) => [p.id, p.title, i === 5 ? 'twelve' : String(p.price), p.currency, p.categoryPath.join(' > '), p.brand ?? ''].map(q).join(','));
  return { csv: `Artikel,title,Preis,currency,category,brand\n${rows.join('\n')}\n`, products: demo.products.length, badId: demo.products[5].id };
}

test('catalog import: the demo catalog as CSV, columns mapped, the bad row reported with a fix, the rest imported, used by the shop and downloaded as JSON', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const requests = watchRequests(context, baseURL);
  const { csv, products } = demoCsvWithBadRow();
  await openShop(page, '#/store');
  await expect(page).toHaveURL(/#\/console\/catalog$/);
  await page.getByTestId('mode-skip').check();
  await page.getByTestId('catalog-file').setInputFiles({ name: 'demo.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const mapping = page.getByTestId('catalog-mapping');
  await expect(mapping).toBeVisible();
  // Without the mapping the file has no id or price column.
  await expect(page.getByTestId('catalog-error')).toContainText(/no id, price columns/);
  await page.getByTestId('catalog-map-Artikel').selectOption('id');
  await page.getByTestId('catalog-map-Preis').selectOption('price');
  const report = page.getByTestId('catalog-report');
  await expect(report).toContainText(`${products - 1} products ready`);
  await expect(report.getByTestId('issues')).toContainText('price');
  await expect(report.getByTestId('issues')).toContainText('plain number with a dot');
  await audit(page, 'console catalog');
  await shoot(page, 'catalog');

  const download = page.waitForEvent('download');
  await page.getByTestId('download-catalog').click();
  const json = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { products: Array<{ id: string }> };
  expect(json.products).toHaveLength(products - 1);

  await page.getByTestId('console-tab-listings').click();
  await expect(page.getByTestId('listing-check')).toContainText(`(${products - 1} products)`);
  await audit(page, 'console listings');
  await shoot(page, 'listings');

  await page.getByTestId('console-tab-catalog').click();
  await page.getByTestId('use-catalog').click();
  await expect(page.locator('main')).toHaveAttribute('data-catalog', /^file-/);
  requests.check();
});

test('pricing on the real retail sample: it runs and says plainly where the data is too thin', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const requests = watchRequests(context, baseURL);
  await openShop(page, '#/console/pricing');
  await page.getByTestId('sales-file').setInputFiles(RETAIL_SAMPLE);
  await expect(page.getByTestId('sales-mapping')).toBeVisible();
  await expect(page.getByTestId('map-product')).toHaveValue('StockCode');
  await expect(page.getByTestId('map-price')).toHaveValue('UnitPrice');
  await expect(page.getByTestId('map-time')).toHaveValue('InvoiceDate');
  await page.getByTestId('analyse-sales').click();
  await expect(page.getByTestId('pricing-report')).toBeVisible({ timeout: 60_000 });
  // One week of a wholesaler whose prices follow the buyer, not the calendar (workers/pricing/PRICING.md): nothing
  // can be estimated, and each product says why.
  await expect(page.getByTestId('pricing-summary')).toContainText(/0 estimated, [\d,]+ too thin to tell/);
  const thin = page.getByTestId('pricing-products').locator('tr[data-verdict="too-thin"]');
  await expect(thin.first()).toContainText(/too thin: .{20,}/);
  await expect(page.getByTestId('pricing-products')).toContainText(/sold at one price only|set by order size|Only \d+ sales? lines?|prices? paid/i);
  await thin.first().getByRole('button').click();
  await expect(page.getByTestId('demand-chart').locator('svg circle').first()).toBeVisible();
  await expect(page.getByTestId('suggested-price')).toContainText('No price is suggested');
  requests.check();
});

/** 60 days of sales from known demand curves (the same generator as the unit tests), as a CSV. */
function knownCurves(): string {
  const rows = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'];
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const products = [
    { id: 'ELASTIC', e: -2.5, base: 40, ref: 2, prices: [1.5, 1.8, 2, 2.4, 2.8] },
    { id: 'INELASTIC', e: -0.5, base: 30, ref: 5, prices: [4, 4.5, 5, 5.5, 6] },
  ];
  let invoice = 100000;
  for (let day = 0; day < 60; day++) {
    const date = new Date(Date.UTC(2011, 0, 3 + day)).toISOString().slice(0, 10);
    for (const p of products) {
      const price = p.prices[Math.floor(day / 3) % p.prices.length];
      const units = Math.max(1, Math.round(p.base * (price / p.ref) ** p.e * Math.exp((rand() - 0.5) * 0.3)));
      rows.push(`${invoice++},${p.id},${p.id} MUG,${units},${date} 10:00:00,${price},${12000 + day},United Kingdom`);
    }
  }
  return `${rows.join('\n')}\n`;
}

test('pricing on known demand curves: estimates with intervals, the demand chart, a suggestion and what it rests on', async ({ page, context, baseURL }) => {
  const requests = watchRequests(context, baseURL);
  await openShop(page, '#/console/pricing');
  await page.getByTestId('sales-file').setInputFiles({ name: 'known-curves.csv', mimeType: 'text/csv', buffer: Buffer.from(knownCurves()) });
  await page.getByTestId('analyse-sales').click();
  await expect(page.getByTestId('pricing-summary')).toContainText('2 estimated, 0 too thin');
  const elastic = page.getByTestId('pricing-products').locator('tr[data-product="ELASTIC"]');
  // The interval holds the true elasticity, −2.5.
  const [e, lo, hi] = ((await elastic.locator('td').nth(3).textContent()) ?? '').match(/[−+-]?\d+\.\d+/g)!.map((x) => Number(x.replace('−', '-')));
  expect(lo).toBeLessThan(-2.5);
  expect(hi).toBeGreaterThan(-2.5);
  expect(e).toBeLessThan(-1.5);
  await elastic.getByRole('button').click();
  const detail = page.getByTestId('pricing-detail');
  await expect(detail.getByTestId('demand-chart').locator('svg circle').first()).toBeVisible();
  await expect(detail.getByTestId('demand-chart')).toContainText('fitted elasticity');
  await expect(detail.getByTestId('suggested-price')).toContainText(/Suggested: \d+\.\d\d/);
  await expect(detail).toContainText('constant-elasticity curve');
  await audit(page, 'console pricing');
  await shoot(page, 'pricing');
  requests.check();
});

test('train the content model on a small real log joined to its catalog (progress, stop, reload, resume), evaluate, export, and the shop starts from it', async ({ page, context, baseURL }) => {
  test.setTimeout(300_000);
  const requests = watchRequests(context, baseURL);
  // The UCI Online Retail sample as a shop's catalog and events log (CC BY 4.0, tests/fixtures/recs/retail/SOURCE.md).
  await openShop(page, '#/console/catalog');
  await page.getByTestId('mode-skip').check();
  await page.getByTestId('catalog-file').setInputFiles('tests/fixtures/recs/retail/catalog.csv');
  await expect(page.getByTestId('catalog-report')).toContainText('1,822 products ready');
  await page.getByTestId('use-catalog').click();
  await expect(page.locator('main')).toHaveAttribute('data-catalog', /^file-/);

  await page.goto('./#/console/train');
  await page.getByTestId('log-file').setInputFiles('tests/fixtures/recs/retail/events.csv');
  await expect(page.getByTestId('log-format')).toHaveValue('events-csv');
  await expect(page.getByTestId('log-stats')).toContainText(/events\.csv: [\d,]+ shoppers, [\d,]+ items, [\d,]+ interactions/);
  await expect(page.getByTestId('log-join')).toContainText("1,822 of the log’s 1,822 items are products of the catalog “catalog.csv” (10,000 of 10,000 interactions)");
  await page.getByTestId('train-epochs').fill('3');
  await page.getByTestId('train-start').click();
  // Progress is visible while it trains: the status line and a loss curve growing.
  await expect(page.getByTestId('train-status')).toContainText(/Training: pass \d+ of 3/, { timeout: 120_000 });
  await expect(page.getByTestId('chart-loss').locator('svg path').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('train-cancel').click();
  await expect(page.getByTestId('train-result')).toContainText(/Stopped after [\d,]+ steps/, { timeout: 60_000 });

  // After a reload the stored checkpoint is offered for Resume (once the log is open again).
  await page.reload();
  await expect(page.locator('main')).toHaveAttribute('data-catalog', /^file-/);
  await expect(page.getByTestId('train-resume')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('log-file').setInputFiles('tests/fixtures/recs/retail/events.csv');
  await expect(page.getByTestId('log-join')).toBeVisible();
  await page.getByTestId('train-epochs').fill('3');
  await page.getByTestId('train-resume').click();
  await expect(page.getByTestId('train-result')).toContainText(/Finished \(.+\): [\d,]+ steps .* Test NDCG@10 0\.\d{4}/, { timeout: 240_000 });
  await expect(page.getByTestId('chart-ndcg').locator('svg circle').first()).toBeVisible();
  await expect(page.getByTestId('train-result')).toContainText(/Backend: (wasm|webgl|webgpu|cpu)/);
  await audit(page, 'console train');
  await shoot(page, 'train');

  const download = page.waitForEvent('download');
  await page.getByTestId('export-model').click();
  const file = await (await download).path();
  const model = JSON.parse(readFileSync(file, 'utf8')) as { format: string; version: number; checkpoint: { config: { model: { idEmbedding: boolean; numItems: number; content: { textDim: number } | null } }; meta: { itemIds?: string[]; catalog?: string }; weights: unknown[] } };
  expect(model.format).toBe('aisle-model');
  expect(model.version).toBe(1);
  // The content model: the catalog's products by their text vectors, category and price band; no id embedding.
  expect(model.checkpoint.config.model.idEmbedding).toBe(false);
  expect(model.checkpoint.config.model.numItems).toBe(1822);
  expect(model.checkpoint.config.model.content?.textDim).toBeGreaterThan(0);
  // The shop's name for the catalog in use (after the reload the console works on the shop's catalog).
  expect(model.checkpoint.meta.catalog).toMatch(/^catalog/);

  await page.getByTestId('console-tab-evaluate').click();
  await page.getByTestId('evaluate-run').click();
  const results = page.getByTestId('evaluate-results');
  await expect(results).toBeVisible({ timeout: 120_000 });
  for (const m of ['popular', 'markov', 'knn', 'sasrec']) await expect(results.locator(`tr[data-model="${m}"]`)).toContainText(/0\.\d{4}/);
  await expect(page.getByTestId('evaluate-chart').locator('svg path').first()).toBeVisible();
  await audit(page, 'console evaluate');
  await shoot(page, 'evaluate');

  // The exported file, loaded back: it becomes the console's model again.
  await page.getByTestId('console-tab-train').click();
  await page.getByTestId('model-file').setInputFiles(file);
  await expect(page.getByTestId('model-loaded')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('console-model')).toContainText(/read from .*, 1,822 items/);

  // Put in use by the shop: the shopper's model starts from it, and says so on Your data, also after a reload.
  await page.getByTestId('use-model-in-shop').click();
  await expect(page.getByTestId('model-in-shop')).toContainText('In use by this shop', { timeout: 60_000 });
  for (const [k, id] of ['85123A', '71053', '84406B'].entries()) {
    await page.goto(`./#/p/${id}`);
    await expect(page.locator('main h1').first()).toBeVisible();
    await expect.poll(async () => new Set((await readEvents(page)).filter((e) => e.type === 'view').map((e) => e.itemId)).size, { timeout: 30_000 }).toBeGreaterThanOrEqual(k + 1);
  }
  await page.reload();
  await page.goto('./#/you');
  await expect(page.getByTestId('model-state')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await expect(page.getByTestId('model-from-merchant')).toContainText("starting from the store's pre-trained model");
  await page.goto('./#/console/train');
  await expect(page.getByTestId('model-in-shop')).toContainText('In use by this shop');
  requests.check();
});

test('every console section on a phone: accessible, fits the screen, screenshots', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 390, height: 844 });
  const { csv } = demoCsvWithBadRow();
  await openShop(page, '#/console/catalog');
  await page.getByTestId('mode-skip').check();
  await page.getByTestId('catalog-file').setInputFiles({ name: 'demo.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('catalog-map-Artikel').selectOption('id');
  await page.getByTestId('catalog-map-Preis').selectOption('price');
  await expect(page.getByTestId('catalog-report')).toBeVisible();
  await audit(page, 'phone catalog');
  await shoot(page, 'catalog');

  await page.getByTestId('console-tab-listings').click();
  await expect(page.getByTestId('listing-check')).toBeVisible();
  await audit(page, 'phone listings');
  await shoot(page, 'listings');

  await page.getByTestId('console-tab-train').click();
  await page.getByTestId('log-file').setInputFiles('tests/fixtures/recs/retail/events.csv');
  await expect(page.getByTestId('log-stats')).toBeVisible();
  // The demo catalog is not this log's: its items are matched against it, too few, so the id model is chosen.
  await expect(page.getByTestId('log-join')).toContainText('Too few of them to train on');
  await page.getByTestId('items-by-ids').check();
  await page.getByTestId('train-budget').fill('15');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-result')).toBeVisible({ timeout: 120_000 });
  await audit(page, 'phone train');
  await shoot(page, 'train');

  await page.getByTestId('console-tab-evaluate').click();
  await page.getByTestId('evaluate-run').click();
  await expect(page.getByTestId('evaluate-results')).toBeVisible({ timeout: 120_000 });
  await audit(page, 'phone evaluate');
  await shoot(page, 'evaluate');

  await page.getByTestId('console-tab-pricing').click();
  await page.getByTestId('sales-file').setInputFiles({ name: 'known-curves.csv', mimeType: 'text/csv', buffer: Buffer.from(knownCurves()) });
  await page.getByTestId('analyse-sales').click();
  await page.getByTestId('pricing-products').locator('tr[data-product="ELASTIC"]').getByRole('button').click();
  await expect(page.getByTestId('demand-chart')).toBeVisible();
  await shoot(page, 'pricing');
  await audit(page, 'phone pricing');
});

test('a product page says whether its price is a good one for its category', async ({ page }) => {
  await openShop(page, '#/');
  await page.getByTestId('shelf-trending').getByTestId('product-card').first().locator('a').first().click();
  await expect(page.getByTestId('price-hint')).toContainText(/Good price\? A (low|typical|high) price for|Too few other products/);
});
