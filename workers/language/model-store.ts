/**
 * The model files this device keeps, and the only code that downloads them. Transformers.js never touches the
 * network: it is configured local-only and reads every file through `customCache()` from here, so that each file is
 *   - pinned: checked against its SHA-256 (models/manifest.json for bundled models; the merchant's configuration,
 *     the host's X-Linked-Etag, or the hash of the first download for remote ones) when stored and when loaded;
 *   - downloaded once per origin: kept in Cache Storage, shared by every tab, with a Web Lock per file so two tabs
 *     never fetch the same file at once;
 *   - resumable: large files come in chunks (HTTP Range); a failed download keeps its finished chunks and the retry
 *     continues from there;
 *   - reported: progress events in Transformers.js's own ProgressInfo shape.
 * A remote host is asked nothing without the user's yes: `plan()` (the size, asked for by the user's "Check size")
 * and `ensure(…, { approved: true })` are the only calls that reach it, and files already kept are never asked for
 * again. Every file URL stays on its model's origin (src/shared/url.ts).
 * Runs in a worker (or any context with fetch, Cache Storage and crypto.subtle).
 */
import { MODEL_CACHE } from '../../src/shared/caches.ts';
import { describeError, ModelIntegrityError, ModelLoadError, abortError, throwIfAborted } from '../../src/shared/errors.ts';
import { modelHost, type DownloadPlan, type ModelManifest, type ModelSpec, type ProgressInfo } from '../../src/shared/models.ts';
import { sameOriginUrl, webAddress } from '../../src/shared/url.ts';

export const CHUNK_BYTES = 4 * 1024 * 1024;
const HASH_HEADER = 'x-aisle-sha256';
const PART = '?aisle-part=';

export interface ResolvedFile {
  path: string;
  url: string;
  bytes: number | null;
  sha256: string | null;
  optional: boolean;
}

export interface ResolvedModel {
  id: string;
  source: ModelSpec['source'];
  files: ResolvedFile[];
}

/** The subset of the Cache API that Transformers.js's `env.customCache` needs. */
export interface TransformersCache {
  match(request: string): Promise<Response | undefined>;
  put(request: string, response: Response): Promise<void>;
}

export interface ModelStoreOptions {
  /** Absolute URL of the app's models/ folder, ending in "/". */
  modelsBase: string;
  cacheName?: string;
  chunkBytes?: number;
}

export interface EnsureOptions {
  onProgress?: (info: ProgressInfo) => void;
  /** Required for remote models: the user or merchant agreed to the download shown by `plan()`. */
  approved?: boolean;
  signal?: AbortSignal;
}

