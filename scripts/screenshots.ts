/**
 * Screenshots of every screen of the built app as a shopper would see it, on a desktop (1280×800) and a phone
 * (390×844), for reviewing the look:
 *   npx vite build && npx tsx scripts/screenshots.ts [--out .tmp/screens] [--locale en-IN | zh]
 * `--locale zh` (or any zh-* tag) opens the app as a browser that asks for Simplified Chinese (zh-CN), so every screen
 * is in Chinese; the files are then named <screen>-<viewport>-zh.png.
 * Serves dist/ from a sub-path, browses as a shopper (views, a rating, the cart, an order, a search) so that each
 * screen shows real content, and saves <screen>-<viewport>.png, full page.
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright';
import { en } from '../src/app/i18n/en.ts';
import { count, preferredLocale } from '../src/app/i18n/format.ts';
import { zh } from '../src/app/i18n/zh.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './vite/chromium.ts';
import { serveStatic } from './serve.ts';

const { values } = parseArgs({
  options: { out: { type: 'string', default: '.tmp/screens' }, port: { type: 'string', default: '4191' }, locale: { type: 'string', default: 'en-IN' } },
});
mkdirSync(values.out!, { recursive: true });
const language = preferredLocale([values.locale!]);
const browserLocale = values.locale === 'zh' ? 'zh-CN' : values.locale!;
const t = language === 'zh' ? zh : en;
const suffix = language === 'en' ? '' : `-${language}`;
const { base, server } = await serveStatic('dist', '/shop/', values.port!);

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

async function open(page: Page, hash: string, ready: string): Promise<void> {
  await page.goto(`${base}${hash}`);
  await page.locator('main:not([data-catalog=""])').waitFor();
  await page.locator(ready).first().waitFor({ timeout: 30_000 });
  // Let the shelves and fonts settle.
  await page.waitForTimeout(600);
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    const context = await browser.newContext({ viewport, locale: browserLocale });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`${name}: page error: ${e.message}`));
    const shot = (screen: string) => page.screenshot({ path: `${values.out}/${screen}-${name}${suffix}.png`, fullPage: true });
    // A little history first, so that the personal shelves and Your data have something to show.
    await open(page, '#/shop/Watches', '[data-testid="product-card"]');
    await page.getByTestId('product-card').first().locator('a').click();
    await page.getByTestId('product').waitFor();
    await page.getByRole('button', { name: count(language, 4, t.product.stars), exact: true }).click().catch(() => undefined);
    await page.getByRole('button', { name: t.product.addToCart }).click();
    await open(page, '#/', '[data-testid="shelf-trending"] [data-testid="product-card"]');
    await shot('home');
    await open(page, '#/shop/Clothing', '[data-testid="product-card"]');
    await shot('catalog');
    await page.getByTestId('product-card').first().locator('a').click();
    await page.locator('[data-testid="shelf-similar"]').waitFor();
    await page.waitForTimeout(400);
    await shot('product');
    await open(page, `#/search?q=${encodeURIComponent(language === 'zh' ? '手表 2000元以内' : 'analog watch under 2000')}`, '[data-testid="search-hit"]');
    await page.getByTestId('search-mode').filter({ hasNotText: '…' }).waitFor({ timeout: 60_000 }).catch(() => undefined);
    await shot('search');
    await open(page, '#/cart', '[data-testid="cart-line"]');
    await shot('cart');
    await page.getByRole('button', { name: t.cart.place }).click();
    await page.getByTestId('order-summary').waitFor();
    await shot('order');
    await open(page, '#/you', '[data-testid="event-table"]');
    await shot('your-data');
    // The merchant console's sections, as they open (tests/e2e/console.e2e.ts shoots them with files loaded).
    for (const section of ['catalog', 'train', 'evaluate', 'listings', 'pricing']) {
      await open(page, `#/console/${section}`, `[data-testid="console-tab-${section}"][aria-current="page"]`);
      await shot(`console-${section}`);
    }
    await open(page, '#/about', '[data-testid="model-panel"]');
    await shot('about');
    await context.close();
  }
  console.log(`screenshots in ${values.out}`);
} finally {
  await browser.close();
  server.kill();
}
