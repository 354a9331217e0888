/**
 * The "Your data" export file: everything the device knows about the shopper, in one JSON document that Aisle can
 * import again (on this device after deleting, or on another site running Aisle). Validation is strict (every
 * number finite and in range, every size bounded) and happens before anything is written, so a bad file changes
 * nothing. The exporter runs the same checks, so an export can always be imported again.
 */
import { InvalidFileError, type RowIssue } from './errors.ts';
import { EVENT_TYPES, type BehaviourEvent, type EventContext } from './events.ts';
import { count } from './format.ts';
import type { NamedWeights } from './training.ts';
import { isModerationCategory, type ModerationCategory } from './moderation.ts';

export const EXPORT_FORMAT = 'aisle-export';
/**
 * Bump when the file's shape changes; importers accept every version up to their own.
 * 1: events, settings, itemStats, checkpoints. 2: + reviews. 3: a review's moderation may be 'block' or 'hold'
 * (an imported review that failed the check again); only the shopper's own settings (not this device's: which
 * model host, where models run, which catalog file); every record in canonical form with bounded numbers and sizes.
 * 4: + chats (the assistant's conversations) and `feedback` events (thumbs on an answer).
 */
export const EXPORT_VERSION = 4;

/** The most an import takes; each message that refuses more names the limit. */
export const IMPORT_LIMITS = {
  /** Characters of the whole file. */
  fileLength: 300 * 1024 * 1024,
  events: 1_000_000,
  itemStats: 500_000,
  reviews: 2_000,
  chats: 1_000,
  turnsPerChat: 400,
  turnLength: 4_000,
  feedbackItems: 12,
  checkpoints: 50,
  /** Float32 values over all checkpoints (200 MB). */
  weights: 50_000_000,
  tensorsPerCheckpoint: 500,
  /** Characters of a checkpoint's config or meta as JSON. */
  jsonLength: 1_000_000,
  idLength: 200,
  queryLength: 1_000,
  reviewLength: 5_000,
  reasons: 20,
  reasonLength: 1_000,
  contextLength: 200,
  categoryDepth: 10,
  quantity: 999,
  price: 1e10,
  dwellMs: 24 * 3_600_000,
  results: 10_000_000,
  count: 1e9,
} as const;

/** The earliest time an event may carry (before Aisle existed is a damaged clock or file). */
export const MIN_TIME = Date.UTC(2000, 0, 1);
/** How far ahead of this device's clock a time may be (another device's clock may be a little ahead). */
const FUTURE_SLACK = 30 * 86_400_000;

export interface ExportedCheckpoint {
  id: string;
  savedAt: number;
  config: unknown;
  meta: Record<string, unknown>;
  /** Weights as base64 of little-endian float32. */
  weights: Array<{ name: string; shape: number[]; base64: string }>;
}

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  events: BehaviourEvent[];
  settings: Record<string, unknown>;
  /** Per-item summaries of compacted history (see storage compaction). */
  itemStats: ExportedItemStats[];
  checkpoints: ExportedCheckpoint[];
  /** Reviews and questions the shopper wrote (format 2). */
  reviews: ExportedReview[];
  /** The assistant's conversations (format 4). */
  chats: ExportedChat[];
}

/** One message of a conversation with the assistant: the shopper's, or the answer as it was shown. */
export interface ExportedChatTurn {
  id: string;
  at: number;
  role: 'user' | 'assistant';
  text: string;
  /** Products the answer showed. */
  items: string[];
  /** The shopper's thumbs on an answer. */
  feedback: 1 | -1 | null;
  /**
   * Set when an imported message did not pass the check this device ran on import (its categories; none: it could
   * not be checked): kept, not shown. A file's own mark is never taken; every imported message is checked again.
   */
  held?: { categories: ModerationCategory[] };
}

export interface ExportedChat {
  id: string;
  catalog: string;
  startedAt: number;
  updatedAt: number;
  turns: ExportedChatTurn[];
}

export interface ExportedItemStats {
  catalog: string;
  itemId: string;
  views: number;
  clicks: number;
  dwellMs: number;
  addToCart: number;
  purchases: number;
  firstAt: number;
  lastAt: number;
}

