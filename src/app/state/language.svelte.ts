/**
 * The language worker on the page's side, the only owner of its bridge: the sentence encoder's state (which model,
 * which device, loading progress, errors), query embeddings for search, embedding the catalog in the background when
 * the page is idle, the choice of a model from another host (only with the shopper's yes), and the moderation calls
 * that moderation.svelte.ts builds on. Nothing here assumes which page hosts it: the app and the embed mount it.
 */
import { LanguageBridge } from '../bridges/language.ts';
import { host } from './host.ts';
import { isDevicePreference, type CatalogEmbeddingReport, type DevicePreference } from '../../shared/protocol/language.ts';
import { getSetting, setSetting } from '../../storage/settings.ts';
import type { Product, ProductSource } from '../../shared/catalog/types.ts';
import { describeError, isAbortError } from '../../shared/errors.ts';
import type { CategoryResult, ModerationConfigInput, ModerationResult } from '../../shared/moderation.ts';
import { approvedRemoteModel, DEFAULT_ENCODER, modelHost, type ApprovedRemoteModel, type DownloadPlan, type LoadedModelInfo, type ModelSpec, type ProgressInfo, type RemoteModelSpec } from '../../shared/models.ts';
import type { ModerationPreset } from '../../shared/protocol/language.ts';
import type { EncoderView, QueryUnderstanding } from '../../shared/text/query.ts';
import type { GenerateEvent, GenerateRequest, GenerateSummary } from '../../shared/assistant-generation.ts';

/** `?device=wasm|webgpu` in the page URL overrides the setting (for support and benchmarks). */
function deviceFromUrl(): DevicePreference | null {
  const v = new URLSearchParams(location.search).get('device');
  return isDevicePreference(v) ? v : null;
}

class Language {
  device = $state<DevicePreference>(deviceFromUrl() ?? 'auto');
  readonly #bridge = new LanguageBridge(() => host.modelsUrl, () => this.device);
  encoder = $state.raw<ModelSpec>(DEFAULT_ENCODER);
  /**
   * The user's yes for the current encoder when it is remote (chosen on the About page, host and size shown), or null.
   * Only a yes given in the UI counts: a remote model in storage without its approval record is not used.
   */
  approval = $state.raw<ApprovedRemoteModel['approval'] | null>(null);
  /** A remote model host found in storage without the user's approval (an old import, an older version): not used. */
  unapprovedHost = $state<string | null>(null);
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
  #catalog: ProductSource | null = null;
  #vectorsGone = false;

  async readSettings(): Promise<void> {
    try {
      const stored: unknown = await getSetting('encoder');
      const chosen = approvedRemoteModel(stored);
      this.encoder = chosen?.spec ?? DEFAULT_ENCODER;
      this.approval = chosen?.approval ?? null;
      const spec = (stored as { spec?: unknown } | null)?.spec ?? stored;
      this.unapprovedHost = !chosen && (spec as ModelSpec | null)?.source === 'remote' ? modelHost(spec as Extract<ModelSpec, { source: 'remote' }>) : null;
      this.device = deviceFromUrl() ?? (await getSetting('device'));
    } catch {
      /* storage unavailable: defaults */
    }
  }

