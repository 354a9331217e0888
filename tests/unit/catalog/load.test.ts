import { describe, expect, test } from 'vitest';
import { loadCatalogCsv, loadCatalogFile, loadCatalogJson } from '../../../src/shared/catalog/load.ts';
import { failure } from './helpers.ts';

const good = { id: 'a1', title: 'Blue shirt', price: 499, currency: 'INR' };

describe('JSON catalogs', () => {
  test('a valid list loads with defaults filled in', () => {
    const { products, report } = loadCatalogJson(JSON.stringify([{ ...good, categoryPath: 'Clothing > Shirts', attributes: { Colour: 'Blue', Size: 42 } }]));
    expect(products).toEqual([
      {
        id: 'a1', title: 'Blue shirt', description: '', categoryPath: ['Clothing', 'Shirts'], brand: null, price: 499, currency: 'INR',
        listPrice: null, image: null, attributes: { Colour: 'Blue', Size: '42' }, inStock: true, rating: null,
      },
    ]);
    expect(report).toMatchObject({ rows: 1, accepted: 1, skipped: 0, issues: [] });
  });

  test('an object with a products list is accepted too', () => {
    expect(loadCatalogJson(JSON.stringify({ name: 'x', products: [good] })).products).toHaveLength(1);
  });

  test('wrong types are reported with row, field and reason', () => {
    const err = failure(() =>
      loadCatalogJson(JSON.stringify([good, { id: 'b', title: ['not', 'text'], price: 'cheap', currency: 'INR', inStock: 'maybe', rating: 9 }])),
    );
    expect(err.name).toBe('InvalidFileError');
    expect(err.issues).toEqual([
      { row: 2, field: 'title', reason: 'must be text, not a list' },
      { row: 2, field: 'price', reason: expect.stringMatching(/^"cheap" is not a number .*write it as 1234\.50/) },
      { row: 2, field: 'inStock', reason: expect.stringContaining('must be true or false') },
      { row: 2, field: 'rating', reason: expect.stringContaining('from 0 to 5') },
    ]);
    expect(err.message).toMatch(/1 of 2 rows have problems: row 2, title/);
    expect(err.message).toMatch(/skip bad rows/);
  });

  test('missing and duplicate ids', () => {
    const err = failure(() => loadCatalogJson(JSON.stringify([good, { ...good, id: '' }, { ...good }, { ...good, id: 'c' }])));
    expect(err.issues).toEqual([
      { row: 2, field: 'id', reason: 'is missing; every product needs one' },
      { row: 3, field: 'id', reason: '"a1" is already used by row 1; every product needs its own id' },
    ]);
  });

  test('skip mode keeps the good rows and reports the rest', () => {
    const { products, report } = loadCatalogJson(JSON.stringify([good, { ...good }, 7, { ...good, id: 'c', price: -1 }, { ...good, id: 'd' }]), { mode: 'skip' });
    expect(products.map((p) => p.id)).toEqual(['a1', 'd']);
    expect(report).toMatchObject({ rows: 5, accepted: 2, skipped: 3 });
    expect(report.issues.map((i) => [i.row, i.field])).toEqual([
      [2, 'id'],
      [3, '(row)'],
      [4, 'price'],
    ]);
  });

  test('huge fields are rejected with the limit named', () => {
    const err = failure(() => loadCatalogJson(JSON.stringify([{ ...good, description: 'x'.repeat(30_000) }])));
    expect(err.issues[0]).toEqual({ row: 1, field: 'description', reason: 'is 30,000 characters long; the limit is 20,000' });
  });

  test('prices: list price below price, a missing currency with and without a default', () => {
    const err = failure(() => loadCatalogJson(JSON.stringify([{ ...good, listPrice: 100 }, { id: 'x', title: 't', price: '1,299.50' }])));
    expect(err.issues).toEqual([
      { row: 1, field: 'listPrice', reason: expect.stringContaining('below the price') },
      { row: 2, field: 'currency', reason: expect.stringContaining('three-letter code') },
    ]);
    const { products } = loadCatalogJson(JSON.stringify([{ id: 'x', title: 't', price: '₹1,299.50' }]), { defaultCurrency: 'INR' });
    expect(products[0]).toMatchObject({ price: 1299.5, currency: 'INR' });
  });

  test('remote images are never kept (privacy) and produce a warning', () => {
    const { products, report } = loadCatalogJson(
      JSON.stringify([{ ...good, image: 'https://cdn.example.com/a.jpg' }, { ...good, id: 'b', image: 'img/b.png' }]),
    );
    expect(products.map((p) => p.image)).toEqual([null, 'img/b.png']);
    expect(report.warnings[0]).toMatch(/another site.*will not be loaded/);
  });

  test('not JSON, not a list, empty', () => {
    expect(failure(() => loadCatalogJson('{"products": [')).message).toMatch(/not valid JSON/);
    expect(failure(() => loadCatalogJson('{"items": []}')).message).toMatch(/must be a list of products/);
    expect(failure(() => loadCatalogJson('[]')).message).toMatch(/no products/);
    expect(failure(() => loadCatalogJson('   ')).message).toMatch(/empty/);
  });
});

