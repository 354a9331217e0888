/**
 * The UI in English and Simplified Chinese: the header's switch changes the language and back, a reload keeps the
 * choice (a setting), a browser that asks for Chinese starts in Chinese, and every screen in Chinese passes axe and
 * fits the screen (CJK line breaking, no overflow) on a desktop and a phone.
 */
import { expect, test } from '@playwright/test';
import { en } from '../../src/app/i18n/en.ts';
import { count } from '../../src/app/i18n/format.ts';
import { zh } from '../../src/app/i18n/zh.ts';
import { audit, openShop } from './helpers.ts';

test('the header switches to Chinese and back, and a reload keeps the choice', async ({ page }) => {
  await openShop(page);
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toHaveText(en.home.title);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByTestId('language').selectOption('zh');
  await expect(h1).toHaveText(zh.home.title);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByRole('link', { name: zh.header.yourData, exact: true }).first()).toBeVisible();
  // Reasons come from the recommender as codes, worded here in Chinese.
  await expect(page.getByTestId('shelf-trending').getByTestId('because').first()).toHaveText(/[\u4e00-\u9fff]/);

  await page.reload();
  await openShop(page);
  await expect(h1).toHaveText(zh.home.title);
  await expect(page.getByTestId('language')).toHaveValue('zh');

  await page.getByTestId('language').selectOption('en');
  await expect(h1).toHaveText(en.home.title);
  await page.reload();
  await openShop(page);
  await expect(h1).toHaveText(en.home.title);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test.describe('a browser that asks for Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('starts in Chinese', async ({ page }) => {
    await openShop(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh.home.title);
    await expect(page.getByTestId('language')).toHaveValue('zh');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  });

  for (const viewport of [
    { name: 'desktop', width: 1280, height: 800 },
    { name: 'phone', width: 390, height: 844 },
  ]) {
    test(`every screen in Chinese is accessible and fits the screen (${viewport.name})`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await openShop(page);
      await expect(page.getByTestId('shelf-trending').getByTestId('product-card').first()).toBeVisible();
      await audit(page, 'home');

      await openShop(page, '#/shop/Clothing');
      await expect(page.getByTestId('product-card').first()).toBeVisible();
      await expect(page.getByTestId('result-count')).toHaveText(/件商品/);
      await audit(page, 'catalog');

      await page.getByTestId('product-card').first().locator('a').click();
      await expect(page.getByTestId('product')).toBeVisible();
      await expect(page.getByTestId('shelf-similar')).toBeVisible();
      await audit(page, 'product');
      await page.getByRole('button', { name: count('zh', 4, zh.product.stars), exact: true }).click();
      await page.getByRole('button', { name: zh.product.addToCart }).click();
      await expect(page.getByTestId('toast').first()).toContainText('已加入购物车');

      await openShop(page, '#/search?q=watch');
      await expect(page.getByTestId('search-hit').first()).toBeVisible();
      await expect(page.getByTestId('result-count')).toHaveText(/找到/);
      await audit(page, 'search');

      await openShop(page, '#/search?q=zzqx');
      await expect(page.getByTestId('no-results')).toContainText(zh.search.noCloseMatches({ query: 'zzqx' }));
      await audit(page, 'search, nothing found');

      await openShop(page, '#/cart');
      await expect(page.getByTestId('cart-line').first()).toBeVisible();
      await audit(page, 'cart');
      await page.getByRole('button', { name: zh.cart.place }).click();
      await expect(page.getByTestId('order-placed')).toBeVisible();
      await audit(page, 'order');

      await openShop(page, '#/you');
      await expect(page.getByTestId('event-table')).toBeVisible();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(zh.yourData.title);
      await audit(page, 'your data');

      await openShop(page, '#/store');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await audit(page, 'store');

      await openShop(page, '#/about');
      await expect(page.getByTestId('model-panel')).toBeVisible();
      await audit(page, 'about');
    });
  }
});
