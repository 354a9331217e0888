/**
 * Query understanding (src/shared/text/query.ts), in Node: price words and numbers, Chinese words re-joined and taken
 * apart with a lexicon, request words left out, alternatives ("&", "or"), heads, the merchant's terms, and what the
 * encoder is given to read.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadCatalogJson } from '../../../src/shared/catalog/load.ts';
import { catalogVocabulary, encoderView, LEXICON_FORMAT, Lexicon, parseAmount, parsePrice, understandQuery, validateMerchantLexicon, type LexiconFile, type WordKnowledge } from '../../../src/shared/text/query.ts';
import { stem } from '../../../src/shared/text/tokenize.ts';
import { TINY_CATALOG } from '../../fixtures/tiny-catalog.ts';

/** A small hand-written lexicon, so that these tests do not depend on what the bundled one keeps. */
const FILE: LexiconFile = {
  format: LEXICON_FORMAT,
  source: 'test',
  licence: 'test',
  attribution: 'test',
  zh: { 手表: 'wristwatch', 女士: 'lady', 女: 'female|woman', 连衣裙: 'one piece dress', 咖啡: 'coffee', 杯: 'cup', 戒指: 'ring', 银: 'silver', 跑步: 'running', 鞋: 'shoe' },
  related: { cup: 'mug|teacup', lady: 'woman', timepiece: 'watch' },
  other: '蹦床',
};
const lexicon = new Lexicon(FILE, catalogVocabulary(TINY_CATALOG));
const words = (q: string, l: Lexicon = lexicon) => understandQuery(q, l).concepts.map((c) => c.text);
const ways = (q: string) => understandQuery(q, lexicon).concepts.map((c) => c.alternatives.map((a) => a.words.join(' ')));

describe('prices', () => {
  test('amounts in digits, with separators, k, and in Chinese numerals', () => {
    expect(parseAmount('2000')).toBe(2000);
    expect(parseAmount('2,000')).toBe(2000);
    expect(parseAmount('1.5k')).toBe(1500);
    expect(parseAmount('2千')).toBe(2000);
    expect(parseAmount('两千')).toBe(2000);
    expect(parseAmount('一千五')).toBe(1500);
    expect(parseAmount('五百')).toBe(500);
    expect(parseAmount('1万')).toBe(10000);
    expect(parseAmount('十')).toBe(10);
    expect(parseAmount('abc')).toBeNaN();
  });

  test('Chinese price words: 以内, 以下, 以上, 左右, ranges with 到, -, ~', () => {
    expect(parsePrice('手表 2000元以内')).toMatchObject({ price: { max: 2000, text: '2000元以内' } });
    expect(parsePrice('女式凉鞋300以下').price).toMatchObject({ max: 300 });
    expect(parsePrice('1000元以上的戒指').price).toMatchObject({ min: 1000 });
    expect(parsePrice('红色连衣裙500块左右').price).toMatchObject({ min: 400, max: 600 });
    expect(parsePrice('1000到2000元的女式手表').price).toMatchObject({ min: 1000, max: 2000 });
    expect(parsePrice('500-1000元的女士上衣').price).toMatchObject({ min: 500, max: 1000 });
    expect(parsePrice('500~1000块').price).toMatchObject({ min: 500, max: 1000 });
    expect(parsePrice('两千以内的牛仔裤').price).toMatchObject({ max: 2000 });
    expect(parsePrice('不超过1500的运动鞋').price).toMatchObject({ max: 1500 });
    expect(parsePrice('手表 2000元以内').rest.trim()).toBe('手表');
  });

  test('English price words: under, below rs, rupees, ₹, between', () => {
    expect(parsePrice('watch under 2000').price).toMatchObject({ max: 2000 });
    expect(parsePrice('below rs 500 mug').price).toMatchObject({ max: 500 });
    expect(parsePrice('watch under 1.5k').price).toMatchObject({ max: 1500 });
    expect(parsePrice('2000 rupees watch').price).toMatchObject({ min: 1600, max: 2400 });
    expect(parsePrice('₹999以下的手表').price).toMatchObject({ max: 999 });
    expect(parsePrice('rings between 500 and 1000').price).toMatchObject({ min: 500, max: 1000 });
    expect(parsePrice('watch under 2000').rest.trim()).toBe('watch');
  });

  test('numbers that are no prices stay words: model numbers, counts, sizes, weights', () => {
    expect(parsePrice('Escort E-1700-906 watch').price).toBeNull();
    expect(parsePrice('pack of 2-3 socks').price).toBeNull();
    expect(parsePrice('shoes size 42').price).toBeNull();
    expect(parsePrice('2kg dumbbell').price).toBeNull();
    expect(parsePrice('under 2000mah power bank').price).toBeNull();
  });
});

