/**
 * Starts the shop's state on a page: storage problems (another tab holding an old version open, the database taken
 * away) go to the toasts, the catalog and the cart load, and the shopper's model catches up with the history when the
 * page settles. Called once by whichever page hosts the shop: the app (App.svelte) or the merchant embed.
 */
import { connectionHooks } from '../../storage/db.ts';
import { i18n } from '../i18n/i18n.svelte.ts';
import { cart } from './cart.svelte.ts';
import { personal } from './personal.svelte.ts';
import { shop } from './shop.svelte.ts';
import { toasts } from './toasts.svelte.ts';

let started = false;

export function startShop(): void {
  if (started) return;
  started = true;
  connectionHooks.onBlocked = (err) => toasts.error(err);
  connectionHooks.onTerminated = (err) => toasts.error(err);
  void i18n.load();
  void shop.load();
  void cart.load();
  personal.schedule(4000);
}
