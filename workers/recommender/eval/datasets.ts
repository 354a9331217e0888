/**
 * Interaction data: parsers for the formats the evaluation reads (s3rec sequences, MovieLens u.data, a generic events
 * CSV, sequences as JSON), all producing one `SequenceDataset`: per user, item indices in time order. Pure TypeScript (Node and browser).
 * Malformed input throws InvalidFileError naming the line and saying what was expected.
 */
import { parseCsv } from '../../../src/shared/catalog/csv.ts';
import { describeError, InvalidFileError, type RowIssue } from '../../../src/shared/errors.ts';
import type { DatasetFormat, PackedSequences } from '../../../src/shared/training.ts';

export interface SequenceDataset {
  numItems: number;
  /** External id of each item index. */
  itemIds: string[];
  /** External id of each user (same order as `sequences`). */
  userIds: string[];
  /** Per user: item indices 0..numItems-1 in time order. */
  sequences: Int32Array[];
  /** Per user: event times in seconds since the epoch, when the format has them. */
  times?: Float64Array[];
  /** Per user: the weight of each interaction in the training loss (absent = 1). */
  weights?: Float32Array[];
}

export const DATASET_FORMATS: readonly DatasetFormat[] = ['s3rec', 'movielens', 'events-csv', 'sequences-json'];

/** How many problems are collected before giving up on a file (the first one is in the message). */
const MAX_ISSUES = 20;

class IssueCollector {
  readonly issues: RowIssue[] = [];
  constructor(private readonly what: string) {}
  add(row: number, field: string, reason: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ row, field, reason });
  }
  throwIfAny(): void {
    if (this.issues.length === 0) return;
    const first = this.issues[0];
    const more = this.issues.length > 1 ? ` (and ${this.issues.length - 1} more problem${this.issues.length > 2 ? 's' : ''})` : '';
    throw new InvalidFileError(`${this.what}: line ${first.row}: ${first.reason}${more}.`, this.issues);
  }
}

class ItemIndex {
  readonly ids: string[] = [];
  private readonly map = new Map<string, number>();
  get(id: string): number {
    let i = this.map.get(id);
    if (i === undefined) {
      i = this.ids.length;
      this.map.set(id, i);
      this.ids.push(id);
    }
    return i;
  }
}

function* lines(text: string): Generator<[number, string]> {
  let start = 0;
  let n = 0;
  const len = text.length;
  while (start <= len) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = len;
    n += 1;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    yield [n, line];
    start = end + 1;
  }
}

/**
 * s3rec: one line per user, `user item1 item2 ...` separated by spaces or tabs, items in time order.
 * Blank lines are skipped. A user on two lines or a line with no items is an error.
 */
export function parseS3rec(text: string, name = 'the s3rec file'): SequenceDataset {
  const issues = new IssueCollector(`Cannot read ${name} as s3rec (one line per user: "user item1 item2 ...")`);
  const items = new ItemIndex();
  const userIds: string[] = [];
  const sequences: Int32Array[] = [];
  const seenUsers = new Map<string, number>();
  for (const [n, raw] of lines(text)) {
    const line = raw.trim();
    if (line === '') continue;
    const tokens = line.split(/\s+/);
    const user = tokens[0];
    if (tokens.length < 2) {
      issues.add(n, 'items', `user "${user}" has no items; each line needs a user id followed by at least one item id`);
      continue;
    }
    const first = seenUsers.get(user);
    if (first !== undefined) {
      issues.add(n, 'user', `user "${user}" appears again (first on line ${first}); put all of a user's items on one line`);
      continue;
    }
    seenUsers.set(user, n);
    const seq = new Int32Array(tokens.length - 1);
    for (let i = 1; i < tokens.length; i++) seq[i - 1] = items.get(tokens[i]);
    userIds.push(user);
    sequences.push(seq);
  }
  issues.throwIfAny();
  if (sequences.length === 0) throw new InvalidFileError(`${name} has no users: expected lines like "user item1 item2 ...".`);
  return { numItems: items.ids.length, itemIds: items.ids, userIds, sequences };
}

interface RawEvent {
  user: string;
  item: string;
  time: number;
  order: number;
}

