/**
 * Reading a sales file (one line per order line: invoice, product, quantity, unit price, time, customer) with the
 * app's one CSV reader. Columns are found by the names given, the UCI defaults or common aliases; a missing column
 * is named; every unreadable row is reported with its row number, field and value. Pure: worker and Node.
 */
import { decodeText, parseCsv } from '../../src/shared/catalog/csv.ts';
import { describeRowIssues, detectDelimiter } from '../../src/shared/catalog/load.ts';
import { LIMITS, parseNumber } from '../../src/shared/catalog/validate.ts';
import { InvalidFileError, type RowIssue } from '../../src/shared/errors.ts';
import {
  DEFAULT_SALES_COLUMNS,
  REQUIRED_SALES_FIELDS,
  SALES_FIELDS,
  type SalesField,
  type SalesFile,
  type SalesPreview,
  type SalesReadOptions,
} from '../../src/shared/protocol/pricing.ts';
import { parseTimestamp } from '../recommender/eval/datasets.ts';

/** One order line, as read. */
export interface SalesLine {
  /** 1-based data row (the header is not a row). */
  row: number;
  invoice: string;
  product: string;
  title: string;
  quantity: number;
  price: number;
  /** Seconds since the epoch (dates without a zone are read as local time, as written). */
  time: number;
  /** The sale's calendar date as written in the file, in days since 1970-01-01. */
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  customer: string;
}

export interface SalesTable {
  lines: SalesLine[];
  /** Data rows in the file. */
  rows: number;
  /** Rows left out as unreadable (mode 'skip'). */
  badRows: number;
  issues: RowIssue[];
  encoding: string;
}

/** Common names for each field, compared lowercased without spaces, '_' or '-'. */
const ALIASES: Record<SalesField, string[]> = {
  invoice: ['invoiceno', 'invoice', 'invoiceid', 'invoicenumber', 'order', 'orderid', 'orderno', 'ordernumber', 'transactionid', 'receipt'],
  product: ['stockcode', 'product', 'productid', 'productcode', 'sku', 'item', 'itemid', 'articleid'],
  quantity: ['quantity', 'qty', 'units', 'unitssold', 'quantitysold'],
  price: ['unitprice', 'price', 'priceeach', 'itemprice', 'saleprice'],
  time: ['invoicedate', 'date', 'time', 'timestamp', 'datetime', 'orderdate', 'createdat', 'ts'],
  customer: ['customerid', 'customer', 'customerno', 'clientid', 'userid', 'user', 'buyer'],
  title: ['description', 'title', 'name', 'productname', 'itemname'],
};

/** How many row issues are kept (all bad rows are counted). */
const MAX_ISSUES = 1000;
const PREVIEW_ROWS = 5;
const DAY_MS = 86_400_000;

const normalise = (h: string) => h.toLowerCase().replace(/[\s_-]/g, '');

function textOf(file: SalesFile): { text: string; encoding: string } {
  if (typeof file.data === 'string') return { text: file.data, encoding: 'utf-8' };
  return decodeText(file.data);
}

function readRecords(file: SalesFile, options: SalesReadOptions) {
  const { text, encoding } = textOf(file);
  if (text.length > LIMITS.fileLength) {
    throw new InvalidFileError(`${file.name} is ${(text.length / 1048576).toFixed(0)} MB; Aisle reads sales files up to ${LIMITS.fileLength / 1048576} MB. Split it by date.`);
  }
  if (text.trim() === '') throw new InvalidFileError(`${file.name} is empty: a sales file starts with a header row naming its columns.`);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(body.slice(0, body.search(/\r?\n|$/)));
  const { records, errors } = parseCsv(text, { delimiter, maxFieldLength: LIMITS.csvFieldLength });
  const fatal = errors.find((e) => e.fatal);
  if (fatal) {
    throw new InvalidFileError(`${file.name} is broken at line ${fatal.line}: ${fatal.reason}. Fix the quoting and load it again.`, [
      { row: 0, field: `line ${fatal.line}`, reason: fatal.reason },
    ]);
  }
  const [head, ...rest] = records;
  if (!head || head.line !== 1) throw new InvalidFileError(`${file.name} has no header line: its first line must name the columns.`);
  return { header: head.fields.map((h) => h.trim()), records: rest, errors, encoding, delimiter };
}

