/**
 * The assistant's optional generative model on the page's side: the shopper's choice (off by default; a model from
 * a hub or the merchant's host, chosen only with an explicit yes after the host and the download size were shown:
 * the `assistantModel` setting, never imported), its loading state and progress, and the writing of one answer:
 * the prompt from the same tool results as the composed answer, the sentences the language worker let through
 * (grounding and moderation there), streamed into the chat message, and the fall-back to the composed answer when
 * nothing could be shown. Without the setting nothing here runs, and the assistant works offline as before.
 */
import { suggestedGenerator, type SuggestedGenerator } from '../../shared/generator-suggestion.ts';
import { buildPrompt, generatorFiles, groundingOf, type GenerateEvent, type GenerateSummary, type PromptProduct } from '../../shared/assistant-generation.ts';
import { describeError, isAbortError } from '../../shared/errors.ts';
import { approvedRemoteModel, modelHost, type ApprovedRemoteModel, type DownloadPlan, type LoadedModelInfo, type RemoteModelSpec } from '../../shared/models.ts';
import type { AnswerBlock, AnswerProduct, AssistReply } from '../../shared/protocol/assistant.ts';
import { ChangeKind, onStorageChange } from '../../storage/changes.ts';
import { getSetting, setSetting } from '../../storage/settings.ts';
import { streamPieces } from '../components/assistant-text.ts';
import { i18n } from '../i18n/i18n.svelte.ts';
import type { ChatMessage } from './assistant.svelte.ts';
import { host } from './host.ts';
import { language } from './language.svelte.ts';

/** Milliseconds between two revealed pieces of a generated answer (as the composed answer streams). */
const REVEAL_MS = 28;
/** The longest answer asked of the model, in tokens. */
export const MAX_NEW_TOKENS = 200;

export type { SuggestedGenerator };

/** The spec of a hub-layout instruct model for the shopper's form. */
export function generatorSpec(address: string, id: string, revision: string, weights: string): RemoteModelSpec {
  return { id: id.trim(), source: 'remote', host: address, revision: revision.trim() || 'main', files: generatorFiles(weights.trim() || 'onnx/model.onnx') };
}

/** Every product an answer shows (cards, tables, specs, orders), once, in order. */
function shownProducts(blocks: AnswerBlock[]): AnswerProduct[] {
  const out = new Map<string, AnswerProduct>();
  for (const b of blocks) {
    if (b.kind === 'products' || b.kind === 'compare' || b.kind === 'add-to-cart') for (const p of b.products) out.set(p.id, p);
    if (b.kind === 'spec' || b.kind === 'viewed' || b.kind === 'explain') out.set(b.product.id, b.product);
    if (b.kind === 'orders') for (const o of b.orders) for (const l of o.lines) out.set(l.product.id, l.product);
  }
  return [...out.values()];
}

export interface WriteInput {
  live: ChatMessage;
  reply: AssistReply;
  /** The composed answer's words (the model's context, and the fall-back). */
  composed: string;
  /** The shopper's request as sent. */
  request: string;
  signal: AbortSignal;
  onFirstWords: () => void;
}

class AssistantGenerator {
  /** The shopper's choice with their approval, or null (off). */
  choice = $state.raw<ApprovedRemoteModel | null>(null);
  state = $state<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  info = $state.raw<Pick<LoadedModelInfo, 'device' | 'deviceReason' | 'loadMs'> | null>(null);
  progress = $state.raw<{ file: string; loaded: number; total: number } | null>(null);
  error = $state<string | null>(null);
  /** The last answer's figures: tokens, time to the first token and in all (the benchmark reads them). */
  lastRun = $state.raw<GenerateSummary | null>(null);
  suggested = $state.raw<SuggestedGenerator | null>(null);
  #read: Promise<void> | null = null;

  constructor() {
    onStorageChange((c) => {
      if (c.kind === ChangeKind.Forgotten) {
        this.choice = null;
        this.state = 'idle';
        this.info = null;
        this.#read = null;
      }
      // Turned on, changed or off in another tab (or this one): the next answer follows it, with no reload.
      if (c.kind === ChangeKind.Settings && c.key === 'assistantModel') void this.#reread();
    });
  }