/** What the text check decided for a review: posted ('allow'), posted with a mark for the store ('flag'), or not
 * posted ('block': it failed the check; 'hold': the check could not run), with the reasons. */
export interface ReviewModeration {
  decision: 'allow' | 'flag' | 'block' | 'hold';
  reasons: string[];
}

/** A review or question the shopper wrote. Kept on this device; exported as is. */
export interface ExportedReview {
  id: string;
  catalog: string;
  itemId: string;
  kind: 'review' | 'question';
  text: string;
  /** 1..5 for reviews, null for questions. */
  rating: number | null;
  at: number;
  moderation: ReviewModeration;
}

/** Whether a review shows as posted (allowed, or flagged for the store); blocked and held ones do not. */
export function isPosted(r: Pick<ExportedReview, 'moderation'>): boolean {
  return r.moderation.decision === 'allow' || r.moderation.decision === 'flag';
}

/** A review's moderation from a full check's result (src/shared/moderation.ts). */
export function reviewModeration(result: { decision: ReviewModeration['decision']; reasons: string[]; held?: { message: string } }): ReviewModeration {
  const reasons = result.decision === 'hold' && result.held ? [result.held.message] : result.reasons;
  return { decision: result.decision, reasons: reasons.slice(0, IMPORT_LIMITS.reasons).map((r) => r.slice(0, IMPORT_LIMITS.reasonLength)) };
}

/** A file checked through: only valid entries, each in canonical form, and what was wrong with the others. */
export interface CheckedExport {
  file: ExportFile;
  /** Entries left out, by list and position (1-based). Importing them would damage what is stored. */
  invalid: RowIssue[];
}

const MAX_ISSUES = 50;

/** `issues` summed up for a person, naming the first few. */
export function describeIssues(issues: readonly RowIssue[]): string {
  const shown = issues.slice(0, 3).map((x) => `${x.field} #${x.row}: ${x.reason}`).join('; ');
  return `${count(issues.length, 'invalid entry', 'invalid entries')} (${shown}${issues.length > 3 ? '; …' : ''})`;
}

/**
 * Checks a parsed export file completely. A file that is not an export at all, is from a newer Aisle, or is
 * larger than the limits is refused (InvalidFileError); otherwise every entry is checked and the valid ones are
 * returned in canonical form (known fields only, in a fixed order), with the invalid ones listed.
 * `now`: this device's clock (times more than 30 days after it are refused).
 */
