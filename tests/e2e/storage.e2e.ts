/**
 * Two tabs at once, in a real browser. (A full disk is tested in tests/browser/quota.test.ts against Chromium's real
 * quota error, and through the storage functions in tests/unit/storage/quota.test.ts: DevTools' quota override has no
 * effect in this Chromium, so the app's own origin cannot be filled from a test.)
 */
import { expect, test } from '@playwright/test';
import { openShop, readEvents } from './helpers.ts';

test('two open tabs share one cart and one history without duplicates', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openShop(a, '#/shop/Watches');
  await openShop(b, '#/shop/Footwear');
  const watch = (await a.getByTestId('product-card').first().getAttribute('data-id'))!;
  const shoe = (await b.getByTestId('product-card').first().getAttribute('data-id'))!;
  await openShop(a, `#/p/${watch}`);
  await openShop(b, `#/p/${shoe}`);
  // Both tabs add at the same moment.
  await Promise.all([a.getByRole('button', { name: 'Add to cart' }).click(), b.getByRole('button', { name: 'Add to cart' }).click()]);
  await expect(a.getByTestId('cart-count')).toHaveText('2');
  await expect(b.getByTestId('cart-count')).toHaveText('2');
  const events = await readEvents(a);
  expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
  expect(events.filter((e) => e.type === 'add-to-cart').map((e) => e.itemId).sort()).toEqual([watch, shoe].sort());
  // Tab B sees tab A's history in its shelves.
  await openShop(b);
  await expect(b.getByTestId('shelf-recently-viewed').locator(`[data-id="${watch}"]`)).toBeVisible();
  await a.close();
  await b.close();
});
