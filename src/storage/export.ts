/**
 * Export everything the device knows as one file, and import such a file back.
 * - Export writes only what an import accepts (the same checks, canonical form), so export → import → export gives
 *   the same file; a record damaged in storage is left out and reported, never written as something unreadable.
 * - Import is two steps, so that the page can ask the shopper and moderate before anything is written:
 *   `prepareImport` checks the whole file (every number finite and in range, every size bounded) and works out what
 *   it would change; `applyImport` writes it in one transaction. Nothing stored is lost: events already here are
 *   skipped, the cart, muted interests and item summaries are merged, a stored review is never replaced, a stored
 *   model is replaced only when the shopper agreed, privacy switches only ever go off, and settings that describe
 *   this device (which model host it may use, where models run, which catalog file) are never taken from a file.
 */
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  checkExport,
  decodeWeights,
  describeIssues,
  encodeCheckpoint,
  IMPORT_LIMITS,
  isPosted,
  type ExportedChat,
  type ExportedChatTurn,
  type ExportedReview,
  type ExportFile,
  type ReviewModeration,
} from '../shared/export-format.ts';
import { InvalidFileError, type RowIssue } from '../shared/errors.ts';
import type { ModerationCategory } from '../shared/moderation.ts';
import { ChangeKind, announce } from './changes.ts';
import { getDb, type ItemStats } from './db.ts';
import { withQuotaCheck } from './quota.ts';
import { PORTABLE_SETTINGS, settingProblem, type CartLine, type Settings } from './settings.ts';

const isPersonalMeta = (m: unknown): m is { lastSeq: number } => typeof m === 'object' && m !== null && 'lastSeq' in m;

export interface ExportResult {
  file: ExportFile;
  /** Stored records that are damaged (from an import made before these checks) and were left out of the file. */
  leftOut: RowIssue[];
}

/** Everything the device knows about the shopper, as an export file, and what had to be left out. */
export async function exportData(now = Date.now()): Promise<ExportResult> {
  const db = await getDb();
  const tx = db.transaction(['events', 'settings', 'checkpoints', 'itemStats', 'reviews', 'chats']);
  const events = await tx.objectStore('events').getAll();
  const settings: Record<string, unknown> = {};
  const settingsStore = tx.objectStore('settings');
  const leftOut: RowIssue[] = [];
  for (const key of PORTABLE_SETTINGS) {
    const value = await settingsStore.get(key);
    if (value === undefined) continue;
    const problem = settingProblem(key, value);
    if (problem) leftOut.push({ row: 1, field: 'settings', reason: problem });
    else settings[key] = value;
  }
  const checkpoints = await tx.objectStore('checkpoints').getAll();
  const itemStats = await tx.objectStore('itemStats').getAll();
  const reviews = await tx.objectStore('reviews').getAll();
  const chats = await tx.objectStore('chats').getAll();
  await tx.done;
  const { file, invalid } = checkExport(
    {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: new Date(now).toISOString(),
      // `seq` is this device's storage key, not part of the event.
      events: events.map(({ seq: _seq, ...e }) => e),
      settings,
      itemStats,
      reviews,
      chats,
      checkpoints: checkpoints.map(encodeCheckpoint),
    },
    now,
  );
  return { file, leftOut: [...leftOut, ...invalid] };
}

export async function exportEverything(): Promise<ExportFile> {
  return (await exportData()).file;
}

/** What an import would do, worked out before anything is written. */
export interface ImportPlan {
  /** The file's valid entries, in canonical form. */
  file: ExportFile;
  /** Entries that are invalid: importing is possible only without them, and only when the shopper agrees. */
  invalid: RowIssue[];
  /** What the file carried that Aisle does not take from a file, said for the shopper. */
  notes: string[];
  settings: Array<[keyof Settings, unknown]>;
  newEvents: number;
  duplicateEvents: number;
  /** Reviews not on this device yet: each is moderated again before it is stored. */
  newReviews: ExportedReview[];
  knownReviews: number;
  /** Models in the file whose id this device has already trained: replaced only when the shopper agrees. */
  modelConflicts: Array<{ id: string; storedSavedAt: number; fileSavedAt: number }>;
  /** Conversation messages not on this device yet: each is moderated again before it is shown. */
  newChatTurns: Array<{ chatId: string; turn: ExportedChatTurn }>;
}