export function checkExport(data: unknown, now = Date.now()): CheckedExport {
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== EXPORT_FORMAT) {
    throw new InvalidFileError('This is not an Aisle data export. Choose a file made with "Export my data" (aisle-data-….json).');
  }
  const d = data as Partial<ExportFile>;
  if (typeof d.version !== 'number' || !Number.isInteger(d.version) || d.version < 1) {
    throw new InvalidFileError(`The export file's format version (${JSON.stringify(d.version)?.slice(0, 20)}) is not a whole number from 1; the file may be damaged. Export it again from Aisle.`);
  }
  if (d.version > EXPORT_VERSION) {
    throw new InvalidFileError(`This export was made by a newer version of Aisle (format ${d.version}; this one reads up to ${EXPORT_VERSION}). Update Aisle, then import it.`);
  }
  if (!Array.isArray(d.events)) throw new InvalidFileError('The export file has no "events" list; it may be damaged.');
  if (typeof d.settings !== 'object' || d.settings === null || Array.isArray(d.settings)) throw new InvalidFileError('The export file has no "settings" object; it may be damaged.');
  const itemStats = d.itemStats ?? [];
  const checkpoints = d.checkpoints ?? [];
  const reviews = d.reviews ?? [];
  const chats = d.chats ?? [];
  if (!Array.isArray(itemStats) || !Array.isArray(checkpoints) || !Array.isArray(reviews) || !Array.isArray(chats)) {
    throw new InvalidFileError('The export file\'s "itemStats", "checkpoints", "reviews" or "chats" is not a list; it may be damaged.');
  }
  const tooMany = (list: unknown[], what: string, limit: number) => {
    if (list.length > limit) throw new InvalidFileError(`The export file has ${list.length.toLocaleString('en')} ${what}; Aisle imports at most ${limit.toLocaleString('en')}. Nothing was imported. Export again from Aisle, or keep fewer ${what}.`);
  };
  tooMany(d.events, 'events', IMPORT_LIMITS.events);
  tooMany(itemStats, 'item summaries', IMPORT_LIMITS.itemStats);
  tooMany(reviews, 'reviews', IMPORT_LIMITS.reviews);
  tooMany(chats, 'conversations', IMPORT_LIMITS.chats);
  tooMany(checkpoints, 'models', IMPORT_LIMITS.checkpoints);

  const latest = now + FUTURE_SLACK;
  const invalid: RowIssue[] = [];
  const keep = <T>(list: unknown[], field: string, check: (x: unknown) => T | string): T[] =>
    list.flatMap((x, i) => {
      const r = check(x);
      if (typeof r === 'string') {
        invalid.push({ row: i + 1, field, reason: r });
        return [];
      }
      return [r];
    });
  const ids = new Set<string>();
  const events = keep(d.events, 'events', (e) => {
    const r = canonicalEvent(e, latest);
    if (typeof r === 'string') return r;
    if (ids.has(r.id)) return `the event id ${r.id} appears twice`;
    ids.add(r.id);
    return r;
  });
  const stats = keep(itemStats, 'itemStats', (x) => canonicalItemStats(x, latest));
  const reviewIds = new Set<string>();
  const outReviews = keep(reviews, 'reviews', (x) => {
    const r = canonicalReview(x, latest);
    if (typeof r === 'string') return r;
    if (reviewIds.has(r.id)) return `the review id ${r.id} appears twice`;
    reviewIds.add(r.id);
    return r;
  });
  const chatIds = new Set<string>();
  const outChats = keep(chats, 'chats', (x) => {
    const c = canonicalChat(x, latest);
    if (typeof c === 'string') return c;
    if (chatIds.has(c.id)) return `the conversation id ${c.id} appears twice`;
    chatIds.add(c.id);
    return c;
  });
  let floats = 0;
  const outCheckpoints = keep(checkpoints, 'checkpoints', (x) => {
    const r = canonicalCheckpoint(x, latest);
    if (typeof r === 'string') return r;
    floats += r.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
    return r;
  });
  if (floats > IMPORT_LIMITS.weights) {
    throw new InvalidFileError(`The models in this file hold ${floats.toLocaleString('en')} weights; Aisle imports at most ${IMPORT_LIMITS.weights.toLocaleString('en')}. Nothing was imported.`);
  }
  return {
    file: { format: EXPORT_FORMAT, version: d.version, exportedAt: typeof d.exportedAt === 'string' ? d.exportedAt.slice(0, 40) : '', events, settings: d.settings, itemStats: stats, checkpoints: outCheckpoints, reviews: outReviews, chats: outChats },
    invalid: invalid.slice(0, MAX_ISSUES * 20),
  };
}

/** Checks a parsed export file; throws InvalidFileError listing what is wrong when any entry is invalid. */
export function validateExport(data: unknown, now = Date.now()): ExportFile {
  const { file, invalid } = checkExport(data, now);
  if (invalid.length) throw new InvalidFileError(`The export file has ${describeIssues(invalid)}. Nothing was imported.`, invalid.slice(0, MAX_ISSUES));
  return file;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const text = (v: unknown, max: number, allowEmpty = false): v is string => typeof v === 'string' && v.length <= max && (allowEmpty || v.length > 0);
const num = (v: unknown, min: number, max: number, integer = false): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));

/** Why a value is not a valid time (ms since the epoch, from 2000 to a little after now), or null. */
function timeProblem(v: unknown, latest: number): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'has no valid time';
  if (v < MIN_TIME || v > latest) return `has an impossible time (${v}; it must fall between the year 2000 and now)`;
  return null;
}

