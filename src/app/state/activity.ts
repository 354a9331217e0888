/**
 * Records what the shopper does. Nothing is recorded in non-personalised mode. A full disk is reported once in the
 * snackbar; the shop keeps working.
 */
import { appendEvents, completeEvent, deleteEvent, eventsOfType, recordEvent } from '../../storage/history.ts';
import type { NewEvent, StoredEvent } from '../../shared/events.ts';
import { host } from './host.ts';
import { shop } from './shop.svelte.ts';
import { toasts } from './toasts.svelte.ts';

/** Records one event; returns it as stored (null when nothing was recorded: non-personalised mode, or a failure). */
export async function track(event: NewEvent): Promise<StoredEvent | null> {
  if (!shop.personalised || !shop.catalog) return null;
  try {
    return await recordEvent(shop.catalog.id, { ...event, context: { page: host.guest ? 'embed' : location.hash.split('?')[0] || '#/', ...event.context } });
  } catch (err) {
    toasts.error(err);
    return null;
  }
}

/** Takes back an event just recorded (the Undo of "Not interested"). */
export async function untrack(event: StoredEvent): Promise<void> {
  try {
    await deleteEvent(event.id);
  } catch (err) {
    toasts.error(err);
  }
}

/** The shopper's latest rating of a product in this catalog (1–5), or 0. */
export async function myRating(itemId: string): Promise<number> {
  if (!shop.catalog) return 0;
  const catalog = shop.catalog.id;
  const mine = (await eventsOfType('rate')).filter((e) => e.catalog === catalog && e.itemId === itemId);
  return mine.at(-1)?.rating ?? 0;
}

/** The lines of an order placed on this device (from its purchase events), in the order they were bought. */
export async function orderLines(orderId: string): Promise<Array<{ itemId: string; quantity: number; price: number }>> {
  return (await eventsOfType('purchase')).filter((e) => e.orderId === orderId).map((e) => ({ itemId: e.itemId, quantity: e.quantity, price: e.price }));
}

/** Records events that belong together (an order's purchases) in one transaction; unlike `track`, a failure is
 * thrown to the caller, which must not report them as recorded. */
export async function trackAll(events: NewEvent[]): Promise<void> {
  if (!shop.personalised || !shop.catalog || events.length === 0) return;
  const catalog = shop.catalog.id;
  await appendEvents(events.map((e) => completeEvent(catalog, e)));
}
