/**
 * Query understanding: what a shopper's words ask for, in the catalog's own words. One pure module for every thread
 * (the recommender worker's search, the language worker's encoder view, Node benchmarks and tests; the assistant
 * reuses it):
 *   - words are split with Intl.Segmenter (src/shared/text/tokenize.ts); runs of Chinese are then re-joined where the
 *     lexicon knows a longer word than the segmenter cut (连|衣裙 → 连衣裙);
 *   - price words and numbers become a price constraint (2000元以内, 500块左右, 1000到2000, under 2000, below rs 500,
 *     2000 rupees);
 *   - every other word becomes a concept with the ways to find it: the word as typed, its translations (the bundled
 *     CC-CEDICT lexicon, the merchant's own terms), and related words the catalog uses (timepiece → watch);
 *   - `encoderView` says what the sentence encoder should read and whether it knows enough of the words to be asked.
 * Category and brand names come only from the catalog in use (`catalogVocabulary`), never from a list here.
 */
import { InvalidFileError } from '../errors.ts';
import type { Product } from '../catalog/types.ts';
import { cleanDescription } from './product-text.ts';
import { stem, tokenize } from './tokenize.ts';

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
/** Words the lexical index leaves out too (they match nearly every product). */
export const STOPWORDS = new Set('a an and are as at be by for from in is it of on or the to with'.split(' '));

// ── the lexicon ──────────────────────────────────────────────────────────────────────────────────────────────────

export const LEXICON_FORMAT = 'aisle-lexicon-1';

/** The bundled lexicon's file (src/shared/text/lexicon/zh-en.json, built by scripts/build-lexicon.ts). */
export interface LexiconFile {
  format: typeof LEXICON_FORMAT;
  source: string;
  licence: string;
  attribution: string;
  /** Simplified Chinese headword → English glosses, '|'-separated, main sense first. */
  zh: Record<string, string>;
  /** English word → its synonyms (a word or two), '|'-separated, closest first. */
  related: Record<string, string>;
  /** Chinese words with no shop meaning that are made of shop words (蹦床 "trampoline"): never taken apart. */
  other: string;
}

/**
 * A merchant's own terms (`"lexicon"` in a JSON catalog): a word or phrase shoppers use, in any language, → what it
 * means in the catalog's words. `{ "腕表": ["watch"], "tee": ["t-shirt"], "jhumka": ["earrings"] }`.
 */
export type MerchantLexicon = Record<string, string[]>;

/** Limits on a merchant's lexicon, so that a catalog file cannot make every query slow. */
export const MERCHANT_LEXICON_LIMITS = { terms: 5000, meaningsPerTerm: 10, chars: 80 } as const;

/** Checks the `"lexicon"` of a catalog file; throws InvalidFileError saying what is wrong. */
export function validateMerchantLexicon(raw: unknown): MerchantLexicon {
  if (raw === undefined || raw === null) return {};
  const fail = (why: string): never => {
    throw new InvalidFileError(`The catalog's "lexicon" is invalid: ${why}. It maps a shopper's word to the catalog's words, e.g. "lexicon": { "腕表": ["watch"] } (see the README, "Search words").`);
  };
  if (typeof raw !== 'object' || Array.isArray(raw)) fail('it must be an object of terms');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MERCHANT_LEXICON_LIMITS.terms) fail(`it has ${entries.length} terms; at most ${MERCHANT_LEXICON_LIMITS.terms} are allowed`);
  const out: MerchantLexicon = {};
  for (const [term, meanings] of entries) {
    const key = term.trim();
    if (!key || key.length > MERCHANT_LEXICON_LIMITS.chars) fail(`the term "${term.slice(0, 40)}" must be 1 to ${MERCHANT_LEXICON_LIMITS.chars} characters`);
    const list = typeof meanings === 'string' ? [meanings] : meanings;
    if (!Array.isArray(list) || list.length === 0 || list.length > MERCHANT_LEXICON_LIMITS.meaningsPerTerm || list.some((m) => typeof m !== 'string' || !m.trim() || m.length > MERCHANT_LEXICON_LIMITS.chars)) {
      fail(`"${key}" must map to a list of 1 to ${MERCHANT_LEXICON_LIMITS.meaningsPerTerm} words or phrases of the catalog`);
    }
    out[key] = (list as string[]).map((m) => m.trim());
  }
  return out;
}

/** The words of the catalog in use: how often each (stemmed) word occurs, and its category names. */
export interface CatalogVocabulary {
  /** Occurrences of each stemmed word in the searchable text (titles, brands, categories, attributes, descriptions). */
  words: Map<string, number>;
  /** Every category path of the catalog (root first), with the stemmed words of its last name. */
  categories: Array<{ path: string[]; words: string[] }>;
  /** The stemmed words of every category name: the kinds of thing the catalog sells, in its own words. */
  categoryWords: Set<string>;
  /** How many products it was read from (unknown: every use of a word counts as evidence). */
  products?: number;
}

/** A word used less than once per this many products is hardly used (3 uses in the demo's 995 products). */
export const PRODUCTS_PER_USE = 250;

/**
 * True when the catalog hardly uses a word (`uses` times): no evidence that it sells the thing. A typo correction
 * or a related word that leads only to such a word is more likely chance than what the shopper meant ("plugh" →
 * plug; "bicycle" → bike, which the demo has only in "Car & Bike Care"). Chosen on the tuning half of
 * bench:search's nothing set.
 */
export function hardlyUsed(vocabulary: CatalogVocabulary, uses: number): boolean {
  return uses < Math.max(1, (vocabulary.products ?? 0) / PRODUCTS_PER_USE);
}

/** The catalog's searchable text per product, as the lexical index reads it. */
export function searchableFields(p: Product, descriptionChars: number): { title: string; brand: string; category: string; attributes: string; description: string } {
  return {
    title: p.title,
    brand: p.brand ?? '',
    category: p.categoryPath.join(' '),
    attributes: Object.values(p.attributes).join(' '),
    // Without the shop boilerplate ("Cash On Delivery", "Buy … Online in India"), which every product has.
    description: cleanDescription(p.description, p.title).slice(0, descriptionChars),
  };
}

