/**
 * A small CSV reader for labelled evaluation files: RFC 4180 (quoted fields, "" escapes, line breaks inside quotes,
 * CRLF or LF) with any one-character delimiter, or quoting switched off for tab-separated files (the IANA
 * text/tab-separated-values form, where a quote is an ordinary character, as in the SMS Spam Collection).
 * Errors name the line (1-based, counting physical lines) and say what to do.
 */
import { InvalidFileError } from '../../src/shared/errors.ts';

export interface CsvOptions {
  delimiter?: string;
  /** The quote character, or null for none (tab-separated files). */
  quote?: string | null;
}

export interface CsvRecord {
  /** Physical line on which the record starts (1-based). */
  line: number;
  fields: string[];
}

export function parseCsv(text: string, options: CsvOptions = {}): CsvRecord[] {
  const delimiter = options.delimiter ?? ',';
  const quote = options.quote === undefined ? '"' : options.quote;
  if (delimiter.length !== 1) throw new InvalidFileError(`The delimiter must be one character, not ${JSON.stringify(delimiter)}.`);
  if (quote !== null && (quote.length !== 1 || quote === delimiter)) {
    throw new InvalidFileError(`The quote must be one character different from the delimiter, not ${JSON.stringify(quote)}.`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (quote !== null && text[i] === quote) {
        const openLine = line;
        i++;
        for (;;) {
          if (i >= n) {
            throw new InvalidFileError(
              `Line ${openLine}: a quoted field is never closed (the file ends inside it). Add the closing ${quote}, or if quotes are plain characters in this file, read it with quoting off (--quote none).`,
            );
          }
          const ch = text[i]!;
          if (ch === quote) {
            if (text[i + 1] === quote) {
              field += quote;
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === '\n') line++;
          field += ch;
          i++;
        }
        if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          throw new InvalidFileError(
            `Line ${line}: unexpected text after a closing ${quote} (a quote inside a quoted field must be doubled: ${quote}${quote}). Fix the file, or read it with quoting off (--quote none).`,
          );
        }
      } else {
        const start = i;
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
        field = text.slice(start, i);
        if (quote !== null && field.includes(quote)) {
          throw new InvalidFileError(
            `Line ${line}: a ${quote} appears inside an unquoted field. Quote the whole field and double the inner quotes, or read the file with quoting off (--quote none).`,
          );
        }
      }
      fields.push(field);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') {
      i++;
      line++;
    }
    // Skip blank lines (a lone empty field), as spreadsheet exports end with one.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
  }
  return records;
}
