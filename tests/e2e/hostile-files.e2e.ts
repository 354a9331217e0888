/**
 * Hostile files (issue 10, findings 1, 4 and 5), as a shopper and a merchant would meet them: after importing a "Your
 * data" file that names a model host and carries a review full of personal data, and after loading a catalog whose
 * images point elsewhere and whose text lies, nothing goes to any other origin (every request is recorded, as in
 * offline-privacy.e2e.ts), even after a reload and a visit to "Where models run"; and the pages say what happened.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { HUB_PORT } from '../../playwright.config.ts';
import { demoProducts, openShop } from './helpers.ts';

const HUB = `http://127.0.0.1:${HUB_PORT}/`;

/**
 * Records every request of the context from now on (and clears the other host's log); `check()` asserts that none
 * went to another origin and that the other host was asked nothing.
 */
async function watchRequests(context: BrowserContext, baseURL: string | undefined): Promise<{ check(): Promise<void> }> {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('serviceworker', (sw) => requests.push(sw.url()));
  await fetch(`${HUB}__log`, { method: 'DELETE' });
  return {
    async check() {
      expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
      expect(await (await fetch(`${HUB}__log`)).json()).toEqual([]);
    },
  };
}

const now = Date.now();
const hostileExport = {
  format: 'aisle-export',
  version: 2,
  exportedAt: new Date(now).toISOString(),
  events: [
    { id: 'h-1', type: 'view', at: now - 60_000, catalog: 'flipkart-demo-v1', itemId: 'x1' },
    { id: 'h-2', type: 'dwell', at: now - 50_000, catalog: 'flipkart-demo-v1', itemId: 'x1', ms: 1e308 },
  ],
  settings: {
    encoder: { id: 'aisle-test/encoder', source: 'remote', host: HUB, files: [{ path: 'config.json' }, { path: 'tokenizer.json' }, { path: 'tokenizer_config.json' }, { path: 'onnx/model.onnx' }] },
    cart: [{ itemId: 'x1', quantity: 1, addedAt: now }],
  },
  itemStats: [],
  checkpoints: [],
  reviews: [],
};

const hostileCatalog = {
  products: [
    { id: 'e1', title: 'Café mug', brand: '\u202E999 ₹', price: '1,2,3,4', currency: 'INR', image: '\\\\127.0.0.1:' + HUB_PORT + '/a.png' },
    { id: 'e2', title: 'Tea cup', price: '₹1,999', currency: 'INR', image: '/\\127.0.0.1:' + HUB_PORT + '/b.png', categoryPath: ['Kitchen', 'Cups'] },
    { id: 'e3', title: 'Saucer', price: 299, currency: 'INR', image: '/\t/127.0.0.1:' + HUB_PORT + '/c.png', categoryPath: ['Kitchen', 'Cups'] },
    { id: 'e4', title: '\u200B\u200B', price: 10, currency: 'INR' },
    { id: 'e5', title: 'Teapot', brand: 'Pot\u202Eco', price: '1.234,50', currency: 'INR', image: `${HUB}d.png`, categoryPath: ['Kitchen', 'Pots'] },
  ],
  rules: { pin: [{ itemId: 'e2', position: 0 }] },
};

