/**
 * The assistant's optional generative model, the pure part (every thread and Node): the chat prompt built from the
 * same tool results the composed answer uses, the facts a generated sentence may state (grounding), the check of one
 * sentence against them, and the cutting of streamed text into sentences. The language worker runs the model
 * (workers/language/generator.ts); the page builds the prompt (src/app/state/assistant-generator.svelte.ts).
 *
 * A generated sentence is shown only when every price and number in it is one of the tool results' (or the
 * shopper's own request's), and every name-like word (a capitalised word past the first, a word mixing letters and
 * digits, an acronym) is a word of the tool results or the request. Anything else is an invented fact: the sentence
 * is left out, and the page says so.
 */
import type { RemoteModelSpec } from './models.ts';
import { parseAmount } from './text/query.ts';

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a generated answer may state: the numbers and words of the tool results and the request. */
export interface Grounding {
  /** Every number written in the context (prices, counts, ratings, dates' parts), as values. */
  numbers: number[];
  /** Every word of the context, lower case (Latin, digits; for name checks). */
  words: string[];
}

/** Why a generated sentence was left out. */
export type RemovedReason = 'price' | 'name' | 'moderation';

/** What the page asks the language worker to write. */
export interface GenerateRequest {
  spec: RemoteModelSpec;
  /** The shopper's yes (host and size shown) is on record for this model. */
  approved: boolean;
  messages: ChatTurn[];
  grounding: Grounding;
  maxNewTokens: number;
}

/** What the worker reports while it writes. Sentences arrive only after the grounding check and moderation. */
export type GenerateEvent =
  | { kind: 'progress'; file: string; loaded: number; total: number }
  | { kind: 'loaded'; device: string; deviceReason: string; loadMs: number }
  | { kind: 'sentence'; text: string }
  | { kind: 'removed'; reason: RemovedReason; };

export interface GenerateSummary {
  /** Tokens generated, and how long from the start of generation to the first and the last one. */
  tokens: number;
  firstTokenMs: number | null;
  ms: number;
  /** Interrupted (the chat's Stop) before the model finished. */
  stopped: boolean;
  /** The moderation could not run: nothing more was shown (fails closed). */
  held: boolean;
  device: string;
}

/** Transformers.js's dtype for the weights file a spec names (onnx/model.onnx → fp32, model_quantized → q8, …). */
export function weightsDtype(spec: Pick<RemoteModelSpec, 'files'>): 'fp32' | 'fp16' | 'q8' | 'q4' | 'q4f16' | 'int8' | 'uint8' | 'bnb4' {
  const onnx = spec.files.map((f) => f.path).find((p) => /^onnx\/model[\w]*\.onnx$/.test(p)) ?? 'onnx/model.onnx';
  const suffix = /^onnx\/model(?:_(\w+))?\.onnx$/.exec(onnx)?.[1] ?? '';
  const map: Record<string, ReturnType<typeof weightsDtype>> = { '': 'fp32', fp16: 'fp16', quantized: 'q8', q4: 'q4', q4f16: 'q4f16', int8: 'int8', uint8: 'uint8', bnb4: 'bnb4' };
  return map[suffix] ?? 'fp32';
}

/** The files of a hub-layout instruct model, for the weights file the shopper named (one file: no external data). */
export function generatorFiles(weights: string): RemoteModelSpec['files'] {
  return [
    { path: 'config.json' },
    { path: 'generation_config.json', optional: true },
    { path: 'tokenizer.json' },
    { path: 'tokenizer_config.json' },
    { path: weights },
  ];
}

