/**
 * A module Worker that also starts when its script is on another origin: the merchant embed loads its code (and so
 * its workers) from a static host, and browsers refuse `new Worker(url)` for a script of another origin. Then a
 * same-origin blob holds one line, `import "<the real worker's URL>"`, and the worker it starts imports the real one
 * (fetched with CORS, as any module script of another origin; its own imports resolve against its own URL, so its
 * chunks, wasm and models come from the static host too). A worker on the page's origin (the app) starts as always.
 *
 * The bridges import this as `Worker`, so that Vite still sees `new Worker(new URL('…', import.meta.url))` and bundles
 * the worker. CSP: a page that starts the blob bootstrap needs `worker-src blob:` (README, "Embedding on a store").
 */
export class OriginWorker extends globalThis.Worker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(workerScriptUrl(url, options), options);
  }
}

const bootstraps = new Map<string, string>();

/** The URL to start: `url` itself when it is on this page's origin, else a same-origin blob that imports it. */
export function workerScriptUrl(url: string | URL, options?: WorkerOptions): string | URL {
  const target = new URL(url, globalThis.location?.href);
  if (typeof location === 'undefined' || target.origin === location.origin || target.protocol === 'blob:' || target.protocol === 'data:') return url;
  if (options?.type !== 'module') throw new Error(`The worker ${target.href} is on another origin and not a module worker; only module workers can be started from another origin.`);
  let blob = bootstraps.get(target.href);
  if (!blob) {
    blob = URL.createObjectURL(new Blob([`import ${JSON.stringify(target.href)};\n`], { type: 'text/javascript' }));
    bootstraps.set(target.href, blob);
  }
  return blob;
}
