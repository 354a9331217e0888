/** Links, incentivised reviews and the prohibited list, in English and Chinese. */
import { describe, expect, test } from 'vitest';
import { findIncentivised } from '../../../workers/language/moderation/incentivised.ts';
import { findLinks } from '../../../workers/language/moderation/links.ts';
import { compileProhibited, findProhibited } from '../../../workers/language/moderation/prohibited.ts';
import { DEFAULT_PROHIBITED } from '../../../workers/language/moderation/constants.ts';

const texts = (fs: Array<{ text: string }>) => fs.map((f) => f.text);

describe('links', () => {
  test.each([
    ['see https://cheap-deals.example.com/offer?id=7 now', 'https://cheap-deals.example.com/offer?id=7', 'url'],
    ['Visit www.bestprice.shop for more', 'www.bestprice.shop', 'url'],
    ['go to http://1.2.3.4:8080/login.', 'http://1.2.3.4:8080/login', 'url'],
    ['cheaper at deals4u.xyz', 'deals4u.xyz', 'domain'],
    ['order from shop.example.net/sale', 'shop.example.net/sale', 'domain'],
    ['bit.ly/3xYz12 has a coupon', 'bit.ly/3xYz12', 'short-link'],
    ['click amzn.to/abc', 'amzn.to/abc', 'short-link'],
    ['same thing on flipkart.com', 'flipkart.com', 'domain'],
    ['buy at cheapstuff dot com', 'cheapstuff dot com', 'obfuscated-link'],
    ['example[.]com has it', 'example[.]com', 'obfuscated-link'],
    ['example (dot) net', 'example (dot) net', 'obfuscated-link'],
    ['淘宝搜 taobao点com', 'taobao点com', 'obfuscated-link'],
    ['网址：ｗｗｗ．ｐｉｎｄｕｏｄｕｏ．ｃｏｍ', 'ｗｗｗ．ｐｉｎｄｕｏｄｕｏ．ｃｏｍ', 'url'],
    ['店铺 shop123。com 更便宜', 'shop123。com', 'domain'],
  ])('%s', (text, want, kind) => {
    const found = findLinks(text);
    expect(found.map((f) => [f.kind, f.text])).toEqual([[kind, want]]);
    expect(found[0]!.reason).toMatch(/link|address/i);
  });

  test.each([
    'Works with Node.js and Vue.js projects',
    'e.g. the blue one, i.e. the cheaper one',
    'Version 2.0.1 fixed it',
    'The file is report.pdf or data.csv',
    'I liked it.Is it worth it? Yes.',
    'Rated 4.5/5, 10.5 inch screen',
    'mail me at a.b@example.com',
    'Mr.Smith delivered it at 5.30pm',
    '这个东西很好用。推荐购买。',
    'Ok.Thanks a lot',
  ])('no link in: %s', (text) => {
    expect(texts(findLinks(text))).toEqual([]);
  });
});

describe('incentivised reviews', () => {
  test.each([
    ['I got it free for a review.', 'free for a review'],
    ['I received this product in exchange for my honest review.', 'in exchange for my honest review'],
    ['Received at a discount in exchange for an unbiased review', 'in exchange for an unbiased review'],
    ['I was sent a free sample to write a review.', 'free sample to write a review'],
    ['The seller offered a full refund for a 5 star review', 'refund for a 5 star'],
    ['got a $10 gift card after leaving a review', 'gift card after leaving a review'],
    ['Leave a 5-star review and get a free case!', 'Leave a 5-star review and get'],
    ['The company sent me this to review', 'company sent me this to review'],
    ['#ad #gifted', '#ad'],
    ['Amazon Vine Customer Review of Free Product', 'Amazon Vine Customer Review'],
    ['好评返现5元', '好评返现'],
    ['这个是商家免费送的，让我写个好评', '免费送的，让我写个好评'],
    ['卖家说给五星好评返红包', '好评返红包'],
    ['商家送了我一个杯子换好评', '商家送了我一个杯子换好评'],
    ['这个是免费送的 for a review', '免费送的 for a review'],
    ['Free sample, 为了写好评', 'Free sample'],
  ])('%s', (text, key) => {
    const found = findIncentivised(text);
    // The span covers the key phrase (where exactly it starts and ends depends on which pattern matched first).
    expect(found.some((f) => f.text.includes(key) || key.includes(f.text)), JSON.stringify(texts(found))).toBe(true);
    expect(Math.max(...found.map((f) => f.confidence))).toBeGreaterThanOrEqual(0.75);
  });

  test('a product that was merely free is weak evidence, below the default flag threshold', () => {
    const found = findIncentivised('My sister got this for free and passed it on.');
    expect(found.map((f) => f.confidence)).toEqual([0.45]);
  });

  test.each([
    'Free shipping and a great review from my dad convinced me.',
    'I read every review before buying.',
    'Exchange was easy, the store refunded me in two days.',
    'Five stars. The reviews were right.',
    '物流很快，包装很好，给个好评！',
    '免费送货上门，很方便',
  ])('nothing in: %s', (text) => {
    expect(findIncentivised(text).filter((f) => f.confidence >= 0.5)).toEqual([]);
  });
});

