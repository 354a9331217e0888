/** Worker methods for reading catalog files: parsing and validating a large file is heavy, so it runs here. */
import { decodeCatalogBytes, loadCatalogBytes, loadCatalogFile, previewCatalogCsv, type CatalogCsvPreview, type LoadOptions } from '../../src/shared/catalog/load.ts';
import type { RowIssue } from '../../src/shared/errors.ts';
import type { BrowseRequest, BrowseResult, CatalogParseOutcome } from '../../src/shared/protocol/recommender.ts';
import { categoryTree, type CategoryNode } from '../../src/shared/catalog/facets.ts';
import { onePerGroup } from '../../src/shared/catalog/variants.ts';
import { Browser } from './browse.ts';
import type { CatalogIndex } from './catalog-index.ts';
import type { Product } from '../../src/shared/catalog/types.ts';
import { listCatalogs, type CatalogSummary } from '../../src/storage/catalogs.ts';
import { recommender } from './instance.ts';

/** `content`: the file's bytes (its encoding is detected) or text already decoded. */
export function parseCatalogFile(fileName: string, content: string | ArrayBuffer | Uint8Array, options: LoadOptions): CatalogParseOutcome {
  try {
    const result = typeof content === 'string' ? loadCatalogFile(fileName, content, options) : loadCatalogBytes(fileName, content instanceof Uint8Array ? content : new Uint8Array(content), options);
    return { ok: true, result };
  } catch (err) {
    if (err instanceof Error && err.name === 'InvalidFileError') {
      return { ok: false, message: err.message, issues: [...((err as Error & { issues?: RowIssue[] }).issues ?? [])] };
    }
    throw err;
  }
}

let browser: { catalog: CatalogIndex; browser: Browser } | null = null;
let tree: { catalog: CatalogIndex; tree: CategoryNode[] } | null = null;
let groups: { catalog: CatalogIndex; groups: Map<string, Product[]> } | null = null;

function requireCatalog(): CatalogIndex {
  const catalog = recommender.catalog;
  if (!catalog) throw new Error('The catalog is still loading. Try again in a moment.');
  return catalog;
}

export const catalogApi = {
  /** The products with these ids (null for an id the catalog does not have): the page asks for the ones it shows. */
  async products(ids: readonly string[]): Promise<Array<Product | null>> {
    const catalog = requireCatalog();
    return ids.map((id) => catalog.get(id)?.product ?? null);
  },

  /** A variant group's products, in catalog order (the product page's options). */
  async variants(group: string): Promise<Product[]> {
    const catalog = requireCatalog();
    if (groups?.catalog !== catalog) {
      const m = new Map<string, Product[]>();
      for (const { product: p } of catalog.items) {
        if (!p.group) continue;
        const list = m.get(p.group);
        if (list) list.push(p);
        else m.set(p.group, [p]);
      }
      groups = { catalog, groups: m };
    }
    return groups.groups.get(group) ?? [];
  },

  /** The stored catalogs, without their products (Your data): read here, where a large one costs the page nothing. */
  async catalogSummaries(): Promise<CatalogSummary[]> {
    return listCatalogs();
  },

  /** `limit` products from position `offset`, in catalog order: the page reads a whole catalog in such pages. */
  async productRange(offset: number, limit: number): Promise<{ products: Product[]; total: number }> {
    const catalog = requireCatalog();
    return { products: catalog.items.slice(offset, offset + limit).map((i) => i.product), total: catalog.items.length };
  },

  /**
   * The catalog's category tree, counting a product with variants once (as the lists show it): built here, once per
   * catalog, so that the page does not walk every product on its main thread (at 100,000 products that was a long task).
   */
  async categoryTree(): Promise<CategoryNode[]> {
    const catalog = recommender.catalog;
    if (!catalog) throw new Error('The catalog is still loading. Try again in a moment.');
    if (tree?.catalog !== catalog) tree = { catalog, tree: categoryTree(onePerGroup(catalog.items.map((i) => i.product))) };
    return tree.tree;
  },

  /** One page of a category, filtered and sorted here, with the filter counts (workers/recommender/browse.ts). */
  async browse(request: BrowseRequest): Promise<BrowseResult> {
    const catalog = recommender.catalog;
    if (!catalog) throw new Error('The catalog is still loading. Try again in a moment.');
    if (browser?.catalog !== catalog) browser = { catalog, browser: new Browser(catalog.items.map((i) => i.product)) };
    return browser.browser.browse(request);
  },

  /** A CSV catalog's header, guessed mapping and first rows (for the console's column mapping); a JSON file gives null. */
  async previewCatalog(fileName: string, content: string | ArrayBuffer): Promise<{ ok: true; preview: CatalogCsvPreview | null } | { ok: false; message: string }> {
    if (/\.json$/i.test(fileName)) return { ok: true, preview: null };
    try {
      const text = typeof content === 'string' ? content : decodeCatalogBytes(new Uint8Array(content)).text;
      if (/^\s*[[{]/.test(text.slice(0, 200))) return { ok: true, preview: null };
      return { ok: true, preview: previewCatalogCsv(text) };
    } catch (err) {
      if (err instanceof Error && err.name === 'InvalidFileError') return { ok: false, message: err.message };
      throw err;
    }
  },
  async parseCatalog(fileName: string, content: string | ArrayBuffer, options: LoadOptions): Promise<CatalogParseOutcome> {
    return parseCatalogFile(fileName, content, options);
  },
};