async function importFile(page: Page, data: unknown): Promise<void> {
  await openShop(page, '#/you');
  await page.getByTestId('import').setInputFiles({ name: 'aisle-data.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(data)) });
}

test('a hostile "Your data" file: no request to its model host, ever; the bad entry is shown and left out only on request', async ({ page, context, baseURL }) => {
  test.setTimeout(150_000);
  const requests = await watchRequests(context, baseURL);
  await openShop(page);
  const [product] = await demoProducts(page);
  const review = (id: string, text: string) => ({ id, catalog: 'flipkart-demo-v1', itemId: product.id, kind: 'review', rating: 5, at: now - 1000, text, moderation: { decision: 'allow', reasons: [] } });
  await importFile(page, {
    ...hostileExport,
    reviews: [
      review('rv-bad', 'You idiot seller. Call me on +91 98765 43210 or mail john.doe@gmail.com, cheaper at http://cheap-deals.example/buy'),
      review('rv-ok', 'Lovely colour and well made; it arrived in two days.'),
    ],
  });
  await expect(page.getByTestId('import-invalid')).toContainText('events #2: is a dwell without a duration from 0 to 24 hours');
  await page.screenshot({ path: '.tmp/screens/hostile-import-question.png', fullPage: true });
  await page.getByTestId('import-skip-invalid').click();
  await expect(page.getByTestId('import-message')).toContainText('Imported 1 event');
  await expect(page.getByTestId('import-note')).toContainText(`never takes a model host from a file`);
  await page.screenshot({ path: '.tmp/screens/hostile-import-done.png', fullPage: true });
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  await expect(page.getByTestId('import-message')).toContainText('1 of them not shown as posted');

  // The store page: the clean review is posted; the hostile one, checked again, is not, and says why.
  await openShop(page, `#/p/${product.id}`);
  const reviews = page.getByTestId('reviews');
  await expect(reviews.locator('li[data-decision="allow"]')).toContainText('Lovely colour');
  await expect(reviews.locator('li[data-decision="block"]').getByTestId('review-not-posted')).toContainText(/Not posted.*(phone|e-mail)/i);
  await page.getByTestId('reviews').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.tmp/screens/hostile-import-reviews.png', fullPage: true });

  // Reload, let the background work run, and change where models run (which reloads the search model).
  await page.reload();
  await openShop(page, '#/about');
  await expect(page.getByTestId('encoder-status')).toContainText('aisle-text-encoder-v1');
  await page.getByTestId('device-setting').selectOption('wasm');
  await expect(page.getByTestId('encoder-device')).toHaveText('WASM', { timeout: 60_000 });
  // "WASM" is shown once the search model has loaded again: the requests of that reload have been made.
  await requests.check();
});

test('a remote model stored without the shopper\'s yes (by an older version\'s import) is not used, and the About page says so', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const requests = await watchRequests(context, baseURL);
  await openShop(page);
  // Exactly what an import of the old format wrote into the settings store.
  await page.evaluate(
    (spec) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('aisle');
        req.onsuccess = () => {
          const tx = req.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put(spec, 'encoder');
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    hostileExport.settings.encoder,
  );
  await page.reload();
  await openShop(page, '#/about');
  await expect(page.getByTestId('encoder-unapproved')).toContainText(`127.0.0.1:${HUB_PORT}`);
  await page.getByTestId('device-setting').selectOption('wasm');
  await expect(page.getByTestId('encoder-device')).toHaveText('WASM', { timeout: 60_000 });
  await page.screenshot({ path: '.tmp/screens/hostile-unapproved-model.png', fullPage: true });
  await requests.check();
});

test('a hostile catalog: images elsewhere are never fetched, text cannot pose as a price, bad numbers are named', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const requests = await watchRequests(context, baseURL);
  await openShop(page, '#/store');
  const file = page.getByTestId('catalog-file');
  await file.setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostileCatalog)) });
  const error = page.getByTestId('catalog-error');
  await expect(error.getByTestId('issues')).toContainText('"1,2,3,4" is not a number Aisle can read without guessing');
  await expect(error.getByTestId('issues')).toContainText('only invisible characters');
  await page.screenshot({ path: '.tmp/screens/hostile-catalog-refused.png', fullPage: true });
  await page.getByTestId('mode-skip').check();
  const report = page.getByTestId('catalog-report');
  await expect(report).toContainText('will not be loaded');
  await expect(report).toContainText('invisible formatting characters');
  await page.screenshot({ path: '.tmp/screens/hostile-catalog-report.png', fullPage: true });
  await page.getByTestId('use-catalog').click();
  await expect(page.getByTestId('product-card').first()).toBeVisible();
  await openShop(page, '#/p/e5');
  await expect(page.getByTestId('product')).toContainText('1,234.50');
  // The brand's override was removed: it reads as written, and it sits in its own isolated run.
  expect(await page.locator('.brand bdi').first().textContent()).toBe('Potco');
  await page.screenshot({ path: '.tmp/screens/hostile-catalog-product.png', fullPage: true });
  await openShop(page, '#/p/e2');
  await expect(page.getByTestId('product')).toBeVisible();
  // Every image on the page has settled (loaded, or refused and shown as art) before the check.
  await expect.poll(() => page.evaluate(() => [...document.images].every((img) => img.complete))).toBe(true);
  await requests.check();
});
