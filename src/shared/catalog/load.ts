/**
 * Catalog loaders for JSON and CSV files. Both validate every row and report bad rows with row number, field and
 * reason; the caller chooses between rejecting the whole file (`mode: 'reject'`, the default) and keeping the good
 * rows with a report of the skipped ones (`mode: 'skip'`). A file that cannot be read at all (not JSON, broken CSV
 * quoting, no header, too large) is always an InvalidFileError.
 */
import { describeError, InvalidFileError, type RowIssue } from '../errors.ts';
import { plural } from '../format.ts';
import { validateRules, type MerchantRules } from '../rules.ts';
import { validateMerchantLexicon, type MerchantLexicon } from '../text/query.ts';
import { decodeText, parseCsv } from './csv.ts';
import type { Product } from './types.ts';
import { vectorsRefProblem, type CatalogVectorsRef } from './vectors.ts';
import { LIMITS, validateRow, type RawRow, type ValidateOptions } from './validate.ts';

export interface LoadOptions extends ValidateOptions {
  mode?: 'reject' | 'skip';
  /** CSV delimiter (default: detected from the header line among , ; tab |). */
  delimiter?: string;
  /**
   * CSV only: the merchant's column mapping, header name → field (`id`, `title`, `price`, … as in CATALOG_FIELDS, or
   * '' to ignore the column). Columns not named here are recognised by their names and common aliases.
   */
  columns?: Readonly<Record<string, string>>;
}

/** The fields a CSV column can map to, in the order a mapping screen shows them. */
export const CATALOG_FIELDS = ['id', 'title', 'price', 'currency', 'description', 'categoryPath', 'brand', 'listPrice', 'image', 'inStock', 'rating', 'ratingCount', 'attributes', 'group', 'variant'] as const;
export const REQUIRED_CATALOG_FIELDS = ['id', 'title', 'price'] as const;

export interface CatalogCsvPreview {
  delimiter: string;
  header: string[];
  /** The field each header column maps to by its name ('' = not recognised, or an `attr:` column's 'attributes'). */
  mapping: Record<string, string>;
  /** The first data rows. */
  rows: string[][];
}

/** The header, the mapping Aisle would use, and the first rows of a CSV catalog: for a mapping screen with a preview. */
export function previewCatalogCsv(text: string, options: { delimiter?: string; rows?: number } = {}): CatalogCsvPreview {
  checkSize(text);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = options.delimiter ?? detectDelimiter(firstLine);
  // Only the start of the file is parsed: a preview of a large file stays quick.
  const head = text.slice(0, 256 * 1024);
  const { records } = parseCsv(head, { delimiter, maxFieldLength: LIMITS.csvFieldLength });
  if (records.length === 0) throw new InvalidFileError('The CSV file is empty. Its first line must name the columns, e.g. id,title,price,currency.');
  const header = records[0].fields.map((h) => h.trim());
  const mapping: Record<string, string> = {};
  const seen = new Set<string>();
  for (const h of header) {
    const key = h.toLowerCase().replace(/[\s_-]/g, '');
    const field = /^(attr|attribute|spec)[:.](.+)$/i.test(h) ? 'attributes' : COLUMN_ALIASES[key] && !seen.has(COLUMN_ALIASES[key]) ? COLUMN_ALIASES[key] : '';
    if (field && field !== 'attributes') seen.add(field);
    mapping[h] = field;
  }
  const rows = records.slice(1, 1 + (options.rows ?? 5)).map((r) => r.fields);
  return { delimiter, header, mapping, rows };
}

export interface LoadReport {
  /** Rows read (excluding the CSV header). */
  rows: number;
  /** Rows turned into products. */
  accepted: number;
  /** Rows left out (mode 'skip'), with every issue found in them. */
  skipped: number;
  issues: RowIssue[];
  /** Things that did not stop a row (ignored columns, remote images). */
  warnings: string[];
}

export interface LoadResult {
  products: Product[];
  report: LoadReport;
  /** The merchant's shelf rules, when a JSON catalog has them. */
  rules?: MerchantRules;
  /** The merchant's search words (`"lexicon"` in a JSON catalog), when it has them. */
  lexicon?: MerchantLexicon;
  /** A JSON catalog object's own fields beside its products, when they are valid (a catalog named by URL uses them). */
  head?: CatalogHead;
}

export interface CatalogHead {
  id?: string;
  name?: string;
  /** A pre-trained model file, relative to the catalog file. */
  model?: string;
  vectors?: CatalogVectorsRef;
}

