/**
 * The shopper's own preference model, learned on this device: a content-only SASRec (item = its text vector,
 * category and price band, so every product is rankable, even one nobody has touched) trained in the recommender
 * worker on the shopper's weighted history, updated incrementally as events arrive, checkpointed to IndexedDB.
 *
 * - One tab learns at a time (Web Lock `aisle-personal-model`); the others use what it saved.
 * - Quality is measured the honest way for one shopper: before the model learns from new interactions, it is asked
 *   to predict each of them from the history before it (NDCG@10 over the whole catalog); the last 20 are kept.
 * - Runs in Node too (tests, benchmark): give it any CheckpointStore.
 */
import { checkpointStore } from '../../../src/storage/checkpoints.ts';
import type { StoredEvent } from '../../../src/shared/events.ts';
import { personalWhyInEnglish, type PersonalStatus, type PersonalWhy } from '../../../src/shared/personal.ts';
import type { BackendPreference, NamedWeights, SasrecConfig, TrainOptions } from '../../../src/shared/training.ts';

export type { PersonalStatus };
import type { CatalogIndex } from '../catalog-index.ts';
import { ModelSession, type CheckpointStore } from '../model/session.ts';
import { catalogFeatures, type CatalogFeatures } from './features.ts';
import { shopperSequence } from './sequence.ts';
import { describeError } from '../../../src/shared/errors.ts';
import { itemsFingerprint, pretrainedMismatch, type CatalogFit } from '../../../src/shared/pretrained.ts';

export const PERSONAL_MODEL: Partial<SasrecConfig> = { idEmbedding: false, dim: 64, heads: 1, blocks: 1, ffnDim: 64, maxLen: 50, dropout: 0.2, seed: 7 };
/** A new model's first training: many short passes over a short sequence are cheap. */
export const FIRST_TRAINING: Partial<TrainOptions> = { epochs: 40, learningRate: 0.005, lrSchedule: 'constant', checkpointEveryS: 0, seed: 7 };
/** Each update afterwards. */
export const UPDATE_TRAINING: Partial<TrainOptions> = { epochs: 8 };
/** The model learns from this many weighted interactions on. */
export const MIN_INTERACTIONS = 2;
/** Product vectors needed before training (share of the catalog). */
export const MIN_TEXT_COVERAGE = 0.5;
/** Predictions kept for the quality figure. */
export const QUALITY_WINDOW = 20;

/** What the personaliser keeps in its checkpoint's meta. */
interface PersonalMeta {
  lastSeq: number;
  trainedAt: number;
  interactions: number;
  /** NDCG@10 of recent predictions, oldest first. */
  ndcg: number[];
  lastUpdateMs: number;
  /** Set when the shopper's model started from the merchant's pre-trained model. */
  from?: 'merchant';
}

/** A checkpoint to start a shopper's first model from (see src/shared/pretrained.ts). */
export interface PretrainedCheckpoint {
  config: unknown;
  meta: Record<string, unknown>;
  weights: NamedWeights;
}

/** A status's reason: its code and its English words. */
function say(why: PersonalWhy): { why: PersonalWhy; reason: string } {
  return { why, reason: personalWhyInEnglish(why) };
}

export function personalCheckpointId(catalogId: string): string {
  return `personal:${catalogId}`;
}

/** What the catalog offers a pre-trained model (src/shared/pretrained.ts `pretrainedMismatch`). */
export function catalogFit(catalog: CatalogIndex, cf: CatalogFeatures): CatalogFit {
  return { name: catalog.catalogId, size: catalog.size, fingerprint: itemsFingerprint(catalog.items.map((i) => i.product.id)), spec: cf.spec };
}

