/**
 * An RFC 4180 CSV reader that reports broken quoting with the line it starts on, instead of silently mis-splitting.
 * Handles quoted fields with embedded delimiters, doubled quotes and line breaks, CRLF or LF records, and a BOM.
 */
import { InvalidFileError } from '../errors.ts';

export interface CsvRecord {
  /** 1-based line number in the file where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvOptions {
  delimiter?: string;
  /** Maximum characters in one field (huge fields are rejected, not loaded). */
  maxFieldLength?: number;
}

/** One malformed record; parsing resumes at the next line so that every problem can be reported. */
export interface CsvError {
  line: number;
  reason: string;
}

export function parseCsv(text: string, options: CsvOptions = {}): { records: CsvRecord[]; errors: CsvError[] } {
  const delimiter = options.delimiter ?? ',';
  const maxField = options.maxFieldLength ?? Infinity;
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new InvalidFileError(`The CSV delimiter must be one character other than a quote or a line break (got ${JSON.stringify(delimiter)}).`);
  }
  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;

  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let broken: string | null = null;
    // Read one record.
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        // Quoted field.
        const quoteLine = line;
        i++;
        let closed = false;
        let start = i;
        while (i < n) {
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              value += text.slice(start, i + 1);
              i += 2;
              start = i;
              continue;
            }
            value += text.slice(start, i);
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          i++;
        }
        if (!closed) {
          errors.push({ line: quoteLine, reason: 'a quoted field starts here and is never closed (a missing closing ")' });
          return { records, errors };
        }
        if (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
          broken ??= `unexpected text after a closing quote (a quote inside a quoted field must be doubled: "")`;
        }
        // Skip to the end of the field either way.
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
      } else {
        const start = i;
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
        value = text.slice(start, i);
        if (value.includes('"')) broken ??= 'a quote inside an unquoted field (quote the whole field and double the inner quote)';
      }
      if (value.length > maxField) {
        broken ??= `a field is ${value.length.toLocaleString('en')} characters long, over the limit of ${maxField.toLocaleString('en')}`;
        value = '';
      }
      fields.push(value);
      if (i < n && text[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    // End of record.
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    const blank = fields.length === 1 && fields[0] === '';
    if (broken) errors.push({ line: startLine, reason: broken });
    else if (!blank) records.push({ line: startLine, fields });
  }
  return { records, errors };
}

/** Quotes a value for CSV output when it needs it. */
export function csvField(value: string | number | boolean | null | undefined): string {
  const s = value == null ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