/** The valid ones of a JSON catalog's id, name, model and vectors; the others are left out. */
function catalogHead(data: Record<string, unknown>): CatalogHead {
  const head: CatalogHead = {};
  const text = (v: unknown, max: number) => (typeof v === 'string' && v.trim().length > 0 && v.length <= max ? v.trim() : undefined);
  const id = text(data.id, 200);
  const name = text(data.name, 200);
  const model = text(data.model, 2000);
  if (id) head.id = id;
  if (name) head.name = name;
  if (model) head.model = model;
  if (data.vectors !== undefined && vectorsRefProblem(data.vectors) === null) head.vectors = data.vectors as CatalogVectorsRef;
  return head;
}

/** How many issues an error message lists before summarising. */
const SHOWN_ISSUES = 5;

export function loadCatalogFile(fileName: string, text: string, options: LoadOptions = {}): LoadResult {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return loadCatalogJson(text, options);
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return loadCatalogCsv(text, options);
  const head = text.trimStart()[0];
  if (head === '[' || head === '{') return loadCatalogJson(text, options);
  return loadCatalogCsv(text, options);
}

/**
 * Reads a file's bytes as text: UTF-8 (with or without a BOM) or UTF-16 with a BOM; a file that is not valid UTF-8
 * is read as Windows-1252 (what Excel on Windows writes as "CSV") with a warning to check its accented letters, and
 * one that is neither is refused. Never decodes with replacement characters ("Caf\uFFFD mug").
 */
export function decodeCatalogBytes(bytes: Uint8Array): { text: string; warning: string | null } {
  const { text, encoding } = decodeText(bytes);
  if (encoding !== 'windows-1252') return { text: text.replace(/^\uFEFF/, ''), warning: null };
  // Bytes Windows-1252 leaves undefined (and NUL) come out as control characters: then it is not a text file in either.
  if (/[\u0000\u0081\u008D\u008F\u0090\u009D]/.test(text)) {
    throw new InvalidFileError('This file is not UTF-8 text (nor Windows-1252): it may be a spreadsheet or another binary file. Save or export it as "CSV UTF-8" (or JSON), then load it again.');
  }
  return {
    text,
    warning: 'This file is not UTF-8, so it was read as Windows-1252 (Western European). Check accented letters and symbols in the products below (for example "Café"); if any look wrong, save it as UTF-8 ("CSV UTF-8" in Excel) and load it again.',
  };
}

/** Loads a catalog from a file's bytes (see decodeCatalogBytes for how the encoding is found). */
export function loadCatalogBytes(fileName: string, bytes: Uint8Array, options: LoadOptions = {}): LoadResult {
  if (bytes.byteLength > LIMITS.fileLength) {
    throw new InvalidFileError(`The file is ${(bytes.byteLength / 1048576).toFixed(0)} MB; Aisle reads catalogs up to ${LIMITS.fileLength / 1048576} MB. Split it into smaller files.`);
  }
  const { text, warning } = decodeCatalogBytes(bytes);
  const result = loadCatalogFile(fileName, text, options);
  return warning ? { ...result, report: { ...result.report, warnings: [warning, ...result.report.warnings] } } : result;
}

export function loadCatalogJson(text: string, options: LoadOptions = {}): LoadResult {
  checkSize(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InvalidFileError(`This file is not valid JSON (${describeError(err)}). Export the catalog again as JSON, or use CSV.`);
  }
  const rows = Array.isArray(data) ? data : typeof data === 'object' && data !== null && Array.isArray((data as { products?: unknown }).products) ? (data as { products: unknown[] }).products : null;
  if (!rows) {
    throw new InvalidFileError('A JSON catalog must be a list of products, or an object with a "products" list.');
  }
  const rules = Array.isArray(data) ? undefined : validateRules((data as { rules?: unknown }).rules);
  const lexicon = Array.isArray(data) ? undefined : validateMerchantLexicon((data as { lexicon?: unknown }).lexicon);
  const rawRows = rows.map((r) => (typeof r === 'object' && r !== null && !Array.isArray(r) ? (r as RawRow) : null));
  const result: LoadResult = finish(rawRows, [], options);
  if (rules && Object.keys(rules).length) result.rules = rules;
  if (lexicon && Object.keys(lexicon).length) result.lexicon = lexicon;
  if (!Array.isArray(data)) {
    const head = catalogHead(data as Record<string, unknown>);
    if (Object.keys(head).length) result.head = head;
  }
  return result;
}

