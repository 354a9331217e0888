/**
 * The catalog in use (the bundled demo store, or one loaded from a file), its category tree, and the shopper's
 * settings that every screen reads. The recommender worker gets the same catalog. A stored catalog (a loaded file, up
 * to 100,000 products and more) is read by the worker itself, never here: the page keeps its head (`catalog`: all but
 * the products) and asks the worker for the products it shows (`product`, `loadProducts`), in a bounded cache. A
 * catalog the page fetched (the demo, an embed's URL) is small and already here, so it is looked up in place.
 */
import { ChangeKind, onStorageChange } from '../../storage/changes.ts';
import { deleteCatalog, saveCatalog, storedCatalogIds } from '../../storage/catalogs.ts';
import { countEvents } from '../../storage/history.ts';
import { getAllSettings, setSetting, type Settings } from '../../storage/settings.ts';
import type { CategoryNode } from '../../shared/catalog/facets.ts';
import type { LoadResult } from '../../shared/catalog/load.ts';
import type { Catalog, CatalogHead, Product, ProductSource } from '../../shared/catalog/types.ts';
import { NO_PREFS, type ProfilePrefs } from '../../shared/profile.ts';
import { describeError, isAbortError } from '../../shared/errors.ts';
import { host } from './host.ts';
import { ProductCache } from './product-cache.svelte.ts';
import { SvelteMap } from 'svelte/reactivity';
import { language } from './language.svelte.ts';
import { recs } from './recs.svelte.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

const DEMO_CATALOG_URL = new URL('./catalog/demo.json', document.baseURI).href;
/** The bundled demo catalog's id (public/catalog/demo.json). */
const DEMO_CATALOG_ID = 'flipkart-demo-v1';

class Shop {
  /** The catalog in use, without its products (`size` says how many). */
  catalog = $state.raw<CatalogHead | null>(null);
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
  /**
   * The products of a catalog the page fetched (the demo, an embed's URL), with their lookups; null for a stored
   * catalog, whose products only the worker holds. Set with `catalog` (which screens read, so they follow it).
   */
  #fetched: { products: Product[]; byId: Map<string, Product>; groups: Map<string, Product[]> } | null = null;
  /** A stored catalog's products the screens asked for, from the worker. */
  readonly #cache = new ProductCache((ids) => recs.products(ids));
  /** A stored catalog's variant groups the product page asked for. */
  readonly #variants = new SvelteMap<string, Product[]>();
  /** Groups asked for and not answered yet (a template reads `variantsOf` again on every change). */
  readonly #askedGroups = new Set<string>();
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

  /**
   * The product with this id in the catalog in use (reactive). For a stored catalog, undefined until the worker has
   * answered (it is asked now, with the other ids read in the same tick), and undefined when the catalog has none.
   */
  product(id: string): Product | undefined {
    if (!this.catalog) return undefined;
    return this.#fetched ? this.#fetched.byId.get(id) : this.#cache.get(id);
  }

  /** Whether `product(id)` has its answer (a product, or "not in this catalog"); reactive. */
  knows(id: string): boolean {
    return this.#fetched !== null || this.#cache.known(id);
  }

