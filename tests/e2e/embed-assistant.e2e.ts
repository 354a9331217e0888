/**
 * `<aisle-assistant>` in the merchant embed, with the same two real origins as embed.e2e.ts: the store's page
 * (scripts/serve-store.mjs, examples/store/) and the static host serving dist/. The element mounts the app's own chat
 * panel, assistant state and workers: it answers from the store's catalog (/catalog/demo.json on the store) and the
 * store's policies.md beside it, asks nothing of any third origin, and keeps the conversation in the store origin's
 * IndexedDB. A screenshot of the element with product cards goes to .tmp/screens/embed-assistant.png, and one with the
 * store's writing-model offer open to .tmp/screens/embed-assistant-offer.png.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { HUB_PORT, STATIC_PORT, STORE_PORT } from '../../playwright.config.ts';

const STORE = `http://127.0.0.1:${STORE_PORT}`;
const STATIC = `http://127.0.0.1:${STATIC_PORT}`;

interface DemoProduct {
  id: string;
  title: string;
  price: number;
  categoryPath: string[];
}

const chat = (page: Page) => page.locator('aisle-assistant');

/** Sends a message in the embedded chat and waits for its answer to finish; returns the answer element. */
async function ask(page: Page, text: string): Promise<Locator> {
  const before = await chat(page).getByTestId('chat-answer').count();
  await chat(page).getByTestId('chat-input').fill(text);
  await chat(page).getByTestId('chat-input').press('Enter');
  const answer = chat(page).getByTestId('chat-answer').nth(before);
  await expect(answer).toHaveAttribute('data-status', /done|refused|error/, { timeout: 60_000 });
  return answer;
}

test('the assistant on the store page: watches under 2000 from the store catalog, the returns policy quoted, two origins only, history in the store origin', async ({ page }) => {
  test.setTimeout(180_000);
  const origins = new Set<string>();
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'http:' || u.protocol === 'https:') origins.add(u.origin);
  });
  await page.goto(`${STORE}/`);

  // The element renders in its own (open) shadow root, with its heading and the composer.
  await expect(chat(page)).toHaveAttribute('data-state', 'shown');
  expect(await chat(page).evaluate((el) => el.shadowRoot?.mode)).toBe('open');
  await expect(chat(page).getByRole('heading', { name: 'Ask the store’s assistant' })).toBeVisible();
  await expect(chat(page).getByTestId('chat-input')).toBeVisible();

  const products = new Map(
    (await page.evaluate(async () => ((await (await fetch('/catalog/demo.json')).json()) as { products: DemoProduct[] }).products)).map((p) => [p.id, p]),
  );

  const watches = await ask(page, 'show me watches under 2000');
  expect(await watches.getAttribute('data-status')).toBe('done');
  const cards = await watches.getByTestId('chat-product').evaluateAll((els) => els.map((c) => ({ id: c.getAttribute('data-id')!, price: Number(c.getAttribute('data-price')) })));
  expect(cards.length).toBeGreaterThan(2);
  for (const c of cards) {
    const p = products.get(c.id);
    expect(p, `${c.id} is in the store's catalog`).toBeDefined();
    expect(p!.categoryPath[0]).toBe('Watches');
    expect(p!.price).toBeLessThanOrEqual(2000);
    expect(c.price).toBe(p!.price);
  }
  // A card links to the store's own product page (data-product-url), not to the app's router.
  await expect(watches.getByTestId('chat-product').first().locator('a').first()).toHaveAttribute('href', `${STORE}/products/${encodeURIComponent(cards[0].id)}`);

  // A look at it on the store's page (.tmp/screens/, not committed).
  await chat(page).screenshot({ path: '.tmp/screens/embed-assistant.png' });

  // The returns question is answered from the store's policies.md (beside its catalog), quoted.
  const returns = await ask(page, 'how do i send something back?');
  expect(await returns.getAttribute('data-status')).toBe('done');
  await expect(returns.getByTestId('chat-text')).toContainText('What is your return policy?');
  await expect(returns.getByTestId('chat-text')).toContainText('within 30 days of delivery');
  const policy = await page.evaluate(async () => (await fetch('/catalog/policies.md')).text());
  expect(policy).toContain('within 30 days of delivery');

  // Only the store's origin and the static host were asked for anything.
  expect([...origins].sort()).toEqual([STORE, STATIC].sort());

  // The conversation is in the store origin's IndexedDB (Aisle's database, store `chats`).
  const kept = await page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const req = indexedDB.open('aisle');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('chats').objectStore('chats').getAll();
          all.onsuccess = () => {
            resolve(JSON.stringify(all.result));
            req.result.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
  expect(kept).toContain('show me watches under 2000');
  expect(kept).toContain('how do i send something back?');
});

