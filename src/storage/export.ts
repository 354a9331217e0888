/** Export everything the device knows as one file, and import such a file back (validated first, one transaction). */
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  decodeWeights,
  encodeCheckpoint,
  validateExport,
  type ExportFile,
} from '../shared/export-format.ts';
import { InvalidFileError } from '../shared/errors.ts';
import { ChangeKind, announce } from './changes.ts';
import { getDb, type ItemStats } from './db.ts';
import { withQuotaCheck } from './quota.ts';
import { SETTING_KEYS, settingProblem } from './settings.ts';

const isPersonalMeta = (m: unknown): m is { lastSeq: number } => typeof m === 'object' && m !== null && 'lastSeq' in m;

export async function exportEverything(): Promise<ExportFile> {
  const db = await getDb();
  const tx = db.transaction(['events', 'settings', 'checkpoints', 'itemStats', 'reviews']);
  const events = await tx.objectStore('events').getAll();
  const settings: Record<string, unknown> = {};
  const settingsStore = tx.objectStore('settings');
  for (const key of await settingsStore.getAllKeys()) settings[key] = await settingsStore.get(key);
  const checkpoints = await tx.objectStore('checkpoints').getAll();
  const itemStats = await tx.objectStore('itemStats').getAll();
  const reviews = await tx.objectStore('reviews').getAll();
  await tx.done;
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    // `seq` is this device's storage key, not part of the event.
    events: events.map(({ seq: _seq, ...e }) => e),
    settings,
    itemStats,
    reviews,
    checkpoints: checkpoints.map(encodeCheckpoint),
  };
}

export interface ImportSummary {
  events: number;
  duplicates: number;
  settings: number;
  checkpoints: number;
  itemStats: number;
  reviews: number;
}

/**
 * Imports an export file's text. Everything is validated before anything is written; then all of it is written in
 * one transaction, so a bad or interrupted import leaves the stored data exactly as it was. Events already stored
 * (same id) are not duplicated.
 */
export async function importEverything(text: string): Promise<ImportSummary> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidFileError('This file is not valid JSON, so it is not an Aisle data export. Nothing was imported.');
  }
  const file = validateExport(parsed);
  const settings = Object.entries(file.settings).filter(([k]) => (SETTING_KEYS as string[]).includes(k));
  const settingIssues = settings.flatMap(([k, v], i) => {
    const reason = settingProblem(k, v);
    return reason ? [{ row: i + 1, field: 'settings', reason }] : [];
  });
  if (settingIssues.length) throw new InvalidFileError(`The export file has invalid settings (${settingIssues.map((x) => x.reason).join('; ')}). Nothing was imported.`, settingIssues);
  const itemStats = file.itemStats as ItemStats[];
  const checkpoints = file.checkpoints.map((c) => ({
    ...c,
    // The shopper's model records the last event it learned from by this device's storage numbers (seq); imported
    // events are numbered afresh here, so it learns from all of them again rather than skipping them.
    meta: isPersonalMeta(c.meta.personal) ? { ...c.meta, personal: { ...c.meta.personal, lastSeq: 0 } } : c.meta,
    // validateExport checked every weight's size already.
    weights: decodeWeights(c.weights, (name) => new InvalidFileError(`The checkpoint weight "${name}" does not match its shape.`)),
  }));

  const db = await getDb();
  const summary = await withQuotaCheck('the imported data', async () => {
    const tx = db.transaction(['events', 'settings', 'checkpoints', 'itemStats', 'reviews'], 'readwrite');
    const events = tx.objectStore('events');
    const byId = events.index('by-id');
    let added = 0;
    let duplicates = 0;
    for (const e of file.events) {
      if ((await byId.getKey(e.id)) !== undefined) duplicates++;
      else {
        // `seq` is the exporting device's storage key (exports leave it out); this device numbers events itself.
        const { seq: _seq, ...event } = e as typeof e & { seq?: unknown };
        await events.add(event as never);
        added++;
      }
    }
    for (const [k, v] of settings) await tx.objectStore('settings').put(v, k);
    for (const c of checkpoints) await tx.objectStore('checkpoints').put(c);
    for (const s of itemStats) await tx.objectStore('itemStats').put(s);
    for (const r of file.reviews) await tx.objectStore('reviews').put(r);
    await tx.done;
    return { events: added, duplicates, settings: settings.length, checkpoints: checkpoints.length, itemStats: itemStats.length, reviews: file.reviews.length };
  });
  announce({ kind: ChangeKind.Imported, events: summary.events });
  return summary;
}
