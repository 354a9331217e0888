/**
 * A large stored catalog (20,000 products, the size CI affords; scripts/bench-catalog-load.ts measures 100,000) on a
 * returning visit: after a reload the shelf shows real product cards (not only its skeletons), the category tiles count
 * every product (the tree is built in the worker), the Catalog screen lists all of them, and a quiet minute later the
 * worker that holds the catalog is still the same one (it is not let go and started again, which re-sent and re-indexed
 * every product). The catalog is written straight into IndexedDB, as a loaded file would be stored.
 *
 * The page itself never reads the stored catalog (the recommender worker does, and the page asks it for the products
 * it shows): every read of the `catalogs` object store on the page's thread is recorded (the real IndexedDB still
 * answers it), and none happens on the whole visit: home, the Catalog screen, a product page, the cart and Your data.
 */
import { expect, test } from '@playwright/test';
import { openShop } from './helpers.ts';
import { storeLargeCatalog } from './large-catalog-fixture.ts';

const SIZE = 20_000;

test('a 20,000-product catalog: a reload shows product cards, the category counts and the full list', async ({ page }) => {
  test.setTimeout(240_000);
  await openShop(page);
  await expect(page.getByTestId('product-card').first()).toBeVisible({ timeout: 60_000 });
  const demoCount = await storeLargeCatalog(page, SIZE, 'large-e2e');

  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  // Records which object stores the page's own thread reads (workers have their own IndexedDB objects, untouched).
  await page.addInitScript(() => {
    const w = window as unknown as { __catalogReads: string[] };
    w.__catalogReads = [];
    for (const method of ['get', 'getAll', 'openCursor', 'getAllKeys', 'count'] as const) {
      const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
      (IDBObjectStore.prototype as unknown as Record<string, unknown>)[method] = function (this: IDBObjectStore, ...args: unknown[]) {
        if (this.name === 'catalogs') w.__catalogReads.push(method);
        return original.apply(this, args);
      };
    }
  });
  const catalogReads = () => page.evaluate(() => (window as unknown as { __catalogReads: string[] }).__catalogReads.filter((m) => m !== 'getAllKeys' && m !== 'count'));
  await page.reload();
  await expect(page.locator('main')).toHaveAttribute('data-catalog', 'large-e2e');
  // A real card from the 20,000 (ids end in -<position>), not a skeleton and not the demo's.
  await expect(page.getByTestId('shelf-trending').getByTestId('product-card').first()).toHaveAttribute('data-id', /-\d+$/, { timeout: 120_000 });
  // The tiles count every generated product: their sum over the top-level categories shown is far above the demo's size.
  const tiles = page.locator('.categories .tile:not(.skeleton) .count');
  await expect(tiles.first()).toBeVisible({ timeout: 60_000 });
  const counted = (await tiles.allTextContents()).reduce((s, t) => s + Number(t.replace(/[^\d]/g, '')), 0);
  expect(counted).toBeGreaterThan(demoCount * 10);
  expect(counted).toBeLessThanOrEqual(SIZE);

  await page.evaluate(() => (location.hash = '#/shop'));
  await expect(page.getByTestId('result-count')).toHaveText(`${new Intl.NumberFormat('en').format(SIZE)} products`, { timeout: 120_000 });
  await expect(page.getByTestId('product-card').first()).toBeVisible();

  // The worker is kept past the bridge's idle minute (the page's clock is real here: wait it out, then use it again).
  const recommenderStarts = () => workers.filter((u) => u.includes('recommender')).length;
  expect(recommenderStarts()).toBe(1);
  await page.waitForTimeout(65_000);
  await page.evaluate(() => (location.hash = '#/'));
  await expect(page.getByTestId('shelf-trending').getByTestId('product-card').first()).toBeVisible();
  await page.evaluate(() => (location.hash = '#/shop/Watches'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Watches');
  await expect(page.getByTestId('product-card').first()).toBeVisible();
  expect(recommenderStarts()).toBe(1);

  // A product page, its price in the cart, and Your data's list of stored catalogs: all from the worker's answers.
  const id = `${await page.getByTestId('product-card').first().getAttribute('data-id')}`;
  await page.evaluate((id) => (location.hash = `#/p/${encodeURIComponent(id)}`), id);
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).not.toHaveText('');
  const name = (await title.textContent())!;
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.evaluate(() => (location.hash = '#/cart'));
  await expect(page.getByTestId('cart-line').filter({ hasText: name })).toHaveAttribute('data-id', id);
  await expect(page.getByTestId('cart-total')).not.toHaveText(/^\D*0(\.00)?$/);
  await page.evaluate(() => (location.hash = '#/you'));
  await expect(page.getByText(/Catalogs loaded from files: Large 20000 \(20,000 products\)/)).toBeVisible({ timeout: 30_000 });
  expect(await catalogReads()).toEqual([]);
});

test('a stored catalog with variant groups: the product page offers every option, asked of the worker that holds it', async ({ page }) => {
  test.setTimeout(120_000);
  await openShop(page);
  await expect(page.getByTestId('product-card').first()).toBeVisible({ timeout: 60_000 });
  // The demo catalog itself, stored as a loaded file would be (its variant groups kept), and made the shop's catalog.
  await storeLargeCatalog(page, 0, 'stored-demo', true);
  const demo = (await (await page.request.get('./catalog/demo.json')).json()) as { products: Array<{ id: string; group?: string }> };
  const group = demo.products.find((p) => p.group)!.group!;
  const members = demo.products.filter((p) => p.group === group).map((p) => p.id);
  // Reloaded straight into the product page (a hash change alone would not read the settings again).
  await page.evaluate((id) => (location.hash = `#/p/${encodeURIComponent(id)}`), members[0]!);
  await page.reload();
  await expect(page.locator('main')).toHaveAttribute('data-catalog', 'stored-demo');
  await expect(page.getByTestId('option')).toHaveCount(members.length, { timeout: 30_000 });
  await page.getByTestId('option').nth(1).click();
  await expect(page.getByTestId('product')).toHaveAttribute('data-id', members[1]!);
  await expect(page.getByTestId('option').nth(1)).toHaveAttribute('aria-current', 'true');
});
