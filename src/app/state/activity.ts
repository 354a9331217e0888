/**
 * Records what the shopper does. Nothing is recorded in non-personalised mode. A full disk is reported once in the
 * snackbar; the shop keeps working.
 */
import { appendEvents, completeEvent, recordEvent } from '../../storage/history.ts';
import type { NewEvent } from '../../shared/events.ts';
import { shop } from './shop.svelte.ts';
import { toasts } from './toasts.svelte.ts';

export async function track(event: NewEvent): Promise<void> {
  if (!shop.personalised || !shop.catalog) return;
  try {
    await recordEvent(shop.catalog.id, { ...event, context: { page: location.hash.split('?')[0] || '#/', ...event.context } });
  } catch (err) {
    toasts.error(err);
  }
}

/** Records events that belong together (an order's purchases) in one transaction; unlike `track`, a failure is
 * thrown to the caller, which must not report them as recorded. */
export async function trackAll(events: NewEvent[]): Promise<void> {
  if (!shop.personalised || !shop.catalog || events.length === 0) return;
  const catalog = shop.catalog.id;
  await appendEvents(events.map((e) => completeEvent(catalog, e)));
}
