/**
 * Honest search in the built app (issue 13): Chinese queries find the English demo catalog's products, price words
 * filter, nonsense gets the honest empty state, and the count on the page is the count the facets add up to and the
 * one "Your data" records. Each finding of the issue is checked here as a shopper meets it.
 */
import { expect, test, type Page } from '@playwright/test';
import { demoProducts, openShop, readEvents } from './helpers.ts';

/** Searches from the header's box and waits until search by meaning has had its say (the encoder loads on first use). */
async function searchFor(page: Page, query: string): Promise<number> {
  const box = page.getByRole('combobox', { name: 'Search the store' });
  await box.fill(query);
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: `Results for “${query}”` })).toBeVisible();
  await expect(page.getByTestId('search-mode')).not.toContainText('Matching words', { timeout: 60_000 });
  return Number((await page.getByTestId('result-count').textContent())!.split(' ')[0]);
}

async function shownIds(page: Page): Promise<string[]> {
  return page.getByTestId('search-hit').evaluateAll((hits) => hits.map((h) => h.getAttribute('data-id')!));
}

test('手表 2000元以内 finds watches under ₹2,000, and 手表 alone finds watches, not tyre cleaner', async ({ page }) => {
  await openShop(page);
  const products = await demoProducts(page);
  const byId = new Map(products.map((p) => [p.id, p]));
  const watches = products.filter((p) => p.categoryPath[0] === 'Watches');

  const all = await searchFor(page, '手表');
  expect(all).toBe(watches.length);
  expect((await shownIds(page)).every((id) => byId.get(id)!.categoryPath[0] === 'Watches')).toBe(true);

  const found = await searchFor(page, '手表 2000元以内');
  await expect(page.getByTestId('price-from-query')).toContainText('up to ₹2,000');
  expect(found).toBe(watches.filter((p) => p.price <= 2000).length);
  const ids = await shownIds(page);
  expect(ids.length).toBeGreaterThan(10);
  for (const id of ids) {
    expect(byId.get(id)!.categoryPath[0]).toBe('Watches');
    expect(byId.get(id)!.price).toBeLessThanOrEqual(2000);
  }
  // The shopper can drop the price words' filter.
  await page.getByTestId('price-from-query').getByRole('link', { name: 'Any price' }).click();
  await expect(page.getByTestId('result-count')).toHaveText(`${watches.length} found`);
});

test('"zzqx" shows the honest empty state; "montre homme" finds no chest pads', async ({ page }) => {
  await openShop(page);
  expect(await searchFor(page, 'zzqx')).toBe(0);
  await expect(page.getByTestId('no-results')).toContainText('No close matches for “zzqx”');
  await expect(page.getByTestId('search-mode')).toContainText('does not know these words');
  await expect(page.getByTestId('search-hit')).toHaveCount(0);
  await expect(page.getByTestId('by-meaning')).toHaveCount(0);

  expect(await searchFor(page, 'montre homme')).toBe(0);
  await expect(page.getByTestId('no-results')).toContainText('No close matches for “montre homme”');

  // A typo gets an offer to search for the word it was meant to be, not made-up results.
  await searchFor(page, 'kurtaa');
  const hits = await page.getByTestId('search-hit').count();
  if (hits === 0) await expect(page.getByTestId('suggest-spelling')).toHaveText('kurta');
  else await expect(page.getByTestId('corrections')).toContainText('kurta');
});

test('the count on the page equals the count on Your data, and the category facets add up to it', async ({ page }) => {
  await openShop(page);
  const queries = ['analog watch for men', '女士手表', 'timepiece', 'zzqx', 'hot beverage cup'];
  const shown: Record<string, number> = {};
  for (const q of queries) {
    shown[q] = await searchFor(page, q);
    const facets = page.getByTestId('facet-category');
    if ((await facets.count()) > 0) {
      const counts = await facets.evaluateAll((links) => links.map((a) => Number(a.parentElement!.querySelector('.n')!.textContent)));
      expect(counts.reduce((a, b) => a + b, 0)).toBe(shown[q]);
    }
  }
  // Broad queries are not padded: "analog watch for men" is watches only, at most the catalog's 84.
  expect(shown['analog watch for men']).toBeGreaterThan(0);
  expect(shown['analog watch for men']).toBeLessThanOrEqual(84);
  expect(shown.zzqx).toBe(0);

  const stored = (await readEvents(page)).filter((e) => e.type === 'search');
  expect(Object.fromEntries(stored.map((e) => [e.query, e.results]))).toEqual(shown);
  await openShop(page, '#/you');
  for (const q of queries) await expect(page.getByTestId('event-table')).toContainText(`“${q}” (${shown[q]} results)`);
});
