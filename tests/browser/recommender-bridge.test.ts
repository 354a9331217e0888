/** The real recommender worker, through the real bridge (comlink), reading the real IndexedDB the page writes. */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { RecommenderBridge } from '../../src/app/bridges/recommender.ts';
import { categoryTree } from '../../src/shared/catalog/facets.ts';
import { onePerGroup } from '../../src/shared/catalog/variants.ts';
import { saveCatalog } from '../../src/storage/catalogs.ts';
import { forgetEverything } from '../../src/storage/forget.ts';
import { recordEvent } from '../../src/storage/history.ts';
import { TINY_CATALOG } from '../fixtures/tiny-catalog.ts';

let bridge: RecommenderBridge;

beforeEach(async () => {
  await forgetEverything();
  bridge = new RecommenderBridge();
  await bridge.setCatalog(undefined, 'tiny', TINY_CATALOG);
});
afterEach(() => bridge.dispose());

test('the worker starts lazily and sees events the page records, incrementally', async () => {
  expect(bridge.running).toBe(false);
  expect(await bridge.recommend(undefined, { shelf: 'recently-viewed', personalised: true })).toEqual([]);
  expect(bridge.running).toBe(true);
  await recordEvent('tiny', { type: 'view', itemId: 'w1' });
  await recordEvent('tiny', { type: 'view', itemId: 's1' });
  const recs = await bridge.recommend(undefined, { shelf: 'recently-viewed', personalised: true });
  expect(recs.map((r) => r.itemId)).toEqual(['s1', 'w1']);
  const [forYou, similar] = await bridge.recommendMany(undefined, [
    { shelf: 'for-you', personalised: true },
    { shelf: 'similar', itemId: 'w1', personalised: false },
  ]);
  expect(forYou[0].because.text).toMatch(/^Because you viewed/);
  expect(similar[0].itemId).toBe('w2');
  expect(await bridge.status()).toMatchObject({ catalogId: 'tiny', products: TINY_CATALOG.length, events: 2 });
});

test('aborting a long call terminates the worker; the next call starts a fresh one that has the catalog again', async () => {
  await bridge.recommend(undefined, { shelf: 'trending', personalised: false });
  expect(bridge.starts).toBe(1);
  const controller = new AbortController();
  const rows = Array.from({ length: 200_000 }, (_, i) => `p${i},Product ${i},${i + 1},INR`).join('\n');
  const pending = bridge.parseCatalog(controller.signal, 'big.csv', `id,title,price,currency\n${rows}`, {});
  controller.abort();
  await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  expect(bridge.running).toBe(false);
  await expect(bridge.recommend(controller.signal, { shelf: 'trending', personalised: false })).rejects.toMatchObject({ name: 'AbortError' });
  const again = await bridge.recommend(undefined, { shelf: 'trending', personalised: false });
  expect(again.length).toBeGreaterThan(0);
  expect(bridge.starts).toBe(2);
});

test('aborting a quick query drops its result but leaves the worker and other queries alone', async () => {
  const controller = new AbortController();
  const stale = bridge.recommend(controller.signal, { shelf: 'trending', personalised: false });
  const other = bridge.recommend(undefined, { shelf: 'similar', itemId: 'w1', personalised: false });
  controller.abort();
  await expect(stale).rejects.toMatchObject({ name: 'AbortError' });
  expect((await other)[0].itemId).toBe('w2');
  expect(bridge.running).toBe(true);
  expect(bridge.starts).toBe(1);
});

test('a call stopped with its worker lets go of its signal: aborting that signal later leaves the next worker alone', async () => {
  const old = new AbortController();
  const rows = Array.from({ length: 200_000 }, (_, i) => `p${i},Product ${i},${i + 1},INR`).join('\n');
  const pending = bridge.parseCatalog(old.signal, 'big.csv', `id,title,price,currency\n${rows}`, {});
  bridge.terminate();
  await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  expect((await bridge.recommend(undefined, { shelf: 'trending', personalised: false })).length).toBeGreaterThan(0);
  expect(bridge.starts).toBe(2);
  old.abort();
  expect(bridge.running).toBe(true);
  expect((await bridge.recommend(undefined, { shelf: 'trending', personalised: false })).length).toBeGreaterThan(0);
  expect(bridge.starts).toBe(2);
});

