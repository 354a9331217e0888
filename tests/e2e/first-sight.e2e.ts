/**
 * First sight: what a new shopper's first visit costs and how the first screen behaves. The first visit loads no
 * model and no ONNX runtime (the catalog ships its product vectors); the first search by meaning loads them then.
 */
import { expect, test } from '@playwright/test';
import { openShop } from './helpers.ts';

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
