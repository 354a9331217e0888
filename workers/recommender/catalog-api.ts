/** Worker methods for reading catalog files: parsing and validating a large file is heavy, so it runs here. */
import { loadCatalogFile, type LoadOptions, type LoadResult } from '../../src/shared/catalog/load.ts';
import type { RowIssue } from '../../src/shared/errors.ts';

/**
 * Only an error's name, message and stack cross the worker boundary, so a rejected file comes back as a value
 * carrying its row-by-row issues instead of as a thrown InvalidFileError.
 */
export type CatalogParseOutcome = { ok: true; result: LoadResult } | { ok: false; message: string; issues: RowIssue[] };

export function parseCatalogFile(fileName: string, text: string, options: LoadOptions): CatalogParseOutcome {
  try {
    return { ok: true, result: loadCatalogFile(fileName, text, options) };
  } catch (err) {
    if (err instanceof Error && err.name === 'InvalidFileError') {
      return { ok: false, message: err.message, issues: [...((err as Error & { issues?: RowIssue[] }).issues ?? [])] };
    }
    throw err;
  }
}

export const catalogApi = {
  async parseCatalog(fileName: string, text: string, options: LoadOptions): Promise<CatalogParseOutcome> {
    return parseCatalogFile(fileName, text, options);
  },
};