/** The event in canonical form (known fields only, fixed order), or why it is not a valid event. */
export function canonicalEvent(e: unknown, latest = Date.now() + FUTURE_SLACK): BehaviourEvent | string {
  if (!isObject(e)) return 'is not an object';
  const L = IMPORT_LIMITS;
  if (!text(e.id, 100)) return 'has no valid id';
  if (typeof e.type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(e.type)) return `has an unknown type ${JSON.stringify(e.type)?.slice(0, 40)}`;
  const t = timeProblem(e.at, latest);
  if (t) return t;
  if (!text(e.catalog, L.idLength, true)) return 'has no catalog';
  let context: EventContext | undefined;
  if (e.context !== undefined) {
    if (!isObject(e.context)) return 'has an invalid context';
    context = {};
    for (const k of ['page', 'source', 'session'] as const) {
      const v = e.context[k];
      if (v === undefined) continue;
      if (!text(v, L.contextLength, true)) return `has an invalid context.${k}`;
      context[k] = v;
    }
  }
  const base = { id: e.id, type: e.type, at: e.at as number, catalog: e.catalog };
  const done = (extra: Record<string, unknown>) => ({ ...base, ...extra, ...(context ? { context } : {}) }) as BehaviourEvent;
  if (e.type === 'search') {
    if (!text(e.query, L.queryLength, true)) return `is a search without a query (or one over ${L.queryLength} characters)`;
    if (!num(e.results, 0, L.results, true)) return 'is a search with an impossible result count';
    return done({ query: e.query, results: e.results });
  }
  if (e.type === 'feedback') {
    if (!text(e.chat, 100) || !text(e.turn, 100)) return 'is feedback without its conversation';
    if (e.value !== 1 && e.value !== -1) return 'is feedback that is neither up (1) nor down (-1)';
    if (!Array.isArray(e.items) || e.items.length > L.feedbackItems || !e.items.every((i) => text(i, L.idLength))) return `is feedback with an invalid list of products (at most ${L.feedbackItems})`;
    return done({ chat: e.chat, turn: e.turn, value: e.value, items: [...e.items] });
  }
  if (!text(e.itemId, L.idLength)) return `is a ${e.type} without an item`;
  const item = { itemId: e.itemId };
  switch (e.type) {
    case 'dwell':
      return num(e.ms, 0, L.dwellMs) ? done({ ...item, ms: e.ms }) : `is a dwell without a duration from 0 to 24 hours (${JSON.stringify(e.ms)?.slice(0, 30)})`;
    case 'add-to-cart':
    case 'remove-from-cart':
      return num(e.quantity, 1, L.quantity, true) ? done({ ...item, quantity: e.quantity }) : `is a ${e.type} without a quantity from 1 to ${L.quantity}`;
    case 'purchase':
      if (!num(e.quantity, 1, L.quantity, true)) return `is a purchase without a quantity from 1 to ${L.quantity}`;
      if (!num(e.price, 0, L.price)) return `is a purchase with an impossible price (${JSON.stringify(e.price)?.slice(0, 30)})`;
      if (!text(e.orderId, 100)) return 'is a purchase without an order';
      return done({ ...item, quantity: e.quantity, price: e.price, orderId: e.orderId });
    case 'rate':
      return num(e.rating, 1, 5, true) ? done({ ...item, rating: e.rating }) : 'is a rating outside 1 to 5';
    case 'dismiss':
      if (e.category === undefined) return done(item);
      return Array.isArray(e.category) && e.category.length <= L.categoryDepth && e.category.every((c) => text(c, L.idLength))
        ? done({ ...item, category: [...e.category] })
        : 'is a dismissal with an invalid category';
    default:
      return done(item);
  }
}

/** Why a value is not a valid BehaviourEvent, or null when it is one. */
export function eventProblem(e: unknown): string | null {
  const r = canonicalEvent(e);
  return typeof r === 'string' ? r : null;
}

