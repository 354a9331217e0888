/** The page's handle on the recommender worker. The worker's API type is the protocol; this file imports only types. */
import { transfer } from 'comlink';
import type { RecommenderApi } from '../../../workers/recommender.worker.ts';
import type { PersonalStatus } from '../../shared/personal.ts';
import type { LoadOptions } from '../../shared/catalog/load.ts';
import type { CategoryNode } from '../../shared/catalog/facets.ts';
import type { CatalogHead, Product } from '../../shared/catalog/types.ts';
import type { CatalogSummary } from '../../storage/catalogs.ts';
import type { Profile } from '../../shared/profile.ts';
import type { BrowseRequest, BrowseResult, CatalogExtras, CatalogParseOutcome, MerchantModelInfo, Recommendation, Recommender, RecommenderStatus, ShelfRequest, VectorSeedReport } from '../../shared/protocol/recommender.ts';
import type { SearchRequest, SearchResponse } from '../../shared/search.ts';
import type { AssistReply, AssistRequest, PolicyDocument } from '../../shared/protocol/assistant.ts';
import { backendFromQuery, type BackendPreference } from '../../shared/training.ts';
import { getSetting } from '../../storage/settings.ts';
import { OriginWorker as Worker } from './origin-worker.ts';
import type { CatalogCsvPreview } from '../../shared/catalog/load.ts';
import { WorkerBridge } from './worker-bridge.ts';

export type CatalogPreviewOutcome = { ok: true; preview: CatalogCsvPreview | null } | { ok: false; message: string };

export class RecommenderBridge extends WorkerBridge<RecommenderApi> implements Recommender {
  /** The catalog the worker holds: its products, or null when the worker reads them from IndexedDB itself. */
  #catalog: { id: string; products: Product[] | null; extras?: CatalogExtras } | null = null;
  #policies: PolicyDocument[] | null = null;

