/**
 * The in-thread recommender: the same object serves the worker (wrapped by shelves-api.ts) and Node tests. It reads
 * the shopper's history straight from IndexedDB (workers can) and keeps an incremental view of it: new events are
 * read by seq; compaction, import and deletion trigger a rebuild.
 */
import { ChangeKind, onStorageChange } from '../../src/storage/changes.ts';
import { ownLocation, sameOriginUrl } from '../../src/shared/url.ts';
import { getItemStats } from '../../src/storage/compaction.ts';
import { allEvents, eventsAfter } from '../../src/storage/history.ts';
import type { Product } from '../../src/shared/catalog/types.ts';
import { InvalidFileError, throwIfAborted } from '../../src/shared/errors.ts';
import { parsePretrained, pretrainedMismatch } from '../../src/shared/pretrained.ts';
import { deleteCheckpoint, loadCheckpoint, saveCheckpoint } from '../../src/storage/checkpoints.ts';
import { seedShippedVectors } from './catalog-vectors.ts';
import type { CatalogExtras, MerchantModelInfo, Recommendation, Recommender, RecommenderStatus, ShelfRequest, VectorSeedReport } from '../../src/shared/protocol/recommender.ts';
import { CatalogIndex } from './catalog-index.ts';
import { HistoryView } from './history-view.ts';
import type { Profile } from '../../src/shared/profile.ts';
import type { MerchantRules } from '../../src/shared/rules.ts';
import type { MerchantLexicon } from '../../src/shared/text/query.ts';
import { affinity, buildProfile } from './profile.ts';
import { shelf } from './shelves.ts';
import type { PersonalStatus } from '../../src/shared/personal.ts';
import type { Personaliser, PretrainedCheckpoint } from './personal/personaliser.ts';

export class LocalRecommender implements Recommender {
  #catalog: CatalogIndex | null = null;
  #history: HistoryView | null = null;
  #rebuild = true;
  #sync: Promise<void> | null = null;
  readonly #unsubscribe: () => void;