/**
 * Builds the vocabulary from the products (what `searchableFields` gives; the first 600 description characters), or
 * takes the word counts from the caller (the lexical index counts them as it indexes, instead of reading twice).
 */
export function catalogVocabulary(products: readonly Product[], descriptionChars = 600, counted?: Map<string, number>): CatalogVocabulary {
  const words = counted ?? new Map<string, number>();
  const paths = new Map<string, string[]>();
  for (const p of products) {
    if (!counted) {
      const f = searchableFields(p, descriptionChars);
      for (const text of [f.title, f.brand, f.category, f.attributes, f.description]) for (const w of tokenize(text)) words.set(stem(w), (words.get(stem(w)) ?? 0) + 1);
    }
    // A path seen whole has had all its prefixes added already (most products share theirs): one join, not one a level.
    const full = p.categoryPath.join('\u0000');
    if (paths.has(full)) continue;
    for (let i = 1; i <= p.categoryPath.length; i++) {
      const path = p.categoryPath.slice(0, i);
      paths.set(path.join('\u0000'), path);
    }
  }
  const categories = [...paths.values()].map((path) => ({ path, words: tokenize(path[path.length - 1]).map(stem) }));
  // Category trees name brands too ("Titan Wrist Watches", "Lee Jeans"): brand words are not kinds of thing. Each
  // brand is read once (a large catalog names the same few thousand many times over).
  const brands = new Set<string>();
  for (const p of products) if (p.brand) brands.add(p.brand);
  const brandWords = new Set([...brands].flatMap((b) => tokenize(b).map(stem)));
  const categoryWords = new Set(categories.flatMap((c) => c.words).filter((w) => !STOPWORDS.has(w) && !brandWords.has(w)));
  return { words, categories, categoryWords, products: products.length };
}

/** Everything query understanding knows: the bundled lexicon, the catalog's words and the merchant's terms. */
export class Lexicon {
  readonly #zh: Record<string, string>;
  readonly #related: Record<string, string>;
  readonly #other: Set<string>;
  readonly #merchant = new Map<string, string[]>();
  /** English words the lexicon uses (its glosses and related words): real words, never taken for typos. */
  readonly #english = new Set<string>();
  /** The longest headword, in characters (bounds the re-joining of Chinese words). */
  readonly #longest: number;
  readonly vocabulary: CatalogVocabulary;

  constructor(file: LexiconFile, vocabulary: CatalogVocabulary, merchant: MerchantLexicon = {}) {
    if (file.format !== LEXICON_FORMAT) throw new Error(`This lexicon file has format "${file.format}"; this version of Aisle reads "${LEXICON_FORMAT}". Rebuild it with scripts/build-lexicon.ts.`);
    this.#zh = file.zh;
    this.#related = file.related;
    this.#other = new Set(file.other ? file.other.split('|') : []);
    for (const glosses of Object.values(file.zh)) for (const w of tokenize(glosses)) this.#english.add(stem(w));
    for (const [word, related] of Object.entries(file.related)) for (const w of [word, ...tokenize(related)]) this.#english.add(stem(w));
    this.vocabulary = vocabulary;
    // The bundled lexicon has headwords of up to five characters (笔记本电脑): four cut them apart.
    let longest = 4;
    for (const head of Object.keys(file.zh)) longest = Math.max(longest, [...head].length);
    for (const [term, meanings] of Object.entries(merchant)) {
      const key = termKey(term);
      this.#merchant.set(key, [...(this.#merchant.get(key) ?? []), ...meanings]);
      longest = Math.max(longest, [...key].length);
    }
    this.#longest = longest;
  }

  /** True when the word is a real word (the catalog or the lexicon uses it), not a typo to correct. */
  isWord(word: string): boolean {
    return this.occurrences(word) > 0 || this.#english.has(stem(word)) || /\d/.test(word);
  }

  /** How many times the catalog uses this word (stemmed); 0 when it never does. */
  occurrences(word: string): number {
    return this.vocabulary.words.get(stem(word)) ?? 0;
  }

  /** True when the word names a kind of thing in the catalog's category tree ("mug" for "Coffee Mugs"). */
  isCategoryWord(word: string): boolean {
    return this.vocabulary.categoryWords.has(stem(word));
  }

  /** True when every word of the phrase occurs in the catalog. */
  inCatalog(words: readonly string[]): boolean {
    return words.length > 0 && words.every((w) => this.occurrences(w) > 0);
  }

  /** The merchant's meanings for a term (a word, or words joined by spaces). */
  merchantMeanings(term: string): string[] | undefined {
    return this.#merchant.get(termKey(term));
  }

  /** English glosses of a Chinese word, main sense first. */
  glosses(word: string): string[] {
    const g = this.#zh[word];
    return g ? g.split('|') : [];
  }

  /** True when CC-CEDICT has this Chinese word, but with no shop meaning (it is not to be taken apart). */
  isOtherWord(word: string): boolean {
    return this.#other.has(word);
  }

  /** True when the lexicon or the merchant has this Chinese word. */
  knowsHan(word: string): boolean {
    return word in this.#zh || this.#merchant.has(word);
  }

  /** English words related to an English word (synonyms and kinds of it), closest first. */
  related(word: string): string[] {
    const r = this.#related[word] ?? this.#related[stem(word)];
    return r ? r.split('|') : [];
  }

  get longestHeadword(): number {
    return this.#longest;
  }
}

function termKey(term: string): string {
  const words = tokenize(term);
  return words.length ? words.join(HAN.test(term) ? '' : ' ') : term.trim().toLowerCase();
}

// ── prices ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** A price the shopper asked for, in the catalog's currency (inclusive bounds). */
export interface PriceConstraint {
  min?: number;
  max?: number;
  /** The words it came from, as written ("2000元以内"). */
  text: string;
}

