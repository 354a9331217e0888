import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { closeDb } from '../../../src/storage/db.ts';

/** A fresh, empty IndexedDB for each test (fake-indexeddb: pure storage logic only; browser tests use the real one). */
export async function freshIndexedDb(): Promise<void> {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
}
