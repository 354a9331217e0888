/**
 * The shopper's own model, page side: asks the recommender worker to learn when the page is idle after new events
 * (debounced), refreshes the shelves when it has learned, and keeps its status for "Your data". Nothing trains in
 * non-personalised mode.
 */
import { ChangeKind, onStorageChange } from '../../storage/changes.ts';
import { describeError, isAbortError } from '../../shared/errors.ts';
import type { PersonalStatus } from '../../shared/personal.ts';
import { recs } from './recs.svelte.ts';
import { shop } from './shop.svelte.ts';

/** Wait this long after the last event before learning (a burst of browsing becomes one update). */
const DEBOUNCE_MS = 1500;

class Personal {
  status = $state.raw<PersonalStatus | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #again = false;

  constructor() {
    onStorageChange((c) => {
      if (c.kind === ChangeKind.Events || c.kind === ChangeKind.Imported || c.kind === ChangeKind.Embeddings) this.schedule();
      if (c.kind === ChangeKind.Forgotten) this.status = null;
    });
  }

  /** Learn soon, when the page is idle. */
  schedule(delay = DEBOUNCE_MS): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if ('requestIdleCallback' in globalThis) requestIdleCallback(() => void this.update(), { timeout: 5000 });
      else void this.update();
    }, delay);
  }

  async update(): Promise<void> {
    if (!shop.personalised || !shop.catalog) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    try {
      const before = this.status;
      this.status = await recs.updatePersonalModel();
      // A model that just learned something new re-ranks the shelves.
      if (this.status.state === 'ready' && this.status.trainedAt !== before?.trainedAt) recs.version++;
    } catch (err) {
      if (!isAbortError(err)) this.status = { state: 'failed', why: { code: 'failed', error: describeError(err) }, reason: describeError(err), backend: null, trainedAt: null, interactions: 0, quality: null, lastUpdateMs: null };
    } finally {
      this.#running = false;
      if (this.#again) {
        this.#again = false;
        this.schedule(0);
      }
    }
  }
}

export const personal = new Personal();