test('a worker that fails to start rejects the call with its own error, not as an abort', async () => {
  const failing = new RecommenderBridge();
  // Kept for the next start, whose catalog hand-over then fails in the worker.
  await failing.setCatalog(undefined, 'broken', null as never);
  const err = await failing.recommend(undefined, { shelf: 'trending', personalised: false }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(Error);
  expect((err as Error).name).not.toBe('AbortError');
  failing.dispose();
});

test('a rejected catalog file comes back with its row-by-row issues', async () => {
  const outcome = await bridge.parseCatalog(undefined, 'bad.csv', 'id,title,price,currency\na,Shirt,oops,INR\n', {});
  expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/row 1, price/), issues: [{ row: 1, field: 'price', reason: expect.stringMatching(/"oops" is not a number.*write it as 1234\.50/) }] });
});

test('a catalog file\'s bytes go to the worker, which finds the encoding (a Windows-1252 file is read as such, with a warning)', async () => {
  const bytes = Uint8Array.from('id,title,price,currency\nA,Caf\u00e9 mug,"1,299.50",INR\n', (c) => c.charCodeAt(0));
  const outcome = await bridge.parseCatalog(undefined, 'latin1.csv', bytes.buffer, {});
  expect(outcome.ok && outcome.result.products[0]).toMatchObject({ title: 'Café mug', price: 1299.5 });
  expect(outcome.ok && outcome.result.report.warnings[0]).toMatch(/not UTF-8.*Windows-1252/);
});

test('an idle worker without a catalog is let go after its timeout; one holding the catalog is kept', async () => {
  const quick = new RecommenderBridge(50);
  await quick.status();
  expect(quick.running).toBe(true);
  await expect.poll(() => quick.running, { timeout: 5_000 }).toBe(false);
  // With the catalog, a restart would send and index every product again (13 s at 100,000): it stays.
  await quick.setCatalog(undefined, 'tiny', TINY_CATALOG);
  await quick.recommend(undefined, { shelf: 'trending', personalised: false });
  await new Promise((r) => setTimeout(r, 500));
  expect(quick.running).toBe(true);
  expect(quick.starts).toBe(2);
  quick.dispose();
});

test('a stored catalog is read by the worker from IndexedDB (no product sent), with its category tree built there', async () => {
  const stored = new RecommenderBridge();
  const products = TINY_CATALOG.map((p, i) => ({ ...p, id: `stored-${p.id}`, ...(i < 2 ? { group: 'stored-g', variant: `Size ${i}` } : {}) }));
  const importedAt = Date.now();
  await saveCatalog({ id: 'stored-tiny', name: 'Stored', source: { name: 'test', licence: 'CC0', attribution: 'test' }, products, rules: { hide: [{ ids: [products[3]!.id] }] }, importedAt, fileName: 'tiny.json', report: { rows: products.length, accepted: products.length, skipped: 0, issues: [], warnings: [] } });
  // The page gets the catalog's head only: everything but its products, with their number and currency.
  const head = await stored.setStoredCatalog(undefined, 'stored-tiny');
  expect(head).toEqual({ id: 'stored-tiny', name: 'Stored', source: { name: 'test', licence: 'CC0', attribution: 'test' }, rules: { hide: [{ ids: [products[3]!.id] }] }, importedAt, fileName: 'tiny.json', size: products.length, currency: products[0]!.currency });
  const shelf = await stored.recommend(undefined, { shelf: 'trending', personalised: false });
  expect(shelf.length).toBeGreaterThan(0);
  expect(shelf.every((r) => r.itemId.startsWith('stored-'))).toBe(true);
  // The stored rules are the worker's own (the page sent none): the hidden product is on no shelf.
  expect(shelf.map((r) => r.itemId)).not.toContain(products[3]!.id);
  expect(await stored.categoryTree()).toEqual(categoryTree(onePerGroup(products)));
  expect((await stored.status()).products).toBe(products.length);
  // The products a screen shows, by id (an unknown id answered as such), a variant group, and pages of the whole list.
  expect(await stored.products([products[2]!.id, 'nope', products[0]!.id])).toEqual([products[2], null, products[0]]);
  expect(await stored.variants('stored-g')).toEqual(products.slice(0, 2));
  expect(await stored.variants('none')).toEqual([]);
  const first = await stored.productRange(0, 3);
  const rest = await stored.productRange(3, 100);
  expect(first.total).toBe(products.length);
  expect([...first.products, ...rest.products]).toEqual(products);
  stored.dispose();

  // An id that is not stored answers null (the page then shows the demo), and the worker holds no catalog.
  const missing = new RecommenderBridge();
  expect(await missing.setStoredCatalog(undefined, 'not-there')).toBeNull();
  await expect(missing.recommend(undefined, { shelf: 'trending', personalised: false })).rejects.toThrow(/no catalog yet/);
  missing.dispose();
});
