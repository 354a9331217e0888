/** One snackbar for the whole app (squoosh): errors and confirmations. Aborts are not errors and are never shown. */
import { describeError, isAbortError } from '../../shared/errors.ts';

/** What a toast offers besides its text: a button (Undo) or a link (View cart). */
export type ToastAction = { label: string; run: () => void } | { label: string; href: string };

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
  action?: ToastAction;
}

class Toasts {
  list = $state<Toast[]>([]);
  #next = 1;

  show(text: string, kind: Toast['kind'] = 'info', ms = kind === 'error' ? 9000 : 4000, action?: ToastAction): void {
    const id = this.#next++;
    this.list = [...this.list.slice(-2), { id, kind, text, action }];
    setTimeout(() => this.dismiss(id), ms);
  }

  /** A confirmation with one action; it stays long enough to use the action (an Undo must be reachable). */
  offer(text: string, action: ToastAction, ms = 8000): void {
    this.show(text, 'info', ms, action);
  }

  error(err: unknown): void {
    if (isAbortError(err)) return;
    console.error(err);
    this.show(describeError(err), 'error');
  }

  dismiss(id: number): void {
    this.list = this.list.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