/** The header column of each field (-1: none): the name given (exactly, ignoring case), else the default or an alias. */
function matchColumns(header: string[], options: SalesReadOptions): { index: Record<SalesField, number>; unknown: SalesField[] } {
  const lower = header.map((h) => h.toLowerCase());
  const keys = header.map(normalise);
  const index = {} as Record<SalesField, number>;
  const unknown: SalesField[] = [];
  for (const field of SALES_FIELDS) {
    const given = options.columns?.[field];
    if (given !== undefined) {
      index[field] = lower.indexOf(given.trim().toLowerCase());
      if (index[field] < 0) unknown.push(field);
      continue;
    }
    const byDefault = lower.indexOf(DEFAULT_SALES_COLUMNS[field].toLowerCase());
    index[field] = byDefault >= 0 ? byDefault : keys.findIndex((k) => ALIASES[field].includes(k));
  }
  return { index, unknown };
}

/** The columns of a file that has every required one; otherwise an InvalidFileError naming what is missing. */
function resolveColumns(header: string[], options: SalesReadOptions): Record<SalesField, number> {
  const { index, unknown } = matchColumns(header, options);
  const found = header.map((h) => `"${h}"`).join(', ') || '(nothing)';
  if (unknown.length) {
    const named = unknown.map((f) => `${f}="${options.columns?.[f]}"`).join(', ');
    throw new InvalidFileError(`The sales file has no column ${named}. Its columns are ${found}.`, unknown.map((f) => ({ row: 0, field: f, reason: `no column "${options.columns?.[f]}"` })));
  }
  const missing = REQUIRED_SALES_FIELDS.filter((f) => index[f] < 0);
  if (missing.length) {
    const looked = missing.map((f) => `${f} (looked for "${DEFAULT_SALES_COLUMNS[f]}" or ${ALIASES[f].slice(1, 4).join('/')})`).join(', ');
    throw new InvalidFileError(
      `The sales file has no column for ${looked}. Its columns are ${found}. Name them in the column mapping (the CLI: --columns ${missing.map((f) => `${f}=NAME`).join(',')}).`,
      missing.map((f) => ({ row: 0, field: f, reason: 'no column for it' })),
    );
  }
  return index;
}

/** The header, the column each field maps to, and the first rows: what a column-mapping screen shows. */
export function inspectSalesFile(file: SalesFile, options: SalesReadOptions = {}): SalesPreview {
  const { header, records, encoding, delimiter } = readRecords(file, options);
  const { index } = matchColumns(header, options);
  const columns = {} as Record<SalesField, string | null>;
  for (const field of SALES_FIELDS) columns[field] = index[field] >= 0 ? header[index[field]]! : null;
  return {
    encoding,
    delimiter,
    header,
    columns,
    missing: REQUIRED_SALES_FIELDS.filter((f) => columns[f] === null),
    rows: records.slice(0, PREVIEW_ROWS).map((r) => r.fields),
    rowCount: records.length,
  };
}

/**
 * The calendar date of a sale, in days since 1970-01-01, and its weekday: the date as written when the text starts
 * with one (YYYY-MM-DD: a date alone is UTC midnight to Date.parse, which would be the day before west of Greenwich),
 * else the local date of the instant (US dates, unix seconds).
 */
function calendarDay(text: string, seconds: number): { day: number; weekday: number } {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) {
    const day = Math.round(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])) / DAY_MS);
    return { day, weekday: (((day + 4) % 7) + 7) % 7 };
  }
  const d = new Date(seconds * 1000);
  return { day: Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY_MS), weekday: d.getDay() };
}

