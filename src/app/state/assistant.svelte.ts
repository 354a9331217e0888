/**
 * The shopping assistant on the page's side: one conversation shared by the chat screen and the compact panel.
 * Every message passes moderation first (the language worker's `moderate()`, chat preset; fails closed: a message
 * that could not be checked is not sent), and so does every answer's text from the shop or the history before it is
 * shown (a blocked part is withheld with its reason; src/shared/answer-moderation.ts); the recommender worker answers from its tools (recs.assist); the answer's
 * words stream in (Stop ends them); thumbs up or down are kept with the conversation and recorded as a `feedback`
 * event. Conversations are kept on this device (storage/chats.ts) unless personalisation is off. Nothing here
 * assumes which page hosts it: the app and the embed mount the same state.
 */
import { ANSWER_POLICY_CONFIG, moderateAnswer, type PartVerdict } from '../../shared/answer-moderation.ts';
import { describeError, isAbortError } from '../../shared/errors.ts';
import { EMPTY_CONTEXT, type AnswerBlock, type AnswerProduct, type AssistReply, type ChatContext, type Suggestion } from '../../shared/protocol/assistant.ts';
import { appendTurn, deleteChat, listChats, newChatId, setTurnFeedback, type ChatRecord } from '../../storage/chats.ts';
import { ChangeKind, onStorageChange } from '../../storage/changes.ts';
import { answerText, streamPieces } from '../components/assistant-text.ts';
import { i18n } from '../i18n/i18n.svelte.ts';
import { track } from './activity.ts';
import { generator } from './assistant-generator.svelte.ts';
import { cart } from './cart.svelte.ts';
import { host } from './host.ts';
import { language } from './language.svelte.ts';
import { recs } from './recs.svelte.ts';
import { shop } from './shop.svelte.ts';

/** Milliseconds between two streamed pieces (words, or short runs of Chinese). */
export const STREAM_MS = 28;

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  /** The whole text (an answer's words once composed). */
  text: string;
  /** How many stream pieces of `text` are shown. */
  shown: number;
  pieces: string[];
  status: 'checking' | 'thinking' | 'streaming' | 'done' | 'stopped' | 'refused' | 'error';
  blocks: AnswerBlock[];
  suggestions: Suggestion[];
  feedback: 1 | -1 | null;
  /** The stored message's id (null when the conversation is not kept). */
  turnId: string | null;
  /** Products this answer added to the cart (an explicit "add it to my cart"). */
  added: string[];
  /** How the answer was written, when the optional generative model wrote it (or could not). */
  note?: string;
  /** The generative model's figures for this answer (tokens, ms to the first token and in all). */
  generated?: { tokens: number; firstTokenMs: number | null; ms: number; device: string };
}

function message(role: ChatMessage['role'], text: string, status: ChatMessage['status']): ChatMessage {
  const pieces = streamPieces(text);
  return { id: crypto.randomUUID(), role, text, shown: role === 'user' ? pieces.length : 0, pieces, status, blocks: [], suggestions: [], feedback: null, turnId: null, added: [] };
}

/** Products of an answer (cards, tables, orders), in order, once. */
export function answerProducts(blocks: AnswerBlock[]): AnswerProduct[] {
  const out = new Map<string, AnswerProduct>();
  for (const b of blocks) {
    if (b.kind === 'products' || b.kind === 'compare' || b.kind === 'add-to-cart') for (const p of b.products) out.set(p.id, p);
    if (b.kind === 'spec' || b.kind === 'viewed' || b.kind === 'explain') out.set(b.product.id, b.product);
  }
  return [...out.values()];
}

class AssistantChat {
  messages = $state<ChatMessage[]>([]);
  busy = $state(false);
  /** Stored conversations, newest first (Your data). */
  history = $state.raw<ChatRecord[]>([]);
  /** Time from send to the first streamed piece of the last answer (ms), for the benchmark and the page's own figures. */
  lastFirstWordMs = $state<number | null>(null);
  #context: ChatContext = EMPTY_CONTEXT;
  #chatId = newChatId();
  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #policies: Promise<void> | null = null;
  /** Verdicts on answer texts already checked. */
  #checked = new Map<string, PartVerdict>();