export async function sha256Hex(data: ArrayBuffer | ArrayBufferView): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', data as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export class ModelStore {
  readonly #base: URL;
  readonly #cacheName: string;
  readonly #chunk: number;
  #manifest: Promise<ModelManifest> | null = null;
  /** "<model id>/<path>" → file, for every model resolved so far. */
  readonly #files = new Map<string, ResolvedFile>();

  constructor(options: ModelStoreOptions) {
    this.#base = new URL(options.modelsBase);
    this.#cacheName = options.cacheName ?? MODEL_CACHE;
    this.#chunk = options.chunkBytes ?? CHUNK_BYTES;
  }

  get modelsBase(): string {
    return this.#base.href;
  }

  #cache(): Promise<Cache> {
    return caches.open(this.#cacheName);
  }

  /** models/manifest.json: from the network when online (and kept), else the kept copy. */
  manifest(): Promise<ModelManifest> {
    this.#manifest ??= (async () => {
      const url = new URL('manifest.json', this.#base).href;
      const cache = await this.#cache();
      try {
        const res = await fetch(url, { cache: 'no-cache' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        await cache.put(url, res.clone());
        return (await res.json()) as ModelManifest;
      } catch (err) {
        const kept = await cache.match(url);
        if (kept) return (await kept.json()) as ModelManifest;
        throw new ModelLoadError(`The list of bundled models (${url}) could not be read: ${describeError(err)}. Check the connection and reload.`);
      }
    })();
    this.#manifest.catch(() => (this.#manifest = null));
    return this.#manifest;
  }

  /** Resolved bundled models by id (the manifest is read once per worker). */
  readonly #resolved = new Map<string, Promise<ResolvedModel>>();

  /**
   * Where each file of a model comes from, how big it is and what its hash must be. For a remote model, a file not
   * kept yet is asked for its size (HEAD) only with `network: true`.
   */
  resolve(spec: ModelSpec, { network = false }: { network?: boolean } = {}): Promise<ResolvedModel> {
    if (spec.source === 'remote') return this.#resolveRemote(spec, network);
    let p = this.#resolved.get(spec.id);
    if (!p) {
      p = this.#resolveBundled(spec.id);
      this.#resolved.set(spec.id, p);
      p.catch(() => this.#resolved.delete(spec.id));
    }
    return p;
  }

  #remember(model: ResolvedModel): ResolvedModel {
    for (const f of model.files) this.#files.set(`${model.id}/${f.path}`, f);
    return model;
  }

  async #resolveBundled(id: string): Promise<ResolvedModel> {
    const entry = (await this.manifest()).models.find((m) => m.id === id);
    if (!entry) throw new ModelLoadError(`There is no bundled model "${id}" in models/manifest.json. Rebuild the app with that model, or choose another.`);
    const files = entry.files.map((f) => {
      // The manifest is data too: a path that leaves the app's models/ folder is refused.
      const url = sameOriginUrl(`${id}/${f.path}`, this.#base);
      if (!url || !url.href.startsWith(this.#base.href)) throw new ModelLoadError(`models/manifest.json names a file outside the app's models folder (${id}/${f.path}). Rebuild the app.`);
      return { path: f.path, url: url.href, bytes: f.bytes, sha256: f.sha256, optional: false };
    });
    return this.#remember({ id, source: 'bundled', files });
  }

  async #resolveRemote(spec: Extract<ModelSpec, { source: 'remote' }>, network: boolean): Promise<ResolvedModel> {
    const host = webAddress(spec.host);
    if (host instanceof Error) throw new ModelLoadError(`${host.message} (hub layout: <host>/<model>/resolve/<revision>/<file>)`);
    const base = new URL(`${spec.id}/resolve/${encodeURIComponent(spec.revision ?? 'main')}/`, host);
    const files = await Promise.all(
      spec.files.map(async (f): Promise<ResolvedFile> => {
        const url = sameOriginUrl(f.path, base);
        if (!url || !url.href.startsWith(base.href)) throw new ModelLoadError(`The model file "${f.path}" is not a path on ${host.host}. Give file paths inside the model, such as onnx/model.onnx.`);
        const file: ResolvedFile = { path: f.path, url: url.href, bytes: null, sha256: f.sha256?.toLowerCase() ?? null, optional: !!f.optional };
        const kept = await this.#cached(file);
        // A size the host already gave (the plan shown to the user) is not asked for again.
        const known = this.#files.get(`${spec.id}/${f.path}`);
        if (kept) file.bytes = Number(kept.headers.get('content-length')) || null;
        else if (known?.url === file.url && known.bytes !== null) file.bytes = known.bytes;
        else if (network) file.bytes = await this.#remoteSize(file.url, file.optional);
        return file;
      }),
    );
    return this.#remember({ id: spec.id, source: 'remote', files });
  }

  async #remoteSize(url: string, optional: boolean): Promise<number | null> {
    let res: Response;
    try {
      res = await fetch(url, { method: 'HEAD' });
    } catch (err) {
      throw new ModelLoadError(`The model host could not be reached (${url}): ${describeError(err)}. Check the address and the connection.`);
    }
    if (res.status === 404 && optional) return 0;
    if (!res.ok) throw new ModelLoadError(`The model host answered ${res.status} for ${url}. Check the model name and revision.`);
    const length = Number(res.headers.get('content-length'));
    return Number.isFinite(length) && length > 0 ? length : null;
  }

  /** Verified copy of a file in the cache, or undefined. */
  async #cached(file: ResolvedFile): Promise<Response | undefined> {
    const res = await (await this.#cache()).match(file.url);
    if (!res || !res.headers.get(HASH_HEADER)) return undefined;
    return res;
  }

  /** What loading the model downloads. For a remote model this asks its host for the sizes: call it on the user's request. */
  async plan(spec: ModelSpec): Promise<DownloadPlan> {
    const model = await this.resolve(spec, { network: true });
    const files = await Promise.all(model.files.map(async (f) => ({ path: f.path, url: f.url, bytes: f.bytes, cached: !!(await this.#cached(f)) })));
    const totalBytes = files.reduce((n, f) => n + (f.bytes ?? 0), 0);
    const downloadBytes = files.reduce((n, f) => n + (f.cached ? 0 : (f.bytes ?? 0)), 0);
    return { modelId: spec.id, source: spec.source, files, totalBytes, downloadBytes };
  }

  /** Makes every file of the model available and verified, downloading what is missing. */
  async ensure(spec: ModelSpec, options: EnsureOptions = {}): Promise<ResolvedModel> {
    if (spec.source === 'remote' && !options.approved) {
      // Not even a size request: the host would learn that this device is here.
      throw new ModelLoadError(`"${spec.id}" is on another host (${modelHost(spec)}). Aisle loads it only after you agree on the About page, where its size is shown first.`);
    }
    const model = await this.resolve(spec, { network: true });
    for (const file of model.files) {
      throwIfAborted(options.signal);
      await this.#ensureFile(spec.id, file, options);
    }
    return model;
  }

  /** True when the stored copy exists and still has its pinned hash; a damaged copy is removed. */
  async #verified(file: ResolvedFile): Promise<boolean> {
    const res = await this.#cached(file);
    if (!res) return false;
    const stored = res.headers.get(HASH_HEADER)!;
    const hash = await sha256Hex(await res.arrayBuffer());
    if (hash === stored && (file.sha256 === null || file.sha256 === hash)) {
      file.sha256 = hash;
      return true;
    }
    await (await this.#cache()).delete(file.url);
    return false;
  }

  async #ensureFile(modelId: string, file: ResolvedFile, options: EnsureOptions): Promise<void> {
    const run = async () => {
      // A damaged or outdated copy fails verification and is downloaded again.
      if (await this.#verified(file)) return;
      if (file.optional && file.bytes === 0) return;
      await this.#download(modelId, file, options);
    };
    const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
    if (locks) await locks.request(`aisle-model-file:${file.url}`, run);
    else await run();
  }

  async #download(modelId: string, file: ResolvedFile, { onProgress, signal }: EnsureOptions): Promise<void> {
    const cache = await this.#cache();
    const report = (loaded: number, total: number) =>
      onProgress?.({ status: 'progress', name: modelId, file: file.path, loaded, total, progress: total ? (loaded / total) * 100 : 0 });
    onProgress?.({ status: 'download', name: modelId, file: file.path });
    const parts: Blob[] = [];
    let linkedEtag: string | null = null;

    if (file.bytes && file.bytes > this.#chunk) {
      // Chunked: each finished chunk is kept, so a retry after a failure resumes instead of starting over.
      const count = Math.ceil(file.bytes / this.#chunk);
      let loaded = 0;
      for (let i = 0; i < count; i++) {
        const key = `${file.url}${PART}${i}`;
        let part = await cache.match(key);
        if (!part) {
          const start = i * this.#chunk;
          const end = Math.min(file.bytes, start + this.#chunk) - 1;
          const res = await this.#fetch(file, { headers: { Range: `bytes=${start}-${end}` }, signal }, loaded, file.bytes);
          if (res.status === 200) {
            // The server ignores ranges: take the whole file in one go.
            linkedEtag = res.headers.get('x-linked-etag');
            const whole = await this.#read(res, file, signal, (n) => report(n, file.bytes!), 0);
            parts.length = 0;
            parts.push(whole);
            break;
          }
          if (res.status !== 206) throw new ModelLoadError(`The model host answered ${res.status} for part of ${file.url}.`);
          linkedEtag ??= res.headers.get('x-linked-etag');
          const blob = await this.#read(res, file, signal, (n) => report(loaded + n, file.bytes!), loaded);
          if (blob.size !== end - start + 1) throw new ModelLoadError(`Part ${i + 1} of ${file.path} arrived incomplete (${blob.size} of ${end - start + 1} bytes). Try again: the download resumes where it stopped.`);
          await cache.put(key, new Response(blob));
          part = await cache.match(key);
        }
        const blob = await part!.blob();
        parts.push(blob);
        loaded += blob.size;
        report(loaded, file.bytes);
      }
    } else {
      const res = await this.#fetch(file, { signal }, 0, file.bytes ?? 0);
      if (!res.ok) throw new ModelLoadError(`The model host answered ${res.status} for ${file.url}.`);
      linkedEtag = res.headers.get('x-linked-etag');
      parts.push(await this.#read(res, file, signal, (n) => report(n, file.bytes ?? n), 0));
    }

    const blob = new Blob(parts);
    const hash = await sha256Hex(await blob.arrayBuffer());
    const linked = linkedEtag?.replace(/^W\//, '').replace(/"/g, '').toLowerCase() ?? null;
    const expected = file.sha256 ?? (linked && /^[0-9a-f]{64}$/.test(linked) ? linked : null);
    await this.#dropParts(file);
    if (expected && hash !== expected) {
      throw new ModelIntegrityError(`${modelId}/${file.path} does not match its pinned SHA-256 (expected ${expected.slice(0, 12)}…, got ${hash.slice(0, 12)}…). It was not kept. The host may have changed the file; check the model's source before trying again.`);
    }
    // Pin what was verified (or, with no hash given anywhere, what was first downloaded).
    file.sha256 = hash;
    await cache.put(
      file.url,
      new Response(blob, { headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size), [HASH_HEADER]: hash } }),
    );
    onProgress?.({ status: 'done', name: modelId, file: file.path });
  }

  async #fetch(file: ResolvedFile, init: RequestInit, loaded: number, total: number): Promise<Response> {
    try {
      return await fetch(file.url, init);
    } catch (err) {
      if (init.signal?.aborted) throw abortError();
      throw this.#stopped(file, loaded, total, err);
    }
  }

  #stopped(file: ResolvedFile, loaded: number, total: number, err: unknown): ModelLoadError {
    const where = total ? ` at ${mb(loaded)} of ${mb(total)}` : '';
    return new ModelLoadError(`The download of ${file.path} stopped${where} (${describeError(err)}). Try again: it resumes where it stopped.`);
  }

  /** Reads a response body with progress; a broken connection becomes a resumable ModelLoadError. */
  async #read(res: Response, file: ResolvedFile, signal: AbortSignal | undefined, progress: (bytes: number) => void, offset: number): Promise<Blob> {
    if (!res.body) return res.blob();
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let n = 0;
    try {
      for (;;) {
        if (signal?.aborted) throw abortError();
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        n += value.byteLength;
        progress(n);
      }
    } catch (err) {
      if (signal?.aborted) throw abortError();
      throw this.#stopped(file, offset + n, file.bytes ?? 0, err);
    }
    return new Blob(chunks as BlobPart[]);
  }

  async #dropParts(file: ResolvedFile): Promise<void> {
    const cache = await this.#cache();
    for (const req of await cache.keys()) if (req.url.startsWith(`${file.url}${PART}`)) await cache.delete(req);
  }

  /** The file behind a Transformers.js lookup key (its local path, or its remote URL). */
  #lookup(key: string): ResolvedFile | undefined {
    const url = new URL(key, this.#base);
    const basePath = this.#base.pathname;
    if (url.origin === this.#base.origin && url.pathname.startsWith(basePath)) {
      const rel = decodeURIComponent(url.pathname.slice(basePath.length));
      const f = this.#files.get(rel);
      if (f) return f;
    }
    for (const f of this.#files.values()) if (f.url === url.href) return f;
    return undefined;
  }

  /**
   * What Transformers.js reads files through (`env.customCache`). `ensure()` verified every file just before the
   * pipeline is built, so a hit is served as stored. Unknown keys return undefined: Transformers.js then looks for
   * optional files (such as generation_config.json) on the app's own origin, and never on another host.
   */
  customCache(): TransformersCache {
    return {
      match: async (key: string) => {
        if (this.#runtime.has(key)) return (await (await this.#cache()).match(key)) ?? undefined;
        const file = this.#lookup(key);
        return file ? this.#cached(file) : undefined;
      },
      // Transformers.js puts what it fetched itself: the ONNX runtime's binaries (kept, so models run offline) and
      // same-origin optional model files (not kept: only verified files are).
      put: async (key: string, response: Response) => {
        if (!this.#runtime.has(key)) return;
        const cache = await this.#cache();
        await cache.put(key, response);
        // Runtime URLs carry the build's content hash: an older build's copies are dead weight.
        const name = (u: string) => new URL(u).pathname.replace(/^.*\//, '').replace(/-[\w-]{8}(\.\w+)$/, '$1');
        for (const req of await cache.keys()) if (!this.#runtime.has(req.url) && name(req.url) === name(key) && req.url !== key) await cache.delete(req);
      },
    };
  }

  /** URLs of the ONNX runtime's own files (the app's copies), which the cache keeps once fetched. */
  readonly #runtime = new Set<string>();

  allowRuntimeFiles(urls: string[]): void {
    for (const u of urls) this.#runtime.add(u);
  }

  /** Removes a model's files from the device. */
  async remove(spec: ModelSpec): Promise<void> {
    const model = await this.resolve(spec);
    const cache = await this.#cache();
    for (const f of model.files) {
      await cache.delete(f.url);
      await this.#dropParts(f);
    }
  }
}
