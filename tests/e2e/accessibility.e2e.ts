/**
 * Every screen, on a desktop and on a phone: zero serious or critical axe-core violations (WCAG 2.2 A/AA rules,
 * contrast included), and nothing wider than the screen. Screens are visited as a shopper would reach them, with an
 * item in the cart and an order placed, so that each shows its real content.
 */
import { expect, test } from '@playwright/test';
import { audit, openShop } from './helpers.ts';

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];

for (const viewport of VIEWPORTS) {
  test(`every screen is accessible and fits the screen (${viewport.name})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await openShop(page);
    await expect(page.getByTestId('shelf-trending').getByTestId('product-card').first()).toBeVisible();
    await audit(page, 'home');

    await openShop(page, '#/shop/Clothing');
    await expect(page.getByTestId('product-card').first()).toBeVisible();
    await audit(page, 'catalog');

    await page.getByTestId('product-card').first().locator('a').click();
    await expect(page.getByTestId('product')).toBeVisible();
    await expect(page.getByTestId('shelf-similar')).toBeVisible();
    await audit(page, 'product');
    await page.getByRole('button', { name: 'Add to cart' }).click();

    await openShop(page, '#/search?q=watch');
    await expect(page.getByTestId('search-hit').first()).toBeVisible();
    await audit(page, 'search');

    await openShop(page, '#/cart');
    await expect(page.getByTestId('cart-line').first()).toBeVisible();
    await audit(page, 'cart');
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByTestId('order-placed')).toBeVisible();
    await audit(page, 'order');

    await openShop(page, '#/you');
    await expect(page.getByTestId('event-table')).toBeVisible();
    await audit(page, 'your data');

    await openShop(page, '#/store');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await audit(page, 'store');

    await openShop(page, '#/about');
    await expect(page.getByTestId('model-panel')).toBeVisible();
    await audit(page, 'about');
  });
}
