/**
 * The app as the README's start command serves it (`npm start` = `vite preview`, which answers `Vary: Origin` and
 * compresses): after one visit, an offline reload still shows the shop. The other tests use the static test server
 * on a sub-path; this one is the path a person who follows the README takes.
 */
import { expect, test } from '@playwright/test';
import { PREVIEW_PORT } from '../../playwright.config.ts';

const START = `http://localhost:${PREVIEW_PORT}/`;

test('offline after one visit, under the README\'s own start command', async ({ page, context }) => {
  const vary = (await (await fetch(START)).headers.get('vary')) ?? '';
  expect(vary, 'vite preview answers with Vary: Origin (the case this test is about)').toMatch(/origin/i);
  await page.goto(START);
  await expect(page.getByTestId('shelf-trending').getByTestId('product-card').first()).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('shelf-trending').getByTestId('product-card').first()).toBeVisible();
  await page.getByTestId('shelf-trending').getByTestId('product-card').first().locator('a').click();
  await expect(page.getByTestId('product')).toBeVisible();
});