const labels = new Map<number, string>();

/** YYYY-MM-DD of a day number. */
export function dayLabel(day: number): string {
  let label = labels.get(day);
  if (label === undefined) {
    label = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (labels.size < 100_000) labels.set(day, label);
  }
  return label;
}

/**
 * Every order line of a sales file. Unreadable rows (a missing product, a quantity or price that is not a number, a
 * time that is not a date, a wrong number of fields) are listed with row, column and value; with mode 'reject' (the
 * default) any of them refuses the file with an InvalidFileError carrying them all.
 */
export function readSalesFile(file: SalesFile, options: SalesReadOptions = {}): SalesTable {
  const { header, records, errors, encoding } = readRecords(file, options);
  const col = resolveColumns(header, options);
  const name = (f: SalesField) => header[col[f]]!;
  const issues: RowIssue[] = [];
  let badRows = 0;
  const lines: SalesLine[] = [];
  // Rows in file order, the unreadable ones among them (their row numbers count too).
  const all: Array<{ line: number; fields: string[]; broken?: string }> = errors.length
    ? [...records, ...errors.map((e) => ({ line: e.line, fields: [], broken: e.reason }))].sort((a, b) => a.line - b.line)
    : records;
  const at = (f: string[], field: SalesField) => (col[field] >= 0 ? f[col[field]]!.trim() : '');
  // Lines of one invoice share their time: parse each distinct time once.
  let lastTime = '';
  let lastParsed: { time: number; day: number; weekday: number } | null = null;
  let row = 0;
  for (const rec of all) {
    row++;
    let bad = 0;
    const report = (field: string, reason: string) => {
      bad++;
      if (issues.length < MAX_ISSUES) issues.push({ row, field, reason });
    };
    if (rec.broken) report(`line ${rec.line}`, rec.broken);
    else if (rec.fields.length !== header.length) {
      report(`line ${rec.line}`, `has ${rec.fields.length} fields but the header has ${header.length} (a stray delimiter or a missing quote?)`);
    } else {
      const f = rec.fields;
      const product = at(f, 'product');
      if (product === '') report(name('product'), 'the product is empty');
      const q = parseNumber(at(f, 'quantity'));
      const quantity = 'value' in q ? q.value : NaN;
      if ('problem' in q) report(name('quantity'), q.problem);
      const pr = parseNumber(at(f, 'price'));
      const price = 'value' in pr ? pr.value : NaN;
      if ('problem' in pr) report(name('price'), pr.problem);
      const timeText = at(f, 'time');
      if (timeText !== lastTime || !lastParsed) {
        const seconds = parseTimestamp(timeText);
        lastTime = timeText;
        lastParsed = seconds === null ? null : { time: seconds, ...calendarDay(timeText, seconds) };
      }
      if (!lastParsed) report(name('time'), `"${timeText}" is not a date and time (e.g. 2010-12-01 08:26, 12/1/2010 8:26 or unix seconds)`);
      if (bad === 0) {
        const { time, day, weekday } = lastParsed!;
        lines.push({ row, invoice: at(f, 'invoice'), product, title: at(f, 'title'), quantity, price, time, day, weekday, customer: at(f, 'customer') });
      }
    }
    if (bad > 0) badRows++;
  }
  if (row === 0) throw new InvalidFileError(`${file.name} has a header but no rows of sales.`);
  if (badRows > 0 && (options.mode ?? 'reject') === 'reject') {
    throw new InvalidFileError(describeRowIssues(issues, badRows, row), issues);
  }
  if (lines.length === 0) throw new InvalidFileError(`None of the ${row} rows of ${file.name} can be read. ${describeRowIssues(issues, badRows, row)}`, issues);
  return { lines, rows: row, badRows, issues, encoding };
}