  constructor(idleMs = 60_000) {
    super(() => new Worker(new URL('../../../workers/recommender.worker.ts', import.meta.url), { type: 'module', name: 'recommender' }), {
      idleMs,
      // It holds the catalog and the indexes built from it: letting it go after a quiet minute made the next screen wait
      // for the whole catalog to be sent and indexed again (13 s at 100,000 products, with a long task on this thread).
      keepAlive: () => this.#catalog !== null,
      // A restarted worker (after an abort or the idle timeout) gets the catalog again before anything else.
      onStart: async (remote) => {
        await remote.setModelBackend(backendFromQuery(location.search) ?? (await getSetting('modelBackend').catch(() => 'auto' as const)));
        const catalog = this.#catalog;
        if (catalog) await (catalog.products ? remote.setCatalog(catalog.id, catalog.products, catalog.extras) : remote.useStoredCatalog(catalog.id, catalog.extras));
        if (this.#policies) await remote.setPolicies(this.#policies).catch(() => undefined);
      },
    });
  }

  async setCatalog(signal: AbortSignal | undefined, catalogId: string, products: Product[], extras?: CatalogExtras): Promise<void> {
    this.#catalog = { id: catalogId, products, extras };
    if (this.running) await this.call(signal, (r) => r.setCatalog(catalogId, products, extras));
  }

  /**
   * The catalog stored in IndexedDB under `catalogId`: the worker reads it there, with its rules and search words (no
   * product crosses to or from the page), and answers with everything but the products; null when none is stored.
   */
  async setStoredCatalog(signal: AbortSignal | undefined, catalogId: string): Promise<CatalogHead | null> {
    // Not kept until the worker holds it: a worker started by this call then reads it once, not twice.
    this.#catalog = null;
    const head = await this.call(signal, (r) => r.useStoredCatalog(catalogId));
    this.#catalog = head ? { id: catalogId, products: null } : null;
    return head;
  }

  /** The catalog's products with these ids (null for an id it does not have). */
  products(ids: readonly string[]): Promise<Array<Product | null>> {
    return this.call(undefined, (r) => r.products(ids), 'ignore');
  }

  /** A variant group's products, in catalog order. */
  variants(group: string): Promise<Product[]> {
    return this.call(undefined, (r) => r.variants(group), 'ignore');
  }

  /** The stored catalogs, without their products, listed in the worker. */
  catalogSummaries(): Promise<CatalogSummary[]> {
    return this.call(undefined, (r) => r.catalogSummaries(), 'ignore');
  }

  /** `limit` products from position `offset`, and how many the catalog has. */
  productRange(offset: number, limit: number): Promise<{ products: Product[]; total: number }> {
    return this.call(undefined, (r) => r.productRange(offset, limit), 'ignore');
  }

  /** The catalog's category tree, built in the worker (starting it, with the catalog, when it is not running). */
  categoryTree(signal?: AbortSignal): Promise<CategoryNode[]> {
    return this.call(signal, (r) => r.categoryTree(), 'ignore');
  }

  /** Where the shopper's model trains from its next update on (a running worker switches; a new one reads the setting). */
  async setModelBackend(preference: BackendPreference): Promise<void> {
    if (this.running) await this.call(undefined, (r) => r.setModelBackend(preference));
  }

  /** The shopper's interests with their evidence. */
  profile(signal?: AbortSignal): Promise<Profile> {
    return this.call(signal, (r) => r.profile(), 'ignore');
  }

  recommend(signal: AbortSignal | undefined, request: ShelfRequest): Promise<Recommendation[]> {
    return this.call(signal, (r) => r.recommend(request), 'ignore');
  }

  recommendMany(signal: AbortSignal | undefined, requests: ShelfRequest[]): Promise<Recommendation[][]> {
    return this.call(signal, (r) => r.recommendMany(requests), 'ignore');
  }

  /** Parses and validates a catalog file in the worker; a rejected file comes back with its issues. */
  /** `content`: the file's bytes (transferred; the worker finds the encoding) or its text. */
  previewCatalog(signal: AbortSignal | undefined, fileName: string, content: string | ArrayBuffer): Promise<CatalogPreviewOutcome> {
    return this.call<CatalogPreviewOutcome>(signal, (r) => r.previewCatalog(fileName, content) as Promise<CatalogPreviewOutcome>);
  }

  parseCatalog(signal: AbortSignal | undefined, fileName: string, content: string | ArrayBuffer, options: LoadOptions): Promise<CatalogParseOutcome> {
    return this.call<CatalogParseOutcome>(signal, (r) => r.parseCatalog(fileName, typeof content === 'string' ? content : transfer(content, [content]), options));
  }

  /** One page of a category, filtered and sorted in the worker. */
  browse(signal: AbortSignal | undefined, request: BrowseRequest): Promise<BrowseResult> {
    return this.call(signal, (r) => r.browse(request), 'ignore');
  }

  search(signal: AbortSignal | undefined, request: SearchRequest): Promise<SearchResponse> {
    return this.call(signal, (r) => r.search(request), 'ignore');
  }

  /** One assistant turn: understanding and an answer made of tool results (a quick call: an abort drops its result). */
  assist(signal: AbortSignal | undefined, request: AssistRequest): Promise<AssistReply> {
    return this.call(signal, (r) => r.assist(request), 'ignore');
  }

  /** The merchant's policy documents; a restarted worker gets them again before anything else. */
  async setPolicies(docs: PolicyDocument[]): Promise<number> {
    this.#policies = docs;
    return this.call(undefined, (r) => r.setPolicies(docs));
  }

  suggest(signal: AbortSignal | undefined, prefix: string, limit?: number): Promise<string[]> {
    return this.call(signal, (r) => r.suggest(prefix, limit), 'ignore');
  }

  /** Lets the shopper's model learn from new events (long: an abort stops the worker). */
  updatePersonalModel(signal?: AbortSignal): Promise<PersonalStatus> {
    return this.call(signal, (r) => r.updatePersonalModel());
  }

  /** Puts a pre-trained model file in use as the shopper's model's starting point (the worker checks it). */
  useMerchantModel(signal: AbortSignal | undefined, data: unknown): Promise<MerchantModelInfo> {
    return this.call(signal, (r) => r.useMerchantModel(data));
  }

  merchantModel(): Promise<MerchantModelInfo | null> {
    return this.call(undefined, (r) => r.merchantModel());
  }

  dropMerchantModel(): Promise<void> {
    return this.call(undefined, (r) => r.dropMerchantModel());
  }

  personalStatus(): Promise<PersonalStatus> {
    return this.call(undefined, (r) => r.personalStatus(), 'ignore');
  }

  seedVectors(): Promise<VectorSeedReport> {
    return this.call(undefined, (r) => r.seedVectors(), 'ignore');
  }

  status(): Promise<RecommenderStatus> {
    return this.call(undefined, (r) => r.status());
  }

  dispose(): void {
    this.terminate();
  }
}