function locks(): LockManager | undefined {
  return (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
}

export class Personaliser {
  readonly #session: ModelSession;
  #features: { catalog: CatalogIndex; value: Promise<CatalogFeatures> } | null = null;
  /** The checkpoint whose model is loaded in the session. */
  #loaded: string | null = null;
  #status: PersonalStatus = { state: 'waiting', ...say({ code: 'not-started' }), backend: null, trainedAt: null, interactions: 0, quality: null, lastUpdateMs: null };
  #running: Promise<PersonalStatus> | null = null;

  constructor(
    private readonly store: CheckpointStore | null = checkpointStore,
    private readonly backend: () => BackendPreference = () => 'auto',
  ) {
    this.#session = new ModelSession(store);
  }

  get status(): PersonalStatus {
    return { ...this.#status, backend: this.#session.backend ?? this.#status.backend };
  }

  /** New product vectors (or a new catalog): features are rebuilt on the next update. */
  invalidateFeatures(): void {
    this.#features = null;
    this.#loaded = null;
  }

  /** The catalog's fit for a pre-trained model (its item features read from the embeddings cache). */
  async fit(catalog: CatalogIndex): Promise<CatalogFit> {
    return catalogFit(catalog, await this.#catalogFeatures(catalog));
  }

  /**
   * Starts the shopper's model of this catalog over (the next update starts from the merchant's model, when there is
   * one, and learns the whole history again); the history itself is untouched.
   */
  async restart(catalog: CatalogIndex): Promise<void> {
    while (this.#running) await this.#running.catch(() => undefined);
    await this.store?.remove?.(personalCheckpointId(catalog.catalogId));
    this.#loaded = null;
    this.#status = { ...this.#status, state: 'waiting', ...say({ code: 'not-started' }), trainedAt: null, quality: null };
  }

  /** Forgets the loaded model (after "delete everything"). */
  reset(): void {
    this.#session.dispose();
    this.#loaded = null;
    this.#features = null;
    this.#status = { state: 'waiting', ...say({ code: 'not-started' }), backend: null, trainedAt: null, interactions: 0, quality: null, lastUpdateMs: null };
  }

  #catalogFeatures(catalog: CatalogIndex): Promise<CatalogFeatures> {
    if (this.#features?.catalog !== catalog) {
      const entry = { catalog, value: catalogFeatures(catalog) };
      this.#features = entry;
      // A failed read is tried again next time, not kept.
      entry.value.catch(() => {
        if (this.#features === entry) this.#features = null;
      });
    }
    return this.#features.value;
  }

  /**
   * Loads the stored model of this catalog when none is loaded: after the worker restarted (idle timeout) or new
   * product vectors arrived. It may lag the newest events until the next update; it is still better than none.
   */
  async #restore(catalog: CatalogIndex): Promise<void> {
    const id = personalCheckpointId(catalog.catalogId);
    if (this.#loaded === id || this.#running || !this.store) return;
    const stored = await this.store.load(id);
    const meta = stored?.meta.personal as PersonalMeta | undefined;
    if (!meta || meta.trainedAt === 0) return;
    const cf = await this.#catalogFeatures(catalog);
    if (cf.textCoverage < catalog.size * MIN_TEXT_COVERAGE || this.#running) return;
    await this.#session.loadModel(id, cf.features, this.backend());
    this.#loaded = id;
    this.#ready(meta);
  }

  /**
   * Brings the model up to date with the history (one update at a time; a no-op when nothing is new). A shopper's
   * first model starts from `pretrained` (the merchant's model for this catalog) when one is given and fits.
   */
  update(catalog: CatalogIndex, events: StoredEvent[], pretrained?: () => Promise<PretrainedCheckpoint | null>): Promise<PersonalStatus> {
    this.#running ??= this.#update(catalog, events, pretrained).finally(() => (this.#running = null));
    return this.#running;
  }

  async #update(catalog: CatalogIndex, events: StoredEvent[], pretrained?: () => Promise<PretrainedCheckpoint | null>): Promise<PersonalStatus> {
    const seq = shopperSequence(events, catalog);
    if (seq.items.length < MIN_INTERACTIONS) {
      return this.#set({ state: 'waiting', ...say({ code: 'too-few', needed: MIN_INTERACTIONS, have: seq.items.length }), interactions: seq.items.length });
    }
    const cf = await this.#catalogFeatures(catalog);
    if (cf.textCoverage < catalog.size * MIN_TEXT_COVERAGE) {
      return this.#set({ state: 'waiting', ...say({ code: 'indexing', done: cf.textCoverage, total: catalog.size }), interactions: seq.items.length });
    }
    const run = () => this.#learn(catalog, cf, seq, pretrained);
    const lockManager = locks();
    if (!lockManager) return run();
    const result = await lockManager.request('aisle-personal-model', { ifAvailable: true }, (lock) => (lock ? run() : null));
    return result ?? this.#set({ state: 'busy-elsewhere', ...say({ code: 'busy-elsewhere' }) });
  }

  async #learn(catalog: CatalogIndex, cf: CatalogFeatures, seq: ReturnType<typeof shopperSequence>, pretrained?: () => Promise<PretrainedCheckpoint | null>): Promise<PersonalStatus> {
    const id = personalCheckpointId(catalog.catalogId);
    const t0 = performance.now();
    let stored = this.store ? await this.store.load(id) : undefined;
    if (!stored && this.store && pretrained) {
      // The merchant's pre-trained model, when it was built for this catalog's items and features.
      const start = await pretrained().catch(() => null);
      if (start && pretrainedMismatch(start.config, start.meta, catalogFit(catalog, cf)) === null) {
        await this.store.save({ id, savedAt: Date.now(), config: start.config, meta: { ...start.meta, personal: { lastSeq: 0, trainedAt: 0, interactions: 0, ndcg: [], lastUpdateMs: 0, from: 'merchant' } }, weights: start.weights });
        stored = await this.store.load(id);
      }
    }
    const meta = stored?.meta.personal as PersonalMeta | undefined;
    const latest = seq.seqs[seq.seqs.length - 1];
    if (meta && meta.lastSeq >= latest) {
      if (this.#loaded !== id) {
        await this.#session.loadModel(id, cf.features, this.backend());
        this.#loaded = id;
      }
      return this.#ready(meta);
    }
    this.#set({ state: 'learning', ...say({ code: 'learning' }) });
    try {
      const packed = { numItems: catalog.size, items: seq.items, offsets: Int32Array.from([0, seq.items.length]), weights: seq.weights };
      const ndcg = [...(meta?.ndcg ?? [])];
      const loss = catalog.size <= 20_000 ? ({ loss: 'full-softmax' } as const) : ({ loss: 'sampled-softmax', negatives: 2048 } as const);
      if (stored && meta) {
        // Before learning from them: how well did the model predict the new interactions?
        if (this.#loaded !== id) await this.#session.loadModel(id, cf.features, this.backend());
        const maxLen = this.#session.model!.config.maxLen;
        for (let j = 1; j < seq.items.length; j++) {
          if (seq.seqs[j] <= meta.lastSeq) continue;
          const history = seq.items.subarray(Math.max(0, j - maxLen), j);
          const top = await this.#session.topItems(history, 10, false);
          const rank = top.items.indexOf(seq.items[j]);
          ndcg.push(rank >= 0 ? 1 / Math.log2(rank + 2) : 0);
        }
      }
      // What the shopper's model has learned, recorded with the checkpoint saved when training finishes.
      let next: PersonalMeta | null = null;
      const hooks = {
        finalMeta: () => {
          next = { lastSeq: latest, trainedAt: Date.now(), interactions: seq.items.length, ndcg: ndcg.slice(-QUALITY_WINDOW), lastUpdateMs: Math.round(performance.now() - t0), ...(meta?.from ? { from: meta.from } : {}) };
          return { personal: next };
        },
      };
      if (stored && meta) {
        await this.#session.fineTune({ checkpointId: id, sequences: packed, features: cf.features, train: { ...UPDATE_TRAINING, ...loss }, backend: this.backend() }, hooks);
      } else {
        await this.#session.fit({ checkpointId: id, sequences: packed, features: cf.features, model: { ...PERSONAL_MODEL, content: cf.spec }, train: { ...FIRST_TRAINING, ...loss }, backend: this.backend() }, hooks);
      }
      this.#loaded = id;
      if (!next) throw new Error('training stopped before it finished');
      return this.#ready(next);
    } catch (err) {
      this.#loaded = null;
      return this.#set({ state: 'failed', ...say({ code: 'failed', error: describeError(err) }) });
    }
  }

  #ready(meta: PersonalMeta): PersonalStatus {
    const quality = meta.ndcg.length ? { ndcg10: meta.ndcg.reduce((a, b) => a + b, 0) / meta.ndcg.length, predictions: meta.ndcg.length } : null;
    return this.#set({ state: 'ready', ...say({ code: 'ready', fromMerchant: meta.from === 'merchant' }), trainedAt: meta.trainedAt, interactions: meta.interactions, quality, lastUpdateMs: meta.lastUpdateMs });
  }

  #set(patch: Partial<PersonalStatus>): PersonalStatus {
    this.#status = { ...this.#status, ...patch, backend: this.#session.backend ?? this.#status.backend };
    return this.status;
  }

  /**
   * The model's best items after the shopper's history (item index → score), or null when no model is ready for
   * this catalog.
   */
  async scores(catalog: CatalogIndex, events: StoredEvent[], k = 200): Promise<Map<number, number> | null> {
    const id = personalCheckpointId(catalog.catalogId);
    await this.#restore(catalog);
    if (this.#loaded !== id || this.#status.state !== 'ready' || !this.#session.model) return null;
    const seq = shopperSequence(events, catalog);
    if (seq.items.length === 0) return null;
    const maxLen = this.#session.model.config.maxLen;
    const top = await this.#session.topItems(seq.items.subarray(Math.max(0, seq.items.length - maxLen)), Math.min(k, catalog.size), false);
    return new Map(top.items.map((item, i) => [item, top.scores[i]]));
  }
}
