/** Browse, view, add to cart, buy: the events are in IndexedDB and the shelves change accordingly. */
import { expect, test } from '@playwright/test';
import { demoProducts, openShop, readEvents, shelfIds } from './helpers.ts';

test('a shopping session is recorded on the device and the shelves follow it', async ({ page }) => {
  // The page's clock is the test's: time on a product page is moved forward, not waited for.
  await page.clock.install();
  await openShop(page);
  // A first visit: no personal shelves yet, only what is popular.
  await expect(page.getByTestId('shelf-trending')).toBeVisible();
  expect(await shelfIds(page, 'recently-viewed')).toEqual([]);
  expect(await shelfIds(page, 'for-you')).toEqual([]);

  // Browse a category with facets and sorting.
  await page.getByRole('link', { name: /^Watches/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Watches');
  const all = Number((await page.getByTestId('result-count').textContent())!.split(' ')[0]);
  await page.getByTestId('price-band').first().click();
  await expect(page.getByTestId('price-band').first()).toHaveClass(/active/);
  await expect(page.getByTestId('result-count')).not.toHaveText(`${all} products`);
  const filtered = Number((await page.getByTestId('result-count').textContent())!.split(' ')[0]);
  expect(filtered).toBeGreaterThan(0);
  expect(filtered).toBeLessThan(all);
  await page.getByLabel('Sort').selectOption('price-asc');
  const prices = async () => (await page.getByTestId('product-card').locator('.now').allTextContents()).map((p) => Number(p.replace(/[^\d.]/g, '')));
  await expect.poll(async () => {
    const numbers = await prices();
    return numbers.length > 0 && numbers.every((n, i) => i === 0 || numbers[i - 1]! <= n);
  }).toBe(true);

  // View two watches, add both to the cart, buy.
  const first = page.getByTestId('product-card').nth(0);
  const firstId = (await first.getAttribute('data-id'))!;
  await first.click();
  await expect(page.getByTestId('product')).toHaveAttribute('data-id', firstId);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  // Time spent on a product page is recorded when leaving it (2 s or more).
  await page.clock.fastForward(2200);
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  await expect(page.getByTestId('shelf-similar')).toBeVisible();
  const second = page.getByTestId('shelf-similar').getByTestId('product-card').first();
  const secondId = (await second.getAttribute('data-id'))!;
  await second.locator('a').click();
  await expect(page.getByTestId('product')).toHaveAttribute('data-id', secondId);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('cart-count')).toHaveText('2');
  await page.getByTestId('cart-link').click();
  await expect(page.getByTestId('cart-line')).toHaveCount(2);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByTestId('order-placed')).toBeVisible();
  await expect(page.getByTestId('cart-count')).toHaveCount(0);

  // What is stored is exactly what happened.
  const events = await readEvents(page);
  const types = events.map((e) => e.type);
  expect(types.filter((t) => t === 'view')).toHaveLength(2);
  expect(events.filter((e) => e.type === 'add-to-cart').map((e) => e.itemId)).toEqual([firstId, secondId]);
  const purchases = events.filter((e) => e.type === 'purchase');
  expect(purchases.map((e) => e.itemId).sort()).toEqual([firstId, secondId].sort());
  expect(new Set(purchases.map((e) => e.orderId)).size).toBe(1);
  expect(events.filter((e) => e.type === 'click').length).toBeGreaterThanOrEqual(2);
  expect(events.filter((e) => e.type === 'dwell').map((e) => e.itemId)).toContain(firstId);
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

  // The shelves changed: bought together on the first product names the second; home has personal shelves.
  await openShop(page, `#/p/${firstId}`);
  await expect(page.getByTestId('shelf-bought-together')).toBeVisible();
  expect(await shelfIds(page, 'bought-together')).toEqual([secondId]);
  await expect(page.getByTestId('shelf-bought-together').getByTestId('because')).toHaveText('Bought together with this once');
  await openShop(page);
  await expect(page.getByTestId('shelf-recently-viewed')).toBeVisible();
  // Newest first: the first watch was just viewed again.
  expect((await shelfIds(page, 'recently-viewed')).slice(0, 2)).toEqual([firstId, secondId]);
  await expect(page.getByTestId('shelf-for-you')).toBeVisible();
  const forYou = await shelfIds(page, 'for-you');
  expect(forYou).not.toContain(firstId);
  expect(forYou).not.toContain(secondId);
  const products = new Map((await demoProducts(page)).map((p) => [p.id, p]));
  expect(products.get(forYou[0])!.categoryPath[0]).toBe('Watches');
  await expect(page.getByTestId('shelf-for-you').getByTestId('because').first()).toHaveText(/^Because you bought /);
});

