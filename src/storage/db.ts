/**
 * The one module that owns Aisle's IndexedDB database: its schema, its version, its migrations and its connection.
 * Everything else calls the repository functions beside it (history.ts, settings.ts, checkpoints.ts, ...).
 *
 * Runs on the page and in workers alike (IndexedDB exists in both); no DOM, no worker globals.
 *
 * Migrations are append-only `if (oldVersion < N)` steps. Never edit a released step: add a new one, add its fixture
 * to tests/unit/storage/migrations.test.ts, and bump DB_VERSION.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Catalog } from '../shared/catalog/types.ts';
import type { LoadReport } from '../shared/catalog/load.ts';
import type { EventType, StoredEvent } from '../shared/events.ts';
import type { ExportedChat, ExportedItemStats, ExportedReview } from '../shared/export-format.ts';
import type { NamedWeights } from '../shared/training.ts';
import { describeError, StorageBlockedError, StorageUnavailableError } from '../shared/errors.ts';

export const DB_NAME = 'aisle';
export const DB_VERSION = 5;

/** A model checkpoint: named weight tensors plus whatever the model needs to rebuild itself. */
export interface CheckpointRecord {
  /** e.g. "sasrec:<catalog id>" */
  id: string;
  savedAt: number;
  /** The model's configuration, enough to rebuild it before loading the weights. */
  config: unknown;
  /** Free-form: training step, epoch, metrics, the last event seq it has seen, the backend it trained on. */
  meta: Record<string, unknown>;
  weights: NamedWeights;
}

export interface AisleDBv1 extends DBSchema {
  events: {
    key: number;
    value: StoredEvent;
    indexes: { 'by-id': string; 'by-time': number; 'by-item': string };
  };
  settings: { key: string; value: unknown };
  checkpoints: { key: string; value: CheckpointRecord };
}

/**
 * What compaction keeps of the events it removes: per item, counts and times, so that popularity and the profile's
 * evidence ("12 views") survive after the raw events are gone.
 */
export type ItemStats = ExportedItemStats;

/** A catalog the merchant or shopper loaded from a file, kept so that it is still there after a reload. */
export interface StoredCatalog extends Catalog {
  importedAt: number;
  fileName: string;
  report: LoadReport;
}

/** v2: compaction summaries (itemStats), imported catalogs, and an index of events by type. */
export interface AisleDBv2 extends DBSchema {
  events: {
    key: number;
    value: StoredEvent;
    indexes: { 'by-id': string; 'by-time': number; 'by-item': string; 'by-type': EventType };
  };
  settings: AisleDBv1['settings'];
  checkpoints: AisleDBv1['checkpoints'];
  itemStats: { key: [string, string]; value: ItemStats; indexes: { 'by-catalog': string } };
  catalogs: { key: string; value: StoredCatalog };
}

/** A text embedding, keyed by the model that made it and a hash of the text it was made from. */
export interface EmbeddingRecord {
  model: string;
  /** Hex SHA-256 (first 128 bits) of the embedded text: a product's text change means a new key. */
  hash: string;
  vector: Float32Array;
  at: number;
}

/** v3: the embeddings cache (product text embeddings by model and text hash). */
export interface AisleDBv3 extends AisleDBv2 {
  embeddings: { key: [string, string]; value: EmbeddingRecord; indexes: { 'by-model': string } };
}

/** A review or question the shopper posted, stored exactly as it is exported. */
export type ReviewRecord = ExportedReview;

/** v4: reviews and questions the shopper posted. */
export interface AisleDBv4 extends AisleDBv3 {
  reviews: { key: string; value: ReviewRecord; indexes: { 'by-item': [string, string] } };
}

/** A conversation with the assistant, stored exactly as it is exported. */
export type ChatRecord = ExportedChat;

/** v5: the assistant's conversations. */
export interface AisleDBv5 extends AisleDBv4 {
  chats: { key: string; value: ChatRecord; indexes: { 'by-updated': number } };
}

export type AisleDB = AisleDBv5;
export type Db = IDBPDatabase<AisleDB>;

/** Things the UI may want to know about the connection. Set by the page; workers leave them unset. */
export const connectionHooks: {
  /** Another tab (or this one) wants a newer version or to delete the database; we closed our connection. */
  onVersionChange?: () => void;
  /** Our upgrade waits for another tab to close. */
  onBlocked?: (err: StorageBlockedError) => void;
  /** The browser closed the connection abnormally (storage cleared, disk error). */
  onTerminated?: (err: StorageUnavailableError) => void;
} = {};

let dbPromise: Promise<Db> | null = null;

type UpgradeTx = IDBPTransaction<AisleDB, StoreNames<AisleDB>[], 'versionchange'>;

/**
 * The migration ladder. Applies every step above `oldVersion` up to `newVersion`, so that tests can create the
 * database exactly as an older release did (`newVersion` = that release's DB_VERSION).
 */
export function upgrade(db: IDBPDatabase<AisleDB>, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  if (oldVersion < 1 && newVersion >= 1) {
    const events = db.createObjectStore('events', { keyPath: 'seq', autoIncrement: true });
    events.createIndex('by-id', 'id', { unique: true });
    events.createIndex('by-time', 'at');
    events.createIndex('by-item', 'itemId');
    db.createObjectStore('settings');
    db.createObjectStore('checkpoints', { keyPath: 'id' });
  }
  if (oldVersion < 2 && newVersion >= 2) {
    // Indexing an existing store indexes the events already in it; nothing to copy.
    tx.objectStore('events').createIndex('by-type', 'type');
    db.createObjectStore('itemStats', { keyPath: ['catalog', 'itemId'] }).createIndex('by-catalog', 'catalog');
    db.createObjectStore('catalogs', { keyPath: 'id' });
  }
  if (oldVersion < 3 && newVersion >= 3) {
    db.createObjectStore('embeddings', { keyPath: ['model', 'hash'] }).createIndex('by-model', 'model');
  }
  if (oldVersion < 4 && newVersion >= 4) {
    db.createObjectStore('reviews', { keyPath: 'id' }).createIndex('by-item', ['catalog', 'itemId']);
  }
  if (oldVersion < 5 && newVersion >= 5) {
    db.createObjectStore('chats', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
  }
}

/** The shared connection, opened on first use and reopened after another tab made us close it. */
export function getDb(): Promise<Db> {
  dbPromise ??= openDB<AisleDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, newVersion, tx) {
      upgrade(db, oldVersion, newVersion ?? DB_VERSION, tx);
    },
    blocked() {
      connectionHooks.onBlocked?.(new StorageBlockedError());
    },
    blocking() {
      // Another context wants to upgrade or delete the database: step aside, reopen lazily on the next call.
      void closeDb();
      connectionHooks.onVersionChange?.();
    },
    terminated() {
      dbPromise = null;
      connectionHooks.onTerminated?.(
        new StorageUnavailableError('The browser closed Aisle\'s storage. Reload the page; if it keeps happening, check that site data is allowed for this site.'),
      );
    },
  }).catch((err: unknown) => {
    dbPromise = null;
    if (err instanceof Error && err.name === 'VersionError') {
      throw new StorageUnavailableError(
        'This device has Aisle data from a newer version of the app. Reload to get the latest version.',
      );
    }
    throw new StorageUnavailableError(
      `Aisle cannot open its storage on this device (${describeError(err)}). ` +
        'Private browsing or a browser setting may block site data; allow it for this site and reload.',
    );
  });
  return dbPromise;
}

export async function closeDb(): Promise<void> {
  const p = dbPromise;
  dbPromise = null;
  if (p) (await p.catch(() => null))?.close();
}
