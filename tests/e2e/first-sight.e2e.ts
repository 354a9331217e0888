/**
 * First sight: what a new shopper's first visit costs and how the first screen behaves. The first visit loads no
 * model and no ONNX runtime (the catalog ships its product vectors); the first search by meaning loads them then.
 */
import { expect, test } from '@playwright/test';
import { openShop, readEvents } from './helpers.ts';

test('the first visit loads no model and no ONNX runtime until the shopper searches', async ({ page, context }) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await openShop(page);
  await expect(page.getByTestId('shelf-trending').getByTestId('product-card').first()).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The shipped vectors are stored (one per distinct product text: 793 for the demo), so nothing is left to embed.
  await expect.poll(() => page.evaluate(() => new Promise<number>((resolve) => {
    const req = indexedDB.open('aisle');
    req.onsuccess = () => {
      const db = req.result;
      const count = db.transaction('embeddings').objectStore('embeddings').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
    };
  })), { timeout: 30_000 }).toBeGreaterThanOrEqual(790);
  await page.waitForLoadState('networkidle');
  const heavy = (u: string) => u.includes('/models/') || /ort-wasm[^/]*\.wasm/.test(u);
  expect(requests.filter(heavy)).toEqual([]);

  // The first search by meaning brings the encoder and the runtime, and finds watches for a query with no shared word.
  const box = page.getByRole('combobox', { name: 'Search the store' });
  await box.fill('something to keep track of time on my wrist');
  await box.press('Enter');
  await expect(page.getByTestId('search-mode')).toHaveText(/words and meaning/, { timeout: 60_000 });
  expect(requests.filter(heavy).some((u) => u.includes('/models/aisle-text-encoder-v1/'))).toBe(true);
});

test('every action answers: a rating is kept and shown, "Not interested" can be undone, the cart and the order say what happened, the search box clears', async ({ page }) => {
  await openShop(page);
  const card = page.getByTestId('shelf-trending').getByTestId('product-card').first();
  const id = (await card.getAttribute('data-id'))!;
  await card.locator('a').click();
  await expect(page.getByTestId('product')).toHaveAttribute('data-id', id);

  // Rating: a confirmation, and the stars are still there after a reload.
  await page.getByRole('button', { name: '4 stars', exact: true }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'you rated it 4 of 5' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: '4 stars', exact: true })).toHaveAttribute('aria-pressed', 'true');

  // Adding to the cart says so, with a way to the cart.
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Added to your cart' })).toBeVisible();
  await page.getByTestId('toast-action').filter({ hasText: 'View cart' }).click();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByTestId('order-summary')).toBeVisible();
  await expect(page.getByTestId('order-line')).toHaveCount(1);
  await expect(page.getByTestId('order-line').first()).toHaveAttribute('data-id', id);
  await expect(page.getByTestId('order-total')).toHaveText(/₹/);
  // The summary is still there after a reload (from the purchases recorded on this device).
  await page.reload();
  await expect(page.getByTestId('order-line')).toHaveCount(1);

  // "Not interested" on a shelf, then Undo: the product is back.
  await openShop(page);
  const shelf = page.getByTestId('shelf-trending');
  const first = shelf.getByTestId('product-card').first();
  const dismissed = (await first.getAttribute('data-id'))!;
  await first.getByRole('button', { name: /^Not interested in/ }).click();
  await expect(shelf.locator(`[data-id="${dismissed}"]`)).toHaveCount(0);
  await page.getByTestId('toast-action').filter({ hasText: 'Undo' }).click();
  await expect(shelf.locator(`[data-id="${dismissed}"]`)).toHaveCount(1);
  // Undone in storage too: the dismissal is gone from the history.
  await expect.poll(async () => (await readEvents(page)).filter((e) => e.type === 'dismiss' && e.itemId === dismissed)).toEqual([]);
  await page.reload();
  await expect(page.getByTestId('shelf-trending').locator(`[data-id="${dismissed}"]`)).toHaveCount(1);

  // The header's search box keeps the query on the results page only.
  const box = page.getByRole('combobox', { name: 'Search the store' });
  await box.fill('mug');
  await box.press('Enter');
  await expect(page.getByTestId('search-hit').first()).toBeVisible();
  await expect(box).toHaveValue('mug');
  await page.getByRole('link', { name: 'Aisle home' }).click();
  await expect(box).toHaveValue('');
});

