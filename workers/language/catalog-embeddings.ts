/**
 * Embeds a catalog's products, reusing cached vectors: a product is embedded again only when its text changed
 * (the cache key is the model and a hash of the text).
 */
import { getEmbeddings, putEmbeddings } from '../../src/storage/embeddings.ts';
import type { Product } from '../../src/shared/catalog/types.ts';
import type { CatalogEmbeddingReport } from '../../src/shared/protocol/language.ts';
import { productText, textHash } from '../../src/shared/text/product-text.ts';
import { embedTexts, type FeatureExtractor } from './encoder.ts';

/** Products are written to the cache in groups of this many, so an interrupted run keeps its progress. */
const WRITE_EVERY = 256;

/** `encoder` is called only when some product has no vector yet: a catalog already in the cache loads no model. */
export async function embedCatalog(
  encoder: () => Promise<FeatureExtractor>,
  modelId: string,
  products: readonly Product[],
  onProgress?: (done: number, total: number) => void,
): Promise<CatalogEmbeddingReport> {
  const t0 = performance.now();
  const texts = products.map(productText);
  const hashes = await Promise.all(texts.map(textHash));
  const known = await getEmbeddings(modelId, [...new Set(hashes)]);
  const todo: number[] = [];
  const seen = new Set<string>();
  hashes.forEach((h, i) => {
    if (!known.has(h) && !seen.has(h)) {
      seen.add(h);
      todo.push(i);
    }
  });
  const cachedCount = products.length - todo.length;
  onProgress?.(cachedCount, products.length);
  const extract = todo.length ? await encoder() : null;
  for (let start = 0; start < todo.length; start += WRITE_EVERY) {
    const group = todo.slice(start, start + WRITE_EVERY);
    const vectors = await embedTexts(extract!, group.map((i) => texts[i]), undefined, (n) => onProgress?.(cachedCount + start + n, products.length));
    await putEmbeddings(modelId, group.map((i, j) => ({ hash: hashes[i], vector: vectors[j] })));
  }
  return { products: products.length, cached: cachedCount, computed: todo.length, ms: Math.round(performance.now() - t0) };
}
