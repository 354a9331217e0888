/**
 * What differs between the pages that host the shop's state: the app (its own site, the defaults below) and the
 * merchant embed (a guest on a store's page; src/embed/runtime.ts sets these before it starts the shop). The state
 * modules read it when they need it, never at import time, so the embed can configure it after importing them.
 */
import type { SuggestedGenerator } from '../../shared/generator-suggestion.ts';

export interface Host {
  /** The catalog file to use instead of the bundled demo catalog and any catalog loaded on the Store screen. */
  catalogUrl: string | null;
  /** Where the bundled models are (the language worker's model store reads models/manifest.json there). */
  modelsUrl: string;
  /**
   * A guest on someone else's page (the embed): it leaves the page's own state alone (no `<html lang>`, no location
   * hash in events), and "delete everything" deletes only Aisle's databases and caches, not the whole origin's.
   */
  guest: boolean;
  /** A product's link (the app: its own product page). */
  productHref: ((id: string) => string) | null;
  /** The shop's policy/FAQ file, Markdown or JSON (the app: its own catalog/policies.md). */
  policiesUrl: string | null;
  /** A writing model the page's configuration offers (the embed's data-assistant-model); null: the models manifest's, if any. */
  assistantModel: SuggestedGenerator | null;
}

export const host: Host = {
  catalogUrl: null,
  modelsUrl: typeof document === 'undefined' ? '/models/' : new URL('./models/', document.baseURI).href,
  guest: false,
  productHref: null,
  policiesUrl: null,
  assistantModel: null,
};

export function configureHost(changes: Partial<Host>): void {
  Object.assign(host, changes);
}
