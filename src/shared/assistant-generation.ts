/**
 * The assistant's optional generative model, the pure part (every thread and Node): the chat prompt built from the
 * same tool results the composed answer uses, the facts a generated sentence may state (grounding), the check of one
 * sentence against them, and the cutting of streamed text into sentences. The language worker runs the model
 * (workers/language/generator.ts); the page builds the prompt (src/app/state/assistant-generator.svelte.ts).
 *
 * A generated sentence is shown only when every price and number in it is one of the tool results' (or the
 * shopper's own request's), and every name-like word is a word of the tool results or the request. Name-like: a
 * capitalised word (the first of a sentence too, unless it is a common English word that starts sentences), a word
 * mixing letters and digits, an acronym, and in Chinese a word spelt only with the characters Chinese uses to
 * transliterate foreign names (卡西欧, 泰坦: how a brand is written in Chinese). Anything else is an invented fact: the
 * sentence is left out, and the page says so.
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
  /** The context's runs of Chinese characters (a Chinese name in one of them is the tool results' own). */
  han?: string[];
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
const HAN_RUN = /\p{Script=Han}+/gu;

const value = (s: string) => Number(s.replace(/,/g, ''));

/** The numbers and words of a context text (tool results and the request). */
export function groundingOf(texts: string[]): Grounding {
  const numbers = new Set<number>();
  const words = new Set<string>();
  const han = new Set<string>();
  for (const text of texts) {
    for (const m of text.matchAll(HAN_RUN)) han.add(m[0]);
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
  return { numbers: [...numbers], words: [...words], han: [...han] };
}

/** Words any answer may use in capitals without naming a product. */
const COMMON_CAPS = new Set(['i', "i'm", "i'll", "i've", "i'd", 'ok', 'okay']);

/**
 * Common English words that start a sentence without naming anything: a capitalised first word outside these (and
 * outside the tool results) is read as a name ("Zorblax makes the best one." is an invented product). A closed list of
 * function words, pronouns and the openers an assistant writes, not of products; a sentence that starts otherwise is
 * left out, which costs a sentence, never a wrong fact.
 */
const SENTENCE_OPENERS = new Set(
  (
    'a an the this that these those there here it its they their them we our you your he she his her my me ' +
    'and but or so yet also then still even just only both either neither each every all any some most many much ' +
    'more less few several other another such no not none nothing yes sure certainly absolutely of course ' +
    'if when while since because although though as after before once until unless whether where which who whom ' +
    'whose what why how for from with without within by at in on to into onto about above below under over between ' +
    'among through across near like unlike instead however unfortunately sadly happily luckily alternatively ' +
    'finally first second third next last overall please let lets let\'s look see check try ask consider choose pick ' +
    'take add compare browse shop find note remember keep great good nice perfect thanks thank sorry hello hi hey ' +
    'welcome based according currently right now today'
  ).split(' '),
);

/**
 * The characters Chinese writes foreign names with (the usual transliteration set: 卡西欧 Casio, 泰坦 Titan, 索尼 Sony).
 * A word made only of them that no tool result contains is a name the model made up or translated.
 */
const TRANSLITERATION = new Set(
  '阿埃艾爱安昂奥巴拜班邦鲍贝比彼宾波伯博布查达戴丹道德迪蒂丁杜厄恩尔法范菲芬丰弗福伏盖冈戈格古哈海汉赫亨胡华霍基吉加贾杰金卡凯坎康柯科克肯库夸拉莱兰朗劳勒雷黎里利莉林琳留卢鲁伦罗洛马迈麦曼梅门蒙米密明莫墨默穆纳奈南内尼妮涅宁纽努诺欧帕潘庞彭皮珀普奇齐恰乔切琼丘萨桑瑟莎沙尚舍施史斯松苏索塔泰坦汤唐特滕提托瓦威韦维温沃乌伍西希锡夏辛休雅亚扬耶伊因英尤约泽扎詹兹佐'.split(''),
);

/** Chinese words in a sentence that look like names: only transliteration characters, two or more, in no tool result. */
function inventedHanName(sentence: string, han: readonly string[]): boolean {
  for (const m of sentence.matchAll(HAN_RUN)) {
    const run = m[0];
    // The longest stretches of transliteration characters in the run; a stretch inside the context is the context's.
    for (const stretch of stretches(run)) {
      if (stretch.length < 2) continue;
      if (han.some((h) => h.includes(stretch))) continue;
      return true;
    }
  }
  return false;
}

function stretches(run: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of run) {
    if (TRANSLITERATION.has(ch)) cur += ch;
    else {
      if (cur) out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

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
    // A sentence's first word is capitalised anyway: it names something only when it is no common opener.
    const capital = /^\p{Lu}/u.test(w) && (!atStart || !SENTENCE_OPENERS.has(lower));
    const acronym = w.length > 1 && w === w.toUpperCase() && /\p{L}/u.test(w);
    if (mixed || capital || acronym) return 'name';
  }
  if (inventedHanName(sentence, grounding.han ?? [])) return 'name';
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
