import type { InvalidFileError } from '../../../src/shared/errors.ts';

/** The error a catalog load throws (the test fails when it does not throw). */
export function failure(fn: () => unknown): InvalidFileError {
  try {
    fn();
  } catch (err) {
    return err as InvalidFileError;
  }
  throw new Error('expected the load to fail');
}
