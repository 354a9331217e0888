/**
 * The query-understanding rules that make Chinese queries find what their English twins find, and keep nothing-queries
 * out (src/shared/text/query.ts, scripts/build-lexicon.ts): each rule on a hand-written lexicon and a small catalog,
 * so that they do not depend on what the bundled lexicon keeps; then what the bundled lexicon's build rules give.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Product } from '../../../src/shared/catalog/types.ts';
import { catalogVocabulary, Lexicon, understandQuery, type LexiconFile } from '../../../src/shared/text/query.ts';
import { handLexicon } from '../../fixtures/hand-lexicon.ts';
import { TINY_CATALOG } from '../../fixtures/tiny-catalog.ts';

function product(id: string, title: string, categoryPath: string[], attributes: Record<string, string> = {}): Product {
  return { id, title, description: '', categoryPath, brand: null, price: 500, currency: 'INR', listPrice: null, image: null, attributes, inStock: true, rating: null };
}

/** The tiny catalog (watches, shoes, rings, a mug) and a few more kinds. */
const CATALOG: Product[] = [
  ...TINY_CATALOG,
  product('w9', 'Analog Watch with Leather Strap', ['Watches', 'Wrist Watches']),
  product('b1', 'Leather Belt Brown', ['Bags, Wallets & Belts', 'Belts']),
  product('d1', 'Floral Printed Maxi Dress', ['Clothing', "Women's Clothing", 'Dresses']),
  product('t1', 'Cotton Crop Top Cream', ['Clothing', "Women's Clothing", 'Tops'], { Color: 'Cream' }),
  product('s1', 'Cotton Double Bedsheet', ['Home Furnishing', 'Bed Linen', 'Bedsheets']),
];

const FILE = handLexicon(
  {
    双人: 'double',
    双人床: 'double bed',
    床: 'bed',
    床单: 'bedsheet',
    皮带: 'strap|leather belt',
    表: 'exterior surface|watch',
    大米: 'rice',
    防晒霜: 'sunscreen cream',
    连衣裙: 'printed one piece dress',
    无人机: 'unmanned aerial vehicle',
    男: 'male',
  },
  { rice: 'crop', belt: 'strap' },
  '',
);
const lexicon = new Lexicon(FILE, catalogVocabulary(CATALOG));
const words = (q: string) => understandQuery(q, lexicon).concepts.map((c) => c.text);
const ways = (q: string) => understandQuery(q, lexicon).concepts.map((c) => c.alternatives.filter((a) => a.via !== 'typed').map((a) => a.words.join(' ')));

describe('segmentation', () => {
  test('the segmenter\'s words are cut anew where the lexicon knows better words (双人床|单 → 双人 床单)', () => {
    // The segmenter gives 双人床|单; 单 alone is no word the lexicon has.
    expect(words('双人床单')).toEqual(['双人', '床单']);
    expect(ways('双人床单')[1]).toContain('bedsheet');
  });

  test('a word the lexicon has is not cut into single characters (男|表 stays two words, 双人床 one)', () => {
    expect(words('双人床')).toEqual(['双人床']);
    expect(words('男表')).toEqual(['男', '表']);
  });
});

describe('senses', () => {
  test('the sense that names a kind of thing the catalog sells wins: 皮带 finds belts, not watch straps', () => {
    const [belt] = ways('皮带');
    expect(belt).toContain('leather belt');
    expect(belt).not.toContain('strap');
    // 表 "exterior surface; watch": watches first (the encoder reads the first), "surface" not on its own.
    expect(ways('男表')[1][0]).toBe('watch');
    expect(ways('男表')[1]).not.toContain('surface');
  });

  test('a word none of whose senses names a kind keeps them all', () => {
    expect(ways('男')[0]).toContain('male');
  });

  test('a translation tries only related words that name a kind: 大米 "rice" does not become "crop" (tops)', () => {
    expect(ways('大米')[0]).not.toContain('crop');
    // The shopper's own rare English word still tries its synonyms (the timepiece → watch rule).
    expect(understandQuery('rice', lexicon).concepts[0].alternatives.map((a) => a.words.join(' '))).toContain('crop');
  });

  test('a translation falls back to its last word only when that names a kind: "sunscreen cream" is no cream colour', () => {
    expect(ways('防晒霜')[0]).not.toContain('cream');
    expect(ways('连衣裙')[0]).toContain('dress');
  });

  test('...and only when the catalog uses another word of it: "unmanned aerial vehicle" is no kind of car', () => {
    const withCars = new Lexicon(FILE, catalogVocabulary([...CATALOG, product('v1', 'Wheel Tire Cleaner', ['Automotive', 'Vehicle Cleaning'])]));
    expect(understandQuery('无人机', withCars).concepts[0].alternatives.map((a) => a.words.join(' '))).not.toContain('vehicle');
    expect(understandQuery('连衣裙', withCars).concepts[0].alternatives.map((a) => a.words.join(' '))).toContain('dress');
  });
});

describe('the bundled lexicon\'s build rules', () => {
  const bundled = JSON.parse(readFileSync(new URL('../../../src/shared/text/lexicon/zh-en.json', import.meta.url), 'utf8')) as LexiconFile;
  const glosses = (w: string) => (bundled.zh[w] ?? '').split('|');

  test('"(or bottle)" in a gloss gives the same thing with the other head', () => {
    // CC-CEDICT: 保温杯 /thermal insulation cup (or bottle)/
    expect(glosses('保温杯')).toEqual(expect.arrayContaining(['thermal insulation cup', 'thermal insulation bottle']));
  });

  test('"garment > clothing" in the word list: a garment is clothing, a shopper\'s "clothing" does not become "garment"', () => {
    expect(bundled.related.garment.split('|')).toContain('clothing');
    expect(bundled.related.clothing.split('|')).not.toContain('garment');
  });

  test('a verb sense becomes the "-ing" word the catalog\'s categories use, and no other verb is kept', () => {
    // CC-CEDICT: 清洁 /clean/to clean/; the demo catalog has "Cleaning" in its category tree.
    expect(glosses('清洁')).toContain('cleaning');
    expect(Object.values(bundled.zh).some((g) => g.split('|').some((x) => /^to /.test(x)))).toBe(false);
  });
});

describe('suffixes', () => {
  const file: LexiconFile = { ...FILE, zh: { ...FILE.zh, 轮胎: 'tire', 清洁: 'cleaning' } };
  const withTyres = new Lexicon(file, catalogVocabulary([...CATALOG, product('c1', 'Wheel Tire Cleaning Spray', ['Automotive', 'Vehicle Cleaning'])]));

  test('a last single character the lexicon has no sense for, after words it has, is a suffix and is left out', () => {
    const u = understandQuery('轮胎清洁剂', withTyres);
    expect(u.concepts.map((c) => c.text)).toEqual(['轮胎', '清洁']);
    expect(u.ignored).toContain('剂');
    expect(u.parts[0].head).toBe(1);
  });

  test('alone, or after words nobody knows, it stays (and then finds nothing)', () => {
    expect(understandQuery('剂', withTyres).concepts.map((c) => c.text)).toEqual(['剂']);
    expect(understandQuery('zzqx剂', withTyres).concepts.map((c) => c.text)).toContain('剂');
  });
});
