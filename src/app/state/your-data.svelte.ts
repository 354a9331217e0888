/**
 * "Your data" on the page's side: what the device knows (event counts, the latest events, stored models and
 * catalogs, storage use), kept fresh as the history changes in any tab; the export, the two-step import (checked,
 * then merged with the shopper's yes where it would leave entries out or replace their models; imported reviews and
 * conversation messages are moderated again) and deleting everything. The only place screens reach these storage functions; the app's page and
 * the embed's panel both mount it.
 */
import type { CatalogSummary } from '../../storage/catalogs.ts';
import { ChangeKind, onStorageChange } from '../../storage/changes.ts';
import { listCheckpoints } from '../../storage/checkpoints.ts';
import { countItemStats } from '../../storage/compaction.ts';
import { applyImport, exportData, prepareImport, type ChatTurnCheck, type ImportPlan, type ImportSummary } from '../../storage/export.ts';
import { forgetEverything, type ForgetReport } from '../../storage/forget.ts';
import { countByType, recentEvents } from '../../storage/history.ts';
import { setSetting } from '../../storage/settings.ts';
import { importedTurnVerdict } from '../../shared/answer-moderation.ts';
import { describeError, isAbortError, type RowIssue } from '../../shared/errors.ts';
import { IMPORT_LIMITS, type ExportedChatTurn } from '../../shared/export-format.ts';
import type { EventType, StoredEvent } from '../../shared/events.ts';
import { cart } from './cart.svelte.ts';
import { language } from './language.svelte.ts';
import { checkReviewTexts } from './moderation.svelte.ts';
import { host } from './host.ts';
import { recs } from './recs.svelte.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

/** Imported conversation messages checked again, in groups (chat preset); a group the checker cannot run on is held. */
async function checkChatTurns(turns: ExportedChatTurn[]): Promise<ChatTurnCheck[]> {
  const out: ChatTurnCheck[] = [];
  for (let i = 0; i < turns.length; i += 16) {
    const group = turns.slice(i, i + 16);
    const results = await language.moderate(undefined, group.map((t) => t.text), 'chat').catch((err: unknown) => {
      if (isAbortError(err)) throw err;
      return [];
    });
    out.push(...group.map((t, k) => importedTurnVerdict(t.role, results[k])));
  }
  return out;
}

export interface DataSummary {
  counts: Record<EventType, number>;
  total: number;
  recent: StoredEvent[];
  summarisedItems: number;
  checkpoints: Awaited<ReturnType<typeof listCheckpoints>>;
  catalogs: CatalogSummary[];
  usage: number | null;
  quota: number | null;
}

export type ImportChoices = { skipInvalid: boolean; replaceModels: boolean };
export type { ImportSummary };

/** Changes that alter what the page shows (settings, product vectors and reviews do not). */
const SHOWN = new Set<ChangeKind>([ChangeKind.Events, ChangeKind.Compacted, ChangeKind.Imported, ChangeKind.Forgotten, ChangeKind.Catalog]);

export class YourData {
  summary = $state.raw<DataSummary | null>(null);
  error = $state<string | null>(null);
  /** An import waiting for the shopper's answer: invalid entries to leave out, or models of theirs it would replace. */
  pending = $state.raw<ImportPlan | null>(null);
  /** What the import is doing now, in words, or null. */
  importing = $state<string | null>(null);
  /** How the last import ended. */
  imported = $state.raw<{ ok: true; summary: ImportSummary; notes: string[] } | { ok: false; message: string } | null>(null);

  async refresh(): Promise<void> {
    try {
      const [counts, recent, checkpoints, catalogs, estimate, summarisedItems] = await Promise.all([
        countByType(),
        recentEvents(100),
        listCheckpoints(),
        recs.catalogSummaries(),
        navigator.storage?.estimate?.() ?? Promise.resolve({} as StorageEstimate),
        countItemStats(),
      ]);
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      this.summary = { counts, total, recent, checkpoints, catalogs, summarisedItems, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
      this.error = null;
    } catch (err) {
      this.error = describeError(err);
    }
  }

  /** Refreshes now and whenever the history changes (a burst refreshes once); returns the function that stops it. */
  watch(): () => void {
    void this.refresh();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = onStorageChange((c) => {
      if (!SHOWN.has(c.kind)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void this.refresh(), 150);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
  }

  /** The export file and the damaged records left out of it (so that it can always be imported again). */
  async exportFile(): Promise<{ fileName: string; blob: Blob; leftOut: RowIssue[] }> {
    const { file, leftOut } = await exportData();
    return { fileName: `aisle-data-${new Date().toISOString().slice(0, 10)}.json`, blob: new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' }), leftOut };
  }

  /** Checks a file; imports it at once when nothing needs the shopper's answer, else waits in `pending`. */
  async importFile(file: File): Promise<void> {
    this.pending = null;
    this.imported = null;
    if (file.size > IMPORT_LIMITS.fileLength) {
      this.imported = { ok: false, message: i18n.t.yourData.tooBig({ size: `${i18n.number(Math.round(file.size / 1048576))} MB`, limit: `${i18n.number(IMPORT_LIMITS.fileLength / 1048576)} MB` }) };
      return;
    }
    try {
      this.importing = i18n.t.yourData.checking;
      const plan = await prepareImport(await file.text());
      if (plan.invalid.length || plan.modelConflicts.length) this.pending = plan;
      else await this.answer({ skipInvalid: false, replaceModels: false }, plan);
    } catch (err) {
      this.imported = { ok: false, message: describeError(err) };
    } finally {
      this.importing = null;
    }
  }

  /** The shopper's answer to the pending import (or the choices for one that needed none). */
  async answer(choices: ImportChoices, plan = this.pending): Promise<void> {
    this.pending = null;
    if (!plan) return;
    try {
      const texts = plan.newReviews.map((r) => r.text);
      const moderation = texts.length ? await checkReviewTexts(texts, (done, total) => (this.importing = i18n.t.yourData.checkingReviews({ done: i18n.number(done), total: i18n.number(total) }))) : [];
      const chatModeration = await checkChatTurns(plan.newChatTurns.map((t) => t.turn));
      this.importing = i18n.t.yourData.saving;
      this.imported = { ok: true, summary: await applyImport(plan, { ...choices, moderation, chatModeration }), notes: plan.notes };
    } catch (err) {
      this.imported = { ok: false, message: describeError(err) };
    } finally {
      this.importing = null;
    }
  }

  cancelImport(): void {
    this.pending = null;
  }

  /** Deletes every database, cache and stored record of the origin (a guest on a store's page: only Aisle's own) (the workers are stopped first: they hold it open). */
  async deleteEverything(): Promise<ForgetReport> {
    recs.stop();
    language.stop();
    const report = await forgetEverything(host.guest ? 'aisle' : 'origin');
    cart.lines = [];
    return report;
  }

  /** How many events to keep before older views and searches are summarised. */
  async setHistoryCap(n: number): Promise<void> {
    await setSetting('historyCap', n);
  }
}
