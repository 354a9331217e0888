/**
 * The merchant console's shared state: the catalog file the merchant imported in this session (checked, not yet or
 * already in use), which the listing check, training features and pricing categories read. The parsing itself runs in
 * the recommender worker (`recs.parseCatalog`); switching the shop to it goes through `shop.useCatalogFile`.
 */
import type { LoadResult } from '../../shared/catalog/load.ts';
import type { CatalogHead, Product } from '../../shared/catalog/types.ts';
import { isAbortError } from '../../shared/errors.ts';
import { toasts } from './toasts.svelte.ts';
import { shop } from './shop.svelte.ts';

class ConsoleState {
  /** The last catalog file that passed the check, with its file name. */
  imported = $state.raw<{ result: LoadResult; fileName: string } | null>(null);

  /** A stored catalog's products, read from the worker in pages when the console first needs them. */
  #shop = $state.raw<{ catalog: CatalogHead; products: Product[] } | null>(null);
  #reading: CatalogHead | null = null;

  /**
   * The products the console works on: the imported file's, else the shop's current catalog (null while a stored
   * catalog's products are being read, page by page, from the worker that holds them).
   */
  get products(): { products: Product[]; name: string } | null {
    if (this.imported) return { products: this.imported.result.products, name: this.imported.fileName };
    const c = shop.catalog;
    if (!c) return null;
    const fetched = shop.fetchedProducts;
    if (fetched) return { products: fetched, name: c.name };
    if (this.#shop?.catalog === c) return { products: this.#shop.products, name: c.name };
    if (this.#reading !== c) {
      this.#reading = c;
      // Not in this read (it may be a template's): the state changes when the pages are in.
      queueMicrotask(() => {
        shop.allProducts().then(
          (products) => shop.catalog === c && (this.#shop = { catalog: c, products }),
          (err: unknown) => {
            if (this.#reading === c) this.#reading = null;
            if (!isAbortError(err)) toasts.error(err);
          },
        );
      });
    }
    return null;
  }

  setImported(result: LoadResult | null, fileName = ''): void {
    this.imported = result ? { result, fileName } : null;
  }
}

export const consoleState = new ConsoleState();
