/**
 * The page's bounded cache of a stored catalog's products (src/app/state/product-cache.svelte.ts): the ids read in one
 * tick go to the worker in one call, an id the catalog lacks is answered as such (and not asked again), the cache never
 * holds more than its limit (the oldest go), and answers that arrive after the catalog changed are dropped. The
 * "worker" here is a function over an in-memory catalog that records each call.
 */
import { expect, test } from 'vitest';
import { ProductCache } from '../../../src/app/state/product-cache.svelte.ts';
import type { Product } from '../../../src/shared/catalog/types.ts';

const product = (id: string): Product => ({ id, title: `Product ${id}`, description: '', categoryPath: ['A'], brand: null, price: 10, currency: 'INR', listPrice: null, image: null, attributes: {}, inStock: true, rating: null });
const CATALOG = new Map(Array.from({ length: 50 }, (_, i) => [`p${i}`, product(`p${i}`)]));

function worker() {
  const calls: string[][] = [];
  let release: (() => void) | null = null;
  let held = false;
  const fetchMany = async (ids: readonly string[]) => {
    calls.push([...ids]);
    if (held) await new Promise<void>((r) => (release = r));
    return ids.map((id) => CATALOG.get(id) ?? null);
  };
  return { calls, fetchMany, hold: () => (held = true), release: () => release?.() };
}

test('ids read in one tick are asked for in one call; found and missing ids are both answered, once', async () => {
  const w = worker();
  const cache = new ProductCache(w.fetchMany, 100);
  expect(cache.get('p1')).toBeUndefined();
  expect(cache.get('p2')).toBeUndefined();
  expect(cache.get('nope')).toBeUndefined();
  expect(cache.known('p1')).toBe(false);
  await cache.load(['p1', 'p2', 'nope']);
  expect(w.calls).toEqual([['p1', 'p2', 'nope']]);
  expect(cache.get('p1')?.title).toBe('Product p1');
  expect(cache.get('nope')).toBeUndefined();
  expect(cache.known('nope')).toBe(true);
  // Answered ids are never asked for again.
  await cache.load(['p1', 'nope']);
  cache.get('p2');
  await Promise.resolve();
  expect(w.calls).toHaveLength(1);
});

test('an id already on its way is not asked for twice', async () => {
  const w = worker();
  const cache = new ProductCache(w.fetchMany, 100);
  await Promise.all([cache.load(['p1', 'p2']), cache.load(['p2', 'p3'])]);
  expect(w.calls).toEqual([['p1', 'p2'], ['p3']]);
  expect(cache.get('p3')?.id).toBe('p3');
});

test('the cache holds at most its limit: the oldest answers go first', async () => {
  const w = worker();
  const cache = new ProductCache(w.fetchMany, 10);
  for (let i = 0; i < 30; i += 5) await cache.load(Array.from({ length: 5 }, (_, k) => `p${i + k}`));
  expect(cache.size).toBe(10);
  expect(cache.known('p0')).toBe(false);
  expect(cache.known('p29')).toBe(true);
  // A single list longer than the limit is kept whole (a screen shows all of it).
  await cache.load(Array.from({ length: 20 }, (_, k) => `p${30 + (k % 20)}`));
  expect(cache.size).toBe(20);
  expect(cache.known('p30')).toBe(true);
});

test('after clear (another catalog), an answer still on its way is dropped', async () => {
  const w = worker();
  const cache = new ProductCache(w.fetchMany, 100);
  w.hold();
  const late = cache.load(['p1']);
  await Promise.resolve();
  cache.clear();
  w.release();
  await late;
  expect(cache.known('p1')).toBe(false);
  expect(cache.size).toBe(0);
});
