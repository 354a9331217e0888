/** Names of every Cache Storage cache Aisle creates (the service worker's and the model loaders'). */
export const SHELL_CACHE_PREFIX = 'aisle-shell-';
export const MODEL_CACHE = 'aisle-models-v1';