/** CSV column names Aisle understands, with common aliases (compared case-insensitively, ignoring spaces, - and _). */
const COLUMN_ALIASES: Record<string, string> = {
  id: 'id', sku: 'id', productid: 'id', pid: 'id',
  title: 'title', name: 'title', productname: 'title',
  description: 'description', desc: 'description',
  categorypath: 'categoryPath', category: 'categoryPath', categories: 'categoryPath',
  brand: 'brand',
  price: 'price', saleprice: 'price',
  currency: 'currency',
  listprice: 'listPrice', retailprice: 'listPrice', mrp: 'listPrice', compareatprice: 'listPrice',
  image: 'image', imageurl: 'image', imagelink: 'image',
  attributes: 'attributes', specifications: 'attributes',
  instock: 'inStock', availability: 'inStock', stock: 'inStock',
  rating: 'rating',
  ratingcount: 'ratingCount', ratings: 'ratingCount', reviewcount: 'ratingCount',
  group: 'group', groupid: 'group', parentid: 'group', itemgroupid: 'group',
  variant: 'variant', option: 'variant',
};

export function loadCatalogCsv(text: string, options: LoadOptions = {}): LoadResult {
  checkSize(text);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = options.delimiter ?? detectDelimiter(firstLine);
  const { records, errors } = parseCsv(text, { delimiter, maxFieldLength: LIMITS.csvFieldLength });
  const unterminated = errors.find((e) => e.fatal);
  if (unterminated) {
    throw new InvalidFileError(`The CSV file is broken at line ${unterminated.line}: ${unterminated.reason}. Fix the quoting and load it again.`, [
      { row: 0, field: `line ${unterminated.line}`, reason: unterminated.reason },
    ]);
  }
  if (records.length === 0 || records[0].line !== 1) {
    throw new InvalidFileError('The CSV file has no header line. Its first line must name the columns, e.g. id,title,price,currency.');
  }
  const header = records[0].fields.map((h) => h.trim());
  const columns: Array<{ field: string; attribute?: string } | null> = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  const chosen = options.columns ?? {};
  for (const h of header) {
    const key = h.toLowerCase().replace(/[\s_-]/g, '');
    const attr = /^(attr|attribute|spec)[:.](.+)$/i.exec(h);
    const mapped = Object.hasOwn(chosen, h) ? chosen[h] : undefined;
    if (mapped !== undefined && mapped !== 'attributes') {
      // The merchant's choice wins over the name: a field, or '' to leave the column out.
      if (mapped && (CATALOG_FIELDS as readonly string[]).includes(mapped) && !seen.has(mapped)) {
        seen.add(mapped);
        columns.push({ field: mapped });
      } else {
        columns.push(null);
        if (h && mapped) ignored.push(h);
      }
    } else if (attr) columns.push({ field: 'attributes', attribute: attr[2].trim() });
    else if (mapped === 'attributes') columns.push({ field: 'attributes', attribute: h });
    else if (COLUMN_ALIASES[key] && !seen.has(COLUMN_ALIASES[key]) && !Object.values(chosen).includes(COLUMN_ALIASES[key])) {
      seen.add(COLUMN_ALIASES[key]);
      columns.push({ field: COLUMN_ALIASES[key] });
    } else {
      columns.push(null);
      if (h) ignored.push(h);
    }
  }
  if (!seen.has('id') || !seen.has('title') || !seen.has('price')) {
    const missing = ['id', 'title', 'price'].filter((f) => !seen.has(f));
    throw new InvalidFileError(`The CSV header has no ${missing.join(', ')} ${plural(missing.length, 'column')}. Found: ${header.join(', ') || '(nothing)'}. Name the columns id, title and price (see the README for all column names).`);
  }

  // Row numbers count data rows from 1 (the header is not a row); line numbers are kept in the reasons.
  const lineToRow = new Map<number, number>();
  const rawRows: Array<RawRow | null> = [];
  const rowIssues: RowIssue[] = [];
  let row = 0;
  const dataRecords = records.slice(1);
  const all = [...dataRecords.map((r) => ({ kind: 'record' as const, line: r.line, r })), ...errors.map((e) => ({ kind: 'error' as const, line: e.line, e }))].sort((a, b) => a.line - b.line);
  for (const item of all) {
    row++;
    lineToRow.set(item.line, row);
    if (item.kind === 'error') {
      rowIssues.push({ row, field: `line ${item.line}`, reason: item.e.reason });
      rawRows.push(null);
      continue;
    }
    const { fields, line } = item.r;
    if (fields.length !== header.length) {
      rowIssues.push({ row, field: `line ${line}`, reason: `has ${fields.length} fields but the header has ${header.length} (a stray delimiter or a missing quote?)` });
      rawRows.push(null);
      continue;
    }
    const raw: RawRow = {};
    const attrs: Record<string, string> = {};
    fields.forEach((value, c) => {
      const col = columns[c];
      if (!col) return;
      if (col.attribute) {
        if (value.trim()) attrs[col.attribute] = value;
      } else raw[col.field] = value;
    });
    if (Object.keys(attrs).length) {
      if (typeof raw.attributes === 'string' && raw.attributes.trim()) {
        try {
          raw.attributes = { ...JSON.parse(raw.attributes), ...attrs };
        } catch {
          /* reported by validation below */
        }
      } else raw.attributes = attrs;
    }
    rawRows.push(raw);
  }
  const warnings = ignored.length ? [`ignored ${plural(ignored.length, 'column')} Aisle does not use: ${ignored.join(', ')}`] : [];
  return finish(rawRows, rowIssues, options, warnings);
}

