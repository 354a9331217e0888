/** Names of every Cache Storage cache Aisle creates (the service worker's and the model loaders'). */
export const SHELL_CACHE_PREFIX = 'aisle-shell-';
export const MODEL_CACHE = 'aisle-models-v1';
/** The stored lexical search index, one per catalog fingerprint (src/storage/search-index.ts). */
export const SEARCH_INDEX_CACHE = 'aisle-search-v1';
