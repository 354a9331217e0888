import { StorageFullError } from '../shared/errors.ts';

/** True for the errors browsers raise when the origin's storage quota is exhausted. */
export function isQuotaError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: string; message?: string; inner?: unknown };
  if (e.name === 'QuotaExceededError') return true;
  // Some engines report quota exhaustion as an aborted transaction whose inner error is the quota error.
  return e.name === 'AbortError' && /quota/i.test(e.message ?? '');
}

/**
 * Runs a write; if the disk is full, throws StorageFullError instead. IndexedDB transactions are atomic, so a write
 * that failed for quota left everything stored before it untouched.
 */
export async function withQuotaCheck<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isQuotaError(err)) throw new StorageFullError(what);
    throw err;
  }
}