/** "Around" a price (左右, 上下, about, around, a bare amount with a currency word) is this much either side. */
export const AROUND = 0.2;

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 俩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** "2000", "2,000", "1.5k", "2千", "两千", "一千五", "1万" → the number; NaN when it is not one. */
export function parseAmount(raw: string): number {
  const s = raw.replace(/[,，\s]/g, '').toLowerCase();
  const digits = /^(\d+(?:\.\d+)?)(k|千|万|百|w)?$/.exec(s);
  if (digits) return Number(digits[1]) * ({ k: 1000, 千: 1000, 万: 10000, w: 10000, 百: 100 }[digits[2] as 'k'] ?? 1);
  if (!/^[零〇一二两俩三四五六七八九十百千万]+$/.test(s)) return Number.NaN;
  let total = 0;
  let section = 0;
  let digit = 0;
  let lastUnit = 1;
  for (const ch of s) {
    if (ch in CN_DIGIT) digit = CN_DIGIT[ch];
    else {
      const unit = CN_UNIT[ch];
      if (unit === 10000) {
        total += (section + digit) * unit;
        section = 0;
      } else section += (digit || (unit === 10 ? 1 : 0)) * unit;
      digit = 0;
      lastUnit = unit;
    }
  }
  // 一千五 is 1500: a trailing digit after a unit counts in the next lower unit.
  if (digit && lastUnit > 10 && /[十百千万]/.test(s.slice(-2, -1))) digit *= lastUnit / 10;
  return total + section + digit;
}

const NUM = String.raw`(\d[\d,]*(?:\.\d+)?(?:\s*(?:k|w)(?![a-z])|\s*[千万])?|[零〇一二两俩三四五六七八九十百千万]+)`;
const CUR_AFTER = String.raw`(?:\s*(?:元|块钱|块|₹|卢比|(?:rmb|rs\.?|inr|rupees?|bucks?)(?![a-z])))`;
const CUR_BEFORE = String.raw`(?:(?:rs\.?|inr|₹|¥|￥)\s*)`;
const AMOUNT = String.raw`${CUR_BEFORE}?${NUM}${CUR_AFTER}?`;
/** Each price pattern, tried in order; the first that matches wins and its words leave the query. */
const PRICE_PATTERNS: Array<{ re: RegExp; make: (a: number, b?: number) => { min?: number; max?: number } }> = [
  // ranges: 1000到2000元, 1000-2000, 500~1000块, between 500 and 1000, from 500 to 1000
  { re: new RegExp(String.raw`(?:between\s+|from\s+|在)?${AMOUNT}\s*(?:-|–|~|～|到|至|and|to)\s*${AMOUNT}(?:\s*之间|\s*范围)?`, 'iu'), make: (a, b) => ({ min: Math.min(a, b!), max: Math.max(a, b!) }) },
  // at most: 2000元以内, 500以下, 不超过300, under 2000, below rs 500, less than 1k, upto 999, within 2000, max 500
  { re: new RegExp(String.raw`${AMOUNT}\s*(?:以内|以下|之内|内|封顶)`, 'iu'), make: (a) => ({ max: a }) },
  { re: new RegExp(String.raw`(?:不超过|不到|低于|少于|小于|最多|不高于|预算|under|below|less\s+than|cheaper\s+than|lower\s+than|up\s*to|within|max(?:imum)?|not\s+more\s+than|budget(?:\s+of)?|<=?|≤)\s*${AMOUNT}`, 'iu'), make: (a) => ({ max: a }) },
  // at least: 500以上, 超过1000, over 500, above rs 1000, more than 2k
  { re: new RegExp(String.raw`${AMOUNT}\s*(?:以上|起)`, 'iu'), make: (a) => ({ min: a }) },
  { re: new RegExp(String.raw`(?:超过|高于|大于|至少|不低于|over|above|more\s+than|at\s+least|min(?:imum)?|>=?|≥)\s*${AMOUNT}`, 'iu'), make: (a) => ({ min: a }) },
  // around: 500块左右, 2000上下, around 500, about rs 1000, ~2000
  { re: new RegExp(String.raw`${AMOUNT}\s*(?:左右|上下|附近)`, 'iu'), make: (a) => around(a) },
  { re: new RegExp(String.raw`(?:around|about|approx(?:imately)?\.?|roughly|大约|大概|约|~|～)\s*${AMOUNT}`, 'iu'), make: (a) => around(a) },
];
/** A bare amount counts as a price only with a currency word: "2000 rupees", "500元", "rs 999", "₹1,500". */
const BARE_PRICE = new RegExp(String.raw`${CUR_BEFORE}${NUM}|${NUM}${CUR_AFTER}`, 'iu');

function around(a: number): { min: number; max: number } {
  return { min: Math.round(a * (1 - AROUND)), max: Math.round(a * (1 + AROUND)) };
}

const wordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c) && !HAN.test(c);
const joiner = (c: string | undefined) => c === '-' || c === '/' || c === '.' || c === '_';

/** Letters or digits on either side of a match mean it is part of a word or a model number ("E-1700-906"). */
function standsAlone(text: string, index: number, length: number): boolean {
  const end = index + length;
  if (wordChar(text[index - 1]) || (joiner(text[index - 1]) && wordChar(text[index - 2]))) return false;
  return !(wordChar(text[end]) || (joiner(text[end]) && wordChar(text[end + 1])));
}

/** A currency or price word: a range with one is a price whatever its amounts. */
const PRICE_WORD = /元|块|rmb|rs\b|inr|₹|¥|￥|rupee|卢比|buck|between|from|之间|范围|在/iu;
/** A range with no currency or price word is a price only from this amount up ("1000-2000"; not "pack of 2-3"). */
const BARE_RANGE_MIN = 100;

