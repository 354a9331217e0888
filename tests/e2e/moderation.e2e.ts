/** Reviews are checked on the device before anything is posted, and nothing leaves it either way. */
import { expect, test, type Page } from '@playwright/test';
import { openShop } from './helpers.ts';

/** Opens the first trending product and its review form with 4 stars chosen. */
async function openReviewForm(page: Page) {
  await openShop(page);
  await page.getByTestId('shelf-trending').getByTestId('product-card').first().locator('a').click();
  const form = page.getByTestId('review-form');
  await form.getByRole('button', { name: '4 stars for the review' }).click();
  return { form, text: form.getByTestId('review-text'), post: form.getByTestId('post-review') };
}

test('a review with an e-mail address is blocked with the reason; spam is blocked; a clean review posts', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const { form, text, post } = await openReviewForm(page);

  // Personal data: flagged while typing, and posting is refused with the reason.
  await text.fill('Nice strap. Write to me at priya.sharma82@gmail.com if you want to buy mine.');
  await expect(form.locator('[data-category="personal-data"]')).toContainText(/e-mail/i);
  await expect(form.locator('mark').first()).toHaveText('priya.sharma82@gmail.com');
  await expect(post).toBeDisabled();

  // Spam: refused.
  await text.fill('WINNER!! You have been selected for a FREE prize worth Rs 10,000. Text CLAIM to 80086 now to claim your reward, offer ends today!');
  await expect(form.locator('[data-category="spam"]')).toHaveClass(/block/, { timeout: 60_000 });
  await expect(post).toBeDisabled();

  // A clean review posts and shows up on the page.
  await text.fill('Good value for the price. The colour is as shown and it arrived well packed.');
  await expect(post).toBeEnabled({ timeout: 60_000 });
  await post.click();
  await expect(page.getByTestId('toast').filter({ hasText: 'review is posted' })).toBeVisible();
  await expect(page.getByTestId('reviews')).toContainText('Good value for the price.');
  await page.reload();
  await expect(page.getByTestId('reviews')).toContainText('Good value for the price.');

  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
});

test.describe('with the moderation model file answering 404', () => {
  // The service worker is kept out of the way so that the route below sees the worker's own request for the file.
  test.use({ serviceWorkers: 'block' });

  test('Latin, Cyrillic and Chinese reviews are held in the real review form, never posted unchecked', async ({ page, context }) => {
    const asked: string[] = [];
    await context.route('**/models/aisle-moderation-v1/onnx/model.onnx', (route) => {
      asked.push(route.request().url());
      return route.fulfill({ status: 404, body: 'not found' });
    });
    const { form, text, post } = await openReviewForm(page);

    for (const review of ['A perfectly nice lamp, bright and well made.', 'Отличная лампа, спасибо продавцу.', '垃圾卖家，操你妈']) {
      await text.fill(review);
      await expect(form.getByTestId('review-held')).toContainText('has not been posted', { timeout: 60_000 });
      await expect(form).toHaveAttribute('data-state', 'held');
      await expect(post).toBeDisabled();
    }
    expect(asked.length).toBeGreaterThan(0);
    await expect(page.getByTestId('toast').filter({ hasText: 'posted' })).toHaveCount(0);
    // Nothing was posted: no review list shows any of the texts.
    for (const review of ['A perfectly nice lamp', 'Отличная лампа', '垃圾卖家']) await expect(page.getByTestId('reviews').getByText(review)).toHaveCount(0);
  });
});
