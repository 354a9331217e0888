import { expect, test } from 'vitest';
import { loadCatalogJson } from '../../../src/shared/catalog/load.ts';
import { validateRules } from '../../../src/shared/rules.ts';

const product = { id: 'a', title: 'A', price: 1, currency: 'INR' };

test('rules in a JSON catalog are validated and returned', () => {
  const rules = { pin: [{ itemId: 'a', position: 0, shelf: 'trending' }], boost: [{ match: { brand: 'X' }, factor: 2 }], hide: [{ category: ['Knives'] }] };
  expect(loadCatalogJson(JSON.stringify({ products: [product], rules })).rules).toEqual({
    pin: [{ itemId: 'a', position: 0, shelf: 'trending' }],
    boost: [{ match: { brand: 'X' }, factor: 2 }],
    hide: [{ category: ['Knives'] }],
  });
  expect(loadCatalogJson(JSON.stringify([product])).rules).toBeUndefined();
});

test('bad rules say what is wrong', () => {
  expect(() => validateRules({ boost: [{ match: { brand: 'X' }, factor: -1 }] })).toThrow(/rules\.boost\[0\]\.factor: must be a number above 0 and at most 100/);
  expect(() => validateRules({ hide: [{}] })).toThrow(/rules\.hide\[0\]: matches nothing/);
  expect(() => validateRules({ pin: [{ itemId: 'a', position: 1.5 }] })).toThrow(/rules\.pin\[0\]\.position: must be a whole number/);
  expect(() => validateRules([])).toThrow(/must be an object/);
});
