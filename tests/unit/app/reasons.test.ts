/**
 * The recommender's reasons and the personal model's status, sent as codes with values, are worded by the page in
 * the current language; in English the words are the worker's own English (reasonInEnglish), relative times aside.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { answerText } from '../../../src/app/components/assistant-text.ts';
import { i18n } from '../../../src/app/i18n/i18n.svelte.ts';
import { personalWhyInEnglish, type PersonalWhy } from '../../../src/shared/personal.ts';
import { reasonInEnglish, type Reason } from '../../../src/shared/reasons.ts';

const REASONS: Reason[] = [
  { code: 'viewed-ago', ms: 30_000 },
  { code: 'rated', rating: 4.6, count: 120 },
  { code: 'rated', rating: 4, count: 1 },
  { code: 'big-saving' },
  { code: 'popular' },
  { code: 'alike', category: 'Wrist Watches', brand: 'Titan', traits: ['black', 'analog'], similarPrice: true },
  { code: 'alike', category: null, brand: null, traits: [], similarPrice: false },
  { code: 'bought-together', orders: 1 },
  { code: 'bought-together', orders: 3 },
  { code: 'carted-together' },
  { code: 'model-pick' },
  { code: 'because', seeds: [{ verb: 'viewed', title: 'Titan Analog Watch' }] },
  { code: 'because', seeds: [{ verb: 'bought', title: 'A' }, { verb: 'bought', title: 'B' }] },
  { code: 'because', seeds: [{ verb: 'viewed', title: 'A' }, { verb: 'carted', title: 'B' }] },
  { code: 'featured' },
];
const WHYS: PersonalWhy[] = [
  { code: 'not-started' },
  { code: 'too-few', needed: 5, have: 2 },
  { code: 'indexing', done: 0, total: 40 },
  { code: 'busy-elsewhere' },
  { code: 'learning' },
  { code: 'failed', error: 'out of memory' },
  { code: 'ready', fromMerchant: true },
  { code: 'ready', fromMerchant: false },
];

describe('reasons in both languages', () => {
  afterEach(() => void (i18n.locale = 'en'));

  test('in English the page says what the worker says', () => {
    i18n.locale = 'en';
    // Relative times are Intl's ("1 minute ago"); the worker's English abbreviates ("1 min ago").
    for (const r of REASONS.filter((x) => x.code !== 'viewed-ago')) expect(i18n.reason(r)).toBe(reasonInEnglish(r));
    expect(i18n.reason({ code: 'viewed-ago', ms: 30_000 })).toBe('You viewed this 1 minute ago');
    expect(i18n.reason({ code: 'viewed-ago', ms: 10_000 })).toBe('You viewed this just now');
    expect(i18n.reason({ code: 'viewed-ago', ms: 26 * 3_600_000 })).toBe('You viewed this yesterday');
    for (const w of WHYS) expect(i18n.personalWhy(w)).toBe(personalWhyInEnglish(w));
  });

  test('in Chinese every reason is Chinese, and keeps its product names and numbers', () => {
    i18n.locale = 'zh';
    const han = /[\u4e00-\u9fff]/;
    for (const r of [...REASONS.map((x) => i18n.reason(x)), ...WHYS.map((x) => i18n.personalWhy(x))]) expect(r).toMatch(han);
    expect(i18n.reason({ code: 'because', seeds: [{ verb: 'viewed', title: 'A' }, { verb: 'carted', title: 'B' }] })).toBe('因为你看过 A，还加购过 B');
    expect(i18n.reason({ code: 'rated', rating: 4.6, count: 120 })).toBe('120 位顾客评分 4.6');
    expect(i18n.reason({ code: 'viewed-ago', ms: 2 * 3_600_000 })).toBe('你2小时前看过这件商品');
    expect(i18n.personalWhy({ code: 'too-few', needed: 5, have: 2 })).toContain('目前 2 次');
  });

  test('the assistant\'s "why" answer words the recommender\'s reason in the shopper\'s language', () => {
    const product = { id: 'w1', title: 'Titan Analog Watch', brand: 'Titan', price: 1499, mrp: null, currency: 'INR', image: null, inStock: true, rating: null, category: 'Watches', attributes: [] };
    const blocks = [{ kind: 'explain' as const, product, reason: { code: 'because' as const, seeds: [{ verb: 'viewed' as const, title: 'Sonata Steel Watch' }] }, because: [] }];
    i18n.locale = 'zh';
    expect(answerText(blocks as never, 'INR')).toBe('Titan Analog Watch：因为你看过 Sonata Steel Watch');
    i18n.locale = 'en';
    expect(answerText(blocks as never, 'INR')).toBe('Titan Analog Watch: Because you viewed Sonata Steel Watch');
  });
});
