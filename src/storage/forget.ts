/**
 * "Delete everything": every IndexedDB database of this origin (Aisle's own, TF.js's `tensorflowjs` model store,
 * any other), every Cache Storage cache (app shell, models, Transformers.js), localStorage and sessionStorage.
 * Open connections in other tabs and workers close themselves when asked (db.ts `blocking`); callers terminate their
 * own workers first.
 */
import { ChangeKind, announce } from './changes.ts';
import { DB_NAME, closeDb } from './db.ts';
import { describeError } from '../shared/errors.ts';
import { count } from '../shared/format.ts';
import { isAisleCache } from '../shared/caches.ts';

/** TF.js's own IndexedDB database for `indexeddb://` model saves. */
export const TFJS_DB_NAME = 'tensorflowjs';

export interface ForgetReport {
  databases: string[];
  caches: string[];
}

/**
 * `scope`: `'origin'` (the app, which owns its site) deletes every database, cache and web storage of the origin;
 * `'aisle'` (the embed, a guest on a store's site) deletes only Aisle's own databases and caches, never the store's.
 */
export async function forgetEverything(scope: 'origin' | 'aisle' = 'origin'): Promise<ForgetReport> {
  await closeDb();
  const names = new Set([DB_NAME, TFJS_DB_NAME]);
  if (scope === 'origin' && 'databases' in indexedDB) {
    for (const info of await indexedDB.databases()) if (info.name) names.add(info.name);
  }
  const databases: string[] = [];
  // One database that another tab holds open must not stop the rest (caches, other databases) from going.
  const failures: string[] = [];
  for (const name of names) {
    try {
      await deleteDatabase(name);
      databases.push(name);
    } catch (err) {
      failures.push(describeError(err));
    }
  }
  const caches_: string[] = [];
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) {
      if (scope === 'aisle' && !isAisleCache(name)) continue;
      await caches.delete(name);
      caches_.push(name);
    }
  }
  // Page-only stores (this module also compiles for workers, which have neither).
  const page = globalThis as { localStorage?: { clear(): void }; sessionStorage?: { clear(): void } };
  if (scope === 'origin') {
    page.localStorage?.clear();
    page.sessionStorage?.clear();
  }
  announce({ kind: ChangeKind.Forgotten });
  if (failures.length) throw new Error(`${failures.join(' ')} Everything else was deleted (${count(databases.length, 'database')}, ${count(caches_.length, 'cache')}).`);
  return { databases, caches: caches_ };
}

/** Deletes one database, waiting (up to `timeoutMs`) while other connections close themselves. */
function deleteDatabase(name: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    const timer = setTimeout(() => {
      reject(new Error(`Could not delete the "${name}" database: another Aisle tab keeps it open. Close the other Aisle tabs and try again.`));
    }, timeoutMs);
    req.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    req.onerror = () => {
      clearTimeout(timer);
      reject(req.error ?? new Error(`Could not delete the "${name}" database.`));
    };
  });
}