function canonicalItemStats(x: unknown, latest: number): ExportedItemStats | string {
  if (!isObject(x) || !text(x.catalog, IMPORT_LIMITS.idLength, true) || !text(x.itemId, IMPORT_LIMITS.idLength)) return 'is not a valid item summary';
  const counts = ['views', 'clicks', 'addToCart', 'purchases'] as const;
  if (!counts.every((k) => num(x[k], 0, IMPORT_LIMITS.count, true)) || !num(x.dwellMs, 0, IMPORT_LIMITS.count * 1000)) return 'is an item summary with impossible counts';
  const t = timeProblem(x.firstAt, latest) ?? timeProblem(x.lastAt, latest);
  if (t) return `is an item summary that ${t}`;
  if ((x.firstAt as number) > (x.lastAt as number)) return 'is an item summary whose first time is after its last';
  return { catalog: x.catalog, itemId: x.itemId, views: x.views as number, clicks: x.clicks as number, dwellMs: x.dwellMs as number, addToCart: x.addToCart as number, purchases: x.purchases as number, firstAt: x.firstAt as number, lastAt: x.lastAt as number };
}

function canonicalReview(x: unknown, latest: number): ExportedReview | string {
  if (!isObject(x) || !text(x.id, 100) || !text(x.catalog, IMPORT_LIMITS.idLength, true) || !text(x.itemId, IMPORT_LIMITS.idLength)) return 'is not a valid review';
  if (x.kind !== 'review' && x.kind !== 'question') return 'is neither a review nor a question';
  if (!text(x.text, IMPORT_LIMITS.reviewLength) || x.text.trim() === '') return `has no text, or more than ${IMPORT_LIMITS.reviewLength.toLocaleString('en')} characters`;
  if (x.kind === 'review' ? !num(x.rating, 1, 5, true) : x.rating !== null) return x.kind === 'review' ? 'is a review without a rating from 1 to 5' : 'is a question with a rating';
  const t = timeProblem(x.at, latest);
  if (t) return `is a review that ${t}`;
  const m = x.moderation as Partial<ReviewModeration> | undefined;
  const decisions = ['allow', 'flag', 'block', 'hold'];
  if (!isObject(m) || !decisions.includes(m.decision as string) || !Array.isArray(m.reasons) || m.reasons.length > IMPORT_LIMITS.reasons || !m.reasons.every((r) => text(r, IMPORT_LIMITS.reasonLength, true))) {
    return 'has no valid moderation result';
  }
  return { id: x.id, catalog: x.catalog, itemId: x.itemId, kind: x.kind, text: x.text, rating: x.rating as number | null, at: x.at as number, moderation: { decision: m.decision!, reasons: [...m.reasons] } };
}

function canonicalChat(x: unknown, latest: number): ExportedChat | string {
  const L = IMPORT_LIMITS;
  if (!isObject(x) || !text(x.id, 100) || !text(x.catalog, L.idLength, true) || !Array.isArray(x.turns)) return 'is not a valid conversation';
  const t = timeProblem(x.startedAt, latest) ?? timeProblem(x.updatedAt, latest);
  if (t) return `is a conversation that ${t}`;
  if (x.turns.length > L.turnsPerChat) return `is a conversation of more than ${L.turnsPerChat} messages`;
  const turns: ExportedChatTurn[] = [];
  const ids = new Set<string>();
  for (const turn of x.turns as unknown[]) {
    if (!isObject(turn) || !text(turn.id, 100) || ids.has(turn.id)) return 'is a conversation with a message without a (unique) id';
    ids.add(turn.id);
    const tt = timeProblem(turn.at, latest);
    if (tt) return `is a conversation with a message that ${tt}`;
    if (turn.role !== 'user' && turn.role !== 'assistant') return 'is a conversation with a message from neither the shopper nor the assistant';
    if (!text(turn.text, L.turnLength, true)) return `is a conversation with a message over ${L.turnLength.toLocaleString('en')} characters`;
    const items = turn.items ?? [];
    if (!Array.isArray(items) || items.length > L.feedbackItems || !items.every((i) => text(i, L.idLength))) return 'is a conversation with an invalid list of products';
    const feedback = turn.feedback ?? null;
    if (feedback !== null && feedback !== 1 && feedback !== -1) return 'is a conversation with invalid feedback';
    // A held mark travels with the export (the importing device checks every new message again anyway).
    const held = isObject(turn.held) && Array.isArray(turn.held.categories) && turn.held.categories.every((c) => typeof c === 'string' && isModerationCategory(c)) ? { categories: [...(turn.held.categories as ModerationCategory[])] } : undefined;
    turns.push({ id: turn.id, at: turn.at as number, role: turn.role, text: turn.text, items: [...(items as string[])], feedback: feedback as 1 | -1 | null, ...(held ? { held } : {}) });
  }
  return { id: x.id, catalog: x.catalog, startedAt: x.startedAt as number, updatedAt: x.updatedAt as number, turns };
}

