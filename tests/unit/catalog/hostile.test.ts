/** Catalog files written to deceive (issue 10, findings 1 and 5): images that leave the site, text that lies, numbers that are not numbers. */
import { describe, expect, test } from 'vitest';
import { loadCatalogBytes, loadCatalogJson, loadCatalogCsv } from '../../../src/shared/catalog/load.ts';
import { failure } from './helpers.ts';
import { validateRules } from '../../../src/shared/rules.ts';

const APP = 'http://127.0.0.1:4180/shop/';
const good = { id: 'a1', title: 'Blue shirt', price: 499, currency: 'INR' };

describe('images that would make the browser fetch from another host', () => {
  const hostile = ['\\\\evil.example/a.png', '/\\evil.example/a.png', '/\t/evil.example/a.png', '/\n/evil.example/a.png', '//evil.example/a.png', 'https://evil.example/a.png', 'javascript:alert(1)', ' //evil.example/a.png', 'http://127.0.0.1:4181/a.png', 'img/\u200B.png'];
  test.each(hostile)('%j is dropped with a warning', (image) => {
    const { products, report } = loadCatalogJson(JSON.stringify([{ ...good, image }]), { baseUrl: APP });
    expect(products[0].image).toBeNull();
    expect(report.warnings.join(' ')).toMatch(/will not be loaded/);
  });

  test('same-site paths and inline images are kept', () => {
    const images = ['img/b.png', '/shop/img/c.png', `${APP}img/d.png`, 'data:image/png;base64,iVBORw0KGgo='];
    const { products } = loadCatalogJson(JSON.stringify(images.map((image, i) => ({ ...good, id: `p${i}`, image }))), { baseUrl: APP });
    expect(products.map((p) => p.image)).toEqual(images);
  });
});

describe('text that renders as something else', () => {
  test('a right-to-left override cannot make a brand read as a price: controls are stripped, with a warning', () => {
    const { products, report } = loadCatalogJson(JSON.stringify([{ ...good, brand: '\u202E999 ₹', title: 'Mug\u200B \u2066mug\u2069', description: 'a\u0007b', attributes: { 'Col\u200Bour': 'Red\u202E' }, categoryPath: ['Home\u200F'] }]));
    expect(products[0]).toMatchObject({ brand: '999 ₹', title: 'Mug mug', description: 'ab', attributes: { Colour: 'Red' }, categoryPath: ['Home'] });
    expect(report.warnings.join(' ')).toMatch(/invisible formatting characters.*removed/);
  });

  test('a title of nothing but zero-width characters is refused', () => {
    const err = failure(() => loadCatalogJson(JSON.stringify([{ ...good, title: '\u200B\u200B\u2060' }])));
    expect(err.issues).toEqual([{ row: 1, field: 'title', reason: expect.stringMatching(/only invisible characters/) }]);
  });

  test('an id with invisible characters is refused (it would look like another product)', () => {
    const err = failure(() => loadCatalogJson(JSON.stringify([{ ...good, id: 'a1\u200B' }])));
    expect(err.issues[0]).toMatchObject({ row: 1, field: 'id', reason: expect.stringMatching(/invisible/) });
  });
});

describe('prices as merchants write them', () => {
  const price = (p: string) => loadCatalogJson(JSON.stringify([{ ...good, price: p }])).products[0].price;
  test.each([
    ['1,234.50', 1234.5], ['₹1,999', 1999], ['Rs. 1,999', 1999], ['1.234,50', 1234.5], ['12,34,567.00', 1234567], ['1 234,50', 1234.5],
    ['1\u00A0234,50 €', 1234.5], ['USD 19.99', 19.99], ['19,99', 19.99], ['1.234.567', 1234567], ["1'234.50", 1234.5], ['499', 499], ['0.5', 0.5],
  ])('%j is %d', (text, value) => expect(price(text)).toBe(value));

  test.each(['1,2,3,4', '1.234', '1,234,5', '12.34.56', '1e3', '1,,234', '₹', '--5', '1.234.56,7', '12,3456'])('%j is refused, saying what to write', (text) => {
    const err = failure(() => loadCatalogJson(JSON.stringify([good, { ...good, id: 'b', price: text }])));
    expect(err.issues).toEqual([{ row: 2, field: 'price', reason: expect.stringMatching(/write it as/) }]);
  });

  test('a CSV row and column are named', () => {
    const err = failure(() => loadCatalogCsv('id,title,price,currency\nA,Hat,99,INR\nB,Cap,"1,2,3,4",INR\n'));
    expect(err.message).toMatch(/row 2, price: "1,2,3,4"/);
  });
});

describe('encodings', () => {
  const csv = 'id,title,price,currency\nA,Café mug,99,INR\n';
  test('UTF-8, with or without a BOM, and UTF-16 with a BOM', () => {
    const utf8 = new TextEncoder().encode(csv);
    expect(loadCatalogBytes('a.csv', utf8).products[0].title).toBe('Café mug');
    expect(loadCatalogBytes('a.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])).products[0].title).toBe('Café mug');
    const utf16 = new Uint8Array(2 + csv.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < csv.length; i++) utf16[2 + i * 2] = csv.charCodeAt(i);
    expect(loadCatalogBytes('a.csv', utf16).products[0].title).toBe('Café mug');
  });

  test('a Windows-1252 file is read as Windows-1252, with a warning, never as "Caf� mug"', () => {
    const bytes = Uint8Array.from(csv, (c) => c.charCodeAt(0));
    const { products, report } = loadCatalogBytes('a.csv', bytes);
    expect(products[0].title).toBe('Café mug');
    expect(report.warnings[0]).toMatch(/not UTF-8.*Windows-1252.*save it as UTF-8/);
  });

  test('a file that is neither (binary) is refused: "this file is not UTF-8"', () => {
    const err = failure(() => loadCatalogBytes('a.csv', new Uint8Array([0x69, 0x64, 0x0a, 0x81, 0x8d, 0x00, 0x9d])));
    expect(err.message).toMatch(/not UTF-8/);
  });

  test('a text that holds U+FFFD (lost characters) is warned about with its row', () => {
    const { report } = loadCatalogJson(JSON.stringify([{ ...good, title: 'Caf\uFFFD mug' }]));
    expect(report.warnings.join(' ')).toMatch(/row 1.*title.*lost/);
  });
});

describe('merchant rules', () => {
  test('an unknown shelf, an unknown field and a bad factor are refused with their path', () => {
    expect(() => validateRules({ pin: [{ itemId: 'a', position: 0, shelf: 'frontpage' }] })).toThrow(/rules\.pin\[0\]\.shelf: "frontpage" is not a shelf.*trending/);
    expect(() => validateRules({ pin: [{ itemId: 'a', position: 0, shelve: 'trending' }] })).toThrow(/rules\.pin\[0\]: unknown field "shelve"/);
    expect(() => validateRules({ pins: [] })).toThrow(/rules: unknown field "pins"/);
    expect(() => validateRules({ boost: [{ match: { brand: 'X', colour: 'red' }, factor: 2 }] })).toThrow(/rules\.boost\[0\]\.match: unknown field "colour"/);
    expect(() => validateRules({ boost: [{ match: { brand: 'X' }, factor: 'NaN' }] })).toThrow(/rules\.boost\[0\]\.factor/);
    expect(() => validateRules({ boost: [{ match: { brand: 'X' }, factor: 0 }] })).toThrow(/rules\.boost\[0\]\.factor/);
    expect(() => validateRules({ pin: [{ itemId: 'a', position: 1e9 }] })).toThrow(/rules\.pin\[0\]\.position/);
  });
});