/** The price constraint in `text`, and the text without its words. */
export function parsePrice(text: string): { price: PriceConstraint | null; rest: string } {
  const s = text.normalize('NFKC');
  const found = (m: RegExpExecArray, bounds: { min?: number; max?: number }) => ({
    price: { ...bounds, text: m[0].trim() },
    rest: `${s.slice(0, m.index)} ${s.slice(m.index + m[0].length)}`,
  });
  for (const [k, { re, make }] of PRICE_PATTERNS.entries()) {
    for (const m of s.matchAll(new RegExp(re.source, 'giu'))) {
      if (!standsAlone(s, m.index, m[0].length)) continue;
      const amounts = m.slice(1).filter((g) => g !== undefined).map(parseAmount);
      if (amounts.some((a) => !Number.isFinite(a) || a <= 0)) continue;
      if (k === 0 && !PRICE_WORD.test(m[0]) && Math.min(...amounts) < BARE_RANGE_MIN) continue;
      return found(m, make(amounts[0], amounts[1]));
    }
  }
  for (const m of s.matchAll(new RegExp(BARE_PRICE.source, 'giu'))) {
    if (!standsAlone(s, m.index, m[0].length)) continue;
    const a = parseAmount((m[1] ?? m[2]).trim());
    if (Number.isFinite(a) && a > 0) return found(m, around(a));
  }
  return { price: null, rest: s };
}

// ── concepts ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** One way to find a concept: words that must all match, how much a match counts, and where it came from. */
export interface Alternative {
  words: string[];
  weight: number;
  via: 'typed' | 'merchant' | 'lexicon' | 'related' | 'split';
  /** Typo tolerant, and completed as a prefix when last: only a typed word that is no real word (neither the catalog's nor the lexicon's). */
  fuzzy?: boolean;
}

/** A thing the query asks for (one word, or a phrase a lexicon knows), with every way to find it, best first. */
export interface QueryConcept {
  /** What the shopper wrote for it. */
  text: string;
  alternatives: Alternative[];
  /** True when some alternative occurs in the catalog in use. */
  inCatalog: boolean;
}

/** One alternative of a query: the concepts a product must match together, and the one that names the kind of thing. */
export interface QueryPart {
  concepts: number[];
  /**
   * The concept that names the kind of thing wanted, when the part is short enough to tell (at most three concepts):
   * the last one before a preposition ("analog WATCH for men", "watch with leather strap"), else the last that is not
   * a bare number ("red cotton SHIRT", "女士手表" → 手表). Null otherwise.
   */
  head: number | null;
}

export interface QueryUnderstanding {
  query: string;
  concepts: QueryConcept[];
  /** Alternatives the query joins with "&", ",", "or" (most queries are one part); indexes into `concepts`. */
  parts: QueryPart[];
  price: PriceConstraint | null;
  /** Words left out: requests and function words ("looking for", "的", "一双"). */
  ignored: string[];
  /** The script the query is mostly written in. */
  script: 'han' | 'latin' | 'other' | 'none';
}

/** Words that ask rather than describe, left out of the concepts (the index leaves out its own stop words too). */
const FILLERS = new Set(
  [
    // English requests and function words
    'a an and are as at be by for from in is it of on or the to with i im me my mine we our you your want wanna need needs looking look search searching find show please buy get some any something anything thing things good nice best cheap cheapest affordable budget quality online price prices priced cost costing rs inr rupee rupees which what where that this these those can could would like',
    // Chinese requests, particles and measure words
    '的 了 我 我们 你 要 想 想要 需要 买 购买 给 给我 一个 个 一 有 有没有 吗 呢 吧 啊 请 请问 帮 帮我 找 找找 推荐 一下 什么 哪 哪个 哪些 好 好看 好用 便宜 便宜的 实惠 适合 用 用的 款 款式 式 的话 可以 能 和 与 或 或者 还是 带 很 非常 最 比较 一些 些 一款 一双 双 件 一件 条 一条 只 一只 支 把 副 种 样 送 价格 价钱 价位 多少钱 钱 元 块',
  ]
    .join(' ')
    .split(' '),
);

/** Words after which a short English query describes its head rather than names it ("watch FOR men"). */
const PREPOSITIONS = new Set('for with without in on from of under over that which to by'.split(' '));
/** A query of more concepts than this is a sentence: no one word in it is taken for its head. */
export const HEAD_MAX_CONCEPTS = 3;

/** Weights: the shopper's own word counts fully; a translation almost; a related word (a synonym) much less. */
export const WEIGHTS = { typed: 1, merchant: 1, lexicon: 0.9, split: 0.8, related: 0.5 } as const;
/** At most this many related words per concept. */
const MAX_RELATED = 3;


/**
 * Re-cuts Chinese where the lexicon knows better words than the segmenter cut: joins (连|衣裙 → 连衣裙, t|恤 → t恤)
 * and cuts across its words (双人床|单 → 双人 床单). The cheapest cut wins: a word the lexicon has costs 1 (a single
 * character 1.5: a lone character is the vaguest reading), a word of the segmenter's it does not have 3; a new cut
 * must be a word the lexicon has, hold a Chinese character and no request word (我|想 stays two words). Ties keep the
 * segmenter's cut.
 */
