/**
 * The merchant console's model work: the interaction log the merchant opened (its text stays on this device and goes
 * only to the training worker), training with live progress (loss, validation NDCG@10, examples per second, the
 * backend), cancel and resume from the checkpoint, the pre-trained model file out and back in, and the evaluation
 * against the baselines. The one owner of the TrainingBridge.
 */
import { describeError, type RowIssue } from '../../shared/errors.ts';
import type { MerchantModelInfo } from '../../shared/protocol/recommender.ts';
import type { BackendPreference, BackendReport, CatalogJoinStats, DatasetFormat, TrainCatalog, TrainProgress, TrainResult } from '../../shared/training.ts';
import { TrainingBridge, type ImportedModel, type LogEvaluation } from '../bridges/training.ts';
import { consoleState } from './console.svelte.ts';
import { language } from './language.svelte.ts';
import { personal } from './personal.svelte.ts';
import { recs } from './recs.svelte.ts';
import { shop } from './shop.svelte.ts';

/**
 * How the model represents items: by the catalog's content (text vector, category, price band: the model the shop
 * and the embed start from, which ranks products no log has seen), or by the log's item ids (a model for this
 * console only: it ranks only the log's items, and the shop cannot use it).
 */
export type ItemsBy = 'content' | 'ids';

/** Where the console keeps its model (the checkpoints store; one model at a time). */
export const CONSOLE_CHECKPOINT = 'console:model';

export const LOG_FORMATS: readonly DatasetFormat[] = ['events-csv', 's3rec', 'movielens', 'sequences-json'];

