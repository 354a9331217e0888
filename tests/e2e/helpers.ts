import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export interface StoredEventLike {
  seq: number;
  id: string;
  type: string;
  itemId?: string;
  orderId?: string;
  query?: string;
  /** The number of results a search showed. */
  results?: number;
  catalog: string;
}

/** Reads every event straight from the page's IndexedDB (not through the app), so tests check what is really stored. */
export function readEvents(page: Page): Promise<StoredEventLike[]> {
  return page.evaluate(
    () =>
      new Promise<StoredEventLike[]>((resolve, reject) => {
        const req = indexedDB.open('aisle');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains('events')) {
            db.close();
            resolve([]);
            return;
          }
          const get = db.transaction('events').objectStore('events').getAll();
          get.onsuccess = () => {
            db.close();
            resolve(get.result as StoredEventLike[]);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

/** Every database of the origin with its record count per store, and every cache name. */
export function storageInventory(page: Page): Promise<{ databases: Record<string, Record<string, number>>; caches: string[]; localStorage: number }> {
  return page.evaluate(async () => {
    const databases: Record<string, Record<string, number>> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const counts: Record<string, number> = {};
      for (const store of Array.from(db.objectStoreNames)) {
        counts[store] = await new Promise<number>((resolve) => {
          const c = db.transaction(store).objectStore(store).count();
          c.onsuccess = () => resolve(c.result);
        });
      }
      db.close();
      databases[info.name] = counts;
    }
    return { databases, caches: await caches.keys(), localStorage: localStorage.length };
  });
}

/** Opens the app and waits until the store has rendered. */
/** Opens the shop at `hash` and waits until its catalog is loaded (the home screen paints before it arrives). */
export async function openShop(page: Page, hash = '#/'): Promise<void> {
  await page.goto(`./${hash}`);
  await expect(page.locator('main')).not.toHaveAttribute('data-catalog', '');
  // "Opening the store…" in whichever language the page speaks.
  await expect(page.locator('main > .loading')).toHaveCount(0);
}

/** Zero serious or critical axe-core violations (WCAG 2.2 A/AA rules, contrast included), and nothing wider than the screen. */
export async function audit(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  expect(bad, `${screen}: serious or critical accessibility violations`).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen}: the page is wider than the screen by ${overflow} px`).toBeLessThanOrEqual(0);
}

/** Product ids of the cards in one shelf (empty when the shelf is hidden). */
export async function shelfIds(page: Page, kind: string): Promise<string[]> {
  const shelf = page.getByTestId(`shelf-${kind}`);
  if ((await shelf.count()) === 0) return [];
  return shelf.getByTestId('product-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-id')!));
}

/** A product's title as the demo catalog has it (from the page's own catalog file). */
export async function demoProducts(page: Page): Promise<Array<{ id: string; title: string; categoryPath: string[]; price: number; group?: string }>> {
  return page.evaluate(async () => (await (await fetch('./catalog/demo.json')).json()).products);
}