  async #reread(): Promise<void> {
    let next: ApprovedRemoteModel | null;
    try {
      next = approvedRemoteModel(await getSetting('assistantModel'));
    } catch {
      return;
    }
    if (JSON.stringify(next?.spec ?? null) === JSON.stringify(this.choice?.spec ?? null)) return;
    this.choice = next;
    this.#read = Promise.resolve();
    // Another model (or none): what was loaded is not it; the next answer loads the new one.
    if (this.state !== 'loading') {
      this.state = 'idle';
      this.info = null;
    }
  }

  /** Reads the setting once. */
  ready(): Promise<void> {
    this.#read ??= getSetting('assistantModel').then(
      (v) => void (this.choice = approvedRemoteModel(v)),
      () => void (this.choice = null),
    );
    return this.#read;
  }

  /**
   * The shop's suggestion, for the settings form (the app) or the offer under the chat (the embed): the embed's
   * `data-assistant-model`, else the models manifest's `"assistantModel"`.
   */
  async readSuggestion(): Promise<void> {
    if (host.assistantModel) {
      this.suggested = host.assistantModel;
      return;
    }
    try {
      const res = await fetch(new URL('manifest.json', host.modelsUrl));
      if (res.ok) this.suggested = suggestedGenerator(((await res.json()) as { assistantModel?: unknown }).assistantModel);
    } catch {
      /* offline: no suggestion */
    }
  }

  get on(): boolean {
    return this.choice !== null;
  }

  #onProgress = (p: { status: string; file?: string; loaded?: number; total?: number }) => {
    if (p.status === 'progress' && p.file) this.progress = { file: p.file, loaded: p.loaded ?? 0, total: p.total ?? 0 };
  };

  /** What the model would download: the first request to its host, on the shopper's "Check size". */
  plan(spec: RemoteModelSpec): Promise<DownloadPlan> {
    return language.plan(spec);
  }

  /** Loads the chosen model (downloading what is missing, with progress); false when it fails (the error says why). */
  async load(choice: ApprovedRemoteModel | null = this.choice): Promise<boolean> {
    if (!choice) return false;
    this.state = 'loading';
    this.error = null;
    try {
      const info = await language.loadGenerator(undefined, choice.spec, true, this.#onProgress);
      this.info = info;
      this.state = 'ready';
      return true;
    } catch (err) {
      this.state = 'failed';
      this.error = describeError(err);
      return false;
    } finally {
      this.progress = null;
    }
  }

  /**
   * The shopper's explicit yes to the model shown (host and size): downloads and loads it, and only when it loads
   * keeps the choice with its approval. The only way the setting is turned on.
   */
  async choose(spec: RemoteModelSpec, plan: DownloadPlan): Promise<boolean> {
    const choice: ApprovedRemoteModel = { spec, approval: { host: modelHost(spec), bytes: plan.totalBytes, at: Date.now() } };
    const ok = await this.load(choice);
    if (ok) {
      await setSetting('assistantModel', choice);
      this.choice = choice;
    }
    return ok;
  }

  /** Off again (the composed answers only); `remove` also deletes the model's files from this device. */
  async turnOff(remove: boolean): Promise<void> {
    const spec = this.choice?.spec;
    await setSetting('assistantModel', null);
    this.choice = null;
    this.state = 'idle';
    this.info = null;
    if (remove && spec) await language.removeModel(spec);
  }

  /** Whether this reply is written by the model: the setting is on, and the reply is more than an action done. */
  async wants(reply: AssistReply): Promise<boolean> {
    await this.ready();
    if (!this.choice) return false;
    return !(reply.understanding.intent === 'cart' && reply.understanding.action === 'add');
  }

  /** Writes one answer into `live`: checked sentences stream in; nothing shown means the composed answer, said so. */
  async write({ live, reply, composed, request, signal, onFirstWords }: WriteInput): Promise<void> {
    const choice = this.choice!;
    const t = i18n.t.generator;
    const currency = reply.blocks.length ? (shownProducts(reply.blocks)[0]?.currency ?? 'INR') : 'INR';
    const products: PromptProduct[] = shownProducts(reply.blocks)
      .slice(0, 12)
      .map((p) => ({ title: p.title, brand: p.brand, price: i18n.price(p.price, p.currency ?? currency), inStock: p.inStock }));
    const messages = buildPrompt({ composed, products, request, language: i18n.locale === 'zh' ? 'zh' : 'en' });
    const grounding = groundingOf([messages[0].content, request]);
    Object.assign(live, { text: '', pieces: [], shown: 0, status: 'thinking', note: undefined });

    let shownSentences = 0;
    const removed = { price: 0, name: 0, moderation: 0 };
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generating = true;
    let revealed: () => void = () => undefined;
    const allShown = new Promise<void>((resolve) => (revealed = resolve));
    const step = () => {
      timer = undefined;
      if (signal.aborted) return;
      if (live.shown === 0 && live.pieces.length) onFirstWords();
      live.shown = Math.min(live.pieces.length, live.shown + (i18n.locale === 'zh' ? 2 : 1));
      if (live.shown < live.pieces.length) timer = setTimeout(step, REVEAL_MS);
      else if (!generating) revealed();
    };
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        revealed();
      },
      { once: true },
    );
    const append = (text: string) => {
      live.text += text;
      live.pieces = [...live.pieces, ...streamPieces(text)];
      if (live.status === 'thinking') live.status = 'streaming';
      timer ??= setTimeout(step, 0);
    };
    const onEvent = (e: GenerateEvent) => {
      if (signal.aborted) return;
      if (e.kind === 'progress') this.progress = { file: e.file, loaded: e.loaded, total: e.total };
      else if (e.kind === 'loaded') {
        this.progress = null;
        this.info = { device: e.device as LoadedModelInfo['device'], deviceReason: e.deviceReason, loadMs: e.loadMs };
        this.state = 'ready';
      } else if (e.kind === 'sentence') {
        shownSentences++;
        append(live.text && !/^\s/.test(e.text) ? ` ${e.text}` : e.text);
      } else removed[e.reason]++;
    };

    let note: string;
    try {
      const summary = await language.generate(signal, { spec: choice.spec, approved: true, messages, grounding, maxNewTokens: MAX_NEW_TOKENS }, onEvent);
      this.lastRun = summary;
      live.generated = { tokens: summary.tokens, firstTokenMs: summary.firstTokenMs, ms: summary.ms, device: summary.device };
      generating = false;
      if (shownSentences > 0) {
        if (!timer && live.shown >= live.pieces.length) revealed();
        await allShown;
        if (signal.aborted) return;
        const notes = [t.writtenBy({ model: choice.spec.id, device: summary.device.toUpperCase() })];
        const invented = removed.price + removed.name;
        if (invented) notes.push(t.leftOut({ n: i18n.count(invented, t.sentences) }));
        if (removed.moderation) notes.push(t.leftOutModeration({ n: i18n.count(removed.moderation, t.sentences) }));
        live.note = notes.join(' ');
        live.status = 'done';
        return;
      }
      note = summary.held ? t.fellBackHeld : t.fellBack;
      if (removed.price + removed.name) note += ` ${t.leftOut({ n: i18n.count(removed.price + removed.name, t.sentences) })}`;
      if (removed.moderation) note += ` ${t.leftOutModeration({ n: i18n.count(removed.moderation, t.sentences) })}`;
    } catch (err) {
      generating = false;
      if (isAbortError(err) || signal.aborted) return;
      this.progress = null;
      note = t.fellBackError({ error: describeError(err) });
    }
    // Nothing of the model's could be shown: the composed answer, streamed as usual, and why.
    clearTimeout(timer);
    Object.assign(live, { text: composed, pieces: streamPieces(composed), shown: 0, status: 'streaming', note });
    timer = undefined;
    await new Promise<void>((resolve) => {
      const reveal = () => {
        if (signal.aborted) return resolve();
        if (live.shown === 0) onFirstWords();
        live.shown = Math.min(live.pieces.length, live.shown + (i18n.locale === 'zh' ? 2 : 1));
        if (live.shown >= live.pieces.length) resolve();
        else timer = setTimeout(reveal, REVEAL_MS);
      };
      reveal();
    });
    if (!signal.aborted) live.status = 'done';
  }
}

export const generator = new AssistantGenerator();
