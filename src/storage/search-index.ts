/**
 * The stored lexical search index (workers/search/stored-index.ts), in Cache Storage (`aisle-search-v1`): one entry
 * per catalog fingerprint, so a returning visit reads its catalog's index back instead of building it, and a changed
 * catalog (another fingerprint) is indexed again. Only the newest index is kept. "Delete everything" deletes the
 * cache with the others; the service worker keeps it across deployments (a new index format has a new version, and
 * so a new fingerprint).
 */
import { SEARCH_INDEX_CACHE } from '../shared/caches.ts';
import { withQuotaCheck } from './quota.ts';

/** The entry's key: a URL on the app's own origin that is never fetched (Cache Storage keys are requests). */
const keyOf = (fingerprint: string) => new URL(`__aisle-search-index/${encodeURIComponent(fingerprint)}`, globalThis.location?.href ?? 'https://aisle.invalid/').href;

function available(): boolean {
  return typeof caches !== 'undefined';
}

/** The index stored under this fingerprint, or null when there is none (or Cache Storage is unavailable). */
export async function loadSearchIndex(fingerprint: string): Promise<ArrayBuffer | null> {
  if (!available()) return null;
  const cache = await caches.open(SEARCH_INDEX_CACHE);
  const response = await cache.match(keyOf(fingerprint));
  return response ? response.arrayBuffer() : null;
}

/** Stores an index under its catalog's fingerprint, and deletes the indexes of other catalogs. */
export async function saveSearchIndex(fingerprint: string, bytes: ArrayBuffer): Promise<void> {
  if (!available()) return;
  const cache = await caches.open(SEARCH_INDEX_CACHE);
  const key = keyOf(fingerprint);
  await withQuotaCheck('the search index', () => cache.put(key, new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } })));
  for (const request of await cache.keys()) if (request.url !== key) await cache.delete(request);
}
