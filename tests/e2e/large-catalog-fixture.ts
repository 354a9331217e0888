/**
 * A large catalog generated in the page from the demo catalog (each product repeated with a variant word in its title
 * and a jittered price, no variant groups), written straight into IndexedDB as a loaded file would be stored, and made
 * the active catalog. For tests/e2e/large-catalog.e2e.ts (20,000) and scripts/bench-catalog-load.ts (100,000).
 * With `demoAsIs`, the demo catalog itself is stored that way, its variant groups kept. Returns the demo catalog's size.
 */
import type { Page } from 'playwright';

export function storeLargeCatalog(page: Page, n: number, id: string, demoAsIs = false): Promise<number> {
  return page.evaluate(
    async ({ n, id, demoAsIs }) => {
      const demo = (await (await fetch('./catalog/demo.json')).json()) as { products: Array<Record<string, unknown> & { id: string; title: string; price: number }> };
      const variants = ['Black', 'Blue', 'Red', 'Green', 'Grey', 'White', 'Pack of 2', 'Pack of 3', 'Large', 'Small', 'XL', 'Classic', 'Premium', 'Slim', 'Sport'];
      // `demoAsIs`: the demo's own products (variant groups kept), stored as a loaded file; `n` is then ignored.
      const products = demoAsIs
        ? demo.products
        : Array.from({ length: n }, (_, i) => {
            const p = demo.products[i % demo.products.length]!;
            return { ...p, id: `${p.id}-${i}`, title: `${p.title} ${variants[i % variants.length]}`, price: Math.round(p.price * (0.8 + ((i * 7919) % 400) / 1000)), group: undefined, variant: undefined };
          });
      n = products.length;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('aisle');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['catalogs', 'settings'], 'readwrite');
        tx.objectStore('catalogs').put({ id, name: `Large ${n}`, source: { name: 'generated', licence: 'CC BY-SA 4.0', attribution: 'generated from the demo catalog' }, products, importedAt: Date.now(), fileName: `${id}.json`, report: { rows: n, accepted: n, skipped: 0, issues: [], warnings: [] } });
        tx.objectStore('settings').put(id, 'activeCatalog');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return demo.products.length;
    },
    { n, id, demoAsIs },
  );
}