function joinWords(words: string[], lexicon: Lexicon): string[] {
  // Every place a cut may go: between the segmenter's words, and between the characters of a Chinese word.
  const chars: string[] = [];
  const tokenAt = new Map<number, number>(); // character offset where a segmenter word starts → its index
  const cuts = new Set<number>([0]);
  for (const [k, w] of words.entries()) {
    tokenAt.set(chars.length, k);
    const cs = [...w];
    if (/^\p{Script=Han}+$/u.test(w)) for (let i = 1; i < cs.length; i++) cuts.add(chars.length + i);
    chars.push(...cs);
    cuts.add(chars.length);
  }
  const ends = [...cuts].sort((a, b) => a - b);
  const tokenEnd = new Map<number, number>([...tokenAt].map(([start, k]) => [start, start + [...words[k]].length]));
  /** The segmenter's words spanned by [a, b), or null when the span does not start and end at their boundaries. */
  const wholeWords = (a: number, b: number): string[] | null => {
    const out: string[] = [];
    for (let i = a; i < b; ) {
      const k = tokenAt.get(i);
      if (k === undefined || tokenEnd.get(i)! > b) return null;
      out.push(words[k]);
      i = tokenEnd.get(i)!;
    }
    return out;
  };
  const single = (w: string) => HAN.test(w) && [...w].length === 1 && !FILLERS.has(w);
  const costOf = (w: string) => (!HAN.test(w) || FILLERS.has(w) || lexicon.isOtherWord(w) ? 1 : lexicon.knowsHan(w) ? (single(w) ? 1.5 : 1) : 3);
  const best = new Map<number, { cost: number; newCuts: number; pieces: string[] }>([[0, { cost: 0, newCuts: 0, pieces: [] }]]);
  for (const j of ends.slice(1)) {
    let choice: { cost: number; newCuts: number; pieces: string[] } | null = null;
    for (const i of ends) {
      if (i >= j || !best.has(i)) continue;
      const piece = chars.slice(i, j).join('');
      const spanned = wholeWords(i, j);
      const isToken = spanned?.length === 1;
      if (!isToken) {
        // A join or a new cut: a word the lexicon has, with a Chinese character, no request word among the words joined.
        if (j - i > lexicon.longestHeadword || !HAN.test(piece) || !lexicon.knowsHan(piece)) continue;
        // A request word may end a join (摆|件 → 摆件 "showpiece": 件 is also a measure word), never start one (我|想).
        if (spanned && FILLERS.has(spanned[0])) continue;
      }
      const from = best.get(i)!;
      const cost = from.cost + costOf(piece);
      const newCuts = from.newCuts + (isToken || spanned ? 0 : 1) + (tokenAt.has(i) || i === 0 ? 0 : 1);
      if (!choice || cost < choice.cost - 1e-9 || (Math.abs(cost - choice.cost) < 1e-9 && newCuts < choice.newCuts)) choice = { cost, newCuts, pieces: [...from.pieces, piece] };
    }
    if (choice) best.set(j, choice);
  }
  return best.get(chars.length)?.pieces ?? words;
}

/**
 * Joins a single character the lexicon does not know with a single character beside it: the segmenter cut one word
 * it did not know in two (蹦|床 "trampoline" is no kind of 床 "bed").
 */
function joinUnknown(words: string[], lexicon: Lexicon): string[] {
  // Only a single unknown character: 跑步|鞋 ("running" | "shoe") is two words the lexicon has as such.
  const unknown = (w: string) => HAN.test(w) && [...w].length === 1 && !lexicon.knowsHan(w) && !FILLERS.has(w);
  const single = (w: string) => HAN.test(w) && [...w].length === 1 && !FILLERS.has(w);
  const out: string[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    if (prev !== undefined && ((unknown(prev) && single(w)) || (single(prev) && unknown(w)))) out[out.length - 1] = prev + w;
    else out.push(w);
  }
  return out;
}

/** Splits a Chinese word the lexicon does not have into the longest words it has (咖啡杯 → 咖啡 杯), or null. */
function splitHan(word: string, lexicon: Lexicon): string[] | null {
  const chars = [...word];
  const out: string[] = [];
  let i = 0;
  while (i < chars.length) {
    let n = Math.min(chars.length - i, lexicon.longestHeadword);
    while (n > 1 && !lexicon.knowsHan(chars.slice(i, i + n).join('')) && !FILLERS.has(chars.slice(i, i + n).join(''))) n--;
    out.push(chars.slice(i, i + n).join(''));
    i += n;
  }
  // Every piece a word the lexicon has (or a request word), and a single character only at the end, as the head
  // (咖啡 杯), or in a two-character word (女 鞋); 纸 尿 裤 is no sum of its characters.
  const ok = out.every((w, k) => (lexicon.knowsHan(w) || FILLERS.has(w)) && ([...w].length > 1 || k === out.length - 1 || FILLERS.has(w) || chars.length === 2));
  return out.length > 1 && ok ? out : null;
}

/**
 * Splits an English compound the catalog does not use into two words its category tree uses ("wristwatch" → "wrist
 * watch", for "Wrist Watches"; not "bluetooth" → "blue tooth", nor "sunscreen" → "sun screen").
 */
function splitCompound(word: string, lexicon: Lexicon): string[] | null {
  if (word.length < 6 || !/^[a-z]+$/.test(word)) return null;
  let best: string[] | null = null;
  let bestScore = 0;
  for (let i = 3; i <= word.length - 3; i++) {
    const parts = [word.slice(0, i), word.slice(i)];
    if (!lexicon.isCategoryWord(parts[0]) || !lexicon.isCategoryWord(parts[1])) continue;
    const score = Math.min(lexicon.occurrences(parts[0]), lexicon.occurrences(parts[1]));
    if (score > bestScore) [best, bestScore] = [parts, score];
  }
  return best;
}

/** A word the catalog uses fewer times than this is rare: a shopper's rare word also tries its related words. */
export const RARE = 3;

/**
 * Related English words the catalog uses, closest first, when they can help: all of them for a word the catalog
 * hardly uses ("timepiece" → watch), and for any other word only those that name a kind of thing in the catalog's
 * category tree while the word itself does not ("cup" → mug, for "Coffee Mugs"; "watch" gets none, it is a category).
 * A related word the catalog itself hardly uses (`hardlyUsed`) is left out: "bicycle" → bike, which the demo has
 * only in "Car & Bike Care".
 * `kindsOnly`: only those that name a kind, rare word or not (for a translation's words: a gloss is already a second
 * reading of what the shopper wrote, and a synonym of a synonym drifts: 大米 "rice" → "crop", 防晒霜 "cream" → "elite").
 */
function relatedInCatalog(word: string, lexicon: Lexicon, except: Set<string>, kindsOnly = false): string[] {
  const rare = !kindsOnly && lexicon.occurrences(word) < RARE;
  if (!rare && lexicon.isCategoryWord(word)) return [];
  return lexicon
    .related(word)
    .filter((w) => !except.has(stem(w)) && tokenize(w).every((x) => !hardlyUsed(lexicon.vocabulary, lexicon.occurrences(x))) && (rare || tokenize(w).every((x) => lexicon.isCategoryWord(x))))
    .slice(0, MAX_RELATED);
}