test('keyboard: a skip link to the content, and focus moves to the new screen after a route change', async ({ page }) => {
  await openShop(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('button', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main h1')).toBeFocused();
  await page.getByRole('link', { name: /^Clothing/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Clothing');
  await expect(page.locator('main h1')).toBeFocused();
});

test('filters say what is in force: prices in the shop\'s currency, a chip for a price range from the URL, counts that follow the other filters; shelves scroll with arrows', async ({ page }) => {
  await openShop(page, '#/shop/Watches?min=1000&max=3000');
  const chips = page.getByTestId('filter-chips');
  await expect(chips).toContainText('₹1,000 – ₹3,000');
  const shown = Number((await page.getByTestId('result-count').textContent())!.split(' ')[0]);
  const prices = (await page.getByTestId('product-card').locator('.now').allTextContents()).map((p) => Number(p.replace(/[^\d.]/g, '')));
  expect(prices.every((p) => p >= 1000 && p < 3000)).toBe(true);
  // Brand counts follow the price filter: they add up to what is shown (watches here all have a brand).
  const brandCounts = await page.locator('.facet', { hasText: 'Brand' }).locator('.n').allTextContents();
  expect(brandCounts.map(Number).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(shown);
  await expect(page.getByTestId('price-band').first()).toContainText('₹');
  await chips.getByRole('link', { name: /Remove the filter/ }).click();
  await expect(page.getByTestId('filter-chips')).toHaveCount(0);

  await openShop(page);
  const shelf = page.getByTestId('shelf-trending');
  await expect(shelf.getByTestId('product-card').first()).toBeVisible();
  const row = shelf.locator('.row');
  expect(await row.evaluate((r) => r.scrollLeft)).toBeLessThan(10);
  await shelf.getByRole('button', { name: 'Scroll Popular now forward' }).click();
  await expect.poll(() => row.evaluate((r) => r.scrollLeft)).toBeGreaterThan(100);
  await expect(shelf.getByRole('button', { name: 'Scroll Popular now back' })).toBeEnabled();
});

test('variants show once in lists and as options on the product page; descriptions carry no sales boilerplate; a rating says where it comes from', async ({ page }) => {
  const products = (await (await page.request.get('./catalog/demo.json')).json()).products as Array<{ id: string; title: string; brand: string | null; group?: string; description: string; rating: number | null }>;
  expect(products.filter((p) => /Buy .* Online|Only at Flipkart/i.test(p.description)).length).toBeLessThan(10);
  const grouped = products.filter((p) => p.group);
  expect(grouped.length).toBeGreaterThan(100);
  const group = grouped[0]!.group!;
  const members = grouped.filter((p) => p.group === group);

  await openShop(page, '#/shop/Clothing');
  await expect(page.getByTestId('product-card').first()).toBeVisible();
  const cards = await page.getByTestId('product-card').evaluateAll((cs) => cs.map((c) => `${c.querySelector('.brand')?.textContent ?? ''}|${c.querySelector('.title')?.textContent ?? ''}`.toLowerCase()));
  expect(new Set(cards).size).toBe(cards.length);

  await openShop(page, `#/p/${members[0]!.id}`);
  await expect(page.getByTestId('option')).toHaveCount(members.length);
  await page.getByTestId('option').nth(1).click();
  await expect(page.getByTestId('product')).toHaveAttribute('data-id', members[1]!.id);
  await expect(page.getByTestId('option').nth(1)).toHaveAttribute('aria-current', 'true');

  const rated = products.find((p) => p.rating)!;
  await openShop(page, `#/p/${rated.id}`);
  await expect(page.getByTestId('rating')).toContainText('the number of ratings is not given');
});