  constructor() {
    onStorageChange((c) => {
      if (c.kind === ChangeKind.Chats || c.kind === ChangeKind.Imported || c.kind === ChangeKind.Forgotten) void this.refreshHistory();
      if (c.kind === ChangeKind.Forgotten) this.reset();
    });
  }

  /** The shop's policy documents (host.policiesUrl; the app: the demo's own catalog/policies.md), read once before the first answer. */
  #loadPolicies(): Promise<void> {
    this.#policies ??= (async () => {
      const url = new URL(host.policiesUrl ?? './catalog/policies.md', document.baseURI);
      const res = await fetch(url);
      if (!res.ok) throw new Error(`The shop's policy file (${url.href}) could not be read (HTTP ${res.status}).`);
      const name = url.pathname.split('/').pop() || 'policies';
      await recs.setPolicies([{ name, format: /\.json$/i.test(url.pathname) ? 'json' : 'markdown', text: await res.text() }]);
    })().catch((err: unknown) => {
      this.#policies = null;
      console.warn(describeError(err));
    });
    return this.#policies;
  }

  /** Loads what the first answer needs ahead (the moderation classifier, the policies) when the chat opens. */
  warmUp(): void {
    language.loadModeration().catch(() => undefined);
    void this.#loadPolicies();
  }

  async refreshHistory(): Promise<void> {
    this.history = await listChats().catch(() => []);
  }

  reset(): void {
    this.stop();
    this.messages = [];
    this.#context = EMPTY_CONTEXT;
    this.#chatId = newChatId();
  }

  async #keep(m: ChatMessage, items: string[]): Promise<void> {
    if (!shop.personalised || !shop.catalog) return;
    try {
      const stored = await appendTurn(this.#chatId, shop.catalog.id, { role: m.role, text: m.text, items, feedback: null });
      m.turnId = stored.id;
    } catch {
      /* a full disk is reported by the next event recorded; the chat goes on */
    }
  }

  /** Sends a message: moderation first, then the answer from the worker's tools, streamed. */
  async send(raw: string): Promise<void> {
    const text = raw.trim().slice(0, 500);
    if (!text || this.busy) return;
    this.stop();
    const t0 = performance.now();
    this.busy = true;
    const controller = new AbortController();
    this.#controller = controller;
    const user = message('user', text, 'done');
    this.messages.push(user);
    const answer = message('assistant', '', 'checking');
    this.messages.push(answer);
    const live = this.messages[this.messages.length - 1];
    try {
      const [checked, answered] = await Promise.allSettled([
        language.moderate(controller.signal, [text], 'chat'),
        this.#loadPolicies().then(() => recs.assist(controller.signal, { text, context: this.#context, personal: shop.personalised })),
      ]);
      if (controller.signal.aborted) return;
      // Fails closed: a message the checker could not assess is not answered.
      const verdict = checked.status === 'fulfilled' ? checked.value[0] : null;
      if (!verdict || verdict.decision !== 'allow') {
        // Not kept: a refused message is not part of the conversation (it may hold personal data).
        const why = !verdict || verdict.decision === 'hold' || !verdict.reasons.length ? i18n.t.assistant.held : i18n.t.assistant.refused({ reasons: verdict.reasons.join('; ') });
        Object.assign(live, { text: why, pieces: streamPieces(why), shown: streamPieces(why).length, status: 'refused' });
        return;
      }
      if (answered.status === 'rejected') throw answered.reason;
      const reply = await this.#checkAnswer(answered.value, controller.signal);
      if (controller.signal.aborted) return;
      await this.#keep(user, []);
      this.#context = reply.context;
      await this.#show(live, reply, t0, text);
    } catch (err) {
      if (isAbortError(err)) return;
      Object.assign(live, { text: i18n.t.assistant.failed, pieces: streamPieces(i18n.t.assistant.failed), shown: 1e9, status: 'error' });
    } finally {
      if (this.#controller === controller && live.status !== 'streaming') {
        this.busy = false;
        this.#controller = null;
      }
    }
  }

  /** The answer as it may be shown: every text from the shop or the history passes moderation first (answer-moderation.ts). */
  async #checkAnswer(reply: AssistReply, signal: AbortSignal): Promise<AssistReply> {
    const blocks = await moderateAnswer(reply.blocks, (texts, source) => language.moderate(signal, texts, 'chat', source === 'policy' ? ANSWER_POLICY_CONFIG : undefined), this.#checked);
    if (!blocks.some((b) => b.kind === 'withheld')) return reply;
    // "The second one" points into what is shown.
    const kept = new Set(answerProducts(blocks).map((p) => p.id));
    return { ...reply, blocks, suggestions: blocks.length === 1 ? [] : reply.suggestions, context: { ...reply.context, shown: reply.context.shown.filter((id) => kept.has(id)) } };
  }

  async #show(live: ChatMessage, reply: AssistReply, t0: number, request: string): Promise<void> {
    const currency = shop.catalog?.currency ?? 'INR';
    const text = answerText(reply.blocks, currency);
    live.text = text;
    live.pieces = streamPieces(text);
    live.blocks = reply.blocks;
    live.suggestions = reply.suggestions;
    live.status = 'streaming';
    // An explicit "add the first one to my cart" adds it; "order that again" offers the button instead.
    if (reply.understanding.intent === 'cart' && reply.understanding.action === 'add') {
      for (const b of reply.blocks) if (b.kind === 'add-to-cart') for (const p of b.products) await cart.add(p.id, 1, 'assistant');
      live.added = reply.blocks.flatMap((b) => (b.kind === 'add-to-cart' ? b.products.map((p) => p.id) : []));
      const titles = reply.blocks.flatMap((b) => (b.kind === 'add-to-cart' ? b.products.map((p) => p.title) : [])).join(', ');
      live.text = i18n.t.assistant.addedToCart({ titles });
      live.pieces = streamPieces(live.text);
    }
    const items = answerProducts(reply.blocks).map((p) => p.id).slice(0, 12);
    // The optional generative model (off by default) writes the words from the same blocks, checked sentence by sentence.
    if (this.#controller && (await generator.wants(reply))) {
      await generator.write({ live, reply, composed: text, request, signal: this.#controller.signal, onFirstWords: () => (this.lastFirstWordMs = performance.now() - t0) });
      if ((live.status as ChatMessage['status']) === 'done') void this.#keep(live, items);
      return;
    }
    void this.#keep(live, items);
    const step = () => {
      if (live.status !== 'streaming') return;
      if (live.shown === 0) this.lastFirstWordMs = performance.now() - t0;
      live.shown = Math.min(live.pieces.length, live.shown + (i18n.locale === 'zh' ? 2 : 1));
      if (live.shown >= live.pieces.length) {
        live.status = 'done';
        this.busy = false;
        this.#controller = null;
        return;
      }
      this.#timer = setTimeout(step, STREAM_MS);
    };
    step();
  }

  /** Stops the answer being written (its words so far stay). */
  stop(): void {
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#controller = null;
    const last = this.messages.at(-1);
    if (last && last.role === 'assistant' && (last.status === 'streaming' || last.status === 'thinking' || last.status === 'checking')) {
      last.status = last.shown > 0 ? 'stopped' : 'stopped';
      if (!last.text) {
        last.text = i18n.t.assistant.stopped;
        last.pieces = streamPieces(last.text);
        last.shown = last.pieces.length;
      }
    }
    this.busy = false;
  }

  /** Thumbs up or down on an answer: kept with the conversation and recorded as a feedback event. */
  async feedback(m: ChatMessage, value: 1 | -1): Promise<void> {
    m.feedback = m.feedback === value ? null : value;
    if (m.turnId) await setTurnFeedback(this.#chatId, m.turnId, m.feedback).catch(() => undefined);
    if (m.feedback !== null && m.turnId) await track({ type: 'feedback', chat: this.#chatId, turn: m.turnId, value: m.feedback, items: answerProducts(m.blocks).map((p) => p.id).slice(0, 12) });
  }

  async deleteConversation(id: string): Promise<void> {
    await deleteChat(id);
    if (id === this.#chatId) this.reset();
  }
}

export const assistant = new AssistantChat();
