/**
 * The one normaliser every moderation check reads through (rules and classifier, app and training): what each view
 * makes of the tricks people use, that ordinary text comes through unharmed, and that every span maps back to the
 * text the writer typed.
 */
import { describe, expect, test } from 'vitest';
import { canonicalText, digitValue, MappedText, normaliseViews, rewrite, unreadLetters } from '../../../workers/language/moderation/normalise.ts';

const canon = (s: string) => canonicalText(s).text;
const contact = (s: string) => normaliseViews(s).contact.text;
const letters = (s: string) => normaliseViews(s).letters.text;

describe('digits of every script', () => {
  test('every Unicode decimal digit (\\p{Nd}) maps to the ASCII digit of the same value', () => {
    let checked = 0;
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const ch = String.fromCodePoint(cp);
      if (!/\p{Nd}/u.test(ch)) continue;
      // Unicode's own value where NFKC gives one (full-width, mathematical), else the run rule.
      const nfkc = ch.normalize('NFKC');
      if (/^[0-9]$/.test(nfkc)) expect(digitValue(cp), `U+${cp.toString(16)}`).toBe(Number(nfkc));
      expect(canon(ch)).toMatch(/^[0-9]$/);
      checked++;
    }
    expect(checked).toBeGreaterThan(600);
  });

  test.each([
    ['९८७६५४३२१०', '9876543210'], // Devanagari
    ['٩٨٧٦٥٤٣٢١٠', '9876543210'], // Arabic-Indic
    ['۹۸۷۶۵۴۳۲۱۰', '9876543210'], // Extended Arabic-Indic
    ['৯৮৭', '987'], // Bengali
    ['９８７６', '9876'], // full-width
    ['𝟗𝟖𝟕𝟔', '9876'], // mathematical bold
    ['𝟿𝟾𝟽𝟼', '9876'], // mathematical monospace
    ['⑨⑧⑦', '987'], // circled (NFKC)
    ['➒➑➐⓿', '9870'], // dingbats NFKC leaves alone
    ['⁹⁸⁷', '987'], // superscript
    ['9️⃣8️⃣', '98'], // keycaps
  ])('%s → %s', (input, want) => {
    expect(canon(input)).toBe(want);
  });
});

describe('canonical view', () => {
  test('invisible characters go (zero-width, bidi controls, soft hyphen, variation selectors, tags)', () => {
    expect(canon('exa\u200Bmple\u2060.com\uFEFF')).toBe('example.com');
    expect(canon('\u202E999 ₹')).toBe('999 ₹');
    expect(canon('id\u00ADiot\uFE0F\u{E0041}')).toBe('idiot');
  });

  test('NFKC, accents and zalgo marks dropped from Latin letters, lower case, dashes and spaces unified', () => {
    expect(canon('ＦＵＣＫ')).toBe('fuck');
    expect(canon('f̷u̷c̷k̷')).toBe('fuck');
    expect(canon('Café ﬁne')).toBe('cafe fine');
    expect(canon('98\u201376\u00A054')).toBe('98-76 54');
    expect(canon('example\u2024com')).toBe('example.com');
  });

  test('confusables fold to Latin in mixed-script words and in Latin text, not in Russian, Greek or Chinese text', () => {
    expect(canon('visit ехаmрlе.com')).toBe('visit example.com');
    expect(canon('pаypal')).toBe('paypal');
    expect(canon('you іdіot')).toBe('you idiot');
    expect(canon('Привет, как дела')).toBe('привет, как дела');
    expect(canon('Καλημέρα σας')).toBe('καλημερα σας');
    expect(canon('一二三口工')).toBe('一二三口工');
    expect(canon('垃圾卖家，操你妈')).toBe('垃圾卖家,操你妈'); // NFKC: the full-width comma is a comma
  });

  test('Devanagari vowel signs stay (marks are only dropped from Latin, Greek and Cyrillic)', () => {
    expect(canon('नमस्ते')).toBe('नमस्ते');
  });

  test('ordinary text is only lower-cased', () => {
    const s = 'Price dropped from ₹2,499 to ₹1,999 during the sale. Size 32, ISBN 978-0-306-40615-7.';
    expect(canon(s)).toBe(s.toLowerCase());
  });
});

