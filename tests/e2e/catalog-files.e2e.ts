/** Loading catalog files: bad files give clear errors and never break the shop; a good one replaces the demo. */
import { expect, test } from '@playwright/test';
import { demoProducts, openShop } from './helpers.ts';

const dir = 'tests/fixtures/catalogs';

test('bad catalog files are refused with row, field and reason, and the shop keeps working', async ({ page }) => {
  await openShop(page, '#/store');
  const file = page.getByTestId('catalog-file');
  const error = page.getByTestId('catalog-error');

  await file.setInputFiles(`${dir}/wrong-types.json`);
  await expect(error).toContainText('wrong-types.json was not loaded');
  await expect(error.getByTestId('issues')).toContainText('price');
  await expect(error.getByTestId('issues')).toContainText('write it as 1234.50');
  await expect(error.getByTestId('issues')).toContainText('title');
  await expect(error.getByTestId('issues')).toContainText('must be text, not an object');

  await file.setInputFiles(`${dir}/missing-ids.csv`);
  await expect(error.getByTestId('issues')).toContainText('is missing; every product needs one');

  await file.setInputFiles(`${dir}/duplicate-ids.csv`);
  await expect(error.getByTestId('issues')).toContainText('"d1" is already used by row 1');

  await file.setInputFiles(`${dir}/broken-quoting.csv`);
  await expect(error).toContainText('broken at line 2');
  await expect(error).toContainText('never closed');

  await file.setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.from(`id,title,price,currency,description\nh1,Rug,999,INR,${'x'.repeat(60_000)}\n`) });
  await expect(error.getByTestId('issues')).toContainText('is 60,000 characters long; the limit is 20,000');

  await file.setInputFiles({ name: 'nonsense.json', mimeType: 'application/json', buffer: Buffer.from('{"products": [1, 2') });
  await expect(error).toContainText('not valid JSON');

  // Nothing changed: the demo store is still there and works.
  await expect(error).toContainText('the store still uses Aisle demo store');
  await openShop(page);
  await expect(page.getByTestId('shelf-trending')).toBeVisible();
});

test('skip mode keeps the good rows; a good file replaces the demo store and survives a reload', async ({ page }) => {
  await openShop(page, '#/store');
  await page.getByTestId('mode-skip').check();
  await page.getByTestId('catalog-file').setInputFiles(`${dir}/duplicate-ids.csv`);
  await expect(page.getByTestId('catalog-report')).toContainText('2 products ready');
  await expect(page.getByTestId('catalog-report')).toContainText('3 rows read, 2 accepted, 1 skipped');

  await page.getByTestId('catalog-file').setInputFiles(`${dir}/good.csv`);
  await expect(page.getByTestId('catalog-report')).toContainText('3 products ready from good.csv');
  await page.getByTestId('use-catalog').click();
  await expect(page.getByTestId('shelf-trending')).toBeVisible();
  await page.reload();
  await openShop(page, '#/shop/Clothing');
  await expect(page.getByTestId('result-count')).toHaveText('3 products');
  await expect(page.getByText('Wool scarf, striped')).toBeVisible();
  await expect(page.getByText('Out of stock')).toBeVisible();
  await openShop(page, '#/store');
  await page.getByRole('button', { name: 'Back to the demo store' }).click();
  await expect(page.getByRole('heading', { name: 'Good finds, chosen on your device.' })).toBeVisible();
  await openShop(page, '#/shop');
  // Every product of the demo store is back (its variants shown once each).
  const demo = await demoProducts(page);
  await expect(page.getByTestId('result-count')).toHaveText(`${new Set(demo.map((p) => p.group ?? p.id)).size} products`);

  // Loading another file keeps only the catalog in use on the device.
  await openShop(page, '#/store');
  await page.getByTestId('catalog-file').setInputFiles(`${dir}/good.csv`);
  await page.getByTestId('use-catalog').click();
  await expect(page.getByTestId('shelf-trending')).toBeVisible();
  const stored = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('aisle');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const count = req.result.transaction('catalogs').objectStore('catalogs').count();
          count.onsuccess = () => {
            req.result.close();
            resolve(count.result);
          };
        };
      }),
  );
  expect(stored).toBe(1);
});
