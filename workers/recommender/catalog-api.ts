/** Worker methods for reading catalog files: parsing and validating a large file is heavy, so it runs here. */
import { loadCatalogFile, type LoadOptions } from '../../src/shared/catalog/load.ts';
import type { RowIssue } from '../../src/shared/errors.ts';
import type { CatalogParseOutcome } from '../../src/shared/protocol/recommender.ts';

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
