/**
 * CSV for the moderation tools: the app's own reader (src/shared/catalog/csv.ts), strict, with the advice that fits
 * evaluation files (tab-separated files such as the SMS Spam Collection read with `--quote none`).
 */
import { parseCsvStrict, type CsvOptions, type CsvRecord } from '../../src/shared/catalog/csv.ts';

export type { CsvRecord };

export function parseCsv(text: string, options: Omit<CsvOptions, 'maxFieldLength'> = {}): CsvRecord[] {
  return parseCsvStrict(text, options, 'Fix the file, or if quotes are plain characters in it, read it with quoting off (--quote none).');
}