function push(list: Alternative[], words: string[], weight: number, via: Alternative['via']): void {
  if (!words.length) return;
  const key = words.map(stem).join(' ');
  const same = list.find((a) => a.words.map(stem).join(' ') === key);
  // The same words by a stronger reading take its weight and where it came from (保温杯: "bottle" is a sense of its
  // own, not only a word related to "flask").
  if (same) {
    if (weight > same.weight) Object.assign(same, { weight, via });
  }
  else list.push({ words, weight, via });
}

/** The ways to find an English (or other alphabetic) word. */
function latinConcept(word: string, lexicon: Lexicon): QueryConcept {
  const alternatives: Alternative[] = [];
  push(alternatives, [word], WEIGHTS.typed, 'typed');
  if (!lexicon.isWord(word)) alternatives[0].fuzzy = true;
  const present = lexicon.occurrences(word) > 0;
  if (!present) {
    const parts = splitCompound(word, lexicon);
    if (parts) push(alternatives, parts, WEIGHTS.split, 'split');
  }
  for (const r of relatedInCatalog(word, lexicon, new Set([stem(word)]))) push(alternatives, tokenize(r), WEIGHTS.related, 'related');
  return { text: word, alternatives, inCatalog: alternatives.some((a) => lexicon.inCatalog(a.words)) };
}

/** The ways to find a gloss: as written, split into catalog words, or by its related words. */
function glossAlternatives(gloss: string, weight: number, lexicon: Lexicon, out: Alternative[]): void {
  const words = tokenize(gloss).filter((w) => !FILLERS.has(w));
  if (!words.length) return;
  // The head of a phrase (English puts it last: "one piece dress" → "dress", "thermal insulation cup" → "cup").
  const head = words[words.length - 1];
  // Only a head that names a kind of thing the catalog sells (or any, when it has no category tree: "sunscreen cream"
  // is no kind of the colour cream), and only when the catalog uses another word of the phrase too (the phrase is of
  // its world: "THERMAL insulation bottle"; "unmanned aerial vehicle" is no kind of car).
  const withHead = () => {
    if (words.length < 2 || lexicon.occurrences(head) === 0 || !(lexicon.isCategoryWord(head) || lexicon.vocabulary.categoryWords.size === 0)) return;
    if (words.slice(0, -1).some((w) => !STOPWORDS.has(w) && lexicon.occurrences(w) > 0)) push(out, [head], weight * WEIGHTS.split * 0.9, 'lexicon');
  };
  if (lexicon.inCatalog(words)) {
    push(out, words, weight, 'lexicon');
    withHead();
    return;
  }
  // Words the catalog writes as one ("bed sheet" → "bedsheet").
  const joined = words.join('');
  if (words.length > 1 && lexicon.occurrences(joined) > 0) {
    push(out, [joined], weight, 'lexicon');
    return;
  }
  // A word of the gloss the catalog does not use: split it into words it does ("wristwatch" → "wrist watch").
  const fixed = words.map((w) => (lexicon.occurrences(w) > 0 ? [w] : (splitCompound(w, lexicon) ?? [])));
  if (fixed.every((f) => f.length)) push(out, fixed.flat(), weight * WEIGHTS.split, 'split');
  withHead();
  // Keep the gloss as it is too: it finds nothing here, which is the truth.
  push(out, words, weight * 0.5, 'lexicon');
}

/**
 * The senses of a Chinese word's first part, where it is two words the lexicon has (笔记本 + 电脑), less those the
 * rest has too: what the first part alone means.
 */
function prefixSenses(word: string, lexicon: Lexicon): Set<string> {
  const chars = [...word];
  const out = new Set<string>();
  for (let k = chars.length - 1; k >= 2; k--) {
    const first = chars.slice(0, k).join('');
    const rest = chars.slice(k).join('');
    if (!lexicon.knowsHan(first) || !lexicon.knowsHan(rest)) continue;
    const restSenses = new Set(lexicon.glosses(rest));
    for (const g of lexicon.glosses(first)) if (!restSenses.has(g)) out.add(g);
    break;
  }
  return out;
}

/** The ways to find a Chinese word: the merchant's terms, the lexicon's glosses, or those of its head. */
function hanConcept(word: string, lexicon: Lexicon): QueryConcept {
  const alternatives: Alternative[] = [];
  const modifierSenses = prefixSenses(word, lexicon);
  const fromGlosses = (w: string, weight: number) =>
    lexicon.glosses(w).forEach((g, i) => {
      // A sense past the first that is the sense of the word's own first part is that modifier's, not the word's
      // (笔记本电脑 "laptop; notebook": 笔记本 is the notebook, 电脑 the computer that it is).
      if (i > 0 && w === word && modifierSenses.has(g)) return;
      glossAlternatives(g, weight * (1 - 0.05 * i), lexicon, alternatives);
      // Related words of a phrase's last word stand in for it only when the catalog does not use it ("upper outer
      // garment" → clothing; "sunscreen cream" is not "elite", a synonym of the cream the catalog has as a colour).
      const gw = tokenize(g);
      const head = gw.at(-1) ?? g;
      if (gw.length > 1 && lexicon.occurrences(head) > 0) return;
      for (const r of relatedInCatalog(head, lexicon, new Set(gw.map(stem)), true)) push(alternatives, tokenize(r), WEIGHTS.related * weight, 'related');
    });
  for (const m of lexicon.merchantMeanings(word) ?? []) push(alternatives, tokenize(m), WEIGHTS.merchant, 'merchant');
  fromGlosses(word, WEIGHTS.lexicon);
  if (!alternatives.some((a) => lexicon.inCatalog(a.words))) {
    // None of its senses is in the catalog: a Chinese word ends in its head (保温杯 → 杯 cup), so try the longest
    // known ending. Not the beginning: that is a modifier (蓝牙 "Bluetooth" is no kind of 蓝 "blue").
    // The head has two characters at least: a single one is too vague (打印机 "printer" is no kind of 机 "machine";
    // 口红 "lipstick" no kind of 红 "red").
    const chars = [...word];
    for (let k = chars.length - 1; k >= 2 && !alternatives.some((a) => lexicon.inCatalog(a.words)); k--) {
      const piece = chars.slice(-k).join('');
      if (!lexicon.knowsHan(piece)) continue;
      for (const m of lexicon.merchantMeanings(piece) ?? []) push(alternatives, tokenize(m), WEIGHTS.merchant * WEIGHTS.split, 'merchant');
      fromGlosses(piece, WEIGHTS.lexicon * WEIGHTS.split);
    }
  }
  // Matches in the catalog first, best first; the rest after (they find nothing, honestly).
  alternatives.sort((a, b) => Number(lexicon.inCatalog(b.words)) - Number(lexicon.inCatalog(a.words)) || b.weight - a.weight);
  // A Chinese catalog (or a merchant's Chinese title) is searched for the word as typed too.
  push(alternatives, [word], lexicon.occurrences(word) > 0 ? WEIGHTS.typed : 0.1, 'typed');
  return { text: word, alternatives, inCatalog: alternatives.some((a) => lexicon.inCatalog(a.words)) };
}