  /** Resolves when `product(id)` answers for each of these ids: a screen that shows a list whole waits for it. */
  async loadProducts(ids: readonly string[]): Promise<void> {
    if (this.#fetched || ids.length === 0) return;
    await this.#cache.load(ids);
  }

  /** A product's variants (sizes, colours, styles), itself included; just itself when it has none (reactive). */
  variantsOf(product: Product): Product[] {
    if (!product.group) return [product];
    if (this.#fetched) return this.#fetched.groups.get(product.group) ?? [product];
    const group = product.group;
    const known = this.#variants.get(group);
    if (known) return known;
    if (!this.#askedGroups.has(group)) {
      this.#askedGroups.add(group);
      const catalog = this.catalog;
      recs.variants(group).then(
        (list) => this.catalog === catalog && this.#variants.set(group, list.length > 0 ? list : [product]),
        (err: unknown) => {
          this.#askedGroups.delete(group);
          console.warn(`The product's options could not be read: ${describeError(err)}`);
        },
      );
    }
    return [product];
  }

  /** The products of a catalog the page fetched (small: the demo, an embed's URL); null for a stored catalog. */
  get fetchedProducts(): Product[] | null {
    return this.catalog ? (this.#fetched?.products ?? null) : null;
  }

  /** Where a worker finds the catalog's products: the fetched ones sent along, or the stored catalog's id. */
  get productSource(): ProductSource | null {
    if (!this.catalog) return null;
    return this.#fetched ? { products: this.#fetched.products } : { storedCatalog: this.catalog.id };
  }

  /**
   * Every product of the catalog in use, for the merchant console (its listing check, pricing and training): a stored
   * catalog is read from the worker in pages, yielding to the page between them, so no single task copies it whole.
   */
  async allProducts(onProgress?: (done: number, total: number) => void): Promise<Product[]> {
    const catalog = this.catalog;
    if (!catalog) return [];
    if (this.#fetched) return this.#fetched.products;
    const out: Product[] = [];
    for (let total = Infinity; out.length < total; ) {
      const page = await recs.productRange(out.length, ALL_PRODUCTS_PAGE);
      if (this.catalog !== catalog) throw new DOMException('Another catalog is in use now.', 'AbortError');
      total = page.total;
      if (page.products.length === 0) break;
      out.push(...page.products);
      onProgress?.(out.length, total);
      await new Promise((r) => setTimeout(r, 0));
    }
    return out;
  }

  /** Makes `catalog` the one in use: a fetched one with its products (looked up here), or a stored one's head. */
  #use(catalog: Catalog | CatalogHead, products: Product[] | null): CatalogHead {
    this.#cache.clear();
    this.#variants.clear();
    this.#askedGroups.clear();
    if (products) {
      const groups = new Map<string, Product[]>();
      for (const p of products) {
        if (!p.group) continue;
        const list = groups.get(p.group);
        if (list) list.push(p);
        else groups.set(p.group, [p]);
      }
      this.#fetched = { products, byId: new Map(products.map((p) => [p.id, p])), groups };
    } else this.#fetched = null;
    const { products: _products, ...rest } = catalog as Catalog;
    const head: CatalogHead = { ...rest, size: products?.length ?? (catalog as CatalogHead).size, currency: products?.[0]?.currency ?? (catalog as CatalogHead).currency ?? 'INR' };
    this.catalog = head;
    this.catalogFailed = false;
    this.tree = [];
    return head;
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
      // A stored catalog is read in the worker, which answers with its head; none stored under that id: the demo.
      const stored = wanted ? await recs.useStoredCatalog(wanted) : null;
      let head: CatalogHead;
      if (stored) head = this.#use(stored, null);
      else {
        const demo = await fetchDemoCatalog();
        head = this.#use(demo, demo.products);
        await recs.setCatalog(demo);
      }
      void this.#readTree(head);
      // Vectors shipped with the catalog first: when they cover every product, no encoder (and no language worker)
      // loads until the shopper searches.
      void prepareVectors(head, this.productSource!);
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
      const { products, rules, lexicon, head: fileHead } = outcome.result;
      if (products.length === 0) throw new Error(`${url} has no product Aisle can show (${outcome.result.report.skipped} rows were left out)`);
      const catalog: Catalog = {
        id: fileHead?.id ?? `url:${url}`,
        name: fileHead?.name ?? name,
        source: { name: fileHead?.name ?? name, licence: 'provided by the merchant', attribution: url },
        products,
        ...(rules ? { rules } : {}),
        ...(lexicon ? { lexicon } : {}),
        ...(fileHead?.model ? { model: fileHead.model } : {}),
        ...(fileHead?.vectors ? { vectors: fileHead.vectors } : {}),
      };
      this.#loadedUrl = url;
      const head = this.#use(catalog, catalog.products);
      await recs.setCatalog(catalog, url);
      void this.#readTree(head);
      void prepareVectors(head, this.productSource!);
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
  async #readTree(catalog: CatalogHead): Promise<void> {
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
    for (const old of await storedCatalogIds()) if (old !== id) await deleteCatalog(old);
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
async function prepareVectors(catalog: CatalogHead, products: ProductSource): Promise<void> {
  const [seeded] = await Promise.all([
    recs.seedVectors().catch((err: unknown) => {
      console.warn(describeError(err));
      return null;
    }),
    language.readSettings(),
  ]);
  if (seeded?.covered && catalog.vectors?.model === language.encoder.id) language.coveredCatalog(products);
  else language.scheduleCatalogEmbedding(products);
}

async function fetchDemoCatalog(): Promise<Catalog> {
  const res = await fetch(DEMO_CATALOG_URL);
  if (!res.ok) throw new Error(`the demo catalog answered ${res.status}; reload the page`);
  return (await res.json()) as Catalog;
}

/** How many products one call reads when the page needs every product (the console): about 2 MB to copy. */
const ALL_PRODUCTS_PAGE = 2000;

export const shop = new Shop();
