/** Catalogs loaded from files, kept across reloads. The bundled demo catalog is a static file and is not stored. */
import { ChangeKind, announce } from './changes.ts';
import { getDb, type StoredCatalog } from './db.ts';
import { withQuotaCheck } from './quota.ts';

export type { StoredCatalog };

export async function saveCatalog(catalog: StoredCatalog): Promise<void> {
  const db = await getDb();
  await withQuotaCheck('the catalog', () => db.put('catalogs', catalog));
  announce({ kind: ChangeKind.Catalog, catalogId: catalog.id });
}

export async function getCatalog(id: string): Promise<StoredCatalog | undefined> {
  return (await getDb()).get('catalogs', id);
}

export async function listCatalogs(): Promise<Array<Pick<StoredCatalog, 'id' | 'name' | 'importedAt' | 'fileName'> & { products: number }>> {
  const all = await (await getDb()).getAll('catalogs');
  return all.map((c) => ({ id: c.id, name: c.name, importedAt: c.importedAt, fileName: c.fileName, products: c.products.length }));
}

export async function deleteCatalog(id: string): Promise<void> {
  await (await getDb()).delete('catalogs', id);
  announce({ kind: ChangeKind.Catalog, catalogId: id });
}