/** A guess from the file's name and first line; the merchant can change it. */
export function guessFormat(name: string, text: string): DatasetFormat {
  const first = text.slice(0, 2000).split(/\r?\n/, 1)[0] ?? '';
  if (/\.json$/i.test(name) || /^\s*[[{]/.test(first)) return 'sequences-json';
  if (/u\.data$/i.test(name) || /^\d+\t\d+\t\d+(\.\d+)?\t\d+$/.test(first)) return 'movielens';
  if (first.includes(',') || first.includes(';')) return 'events-csv';
  return 's3rec';
}

export interface ChartPoint {
  x: number;
  y: number;
}

class Training {
  readonly #bridge = new TrainingBridge();
  #run: AbortController | null = null;
  /** Seconds of earlier runs of this model, so that a resumed run's curve continues where the last one stopped. */
  #offset = 0;

  log = $state.raw<{ name: string; text: string; format: DatasetFormat } | null>(null);
  stats = $state.raw<{ users: number; items: number; interactions: number; evalUsers: number; join: CatalogJoinStats | null } | null>(null);
  itemsBy = $state<ItemsBy>('content');
  /** Product vectors being computed before a content training: done of total. */
  vectors = $state.raw<{ done: number; total: number } | null>(null);
  /** The console's model put in use by the shop (its catalog), or null. */
  inShop = $state.raw<MerchantModelInfo | null>(null);
  inShopFailure = $state<string | null>(null);
  usingInShop = $state(false);
  #restored = false;
  failure = $state.raw<{ message: string; issues: RowIssue[] } | null>(null);

  epochs = $state(10);
  timeBudgetS = $state(120);
  backend = $state<BackendPreference>('auto');

  running = $state(false);
  cancelling = $state(false);
  progress = $state.raw<TrainProgress | null>(null);
  loss = $state.raw<ChartPoint[]>([]);
  speed = $state.raw<ChartPoint[]>([]);
  ndcg = $state.raw<ChartPoint[]>([]);
  result = $state.raw<TrainResult | null>(null);
  backendReport = $state.raw<BackendReport | null>(null);
  /** A checkpoint exists that a resume continues (a cancelled run, or a loaded model file). */
  canResume = $state(false);
  /** The model in the checkpoint: trained here, or read from a file. */
  model = $state.raw<{ from: 'trained' | 'file'; items: number; steps: number; name?: string } | null>(null);

  evaluating = $state<string | null>(null);
  evaluation = $state.raw<LogEvaluation | null>(null);
  evalFailure = $state<string | null>(null);

  /** Reads the log's text here, then has the worker parse it (and report its size or its problems). */
  async open(file: File, format?: DatasetFormat): Promise<void> {
    this.failure = null;
    this.stats = null;
    this.evaluation = null;
    try {
      const text = await file.text();
      const log = { name: file.name, text, format: format ?? guessFormat(file.name, text) };
      this.log = log;
      await this.inspect();
    } catch (err) {
      this.failure = { message: describeError(err), issues: [] };
    }
  }

  async setFormat(format: DatasetFormat): Promise<void> {
    if (!this.log) return;
    this.log = { ...this.log, format };
    await this.inspect();
  }

  async inspect(): Promise<void> {
    const log = this.log;
    if (!log) return;
    this.failure = null;
    this.stats = null;
    const c = consoleState.products;
    const catalog = this.itemsBy === 'content' && c ? { name: c.name, productIds: c.products.map((p) => p.id) } : null;
    const out = await this.#bridge.inspectLog(undefined, log.name, log.text, log.format, catalog);
    if (this.log !== log) return;
    if (out.ok) this.stats = { users: out.users, items: out.items, interactions: out.interactions, evalUsers: out.evalUsers, join: out.join };
    else this.failure = { message: out.message, issues: out.issues };
  }

  async setItemsBy(by: ItemsBy): Promise<void> {
    this.itemsBy = by;
    await this.inspect();
  }

  /**
   * The console's catalog for a content model, with every product's vector computed first (only the missing ones);
   * null for an id model.
   */
  async #trainCatalog(signal: AbortSignal): Promise<TrainCatalog | null> {
    if (this.itemsBy !== 'content') return null;
    const c = consoleState.products;
    if (!c) throw new Error('No catalog yet: import the catalog this log belongs to (Catalog), or train by the log\'s item ids.');
    this.vectors = { done: 0, total: c.products.length };
    try {
      const encoder = await language.embedProducts(signal, c.products, (done, total) => (this.vectors = { done, total }));
      return { name: c.name, products: $state.snapshot(c.products) as typeof c.products, encoder };
    } finally {
      this.vectors = null;
    }
  }

  /** After a reload: the stored checkpoint (Resume continues it once the log is open again) and the shop's model. */
  async restore(): Promise<void> {
    if (this.#restored) return;
    this.#restored = true;
    try {
      const info = await this.#bridge.checkpointInfo(CONSOLE_CHECKPOINT);
      if (info && !this.model) {
        this.model = { from: 'trained', items: info.numItems, steps: info.steps, name: info.log ?? undefined };
        this.canResume = !info.finished;
        this.itemsBy = info.content ? 'content' : 'ids';
      }
    } catch {
      /* no storage: nothing to resume */
    }
    await this.refreshInShop();
  }

  async refreshInShop(): Promise<void> {
    try {
      this.inShop = shop.catalog ? await recs.merchantModel() : null;
    } catch {
      this.inShop = null;
    }
  }

  /**
   * Makes the console's model the starting point of the shopper's model in this shop now (and after a reload): the
   * recommender worker checks it against the shop's catalog and refuses one that does not fit, saying why.
   */
  async useInShop(): Promise<boolean> {
    this.inShopFailure = null;
    this.usingInShop = true;
    try {
      const file = await this.#bridge.exportModel(undefined, CONSOLE_CHECKPOINT, { exportedFrom: 'aisle-console', log: this.log?.name ?? this.model?.name ?? null });
      this.inShop = await recs.useMerchantModel(file);
      // The shelves change once the shopper's model has learned from it.
      void personal.update();
      return true;
    } catch (err) {
      this.inShopFailure = describeError(err);
      return false;
    } finally {
      this.usingInShop = false;
    }
  }

  async stopUsingInShop(): Promise<void> {
    this.inShopFailure = null;
    try {
      await recs.dropMerchantModel();
      this.inShop = null;
      void personal.update();
    } catch (err) {
      this.inShopFailure = describeError(err);
    }
  }

  /** Trains on the log (from scratch, or resuming the checkpoint); progress arrives as it happens. */
  async train(resume = false): Promise<void> {
    const log = this.log;
    if (!log || this.running) return;
    this.running = true;
    this.cancelling = false;
    this.failure = null;
    this.result = null;
    if (!resume) {
      this.#offset = 0;
      this.loss = [];
      this.speed = [];
      this.ndcg = [];
    }
    const offset = this.#offset;
    const run = (this.#run = new AbortController());
    let lastElapsed = 0;
    try {
      const catalog = await this.#trainCatalog(run.signal);
      const result = await this.#bridge.train(
        run.signal,
        {
          data: { kind: 'text', name: log.name, text: log.text, format: log.format },
          catalog,
          recipe: true,
          train: { epochs: this.epochs, timeBudgetS: this.timeBudgetS, validateEvery: 1, checkpointEveryS: 10 },
          backend: this.backend,
          checkpointId: CONSOLE_CHECKPOINT,
          resumeFrom: resume ? CONSOLE_CHECKPOINT : null,
          evaluateTest: true,
          progressIntervalMs: 400,
        },
        (p) => {
          if (this.#run !== run) return;
          this.progress = p;
          lastElapsed = p.elapsedS;
          const x = offset + p.elapsedS;
          if (p.loss !== null) this.loss = [...this.loss, { x, y: p.loss }];
          if (p.examplesPerSecond !== null) this.speed = [...this.speed, { x, y: p.examplesPerSecond }];
          const v = p.validation;
          if (v && !this.ndcg.some((q) => q.x === offset + v.elapsedS)) this.ndcg = [...this.ndcg, { x: offset + v.elapsedS, y: v.ndcg10 }];
        },
      );
      this.result = result;
      this.backendReport = result.report.backend;
      this.#offset = offset + Math.max(lastElapsed, result.report.trainSeconds);
      this.canResume = result.report.stopReason === 'cancelled';
      this.model = { from: 'trained', items: result.config.numItems, steps: result.report.steps, name: log.name };
    } catch (err) {
      if ((err as Error)?.name !== 'AbortError') this.failure = { message: describeError(err), issues: [] };
    } finally {
      if (this.#run === run) {
        this.#run = null;
        this.running = false;
        this.cancelling = false;
      }
    }
  }

  /** Stops after the current step: the run saves a checkpoint, and "Resume" continues it. */
  async cancel(): Promise<void> {
    if (!this.running) return;
    this.cancelling = true;
    await this.#bridge.cancelTraining();
  }

  /** The trained model as the pre-trained model file (JSON), for the merchant to publish beside the catalog. */
  async exportModel(): Promise<Blob> {
    const file = await this.#bridge.exportModel(undefined, CONSOLE_CHECKPOINT, { exportedFrom: 'aisle-console', log: this.log?.name ?? null });
    return new Blob([JSON.stringify(file)], { type: 'application/json' });
  }

  /** Reads a pre-trained model file back: it becomes the console's model, to resume training from and to evaluate. */
  async importModel(file: File): Promise<ImportedModel | null> {
    this.failure = null;
    try {
      const data: unknown = JSON.parse(await file.text());
      const c = consoleState.products;
      const content = (data as { checkpoint?: { config?: { model?: { idEmbedding?: boolean } } } } | null)?.checkpoint?.config?.model?.idEmbedding === false;
      const catalog = content && c ? { name: c.name, products: $state.snapshot(c.products) as typeof c.products, encoder: await language.embedProducts(undefined, c.products, (done, total) => (this.vectors = { done, total })).finally(() => (this.vectors = null)) } : null;
      const out = await this.#bridge.importModel(undefined, CONSOLE_CHECKPOINT, data, this.backend, catalog);
      this.itemsBy = out.content ? 'content' : 'ids';
      this.model = { from: 'file', items: out.numItems, steps: out.steps, name: file.name };
      this.canResume = true;
      this.#offset = 0;
      this.loss = [];
      this.speed = [];
      this.ndcg = [];
      this.result = null;
      return out;
    } catch (err) {
      this.failure = { message: err instanceof SyntaxError ? `${file.name} is not JSON: ${err.message}` : describeError(err), issues: [] };
      return null;
    }
  }

  /** eval:recs on the open log: the baselines, and the console's model when it was trained on these items. */
  async evaluate(maxUsers = 0): Promise<void> {
    const log = this.log;
    if (!log || this.evaluating || this.running) return;
    this.evaluating = '…';
    this.evalFailure = null;
    this.evaluation = null;
    try {
      const c = consoleState.products;
      const catalog = this.itemsBy === 'content' && c ? { name: c.name, products: $state.snapshot(c.products) as typeof c.products, encoder: language.encoder.id } : null;
      this.evaluation = await this.#bridge.evaluateLog(undefined, log, { checkpointId: CONSOLE_CHECKPOINT, maxUsers, backend: this.backend, catalog }, (name) => (this.evaluating = name));
    } catch (err) {
      this.evalFailure = describeError(err);
    } finally {
      this.evaluating = null;
    }
  }
}

export const training = new Training();
