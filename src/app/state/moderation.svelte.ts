/**
 * Moderation on the page's side, built on the language worker (language.svelte.ts owns its bridge) and the vision
 * worker (owned here, per listing check): a review or question being written (rules while typing, the full check
 * when typing pauses and again before posting, then stored), stored reviews checked again when the checker could not
 * run before, and the merchant's listing check over a whole catalog. Fails closed throughout: a text the checker
 * could not assess is held, never posted. Nothing here assumes which page hosts it.
 */
import { VisionBridge } from '../bridges/vision.ts';
import { toCsv } from '../../shared/catalog/csv.ts';
import type { Product } from '../../shared/catalog/types.ts';
import { describeError, isAbortError } from '../../shared/errors.ts';
import { reviewModeration, type ReviewModeration } from '../../shared/export-format.ts';
import type { CategoryResult, ImageModerationResult, ModerationResult } from '../../shared/moderation.ts';
import { reviewsFor, saveReview, setReviewModeration, type ReviewRecord } from '../../storage/reviews.ts';
import { language } from './language.svelte.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

/** A held result made on the page, when the worker itself could not be reached. */
function heldBecause(err: unknown): ModerationResult {
  return {
    decision: 'hold',
    categories: [],
    reasons: [],
    held: { message: i18n.t.review.checkerDown, cause: describeError(err) },
  } as ModerationResult;
}

/** What the shopper is writing about one product: its live checks, its verdict, and posting it. */
export class ReviewDraft {
  /** Rule findings while typing (never a verdict). */
  live = $state.raw<CategoryResult[]>([]);
  /** The full check of the current text, when it has run. */
  verdict = $state.raw<ModerationResult | null>(null);
  checking = $state(false);
  posting = $state(false);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | null = null;
  #current = '';

  /** The text changed: rules at once, the full check when typing pauses. */
  edit(value: string): void {
    this.verdict = null;
    this.#current = value;
    this.stop();
    if (!value.trim()) {
      this.live = [];
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    language.checkRules(signal, value).then((r) => (this.live = r), () => undefined);
    this.#timer = setTimeout(async () => {
      this.checking = true;
      try {
        const [result] = await language.moderate(signal, [value]);
        if (value === this.#current) this.verdict = result;
      } catch {
        /* superseded or aborted: the next check or the post will tell */
      } finally {
        this.checking = false;
      }
    }, 700);
  }

  /** Loads the classifier ahead of the first check (when the shopper starts writing). */
  warmUp(): void {
    language.loadModeration().catch(() => undefined);
  }

  /**
   * Checks the text once more and stores it unless it is blocked or held; returns the stored review, or null (the
   * verdict then says why).
   */
  async post(review: { catalog: string; itemId: string; kind: 'review' | 'question'; text: string; rating: number | null }): Promise<ReviewRecord | null> {
    this.posting = true;
    this.stop();
    try {
      let result: ModerationResult;
      try {
        [result] = await language.moderate(undefined, [review.text]);
      } catch (err) {
        result = heldBecause(err);
      }
      this.verdict = result;
      if (result.decision === 'block' || result.decision === 'hold') return null;
      const saved = await saveReview({ ...review, text: review.text.trim(), moderation: { decision: result.decision, reasons: result.reasons } });
      this.live = [];
      this.verdict = null;
      return saved;
    } finally {
      this.posting = false;
    }
  }

