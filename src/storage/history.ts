/**
 * Behaviour history: append, read, count. Events are idempotent by `id` (a unique index), so a retried write, a
 * second tab or a re-imported file never stores the same event twice.
 */
import { EVENT_TYPES, type BehaviourEvent, type EventType, type NewEvent, type StoredEvent } from '../shared/events.ts';
import { ChangeKind, announce } from './changes.ts';
import { compactHistory, MIN_CAP } from './compaction.ts';
import { getDb } from './db.ts';
import { withQuotaCheck } from './quota.ts';
import { DEFAULT_SETTINGS } from './settings.ts';

/** A random id for this browsing context, grouping its events into a session. */
export const SESSION_ID = randomId();

export function randomId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Fills in id, time, catalog and session. */
export function completeEvent(catalog: string, e: NewEvent): BehaviourEvent {
  return {
    ...e,
    id: e.id ?? randomId(),
    at: e.at ?? Date.now(),
    catalog,
    context: { session: SESSION_ID, ...e.context },
  } as BehaviourEvent;
}

/**
 * Appends events in one transaction. Events whose id is already stored are skipped (not an error). Throws
 * StorageFullError when the disk is full; then nothing of this batch is written and nothing earlier is touched.
 * Returns the events written, with their seq.
 */
export async function appendEvents(events: BehaviourEvent[]): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const db = await getDb();
  const { written, overCap } = await withQuotaCheck('this activity', async () => {
    // The cap and the count are read in the same transaction: compaction is only started when it has work.
    const tx = db.transaction(['events', 'settings'], 'readwrite');
    const store = tx.objectStore('events');
    const byId = store.index('by-id');
    const cap = Math.max(MIN_CAP, ((await tx.objectStore('settings').get('historyCap')) as number | undefined) ?? DEFAULT_SETTINGS.historyCap);
    const before = await store.count();
    const out: StoredEvent[] = [];
    for (const e of events) {
      if ((await byId.getKey(e.id)) !== undefined) continue;
      const seq = await store.add(e as StoredEvent);
      out.push({ ...e, seq } as StoredEvent);
    }
    const over = out.length > 0 && before + out.length > cap;
    await tx.done;
    return { written: out, overCap: over ? cap : null };
  });
  if (written.length) {
    announce({ kind: ChangeKind.Events, lastSeq: written[written.length - 1].seq, count: written.length });
    if (overCap !== null) await compactHistory(overCap).catch((err: unknown) => console.warn('History compaction failed; it will be retried on the next event.', err));
  }
  return written;
}

export async function recordEvent(catalog: string, e: NewEvent): Promise<StoredEvent | null> {
  const [stored] = await appendEvents([completeEvent(catalog, e)]);
  return stored ?? null;
}

/** Every stored event, oldest first. */
export async function allEvents(): Promise<StoredEvent[]> {
  return (await getDb()).getAll('events');
}

/** Events with seq greater than `afterSeq`, oldest first: how a reader catches up incrementally. */
export async function eventsAfter(afterSeq: number): Promise<StoredEvent[]> {
  return (await getDb()).getAll('events', IDBKeyRange.lowerBound(afterSeq, true));
}

/** The most recent `limit` events, newest first. */
export async function recentEvents(limit: number): Promise<StoredEvent[]> {
  const db = await getDb();
  const out: StoredEvent[] = [];
  let cursor = await db.transaction('events').store.openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export async function countEvents(): Promise<number> {
  return (await getDb()).count('events');
}

/** The highest seq stored (0 when empty). */
export async function lastSeq(): Promise<number> {
  const cursor = await (await getDb()).transaction('events').store.openCursor(null, 'prev');
  return cursor?.value.seq ?? 0;
}

export async function countByType(): Promise<Record<EventType, number>> {
  const tx = (await getDb()).transaction('events');
  const index = tx.store.index('by-type');
  const counts = await Promise.all(EVENT_TYPES.map((t) => index.count(t)));
  await tx.done;
  return Object.fromEntries(EVENT_TYPES.map((t, i) => [t, counts[i]])) as Record<EventType, number>;
}

/** Every stored event of one type, oldest first (the `by-type` index). */
export async function eventsOfType<T extends EventType>(type: T): Promise<Array<Extract<StoredEvent, { type: T }>>> {
  return (await (await getDb()).getAllFromIndex('events', 'by-type', type)) as Array<Extract<StoredEvent, { type: T }>>;
}

/**
 * Takes back one event the shopper just recorded (an "Undo" of "Not interested"). Readers rebuild their view of the
 * history, as after compaction, since an event is gone.
 */
export async function deleteEvent(id: string): Promise<boolean> {
  const db = await getDb();
  const tx = db.transaction('events', 'readwrite');
  const key = await tx.store.index('by-id').getKey(id);
  if (key !== undefined) await tx.store.delete(key);
  await tx.done;
  if (key !== undefined) announce({ kind: ChangeKind.Compacted, removed: 1 });
  return key !== undefined;
}
