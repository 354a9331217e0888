/** Catalogs loaded from files, kept across reloads. The bundled demo catalog is a static file and is not stored. */
import { ChangeKind, announce } from './changes.ts';
import { getDb, type StoredCatalog } from './db.ts';
import { withQuotaCheck } from './quota.ts';
import type { Product, ProductSource } from '../shared/catalog/types.ts';

export type { StoredCatalog };

export async function saveCatalog(catalog: StoredCatalog): Promise<void> {
  const db = await getDb();
  await withQuotaCheck('the catalog', () => db.put('catalogs', catalog));
  announce({ kind: ChangeKind.Catalog, catalogId: catalog.id });
}

export async function getCatalog(id: string): Promise<StoredCatalog | undefined> {
  return (await getDb()).get('catalogs', id);
}

export type CatalogSummary = Pick<StoredCatalog, 'id' | 'name' | 'importedAt' | 'fileName'> & { products: number };

/** Summaries already read: a stored catalog never changes under its id (a new file gets a new id). */
const summaries = new Map<string, CatalogSummary>();

/** The ids of the stored catalogs (nothing else is read). */
export async function storedCatalogIds(): Promise<string[]> {
  return (await getDb()).getAllKeys('catalogs');
}

/**
 * The stored catalogs, without their products: each one is read in full only the first time it is listed, so the page
 * asks the recommender worker to list them (`recs.catalogSummaries`), and never reads a large one on its own thread.
 */
export async function listCatalogs(): Promise<CatalogSummary[]> {
  const db = await getDb();
  const ids = await db.getAllKeys('catalogs');
  for (const id of [...summaries.keys()]) if (!ids.includes(id)) summaries.delete(id);
  for (const id of ids) {
    if (summaries.has(id)) continue;
    const c = await db.get('catalogs', id);
    if (c) summaries.set(id, { id: c.id, name: c.name, importedAt: c.importedAt, fileName: c.fileName, products: c.products.length });
  }
  return ids.flatMap((id) => summaries.get(id) ?? []);
}

export async function deleteCatalog(id: string): Promise<void> {
  await (await getDb()).delete('catalogs', id);
  announce({ kind: ChangeKind.Catalog, catalogId: id });
}

/**
 * A catalog's products wherever they are (src/shared/catalog/types.ts ProductSource): the workers read a stored
 * catalog here themselves, so that the page never reads or copies every product.
 */
export async function productsOf(source: ProductSource): Promise<readonly Product[]> {
  if ('products' in source) return source.products;
  const stored = await getCatalog(source.storedCatalog);
  if (!stored) throw new Error(`The catalog "${source.storedCatalog}" is no longer stored on this device. Load its file again on the Store screen.`);
  return stored.products;
}
