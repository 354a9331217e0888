/**
 * What issue 13 found on the demo catalog, searched the app's way in Node: the bundled encoder through Transformers.js
 * (local files only), the same search engine the recommender worker runs, the query embedded only as the language
 * worker would (encoderView). Each was wrong before: 手表 found tyre cleaner, "montre homme" chest pads, "zzqx" 103
 * products, "timepiece" showpieces, "hot beverage cup" running shoes and soap, "analog watch for men" 200 products (77
 * of them clothing).
 */
import { env, pipeline } from '@huggingface/transformers';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Catalog, Product } from '../../../src/shared/catalog/types.ts';
import { productText } from '../../../src/shared/text/product-text.ts';
import { encoderView, type LexiconFile, type WordKnowledge } from '../../../src/shared/text/query.ts';
import { embedTexts, wordKnower, type FeatureExtractor, type WordPieceTokenizer } from '../../../workers/language/encoder.ts';
import { SearchEngine } from '../../../workers/search/engine.ts';
import { SemanticIndex } from '../../../workers/search/semantic.ts';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const demo = (JSON.parse(readFileSync(root('public/catalog/demo.json'), 'utf8')) as Catalog).products;
const byId = new Map(demo.map((p) => [p.id, p]));
const engine = new SearchEngine(demo, JSON.parse(readFileSync(root('src/shared/text/lexicon/zh-en.json'), 'utf8')) as LexiconFile);
let extract: FeatureExtractor;
let knows: (w: string) => WordKnowledge;
let semantic: SemanticIndex;

beforeAll(async () => {
  env.allowRemoteModels = false;
  env.localModelPath = root('models/');
  const pipe = (await pipeline('feature-extraction', 'aisle-text-encoder-v1', { dtype: 'fp32' })) as unknown as FeatureExtractor & { tokenizer: WordPieceTokenizer };
  extract = pipe;
  knows = wordKnower(pipe.tokenizer);
  semantic = new SemanticIndex('aisle-text-encoder-v1', await embedTexts(extract, demo.map(productText)));
}, 120_000);

async function search(query: string) {
  const view = encoderView(engine.understand(query), knows);
  const [vector] = view.usable ? await embedTexts(extract, [view.text]) : [undefined];
  const r = engine.search({ query, vector, semantic, limit: Infinity });
  return { ...r, products: r.hits.map((h) => byId.get(h.itemId)!) };
}
const kind = (p: Product) => p.categoryPath[0] ?? '';

describe('the issue\'s findings on the demo catalog', () => {
  test('手表 and 女士手表 find watches only, no tyre cleaner, car grill cover or courier bags', async () => {
    for (const q of ['手表', '女士手表']) {
      const r = await search(q);
      expect(r.total).toBeGreaterThan(0);
      expect(new Set(r.products.map(kind))).toEqual(new Set(['Watches']));
    }
    // The women's watches (those that say so) come first.
    const women = await search('女士手表');
    expect(women.products.slice(0, 5).every((p) => /women/i.test(`${p.title} ${p.attributes['Ideal For'] ?? ''}`))).toBe(true);
  });

  test('"montre homme" and "zzqx" find nothing, and search by meaning stays out', async () => {
    for (const q of ['montre homme', 'zzqx']) {
      const r = await search(q);
      expect(r.total).toBe(0);
      expect(r.meaning).not.toBe('used');
    }
    expect((await search('zzqx')).meaning).toBe('not-asked');
  });

  test('"timepiece" finds watches, not showpiece sculptures', async () => {
    const r = await search('timepiece');
    expect(r.products.slice(0, 10).every((p) => kind(p) === 'Watches')).toBe(true);
    // A wall clock showpiece is a timepiece; the sculptures are not.
    expect(r.products.filter((p) => /showpiece/i.test(p.title) && !/clock/i.test(p.title))).toEqual([]);
  });

  test('"hot beverage cup" finds the mugs, not running shoes or soap', async () => {
    const r = await search('hot beverage cup');
    const top = r.products.slice(0, 10);
    expect(top.filter((p) => p.categoryPath[1] === 'Coffee Mugs').length).toBeGreaterThanOrEqual(5);
    expect(r.products.every((p) => kind(p) === 'Kitchen & Dining')).toBe(true);
  });

  test('"analog watch for men" is not padded with clothing: at most the 84 watches', async () => {
    const r = await search('analog watch for men');
    expect(new Set(r.products.map(kind))).toEqual(new Set(['Watches']));
    expect(r.total).toBeLessThanOrEqual(84);
    expect(r.facets.categories).toEqual([{ value: 'Watches', count: r.total }]);
  });

  test('what worked still works: "something to keep track of time on my wrist" returns watches', async () => {
    const r = await search('something to keep track of time on my wrist');
    expect(r.products.slice(0, 5).every((p) => kind(p) === 'Watches')).toBe(true);
  });
});
