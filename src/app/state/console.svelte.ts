/**
 * The merchant console's shared state: the catalog file the merchant imported in this session (checked, not yet or
 * already in use), which the listing check, training features and pricing categories read. The parsing itself runs in
 * the recommender worker (`recs.parseCatalog`); switching the shop to it goes through `shop.useCatalogFile`.
 */
import type { LoadResult } from '../../shared/catalog/load.ts';
import type { Product } from '../../shared/catalog/types.ts';
import { shop } from './shop.svelte.ts';

class ConsoleState {
  /** The last catalog file that passed the check, with its file name. */
  imported = $state.raw<{ result: LoadResult; fileName: string } | null>(null);

  /** The products the console works on: the imported file's, else the shop's current catalog. */
  get products(): { products: Product[]; name: string } | null {
    if (this.imported) return { products: this.imported.result.products, name: this.imported.fileName };
    const c = shop.catalog;
    return c ? { products: c.products, name: c.name } : null;
  }

  setImported(result: LoadResult | null, fileName = ''): void {
    this.imported = result ? { result, fileName } : null;
  }
}

export const consoleState = new ConsoleState();
