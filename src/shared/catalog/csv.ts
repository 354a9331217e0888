/**
 * The one CSV reader (catalog files, evaluation files): RFC 4180 (quoted fields with embedded delimiters, doubled
 * quotes and line breaks; CRLF or LF records; a BOM), any one-character delimiter, or quoting switched off for
 * tab-separated files where a quote is an ordinary character (the IANA text/tab-separated-values form). Broken quoting
 * is reported with the line it starts on, never silently mis-split.
 * - `parseCsv` collects the problems and goes on, so that a catalog's bad rows can all be reported;
 * - `parseCsvStrict` stops at the first problem with an InvalidFileError naming the line.
 */
import { InvalidFileError } from '../errors.ts';

export interface CsvRecord {
  /** 1-based line number in the file where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvOptions {
  delimiter?: string;
  /** The quote character (default `"`), or null for none. */
  quote?: string | null;
  /** Maximum characters in one field (huge fields are rejected, not loaded). */
  maxFieldLength?: number;
}

/** One malformed record; parsing resumes at the next line so that every problem can be reported. */
export interface CsvError {
  line: number;
  reason: string;
  /** The file cannot be read past this point (an unterminated quote). */
  fatal?: boolean;
}

export function parseCsv(text: string, options: CsvOptions = {}): { records: CsvRecord[]; errors: CsvError[] } {
  const delimiter = options.delimiter ?? ',';
  const quote = options.quote === undefined ? '"' : options.quote;
  const maxField = options.maxFieldLength ?? Infinity;
  if (delimiter.length !== 1 || delimiter === '\n' || delimiter === '\r') {
    throw new InvalidFileError(`The CSV delimiter must be one character other than a line break (got ${JSON.stringify(delimiter)}).`);
  }
  if (quote !== null && (quote.length !== 1 || quote === delimiter)) {
    throw new InvalidFileError(`The quote must be one character different from the delimiter, not ${JSON.stringify(quote)}.`);
  }
  const records: CsvRecord[] = [];
  const errors: CsvError[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  const isEnd = (c: string | undefined) => c === delimiter || c === '\n' || c === '\r';

  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let broken: string | null = null;
    for (;;) {
      let value = '';
      if (quote !== null && text[i] === quote) {
        const quoteLine = line;
        i++;
        let closed = false;
        let start = i;
        while (i < n) {
          const c = text[i];
          if (c === quote) {
            if (text[i + 1] === quote) {
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
          errors.push({ line: quoteLine, reason: `a quoted field starts here and is never closed (a missing closing ${quote})`, fatal: true });
          return { records, errors };
        }
        if (i < n && !isEnd(text[i])) broken ??= `unexpected text after a closing ${quote} (a quote inside a quoted field must be doubled: ${quote}${quote})`;
        while (i < n && !isEnd(text[i])) i++;
      } else {
        const start = i;
        while (i < n && !isEnd(text[i])) i++;
        value = text.slice(start, i);
        if (quote !== null && value.includes(quote)) broken ??= `a ${quote} inside an unquoted field (quote the whole field and double the inner ${quote})`;
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
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    line++;
    const blank = fields.length === 1 && fields[0] === '';
    if (broken) errors.push({ line: startLine, reason: broken });
    else if (!blank) records.push({ line: startLine, fields });
  }
  return { records, errors };
}

/** Every record, or an InvalidFileError at the first malformed one, naming its line and what to do. */
export function parseCsvStrict(text: string, options: Omit<CsvOptions, 'maxFieldLength'> = {}, advice = ''): CsvRecord[] {
  const { records, errors } = parseCsv(text, options);
  const first = errors[0];
  if (first) throw new InvalidFileError(`Line ${first.line}: ${first.reason}.${advice ? ` ${advice}` : ''}`);
  return records;
}

/**
 * One cell of CSV output, quoted when it needs it. Text that a spreadsheet would run as a formula (it starts with
 * =, +, -, @, a tab or a carriage return: OWASP's CSV injection guidance) gets a leading apostrophe, so it shows as
 * the text it is. Numbers (typeof number) are written as they are: a negative number is not a formula.
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  let s = value == null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV document (every CSV the app writes goes through here): CRLF line ends, every cell through csvField. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>, delimiter = ','): string {
  return rows.map((r) => r.map(csvField).join(delimiter)).join('\r\n') + '\r\n';
}

/** Windows-1252's characters at bytes 0x80–0x9F (where it differs from Latin-1); the five unassigned bytes stay C1 codes. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * The text of a file's bytes, as spreadsheets save CSV: UTF-16 when it starts with a UTF-16 BOM, UTF-8 (a BOM is
 * dropped) when the bytes are valid UTF-8, else Windows-1252 (Excel's "CSV" on Western Windows; it covers Latin-1).
 * Decoded by hand for Windows-1252, since some TextDecoders read that label as Latin-1 (Node 20 does).
 */
export function decodeText(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' } {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(b), encoding: 'utf-16le' };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(b), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    const parts: string[] = [];
    const CHUNK = 8192;
    for (let start = 0; start < b.length; start += CHUNK) {
      const end = Math.min(b.length, start + CHUNK);
      const codes = new Array<number>(end - start);
      for (let i = start; i < end; i++) {
        const c = b[i]!;
        codes[i - start] = c >= 0x80 && c < 0xa0 ? CP1252_HIGH[c - 0x80]! : c;
      }
      parts.push(String.fromCharCode(...codes));
    }
    return { text: parts.join(''), encoding: 'windows-1252' };
  }
}
