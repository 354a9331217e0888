/**
 * The embeddings cache: vectors of product texts by model and text hash, so that a catalog is embedded once and a
 * product is embedded again only when its text changes. Written by the language worker, read by the recommender
 * worker (semantic search, content features).
 */
import { getDb, type EmbeddingRecord } from './db.ts';
import { withQuotaCheck } from './quota.ts';

export type { EmbeddingRecord };

/** Vectors for the given text hashes (missing ones are absent from the map). */
export async function getEmbeddings(model: string, hashes: string[]): Promise<Map<string, Float32Array>> {
  const db = await getDb();
  const tx = db.transaction('embeddings');
  const found = await Promise.all(hashes.map((h) => tx.store.get([model, h])));
  await tx.done;
  const out = new Map<string, Float32Array>();
  found.forEach((r, i) => r && out.set(hashes[i], r.vector));
  return out;
}

export async function putEmbeddings(model: string, entries: Array<{ hash: string; vector: Float32Array }>): Promise<void> {
  if (entries.length === 0) return;
  const db = await getDb();
  const at = Date.now();
  await withQuotaCheck('the search index', async () => {
    const tx = db.transaction('embeddings', 'readwrite');
    for (const e of entries) await tx.store.put({ model, hash: e.hash, vector: e.vector, at });
    await tx.done;
  });
}

export async function countEmbeddings(model?: string): Promise<number> {
  const db = await getDb();
  return model ? db.countFromIndex('embeddings', 'by-model', model) : db.count('embeddings');
}