  #onProgress = (p: ProgressInfo) => {
    if (p.status === 'progress') this.progress = { file: p.file, loaded: p.loaded, total: p.total };
    if (p.status === 'ready') this.progress = null;
  };

  /** Whether the current encoder may be downloaded: bundled, or remote with the user's yes. */
  get #approved(): boolean {
    return this.encoder.source === 'bundled' || this.approval !== null;
  }

  /** Loads the encoder once; false when it cannot load (search then works by words alone). */
  async ensureEncoder(): Promise<boolean> {
    // A load of another model (the previous choice) may still be running: let it finish first.
    while (this.#loading && this.#loading.spec !== this.encoder) await this.#loading.done;
    if (this.state === 'ready' && this.info?.id === this.encoder.id) return true;
    if (this.#loading) return this.#loading.done;
    const spec = this.encoder;
    const done = (async () => {
      this.state = 'loading';
      this.error = null;
      try {
        const info = await this.#bridge.loadEncoder(undefined, spec, this.#approved, this.#onProgress);
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
    return this.#bridge.embedQuery(signal, understood, this.encoder, this.#approved);
  }

  /** The catalog in use has a vector for every product already (shipped with it): nothing to embed for now. */
  coveredCatalog(catalog: ProductSource): void {
    this.#catalog = catalog;
    this.#vectorsGone = false;
    this.indexVersion++;
  }

  /**
   * Embeds the catalog's products when the page is idle (only new or changed texts are computed). A stored catalog's
   * products are read by the language worker itself, not sent from here.
   */
  scheduleCatalogEmbedding(catalog: ProductSource): void {
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
          this.lastCatalogReport = await this.#bridge.embedCatalog(controller.signal, catalog, this.encoder, this.#approved, (done, total) => (this.catalogProgress = { done, total }));
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

  /**
   * Product vectors for a list of products now (the merchant console trains on a catalog's content): only the ones
   * not in the embeddings cache are computed; resolves with the encoder's id once every product has one.
   */
  async embedProducts(signal: AbortSignal | undefined, products: Product[], onProgress: (done: number, total: number) => void): Promise<string> {
    const report = await this.#bridge.embedCatalog(signal, { products }, this.encoder, this.#approved, onProgress);
    if (report.computed > 0) this.indexVersion++;
    return report.model;
  }

  /**
   * Switches the encoder: the bundled one (`approval` null), or a remote one with the yes the user just gave on the
   * About page. The next search and catalog pass use it.
   */
  async useEncoder(spec: ModelSpec, approval: ApprovedRemoteModel['approval'] | null, catalog: ProductSource | null): Promise<boolean> {
    this.encoder = spec;
    this.approval = spec.source === 'remote' ? approval : null;
    this.unapprovedHost = null;
    this.state = 'idle';
    this.info = null;
    const ok = await this.ensureEncoder();
    if (ok && catalog) this.scheduleCatalogEmbedding(catalog);
    return ok;
  }

  /** What loading a model would download: the size shown before the shopper says yes (the first request to its host). */
  plan(spec: ModelSpec): Promise<DownloadPlan> {
    return this.#bridge.plan(undefined, spec);
  }

  /**
   * The shopper's explicit yes to a model from another host, with the host and size they were shown: loads it, and
   * only when it loads, keeps the choice (with its approval) in the settings. The only way a remote model is chosen.
   */
  async chooseRemote(spec: RemoteModelSpec, approval: ApprovedRemoteModel['approval'], catalog: ProductSource | null): Promise<boolean> {
    const ok = await this.useEncoder(spec, approval, catalog);
    if (ok) await setSetting('encoder', { spec, approval });
    return ok;
  }

  /** Back to the bundled encoder (the setting is cleared first, so a failed load leaves no remote choice behind). */
  async chooseBundled(catalog: ProductSource | null): Promise<boolean> {
    await setSetting('encoder', null);
    return this.useEncoder(DEFAULT_ENCODER, null, catalog);
  }

  /** Moderates texts in the worker (rules and the classifier); a 'hold' result means the checker could not run. */
  moderate(signal: AbortSignal | undefined, texts: string[], preset: ModerationPreset = 'review', config?: ModerationConfigInput): Promise<ModerationResult[]> {
    return this.#bridge.moderate(signal, texts, preset, config);
  }

  /** The rule categories only, instantly (feedback while typing; never a verdict). */
  checkRules(signal: AbortSignal | undefined, text: string, preset: ModerationPreset = 'review'): Promise<CategoryResult[]> {
    return this.#bridge.checkRules(signal, text, preset);
  }

  /** Loads the moderation model now, so that the first check is quick. */
  loadModeration(): Promise<LoadedModelInfo> {
    return this.#bridge.loadModeration();
  }

  /** The assistant's generative model (state/assistant-generator.svelte.ts decides when, with the shopper's yes). */
  loadGenerator(signal: AbortSignal | undefined, spec: ModelSpec, approved: boolean, onProgress?: (p: ProgressInfo) => void): Promise<LoadedModelInfo> {
    return this.#bridge.loadGenerator(signal, spec, approved, onProgress);
  }

  /** Writes an answer with the generative model; only sentences that passed grounding and moderation arrive. */
  generate(signal: AbortSignal | undefined, request: GenerateRequest, onEvent: (e: GenerateEvent) => void): Promise<GenerateSummary> {
    return this.#bridge.generate(signal, request, onEvent);
  }

  /** Removes a model's files from this device. */
  removeModel(spec: ModelSpec): Promise<void> {
    return this.#bridge.removeModel(spec);
  }

  /** Runs the encoder on `device` from now on (kept in the settings): the worker restarts and loads the model there. */
  async setDevice(device: DevicePreference): Promise<boolean> {
    await setSetting('device', device);
    this.device = device;
    this.#bridge.terminate();
    this.state = 'idle';
    this.info = null;
    return this.ensureEncoder();
  }

  /** Stops the worker before everything is deleted; the product vectors are computed again on the next search. */
  stop(): void {
    this.#vectorsGone = true;
    this.#embedding?.abort();
    this.#bridge.terminate();
    this.state = 'idle';
    this.info = null;
  }
}

export const language = new Language();
