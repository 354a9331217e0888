/** One snackbar for the whole app (squoosh): errors and confirmations. Aborts are not errors and are never shown. */
import { describeError, isAbortError } from '../../shared/errors.ts';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

class Toasts {
  list = $state<Toast[]>([]);
  #next = 1;

  show(text: string, kind: Toast['kind'] = 'info', ms = kind === 'error' ? 9000 : 4000): void {
    const id = this.#next++;
    this.list = [...this.list.slice(-2), { id, kind, text }];
    setTimeout(() => this.dismiss(id), ms);
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
