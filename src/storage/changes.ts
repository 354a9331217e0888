/**
 * Storage change notifications, to this context and to every other tab and worker of the same origin
 * (BroadcastChannel), so that two open tabs stay consistent: the cart, the shelves and "Your data" refresh when
 * another tab records, imports, compacts or deletes.
 */

export const enum ChangeKind {
  Events = 'events',
  Settings = 'settings',
  Compacted = 'compacted',
  Imported = 'imported',
  Forgotten = 'forgotten',
  Catalog = 'catalog',
  Embeddings = 'embeddings',
  Reviews = 'reviews',
  Chats = 'chats',
}

export interface EventsChange {
  kind: ChangeKind.Events;
  /** The highest event seq written. */
  lastSeq: number;
  count: number;
}
export interface SettingsChange {
  kind: ChangeKind.Settings;
  key: string;
}
export interface CompactedChange {
  kind: ChangeKind.Compacted;
  removed: number;
}
export interface ImportedChange {
  kind: ChangeKind.Imported;
  events: number;
}
export interface ForgottenChange {
  kind: ChangeKind.Forgotten;
}
export interface CatalogChange {
  kind: ChangeKind.Catalog;
  catalogId: string;
}
export interface EmbeddingsChange {
  kind: ChangeKind.Embeddings;
  model: string;
}
export interface ReviewsChange {
  kind: ChangeKind.Reviews;
  itemId: string;
}
export interface ChatsChange {
  kind: ChangeKind.Chats;
  chatId: string;
}
export type StorageChange = EventsChange | SettingsChange | CompactedChange | ImportedChange | ForgottenChange | CatalogChange | EmbeddingsChange | ReviewsChange | ChatsChange;

const CHANNEL = 'aisle-storage';
const local = new EventTarget();
let channel: BroadcastChannel | null = null;

function getChannel(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (e: MessageEvent<StorageChange>) => local.dispatchEvent(new CustomEvent('change', { detail: e.data }));
  return channel;
}

export function announce(change: StorageChange): void {
  local.dispatchEvent(new CustomEvent('change', { detail: change }));
  getChannel()?.postMessage(change);
}

/** Calls `listener` for changes made here and in other tabs/workers. Returns the unsubscribe function. */
export function onStorageChange(listener: (change: StorageChange) => void): () => void {
  getChannel();
  const handler = (e: Event) => listener((e as CustomEvent<StorageChange>).detail);
  local.addEventListener('change', handler);
  return () => local.removeEventListener('change', handler);
}
