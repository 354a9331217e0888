/** The page's handle on the language worker (Transformers.js models). Imports only the worker's API type. */
import { proxy } from 'comlink';
import type { LanguageApi } from '../../../workers/language.worker.ts';
import type { CatalogEmbeddingReport, DevicePreference, LanguageStatus, ModerationPreset } from '../../shared/protocol/language.ts';
import type { ProductSource } from '../../shared/catalog/types.ts';
import type { CategoryResult, ModerationConfigInput, ModerationResult } from '../../shared/moderation.ts';
import type { EncoderView, QueryUnderstanding } from '../../shared/text/query.ts';
import { DEFAULT_ENCODER, type DownloadPlan, type LoadedModelInfo, type ModelSpec, type ProgressInfo } from '../../shared/models.ts';
import type { GenerateEvent, GenerateRequest, GenerateSummary } from '../../shared/assistant-generation.ts';
import { OriginWorker as Worker } from './origin-worker.ts';
import { WorkerBridge } from './worker-bridge.ts';

export class LanguageBridge extends WorkerBridge<LanguageApi> {
  constructor(modelsBase: string | (() => string), device: () => DevicePreference, idleMs = 5 * 60_000) {
    super(() => new Worker(new URL('../../../workers/language.worker.ts', import.meta.url), { type: 'module', name: 'language' }), {
      // Model workers are costly to warm up: keep them longer than the recommender.
      idleMs,
      onStart: (remote) => remote.configure(typeof modelsBase === 'string' ? modelsBase : modelsBase(), device()),
    });
  }

  status(): Promise<LanguageStatus> {
    return this.call(undefined, (r) => r.status(), 'ignore');
  }

  plan(signal: AbortSignal | undefined, spec: ModelSpec): Promise<DownloadPlan> {
    return this.call(signal, (r) => r.plan(spec), 'ignore');
  }

  /** Loads (downloading if needed and approved) and warms up the encoder. Abort stops the download. */
  loadEncoder(signal: AbortSignal | undefined, spec: ModelSpec = DEFAULT_ENCODER, approved = false, onProgress?: (p: ProgressInfo) => void): Promise<LoadedModelInfo> {
    return this.call(signal, (r) => r.loadEncoder(spec, approved, onProgress ? proxy(onProgress) : undefined));
  }

  /** `approved`: the user agreed to the download of this (remote) model in the UI; never from storage alone. */
  embed(signal: AbortSignal | undefined, texts: string[], spec: ModelSpec = DEFAULT_ENCODER, approved = false): Promise<Float32Array[]> {
    return this.call(signal, (r) => r.embed(texts, spec, approved), 'ignore');
  }

  /** A search query's embedding (none when the encoder does not know most of its words) and what it read. */
  embedQuery(signal: AbortSignal | undefined, understood: QueryUnderstanding, spec: ModelSpec = DEFAULT_ENCODER, approved = false): Promise<{ vector: Float32Array | null; view: EncoderView }> {
    return this.call(signal, (r) => r.embedQuery(understood, spec, approved), 'ignore');
  }

  embedCatalog(signal: AbortSignal | undefined, products: ProductSource, spec: ModelSpec = DEFAULT_ENCODER, approved = false, onProgress?: (done: number, total: number) => void): Promise<CatalogEmbeddingReport & { model: string }> {
    return this.call(signal, (r) => r.embedCatalog(products, spec, approved, onProgress ? proxy(onProgress) : undefined));
  }

  /** Moderates texts; a 'hold' result means the checker could not run (do not post). */
  moderate(signal: AbortSignal | undefined, texts: string[], preset: ModerationPreset = 'review', config?: ModerationConfigInput): Promise<ModerationResult[]> {
    return this.call(signal, (r) => r.moderate(texts, preset, config), 'ignore');
  }

  checkRules(signal: AbortSignal | undefined, text: string, preset: ModerationPreset = 'review', config?: ModerationConfigInput): Promise<CategoryResult[]> {
    return this.call(signal, (r) => r.checkRules(text, preset, config), 'ignore');
  }

  loadModeration(): Promise<LoadedModelInfo> {
    return this.call(undefined, (r) => r.loadModeration());
  }

  /** Loads (downloading with the shopper's yes) the assistant's generative model. Abort stops the download. */
  loadGenerator(signal: AbortSignal | undefined, spec: ModelSpec, approved: boolean, onProgress?: (p: ProgressInfo) => void): Promise<LoadedModelInfo> {
    return this.call(signal, (r) => r.loadGenerator(spec, approved, onProgress ? proxy(onProgress) : undefined));
  }

  /**
   * Writes an answer with the generative model; `onEvent` gets the checked sentences. Abort (the chat's Stop)
   * interrupts the model in the worker, which stays up (its models loaded) for the next answer.
   */
  generate(signal: AbortSignal | undefined, request: GenerateRequest, onEvent: (e: GenerateEvent) => void): Promise<GenerateSummary> {
    signal?.addEventListener('abort', () => void this.call(undefined, (r) => r.stopGenerating(), 'ignore').catch(() => undefined), { once: true });
    return this.call(signal, (r) => r.generate(request, proxy(onEvent)), 'ignore');
  }

  removeModel(spec: ModelSpec): Promise<void> {
    return this.call(undefined, (r) => r.removeModel(spec));
  }
}
