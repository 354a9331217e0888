/**
 * The catalog in use (the bundled demo store, or one loaded from a file), its category tree, and the shopper's
 * settings that every screen reads. The recommender worker gets the same catalog.
 */
import { ChangeKind, onStorageChange } from '../../storage/changes.ts';
import { deleteCatalog, getCatalog, listCatalogs, saveCatalog } from '../../storage/catalogs.ts';
import { countEvents } from '../../storage/history.ts';
import { getAllSettings, setSetting, type Settings } from '../../storage/settings.ts';
import type { CategoryNode } from '../../shared/catalog/facets.ts';
import type { LoadResult } from '../../shared/catalog/load.ts';
import type { Catalog, Product } from '../../shared/catalog/types.ts';
import { NO_PREFS, type ProfilePrefs } from '../../shared/profile.ts';
import { describeError, isAbortError } from '../../shared/errors.ts';
import { host } from './host.ts';
import { language } from './language.svelte.ts';
import { recs } from './recs.svelte.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

const DEMO_CATALOG_URL = new URL('./catalog/demo.json', document.baseURI).href;
/** The bundled demo catalog's id (public/catalog/demo.json). */
const DEMO_CATALOG_ID = 'flipkart-demo-v1';

class Shop {
  catalog = $state.raw<Catalog | null>(null);
  loadError = $state<string | null>(null);
  /** The catalog itself could not be loaded (`loadError` says why, in the page's language); storage errors do not set it. */
  catalogFailed = $state(false);
  personalised = $state(true);
  personalSearch = $state(true);
  /** The shopper's profile edits, applied to every personal shelf at once. */
  prefs = $state.raw<ProfilePrefs>(NO_PREFS);
  historyCap = $state(20_000);
  /**
   * Whether this device has any history: known before the home screen's first paint, so that the personal shelves
   * are laid out only for a shopper who has one (a first visit shows none, and nothing collapses under the reader).
   */
  hasHistory = $state(false);
  byId = $derived(new Map((this.catalog?.products ?? []).map((p) => [p.id, p])));
  /** Each variant group's products, in catalog order. */
  #groups = $derived.by(() => {
    const m = new Map<string, Product[]>();
    for (const p of this.catalog?.products ?? []) if (p.group) m.set(p.group, [...(m.get(p.group) ?? []), p]);
    return m;
  });
  /**
   * The category tree, counting a product with variants once (as the lists show it). Built in the recommender worker
   * (walking every product here was a long task at 100,000); empty until it arrives (the screens show placeholders).
   */
  tree = $state.raw<CategoryNode[]>([]);
  isDemo = $derived(this.catalog?.id === DEMO_CATALOG_ID);

  constructor() {
    onStorageChange((c) => {
      if (c.kind === ChangeKind.Events || c.kind === ChangeKind.Imported) this.hasHistory = true;
      if (c.kind === ChangeKind.Forgotten) this.hasHistory = false;
      if (c.kind === ChangeKind.Settings && ['personalised', 'personalSearch', 'historyCap', 'activeCatalog', 'muted', 'budget'].includes(c.key)) void this.load();
      if (c.kind === ChangeKind.Forgotten || c.kind === ChangeKind.Imported) void this.load();
    });
  }

  product(id: string): Product | undefined {
    return this.byId.get(id);
  }

  /** A product's variants (sizes, colours, styles), itself included; just itself when it has none. */
  variantsOf(product: Product): Product[] {
    return (product.group && this.#groups.get(product.group)) || [product];
  }

  async load(): Promise<void> {
    // A catalog named by URL (the embed) is fetched and parsed while the settings are read.
    const fromUrl = host.catalogUrl ? this.#loadFromUrl(host.catalogUrl) : null;
    let settings: Settings | null = null;
    try {
      settings = await getAllSettings();
      this.personalised = settings.personalised;
      this.personalSearch = settings.personalSearch;
      // A new object only when something changed: every personal shelf asks the worker again when it does.
      if (settings.budget !== this.prefs.budget || settings.muted.join('\u0000') !== this.prefs.muted.join('\u0000')) this.prefs = { muted: settings.muted, budget: settings.budget };
      this.historyCap = settings.historyCap;
      this.hasHistory = (await countEvents()) > 0;
    } catch (err) {
      // Without storage the shop still works, it just cannot remember anything.
      this.loadError = describeError(err);
    }
    if (fromUrl) return fromUrl;
    const wanted = settings?.activeCatalog ?? null;
    if (this.catalog && (wanted ?? DEMO_CATALOG_ID) === this.catalog.id) return;
    try {
      const stored = wanted ? await getCatalog(wanted) : undefined;
      const catalog = stored ?? (await fetchDemoCatalog());
      this.catalog = catalog;
      this.catalogFailed = false;
      this.tree = [];
      await recs.setCatalog(catalog, undefined, stored !== undefined);
      void this.#readTree(catalog);
      // Vectors shipped with the catalog first: when they cover every product, no encoder (and no language worker)
      // loads until the shopper searches.
      void prepareVectors(catalog);
    } catch (err) {
      this.#failed(err);
    }
  }

  /**
   * The catalog a host page names by URL (the embed's `data-catalog`): read and checked row by row in the worker
   * (the same loader as a file on the Store screen), with its id, name, pre-trained model and shipped vectors; images
   * and the files it names are resolved against its URL. A catalog that cannot be read leaves `loadError` set and
   * shows nothing.
   */
  async #loadFromUrl(url: string): Promise<void> {
    if (this.catalog && this.#loadedUrl === url) return;
    recs.warmUp();
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}; check the catalog URL (data-catalog)`);
      const name = new URL(url).pathname.split('/').pop() || 'catalog.json';
      const outcome = await recs.parseCatalog(name, await res.arrayBuffer(), { mode: 'skip', baseUrl: url });
      if (!outcome.ok) throw new Error(`${url} is not a catalog Aisle can read: ${outcome.message}`);
      const { products, rules, lexicon, head } = outcome.result;
      if (products.length === 0) throw new Error(`${url} has no product Aisle can show (${outcome.result.report.skipped} rows were left out)`);
      const catalog: Catalog = {
        id: head?.id ?? `url:${url}`,
        name: head?.name ?? name,
        source: { name: head?.name ?? name, licence: 'provided by the merchant', attribution: url },
        products,
        ...(rules ? { rules } : {}),
        ...(lexicon ? { lexicon } : {}),
        ...(head?.model ? { model: head.model } : {}),
        ...(head?.vectors ? { vectors: head.vectors } : {}),
      };
      this.#loadedUrl = url;
      this.catalog = catalog;
      this.catalogFailed = false;
      this.tree = [];
      await recs.setCatalog(catalog, url);
      void this.#readTree(catalog);
      void prepareVectors(catalog);
    } catch (err) {
      this.#failed(err);
    }
  }

  #loadedUrl: string | null = null;

  #failed(err: unknown): void {
    this.catalogFailed = true;
    this.loadError = i18n.t.common.catalogFailed({ error: describeError(err) });
  }

  /** Asks the worker for the catalog's category tree; kept only if the shop still shows that catalog. */
  async #readTree(catalog: Catalog): Promise<void> {
    try {
      const tree = await recs.categoryTree();
      if (this.catalog === catalog) this.tree = tree;
    } catch (err) {
      if (this.catalog === catalog && !isAbortError(err)) this.#failed(err);
    }
  }

  async setPersonalised(on: boolean): Promise<void> {
    this.personalised = on;
    await setSetting('personalised', on);
  }

  /** Mutes or unmutes an interest; the shelves re-rank at once. */
  async setMuted(key: string, muted: boolean): Promise<void> {
    const next = muted ? [...new Set([...this.prefs.muted, key])] : this.prefs.muted.filter((k) => k !== key);
    this.prefs = { ...this.prefs, muted: next };
    await setSetting('muted', next);
  }

  async setBudget(budget: number | null): Promise<void> {
    this.prefs = { ...this.prefs, budget };
    await setSetting('budget', budget);
  }

  /**
   * Stores a checked catalog file and switches the shop to it. Only the catalog in use is kept: an earlier file cannot
   * be chosen again (load it again instead), so it would only take up space; the shopper's history with it stays. A
   * full disk or any other failure rejects, and the shop keeps the catalog it has.
   */
  async useCatalogFile(result: LoadResult, file: { name: string; storeName: string }): Promise<void> {
    const id = `file-${Date.now().toString(36)}`;
    await saveCatalog({
      id,
      name: file.storeName.trim() || file.name,
      source: { name: file.name, licence: 'provided by the merchant', attribution: `Loaded from ${file.name}` },
      products: result.products,
      rules: result.rules,
      lexicon: result.lexicon,
      importedAt: Date.now(),
      fileName: file.name,
      report: result.report,
    });
    await setSetting('activeCatalog', id);
    for (const old of await listCatalogs()) if (old.id !== id) await deleteCatalog(old.id);
  }

  /** Back to the bundled demo store. */
  async useDemoCatalog(): Promise<void> {
    await setSetting('activeCatalog', null);
  }

  async setPersonalSearch(on: boolean): Promise<void> {
    this.personalSearch = on;
    await setSetting('personalSearch', on);
  }
}

/**
 * Product vectors for search by meaning and the shopper's model: the ones shipped with the catalog are stored first;
 * when they cover every product and the encoder in use is the one that computed them, no encoder (and no language
 * worker) loads until the shopper searches. Otherwise the missing ones are computed in the background when the page
 * is idle.
 */
async function prepareVectors(catalog: Catalog): Promise<void> {
  const [seeded] = await Promise.all([
    recs.seedVectors().catch((err: unknown) => {
      console.warn(describeError(err));
      return null;
    }),
    language.readSettings(),
  ]);
  if (seeded?.covered && catalog.vectors?.model === language.encoder.id) language.coveredCatalog(catalog);
  else language.scheduleCatalogEmbedding(catalog);
}

async function fetchDemoCatalog(): Promise<Catalog> {
  const res = await fetch(DEMO_CATALOG_URL);
  if (!res.ok) throw new Error(`the demo catalog answered ${res.status}; reload the page`);
  return (await res.json()) as Catalog;
}

export const shop = new Shop();
