/**
 * On-device personalisation, from an empty profile: the shopper's kind leads "For you" with explanations; "not
 * interested" in a category removes it; muting an interest re-ranks at once; it survives a reload; deleting
 * everything returns to the non-personal shelves; and nothing leaves the origin while the model trains.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoProducts, openShop, shelfIds } from './helpers.ts';

async function kindsOf(page: Page, ids: string[]): Promise<string[]> {
  const byId = new Map((await demoProducts(page)).map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id)!.categoryPath[0]);
}

test('a shopper who views and buys watches gets watches first, explained; dismiss, mute, reload and delete all work', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));

  await openShop(page);
  expect(await shelfIds(page, 'for-you')).toEqual([]);

  // Views and purchases of one kind.
  await openShop(page, '#/shop/Watches');
  // The list comes from the worker; the count is named a result only once it has arrived.
  await expect(page.getByTestId('result-count')).toBeVisible();
  const watches = (await page.getByTestId('product-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-id')!))).slice(0, 4);
  expect(watches).toHaveLength(4);
  const titles: string[] = [];
  for (const [i, id] of watches.entries()) {
    await openShop(page, `#/p/${id}`);
    titles.push((await page.getByRole('heading', { level: 1 }).textContent())!);
    if (i < 2) await page.getByRole('button', { name: 'Add to cart' }).click();
  }
  await openShop(page, '#/cart');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByTestId('order-placed')).toBeVisible();

  // "For you" is led by watches within a few seconds, and says why, naming what was viewed or bought.
  await openShop(page);
  await expect(page.getByTestId('shelf-for-you')).toBeVisible({ timeout: 10_000 });
  const first = (await shelfIds(page, 'for-you')).slice(0, 4);
  expect(await kindsOf(page, first)).toEqual(['Watches', 'Watches', 'Watches', 'Watches']);
  const because = await page.getByTestId('shelf-for-you').getByTestId('because').first().textContent();
  expect(because).toMatch(/^Because you (viewed|bought|added to your cart) /);
  expect(titles.some((t) => because!.includes(t))).toBe(true);

  // The model learns on the device, and says how well it predicts.
  await openShop(page, '#/you');
  await expect(page.getByTestId('model-state')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('model-state')).toContainText(/Learned .* from \d+ of your interactions/);

  // Muting the interest re-ranks at once (the preview shelf on this page); unmuting brings it back.
  const interest = page.getByTestId('interest').filter({ hasText: 'Watches › Wrist Watches' });
  await interest.getByRole('button', { name: 'Mute' }).click();
  const preview = page.getByTestId('profile').getByTestId('shelf-for-you');
  await expect.poll(async () => (await kindsOf(page, await preview.getByTestId('product-card').evaluateAll((c) => c.map((x) => x.getAttribute('data-id')!)))).includes('Watches')).toBe(false);
  await interest.getByRole('button', { name: 'Unmute' }).click();
  await expect.poll(async () => (await kindsOf(page, await preview.getByTestId('product-card').evaluateAll((c) => c.map((x) => x.getAttribute('data-id')!))))[0]).toBe('Watches');

  // Everything survives a reload.
  await page.reload();
  await openShop(page);
  await expect(page.getByTestId('shelf-for-you')).toBeVisible();
  expect((await kindsOf(page, (await shelfIds(page, 'for-you')).slice(0, 2)))).toEqual(['Watches', 'Watches']);

  // "Not interested" in the category: it disappears.
  await openShop(page, `#/p/${watches[3]}`);
  await page.getByRole('button', { name: 'Not interested in Wrist Watches' }).click();
  await openShop(page);
  await expect.poll(async () => (await kindsOf(page, await shelfIds(page, 'trending'))).includes('Watches')).toBe(false);
  expect(await kindsOf(page, await shelfIds(page, 'for-you'))).not.toContain('Watches');

  // Delete everything: back to the shelves everyone sees.
  await openShop(page, '#/you');
  await page.getByTestId('delete-everything').click();
  await page.getByTestId('confirm-delete').click();
  await expect(page.getByTestId('event-total')).toHaveText(/^0/);
  await openShop(page);
  await expect(page.getByTestId('shelf-trending')).toBeVisible();
  expect(await shelfIds(page, 'for-you')).toEqual([]);
  expect(await shelfIds(page, 'recently-viewed')).toEqual([]);

  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
});