describe('prohibited list', () => {
  const defaults = compileProhibited(DEFAULT_PROHIBITED);

  test.each([
    ['This tea cures cancer in weeks', 'medical-claims', 'cures cancer'],
    ['cheap handguns and ammunition here', 'weapons', 'handguns'],
    ['selling cocaine', 'drugs', 'cocaine'],
    ['real ivory handle', 'wildlife', 'ivory'],
    ['100% original, not a fake Rolex', 'counterfeit', 'fake Rolex'],
    ['这款茶能治愈癌症', 'medical-claims', '治愈癌症'],
    ['高仿包包', 'counterfeit', '高仿'],
    ['出售仿真枪', 'weapons', '仿真枪'],
    ['ＣＯＣＡＩＮＥ', 'drugs', 'ＣＯＣＡＩＮＥ'],
  ])('%s', (text, kind, want) => {
    const found = findProhibited(text, defaults);
    expect(found.map((f) => [f.kind, f.text])).toContainEqual([kind, want]);
  });

  test.each([
    'This glue gun is great for crafts',
    'Massage gun helped my back',
    'The bike silencer sounds great',
    'Begun shipping on Monday',
    'Ivory-coloured cushions',
    'Works against cancerous mould? no idea',
  ])('nothing in: %s', (text) => {
    // "Ivory-coloured" does match the wildlife term: the default list errs on the side of asking the merchant.
    const found = findProhibited(text, defaults).filter((f) => !(f.kind === 'wildlife' && /ivory-colou?red/i.test(text)));
    expect(texts(found)).toEqual([]);
  });

  test('a merchant list with terms, plurals, phrases and a regex', () => {
    const list = compileProhibited([
      { id: 'vapes', label: 'vaping products', terms: ['vape', 'e-cigarette', '电子烟'], severity: 'flag' },
      { id: 'weight-loss', label: 'weight-loss claims', terms: [], patterns: [String.raw`lose\s+\d+\s*(?:kg|kilos|pounds|lbs)\s+in\s+\d+\s+days`] },
    ]);
    const found = findProhibited('Vapes and E-Cigarettes! Lose 10 kg in 7 days. 电子烟', list);
    expect(found.map((f) => [f.kind, f.text, f.confidence])).toEqual([
      ['vapes', 'Vapes', 0.7],
      ['vapes', 'E-Cigarettes', 0.7],
      ['weight-loss', 'Lose 10 kg in 7 days', 0.95],
      ['vapes', '电子烟', 0.7],
    ]);
    expect(found[0]!.reason).toBe('This mentions vaping products, which the shop must check before it can appear.');
  });

  test.each([
    [[{ id: '', label: 'x', terms: ['a'] }], /needs an "id"/],
    [[{ id: 'a', label: 'x', terms: ['a'] }, { id: 'a', label: 'y', terms: ['b'] }], /used twice/],
    [[{ id: 'a', label: '', terms: ['a'] }], /needs a "label"/],
    [[{ id: 'a', label: 'x', terms: [] }], /can never match/],
    [[{ id: 'a', label: 'x', terms: ['  '] }], /non-empty/],
    [[{ id: 'a', label: 'x', terms: [], patterns: ['(unclosed'] }], /not a valid regular expression/],
    [[{ id: 'a', label: 'x', terms: [], patterns: ['x*'] }], /matches empty text/],
    [[{ id: 'a', label: 'x', terms: ['a'], severity: 'maybe' }], /"flag" or "block"/],
  ])('invalid list %# throws ConfigError', (list, message) => {
    expect(() => compileProhibited(list as never)).toThrow(message);
    try {
      compileProhibited(list as never);
    } catch (err) {
      expect((err as Error).name).toBe('ConfigError');
    }
  });
});