/** Whether every number inside a JSON value is finite and the value is small enough to keep. */
function boundedJson(v: unknown): boolean {
  let json: string | undefined;
  try {
    json = JSON.stringify(v, (_k, x) => {
      if (typeof x === 'number' && !Number.isFinite(x)) throw new Error('non-finite');
      return x;
    });
  } catch {
    return false;
  }
  return json === undefined ? v === undefined : json.length <= IMPORT_LIMITS.jsonLength;
}

function canonicalCheckpoint(x: unknown, latest: number): ExportedCheckpoint | string {
  const bad = 'is not a valid model checkpoint';
  if (!isObject(x) || !text(x.id, IMPORT_LIMITS.idLength) || !isObject(x.meta) || !Array.isArray(x.weights)) return bad;
  const t = timeProblem(x.savedAt, latest);
  if (t) return `is a model checkpoint that ${t}`;
  if (!boundedJson(x.meta) || !boundedJson(x.config)) return `${bad} (its settings hold impossible numbers or are over ${IMPORT_LIMITS.jsonLength.toLocaleString('en')} characters)`;
  if (x.weights.length > IMPORT_LIMITS.tensorsPerCheckpoint) return `${bad} (it has more than ${IMPORT_LIMITS.tensorsPerCheckpoint} weight tensors)`;
  const weights: ExportedCheckpoint['weights'] = [];
  for (const w of x.weights as unknown[]) {
    if (!isObject(w) || !text(w.name, 200) || !Array.isArray(w.shape) || w.shape.length > 8 || !w.shape.every((n) => num(n, 0, IMPORT_LIMITS.weights, true))) return bad;
    const size = (w.shape as number[]).reduce((a, b) => a * b, 1);
    if (size > IMPORT_LIMITS.weights || base64Floats(w.base64) !== size) return `${bad} (its weights do not match their shapes)`;
    const data = base64ToFloat32(w.base64 as string);
    for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return `${bad} (a weight of ${w.name} is not a finite number)`;
    weights.push({ name: w.name, shape: [...(w.shape as number[])], base64: w.base64 as string });
  }
  return { id: x.id, savedAt: x.savedAt as number, config: x.config ?? null, meta: x.meta, weights };
}

/** How many float32 values a base64 string holds, or -1 when it is not base64 of whole float32s. */
function base64Floats(base64: unknown): number {
  if (typeof base64 !== 'string' || base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return -1;
  const bytes = (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
  return bytes % 4 === 0 ? bytes / 4 : -1;
}

/** A stored checkpoint in file form (weights as base64), for the data export and a merchant's pre-trained model. */
export function encodeCheckpoint<C extends { weights: NamedWeights }>(c: C): Omit<C, 'weights'> & { weights: ExportedCheckpoint['weights'] } {
  return { ...c, weights: c.weights.map((w) => ({ name: w.name, shape: w.shape, base64: float32ToBase64(w.data) })) };
}

/** The weights of a checkpoint in file form as Float32Arrays; `onMismatch` says what to throw for a weight whose data does not fill its shape. */
export function decodeWeights(weights: ExportedCheckpoint['weights'], onMismatch: (name: string) => Error): NamedWeights {
  return weights.map((w) => {
    const data = base64ToFloat32(w.base64);
    if (data.length !== w.shape.reduce((a, b) => a * b, 1)) throw onMismatch(w.name);
    return { name: w.name, shape: w.shape, data };
  });
}

export function float32ToBase64(data: Float32Array): string {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToFloat32(base64: string): Float32Array {
  const s = atob(base64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return new Float32Array(bytes.buffer);
}
