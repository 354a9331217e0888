/**
 * The real pricing worker in Chromium, through the real bridge (comlink): a sales file's bytes in, the report out;
 * a bad file comes back with its issues; an abort stops a long analysis; "good price?" hints for a catalog.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import { syntheticSales } from '../../scripts/pricing/synthetic.ts';
import { PricingBridge } from '../../src/app/bridges/pricing.ts';
import { TINY_CATALOG } from '../fixtures/tiny-catalog.ts';
import { saveCatalog } from '../../src/storage/catalogs.ts';
import { forgetEverything } from '../../src/storage/forget.ts';

let bridge: PricingBridge;
beforeEach(() => {
  bridge = new PricingBridge();
});
afterEach(() => bridge.dispose());

const sales = syntheticSales({
  days: 42,
  seed: 5,
  products: [
    { id: 'A', title: 'CAFÉ MUG', elasticity: -2, baseUnits: 40, referencePrice: 2, prices: [1.5, 2, 2.5, 3] },
    { id: 'B', elasticity: -1, baseUnits: 10, referencePrice: 4, prices: [4] },
  ],
});

test('analyses a Windows-1252 file in the worker: estimates, points and curve for the chart, suggestions, and the too-thin product with its reason', async () => {
  // Windows-1252 bytes, as Excel saves CSV on Western Windows (É is 0xC9 there).
  const bytes = Uint8Array.from([...sales].map((c) => c.charCodeAt(0)));
  const outcome = await bridge.analyseSales(undefined, { name: 'sales.csv', data: bytes.buffer }, { suggest: { costs: { A: 1 } } });
  expect(bridge.running).toBe(true);
  if (!outcome.ok) throw new Error(outcome.message);
  const { cleaning, products, summary } = outcome.result;
  expect(cleaning.encoding).toBe('windows-1252');
  expect(summary).toMatchObject({ products: 2, estimated: 1, tooThin: 1, reasons: { 'no-price-variation': 1 } });
  const a = products.find((p) => p.product === 'A')!;
  expect(a.title).toBe('CAFÉ MUG');
  expect(a.verdict).toBe('estimated');
  expect(a.estimate!.ciLow).toBeLessThan(-2);
  expect(a.estimate!.ciHigh).toBeGreaterThan(-2);
  expect(a.points).toHaveLength(42);
  expect(a.curve.length).toBeGreaterThan(10);
  expect(a.suggestion).toMatchObject({ ok: true, basis: 'product', decidedBy: 'curve' });
  expect(products.find((p) => p.product === 'B')).toMatchObject({ verdict: 'too-thin', estimate: null, reason: 'no-price-variation' });

  // New costs and bounds without fitting again.
  const again = await bridge.suggestPrices(undefined, outcome.result, { objective: 'revenue', bounds: { A: { min: 1, max: 4 } } });
  expect(again.find((s) => s.product === 'A')).toMatchObject({ ok: true, price: 1, decidedBy: 'lower-bound' });
});

test('a file with a missing column comes back as a value with its issues; the preview names the columns', async () => {
  const bad = await bridge.analyseSales(undefined, { name: 'bad.csv', data: 'InvoiceNo,StockCode,Quantity\n1,a,2\n' });
  expect(bad.ok).toBe(false);
  if (!bad.ok) {
    expect(bad.message).toMatch(/no column for price .* time/);
    expect(bad.issues.map((i) => i.field)).toEqual(['price', 'time']);
  }
  const preview = await bridge.inspectSales(undefined, { name: 'sales.csv', data: sales });
  expect(preview.ok && preview.result.columns.price).toBe('UnitPrice');
});

test('aborting a long analysis terminates the worker; the next call starts a fresh one', async () => {
  const big = syntheticSales({ days: 365, seed: 6, products: Array.from({ length: 300 }, (_, i) => ({ id: `P${i}`, elasticity: -1.5, baseUnits: 20, referencePrice: 2, prices: [1.5, 2, 2.5] })) });
  const controller = new AbortController();
  const pending = bridge.analyseSales(controller.signal, { name: 'big.csv', data: big });
  setTimeout(() => controller.abort(), 50);
  await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  expect(bridge.running).toBe(false);
  const hints = await bridge.priceHints(undefined, TINY_CATALOG, ['w3'], { minPeers: 2 });
  expect(hints).toEqual([expect.objectContaining({ product: 'w3', verdict: 'low', category: ['Watches', 'Wrist Watches'], peers: 2 })]);
  expect(bridge.starts).toBe(2);
});

test('a stored catalog\'s "good price?" hints are read by the worker itself, the same as with its products sent', async () => {
  await forgetEverything();
  // Enough products in one category for a verdict: the tiny catalog's prices spread over copies of it.
  const products = Array.from({ length: 6 }, (_, k) => TINY_CATALOG.map((p) => ({ ...p, id: `${p.id}-${k}`, price: Math.round(p.price * (0.6 + k * 0.15)) }))).flat();
  await saveCatalog({ id: 'stored-prices', name: 'Stored', source: { name: 'test', licence: 'CC0', attribution: 'test' }, products, importedAt: Date.now(), fileName: 'p.json', report: { rows: products.length, accepted: products.length, skipped: 0, issues: [], warnings: [] } });
  const ids = [products[0]!.id, products.at(-1)!.id, 'nope'];
  const sent = await bridge.priceHints(undefined, products, ids);
  expect(sent.length).toBe(2);
  expect(sent.some((h) => h.verdict !== 'unknown')).toBe(true);
  expect(await bridge.storedPriceHints(undefined, 'stored-prices', ids)).toEqual(sent);
  await expect(bridge.storedPriceHints(undefined, 'gone', ids)).rejects.toThrow(/no longer stored on this device/);
});