  /** Drops the pending check (the text changed, or the page goes). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#controller = null;
  }
}

/** The reviews and questions stored for a product, newest first; held ones are checked again when asked for. */
export async function productReviews(catalog: string, itemId: string): Promise<ReviewRecord[]> {
  const list = await reviewsFor(catalog, itemId);
  const held = list.filter((r) => r.moderation.decision === 'hold');
  if (!held.length) return list;
  try {
    const results = await language.moderate(undefined, held.map((r) => r.text), 'review');
    if (results.every((x) => x.decision === 'hold')) return list;
    for (const [i, r] of held.entries()) if (results[i].decision !== 'hold') await setReviewModeration(r.id, reviewModeration(results[i]));
    return reviewsFor(catalog, itemId);
  } catch {
    return list; // still held: tried again next time
  }
}

/** Checks texts as reviews in groups (imported reviews and questions); a group the checker cannot run on is held. */
export async function checkReviewTexts(texts: string[], onProgress?: (done: number, total: number) => void): Promise<ReviewModeration[]> {
  const out: ReviewModeration[] = [];
  for (let i = 0; i < texts.length; i += 16) {
    onProgress?.(i, texts.length);
    const group = texts.slice(i, i + 16);
    try {
      out.push(...(await language.moderate(undefined, group, 'review')).map(reviewModeration));
    } catch (err) {
      if (isAbortError(err)) throw err;
      out.push(...group.map(() => ({ decision: 'hold' as const, reasons: [`Not checked: ${describeError(err)}`] })));
    }
  }
  return out;
}

export type ListingDecision = 'allow' | 'flag' | 'block' | 'hold';

export interface ListingRow {
  product: Product;
  text: ModerationResult;
  image: ImageModerationResult | null;
  decision: ListingDecision;
}

const ORDER: Record<ListingDecision, number> = { hold: 3, block: 2, flag: 1, allow: 0 };
const LISTING_BATCH = 16;

/** The merchant's listing check: every product's text, and its image when given, in the background, with progress. */
export class ListingCheckRun {
  rows = $state.raw<ListingRow[]>([]);
  done = $state(0);
  running = $state(false);
  finished = $state(false);
  error = $state<string | null>(null);
  /** The products that need a look, the worst first. */
  flagged = $derived(this.rows.filter((r) => r.decision !== 'allow').sort((a, b) => ORDER[b.decision] - ORDER[a.decision]));
  #controller: AbortController | null = null;
  #vision: VisionBridge | null = null;

  async start(products: Product[], imageFor: (p: Product) => Blob | undefined): Promise<void> {
    this.#controller?.abort();
    const controller = new AbortController();
    this.#controller = controller;
    const { signal } = controller;
    this.running = true;
    this.finished = false;
    this.error = null;
    this.done = 0;
    this.rows = [];
    const out: ListingRow[] = [];
    try {
      for (let i = 0; i < products.length; i += LISTING_BATCH) {
        const batch = products.slice(i, i + LISTING_BATCH);
        const results = await language.moderate(signal, batch.map((p) => `${p.title}\n${p.description}`), 'listing');
        for (const [j, p] of batch.entries()) {
          const file = imageFor(p);
          let image: ImageModerationResult | null = null;
          if (file) {
            this.#vision ??= new VisionBridge();
            image = await this.#vision.classify(signal, file);
          }
          const text = results[j]!;
          const imageDecision = image?.decision ?? 'allow';
          out.push({ product: p, text, image, decision: ORDER[text.decision] >= ORDER[imageDecision] ? text.decision : imageDecision });
        }
        this.done = out.length;
        this.rows = [...out];
      }
      this.finished = true;
    } catch (err) {
      if (!isAbortError(err)) this.error = describeError(err);
    } finally {
      this.running = false;
    }
  }

  /** The reasons of a row, in words. */
  static reasons(r: ListingRow): string[] {
    const text = r.text.decision === 'hold' ? [r.text.held?.message ?? 'Not checked'] : r.text.reasons;
    const image = r.image && r.image.decision !== 'allow' ? [`Image: ${r.image.reason}`] : [];
    return [...text, ...image];
  }

  /** The report as CSV (formula-looking cells neutralised by toCsv). */
  csv(): string {
    const header = ['id', 'title', 'decision', 'text_decision', 'categories', 'reasons', 'image_decision', 'image_score'];
    const lines = this.rows.map((r) => [
      r.product.id,
      r.product.title,
      r.decision,
      r.text.decision,
      r.text.categories.filter((c) => c.decision !== 'allow').map((c) => c.category).join(' '),
      ListingCheckRun.reasons(r).join(' | '),
      r.image?.decision ?? '',
      r.image ? Number(r.image.score.toFixed(3)) : '',
    ]);
    return toCsv([header, ...lines]);
  }

  /** Stops the check after the products in hand (what was checked stays). */
  cancel(): void {
    this.#controller?.abort();
  }

  /** Stops the check and lets the image worker go (the page leaves). */
  dispose(): void {
    this.#controller?.abort();
    this.#vision?.terminate();
    this.#vision = null;
  }
}
