/**
 * The embed's own state, beside the shop's (which it mounts unchanged): whether the shopper agreed (consent mode),
 * whether the catalog failed, and which widget shows the "Your data" panel. Consent mode stores nothing, not even an
 * empty database, until the shopper says yes: the answer is looked up only when Aisle's database already exists.
 */
import { DB_NAME } from '../storage/db.ts';
import { getSetting, setSetting } from '../storage/settings.ts';

export type ConsentState = 'not-needed' | 'unknown' | 'pending' | 'granted' | 'declined';

class EmbedState {
  consent = $state<ConsentState>('unknown');
  /** The catalog could not be loaded (the message went to the console). */
  failed = $state(false);
  /** The widget whose panel is open (a number per mounted widget), or null. */
  panelFor = $state<number | null>(null);
  /** Widgets in mount order: `openData` opens the panel in the first. */
  widgets = $state<number[]>([]);
  #next = 1;

  register(): number {
    const id = this.#next++;
    this.widgets = [...this.widgets, id];
    return id;
  }

  unregister(id: number): void {
    this.widgets = this.widgets.filter((w) => w !== id);
    if (this.panelFor === id) this.panelFor = null;
  }

  openPanel(id = this.widgets[0] ?? null): void {
    this.panelFor = id;
  }

  /** Reads the stored answer without creating anything: no Aisle database on this origin means no answer yet. */
  async readConsent(required: boolean): Promise<void> {
    if (!required) {
      this.consent = 'not-needed';
      return;
    }
    try {
      const dbs = 'databases' in indexedDB ? await indexedDB.databases() : null;
      if (dbs && !dbs.some((d) => d.name === DB_NAME)) {
        this.consent = 'pending';
        return;
      }
      this.consent = (await getSetting('consentedAt')) ? 'granted' : 'pending';
    } catch {
      this.consent = 'pending';
    }
  }

  async grant(): Promise<void> {
    await setSetting('consentedAt', Date.now());
    this.consent = 'granted';
  }

  /** No: nothing is stored, and the widgets hide for this page view (nothing remembers the no either). */
  decline(): void {
    this.consent = 'declined';
  }

  /** After "delete everything": in consent mode the stored yes is gone too, so nothing is stored until asked again. */
  forgotten(): void {
    if (this.consent === 'granted') this.consent = 'pending';
  }

  get allowed(): boolean {
    return this.consent === 'not-needed' || this.consent === 'granted';
  }
}

export const embed = new EmbedState();