  constructor(
    private readonly clock: () => number = Date.now,
    /** The shopper's own model; null to use the simpler recommendations only. */
    readonly personaliser: Personaliser | null = null,
  ) {
    this.#unsubscribe = onStorageChange((change) => {
      switch (change.kind) {
        case ChangeKind.Events:
        case ChangeKind.Settings:
        case ChangeKind.Catalog:
        case ChangeKind.Reviews:
        case ChangeKind.Chats:
          break; // new events are picked up incrementally on the next call
        case ChangeKind.Embeddings:
          this.personaliser?.invalidateFeatures();
          break;
        case ChangeKind.Compacted:
        case ChangeKind.Imported:
          this.#rebuild = true;
          break;
        case ChangeKind.Forgotten:
          this.#rebuild = true;
          this.personaliser?.reset();
          break;
        default: {
          const _exhaustive: never = change;
          void _exhaustive;
        }
      }
    });
  }

  /** The catalog in use (search and the models share it). */
  get catalog(): CatalogIndex | null {
    return this.#catalog;
  }

  #rules: MerchantRules = {};
  #lexicon: MerchantLexicon = {};
  #modelUrl: string | undefined;
  #vectors: CatalogExtras['vectors'];
  #indexKey: string | undefined;

  /** What the catalog in use's search index is stored under, when its products have a lasting name (CatalogExtras). */
  get indexKey(): string | undefined {
    return this.#indexKey;
  }

  /** The merchant's search words for the catalog in use. */
  get lexicon(): MerchantLexicon {
    return this.#lexicon;
  }

  async setCatalog(signal: AbortSignal | undefined, catalogId: string, products: Product[], extras: CatalogExtras = {}): Promise<void> {
    throwIfAborted(signal);
    this.#catalog = new CatalogIndex(catalogId, products);
    this.#rules = extras.rules ?? {};
    this.#lexicon = extras.lexicon ?? {};
    this.#modelUrl = extras.modelUrl;
    this.#vectors = extras.vectors;
    this.#indexKey = extras.indexKey;
    this.personaliser?.invalidateFeatures();
    this.#rebuild = true;
  }

  /** Brings the history view up to date (one sync at a time). */
  async #catchUp(): Promise<HistoryView> {
    const catalog = this.#requireCatalog();
    while (this.#sync) await this.#sync;
    this.#sync = (async () => {
      if (this.#rebuild || !this.#history || this.#history.catalogId !== catalog.catalogId) {
        this.#rebuild = false;
        const view = new HistoryView(catalog.catalogId);
        view.applyStats(await getItemStats(catalog.catalogId));
        view.apply(await allEvents());
        this.#history = view;
      } else {
        this.#history.apply(await eventsAfter(this.#history.lastSeq));
      }
    })().finally(() => {
      this.#sync = null;
    });
    await this.#sync;
    return this.#history!;
  }

  #requireCatalog(): CatalogIndex {
    if (!this.#catalog) throw new Error('The recommender has no catalog yet: call setCatalog first.');
    return this.#catalog;
  }

  /** The history view, up to date (search's personal re-ranking reads it). */
  historyView(): Promise<HistoryView> {
    return this.#catchUp();
  }

  /** The shopper's interests now. */
  async profile(): Promise<Profile> {
    const catalog = this.#requireCatalog();
    return buildProfile(await this.#catchUp(), catalog, this.clock());
  }

  /** A 0..1 match of a product to the shopper's interests (from `history` when the caller has just read it). */
  async affinity(history?: HistoryView): Promise<(p: Product) => number> {
    const catalog = this.#requireCatalog();
    return affinity(buildProfile(history ?? (await this.#catchUp()), catalog, this.clock()), catalog);
  }

  async recommend(signal: AbortSignal | undefined, request: ShelfRequest): Promise<Recommendation[]> {
    return (await this.recommendMany(signal, [request]))[0];
  }

  /** Several shelves in one call: one history sync, one round trip from the page. */
  async recommendMany(signal: AbortSignal | undefined, requests: ShelfRequest[]): Promise<Recommendation[][]> {
    throwIfAborted(signal);
    const catalog = this.#requireCatalog();
    const personal = requests.some((r) => r.personalised);
    const history = personal ? await this.#catchUp() : null;
    throwIfAborted(signal);
    const now = this.clock();
    const wantsModel = history && this.personaliser && requests.some((r) => r.personalised && r.shelf === 'for-you');
    const model = wantsModel ? await this.personaliser!.scores(catalog, history.trail).catch(() => null) : null;
    return requests.map((r) => shelf({ catalog, history: r.personalised ? history : null, now, rules: this.#rules, model: r.personalised ? model : null }, r));
  }

  /** Lets the shopper's model learn from what is new in the history (a no-op when nothing is). */
  async updatePersonalModel(signal?: AbortSignal): Promise<PersonalStatus> {
    throwIfAborted(signal);
    if (!this.personaliser) throw new Error('This recommender has no personal model.');
    const catalog = this.#requireCatalog();
    const history = await this.#catchUp();
    const url = this.#modelUrl;
    // The model the merchant put in use in the console wins over the one the catalog names; both are checked alike.
    const start = async () => (await storedMerchantModel(catalog.catalogId)) ?? (url ? fetchPretrained(url) : null);
    return this.personaliser.update(catalog, history.trail, start);
  }

  /**
   * Makes a pre-trained model file (src/shared/pretrained.ts) the starting point of the shopper's model of the
   * catalog in use, from now on and after a reload: read, checked against the catalog (a content model over its
   * products in its order, with its feature sizes; InvalidFileError saying what to do otherwise), stored as
   * `merchant:<catalog id>`; the shopper's model then starts over from it and learns the whole history again.
   */
  async useMerchantModel(signal: AbortSignal | undefined, data: unknown): Promise<MerchantModelInfo> {
    throwIfAborted(signal);
    if (!this.personaliser) throw new Error('This recommender has no personal model.');
    const catalog = this.#requireCatalog();
    const file = parsePretrained(data);
    const mismatch = pretrainedMismatch(file.config, file.meta, await this.personaliser.fit(catalog));
    if (mismatch) throw new InvalidFileError(mismatch);
    const info: MerchantModelInfo = { catalogId: catalog.catalogId, items: catalog.size, savedAt: Date.now(), steps: typeof file.meta.step === 'number' ? file.meta.step : 0, trainedOn: typeof file.meta.log === 'string' ? file.meta.log : null };
    await saveCheckpoint({ id: merchantCheckpointId(catalog.catalogId), savedAt: info.savedAt, config: file.config, meta: { ...file.meta, merchantModel: info }, weights: file.weights });
    await this.personaliser.restart(catalog);
    return info;
  }

  /** The model the console put in use for the catalog in use, or null (the catalog's own `"model"`, if any, is used). */
  async merchantModel(): Promise<MerchantModelInfo | null> {
    const catalog = this.#catalog;
    if (!catalog) return null;
    const stored = await loadCheckpoint(merchantCheckpointId(catalog.catalogId));
    return (stored?.meta.merchantModel as MerchantModelInfo | undefined) ?? null;
  }

  /** Stops using the console's model: the shopper's model starts over from the catalog's own (or from nothing). */
  async dropMerchantModel(): Promise<void> {
    const catalog = this.#requireCatalog();
    await deleteCheckpoint(merchantCheckpointId(catalog.catalogId));
    await this.personaliser?.restart(catalog);
  }

  /** Stores the catalog's shipped product vectors where they are missing (none shipped: nothing to do). */
  async seedVectors(): Promise<VectorSeedReport> {
    const catalog = this.#requireCatalog();
    return this.#vectors ? seedShippedVectors(catalog, this.#vectors) : { covered: false, shipped: 0, stored: 0, missing: 0, ms: 0 };
  }

  async status(): Promise<RecommenderStatus> {
    return {
      backend: null,
      backendReason: null,
      catalogId: this.#catalog?.catalogId ?? null,
      products: this.#catalog?.size ?? 0,
      events: this.#history?.events ?? 0,
    };
  }

  dispose(): void {
    this.#unsubscribe();
    this.#catalog = null;
    this.#history = null;
  }
}

export function merchantCheckpointId(catalogId: string): string {
  return `merchant:${catalogId}`;
}

async function storedMerchantModel(catalogId: string): Promise<PretrainedCheckpoint | null> {
  const stored = await loadCheckpoint(merchantCheckpointId(catalogId)).catch(() => undefined);
  return stored ? { config: stored.config, meta: stored.meta, weights: stored.weights } : null;
}

/** The merchant's pre-trained model for the catalog (src/shared/pretrained.ts). */
async function fetchPretrained(url: string): Promise<PretrainedCheckpoint | null> {
  // Never from another site (the page checked it too; this also covers callers that did not).
  const here = ownLocation();
  if (here && !sameOriginUrl(url, here)) return null;
  const res = await fetch(url);
  if (!res.ok) return null;
  return parsePretrained(await res.json());
}
