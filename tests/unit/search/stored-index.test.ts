/**
 * The stored lexical index (workers/search/stored-index.ts): written and read back, it gives the same results as the
 * index it was made from; a catalog that changed in anything the index reads has another fingerprint (so its stale
 * index is never read back); damaged or foreign bytes are refused with a message.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { Catalog, Product } from '../../../src/shared/catalog/types.ts';
import type { LexiconFile } from '../../../src/shared/text/query.ts';
import { SearchEngine } from '../../../workers/search/engine.ts';
import { catalogFingerprint, decodeLexicalIndex, encodeLexicalIndex } from '../../../workers/search/stored-index.ts';
import { TINY_CATALOG } from '../../fixtures/tiny-catalog.ts';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const demo = (JSON.parse(readFileSync(root('public/catalog/demo.json'), 'utf8')) as Catalog).products;
const lexicon = JSON.parse(readFileSync(root('src/shared/text/lexicon/zh-en.json'), 'utf8')) as LexiconFile;

describe('stored search index', () => {
  const built = new SearchEngine(demo, lexicon);
  const bytes = encodeLexicalIndex(built.lexical.data);
  const restored = new SearchEngine(demo, lexicon, {}, decodeLexicalIndex(bytes.slice(0)));

  test('a round trip gives the same results, completions, vocabulary and spelling suggestions', () => {
    const queries = ['watch', 'analog watch for men', 'runing shoes', 'wacth', '手表 2000元以内', 'titan anal', 'coffee mug', 'zzqx', 'sari', 'casual shirt 500'];
    for (const query of queries) expect(restored.search({ query, limit: Infinity }), query).toEqual(built.search({ query, limit: Infinity }));
    for (const prefix of ['wat', 'sh', 'runn']) expect(restored.lexical.suggest(prefix)).toEqual(built.lexical.suggest(prefix));
    expect([...restored.lexical.vocabulary.words]).toEqual([...built.lexical.vocabulary.words]);
    expect(restored.lexical.spelling('wacth')).toBe(built.lexical.spelling('wacth'));
  });

  test('a second encoding of the restored index is the same bytes', () => {
    expect(new Uint8Array(encodeLexicalIndex(restored.lexical.data))).toEqual(new Uint8Array(bytes));
  });

  test('a changed catalog has another fingerprint; the same catalog the same one', () => {
    const base = catalogFingerprint(TINY_CATALOG);
    expect(catalogFingerprint(TINY_CATALOG.map((p) => ({ ...p })))).toBe(base);
    const changes: Array<(p: Product) => Product> = [
      (p) => ({ ...p, title: `${p.title} X` }),
      (p) => ({ ...p, brand: 'Other' }),
      (p) => ({ ...p, categoryPath: [...p.categoryPath, 'More'] }),
      (p) => ({ ...p, attributes: { ...p.attributes, Colour: 'Teal' } }),
      (p) => ({ ...p, description: `${p.description} more words` }),
      (p) => ({ ...p, id: `${p.id}-2` }),
    ];
    for (const change of changes) expect(catalogFingerprint([change(TINY_CATALOG[0]), ...TINY_CATALOG.slice(1)])).not.toBe(base);
    expect(catalogFingerprint([...TINY_CATALOG].reverse())).not.toBe(base);
    expect(catalogFingerprint(TINY_CATALOG.slice(1))).not.toBe(base);
  });

  test('an index stored for other products is refused, and so are foreign, damaged and cut bytes', () => {
    expect(() => new SearchEngine(demo.slice(1), lexicon, {}, decodeLexicalIndex(bytes.slice(0)))).toThrow(/for 995 products; the catalog has 994/);
    expect(() => decodeLexicalIndex(new ArrayBuffer(10))).toThrow(/cut short/);
    expect(() => decodeLexicalIndex(new Uint32Array(16).buffer)).toThrow(/not a stored Aisle search index/);
    expect(() => decodeLexicalIndex(bytes.slice(0, bytes.byteLength >> 1))).toThrow(/cut short/);
    const other = new Uint32Array(bytes.slice(0));
    other[1] = 99;
    expect(() => decodeLexicalIndex(other.buffer)).toThrow(/version 99/);
  });
});