function groupEvents(events: RawEvent[]): SequenceDataset {
  const items = new ItemIndex();
  // Sort by user, then time, then file order (stable for equal times).
  const byUser = new Map<string, RawEvent[]>();
  for (const e of events) {
    let list = byUser.get(e.user);
    if (!list) byUser.set(e.user, (list = []));
    list.push(e);
  }
  const userIds: string[] = [];
  const sequences: Int32Array[] = [];
  const times: Float64Array[] = [];
  for (const [user, list] of byUser) {
    list.sort((a, b) => a.time - b.time || a.order - b.order);
    userIds.push(user);
    sequences.push(Int32Array.from(list, (e) => items.get(e.item)));
    times.push(Float64Array.from(list, (e) => e.time));
  }
  return { numItems: items.ids.length, itemIds: items.ids, userIds, sequences, times };
}

/** MovieLens `u.data`: tab-separated `user item rating timestamp` (unix seconds). Every rating counts as an interaction. */
export function parseMovielens(text: string, name = 'the MovieLens file'): SequenceDataset {
  const issues = new IssueCollector(`Cannot read ${name} as MovieLens u.data (tab-separated "user item rating timestamp")`);
  const events: RawEvent[] = [];
  for (const [n, raw] of lines(text)) {
    const line = raw.trim();
    if (line === '') continue;
    const f = line.split(/\t|\s+/);
    if (f.length !== 4) {
      issues.add(n, 'line', `expected 4 fields (user, item, rating, timestamp), found ${f.length}`);
      continue;
    }
    const time = Number(f[3]);
    if (!Number.isFinite(time)) {
      issues.add(n, 'timestamp', `timestamp "${f[3]}" is not a number of seconds`);
      continue;
    }
    if (!Number.isFinite(Number(f[2]))) {
      issues.add(n, 'rating', `rating "${f[2]}" is not a number`);
      continue;
    }
    events.push({ user: f[0], item: f[1], time, order: events.length });
  }
  issues.throwIfAny();
  if (events.length === 0) throw new InvalidFileError(`${name} has no ratings: expected lines "user<TAB>item<TAB>rating<TAB>timestamp".`);
  return groupEvents(events);
}

export interface EventsCsvColumns {
  user: string;
  item: string;
  timestamp: string;
}

const COLUMN_ALIASES: Record<keyof EventsCsvColumns, string[]> = {
  user: ['user', 'user_id', 'userid', 'customer', 'customer_id', 'customerid'],
  item: ['item', 'item_id', 'itemid', 'product', 'product_id', 'productid', 'sku'],
  timestamp: ['timestamp', 'time', 'ts', 'date', 'datetime', 'at'],
};

/** Seconds since the epoch from a number (seconds, or milliseconds when larger than 1e11) or a date string. */
export function parseTimestamp(value: string): number | null {
  const v = value.trim();
  if (v === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) {
    const x = Number(v);
    return Math.abs(x) > 1e11 ? x / 1000 : x;
  }
  // "2010-12-01 08:26:00" is not ISO for every engine: make it so.
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(v) ? v.replace(' ', 'T') : v;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms / 1000 : null;
}

/**
 * Events CSV: a header row, then one event per row with (at least) user, item and timestamp columns. Column names
 * are matched case-insensitively with common aliases (user_id, product, time, ...); `columns` names them exactly.
 * Rows with an empty user (e.g. guest checkouts) are an error unless `skipEmptyUsers`.
 */
