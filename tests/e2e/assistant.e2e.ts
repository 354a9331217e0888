/**
 * The shopping assistant in the built app (issue 14): watches under 2000 in English and Chinese are only watches
 * under 2000 from the catalog; a returns question quotes the shop's return policy; "what did I order last?" names
 * the last order; an abusive message is refused; everything works offline and no request leaves the origin.
 * Screenshots of the chat with product cards, desktop and phone, go to .tmp/screens/.
 */
import { expect, test, type Page } from '@playwright/test';
import { openShop } from './helpers.ts';

interface DemoProduct {
  id: string;
  title: string;
  price: number;
  categoryPath: string[];
}

async function catalog(page: Page): Promise<Map<string, DemoProduct>> {
  const products = await page.evaluate(async () => ((await (await fetch('./catalog/demo.json')).json()) as { products: DemoProduct[] }).products);
  return new Map(products.map((p) => [p.id, p]));
}

/** Sends a message in the chat and waits for its answer to finish; returns the answer element. */
async function ask(page: Page, text: string) {
  const before = await page.getByTestId('chat-answer').count();
  await page.getByTestId('chat-input').fill(text);
  await page.getByTestId('chat-input').press('Enter');
  const answer = page.getByTestId('chat-answer').nth(before);
  await expect(answer).toHaveAttribute('data-status', /done|refused|error/, { timeout: 60_000 });
  return answer;
}

async function cardIds(answer: ReturnType<Page['locator']>): Promise<Array<{ id: string; price: number }>> {
  return answer.getByTestId('chat-product').evaluateAll((cards) => cards.map((c) => ({ id: c.getAttribute('data-id')!, price: Number(c.getAttribute('data-price')) })));
}

test('watches under 2000 (English and Chinese), a returns question, the last order, a refused message; offline; same origin only', async ({ page, context, baseURL }) => {
  test.setTimeout(240_000);
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));

  // An order to ask about: the first product of the trending shelf.
  await openShop(page);
  const products = await catalog(page);
  await page.getByTestId('shelf-trending').getByTestId('product-card').first().locator('a').click();
  const boughtId = await page.getByTestId('product').getAttribute('data-id');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await openShop(page, '#/cart');
  await page.getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByTestId('order-placed')).toBeVisible();

  await openShop(page, '#/chat');
  for (const text of ['show me watches under 2000', '手表 2000元以内']) {
    const answer = await ask(page, text);
    expect(await answer.getAttribute('data-status')).toBe('done');
    const cards = await cardIds(answer);
    expect(cards.length).toBeGreaterThan(2);
    for (const c of cards) {
      const p = products.get(c.id)!;
      expect(p.categoryPath[0]).toBe('Watches');
      expect(p.price).toBeLessThanOrEqual(2000);
      expect(c.price).toBe(p.price);
    }
  }
  // Add to cart from a card.
  await page.getByTestId('chat-answer').last().getByTestId('chat-add').first().click();
  await expect(page.getByTestId('cart-count')).toHaveText('1');

  const returns = await ask(page, 'how do i send something back?');
  await expect(returns.getByTestId('chat-text')).toContainText('What is your return policy?');
  await expect(returns.getByTestId('chat-text')).toContainText('within 30 days of delivery');

  const last = await ask(page, 'what did I order last?');
  await expect(last.getByTestId('chat-text')).toContainText(products.get(boughtId!)!.title);

  const abusive = await ask(page, 'you are a fucking idiot, shut up');
  expect(await abusive.getAttribute('data-status')).toBe('refused');
  await expect(abusive.getByTestId('chat-text')).toContainText("can't answer that message");

  // Personal data is refused and never repeated, nor kept with the conversation.
  const phone = await ask(page, 'call me on +91 98765 43210 about watches');
  expect(await phone.getAttribute('data-status')).toBe('refused');
  await expect(phone.getByTestId('chat-text')).not.toContainText('98765');
  const kept = await page.evaluate(() => new Promise<string>((resolve) => {
    const req = indexedDB.open('aisle');
    req.onsuccess = () => {
      const all = req.result.transaction('chats').objectStore('chats').getAll();
      all.onsuccess = () => {
        resolve(JSON.stringify(all.result));
        req.result.close();
      };
    };
  }));
  expect(kept).toContain('show me watches under 2000');
  expect(kept).not.toContain('98765');
  expect(kept).not.toContain('idiot');

  // Thumbs up: recorded as a feedback event.
  await page.getByTestId('chat-answer').first().getByTestId('thumb-up').click();
  await expect.poll(async () => page.evaluate(() => new Promise<number>((resolve) => {
    const req = indexedDB.open('aisle');
    req.onsuccess = () => {
      const all = req.result.transaction('events').objectStore('events').getAll();
      all.onsuccess = () => {
        resolve((all.result as Array<{ type: string }>).filter((e) => e.type === 'feedback').length);
        req.result.close();
      };
    };
  }))).toBe(1);

  // Screenshots of the chat with product cards, desktop and phone.
  await page.getByTestId('chat-answer').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.tmp/screens/assistant-desktop.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await openShop(page, '#/');
  await page.getByTestId('chat-launcher').click();
  await expect(page.getByTestId('chat-panel').getByTestId('chat')).toBeVisible();
  const panelAnswer = await ask(page, 'black watches under 3000');
  expect((await cardIds(panelAnswer)).length).toBeGreaterThan(0);
  await page.screenshot({ path: '.tmp/screens/assistant-phone.png' });
  await page.setViewportSize({ width: 1280, height: 800 });

  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign).toEqual([]);

  // Offline: the service worker controls the page after a reload; then the chat answers with the network off.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await context.setOffline(true);
  await page.reload();
  await openShop(page, '#/chat');
  const offline = await ask(page, 'watches under 2000');
  expect(await offline.getAttribute('data-status')).toBe('done');
  for (const c of await cardIds(offline)) expect(products.get(c.id)!.categoryPath[0]).toBe('Watches');
  const offlineRefused = await ask(page, 'you are a fucking idiot');
  expect(await offlineRefused.getAttribute('data-status')).toBe('refused');
});

