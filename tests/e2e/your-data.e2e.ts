/** "Your data": delete everything, export → delete → import, and bad import files. */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openShop, readEvents, storageInventory } from './helpers.ts';

async function shopABit(page: Page): Promise<void> {
  await openShop(page);
  await page.getByTestId('shelf-trending').getByTestId('product-card').first().locator('a').click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.getByRole('button', { name: '4 stars', exact: true }).click();
  await openShop(page, '#/cart');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByTestId('order-placed')).toBeVisible();
  await openShop(page, '#/p/' + (await readEvents(page))[0].itemId);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  // Recorded (the cart is saved first, then the event).
  await expect.poll(async () => (await readEvents(page)).filter((e) => e.type === 'add-to-cart').length).toBe(2);
}

async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBeGreaterThan(0);
}

test('delete everything: afterwards no database, cache or stored record remains', async ({ page }) => {
  await shopABit(page);
  await waitForServiceWorker(page);
  const before = await storageInventory(page);
  expect(before.databases.aisle.events).toBeGreaterThan(3);
  expect(before.caches.length).toBeGreaterThan(0);

  await openShop(page, '#/you');
  await expect(page.getByTestId('event-total')).not.toHaveText(/^0/);
  await page.getByTestId('delete-everything').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Deleted everything' })).toBeVisible();

  const after = await storageInventory(page);
  expect(after.caches).toEqual([]);
  expect(after.localStorage).toBe(0);
  // The app may have opened a fresh, empty database since; no record of any kind survives.
  for (const [name, stores] of Object.entries(after.databases)) {
    for (const [store, count] of Object.entries(stores)) expect(count, `${name}.${store}`).toBe(0);
  }
  await expect(page.getByTestId('event-total')).toHaveText(/^0/);
  await expect(page.getByTestId('cart-count')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('cart-count')).toHaveCount(0);
  expect(await readEvents(page)).toEqual([]);
});

test('export, delete, import: the same data is back', async ({ page }) => {
  await shopABit(page);
  await openShop(page, '#/you');
  const before = await readEvents(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('export').click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.format).toBe('aisle-export');
  expect(exported.events).toHaveLength(before.length);
  expect(exported.settings.cart).toHaveLength(1);

  await page.getByTestId('delete-everything').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('event-total')).toHaveText(/^0/);

  await page.getByTestId('import').setInputFiles(file);
  await expect(page.getByTestId('import-message')).toContainText(`Imported ${before.length} events`);
  const after = await readEvents(page);
  const strip = (events: typeof before) => events.map(({ seq: _seq, ...e }) => e);
  expect(strip(after)).toEqual(strip(before));
  await expect(page.getByTestId('cart-count')).toHaveText('1');

  // Importing the same file again adds nothing.
  await page.getByTestId('import').setInputFiles(file);
  await expect(page.getByTestId('import-message')).toContainText(`Imported 0 events (${before.length} already here, skipped)`);
  expect(await readEvents(page)).toHaveLength(before.length);
});

test('a bad import file is refused with the reason, and nothing stored is lost', async ({ page }) => {
  await shopABit(page);
  await openShop(page, '#/you');
  const before = await readEvents(page);
  const bad = { format: 'aisle-export', version: 1, exportedAt: '', settings: {}, events: [{ id: 'x', type: 'view', at: 'yesterday', catalog: 'c', itemId: 'p' }] };
  await page.getByTestId('import').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByTestId('import-invalid')).toContainText('events #1: has no valid time');
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-message')).toHaveText('Nothing was imported.');
  await page.getByTestId('import').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": ') });
  await expect(page.getByTestId('import-message')).toHaveText(/not valid JSON/);
  expect(await readEvents(page)).toEqual(before);
});
