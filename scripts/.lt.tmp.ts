import { chromium } from 'playwright';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './vite/chromium.ts';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.addInitScript(() => {
  (window as any).__lt = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) (window as any).__lt.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
});
await page.goto(process.argv[2]);
await page.getByTestId('shelf-trending').getByTestId('product-card').first().waitFor();
await page.waitForTimeout(4000);
console.log(JSON.stringify(await page.evaluate(() => (window as any).__lt)));
console.log(JSON.stringify(await page.evaluate(() => performance.getEntriesByType('measure').map((m) => [m.name, Math.round(m.startTime), Math.round(m.duration)]))));
await browser.close();