function parse(text: string): unknown {
  if (text.length > IMPORT_LIMITS.fileLength) {
    throw new InvalidFileError(`This file is ${(text.length / 1048576).toFixed(0)} MB; Aisle imports data files up to ${IMPORT_LIMITS.fileLength / 1048576} MB. Nothing was imported.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InvalidFileError('This file is not valid JSON, so it is not an Aisle data export. Nothing was imported.');
  }
}

/** The host a file's encoder setting names, if any (format 1 and 2 exports carried this device setting). */
function namedHost(value: unknown): string | null {
  const spec = ((value as { spec?: unknown } | null)?.spec ?? value) as { host?: unknown } | null;
  if (typeof spec?.host !== 'string') return null;
  try {
    return new URL(spec.host).host || spec.host.slice(0, 100);
  } catch {
    return spec.host.slice(0, 100);
  }
}

/** Checks an export file's text and works out what importing it would change. Writes nothing. */
export async function prepareImport(text: string, now = Date.now()): Promise<ImportPlan> {
  const { file, invalid } = checkExport(parse(text), now);
  const notes: string[] = [];
  const host = namedHost(file.settings.encoder);
  if (host) notes.push(`The file names a search model on another host (${host}). Aisle never takes a model host from a file, so it was left out; you can choose a model on the About page, where its size is shown first.`);
  const settings: Array<[keyof Settings, unknown]> = [];
  for (const key of PORTABLE_SETTINGS) {
    const value = file.settings[key];
    if (value === undefined) continue;
    const problem = settingProblem(key, value);
    if (problem) invalid.push({ row: 1, field: 'settings', reason: problem });
    else settings.push([key, value]);
  }

  const db = await getDb();
  const tx = db.transaction(['events', 'reviews', 'checkpoints', 'chats']);
  const byId = tx.objectStore('events').index('by-id');
  let duplicateEvents = 0;
  for (const e of file.events) if ((await byId.getKey(e.id)) !== undefined) duplicateEvents++;
  const newReviews: ExportedReview[] = [];
  for (const r of file.reviews) if ((await tx.objectStore('reviews').getKey(r.id)) === undefined) newReviews.push(r);
  const modelConflicts: ImportPlan['modelConflicts'] = [];
  for (const c of file.checkpoints) {
    const stored = await tx.objectStore('checkpoints').get(c.id);
    if (stored) modelConflicts.push({ id: c.id, storedSavedAt: stored.savedAt, fileSavedAt: c.savedAt });
  }
  const newChatTurns: ImportPlan['newChatTurns'] = [];
  for (const c of file.chats) {
    const here = new Set((await tx.objectStore('chats').get(c.id))?.turns.map((t) => t.id));
    for (const turn of c.turns) if (!here.has(turn.id)) newChatTurns.push({ chatId: c.id, turn });
  }
  await tx.done;
  return {
    file,
    invalid,
    newChatTurns,
    notes,
    settings,
    newEvents: file.events.length - duplicateEvents,
    duplicateEvents,
    newReviews,
    knownReviews: file.reviews.length - newReviews.length,
    modelConflicts,
  };
}

export interface ImportChoices {
  /** The check of each of `plan.newReviews`, in order. Missing ones are stored as 'hold' (not posted, not checked). */
  moderation?: readonly ReviewModeration[];
  /** The check of each of `plan.newChatTurns`, in order. Missing ones are stored held (not shown, not checked). */
  chatModeration?: readonly ChatTurnCheck[];
  /** The shopper agreed to replace the models listed in `plan.modelConflicts` with the file's. */
  replaceModels?: boolean;
  /** The shopper agreed to import without the entries listed in `plan.invalid`. */
  skipInvalid?: boolean;
}

export interface ImportSummary {
  events: number;
  duplicates: number;
  settings: number;
  checkpoints: number;
  /** Models this device kept instead of the file's (the shopper did not agree to replace them). */
  modelsKept: number;
  itemStats: number;
  reviews: number;
  /** Imported reviews that failed the check again (or could not be checked): stored, not shown as posted. */
  reviewsNotPosted: number;
  /** Reviews already on this device (kept as they are). */
  reviewsKnown: number;
  /** Conversation messages added (messages already here are kept as they are). */
  chatTurns: number;
  /** Added messages that failed the check again (or could not be checked): stored, marked held, not shown. */
  chatTurnsHeld: number;
  /** Invalid entries left out (with the shopper's agreement). */
  leftOut: number;
  notes: string[];
}

/** An imported message's check: shown, or held for these categories (none: not checked). */
export type ChatTurnCheck = { withhold: false } | { withhold: true; categories: readonly ModerationCategory[] };
const NOT_CHECKED_TURN: ChatTurnCheck = { withhold: true, categories: [] };

const NOT_CHECKED: ReviewModeration = { decision: 'hold', reasons: ['Not checked yet: it is checked on this device before it is shown.'] };

/** A setting merged with what this device has: nothing the shopper set here is lost, and privacy only tightens. */
function mergeSetting(key: keyof Settings, stored: unknown, incoming: unknown): unknown {
  if (stored === undefined) return incoming;
  switch (key) {
    case 'personalised':
    case 'personalSearch':
      // Off wins: an import never starts recording or personalising what the shopper switched off here.
      return stored === true && incoming === true;
    case 'historyCap':
      return Math.max(stored as number, incoming as number);
    case 'cart': {
      const lines = new Map((stored as CartLine[]).map((l) => [l.itemId, { ...l }]));
      for (const l of incoming as CartLine[]) {
        const here = lines.get(l.itemId);
        lines.set(l.itemId, here ? { itemId: l.itemId, quantity: Math.max(here.quantity, l.quantity), addedAt: Math.min(here.addedAt, l.addedAt) } : { ...l });
      }
      return [...lines.values()];
    }
    case 'muted':
      return [...new Set([...(stored as string[]), ...(incoming as string[])])];
    default:
      return stored;
  }
}

/** Summaries of the same item merged: each count and time as the larger (or earlier) of the two, so a re-import adds nothing. */
function mergeStats(a: ItemStats, b: ItemStats): ItemStats {
  return {
    catalog: a.catalog,
    itemId: a.itemId,
    views: Math.max(a.views, b.views),
    clicks: Math.max(a.clicks, b.clicks),
    dwellMs: Math.max(a.dwellMs, b.dwellMs),
    addToCart: Math.max(a.addToCart, b.addToCart),
    purchases: Math.max(a.purchases, b.purchases),
    firstAt: Math.min(a.firstAt, b.firstAt),
    lastAt: Math.max(a.lastAt, b.lastAt),
  };
}

/**
 * A conversation merged with the one stored under the same id: every message of both once (by id), in time order,
 * the newest kept when they exceed the limit; a message's thumbs stored here win.
 */
function mergeChat(here: ExportedChat, incoming: ExportedChat): ExportedChat {
  const turns = new Map(incoming.turns.map((t) => [t.id, t]));
  for (const t of here.turns) turns.set(t.id, t.feedback === null && turns.get(t.id)?.feedback ? { ...t, feedback: turns.get(t.id)!.feedback } : t);
  return {
    id: here.id,
    catalog: here.catalog,
    startedAt: Math.min(here.startedAt, incoming.startedAt),
    updatedAt: Math.max(here.updatedAt, incoming.updatedAt),
    turns: [...turns.values()].sort((a, b) => a.at - b.at).slice(-IMPORT_LIMITS.turnsPerChat),
  };
}

/** Writes a prepared import in one transaction: an interruption or a full disk leaves storage exactly as it was. */
export async function applyImport(plan: ImportPlan, choices: ImportChoices = {}): Promise<ImportSummary> {
  if (plan.invalid.length && !choices.skipInvalid) {
    throw new InvalidFileError(`The export file has ${describeIssues(plan.invalid)}. Nothing was imported. Import it without them, or export the data again.`, plan.invalid.slice(0, 50));
  }
  const { file } = plan;
  const checked = new Map(plan.newReviews.map((r, i) => [r.id, choices.moderation?.[i] ?? NOT_CHECKED]));
  const turnChecks = new Map(plan.newChatTurns.map((t, i) => [`${t.chatId}\u0000${t.turn.id}`, choices.chatModeration?.[i] ?? NOT_CHECKED_TURN]));
  const checkpoints = file.checkpoints.map((c) => ({
    ...c,
    // The shopper's model records the last event it learned from by this device's storage numbers (seq); imported
    // events are numbered afresh here, so it learns from all of them again rather than skipping them.
    meta: isPersonalMeta(c.meta.personal) ? { ...c.meta, personal: { ...c.meta.personal, lastSeq: 0 } } : c.meta,
    // checkExport checked every weight already.
    weights: decodeWeights(c.weights, (name) => new InvalidFileError(`The checkpoint weight "${name}" does not match its shape.`)),
  }));

  const db = await getDb();
  const summary = await withQuotaCheck('the imported data', async () => {
    const tx = db.transaction(['events', 'settings', 'checkpoints', 'itemStats', 'reviews', 'chats'], 'readwrite');
    const events = tx.objectStore('events');
    const byId = events.index('by-id');
    let added = 0;
    let duplicates = 0;
    for (const e of file.events) {
      if ((await byId.getKey(e.id)) !== undefined) duplicates++;
      else {
        await events.add(e as never);
        added++;
      }
    }
    const settingsStore = tx.objectStore('settings');
    for (const [k, v] of plan.settings) await settingsStore.put(mergeSetting(k, await settingsStore.get(k), v), k);
    let models = 0;
    let modelsKept = 0;
    for (const c of checkpoints) {
      if ((await tx.objectStore('checkpoints').getKey(c.id)) !== undefined && !choices.replaceModels) modelsKept++;
      else {
        await tx.objectStore('checkpoints').put(c);
        models++;
      }
    }
    const statsStore = tx.objectStore('itemStats');
    for (const s of file.itemStats) {
      const here = await statsStore.get([s.catalog, s.itemId]);
      await statsStore.put(here ? mergeStats(here, s) : s);
    }
    let reviews = 0;
    let reviewsKnown = 0;
    let reviewsNotPosted = 0;
    for (const r of file.reviews) {
      const moderation = checked.get(r.id);
      // A review stored here is never replaced (also one another tab stored since the plan was made).
      if (!moderation || (await tx.objectStore('reviews').getKey(r.id)) !== undefined) {
        reviewsKnown++;
        continue;
      }
      const record = { ...r, moderation };
      await tx.objectStore('reviews').put(record);
      reviews++;
      if (!isPosted(record)) reviewsNotPosted++;
    }
    let chatTurns = 0;
    let chatTurnsHeld = 0;
    for (const c of file.chats) {
      const here = await tx.objectStore('chats').get(c.id);
      // Every message new to this device carries this device's check, never the file's.
      const turns = c.turns.map((t): ExportedChatTurn => {
        const { held: _fromFile, ...turn } = t;
        void _fromFile;
        const check = turnChecks.get(`${c.id}\u0000${t.id}`) ?? NOT_CHECKED_TURN;
        return check.withhold ? { ...turn, held: { categories: [...check.categories] } } : turn;
      });
      const incoming = { ...c, turns };
      const merged = here ? mergeChat(here, incoming) : incoming;
      const hereIds = new Set(here?.turns.map((t) => t.id));
      chatTurnsHeld += merged.turns.filter((t) => t.held && !hereIds.has(t.id)).length;
      chatTurns += merged.turns.length - (here?.turns.length ?? 0);
      await tx.objectStore('chats').put(merged);
    }
    await tx.done;
    return {
      events: added,
      duplicates,
      settings: plan.settings.length,
      checkpoints: models,
      modelsKept,
      itemStats: file.itemStats.length,
      reviews,
      reviewsNotPosted,
      reviewsKnown,
      chatTurns,
      chatTurnsHeld,
      leftOut: plan.invalid.length,
      notes: plan.notes,
    };
  });
  announce({ kind: ChangeKind.Imported, events: summary.events });
  if (summary.reviews) announce({ kind: ChangeKind.Reviews, itemId: '' });
  if (file.chats.length) announce({ kind: ChangeKind.Chats, chatId: '' });
  return summary;
}

export interface ImportOptions extends Omit<ImportChoices, 'moderation' | 'chatModeration'> {
  /** Checks review texts (the language worker's moderate() with the review preset, or the same engine in Node). */
  moderate?: (texts: string[]) => Promise<ReviewModeration[]>;
  /** Checks imported conversation messages (chat preset); without it they are stored held. */
  moderateChats?: (turns: ExportedChatTurn[]) => Promise<ChatTurnCheck[]>;
  now?: number;
}

/** prepareImport, the moderation of the new reviews, and applyImport, in one call (for code that asks nobody). */
export async function importEverything(text: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const plan = await prepareImport(text, options.now);
  if (plan.invalid.length && !options.skipInvalid) return applyImport(plan, options);
  const moderation = plan.newReviews.length && options.moderate ? await options.moderate(plan.newReviews.map((r) => r.text)) : undefined;
  const chatModeration = plan.newChatTurns.length && options.moderateChats ? await options.moderateChats(plan.newChatTurns.map((t) => t.turn)) : undefined;
  return applyImport(plan, { ...options, moderation, chatModeration });
}