export function parseEventsCsv(
  text: string,
  options: { columns?: Partial<EventsCsvColumns>; skipEmptyUsers?: boolean; name?: string } = {},
): SequenceDataset {
  const name = options.name ?? 'the events CSV';
  const issues = new IssueCollector(`Cannot read ${name} as an events CSV (header, then user,item,timestamp rows)`);
  const events: RawEvent[] = [];
  const idx: Record<keyof EventsCsvColumns, number> = { user: -1, item: -1, timestamp: -1 };
  const firstLine = text.replace(/^\uFEFF/, '').split('\n', 1)[0];
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  // The app's one CSV reader: quoted fields may hold delimiters, doubled quotes and line breaks.
  const { records, errors } = parseCsv(text, { delimiter });
  for (const e of errors) issues.add(e.line, 'line', e.reason);
  const [head, ...rows] = records;
  if (!head) {
    issues.throwIfAny();
    throw new InvalidFileError(`${name} is empty: expected a header row with user, item and timestamp columns.`);
  }
  const header = head.fields.map((h) => h.trim());
  const lower = header.map((h) => h.toLowerCase());
  for (const key of ['user', 'item', 'timestamp'] as const) {
    const wanted = options.columns?.[key];
    idx[key] = wanted !== undefined ? header.indexOf(wanted) : lower.findIndex((h) => COLUMN_ALIASES[key].includes(h));
  }
  const missing = (['user', 'item', 'timestamp'] as const).filter((k) => idx[k] < 0);
  if (missing.length > 0) {
    const want = missing.map((k) => options.columns?.[k] ?? COLUMN_ALIASES[k].join('/')).join(', ');
    throw new InvalidFileError(
      `${name}: line ${head.line}: the header has no column for ${missing.join(', ')} (looked for ${want}; found ${header.join(', ')}). ` +
        'Rename the columns or name them with --columns user=...,item=...,timestamp=...',
      missing.map((k) => ({ row: head.line, field: k, reason: 'column missing from the header' })),
    );
  }
  for (const { line: n, fields: f } of rows) {
    const need = Math.max(idx.user, idx.item, idx.timestamp) + 1;
    if (f.length < need) {
      issues.add(n, 'line', `expected at least ${need} fields, found ${f.length}`);
      continue;
    }
    const user = f[idx.user].trim();
    const item = f[idx.item].trim();
    if (user === '') {
      if (!options.skipEmptyUsers) issues.add(n, header[idx.user], 'the user is empty');
      continue;
    }
    if (item === '') {
      issues.add(n, header[idx.item], 'the item is empty');
      continue;
    }
    const time = parseTimestamp(f[idx.timestamp]);
    if (time === null) {
      issues.add(n, header[idx.timestamp], `"${f[idx.timestamp]}" is not a timestamp (unix seconds, milliseconds or an ISO date)`);
      continue;
    }
    events.push({ user, item, time, order: events.length });
  }
  issues.throwIfAny();
  if (events.length === 0) throw new InvalidFileError(`${name} has a header but no events.`);
  return groupEvents(events);
}

/**
 * Sequences as JSON: an object from user id to that user's item ids in time order, `{"u1": [3, 7, 2], "u2": ["a", "b"]}`
 * (the LC-Rec / LETTER `*.inter.json` layout). Items are indexed by first appearance, as in s3rec.
 */
export function parseSequencesJson(text: string, name = 'the sequences JSON file'): SequenceDataset {
  const what = `Cannot read ${name} as sequences JSON (an object from user id to a list of item ids in time order)`;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new InvalidFileError(`${what}: it is not valid JSON (${describeError(err)}).`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InvalidFileError(`${what}: the top level must be an object like {"user1": [item, item, ...]}.`);
  }
  const issues = new IssueCollector(what);
  const items = new ItemIndex();
  const userIds: string[] = [];
  const sequences: Int32Array[] = [];
  let row = 0;
  for (const [user, list] of Object.entries(data as Record<string, unknown>)) {
    row++;
    if (!Array.isArray(list) || list.length === 0) {
      issues.add(row, 'items', `user "${user}" has ${Array.isArray(list) ? 'no items' : 'no list of items'}; give each user a non-empty list`);
      continue;
    }
    const bad = list.findIndex((x) => !(typeof x === 'string' ? x !== '' : typeof x === 'number' && Number.isFinite(x)));
    if (bad >= 0) {
      issues.add(row, 'items', `user "${user}": item ${bad + 1} is ${JSON.stringify(list[bad])}, not an item id (a number or a non-empty string)`);
      continue;
    }
    userIds.push(user);
    sequences.push(Int32Array.from(list as Array<string | number>, (x) => items.get(String(x))));
  }
  issues.throwIfAny();
  if (sequences.length === 0) throw new InvalidFileError(`${name} has no users: expected {"user1": [item, item, ...], ...}.`);
  return { numItems: items.ids.length, itemIds: items.ids, userIds, sequences };
}

export function parseDataset(
  text: string,
  format: DatasetFormat,
  options: { name?: string; columns?: Partial<EventsCsvColumns>; skipEmptyUsers?: boolean } = {},
): SequenceDataset {
  switch (format) {
    case 's3rec':
      return parseS3rec(text, options.name);
    case 'movielens':
      return parseMovielens(text, options.name);
    case 'events-csv':
      return parseEventsCsv(text, options);
    case 'sequences-json':
      return parseSequencesJson(text, options.name);
    default: {
      const never: never = format;
      throw new InvalidFileError(`Unknown dataset format "${String(never)}": use one of ${DATASET_FORMATS.join(', ')}.`);
    }
  }
}

export function datasetStats(d: SequenceDataset): { users: number; items: number; interactions: number } {
  let interactions = 0;
  for (const s of d.sequences) interactions += s.length;
  return { users: d.sequences.length, items: d.numItems, interactions };
}