test('consent mode: nothing is stored before the yes; the store\'s own JSON policy file (data-policies) is the one quoted', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`${STORE}/t/assistant-consent.html`);
  // The question takes the chat's place, and nothing (not even an empty database) is on the store's origin yet.
  await expect(chat(page).getByTestId('aisle-consent-allow')).toBeVisible();
  await expect(chat(page).getByTestId('chat-input')).toHaveCount(0);
  expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('aisle');

  await chat(page).getByTestId('aisle-consent-allow').click();
  await expect(chat(page).getByTestId('chat-input')).toBeVisible();
  const returns = await ask(page, 'can i give back something i bought');
  expect(await returns.getAttribute('data-status')).toBe('done');
  await expect(returns.getByTestId('chat-text')).toContainText('within 14 days at any of our 3 shops in Pune');
  await expect(returns.getByTestId('chat-text')).not.toContainText('30 days');
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const req = indexedDB.open('aisle');
            req.onsuccess = () => {
              const n = req.result.transaction('chats').objectStore('chats').count();
              n.onsuccess = () => {
                resolve(n.result);
                req.result.close();
              };
            };
          }),
      ),
    )
    .toBe(1);
});

test('a writing model the store offers (data-assistant-model): size first, the shopper\'s yes, a checked answer, only the chosen host', async ({ page }) => {
  test.setTimeout(180_000);
  const hub = `http://127.0.0.1:${HUB_PORT}/`;
  const hubLog = async () => (await (await fetch(`${hub}__log`)).json()) as Array<{ method: string; path: string }>;
  await fetch(`${hub}__log`, { method: 'DELETE' });
  const origins = new Set<string>();
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol === 'http:' || u.protocol === 'https:') origins.add(u.origin);
  });
  await page.goto(`${STORE}/t/assistant-writer.html`);
  await expect(chat(page)).toHaveAttribute('data-state', 'shown');

  // Offered, not on: the answer is composed, and the hub has been asked nothing.
  const offer = chat(page).getByTestId('generator-settings');
  await expect(offer.locator('summary')).toHaveText('More fluent answers with the store’s writing model (optional)');
  await expect(offer.getByTestId('generator-status')).toHaveCount(0);
  const composed = await ask(page, 'show me watches under 2000');
  await expect(composed.getByTestId('chat-note')).toHaveCount(0);
  expect(await hubLog()).toEqual([]);

  await offer.locator('summary').click();
  await expect(offer.getByTestId('generator-offer')).toContainText(`The store offers aisle-test/tiny-chat from 127.0.0.1:${HUB_PORT}`);
  await offer.getByTestId('generator-check').click();
  await expect(offer.getByTestId('generator-plan')).toContainText(/This downloads \d+(\.\d)? (KB|MB) \(5 files\) from 127\.0\.0\.1:/);
  expect((await hubLog()).filter((r) => r.method !== 'HEAD')).toEqual([]);
  await chat(page).screenshot({ path: '.tmp/screens/embed-assistant-offer.png' });
  await offer.getByTestId('generator-use').click();
  await expect(offer.getByTestId('generator-status')).toContainText(`On: aisle-test/tiny-chat from 127.0.0.1:${HUB_PORT}`, { timeout: 60_000 });

  const written = await ask(page, 'show me watches under 2000');
  await expect(written.getByTestId('chat-note')).toContainText('Written by aisle-test/tiny-chat');
  await expect(written.getByTestId('chat-note')).toContainText('1 sentence left out');
  await expect(written.getByTestId('chat-text')).not.toContainText('Zorblax');
  expect([...origins].sort()).toEqual([STATIC, STORE, `http://127.0.0.1:${HUB_PORT}`].sort());

  // Off again from the same place.
  await offer.getByTestId('generator-off').click();
  await expect(offer.getByTestId('generator-status')).toHaveCount(0);
  await expect(offer.locator('summary')).toBeVisible();
});
