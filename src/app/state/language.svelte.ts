/**
 * The language worker on the page's side: the sentence encoder's state (which model, which device, loading progress,
 * errors), query embeddings for search, and embedding the catalog in the background when the page is idle.
 */
import { LanguageBridge } from '../bridges/language.ts';
import { isDevicePreference, type CatalogEmbeddingReport, type DevicePreference } from '../../shared/protocol/language.ts';
import { getSetting } from '../../storage/settings.ts';
import type { Catalog } from '../../shared/catalog/types.ts';
import { describeError, isAbortError } from '../../shared/errors.ts';
import { DEFAULT_ENCODER, type LoadedModelInfo, type ModelSpec, type ProgressInfo } from '../../shared/models.ts';
import type { EncoderView, QueryUnderstanding } from '../../shared/text/query.ts';


/** `?device=wasm|webgpu` in the page URL overrides the setting (for support and benchmarks). */
function deviceFromUrl(): DevicePreference | null {
  const v = new URLSearchParams(location.search).get('device');
  return isDevicePreference(v) ? v : null;
}

class Language {
  device = $state<DevicePreference>(deviceFromUrl() ?? 'auto');
  readonly bridge = new LanguageBridge(new URL('./models/', document.baseURI).href, () => this.device);
  encoder = $state.raw<ModelSpec>(DEFAULT_ENCODER);
  state = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  info = $state.raw<LoadedModelInfo | null>(null);
  error = $state<string | null>(null);
  progress = $state.raw<{ file: string; loaded: number; total: number } | null>(null);
  catalogProgress = $state.raw<{ done: number; total: number } | null>(null);
  lastCatalogReport = $state.raw<CatalogEmbeddingReport | null>(null);
  /** Bumped whenever new product vectors were written: searches run again to use them. */
  indexVersion = $state(0);
  /** The load in flight, and the model it is for. */
  #loading: { spec: ModelSpec; done: Promise<boolean> } | null = null;
  #embedding: AbortController | null = null;
  /** The catalog of the last background pass, and whether its vectors may be gone since ("delete everything"). */
  #catalog: Catalog | null = null;
  #vectorsGone = false;

  async readSettings(): Promise<void> {
    try {
      this.encoder = (await getSetting('encoder')) ?? DEFAULT_ENCODER;
      this.device = deviceFromUrl() ?? (await getSetting('device'));
    } catch {
      /* storage unavailable: defaults */
    }
  }

  #onProgress = (p: ProgressInfo) => {
    if (p.status === 'progress') this.progress = { file: p.file, loaded: p.loaded, total: p.total };
    if (p.status === 'ready') this.progress = null;
  };

  /** Loads the encoder once; false when it cannot load (search then works by words alone). */
  async ensureEncoder(approved = false): Promise<boolean> {
    // A load of another model (the previous choice) may still be running: let it finish first.
    while (this.#loading && this.#loading.spec !== this.encoder) await this.#loading.done;
    if (this.state === 'ready' && this.info?.id === this.encoder.id) return true;
    if (this.#loading) return this.#loading.done;
    const spec = this.encoder;
    const done = (async () => {
      this.state = 'loading';
      this.error = null;
      try {
        const info = await this.bridge.loadEncoder(undefined, spec, approved, this.#onProgress);
        if (spec !== this.encoder) return false;
        this.info = info;
        this.state = 'ready';
        return true;
      } catch (err) {
        if (spec === this.encoder) {
          this.state = 'failed';
          this.error = describeError(err);
        }
        return false;
      } finally {
        this.#loading = null;
        this.progress = null;
      }
    })();
    this.#loading = { spec, done };
    return done;
  }

  /**
   * The embedding of what a search query asks for (as the recommender understood it), with what the encoder read;
   * null when the encoder is not available. `vector` is null when the encoder does not know most of the words.
   */
  async embedQuery(signal: AbortSignal, understood: QueryUnderstanding): Promise<{ vector: Float32Array | null; view: EncoderView } | null> {
    if (!(await this.ensureEncoder())) return null;
    // Vectors deleted with everything else come back when the shopper searches again (not at once, so that the
    // deletion leaves nothing behind).
    if (this.#vectorsGone && this.#catalog) this.scheduleCatalogEmbedding(this.#catalog);
    return this.bridge.embedQuery(signal, understood, this.encoder);
  }

  /** Embeds the catalog's products when the page is idle (only new or changed texts are computed). */
  scheduleCatalogEmbedding(catalog: Catalog): void {
    this.#catalog = catalog;
    this.#vectorsGone = false;
    this.#embedding?.abort();
    const controller = new AbortController();
    this.#embedding = controller;
    const start = () => {
      if (controller.signal.aborted) return;
      void (async () => {
        try {
          // The worker loads the encoder only when some product has no vector yet: a returning visit loads none
          // until the shopper searches.
          this.lastCatalogReport = await this.bridge.embedCatalog(controller.signal, catalog.products, this.encoder, (done, total) => (this.catalogProgress = { done, total }));
          if (this.lastCatalogReport.computed > 0) {
            this.indexVersion++;
            // It is loaded in the worker now: show which model runs where.
            void this.ensureEncoder();
          }
        } catch (err) {
          if (!isAbortError(err)) this.error = describeError(err);
        } finally {
          this.catalogProgress = null;
        }
      })();
    };
    if ('requestIdleCallback' in globalThis) requestIdleCallback(start, { timeout: 3000 });
    else setTimeout(start, 1000);
  }

  /** Switches the encoder (bundled or remote); the next search and catalog pass use it. */
  async useEncoder(spec: ModelSpec, approved: boolean, catalog: Catalog | null): Promise<boolean> {
    this.encoder = spec;
    this.state = 'idle';
    this.info = null;
    const ok = await this.ensureEncoder(approved);
    if (ok && catalog) this.scheduleCatalogEmbedding(catalog);
    return ok;
  }

  /** Runs the encoder on `device` from now on (a setting): the worker restarts and loads the model there. */
  async setDevice(device: DevicePreference): Promise<boolean> {
    this.device = device;
    this.bridge.terminate();
    this.state = 'idle';
    this.info = null;
    return this.ensureEncoder(this.encoder.source === 'remote');
  }

  /** Stops the worker before everything is deleted; the product vectors are computed again on the next search. */
  stop(): void {
    this.#vectorsGone = true;
    this.#embedding?.abort();
    this.bridge.terminate();
    this.state = 'idle';
    this.info = null;
  }
}

export const language = new Language();
