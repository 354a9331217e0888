/**
 * Search through the real workers, as the page runs it: the recommender worker understands the query (the bundled
 * lexicon is part of its bundle) and searches by words; the language worker reads what it understood with the bundled
 * encoder (WASM), or declines when it does not know the words; the recommender searches again with the vector, over
 * product vectors the language worker wrote to IndexedDB. Counts and facets come back from the worker.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LanguageBridge } from '../../../src/app/bridges/language.ts';
import { RecommenderBridge } from '../../../src/app/bridges/recommender.ts';
import { forgetEverything } from '../../../src/storage/forget.ts';
import { TINY_CATALOG } from '../../fixtures/tiny-catalog.ts';

const MODELS = new URL('/models/', location.href).href;
let recs: RecommenderBridge;
let language: LanguageBridge;

beforeAll(async () => {
  await forgetEverything();
  recs = new RecommenderBridge();
  language = new LanguageBridge(MODELS, () => 'wasm');
  await recs.setCatalog(undefined, 'tiny', TINY_CATALOG);
  await language.embedCatalog(undefined, { products: TINY_CATALOG });
}, 120_000);
afterAll(() => {
  recs.dispose();
  language.terminate();
});

/** Words first, then meaning: the page's two steps. */
async function search(query: string) {
  const words = await recs.search(undefined, { query });
  const embedded = await language.embedQuery(undefined, words.understood);
  const final = embedded.vector ? await recs.search(undefined, { query, vector: embedded.vector, model: 'aisle-text-encoder-v1', vectorsVersion: 1 }) : words;
  return { words, embedded, final };
}

test('a Chinese query with price words finds the English catalog\'s watches under the price, counted in the worker', async () => {
  const { words, embedded, final } = await search('手表 2000元以内');
  expect(words.understood.script).toBe('han');
  expect(words.price).toMatchObject({ max: 2000 });
  // The encoder reads the translation, not the Chinese it does not know.
  expect(embedded.view.text).toMatch(/watch/);
  expect(embedded.vector).not.toBeNull();
  const ids = final.hits.map((h) => h.itemId);
  expect(ids).toEqual(['w3']);
  expect(final.total).toBe(1);
  expect(final.facets.categories).toEqual([{ value: 'Watches', count: 1 }]);
  // Without the price words, all three watches.
  const all = await recs.search(undefined, { query: '手表' });
  expect(all.hits.map((h) => h.itemId).sort()).toEqual(['w1', 'w2', 'w3']);
});

test('nonsense: the encoder is not asked, nothing is found, and the response says why', async () => {
  const { embedded, final } = await search('zzqx');
  expect(embedded.vector).toBeNull();
  expect(embedded.view.unknown).toEqual(['zzqx']);
  expect(final.total).toBe(0);
  expect(final.hits).toEqual([]);
  expect(final.meaning).toBe('not-asked');
});

test('a query whose kind of thing the catalog lacks gets no confident meaning matches', async () => {
  const { embedded, final } = await search('coffee beans');
  // The encoder knows the words...
  expect(embedded.vector).not.toBeNull();
  // ...but no product is a "bean": meaning stays out, and the mug is not offered as coffee beans.
  expect(final.meaning).toBe('unsupported');
  expect(final.total).toBe(0);
  expect(final.suggestions.categories).toEqual([['Kitchen & Dining', 'Coffee Mugs']]);
});
