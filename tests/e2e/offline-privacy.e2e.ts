/** The PWA keeps working offline after the first visit, and over a whole session no request leaves the origin. */
import { expect, test } from '@playwright/test';
import { openShop, shelfIds } from './helpers.ts';

test('reload offline: the app still works (shelves, product pages, search, cart, moderation)', async ({ page, context }) => {
  await openShop(page);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // First use of the text checker online: its model and runtime are kept for offline use from then on.
  await page.getByTestId('shelf-trending').getByTestId('product-card').first().locator('a').click();
  await page.getByTestId('review-text').fill('Lovely colour and well made.');
  await expect(page.getByTestId('review-form')).toHaveAttribute('data-state', 'checked', { timeout: 60_000 });
  await openShop(page);
  // The service worker controls the page after a reload (first visit installs it).
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('shelf-trending')).toBeVisible();
  const id = (await shelfIds(page, 'trending'))[0];
  await page.getByTestId('shelf-trending').getByTestId('product-card').first().locator('a').click();
  await expect(page.getByTestId('product')).toHaveAttribute('data-id', id);
  await expect(page.getByTestId('shelf-similar')).toBeVisible();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  // Moderation works offline: a review with a phone number is refused, a clean question is posted.
  const form = page.getByTestId('review-form');
  await form.getByRole('radio', { name: 'Question' }).check();
  await form.getByTestId('review-text').fill('Is this available in blue? Call me on +91 98765 43210.');
  await expect(form.locator('[data-category="personal-data"]')).toBeVisible();
  await expect(form.getByTestId('post-review')).toBeDisabled();
  await form.getByTestId('review-text').fill('Is this available in blue?');
  await expect(form).toHaveAttribute('data-state', 'checked', { timeout: 60_000 });
  await expect(form.getByTestId('post-review')).toBeEnabled();
  await form.getByTestId('post-review').click();
  await expect(page.getByTestId('reviews')).toContainText('Is this available in blue?');
  const box = page.getByRole('combobox', { name: 'Search the store' });
  await box.fill('mug');
  await box.press('Enter');
  await expect(page.getByTestId('search-hit').first()).toBeVisible();
  await openShop(page);
  await expect(page.getByTestId('shelf-recently-viewed')).toBeVisible();
});

test('privacy: every request of a full session goes to the app\'s own origin', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('serviceworker', (sw) => requests.push(sw.url()));
  await openShop(page);
  await page.getByRole('link', { name: /^Clothing/ }).first().click();
  await page.getByTestId('product-card').first().click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  const box = page.getByRole('combobox', { name: 'Search the store' });
  await box.fill('watch');
  await box.press('Enter');
  await page.getByTestId('search-hit').first().click();
  await page.getByRole('button', { name: '5 stars', exact: true }).click();
  await openShop(page, '#/cart');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByTestId('order-placed')).toBeVisible();
  await openShop(page, '#/you');
  await page.getByTestId('export').click();
  await openShop(page, '#/about');
  // About reads the model list and asks the language worker where models run: wait for both answers, then for the
  // network to be quiet, so that a request made late is still seen.
  await expect(page.getByTestId('bundled-models')).toBeVisible();
  await expect(page.getByTestId('device-setting')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(requests.length).toBeGreaterThan(5);
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
});
