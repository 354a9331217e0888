/**
 * The assistant's optional writing model (issue 14 item 4) in the built app, against a model host on another origin
 * (the test hub, scripts/make-hub-fixture.mjs) serving the tiny test decoder (tests/fixtures/generator/make.py: it
 * always writes one answer whose fourth sentence names "the Zorblax Ultra" at "₹4,321", in no tool result):
 * nothing is asked of the host before "Check size"; the size is shown before the yes; progress while it downloads;
 * the answer streams in sentence by sentence without the invented sentence, and says so; Stop ends it; after a
 * reload the model comes from this device (no second download); no request goes to any other origin; turned off in
 * another tab, the next answer here is composed again without a reload.
 */
import { expect, test, type Page } from '@playwright/test';
import { HUB_PORT } from '../../playwright.config.ts';
import { openShop } from './helpers.ts';

const HUB = `http://127.0.0.1:${HUB_PORT}/`;
const hubLog = async () => (await (await fetch(`${HUB}__log`)).json()) as Array<{ method: string; path: string }>;

/** Sends a message and returns its answer, with every text the answer showed on the way (to see it stream). */
async function ask(page: Page, text: string, { wait = true } = {}) {
  const before = await page.getByTestId('chat-answer').count();
  await page.evaluate((n) => {
    const w = window as unknown as { __texts: string[] };
    w.__texts = [];
    const seen = () => {
      const el = document.querySelectorAll('[data-testid="chat-answer"]')[n]?.querySelector('[data-testid="chat-text"]');
      const t = el?.textContent ?? '';
      if (t && w.__texts.at(-1) !== t) w.__texts.push(t);
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, before);
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-input').press('Enter');
  const answer = page.getByTestId('chat-answer').nth(before);
  if (wait) await expect(answer).toHaveAttribute('data-status', /done|refused|error|stopped/, { timeout: 60_000 });
  return answer;
}

test('the writing model: size first, yes, progress, a streamed and checked answer, Stop, cached after reload, no other origin', async ({ page, context, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await fetch(`${HUB}__log`, { method: 'DELETE' });

  // Off by default: the chat answers as before, and the host is asked nothing.
  await openShop(page, '#/chat');
  const plain = await ask(page, 'show me watches under 2000');
  await expect(plain.getByTestId('chat-text')).toContainText(/watches/i);
  await expect(plain.getByTestId('chat-note')).toHaveCount(0);

  await openShop(page, '#/about');
  const settings = page.getByTestId('generator-settings');
  await expect(settings.getByTestId('generator-status')).toContainText('Off');
  await settings.locator('summary').click();
  await settings.getByTestId('generator-host').fill(HUB);
  await settings.getByTestId('generator-model').fill('aisle-test/tiny-chat');
  await settings.getByTestId('generator-weights').fill('onnx/model.onnx');
  expect(await hubLog()).toEqual([]);
  await settings.getByTestId('generator-check').click();
  await expect(settings.getByTestId('generator-plan')).toContainText(/This downloads \d+(\.\d)? (KB|MB) \(5 files\) from 127\.0\.0\.1:/);
  // Checking the size asks for sizes only (HEAD): nothing is downloaded before the yes.
  expect((await hubLog()).filter((r) => r.method !== 'HEAD')).toEqual([]);

  // Progress: every text the status line showed while the files came.
  await page.evaluate(() => {
    const w = window as unknown as { __progress: string[] };
    w.__progress = [];
    new MutationObserver(() => {
      const t = document.querySelector('[data-testid="generator-progress"]')?.textContent?.trim();
      if (t && w.__progress.at(-1) !== t) w.__progress.push(t);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await settings.getByTestId('generator-use').click();
  await expect(settings.getByTestId('generator-status')).toContainText(`On: aisle-test/tiny-chat from 127.0.0.1:${HUB_PORT}`, { timeout: 60_000 });
  await expect(settings.getByTestId('generator-device')).toContainText('runs on WASM');
  const progress = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
  expect(progress.some((p) => /Downloading onnx\/model\.onnx: .* of .*/.test(p) || /Loading the writing model/.test(p))).toBe(true);
  const gets = (await hubLog()).filter((r) => r.method === 'GET').map((r) => r.path.split('/resolve/main/')[1]).sort();
  expect(gets).toEqual(['config.json', 'generation_config.json', 'onnx/model.onnx', 'tokenizer.json', 'tokenizer_config.json']);

  // A written answer: streamed, checked against the tool results, with the products from the catalog below it.
  await openShop(page, '#/chat');
  const answer = await ask(page, 'show me watches under 2000');
  await expect(answer).toHaveAttribute('data-status', 'done');
  const text = (await answer.getByTestId('chat-text').textContent())!;
  expect(text).toMatch(/^Here is what I found for you\./);
  expect(text).toMatch(/Ask me to compare them/);
  expect(text).not.toMatch(/Zorblax|4,321/);
  await expect(answer.getByTestId('chat-note')).toContainText('Written by aisle-test/tiny-chat on WASM');
  await expect(answer.getByTestId('chat-note')).toContainText('1 sentence left out: it named a price or product that is not in the results.');
  expect(await answer.getByTestId('chat-product').count()).toBeGreaterThan(2);
  const texts = await page.evaluate(() => (window as unknown as { __texts: string[] }).__texts);
  expect(texts.length).toBeGreaterThan(5);

  // Stop ends the answer where it is.
  const stopped = await ask(page, 'cheaper ones?', { wait: false });
  await expect(stopped).toHaveAttribute('data-status', 'streaming', { timeout: 30_000 });
  await page.getByTestId('chat-stop').click();
  await expect(stopped).toHaveAttribute('data-status', 'stopped');
  const cut = (await stopped.getByTestId('chat-text').textContent())!;
  await page.waitForTimeout(800);
  expect((await stopped.getByTestId('chat-text').textContent())!).toBe(cut);
  expect(cut.length).toBeLessThan(text.length);
  await expect(page.getByTestId('chat-send')).toBeVisible();

  // After a reload the model is on this device: nothing is downloaded again.
  await fetch(`${HUB}__log`, { method: 'DELETE' });
  await page.reload();
  await openShop(page, '#/chat');
  const again = await ask(page, 'show me watches under 2000');
  await expect(again.getByTestId('chat-note')).toContainText('Written by aisle-test/tiny-chat');
  expect(await hubLog()).toEqual([]);

  // Every request went to the app's origin or to the model host the shopper chose.
  const elsewhere = requests.filter((u) => !u.startsWith(origin) && !u.startsWith(HUB) && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(elsewhere).toEqual([]);

  // Off again, in another tab: this tab's next answer is composed, with no reload; and in that tab too.
  const other = await context.newPage();
  await openShop(other, '#/about');
  await other.getByTestId('generator-off').click();
  await expect(other.getByTestId('generator-settings').getByTestId('generator-status')).toContainText('Off');
  const composed = await ask(page, 'show me watches under 2000');
  await expect(composed.getByTestId('chat-text')).toContainText(/watches/i);
  await expect(composed.getByTestId('chat-note')).toHaveCount(0);
  await openShop(other, '#/chat');
  const composedThere = await ask(other, 'show me watches under 2000');
  await expect(composedThere.getByTestId('chat-note')).toHaveCount(0);
  await other.close();
});
