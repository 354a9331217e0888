/**
 * The "Your data" export file: everything the device knows about the shopper, in one JSON document that Aisle can
 * import again (on this device after deleting, or on another site running Aisle). Validation is strict and happens
 * before anything is written, so a bad file changes nothing.
 */
import { InvalidFileError, type RowIssue } from './errors.ts';
import { EVENT_TYPES, type BehaviourEvent } from './events.ts';
import type { NamedWeights } from './training.ts';
import { count } from './format.ts';

export const EXPORT_FORMAT = 'aisle-export';
/**
 * Bump when the file's shape changes; importers accept every version up to their own.
 * 1: events, settings, itemStats, checkpoints. 2: + reviews.
 */
export const EXPORT_VERSION = 2;

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
  itemStats: unknown[];
  checkpoints: ExportedCheckpoint[];
  /** Reviews and questions the shopper posted (format 2). */
  reviews: ExportedReview[];
}

/** A review or question the shopper posted (after moderation). Kept on this device; exported as is. */
export interface ExportedReview {
  id: string;
  catalog: string;
  itemId: string;
  kind: 'review' | 'question';
  text: string;
  /** 1..5 for reviews, null for questions. */
  rating: number | null;
  at: number;
  /** 'allow', or 'flag' (posted, marked for the merchant's review), with the reasons. */
  moderation: { decision: 'allow' | 'flag'; reasons: string[] };
}

const MAX_ISSUES = 50;

/** Checks a parsed export file completely; throws InvalidFileError listing what is wrong. */
export function validateExport(data: unknown): ExportFile {
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== EXPORT_FORMAT) {
    throw new InvalidFileError('This is not an Aisle data export. Choose a file made with "Export my data" (aisle-data-….json).');
  }
  const d = data as Partial<ExportFile>;
  if (typeof d.version !== 'number' || d.version < 1) throw new InvalidFileError('The export file has no valid version number; it may be damaged.');
  if (d.version > EXPORT_VERSION) {
    throw new InvalidFileError(`This export was made by a newer version of Aisle (format ${d.version}; this one reads up to ${EXPORT_VERSION}). Update Aisle, then import it.`);
  }
  if (!Array.isArray(d.events)) throw new InvalidFileError('The export file has no "events" list; it may be damaged.');
  if (typeof d.settings !== 'object' || d.settings === null || Array.isArray(d.settings)) throw new InvalidFileError('The export file has no "settings" object; it may be damaged.');
  const itemStats = d.itemStats ?? [];
  const checkpoints = d.checkpoints ?? [];
  const reviews = d.reviews ?? [];
  if (!Array.isArray(itemStats) || !Array.isArray(checkpoints) || !Array.isArray(reviews)) {
    throw new InvalidFileError('The export file\'s "itemStats", "checkpoints" or "reviews" is not a list; it may be damaged.');
  }

  const issues: RowIssue[] = [];
  const ids = new Set<string>();
  d.events.forEach((e, i) => {
    const reason = eventProblem(e);
    if (reason) issues.push({ row: i + 1, field: 'events', reason });
    else if (ids.has((e as BehaviourEvent).id)) issues.push({ row: i + 1, field: 'events', reason: `the event id ${(e as BehaviourEvent).id} appears twice` });
    else ids.add((e as BehaviourEvent).id);
  });
  itemStats.forEach((x, i) => {
    const s = x as Record<string, unknown>;
    const numeric = ['views', 'clicks', 'dwellMs', 'addToCart', 'purchases', 'firstAt', 'lastAt'].every((k) => typeof s?.[k] === 'number' && (s[k] as number) >= 0);
    if (typeof s?.catalog !== 'string' || typeof s.itemId !== 'string' || !numeric) issues.push({ row: i + 1, field: 'itemStats', reason: 'is not a valid item summary' });
  });
  reviews.forEach((x, i) => {
    const r = x as Partial<ExportedReview>;
    const ok =
      typeof r?.id === 'string' && typeof r.catalog === 'string' && typeof r.itemId === 'string' && (r.kind === 'review' || r.kind === 'question') &&
      typeof r.text === 'string' && r.text.length <= 20_000 && (r.rating === null || (typeof r.rating === 'number' && r.rating >= 1 && r.rating <= 5)) &&
      typeof r.at === 'number' && (r.moderation?.decision === 'allow' || r.moderation?.decision === 'flag');
    if (!ok) issues.push({ row: i + 1, field: 'reviews', reason: 'is not a valid review' });
  });
  checkpoints.forEach((c, i) => {
    const cp = c as Partial<ExportedCheckpoint>;
    const valid =
      typeof cp?.id === 'string' && typeof cp.savedAt === 'number' && typeof cp.meta === 'object' && cp.meta !== null && Array.isArray(cp.weights) &&
      cp.weights.every((w) => typeof w?.name === 'string' && Array.isArray(w.shape) && w.shape.every((n) => Number.isInteger(n) && n >= 0) && base64Floats(w.base64) === w.shape.reduce((a, b) => a * b, 1));
    if (!valid) issues.push({ row: i + 1, field: 'checkpoints', reason: 'is not a valid model checkpoint (its weights do not match their shapes)' });
  });
  if (issues.length) {
    const shown = issues.slice(0, 3).map((x) => `${x.field} #${x.row}: ${x.reason}`).join('; ');
    throw new InvalidFileError(`The export file has ${count(issues.length, 'invalid entry', 'invalid entries')} (${shown}). Nothing was imported.`, issues.slice(0, MAX_ISSUES));
  }
  return { ...(d as ExportFile), itemStats, checkpoints, reviews };
}

/** Why a value is not a valid BehaviourEvent, or null when it is one. Strips nothing: the file must be exact. */
export function eventProblem(e: unknown): string | null {
  if (typeof e !== 'object' || e === null) return 'is not an object';
  const ev = e as Record<string, unknown>;
  if (typeof ev.id !== 'string' || ev.id.length === 0 || ev.id.length > 100) return 'has no valid id';
  if (typeof ev.type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(ev.type)) return `has an unknown type ${JSON.stringify(ev.type)}`;
  if (typeof ev.at !== 'number' || !Number.isFinite(ev.at) || ev.at < 0) return 'has no valid time';
  if (typeof ev.catalog !== 'string') return 'has no catalog';
  if (ev.type === 'search') {
    if (typeof ev.query !== 'string' || typeof ev.results !== 'number') return 'is a search without a query';
    return null;
  }
  if (typeof ev.itemId !== 'string' || ev.itemId.length === 0) return `is a ${ev.type} without an item`;
  const positive = (k: string) => typeof ev[k] === 'number' && Number.isFinite(ev[k] as number) && (ev[k] as number) > 0;
  switch (ev.type) {
    case 'dwell':
      return typeof ev.ms === 'number' && ev.ms >= 0 ? null : 'is a dwell without a duration';
    case 'add-to-cart':
    case 'remove-from-cart':
      return positive('quantity') ? null : `is a ${ev.type} without a quantity`;
    case 'purchase':
      return positive('quantity') && typeof ev.price === 'number' && typeof ev.orderId === 'string' ? null : 'is a purchase without quantity, price or order';
    case 'rate':
      return typeof ev.rating === 'number' && ev.rating >= 1 && ev.rating <= 5 ? null : 'is a rating outside 1 to 5';
    case 'dismiss':
      return ev.category === undefined || (Array.isArray(ev.category) && ev.category.every((c) => typeof c === 'string')) ? null : 'is a dismissal with an invalid category';
    default:
      return null;
  }
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
