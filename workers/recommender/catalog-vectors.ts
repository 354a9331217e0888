/**
 * A catalog's product vectors from the embeddings cache (written by the language worker), in catalog order, for
 * search (the semantic index) and the shopper's model (text features). The text hashes that key the cache are
 * computed once per catalog; the vectors are read when a caller asks (after new vectors arrive, say).
 */
import { getEmbeddings } from '../../src/storage/embeddings.ts';
import { productText, textHash } from '../../src/shared/text/product-text.ts';
import type { CatalogIndex } from './catalog-index.ts';

const hashes = new WeakMap<CatalogIndex, Promise<string[]>>();

function textHashes(catalog: CatalogIndex): Promise<string[]> {
  let h = hashes.get(catalog);
  if (!h) {
    h = Promise.all(catalog.items.map((i) => textHash(productText(i.product))));
    hashes.set(catalog, h);
    h.catch(() => hashes.delete(catalog));
  }
  return h;
}

/** Vector of each product (undefined where the encoder has not embedded it yet). */
export async function catalogVectors(catalog: CatalogIndex, model: string): Promise<Array<Float32Array | undefined>> {
  const keys = await textHashes(catalog);
  const vectors = await getEmbeddings(model, [...new Set(keys)]);
  return keys.map((k) => vectors.get(k));
}
