/**
 * Owns the recommender bridge (the worker's only handle on the page side): shelves, search, the shopper's profile
 * and model, and catalog files. Screens call these methods and never the bridge; shelves re-ask whenever the history
 * changes (here or in another tab). Nothing here assumes which page hosts it: the app and the embed both mount it.
 */
import { RecommenderBridge } from '../bridges/recommender.ts';
import { ChangeKind, onStorageChange } from '../../storage/changes.ts';
import { getSetting, setSetting } from '../../storage/settings.ts';
import type { LoadOptions } from '../../shared/catalog/load.ts';
import type { CategoryNode } from '../../shared/catalog/facets.ts';
import type { Catalog, CatalogHead, Product } from '../../shared/catalog/types.ts';
import type { CatalogSummary } from '../../storage/catalogs.ts';
import type { PersonalStatus } from '../../shared/personal.ts';
import type { Profile } from '../../shared/profile.ts';
import type { BrowseRequest, BrowseResult, CatalogParseOutcome, MerchantModelInfo, Recommendation, ShelfRequest, VectorSeedReport } from '../../shared/protocol/recommender.ts';
import type { SearchRequest, SearchResponse } from '../../shared/search.ts';
import type { AssistReply, AssistRequest, PolicyDocument } from '../../shared/protocol/assistant.ts';
import type { BackendPreference } from '../../shared/training.ts';
import { sameOriginUrl } from '../../shared/url.ts';

class Recs {
  /** Bumped on every history change: shelves depend on it and refresh. */
  version = $state(0);
  /** Counts the catalogs the worker has been given: a screen that asks the worker about the catalog waits for it. */
  catalogVersion = $state(0);
  /** Where the shopper's model trains and ranks (a setting; `?backend=` in the URL overrides it in the worker). */
  modelBackend = $state<BackendPreference>('auto');
  readonly #bridge = new RecommenderBridge();

  constructor() {
    onStorageChange((c) => {
      if (c.kind !== ChangeKind.Settings && c.kind !== ChangeKind.Catalog && c.kind !== ChangeKind.Reviews && c.kind !== ChangeKind.Chats) this.version++;
    });
  }

  /** A catalog the page fetched. `fileUrl`: where its file came from (default: the demo's place beside the page). */
  async setCatalog(catalog: Catalog, fileUrl?: string): Promise<void> {
    // A pre-trained model's URL is relative to the catalog file (the demo's sits beside the page), and only ever on
    // the catalog's own site.
    const base = new URL(fileUrl ?? './catalog/', document.baseURI);
    const modelUrl = catalog.model ? sameOriginUrl(catalog.model, base)?.href : undefined;
    const vectorsUrl = catalog.vectors ? sameOriginUrl(catalog.vectors.file, base)?.href : undefined;
    const vectors = vectorsUrl && catalog.vectors ? { url: vectorsUrl, model: catalog.vectors.model } : undefined;
    const extras = { rules: catalog.rules, lexicon: catalog.lexicon, modelUrl, vectors };
    await this.#bridge.setCatalog(undefined, catalog.id, catalog.products, extras);
    this.version++;
    this.catalogVersion++;
  }

  /**
   * The catalog stored in IndexedDB under `id` (a loaded file): the worker reads it there and answers with everything
   * but its products, which the page then asks for by id (`products`); null when no catalog is stored under that id.
   */
  async useStoredCatalog(id: string): Promise<CatalogHead | null> {
    const head = await this.#bridge.setStoredCatalog(undefined, id);
    if (head) {
      this.version++;
      this.catalogVersion++;
    }
    return head;
  }

  /** The products of the catalog in use with these ids (null where it has none). */
  products(ids: readonly string[]): Promise<Array<Product | null>> {
    return this.#bridge.products(ids);
  }

  /** A variant group's products, in catalog order. */
  variants(group: string): Promise<Product[]> {
    return this.#bridge.variants(group);
  }

  /** The stored catalogs, without their products (listed in the worker: a large one is never read on the page). */
  catalogSummaries(): Promise<CatalogSummary[]> {
    return this.#bridge.catalogSummaries();
  }