describe('contact view', () => {
  test.each([
    ['nine eight seven six five four three two one zero', '9876543210'],
    ['double nine eight seven six five four three two one', '9987654321'],
    ['98765 4321O', '98765 43210'],
    ['O98765432l0', '0987654321' + '0'],
    ['9 8 7 6 5 4 3 2 1 0', '9876543210'],
    ['9-8-7-6-5-4-3-2-1-0', '9876543210'],
    ['john.doe @ gmail . com', 'john.doe@gmail.com'],
    ['john at gmail dot com', 'john@gmail.com'],
    ['john(at)gmail(dot)com', 'john@gmail.com'],
    ['example[.]com', 'example.com'],
    ['taobao点com', 'taobao.com'],
  ])('%s → %s', (input, want) => {
    expect(contact(input)).toBe(want);
  });

  test('numbers in ordinary text are left alone', () => {
    for (const s of ['one or two', 'two to three days', 'sizes 32 34 36 38', 'i arrived at 5 pm', 'rated 4 out of 5', 'o o o']) {
      expect(contact(s)).toBe(s);
    }
  });
});

describe('letters view', () => {
  test.each([
    ['s t u p i d', 'stupid'],
    ['f.u.c.k you', 'fuck you'],
    ['i-d-i-o-t seller', 'idiot seller'],
    ['you are a m-o-r-o-n', 'you are a moron'],
    ['傻 逼', '傻逼'],
    ['傻*逼', '傻逼'],
  ])('%s → %s', (input, want) => {
    expect(letters(input)).toBe(want);
  });

  test('numbers and ordinary words stay apart', () => {
    expect(letters('1 2 3 go')).toBe('1 2 3 go');
    expect(letters('I am a U.S. citizen')).toBe('i am a u.s. citizen');
  });
});

describe('offsets map back to the original', () => {
  test('every unit of every view maps inside the original, in order', () => {
    const text = 'Call ९८७६५४३२१० or ｊｏｈｎ＠ｇｍａｉｌ．ｃｏｍ, nine eight seven six five four three two one zero, f̷u̷c̷k̷ ехаmрlе . com 傻 逼';
    const views = normaliseViews(text);
    for (const view of [views.canonical, views.contact, views.links, views.letters]) {
      let last = 0;
      for (let i = 0; i < view.text.length; i++) {
        const [s, e] = view.originOf(i);
        expect(s).toBeGreaterThanOrEqual(last === 0 ? 0 : last - 40);
        expect(e).toBeLessThanOrEqual(text.length);
        expect(e).toBeGreaterThan(s);
        last = s;
      }
    }
    const c = views.contact;
    const at = c.text.indexOf('9876543210', 10);
    expect(text.slice(...c.span(at, at + 10))).toBe('nine eight seven six five four three two one zero');
    const mail = c.text.indexOf('john@gmail.com');
    expect(text.slice(...c.span(mail, mail + 'john@gmail.com'.length))).toBe('ｊｏｈｎ＠ｇｍａｉｌ．ｃｏｍ');
  });

  test('rewrite composes: a span of a view of a view is a span of the original', () => {
    const base = MappedText.identity('aXXb');
    const once = rewrite(base, /XX/g, () => 'Y');
    const twice = rewrite(once, /Y/g, () => 'ZZZ');
    expect(twice.text).toBe('aZZZb');
    expect(twice.span(1, 4)).toEqual([1, 3]);
    expect(twice.span(4, 5)).toEqual([3, 4]);
  });
});

describe('scripts no check reads', () => {
  test('Latin, Chinese, digits and emoji are read; Cyrillic, Arabic, Korean, kana are counted', () => {
    expect(unreadLetters(canon('Great phone 👍 很好 ₹999')).count).toBe(0);
    expect(unreadLetters(canon('ты идиот')).scripts).toEqual(['Cyrillic']);
    expect(unreadLetters(canon('안녕하세요')).scripts).toEqual(['Korean (Hangul)']);
    expect(unreadLetters(canon('すごい')).scripts).toEqual(['Japanese kana']);
    // Lookalike letters folded to Latin are read.
    expect(unreadLetters(canon('visit ехаmрlе.com')).count).toBe(0);
  });
});