const NUMBER = /\d[\d,]*(?:\.\d+)?/g;
const WORD = /[\p{Script=Latin}\p{N}][\p{Script=Latin}\p{N}'’-]*/gu;

const value = (s: string) => Number(s.replace(/,/g, ''));

/** The numbers and words of a context text (tool results and the request). */
export function groundingOf(texts: string[]): Grounding {
  const numbers = new Set<number>();
  const words = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(NUMBER)) {
      numbers.add(value(m[0]));
      // "4.5 out of 5", "1,999.00": the integer part too.
      if (m[0].includes('.')) numbers.add(Math.trunc(value(m[0])));
    }
    for (const m of text.matchAll(WORD)) {
      const w = m[0].toLowerCase();
      words.add(w);
      for (const part of w.split(/['’-]/)) if (part) words.add(part);
    }
  }
  return { numbers: [...numbers], words: [...words] };
}

/** Words any answer may use in capitals without naming a product. */
const COMMON_CAPS = new Set(['i', "i'm", "i'll", "i've", "i'd", 'ok', 'okay']);

/** Why a generated sentence cannot be shown, or null when every fact in it is in the grounding. */
export function checkSentence(sentence: string, grounding: Grounding): Exclude<RemovedReason, 'moderation'> | null {
  const numbers = new Set(grounding.numbers);
  for (const m of sentence.matchAll(NUMBER)) {
    // Digits inside a word ("G200") are a model name: the name check below reads them.
    if (/\p{L}$/u.test(sentence.slice(0, m.index))) continue;
    const n = value(m[0].replace(/[.,]$/, ''));
    // Small counts and ordinals ("the 2 best", "1 of them") are no facts of the shop; prices and larger numbers are.
    if (!Number.isFinite(n) || numbers.has(n)) continue;
    const before = sentence.slice(Math.max(0, m.index - 4), m.index);
    const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 8);
    const priced = /[₹$€£¥]|rs\.?\s*$|inr\s*$/i.test(before) || /^\s*(?:元|块|rupees?|rs\b|inr\b)/i.test(after);
    if (priced || n > 10 || m[0].includes('.')) return 'price';
  }
  // Amounts in words with a currency: 两千元, 一千五百块, 2千元, 1.5k rupees.
  for (const m of sentence.matchAll(/([零〇一二两俩三四五六七八九十百千万]+|\d+(?:\.\d+)?\s*[千万kK])\s*(?:元|块|rupees?|rs\b)/g)) {
    const n = parseAmount(m[1]);
    if (Number.isFinite(n) && n > 10 && !numbers.has(n)) return 'price';
  }
  const words = new Set(grounding.words);
  let first = true;
  for (const m of sentence.matchAll(WORD)) {
    const w = m[0];
    const atStart = first && sentence.slice(0, m.index).trim().replace(/^["'“‘(]+/, '') === '';
    first = false;
    const lower = w.toLowerCase().replace(/['’]s$/, '');
    if (words.has(lower) || COMMON_CAPS.has(lower)) continue;
    const mixed = /\p{L}/u.test(w) && /\p{N}/u.test(w);
    const capital = /^\p{Lu}/u.test(w) && !atStart;
    const acronym = w.length > 1 && w === w.toUpperCase() && /\p{L}/u.test(w);
    if (mixed || capital || acronym) return 'name';
  }
  return null;
}

/**
 * Cuts streamed text into whole sentences: those finished so far, and the rest still being written. A full stop
 * ends a sentence only before white space (so "1.5" and "₹4,321." are read whole), or at the end of the stream.
 */
export function takeSentences(buffer: string, final: boolean): { sentences: string[]; rest: string } {
  const sentences: string[] = [];
  const end = /[.!?](?=\s)|[。！？]|\n/g;
  let start = 0;
  for (let m = end.exec(buffer); m; m = end.exec(buffer)) {
    const s = buffer.slice(start, m.index + m[0].length);
    start = m.index + m[0].length;
    if (s.trim()) sentences.push(s);
  }
  let rest = buffer.slice(start);
  if (final && rest.trim()) {
    sentences.push(rest);
    rest = '';
  }
  return { sentences, rest };
}

export interface PromptProduct {
  title: string;
  brand: string | null;
  /** The price as the page shows it ("₹1,999"). */
  price: string;
  inStock: boolean;
}

/**
 * The chat messages for the model: a system message with the rules and the tool results (the composed answer's own
 * words and the products it shows), then the shopper's request. `fit` shortens the tool results until the prompt
 * fits the model's context (it returns the prompt's length in tokens).
 */
export function buildPrompt(input: { composed: string; products: PromptProduct[]; request: string; language: 'en' | 'zh' }): ChatTurn[] {
  const lang = input.language === 'zh' ? 'Simplified Chinese' : 'English';
  const lines = input.products.map((p) => `- ${p.title}${p.brand ? ` (${p.brand})` : ''}: ${p.price}${p.inStock ? '' : ', out of stock'}`);
  const system = [
    `You are the shop's assistant. Answer in ${lang}, in a few short sentences, using only these tool results. Never name a price or a product that is not in them.`,
    'Tool results:',
    input.composed.trim(),
    ...(lines.length ? ['Products:', ...lines] : []),
  ].join('\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: input.request },
  ];
}