export function packSequences(sequences: readonly Int32Array[], numItems: number, itemIds?: string[]): PackedSequences {
  const offsets = new Int32Array(sequences.length + 1);
  for (let u = 0; u < sequences.length; u++) offsets[u + 1] = offsets[u] + sequences[u].length;
  const items = new Int32Array(offsets[sequences.length]);
  for (let u = 0; u < sequences.length; u++) items.set(sequences[u], offsets[u]);
  return itemIds ? { numItems, items, offsets, itemIds } : { numItems, items, offsets };
}

/** Unpacks and checks a PackedSequences (it may come from another thread or a file). */
export function unpackSequences(p: PackedSequences): SequenceDataset {
  const { items, offsets, numItems } = p;
  if (!(Number.isInteger(numItems) && numItems > 0)) throw new InvalidFileError(`numItems must be a positive integer, got ${numItems}.`);
  if (offsets.length < 1 || offsets[0] !== 0 || offsets[offsets.length - 1] !== items.length) {
    throw new InvalidFileError('Packed sequences: offsets must start at 0 and end at items.length.');
  }
  const sequences: Int32Array[] = [];
  for (let u = 0; u + 1 < offsets.length; u++) {
    if (offsets[u + 1] < offsets[u]) throw new InvalidFileError(`Packed sequences: offsets decrease at user ${u}.`);
    sequences.push(items.subarray(offsets[u], offsets[u + 1]));
  }
  for (let i = 0; i < items.length; i++) {
    if (items[i] < 0 || items[i] >= numItems) {
      throw new InvalidFileError(`Packed sequences: item index ${items[i]} at position ${i} is outside 0..${numItems - 1}.`);
    }
  }
  const itemIds = p.itemIds ?? Array.from({ length: numItems }, (_, i) => String(i));
  const out: SequenceDataset = { numItems, itemIds, userIds: sequences.map((_, u) => String(u)), sequences };
  if (p.weights) {
    const w = p.weights;
    if (w.length !== items.length) throw new InvalidFileError(`Packed sequences: ${w.length} weights for ${items.length} items.`);
    for (let i = 0; i < w.length; i++) {
      if (!(w[i] >= 0 && Number.isFinite(w[i]))) throw new InvalidFileError(`Packed sequences: weight ${w[i]} at position ${i} must be a finite number ≥ 0.`);
    }
    out.weights = sequences.map((_, u) => w.subarray(offsets[u], offsets[u + 1]));
  }
  return out;
}

/**
 * The dataset with item indices in a catalog's order (`catalogIds[i]` is item i), as the app's models index items:
 * events on items the catalog does not have are dropped, and so are users left with none. What a content model for a
 * merchant's catalog is trained and evaluated on.
 */
export function alignToCatalog(d: SequenceDataset, catalogIds: readonly string[]): { dataset: SequenceDataset; droppedEvents: number; unknownItems: number; droppedUsers: number } {
  const index = new Map(catalogIds.map((id, i) => [id, i]));
  const remap = Int32Array.from(d.itemIds, (id) => index.get(id) ?? -1);
  const out: SequenceDataset = { numItems: catalogIds.length, itemIds: [...catalogIds], userIds: [], sequences: [], ...(d.times ? { times: [] } : {}), ...(d.weights ? { weights: [] } : {}) };
  let droppedEvents = 0;
  let droppedUsers = 0;
  d.sequences.forEach((s, u) => {
    const keep: number[] = [];
    for (let j = 0; j < s.length; j++) if (remap[s[j]] >= 0) keep.push(j);
    droppedEvents += s.length - keep.length;
    if (keep.length === 0) {
      droppedUsers++;
      return;
    }
    out.userIds.push(d.userIds[u]);
    out.sequences.push(Int32Array.from(keep, (j) => remap[s[j]]));
    if (d.times && out.times) out.times.push(Float64Array.from(keep, (j) => d.times![u][j]));
    if (d.weights && out.weights) out.weights.push(Float32Array.from(keep, (j) => d.weights![u][j]));
  });
  if (out.sequences.length === 0) {
    throw new InvalidFileError(`None of the log's ${d.numItems} items is in the catalog: the log's item ids must be the catalog's product ids.`);
  }
  return { dataset: out, droppedEvents, unknownItems: remap.filter((i) => i < 0).length, droppedUsers };
}

/** A short fingerprint of the item ids in order (moved to src/shared/pretrained.ts: the shop checks it too). */
export { itemsFingerprint } from '../../../src/shared/pretrained.ts';
