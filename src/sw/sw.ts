/**
 * Aisle's service worker (squoosh's shape):
 * - precaches the app shell (the list vite-plugin-pwa injects as self.__WB_MANIFEST, TF.js's wasm included) into
 *   `aisle-shell-<version>`;
 * - serves the ONNX runtime's wasm (27 MB, not precached: only needed once a model is used) and model files from
 *   `aisle-models-v1`, where the language worker's ModelStore keeps them once fetched;
 * - keeps the app's other files that are not precached (the image checker and its weights, TF.js's wasm binaries)
 *   in the shell cache the first time they are used, so a feature used once works offline, while the first visit
 *   downloads only what it shows;
 * - keeps the previous deployments' shells while a tab that loaded them is open: such a tab still loads its own
 *   lazily loaded chunks (workers, their imports) after a new deployment, until it reloads. Each older shell cache
 *   records, when a newer one activates, the windows open at that moment (they were loaded from an older shell); it
 *   is deleted once none of them is left. Other unknown caches are deleted on activate;
 * - answers navigations with the cached shell, so the app opens offline.
 * It only ever serves same-origin GET requests; anything else passes through untouched.
 */
import { MODEL_CACHE, SEARCH_INDEX_CACHE, SHELL_CACHE_PREFIX } from '../shared/caches.ts';

declare global {
  interface WorkerGlobalScope {
    __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
  }
}

const sw = self as unknown as ServiceWorkerGlobalScope;
const manifest = self.__WB_MANIFEST;

/** A short, stable version derived from the precache manifest: a new build gets a new shell cache. */
function versionOf(entries: typeof manifest): string {
  let h = 2166136261;
  for (const e of entries) {
    const s = `${e.url}@${e.revision ?? ''}`;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  }
  return (h >>> 0).toString(36);
}

const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${versionOf(manifest)}`;
const scope = new URL(sw.registration.scope);
// Deduplicated: cache.addAll rejects a list that names the same URL twice, and that would fail the install.
const shellUrls = [...new Set(manifest.map((e) => new URL(e.url, scope).href))];
const indexUrl = new URL('index.html', scope).href;
const assetsUrl = new URL('assets/', scope).href;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // Revalidated with the server (an unhashed file such as index.html must be this build's), so that what the page
      // has just downloaded comes from the HTTP cache as a "not modified" instead of a second download.
      await cache.addAll(shellUrls.map((u) => new Request(u, { cache: 'no-cache' })));
      await sw.skipWaiting();
    })(),
  );
});

/** Where an older shell cache records the windows that still use it (a synthetic entry, never fetched). */
const USERS_KEY = new URL('__aisle-shell-users', scope).href;

async function openWindowIds(): Promise<string[]> {
  return (await sw.clients.matchAll({ type: 'window', includeUncontrolled: true })).map((c) => c.id);
}

/** Deletes older shells no open window uses any more (and caches Aisle does not know). */
async function pruneShells(): Promise<void> {
  const open = new Set(await openWindowIds());
  for (const name of await caches.keys()) {
    if (name === SHELL_CACHE || name === MODEL_CACHE || name === SEARCH_INDEX_CACHE) continue;
    // Transformers.js's own cache stays unused (the ModelStore is its cache), so it is not kept either.
    if (!name.startsWith(SHELL_CACHE_PREFIX)) {
      await caches.delete(name);
      continue;
    }
    const users = await (await caches.open(name)).match(USERS_KEY);
    const ids = users ? ((await users.json()) as string[]) : [];
    if (!ids.some((id) => open.has(id))) await caches.delete(name);
  }
}

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      // Every window open now was loaded from an older shell (or from the network): they keep theirs until they go.
      const open = await openWindowIds();
      for (const name of await caches.keys()) {
        if (name === SHELL_CACHE || !name.startsWith(SHELL_CACHE_PREFIX)) continue;
        const cache = await caches.open(name);
        if (!(await cache.match(USERS_KEY))) await cache.put(USERS_KEY, new Response(JSON.stringify(open), { headers: { 'content-type': 'application/json' } }));
      }
      await pruneShells();
      await sw.clients.claim();
    })(),
  );
});

/** Older shells are looked at again on every navigation (a tab that reloaded or closed has freed its shell). */
function pruneNow(event: ExtendableEvent): void {
  event.waitUntil(pruneShells().catch(() => undefined));
}

/**
 * This deployment's copy first (unhashed files such as the demo catalog), then an older shell's (an old tab's chunks),
 * then the model cache. `ignoreVary`: a server that answers `Vary: Origin` (vite preview, `npm start`) would otherwise
 * never match the page's crossorigin module and stylesheet requests against the copies fetched without an Origin.
 */
async function cached(req: Request, ignoreSearch: boolean): Promise<Response | undefined> {
  // caches.match with a cacheName never creates the cache (caches.open would, and bring one back after "delete everything").
  return (await caches.match(req, { ignoreSearch, ignoreVary: true, cacheName: SHELL_CACHE })) ?? (await caches.match(req, { ignoreSearch, ignoreVary: true }));
}

/** The app's own files that are not precached (the image checker, TF.js's wasm): kept in this shell on first use. */
function keptOnFirstUse(url: URL): boolean {
  return url.href.startsWith(assetsUrl) && !/\/ort-wasm[^/]*\.wasm$/.test(url.pathname);
}

async function fetchAndKeep(req: Request): Promise<Response> {
  const res = await fetch(req);
  if (res.ok && res.type === 'basic' && !res.headers.has('content-range')) {
    const copy = res.clone();
    // Only into a shell cache that still exists: after "delete everything" nothing may bring one back.
    void (async () => {
      if (await caches.has(SHELL_CACHE)) await (await caches.open(SHELL_CACHE)).put(req, copy);
    })().catch(() => undefined);
  }
  return res;
}

sw.addEventListener('fetch', (event) => {
  const req = event.request;
  // Partial downloads (the ModelStore's resumable chunks) go to the network as asked.
  if (req.method !== 'GET' || req.headers.has('range')) return;
  const url = new URL(req.url);
  if (url.origin !== scope.origin || !url.href.startsWith(scope.href)) return;
  // Model files and their manifest belong to the language worker's ModelStore, which keeps them and works offline.
  if (url.href.startsWith(new URL('models/', scope).href)) return;

  if (req.mode === 'navigate') {
    pruneNow(event);
    event.respondWith(
      (async () => (await caches.match(indexUrl, { cacheName: SHELL_CACHE, ignoreVary: true })) ?? fetch(req))().catch(
        () => new Response('Aisle is offline and its files are not cached yet.', { status: 503 }),
      ),
    );
    return;
  }

  event.respondWith(
    (async () => {
      // The ONNX runtime's wasm is kept by the ModelStore (which also drops older builds' copies): only read here.
      const hit = await cached(req, url.pathname.endsWith('.wasm'));
      if (hit) return hit;
      return keptOnFirstUse(url) ? fetchAndKeep(req) : fetch(req);
    })(),
  );
});

export {};
