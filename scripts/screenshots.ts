/**
 * Screenshots of the built app as a shopper would see it, for reviewing the look:
 *   npx vite build && npx tsx scripts/screenshots.ts [--out .tmp/screens]
 * Serves dist/ from a sub-path, browses (a product, add to cart, buy), and saves home, product and "Your data".
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './vite/chromium.ts';

const { values } = parseArgs({ options: { out: { type: 'string', default: '.tmp/screens' }, port: { type: 'string', default: '4191' } } });
mkdirSync(values.out!, { recursive: true });
const server = spawn('node', ['scripts/serve-static.mjs', '--dir', 'dist', '--prefix', '/shop/', '--port', values.port!], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const base = `http://127.0.0.1:${values.port}/shop/`;
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await page.goto(base);
  await page.getByRole('link', { name: /Watches/ }).first().click();
  await page.getByTestId('product-card').first().click();
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.waitForTimeout(300);
  await page.goto(`${base}#/`);
  await page.getByTestId('product-card').first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${values.out}/home.png`, fullPage: true });
  await page.getByTestId('shelf-trending').getByTestId('product-card').first().click();
  await page.waitForTimeout(700);
  await page.screenshot({ path: `${values.out}/product.png`, fullPage: true });
  await page.goto(`${base}#/cart`);
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.getByTestId('order-placed').waitFor();
  await page.goto(`${base}#/you`);
  await page.getByTestId('event-table').waitFor();
  await page.screenshot({ path: `${values.out}/your-data.png`, fullPage: true });
  await page.goto(`${base}#/shop/Clothing`);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${values.out}/catalog.png` });
  console.log(`screenshots in ${values.out}`);
} finally {
  await browser.close();
  server.kill();
}