describe('understanding', () => {
  test('Chinese words the segmenter cut are re-joined where the lexicon has the longer word', () => {
    expect(words('连衣裙')).toEqual(['连衣裙']);
    expect(ways('连衣裙')[0][0]).toBe('one piece dress');
  });

  test('a Chinese word the lexicon lacks is taken apart into words it has, head last', () => {
    expect(words('咖啡杯')).toEqual(['咖啡', '杯']);
    // ...but not a word the dictionary has with no shop meaning (蹦床 "trampoline" is no kind of bed).
    expect(words('蹦床')).toEqual(['蹦床']);
  });

  test('request words and measure words are left out', () => {
    const u = understandQuery('我想买一双跑步鞋', lexicon);
    expect(u.concepts.map((c) => c.text)).toEqual(['跑步', '鞋']);
    expect(u.ignored).toEqual(expect.arrayContaining(['我', '买', '一双']));
    expect(words('looking for a watch please')).toEqual(['watch']);
  });

  test('translations the catalog does not use are split into words it does', () => {
    // "wristwatch" is not in the tiny catalog; "wrist watch" (its category "Wrist Watches") is.
    expect(ways('手表')[0][0]).toBe('wrist watch');
  });

  test('a rare English word tries its synonyms; a word naming a category tries those that name categories', () => {
    expect(ways('timepiece')[0]).toEqual(['timepiece', 'watch']);
    // "cup" is no category of the tiny catalog; "mug" is (Coffee Mugs).
    expect(ways('cup')[0]).toContain('mug');
    expect(ways('watch')[0]).toEqual(['watch']);
  });

  test('the head is the kind of thing: the last word before a preposition, else the last word that is no number', () => {
    const head = (q: string) => {
      const u = understandQuery(q, lexicon);
      return u.parts.map((p) => (p.head === null ? null : u.concepts[p.head].text));
    };
    expect(head('analog watch for men')).toEqual(['watch']);
    expect(head('red running shoes')).toEqual(['shoes']);
    expect(head('iphone 15')).toEqual(['iphone']);
    expect(head('女士手表')).toEqual(['手表']);
    // A sentence has no one head.
    expect(head('something to keep track of time on my wrist')).toEqual([null]);
  });

  test('"&", "," and "or" join alternatives: each a query of its own', () => {
    const u = understandQuery('shirts, tops & tunics', lexicon);
    expect(u.parts.map((p) => p.concepts.map((k) => u.concepts[k].text))).toEqual([['shirts'], ['tops'], ['tunics']]);
    expect(understandQuery('mug or cup', lexicon).parts).toHaveLength(2);
  });

  test('bare short numbers alone ask for nothing', () => {
    expect(understandQuery("' OR 1=1 --", lexicon).parts).toEqual([]);
    expect(understandQuery('1070', lexicon).parts).toHaveLength(1);
  });

  test('a word that is no word is typo tolerant; a real word is not (it is no typo for "printed")', () => {
    const alt = (q: string) => understandQuery(q, lexicon).concepts[0].alternatives[0];
    expect(alt('runing').fuzzy).toBe(true);
    expect(alt('cup').fuzzy).toBeUndefined();
  });
});

describe('the merchant\'s terms', () => {
  test('they map a shopper\'s word or phrase to the catalog\'s words, and win over the dictionary', () => {
    const merchant = new Lexicon(FILE, catalogVocabulary(TINY_CATALOG), { 腕表: ['watch'], 'java cup': ['mug'] });
    const u = understandQuery('腕表', merchant);
    expect(u.concepts[0].alternatives[0]).toMatchObject({ words: ['watch'], via: 'merchant' });
    expect(understandQuery('java cup', merchant).concepts.map((c) => c.text)).toEqual(['java cup']);
  });

  test('a JSON catalog carries them beside its rules; bad ones say what is wrong', () => {
    const product = { id: 'a', title: 'A', price: 1, currency: 'INR' };
    expect(loadCatalogJson(JSON.stringify({ products: [product], lexicon: { 腕表: ['watch'], tee: 't-shirt' } })).lexicon).toEqual({ 腕表: ['watch'], tee: ['t-shirt'] });
    expect(() => validateMerchantLexicon(['watch'])).toThrow(/"lexicon" is invalid: it must be an object/);
    expect(() => validateMerchantLexicon({ 腕表: [] })).toThrow(/"腕表" must map to a list of 1 to 10/);
    expect(() => validateMerchantLexicon({ 腕表: [3] })).toThrow(expect.objectContaining({ name: 'InvalidFileError' }));
    expect(() => validateMerchantLexicon({ ' ': ['x'] })).toThrow(/must be 1 to 80 characters/);
  });
});

describe('what the encoder reads', () => {
  const knows = (vocab: Record<string, WordKnowledge>) => (w: string) => vocab[w] ?? 'unknown';

  test('the query as typed when it knows every word', () => {
    const v = encoderView(understandQuery('analog watch for men', lexicon), knows({ analog: 'whole', watch: 'whole', men: 'whole' }));
    expect(v).toMatchObject({ text: 'analog watch for men', unknown: [], usable: true });
  });

  test('a synonym or translation it knows for a word it does not; the price words left out', () => {
    expect(encoderView(understandQuery('timepiece', lexicon), knows({ watch: 'whole' })).text).toBe('watch');
    expect(encoderView(understandQuery('手表 2000元以内', lexicon), knows({ wrist: 'whole', watch: 'whole' })).text).toBe('wrist watch');
  });

  test('not asked when it does not know most of the words', () => {
    expect(encoderView(understandQuery('zzqx', lexicon), knows({}))).toMatchObject({ usable: false, unknown: ['zzqx'] });
    expect(encoderView(understandQuery('montre homme', lexicon), knows({})).usable).toBe(false);
    // Half known is enough.
    expect(encoderView(understandQuery('zzqx watch', lexicon), knows({ watch: 'whole' })).usable).toBe(true);
  });
});

describe('the bundled lexicon', () => {
  const bundled = JSON.parse(readFileSync(new URL('../../../src/shared/text/lexicon/zh-en.json', import.meta.url), 'utf8')) as LexiconFile;

  test('carries its source, licence and attribution, and maps shop words', () => {
    expect(bundled.format).toBe(LEXICON_FORMAT);
    expect(bundled.licence).toMatch(/CC BY-SA 4\.0/);
    expect(bundled.attribution).toMatch(/MDBG/);
    const l = new Lexicon(bundled, catalogVocabulary(TINY_CATALOG));
    expect(l.glosses('手表')).toContain('wristwatch');
    expect(l.glosses('戒指')).toContain('ring');
    expect(l.glosses('马克杯')).toContain('mug');
    expect(l.related('timepiece').map(stem)).toContain('watch');
  });
});
