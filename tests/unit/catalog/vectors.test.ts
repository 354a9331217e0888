/** Product vectors shipped beside a catalog: the file format, and the demo's file kept in step with its catalog. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Catalog } from '../../../src/shared/catalog/types.ts';
import { decodeVectorFile, encodeVectorFile, vectorsRefProblem } from '../../../src/shared/catalog/vectors.ts';
import { productText, textHash } from '../../../src/shared/text/product-text.ts';

describe('vectors file', () => {
  test('round trip: model, dimension, hashes and values', () => {
    const entries = [
      { hash: '00112233445566778899aabbccddeeff', vector: Float32Array.from([0.5, -0.25, 1]) },
      { hash: 'ffeeddccbbaa99887766554433221100', vector: Float32Array.from([0, 1e-7, -1]) },
    ];
    const back = decodeVectorFile(encodeVectorFile({ model: 'enc-v1', dim: 3, entries }));
    expect(back).toEqual({ model: 'enc-v1', dim: 3, entries });
  });

  test('a file that is not one, is cut short or is of another version is refused with what to do', () => {
    const good = encodeVectorFile({ model: 'm', dim: 2, entries: [{ hash: '0'.repeat(32), vector: Float32Array.from([1, 0]) }] });
    expect(() => decodeVectorFile(new TextEncoder().encode('{"not":"vectors"}'))).toThrow(/not an Aisle product-vectors file/);
    expect(() => decodeVectorFile(good.slice(0, good.length - 3))).toThrow(/damaged.*npm run catalog:vectors/);
    const v2 = good.slice();
    new DataView(v2.buffer).setUint32(8, 2, true);
    expect(() => decodeVectorFile(v2)).toThrow(/version 2/);
    expect(() => encodeVectorFile({ model: 'm', dim: 3, entries: [{ hash: '0'.repeat(32), vector: Float32Array.from([1]) }] })).toThrow(/dimension is 3/);
  });

  test('the catalog field names a plain file beside the catalog', () => {
    expect(vectorsRefProblem({ file: 'demo.vectors.bin', model: 'aisle-text-encoder-v1', dim: 128 })).toBeNull();
    expect(vectorsRefProblem({ file: '../../etc/x.bin', model: 'm', dim: 128 })).toMatch(/file name/);
    expect(vectorsRefProblem({ file: 'https://evil.example/v.bin', model: 'm', dim: 128 })).toMatch(/file name/);
    expect(vectorsRefProblem({ file: 'v.bin', model: '', dim: 128 })).toMatch(/model/);
  });

  test('the demo catalog ships a vector for the current text of every product (else: npm run catalog:vectors)', async () => {
    const catalog = JSON.parse(readFileSync('public/catalog/demo.json', 'utf8')) as Catalog;
    expect(catalog.vectors).toMatchObject({ file: 'demo.vectors.bin', model: 'aisle-text-encoder-v1', dim: 128 });
    const file = decodeVectorFile(readFileSync('public/catalog/demo.vectors.bin'));
    expect(file.model).toBe(catalog.vectors!.model);
    const shipped = new Set(file.entries.map((e) => e.hash));
    const hashes = await Promise.all(catalog.products.map((p) => textHash(productText(p))));
    const stale = catalog.products.filter((_, i) => !shipped.has(hashes[i]!)).map((p) => p.id);
    expect(stale, 'products whose text changed since the vectors were built: run npm run catalog:vectors').toEqual([]);
    for (const e of file.entries.slice(0, 50)) expect(Math.hypot(...e.vector)).toBeCloseTo(1, 4);
  });
});
