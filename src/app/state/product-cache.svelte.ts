/**
 * The page's bounded cache of a stored catalog's products: the recommender worker holds the catalog, and the page asks
 * it for the products a screen shows, by id, in batches (a 100,000-product catalog is never read or copied here in one
 * task). Reading an id that is not cached asks the worker for it (with every other id read in the same tick) and
 * returns undefined until it arrives; the read is reactive, so the screen fills in when it does. `load` waits for ids,
 * for screens that would rather show a list whole. The oldest entries go once there are more than `limit`.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { Product } from '../../shared/catalog/types.ts';

export class ProductCache {
  /** null: the catalog has no product with that id. */
  readonly #entries = new SvelteMap<string, Product | null>();
  readonly #inflight = new Map<string, Promise<void>>();
  #queued = new Set<string>();
  #generation = 0;

  constructor(
    readonly fetchMany: (ids: readonly string[]) => Promise<Array<Product | null>>,
    readonly limit = 2000,
  ) {}

  /** The product (reactive); undefined while it is being fetched, or when the catalog has none with this id. */
  get(id: string): Product | undefined {
    if (this.#entries.has(id)) return this.#entries.get(id) ?? undefined;
    if (!this.#inflight.has(id) && !this.#queued.has(id)) {
      this.#queued.add(id);
      // Every id read in this tick (a shelf, a grid) goes to the worker in one call.
      if (this.#queued.size === 1) {
        queueMicrotask(() => {
          const ids = [...this.#queued];
          this.#queued = new Set();
          this.load(ids).catch((err: unknown) => console.warn(`Products could not be read from the catalog: ${err instanceof Error ? err.message : String(err)}`));
        });
      }
    }
    return undefined;
  }

  /** Whether the product's lookup is answered (found or not); reactive. */
  known(id: string): boolean {
    return this.#entries.has(id);
  }

  /** Resolves when every one of these ids is answered (found or not). */
  async load(ids: readonly string[]): Promise<void> {
    const generation = this.#generation;
    const missing = [...new Set(ids)].filter((id) => !this.#entries.has(id) && !this.#inflight.has(id));
    if (missing.length > 0) {
      const fetched = this.fetchMany(missing).then((products) => {
        if (generation !== this.#generation) return;
        missing.forEach((id, i) => this.#entries.set(id, products[i] ?? null));
        // The oldest first (a Map keeps insertion order); what was just asked for is the newest.
        const excess = this.#entries.size - Math.max(this.limit, missing.length);
        if (excess > 0) for (const id of [...this.#entries.keys()].slice(0, excess)) this.#entries.delete(id);
      });
      const settled = fetched.finally(() => {
        for (const id of missing) if (this.#inflight.get(id) === settled) this.#inflight.delete(id);
      });
      for (const id of missing) this.#inflight.set(id, settled);
    }
    await Promise.all(ids.flatMap((id) => this.#inflight.get(id) ?? []));
  }

  /** Products put in by hand (ones a worker's answer carries whole). */
  put(products: readonly Product[]): void {
    for (const p of products) this.#entries.set(p.id, p);
  }

  /** Forgets everything (another catalog is in use): answers still on their way are dropped. */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
    this.#inflight.clear();
    this.#queued = new Set();
  }

  get size(): number {
    return this.#entries.size;
  }
}