function finish(rawRows: Array<RawRow | null>, preIssues: RowIssue[], options: LoadOptions, warnings: string[] = []): LoadResult {
  if (rawRows.length > LIMITS.rows) {
    throw new InvalidFileError(`The catalog has ${rawRows.length.toLocaleString('en')} rows; Aisle reads at most ${LIMITS.rows.toLocaleString('en')}. Split it into smaller files.`);
  }
  const issues: RowIssue[] = [...preIssues];
  const badRows = new Set(preIssues.map((i) => i.row));
  const products: Product[] = [];
  const firstRowOf = new Map<string, number>();
  rawRows.forEach((raw, index) => {
    const row = index + 1;
    if (raw === null) {
      if (!badRows.has(row)) {
        issues.push({ row, field: '(row)', reason: 'must be an object with product fields' });
        badRows.add(row);
      }
      return;
    }
    const result = validateRow(raw, row, options);
    if (!result.ok) {
      issues.push(...result.issues);
      badRows.add(row);
      return;
    }
    const first = firstRowOf.get(result.product.id);
    if (first !== undefined) {
      issues.push({ row, field: 'id', reason: `"${result.product.id}" is already used by row ${first}; every product needs its own id` });
      badRows.add(row);
      return;
    }
    firstRowOf.set(result.product.id, row);
    warnings.push(...result.warnings);
    products.push(result.product);
  });
  issues.sort((a, b) => a.row - b.row);
  const report: LoadReport = { rows: rawRows.length, accepted: products.length, skipped: badRows.size, issues, warnings: summariseWarnings(warnings) };
  if (rawRows.length === 0) throw new InvalidFileError('The catalog has no products.');
  if (badRows.size > 0 && (options.mode ?? 'reject') === 'reject') {
    throw new InvalidFileError(describeRowIssues(issues, badRows.size, rawRows.length), issues);
  }
  if (products.length === 0) {
    throw new InvalidFileError(`None of the ${rawRows.length} rows is a valid product. ${describeRowIssues(issues, badRows.size, rawRows.length)}`, issues);
  }
  return { products, report };
}

/** "3 of 120 rows have problems: row 4, price: …; and 2 more. Fix them, or choose to skip bad rows." */
export function describeRowIssues(issues: readonly RowIssue[], badRows: number, rows: number): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map((i) => `row ${i.row}, ${i.field}: ${i.reason}`).join('; ');
  const more = issues.length > SHOWN_ISSUES ? `; and ${issues.length - SHOWN_ISSUES} more` : '';
  return `${badRows} of ${rows} rows have problems: ${shown}${more}. Fix them, or choose to skip bad rows.`;
}

/** Row warnings of one kind, summarised when there are many: [what the warning says, the summary]. */
const WARNING_KINDS: Array<[string, (n: number) => string]> = [
  ['will not be loaded', (n) => `${n} images are on other sites or are not plain web addresses, and will not be loaded (privacy); placeholders are shown instead`],
  ['invisible formatting characters', (n) => `${n} rows had invisible formatting characters (such as right-to-left overrides or zero-width spaces) removed from their text`],
  ['was lost when the file was saved', (n) => `${n} rows contain "\uFFFD", characters lost when the file was saved; save the file as UTF-8 and load it again`],
];

function summariseWarnings(warnings: string[]): string[] {
  const rest = warnings.filter((w) => !WARNING_KINDS.some(([k]) => w.includes(k)));
  for (const [kind, summary] of WARNING_KINDS) {
    const of = warnings.filter((w) => w.includes(kind));
    if (of.length > 3) rest.push(summary(of.length));
    else rest.push(...of);
  }
  return rest;
}

/** The likeliest delimiter of a CSV header line among , ; tab and |. */
export function detectDelimiter(headerLine: string): string {
  const candidates = [',', ';', '\t', '|'];
  let best = ',';
  let bestCount = 0;
  for (const d of candidates) {
    const count = headerLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function checkSize(text: string): void {
  if (text.length > LIMITS.fileLength) {
    throw new InvalidFileError(`The file is ${(text.length / 1048576).toFixed(0)} MB; Aisle reads catalogs up to ${LIMITS.fileLength / 1048576} MB. Split it into smaller files.`);
  }
  if (text.trim() === '') throw new InvalidFileError('The file is empty.');
}
