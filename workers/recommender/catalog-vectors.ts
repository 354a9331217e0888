/**
 * A catalog's product vectors from the embeddings cache (written by the language worker), in catalog order, for
 * search (the semantic index) and the shopper's model (text features). The text hashes that key the cache are
 * computed once per catalog; the vectors are read when a caller asks (after new vectors arrive, say).
 */
import { decodeVectorFile } from '../../src/shared/catalog/vectors.ts';
import { InvalidFileError } from '../../src/shared/errors.ts';
import type { VectorSeedReport } from '../../src/shared/protocol/recommender.ts';
import { productText, textHash } from '../../src/shared/text/product-text.ts';
import { ownLocation, sameOriginUrl } from '../../src/shared/url.ts';
import { announce, ChangeKind } from '../../src/storage/changes.ts';
import { getEmbeddings, putEmbeddings } from '../../src/storage/embeddings.ts';
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

/**
 * Stores the vectors shipped beside the catalog (src/shared/catalog/vectors.ts) in the embeddings cache, for every
 * product whose text still has the hash it was embedded with and which has no vector there yet; the language worker
 * then finds them all cached and loads no encoder. A missing or damaged file only means the device embeds them.
 */
export async function seedShippedVectors(catalog: CatalogIndex, shipped: { url: string; model: string }): Promise<VectorSeedReport> {
  const t0 = performance.now();
  const here = ownLocation();
  if (here && !sameOriginUrl(shipped.url, here)) throw new InvalidFileError(`The catalog's product vectors (${shipped.url}) are not on this site, so they are not loaded.`);
  const keys = await textHashes(catalog);
  const wanted = [...new Set(keys)];
  const known = await getEmbeddings(shipped.model, wanted);
  const todo = wanted.filter((h) => !known.has(h));
  if (todo.length === 0) return { covered: true, shipped: 0, stored: 0, missing: 0, ms: performance.now() - t0 };
  const res = await fetch(shipped.url);
  if (!res.ok) throw new InvalidFileError(`The catalog's product vectors could not be read (${shipped.url}: HTTP ${res.status}); products are embedded on this device instead.`);
  const file = decodeVectorFile(await res.arrayBuffer());
  if (file.model !== shipped.model) throw new InvalidFileError(`The catalog's product vectors were computed by ${file.model}, not ${shipped.model}; products are embedded on this device instead.`);
  const byHash = new Map(file.entries.map((e) => [e.hash, e.vector]));
  const entries = todo.flatMap((hash) => {
    const vector = byHash.get(hash);
    return vector ? [{ hash, vector }] : [];
  });
  if (entries.length) {
    await putEmbeddings(shipped.model, entries);
    announce({ kind: ChangeKind.Embeddings, model: shipped.model });
  }
  return { covered: entries.length === todo.length, shipped: file.entries.length, stored: entries.length, missing: todo.length - entries.length, ms: performance.now() - t0 };
}