  /** `limit` products of the catalog in use from position `offset`, and how many it has. */
  productRange(offset: number, limit: number): Promise<{ products: Product[]; total: number }> {
    return this.#bridge.productRange(offset, limit);
  }

  /** The catalog's category tree, built in the worker. */
  categoryTree(): Promise<CategoryNode[]> {
    return this.#bridge.categoryTree();
  }

  /** Starts the worker now (it loads while the page fetches a catalog), so the catalog's parse does not wait for it. */
  warmUp(): void {
    this.#bridge.status().catch(() => {
      /* the call that needs it reports the failure */
    });
  }

  /** Stores the catalog's shipped product vectors (so that no encoder loads for them); a failure is only reported. */
  seedVectors(): Promise<VectorSeedReport> {
    return this.#bridge.seedVectors();
  }

  shelves(signal: AbortSignal, requests: ShelfRequest[]): Promise<Recommendation[][]> {
    return this.#bridge.recommendMany(signal, requests);
  }

  /** One page of a category for the Catalog screen, filtered and sorted in the worker, with the filter counts. */
  browse(signal: AbortSignal, request: BrowseRequest): Promise<BrowseResult> {
    return this.#bridge.browse(signal, request);
  }

  search(signal: AbortSignal, request: SearchRequest): Promise<SearchResponse> {
    return this.#bridge.search(signal, request);
  }

  /** One assistant turn (assistant.svelte.ts): the worker understands and answers from its tools. */
  assist(signal: AbortSignal, request: AssistRequest): Promise<AssistReply> {
    return this.#bridge.assist(signal, request);
  }

  /** The merchant's policy documents for the assistant; returns how many entries they hold. */
  setPolicies(docs: PolicyDocument[]): Promise<number> {
    return this.#bridge.setPolicies(docs);
  }

  /** Autocomplete: completions of the last word from the catalog's own vocabulary. */
  suggest(signal: AbortSignal, prefix: string, limit: number): Promise<string[]> {
    return this.#bridge.suggest(signal, prefix, limit);
  }

  /** What Aisle thinks the shopper likes, with the evidence. */
  profile(signal: AbortSignal): Promise<Profile> {
    return this.#bridge.profile(signal);
  }

  /** Lets the shopper's own model learn from the history it has not seen yet. */
  updatePersonalModel(): Promise<PersonalStatus> {
    return this.#bridge.updatePersonalModel();
  }

  /** Makes a pre-trained model file the starting point of the shopper's model here (checked against the catalog). */
  useMerchantModel(data: unknown): Promise<MerchantModelInfo> {
    return this.#bridge.useMerchantModel(undefined, data);
  }

  /** The console's model in use for the shop's catalog, or null. */
  merchantModel(): Promise<MerchantModelInfo | null> {
    return this.#bridge.merchantModel();
  }

  dropMerchantModel(): Promise<void> {
    return this.#bridge.dropMerchantModel();
  }

  async readModelBackend(): Promise<void> {
    this.modelBackend = await getSetting('modelBackend');
  }

  /** Where the shopper's model trains and ranks (TF.js backend), kept in the settings, from its next update on. */
  async setModelBackend(preference: BackendPreference): Promise<void> {
    this.modelBackend = preference;
    await setSetting('modelBackend', preference);
    await this.#bridge.setModelBackend(preference);
  }

  /**
   * Reads and validates a catalog file in the worker (its bytes are transferred: the worker detects the encoding); a
   * rejected file comes back with its row-by-row issues.
   */
  /** A CSV catalog's header, guessed column mapping and first rows, read in the worker. */
  previewCatalog(fileName: string, content: string | ArrayBuffer) {
    return this.#bridge.previewCatalog(undefined, fileName, content);
  }

  parseCatalog(fileName: string, content: string | ArrayBuffer, options: LoadOptions): Promise<CatalogParseOutcome> {
    return this.#bridge.parseCatalog(undefined, fileName, content, options);
  }

  /** Stops the worker (before "delete everything", so it holds no database open). */
  stop(): void {
    this.#bridge.terminate();
  }
}

export const recs = new Recs();
