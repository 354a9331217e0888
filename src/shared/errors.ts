/**
 * Typed errors. Across a worker boundary only `name`, `message` and `stack` survive (comlink), so code that handles
 * them compares `err.name`, never `instanceof`. Every message says what the reader can do about it.
 */

export class AisleError extends Error {
  override name = 'AisleError';
}

/** Persistent storage is full; the write was rolled back and nothing stored earlier was touched. */
export class StorageFullError extends AisleError {
  override name = 'StorageFullError';
  constructor(what = 'your history') {
    super(
      `Your device's storage is full, so ${what} could not be saved. Nothing already saved was lost. ` +
        'Free some space on this device, or remove older history on the "Your data" page, then try again.',
    );
  }
}

/** IndexedDB cannot be opened or was closed under us (private mode, blocked by settings, the browser closed it). */
export class StorageUnavailableError extends AisleError {
  override name = 'StorageUnavailableError';
}

/** Another tab holds an older version of the database open, so an upgrade cannot proceed. */
export class StorageBlockedError extends AisleError {
  override name = 'StorageBlockedError';
  constructor() {
    super('Aisle is open in another tab with an older version. Close the other Aisle tabs, then reload this one.');
  }
}

/** A file (catalog, export) is not in a form Aisle can read. `issues` lists what is wrong, row by row where it can. */
export class InvalidFileError extends AisleError {
  override name = 'InvalidFileError';
  constructor(
    message: string,
    readonly issues: readonly RowIssue[] = [],
  ) {
    super(message);
  }
}

/** One problem in one row of an input file. `row` is 1-based as a person counts rows (the header is not a row). */
export interface RowIssue {
  row: number;
  field: string;
  reason: string;
}

/** A model file failed its integrity check against models/manifest.json. */
export class ModelIntegrityError extends AisleError {
  override name = 'ModelIntegrityError';
}

/** A model could not be loaded (missing file, network, unsupported backend). */
export class ModelLoadError extends AisleError {
  override name = 'ModelLoadError';
}

/** A configuration object has an invalid value. */
export class ConfigError extends AisleError {
  override name = 'ConfigError';
}

/** The caller cancelled the operation. Not a failure: the UI swallows it. */
export function abortError(message = 'The operation was cancelled.'): DOMException {
  return new DOMException(message, 'AbortError');
}

export function isAbortError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'AbortError';
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/** A message fit to show a person, whatever was thrown. */
export function describeError(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}
