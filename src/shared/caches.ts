/** Names of every Cache Storage cache Aisle creates (the service worker's and the model loaders'). */
export const SHELL_CACHE_PREFIX = 'aisle-shell-';
export const MODEL_CACHE = 'aisle-models-v1';
/** The stored lexical search index, one per catalog fingerprint (src/storage/search-index.ts). */
export const SEARCH_INDEX_CACHE = 'aisle-search-v1';

/** Whether a Cache Storage cache is one of Aisle's (on a store's site, "delete everything" deletes only these). */
export function isAisleCache(name: string): boolean {
  return name === MODEL_CACHE || name.startsWith(SHELL_CACHE_PREFIX) || name.startsWith('aisle-');
}