/**
 * For a Chinese word that is the head of its part (the kind of thing wanted): the senses that name a kind of thing the
 * catalog sells win over those that name none (皮带 "strap; leather belt" in a shop with Belts: belts, not watch
 * straps; 男表: 表 "exterior surface; watch" is watches). Not for a word that describes the head: 短袖 "short sleeves;
 * short-sleeved shirt" in 短袖上衣 says what the top is like.
 */
function preferKinds(concept: QueryConcept, lexicon: Lexicon): void {
  if (!HAN.test(concept.text)) return;
  const namesKind = (a: Alternative) => lexicon.inCatalog(a.words) && lexicon.isCategoryWord(a.words[a.words.length - 1]);
  const alternatives = concept.alternatives;
  if (!alternatives.some((a) => (a.via === 'lexicon' || a.via === 'split') && namesKind(a))) return;
  for (let i = alternatives.length - 1; i >= 0; i--) {
    const a = alternatives[i];
    if (a.via !== 'merchant' && a.via !== 'typed' && lexicon.inCatalog(a.words) && !namesKind(a)) alternatives.splice(i, 1);
  }
}

/**
 * For a Chinese word that is the head of its part: when none of its own senses is in the catalog, its related words
 * (a broader word: 球拍 "racket" → sports, club) do not stand in for it. The kind of thing wanted is what the shop
 * lacks, and "sports" would answer with anything sold for sport. A word that describes the head keeps them, and so
 * does a single character, too vague to be sure it is the head (手表男: 男 "male" → men).
 */
function onlyOwnSenses(concept: QueryConcept, lexicon: Lexicon): void {
  if (!HAN.test(concept.text) || [...concept.text].length < 2 || !concept.alternatives.some((a) => a.via === 'related')) return;
  if (concept.alternatives.some((a) => a.via !== 'related' && a.via !== 'typed' && lexicon.inCatalog(a.words))) return;
  concept.alternatives = concept.alternatives.filter((a) => a.via !== 'related');
  concept.inCatalog = concept.alternatives.some((a) => lexicon.inCatalog(a.words));
}

/** Longest merchant phrase (several Latin words) starting at `i`, in words; 0 when none. */
function merchantPhraseAt(words: string[], i: number, lexicon: Lexicon): number {
  for (let n = Math.min(4, words.length - i); n >= 2; n--) if (lexicon.merchantMeanings(words.slice(i, i + n).join(' '))) return n;
  return 0;
}

/** Marks between alternatives ("shirts, tops & tunics", "mug or cup", "杯子或水杯"): each side is a query of its own. */
const ALTERNATIVES = /\s*(?:[&,/|;，、；]|\s(?:or|and\/or)\s|或者|或是|或)\s*/iu;

/**
 * What a query asks for: its concepts (each with the ways to find it), the parts they form (alternatives joined by
 * "&", ",", "or": a product matches the query when it matches every concept of one part), each part's head, its price
 * constraint, and what was left out. Without a lexicon each word is taken as typed (tests, plain word lists).
 */
