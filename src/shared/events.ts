/**
 * Behaviour events: everything the shopper does that Aisle learns from. They are stored only in this browser's
 * IndexedDB (src/storage) and never sent anywhere.
 */

export const EVENT_TYPES = [
  'view',
  'click',
  'dwell',
  'search',
  'add-to-cart',
  'remove-from-cart',
  'purchase',
  'rate',
  'dismiss',
  'feedback',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Where the event happened: the screen, and the shelf or list the item was shown in. */
export interface EventContext {
  page?: string;
  /** The shelf or list the item came from, e.g. "similar", "search", "catalog". */
  source?: string;
  /** A random id per browsing session (a tab's lifetime), to group events into sessions. */
  session?: string;
}

interface EventBase {
  /** Globally unique (crypto.randomUUID): the same event is never stored twice, whichever tab or import wrote it. */
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  /** The catalog the item ids belong to. */
  catalog: string;
  context?: EventContext;
}

export interface ViewEvent extends EventBase {
  type: 'view';
  itemId: string;
}
export interface ClickEvent extends EventBase {
  type: 'click';
  itemId: string;
}
export interface DwellEvent extends EventBase {
  type: 'dwell';
  itemId: string;
  /** Time the product page was visible, in milliseconds. */
  ms: number;
}
export interface SearchEvent extends EventBase {
  type: 'search';
  query: string;
  results: number;
}
export interface AddToCartEvent extends EventBase {
  type: 'add-to-cart';
  itemId: string;
  quantity: number;
}
export interface RemoveFromCartEvent extends EventBase {
  type: 'remove-from-cart';
  itemId: string;
  quantity: number;
}
export interface PurchaseEvent extends EventBase {
  type: 'purchase';
  itemId: string;
  quantity: number;
  /** Unit price paid. */
  price: number;
  /** Items bought together share an order id. */
  orderId: string;
}
export interface RateEvent extends EventBase {
  type: 'rate';
  itemId: string;
  /** 1..5 */
  rating: number;
}
/** "Not interested": in one item, or in a whole category (then `category` is set and `itemId` is the item shown). */
export interface DismissEvent extends EventBase {
  type: 'dismiss';
  itemId: string;
  category?: string[];
}

/**
 * Thumbs up (1) or down (-1) on an assistant answer, with the products it showed: the shelves and the shopper's
 * next model update read it as a little interest in them, or a little less.
 */
export interface FeedbackEvent extends EventBase {
  type: 'feedback';
  /** The chat and the answer (turn id) it is about. */
  chat: string;
  turn: string;
  value: 1 | -1;
  /** The products the answer showed (at most 12). */
  items: string[];
}

export type BehaviourEvent =
  | FeedbackEvent
  | ViewEvent
  | ClickEvent
  | DwellEvent
  | SearchEvent
  | AddToCartEvent
  | RemoveFromCartEvent
  | PurchaseEvent
  | RateEvent
  | DismissEvent;

/** An event as stored: `seq` is the database's own increasing key (arrival order on this device). */
export type StoredEvent = BehaviourEvent & { seq: number };

/** Distributive Omit, so that `NewEvent` stays a discriminated union. */
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
/** What callers pass to `recordEvent`: id, time and catalog are filled in. */
export type NewEvent = DistributiveOmit<BehaviourEvent, 'id' | 'at' | 'catalog'> & Partial<Pick<EventBase, 'id' | 'at'>>;
