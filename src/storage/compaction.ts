/**
 * Bounded growth. When the history holds more events than the cap (a setting), the oldest low-value events (views,
 * clicks, dwell, searches) are folded into per-item summaries (itemStats) and removed, down to 80% of the cap.
 * Purchases, carts, ratings and dismissals are what the models and the profile need most; they are kept unless they
 * alone exceed the cap, and then the oldest of them are folded too (dismissals never: no summary keeps them). One transaction: a crash or a full disk leaves
 * the history as it was. One tab at a time (Web Locks), so two tabs never fold the same events twice.
 */
import { EVENT_TYPES, type EventType, type StoredEvent } from '../shared/events.ts';
import { ChangeKind, announce } from './changes.ts';
import { getDb, type ItemStats } from './db.ts';
import { getSetting } from './settings.ts';

/** Event types compaction removes first. */
export const LOW_VALUE: ReadonlySet<EventType> = new Set(['view', 'click', 'dwell', 'search']);
/** What the second sweep may fold: everything but dismissals, which no summary keeps ("not interested" is for good). */
const FOLDABLE: ReadonlySet<EventType> = new Set(EVENT_TYPES.filter((t) => t !== 'dismiss'));
/** Compaction brings the history down to this fraction of the cap, so that it does not run on every event. */
export const COMPACT_TO = 0.8;
export const MIN_CAP = 100;

export interface CompactionReport {
  before: number;
  after: number;
  removed: number;
  /** Items whose summaries were updated. */
  summarised: number;
}

function emptyStats(catalog: string, itemId: string, at: number): ItemStats {
  return { catalog, itemId, views: 0, clicks: 0, dwellMs: 0, addToCart: 0, purchases: 0, firstAt: at, lastAt: at };
}

function fold(stats: ItemStats, e: StoredEvent): void {
  stats.firstAt = Math.min(stats.firstAt, e.at);
  stats.lastAt = Math.max(stats.lastAt, e.at);
  switch (e.type) {
    case 'view':
      stats.views++;
      break;
    case 'click':
      stats.clicks++;
      break;
    case 'dwell':
      stats.dwellMs += e.ms;
      break;
    case 'add-to-cart':
      stats.addToCart += e.quantity;
      break;
    case 'purchase':
      stats.purchases += e.quantity;
      break;
    default:
      break;
  }
}

/** Compacts if the history is over `cap` (default: the historyCap setting). Safe to call often. */
export async function compactHistory(cap?: number): Promise<CompactionReport | null> {
  const limit = Math.max(MIN_CAP, cap ?? (await getSetting('historyCap')));
  const db = await getDb();
  if ((await db.count('events')) <= limit) return null;
  const run = () => compactNow(limit);
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  // If another tab is compacting, it will bring the count down; no need to wait for it.
  const report = locks ? await locks.request('aisle-history-compaction', { ifAvailable: true }, (lock: Lock | null) => (lock ? run() : null)) : await run();
  if (report && report.removed > 0) announce({ kind: ChangeKind.Compacted, removed: report.removed });
  return report;
}

async function compactNow(cap: number): Promise<CompactionReport> {
  const db = await getDb();
  const tx = db.transaction(['events', 'itemStats'], 'readwrite');
  const events = tx.objectStore('events');
  const statsStore = tx.objectStore('itemStats');
  const before = await events.count();
  const target = Math.floor(cap * COMPACT_TO);
  let removed = 0;
  const touched = new Map<string, ItemStats>();

  const statsFor = async (e: StoredEvent): Promise<ItemStats | null> => {
    if (e.type === 'search' || e.type === 'feedback') return null;
    const key = `${e.catalog}\u0000${e.itemId}`;
    let s = touched.get(key);
    if (!s) {
      s = (await statsStore.get([e.catalog, e.itemId])) ?? emptyStats(e.catalog, e.itemId, e.at);
      touched.set(key, s);
    }
    return s;
  };

  const sweep = async (only: ReadonlySet<EventType>) => {
    let cursor = await events.openCursor();
    while (cursor && before - removed > target) {
      const e = cursor.value;
      if (only.has(e.type)) {
        const s = await statsFor(e);
        if (s) fold(s, e);
        await cursor.delete();
        removed++;
      }
      cursor = await cursor.continue();
    }
  };
  // First the oldest low-value events; then, only if the valuable ones alone still exceed the cap, the oldest of the
  // rest except dismissals.
  await sweep(LOW_VALUE);
  if (before - removed > cap) await sweep(FOLDABLE);
  for (const s of touched.values()) await statsStore.put(s);
  await tx.done;
  return { before, after: before - removed, removed, summarised: touched.size };
}

export async function getItemStats(catalog: string): Promise<ItemStats[]> {
  return (await getDb()).getAllFromIndex('itemStats', 'by-catalog', catalog);
}

/** How many items have a summary of compacted history. */
export async function countItemStats(): Promise<number> {
  return (await getDb()).count('itemStats');
}