export function understandQuery(query: string, lexicon?: Lexicon): QueryUnderstanding {
  const { price, rest } = lexicon ? parsePrice(query) : { price: null, rest: query };
  const concepts: QueryConcept[] = [];
  const parts: QueryPart[] = [];
  const ignored: string[] = [];
  for (const piece of rest.split(ALTERNATIVES)) {
    // Chinese words are re-joined where the lexicon knows a longer word, and split where it knows only the parts.
    const tokens = tokenize(piece);
    const words = lexicon ? joinUnknown(joinWords(tokens, lexicon).flatMap((w) => (HAN.test(w) && !lexicon.knowsHan(w) && !lexicon.isOtherWord(w) && !FILLERS.has(w) ? (splitHan(w, lexicon) ?? [w]) : [w])), lexicon) : tokens;
    const mine: number[] = [];
    let beforePreposition: number | null = null;
    const add = (c: QueryConcept) => {
      const same = concepts.findIndex((x) => x.text === c.text);
      if (same >= 0) {
        if (!mine.includes(same)) mine.push(same);
        return;
      }
      concepts.push(c);
      mine.push(concepts.length - 1);
    };
    for (let i = 0; i < words.length; i++) {
      if (PREPOSITIONS.has(words[i]) && mine.length && beforePreposition === null) beforePreposition = lastNamed(concepts, mine);
      const phrase = lexicon ? merchantPhraseAt(words, i, lexicon) : 0;
      if (lexicon && phrase) {
        const text = words.slice(i, i + phrase).join(' ');
        const alternatives: Alternative[] = [];
        for (const m of lexicon.merchantMeanings(text)!) push(alternatives, tokenize(m), WEIGHTS.merchant, 'merchant');
        push(alternatives, words.slice(i, i + phrase), WEIGHTS.typed, 'typed');
        add({ text, alternatives, inCatalog: alternatives.some((a) => lexicon.inCatalog(a.words)) });
        i += phrase - 1;
        continue;
      }
      const w = words[i];
      if (FILLERS.has(w) && !lexicon?.merchantMeanings(w)) {
        ignored.push(w);
        continue;
      }
      if (!lexicon) add({ text: w, alternatives: [{ words: [w], weight: WEIGHTS.typed, via: 'typed', fuzzy: !/\d/.test(w) }], inCatalog: true });
      else add(HAN.test(w) ? hanConcept(w, lexicon) : latinConcept(w, lexicon));
    }
    // A last single character the lexicon has no shop sense for, after words it has, is a suffix (清洁|剂 "cleaning
    // agent", 钢化|膜 "toughened film"): the words before it say what is wanted, and it cannot be matched.
    const lastK = mine[mine.length - 1];
    if (lexicon && mine.length > 1 && isBareSuffix(concepts[lastK], lexicon) && mine.slice(0, -1).some((k) => concepts[k].inCatalog)) {
      ignored.push(concepts[lastK].text);
      mine.pop();
      if (lastK === concepts.length - 1 && !parts.some((p) => p.concepts.includes(lastK))) concepts.pop();
    }
    // A bare number of one or two digits is a size or a count: alone it asks for nothing.
    if (mine.every((k) => /^\d{1,2}$/.test(concepts[k].text))) continue;
    if (!mine.length) continue;
    const head = mine.length > HEAD_MAX_CONCEPTS ? null : (beforePreposition ?? lastNamed(concepts, mine));
    if (lexicon && head !== null) {
      preferKinds(concepts[head], lexicon);
      onlyOwnSenses(concepts[head], lexicon);
    }
    parts.push({ concepts: mine, head });
  }
  const han = [...rest].filter((c) => HAN.test(c)).length;
  const latin = [...rest].filter((c) => LATIN.test(c)).length;
  const script = han + latin === 0 ? (concepts.length ? 'other' : 'none') : han >= latin ? 'han' : 'latin';
  return { query, concepts, parts, price, ignored, script };
}

/** A single Chinese character that neither the lexicon nor the merchant has and the catalog does not use. */
function isBareSuffix(c: QueryConcept, lexicon: Lexicon): boolean {
  return HAN.test(c.text) && [...c.text].length === 1 && !lexicon.knowsHan(c.text) && !c.inCatalog;
}

/** The last concept of a part that is not a bare number (a size, a count or a model number names no kind of thing). */
function lastNamed(concepts: QueryConcept[], part: number[]): number | null {
  for (let i = part.length - 1; i >= 0; i--) if (!/^\d+$/.test(concepts[part[i]].text)) return part[i];
  return null;
}

// ── what the encoder reads ───────────────────────────────────────────────────────────────────────────────────────

/**
 * Search by meaning stays out when more than this share of the query's concepts are unknown to the encoder (no
 * alternative of them is made of words it has whole): "zzqx", "montre homme" and 手表 without the lexicon are unknown
 * word pieces to it, and it answers them with unrelated products at cosine 0.4–0.6.
 */
export const MAX_UNKNOWN_SHARE = 0.5;

export interface EncoderView {
  /** The text to embed: the query as typed when the encoder knows all of it, else the known words of each concept. */
  text: string;
  /** Concepts the encoder knows none of the words of (as the shopper wrote them). */
  unknown: string[];
  concepts: number;
  /** False when most concepts are unknown (then no embedding is asked for). */
  usable: boolean;
}

/**
 * How well the encoder knows a word: whole (one token of its vocabulary), in pieces it learned (ball ##erina ##s), or
 * not at all (z ##z ##q ##x). workers/language/encoder.ts `wordKnower` tells from the encoder's tokenizer.
 */
export type WordKnowledge = 'whole' | 'pieces' | 'unknown';

const LEVEL: Record<WordKnowledge, number> = { whole: 2, pieces: 1, unknown: 0 };

/**
 * What the encoder should read for a query, given how it knows each word. Per concept, the first of: the word as
 * typed when the encoder has it whole; a translation or related word it has whole (timepiece → watch); the typed word
 * in known pieces; another way in known pieces. A concept with none is unknown to it.
 */
export function encoderView(u: QueryUnderstanding, knows: (word: string) => WordKnowledge): EncoderView {
  const unknown: string[] = [];
  const parts: string[] = [];
  let replaced = false;
  const level = (a: Alternative) => Math.min(...a.words.map((w) => LEVEL[knows(w)]));
  for (const c of u.concepts) {
    const typed = c.alternatives.filter((a) => a.via === 'typed');
    const others = c.alternatives.filter((a) => a.via !== 'typed' && a.weight >= WEIGHTS.related * 0.5);
    const pick = typed.find((a) => level(a) === 2) ?? others.find((a) => level(a) === 2) ?? typed.find((a) => level(a) === 1) ?? others.find((a) => level(a) === 1);
    if (!pick) unknown.push(c.text);
    if (pick && pick.via !== 'typed') replaced = true;
    // A word it does not know is still read as typed: its pieces carry a little, and dropping it would change the rest.
    parts.push((pick ?? typed[0] ?? c.alternatives[0]).words.join(' '));
  }
  const n = u.concepts.length;
  const usable = n > 0 && unknown.length / n <= MAX_UNKNOWN_SHARE;
  // The query as typed (less its price words) keeps what the encoder was trained on: word order, small words.
  const typed = u.price ? u.query.replace(u.price.text, ' ').replace(/\s+/g, ' ').trim() : u.query.trim();
  return { text: !replaced && u.script !== 'han' ? typed : parts.join(' '), unknown, concepts: n, usable };
}
