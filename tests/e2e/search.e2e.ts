/** Search by meaning, and loading the search model from another host (opt-in), in the built app. */
import { expect, test } from '@playwright/test';
import { HUB_PORT } from '../../playwright.config.ts';
import { openShop } from './helpers.ts';

const HUB = `http://127.0.0.1:${HUB_PORT}/`;

test('search by meaning finds products whose words the query does not use', async ({ page }) => {
  await openShop(page);
  const box = page.getByRole('combobox', { name: 'Search the store' });
  await box.fill('wrist wear for men');
  await box.press('Enter');
  await expect(page.getByTestId('search-mode')).toContainText('Matched by words and meaning', { timeout: 60_000 });
  const meaningOnly = page.getByTestId('search-hit').filter({ has: page.getByTestId('by-meaning') });
  await expect(meaningOnly.first()).toBeVisible();
  const titles = await meaningOnly.locator('.title').allTextContents();
  expect(titles.slice(0, 5).filter((t) => /watch/i.test(t)).length).toBeGreaterThanOrEqual(3);
  expect(titles.every((t) => !/\bwear\b/i.test(t))).toBe(true);

  // "Delete everything" removes the product vectors too; the next search brings them back without a reload.
  await openShop(page, '#/you');
  await page.getByTestId('delete-everything').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Deleted everything' })).toBeVisible();
  await box.fill('wrist wear for men');
  await box.press('Enter');
  await expect(page.getByTestId('search-mode')).toContainText('Matched by words and meaning', { timeout: 60_000 });
  await expect(meaningOnly.first()).toBeVisible();
});

test('model from another host: size first, then download, then the cache; a broken download is retried cleanly', async ({ page }) => {
  await fetch(`${HUB}__log`, { method: 'DELETE' });
  await openShop(page, '#/about');
  await page.getByText('Use a search model from another host').click();
  await page.getByTestId('remote-host').fill(HUB);
  await page.getByTestId('remote-model').fill('aisle-test/encoder');
  await page.getByTestId('remote-check').click();
  await expect(page.getByTestId('remote-plan')).toContainText(/This downloads \d+\.\d MB \(4 files\) from 127\.0\.0\.1:/);
  // Checking the size asks the host for sizes only (HEAD): nothing is downloaded.
  expect(((await (await fetch(`${HUB}__log`)).json()) as Array<{ method: string }>).filter((r) => r.method !== 'HEAD')).toEqual([]);
  await page.getByTestId('remote-use').click();
  await expect(page.getByTestId('encoder-status')).toContainText(`aisle-test/encoder (from 127.0.0.1:${HUB_PORT})`);
  await expect(page.getByTestId('encoder-device')).toHaveText('WASM');
  const asked = (await (await fetch(`${HUB}__log`)).json()) as Array<{ method: string; path: string }>;
  const files = ['config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json'];
  // Each file's size asked once (for the plan shown), then each file downloaded once.
  expect(asked.filter((d) => d.method === 'HEAD').map((d) => d.path.split('/resolve/main/')[1]).sort()).toEqual(files);
  expect(asked.filter((d) => d.method === 'GET').map((d) => d.path.split('/resolve/main/')[1]).sort()).toEqual(files);

  // A second load (after a reload: the app loads the chosen model in the background) comes from this device.
  await fetch(`${HUB}__log`, { method: 'DELETE' });
  await page.reload();
  await expect(page.getByTestId('encoder-device')).toHaveText('WASM', { timeout: 60_000 });
  await expect(page.getByTestId('encoder-status')).toContainText('aisle-test/encoder');
  expect(await (await fetch(`${HUB}__log`)).json()).toEqual([]);

  // This host breaks the first download of these weights halfway: the error says so, and "Try again" finishes it.
  await page.getByText('Use a search model from another host').click();
  await page.getByTestId('remote-host').fill(HUB);
  await page.getByTestId('remote-model').fill('aisle-test/flaky-encoder');
  await page.getByTestId('remote-check').click();
  await page.getByTestId('remote-use').click();
  await expect(page.getByTestId('encoder-error')).toContainText(/stopped.*Try again/);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('encoder-status')).toContainText('aisle-test/flaky-encoder');
  await expect(page.getByTestId('encoder-device')).toHaveText('WASM');
});

test('where models run is a setting: the search model restarts on the chosen device, and both choices survive a reload', async ({ page }) => {
  await openShop(page, '#/about');
  // The search model loads on the first search (the catalog ships its product vectors): load it here.
  await page.getByTestId('load-encoder').click();
  await expect(page.getByTestId('encoder-device')).toHaveText('WASM', { timeout: 60_000 });
  await page.getByTestId('device-setting').selectOption('wasm');
  await expect(page.getByTestId('encoder-status')).toContainText('as chosen in the settings', { timeout: 60_000 });
  await page.getByTestId('backend-setting').selectOption('cpu');
  await expect(page.getByTestId('toast').filter({ hasText: 'next update' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('device-setting')).toHaveValue('wasm');
  await expect(page.getByTestId('backend-setting')).toHaveValue('cpu');
});