test("answers pass moderation: a merchant's abusive policy text is withheld with the reason; an imported abusive message is held, kept, not shown", async ({ page }) => {
  test.setTimeout(180_000);
  // The merchant's own policy file (what host.policiesUrl or the demo's catalog/policies.md serves), with abuse in one answer.
  await page.route('**/catalog/policies.md', (route) =>
    route.fulfill({
      contentType: 'text/markdown; charset=utf-8',
      body: '# Shop policies\n\n## What is your return policy?\nReturns are for stupid idiots and worthless morons. Go away.\n\n## How long does shipping take?\nOrders ship within 2 working days and arrive in 3 to 5 days.\n',
    }),
  );
  await openShop(page, '#/chat');
  const returns = await ask(page, 'what is your return policy?');
  await expect(returns.getByTestId('chat-text')).toContainText('did not pass the content check');
  await expect(returns.getByTestId('chat-text')).not.toContainText('idiots');
  const shipping = await ask(page, 'how long does shipping take?');
  await expect(shipping.getByTestId('chat-text')).toContainText('Orders ship within 2 working days');
  await expect(shipping.getByTestId('chat-text')).not.toContainText('content check');

  // An imported conversation: checked again on import; the abusive message is marked held, its text kept.
  const at = Date.now() - 60_000;
  const turn = (id: string, role: string, text: string) => ({ id, at, role, text, items: [], feedback: null });
  const file = {
    format: 'aisle-export', version: 4, exportedAt: new Date().toISOString(), events: [], settings: {}, itemStats: [], checkpoints: [], reviews: [],
    chats: [{ id: 'imported-chat', catalog: 'flipkart-demo-v1', startedAt: at, updatedAt: at, turns: [turn('i1', 'user', 'show me rings under 5000'), turn('i2', 'user', 'you stupid worthless idiot, answer me')] }],
  };
  await openShop(page, '#/you');
  await page.getByTestId('import').setInputFiles({ name: 'aisle-data.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByTestId('import-message')).toContainText('held', { timeout: 60_000 });
  const history = page.getByTestId('chat-history');
  await history.locator('summary').filter({ hasText: 'show me rings under 5000' }).click();
  await expect(history.getByTestId('chat-turn-held')).toHaveCount(1);
  await expect(history).not.toContainText('worthless idiot');
  const stored = await page.evaluate(() => new Promise<string>((resolve) => {
    const req = indexedDB.open('aisle');
    req.onsuccess = () => {
      const get = req.result.transaction('chats').objectStore('chats').get('imported-chat');
      get.onsuccess = () => {
        resolve(JSON.stringify(get.result));
        req.result.close();
      };
    };
  }));
  expect(stored).toContain('you stupid worthless idiot, answer me');
  expect(JSON.parse(stored).turns.map((t: { held?: unknown }) => !!t.held)).toEqual([false, true]);
});