describe('CSV catalogs', () => {
  const header = 'id,title,price,currency,category,in_stock,attr:Colour';

  test('column aliases, attribute columns and stock words', () => {
    const { products, report } = loadCatalogCsv(`${header},unused\nA1,"Shirt, blue",499,inr,Clothing > Shirts,out of stock,Blue,x\n`);
    expect(products[0]).toMatchObject({ id: 'A1', title: 'Shirt, blue', currency: 'INR', categoryPath: ['Clothing', 'Shirts'], inStock: false, attributes: { Colour: 'Blue' } });
    expect(report.warnings).toEqual(['ignored column Aisle does not use: unused']);
  });

  test('broken quoting: an unterminated quote rejects the file naming the line', () => {
    const err = failure(() => loadCatalogCsv(`${header}\nA1,"Shirt,499,INR,C,yes,Red\nA2,Hat,99,INR,C,yes,Red\n`));
    expect(err.name).toBe('InvalidFileError');
    expect(err.message).toMatch(/broken at line 2/);
  });

  test('a row with the wrong number of fields or a stray quote is reported, and skip mode keeps the rest', () => {
    const text = `${header}\nA1,Shirt,499,INR,C,yes,Red\nA2,Hat,99,INR\nA3,5" screen,99,INR,C,yes,Red\nA4,Cap,99,INR,C,yes,Red\n`;
    const err = failure(() => loadCatalogCsv(text));
    expect(err.issues.map((i) => [i.row, i.field])).toEqual([
      [2, 'line 3'],
      [3, 'line 4'],
    ]);
    expect(err.issues[0].reason).toMatch(/has 4 fields but the header has 7/);
    const { products } = loadCatalogCsv(text, { mode: 'skip' });
    expect(products.map((p) => p.id)).toEqual(['A1', 'A4']);
  });

  test('a header without the required columns', () => {
    expect(failure(() => loadCatalogCsv('sku,name\n1,x')).message).toMatch(/no price column/);
    expect(failure(() => loadCatalogCsv('foo,bar\n1,x')).message).toMatch(/no id, title, price columns/);
  });

  test('huge CSV fields are reported by field name', () => {
    const err = failure(() => loadCatalogCsv(`id,title,price,currency,description\nA,B,1,INR,${'y'.repeat(25_000)}\n`));
    expect(err.issues).toEqual([{ row: 1, field: 'description', reason: 'is 25,000 characters long; the limit is 20,000' }]);
  });

  test('semicolon files are detected, and loadCatalogFile picks the format', () => {
    expect(loadCatalogFile('x.csv', 'id;title;price;currency\n1;A;2;EUR').products[0].price).toBe(2);
    expect(loadCatalogFile('catalog', JSON.stringify([good])).products[0].id).toBe('a1');
  });
});