test('"Not interested" removes an item from the shelves and is recorded', async ({ page }) => {
  await openShop(page);
  const shelf = page.getByTestId('shelf-trending');
  const card = shelf.getByTestId('product-card').first();
  const id = (await card.getAttribute('data-id'))!;
  await card.hover();
  await card.getByRole('button', { name: /Not interested/ }).click();
  await expect(shelf.locator(`[data-id="${id}"]`)).toHaveCount(0);
  // The card goes at once; the confirmation comes once the dismissal is stored.
  await expect(page.getByTestId('toast').filter({ hasText: "won't show" })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('shelf-trending')).toBeVisible();
  expect(await shelfIds(page, 'trending')).not.toContain(id);
  expect((await readEvents(page)).filter((e) => e.type === 'dismiss').map((e) => e.itemId)).toEqual([id]);
});

test('search finds products despite a typo, highlights what matched, and is recorded', async ({ page }) => {
  await openShop(page);
  const box = page.getByRole('combobox', { name: 'Search the store' });
  await box.fill('wach');
  await expect(page.getByTestId('suggestions')).toBeVisible();
  await box.fill('analog wacth');
  await box.press('Enter');
  await expect(page.getByTestId('search-hit').first()).toBeVisible();
  await expect(page.getByTestId('search-hit').first().locator('mark').first()).toBeVisible();
  const titles = await page.getByTestId('search-hit').locator('.title').allTextContents();
  expect(titles.slice(0, 5).every((t) => /watch/i.test(t))).toBe(true);
  // Facets narrow a broad query to one category.
  await box.fill('black');
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: 'Results for “black”' })).toBeVisible();
  const before = Number((await page.getByTestId('result-count').textContent())!.split(' ')[0]);
  const facet = page.getByTestId('facet-category').nth(1);
  const category = (await facet.textContent())!.trim();
  await facet.click();
  await expect(page.getByTestId('facet-category').filter({ hasText: category })).toHaveClass(/active/);
  // The link changes at once; the narrowed results arrive from the worker a moment later.
  await expect(page.getByTestId('result-count')).not.toHaveText(`${before} found`);
  const metas = await page.getByTestId('search-hit').locator('.meta').allTextContents();
  expect(metas.length).toBeGreaterThan(0);
  expect(metas.length).toBeLessThan(before);
  expect(metas.every((m) => m.includes(category))).toBe(true);
  // Each search is recorded once, when its results have arrived.
  await expect.poll(async () => (await readEvents(page)).filter((e) => e.type === 'search').map((e) => e.query)).toEqual(['analog wacth', 'black']);
});

test('non-personalised mode records nothing and shows no personal shelves', async ({ page }) => {
  await openShop(page, '#/you');
  await page.getByTestId('personalised').uncheck();
  await expect(page.getByText('Personalisation is off.')).toBeVisible();
  await openShop(page);
  await page.getByTestId('product-card').first().click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  await openShop(page);
  expect(await shelfIds(page, 'recently-viewed')).toEqual([]);
  expect(await shelfIds(page, 'for-you')).toEqual([]);
  expect(await readEvents(page)).toEqual([]);
});

test('on a phone the products come first and the filters fold behind a button', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openShop(page, '#/shop/Watches');
  const priceBand = page.getByTestId('price-band').first();
  await expect(page.getByTestId('product-card').first()).toBeInViewport();
  await expect(priceBand).toBeHidden();
  await page.getByRole('button', { name: 'Filters' }).click();
  await expect(priceBand).toBeVisible();
  const all = Number((await page.getByTestId('result-count').textContent())!.split(' ')[0]);
  await priceBand.click();
  const filtered = Number((await page.getByTestId('result-count').textContent())!.split(' ')[0]);
  expect(filtered).toBeLessThan(all);
  await expect(page.getByRole('button', { name: /filters \(1 on\)/i })).toBeVisible();
});
