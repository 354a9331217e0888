/** A JSON catalog's own fields beside its products (a catalog named by URL, as the embed's data-catalog, uses them). */
import { expect, test } from 'vitest';
import { loadCatalogJson } from '../../../src/shared/catalog/load.ts';

const product = { id: 'p1', title: 'Mug', categoryPath: ['Home', 'Kitchen'], price: 10, currency: 'INR' };

test('valid id, name, model and vectors are kept; invalid ones are left out; a bare list has none', () => {
  const ok = loadCatalogJson(JSON.stringify({ id: 'store-v2', name: ' My store ', model: 'model.json', vectors: { file: 'v.bin', model: 'enc', dim: 8 }, products: [product] }));
  expect(ok.head).toEqual({ id: 'store-v2', name: 'My store', model: 'model.json', vectors: { file: 'v.bin', model: 'enc', dim: 8 } });
  const bad = loadCatalogJson(JSON.stringify({ id: 42, name: '', vectors: { file: '../x.bin', model: 'enc', dim: 8 }, products: [product] }));
  expect(bad.head).toBeUndefined();
  expect(loadCatalogJson(JSON.stringify([product])).head).toBeUndefined();
});
