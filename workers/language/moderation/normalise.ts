/**
 * Text normalisation before every moderation check: the rules (personal data, links, profanity, insults, spam,
 * prohibited items, incentivised reviews) and the learned classifier (in the app and in training:
 * models/aisle-moderation-v1/training/tokenize-data.mjs feeds every training text through `canonicalText`) read the
 * same normalised text, so a trick that hides a word from one hides it from none.
 *
 * Every view keeps a map back to the original text (`MappedText.span`), because what a check finds is shown to the
 * writer as a stretch of what they typed.
 *
 * Views, each built on the one before:
 * 1. `canonicalText`: invisible characters removed (bidi controls, zero-width and control characters as defined once
 *    for the project in src/shared/text/invisible.ts, plus the other default-ignorable code points such as variation
 *    selectors and tag characters); Unicode NFKC (full-width and mathematical letters, ligatures, circled digits,
 *    U+2024 ONE DOT LEADER → '.'); accents and other combining marks dropped from Latin, Greek and Cyrillic letters
 *    (zalgo text); every decimal digit of every script (Devanagari ९, Arabic-Indic ٩, Extended Arabic-Indic ۹,
 *    full-width ９, mathematical 𝟗 ...) to its ASCII digit; confusable letters folded to their Latin skeleton (Unicode
 *    TR39 confusables.txt, through the `unhomoglyph` package's table) in words that mix scripts or that read as
 *    Latin in Latin text ("ехаmрlе", "раypal"); whitespace to ' ', dashes to '-'; lower case.
 * 2. `contactText`: the canonical text with contact details written to dodge filters put back together: spelled-out
 *    digits ("nine eight seven ...", "double five") and a letter O among digits ("98765 4321O") as digits, single
 *    digits spaced out ("9 8 7 6 5 4 3 2 1 0") joined, "at"/"dot" forms ("john (at) gmail (dot) com",
 *    "john.doe @ gmail . com", "example[.]com", "shop 点 com") as '@' and '.'.
 * 3. `letterText`: the canonical text with spaced-out letters joined ("s t u p i d", "f.u.c.k", "i-d-i-o-t",
 *    "傻 逼") for the profanity and insult lists; leetspeak itself is resolved by the profanity matcher.
 *
 * Pure; runs in workers and in Node.
 */
import confusablesTable from 'unhomoglyph/data.json' with { type: 'json' };
import { BIDI_CONTROLS, CONTROL_CHARS, ZERO_WIDTH } from '../../../src/shared/text/invisible.ts';

// ------------------------------------------------------------------------------------------------------ mapped text

/** A text and, for each of its UTF-16 units, the stretch [from, to) of the original text it stands for. */
export class MappedText {
  constructor(
    readonly text: string,
    private readonly from: Int32Array,
    private readonly to: Int32Array,
    /** Length of the original text. */
    readonly originalLength: number,
  ) {}

  static identity(text: string): MappedText {
    const from = new Int32Array(text.length);
    const to = new Int32Array(text.length);
    for (let i = 0; i < text.length; i++) {
      from[i] = i;
      to[i] = i + 1;
    }
    return new MappedText(text, from, to, text.length);
  }

  /** The stretch [start, end) of the original text behind [start, end) of this one. */
  span(start: number, end: number): [number, number] {
    if (end <= start) {
      const at = start < this.text.length ? this.from[start]! : this.originalLength;
      return [at, at];
    }
    return [this.from[start]!, this.to[end - 1]!];
  }

  /** Where unit `i` of this text comes from in the original. */
  originOf(i: number): [number, number] {
    return this.span(i, i + 1);
  }
}

/** Builds a new MappedText over `source`: each piece of output says which units of `source.text` it stands for. */
class Builder {
  private readonly parts: string[] = [];
  private readonly from: number[] = [];
  private readonly to: number[] = [];

  constructor(private readonly source: MappedText) {}

  /** Appends `out`, standing for source.text[start, end). */
  push(out: string, start: number, end: number): void {
    if (!out) return;
    const [f, t] = this.source.span(start, end);
    this.parts.push(out);
    for (let i = 0; i < out.length; i++) {
      this.from.push(f);
      this.to.push(t);
    }
  }

  /** Copies source.text[start, end) unit by unit, each keeping its own origin. */
  copy(start: number, end: number): void {
    for (let i = start; i < end; i++) this.push(this.source.text[i]!, i, i + 1);
  }

  build(): MappedText {
    return new MappedText(this.parts.join(''), Int32Array.from(this.from), Int32Array.from(this.to), this.source.originalLength);
  }
}

/** A piece of a replacement: `text`, standing for source.text[start, end). */
export interface Piece {
  text: string;
  start: number;
  end: number;
}

/**
 * Replaces every match of `re` (global) in `source.text` by what `replace` returns: a string (standing for the whole
 * match), pieces (each standing for its own part of the source), or null (the match is kept as it is).
 */
export function rewrite(source: MappedText, re: RegExp, replace: (m: RegExpMatchArray) => string | Piece[] | null): MappedText {
  const b = new Builder(source);
  let at = 0;
  for (const m of source.text.matchAll(re)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (end === start) continue;
    const out = replace(m);
    if (out === null) continue;
    b.copy(at, start);
    if (typeof out === 'string') b.push(out, start, end);
    else for (const p of out) b.push(p.text, p.start, p.end);
    at = end;
  }
  if (at === 0) return source;
  b.copy(at, source.text.length);
  return b.build();
}

// ---------------------------------------------------------------------------------------------------------- digits

const ND = /\p{Nd}/u;
const isNd = (cp: number) => ND.test(String.fromCodePoint(cp));
const digitCache = new Map<number, number>();

/**
 * The value 0-9 of a decimal digit of any script. Unicode keeps every script's decimal digits (\p{Nd}) in runs of
 * ten from 0 to 9 (some blocks hold several runs back to back, e.g. the five mathematical digit styles), so the
 * value is the distance from the start of the run, modulo ten. A unit test checks every \p{Nd} code point.
 */
export function digitValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  let value = digitCache.get(cp);
  if (value === undefined) {
    let start = cp;
    while (start > 0 && isNd(start - 1)) start--;
    value = (cp - start) % 10;
    digitCache.set(cp, value);
  }
  return value;
}

/** The ASCII digits of a string (after normalisation). */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

// ----------------------------------------------------------------------------------------------------- confusables

/**
 * TR39 confusables (confusables.txt, as tabled by the `unhomoglyph` package): the lookalikes whose prototype is one
 * ASCII letter, digit or one of . @ / :, lower-cased. ASCII characters are never folded (TR39 maps "m" to "rn" and
 * "1" to "l", which is right for comparing user names but wrong for reading text).
 */
const FOLD = new Map<string, string>();
for (const [from, to] of Object.entries(confusablesTable as Record<string, string>)) {
  if (/^[\x00-\x7f]+$/u.test(from) || [...from].length !== 1) continue;
  if (/^[A-Za-z0-9.@/:]$/.test(to)) FOLD.set(from, to.toLowerCase());
}

function foldChar(ch: string): string | undefined {
  return FOLD.get(ch.toLowerCase()) ?? FOLD.get(ch);
}

/** Scripts whose letters a check here reads: the rules and the classifier know English and Chinese. */
const LATIN = /\p{Script=Latin}/u;
const HAN = /[\p{Script=Han}\u3005\u3007]/u;
const LETTER = /\p{L}/u;
/** Letters never folded to Latin even when they have a Latin lookalike (一 is not a dash, 口 is not an o). */
const NEVER_FOLD = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;
/** Scripts whose combining marks are accents that may be dropped (elsewhere marks are vowels and must stay). */
const STRIP_MARKS = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}\p{Script=Inherited}]/u;

// ----------------------------------------------------------------------------------------------- view 1: canonical

const INVISIBLE = new RegExp(`^(?:${BIDI_CONTROLS.source}|${ZERO_WIDTH.source}|${CONTROL_CHARS.source}|\\p{Default_Ignorable_Code_Point})$`, 'u');
const MARK = /\p{M}/u;
const SPACE = /[\s\p{Zs}]/u;
const DASH = /[\p{Pd}\u2212\u2796\uFE63\uFF0D]/u;

/** Enclosed digits that NFKC leaves alone: dingbat circled ➀-➉ and ❶-❿ (three styles), double-circled ⓵-⓾, ⓿. */
function enclosedDigit(cp: number): string | undefined {
  for (const base of [0x2776, 0x2780, 0x278a, 0x24f5]) {
    if (cp >= base && cp < base + 10) return String(cp - base + 1);
  }
  return cp === 0x24ff ? '0' : undefined;
}

function canonicalChar(cluster: string): string {
  const base = cluster.codePointAt(0)!;
  if (base < 0x80 && cluster.length === 1) {
    if (base === 0x0d) return '\n';
    if (base === 0x09) return ' ';
    return base >= 0x41 && base <= 0x5a ? String.fromCharCode(base + 32) : cluster;
  }
  if (cluster === '\u2028' || cluster === '\u2029' || cluster === '\u0085') return '\n';
  if (isNd(base)) return String(digitValue(base));
  const enclosed = enclosedDigit(base);
  if (enclosed) return enclosed;
  let out = cluster.normalize('NFKC');
  if (STRIP_MARKS.test(String.fromCodePoint(out.codePointAt(0) ?? base))) {
    out = out.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
  }
  // NFKC can itself produce non-ASCII digits or spaces (e.g. a parenthesised digit); settle them too.
  let settled = '';
  for (const ch of out) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 && isNd(cp)) settled += String(digitValue(cp));
    else if (SPACE.test(ch) && ch !== '\n') settled += ' ';
    else if (DASH.test(ch)) settled += '-';
    else settled += ch;
  }
  return settled.toLowerCase();
}

/** Step one: invisibles, NFKC, marks, digits, spaces, dashes, case. */
function basicFold(text: string): MappedText {
  const source = MappedText.identity(text);
  const b = new Builder(source);
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    let end = i + (cp > 0xffff ? 2 : 1);
    const ch = text.slice(i, end);
    if (cp < 0x80) {
      if (cp === 0x0d && text[end] === '\n') {
        i = end; // CR LF: the LF stands for both
        continue;
      }
      if ((cp < 0x20 && cp !== 0x0a && cp !== 0x09 && cp !== 0x0d) || cp === 0x7f) {
        i = end;
        continue;
      }
    } else if (INVISIBLE.test(ch)) {
      i = end;
      continue;
    }
    // A base character with the combining marks that follow it (invisible ones skipped on the way).
    let cluster = ch;
    while (end < text.length) {
      const next = text.codePointAt(end)!;
      const nextCh = String.fromCodePoint(next);
      if (!MARK.test(nextCh) && !(next >= 0x80 && INVISIBLE.test(nextCh) && MARK.test(nextCh))) break;
      cluster += nextCh;
      end += nextCh.length;
    }
    b.push(canonicalChar(cluster), i, end);
    i = end;
  }
  return b.build();
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Counts Latin and other-script letters outside Han, kana and Hangul (for "is this a Latin-script text?"). */
function scriptCounts(text: string): { latin: number; other: number } {
  let latin = 0;
  let other = 0;
  for (const ch of text) {
    if (!LETTER.test(ch) || NEVER_FOLD.test(ch)) continue;
    if (LATIN.test(ch)) latin++;
    else other++;
  }
  return { latin, other };
}

/**
 * Step two: confusable letters folded to Latin, word by word. A word is folded when it mixes Latin with letters of
 * another script ("pаypal" with a Cyrillic а), when it is written in non-ASCII Latin lookalikes ("ɡооɡlе"), or when
 * every letter of it has a Latin lookalike and the text around it is Latin ("ѕhор" in an English sentence, or a
 * label of a dotted name). A Russian or Greek word in Russian or Greek text is left as it is.
 */
function foldConfusables(source: MappedText): MappedText {
  const text = source.text;
  const total = scriptCounts(text);
  return rewrite(source, WORD, (m) => {
    const word = m[0];
    let latin = 0;
    let other = 0;
    let foldable = 0;
    let letters = 0;
    for (const ch of word) {
      if (!LETTER.test(ch)) continue;
      letters++;
      if (NEVER_FOLD.test(ch)) continue;
      const ascii = ch.charCodeAt(0) < 0x80;
      if (LATIN.test(ch)) latin++;
      else other++;
      if (ascii || foldChar(ch) !== undefined) foldable++;
    }
    if (letters === 0 || (other === 0 && /^[\x00-\x7f]*$/.test(word))) return null;
    const start = m.index!;
    const end = start + word.length;
    const own = scriptCounts(word);
    const latinAround = total.latin - own.latin >= total.other - own.other && total.latin - own.latin > 0;
    const dotted = text[start - 1] === '.' || text[end] === '.' || text[start - 1] === '@';
    const fold = other === 0 || (latin > 0 && other > 0) || (foldable === letters - countNeverFold(word) && (latinAround || dotted));
    if (!fold) return null;
    const pieces: Piece[] = [];
    let at = start;
    for (const ch of word) {
      const folded = ch.charCodeAt(0) >= 0x80 && !NEVER_FOLD.test(ch) ? foldChar(ch) : undefined;
      pieces.push({ text: folded ?? ch, start: at, end: at + ch.length });
      at += ch.length;
    }
    return pieces;
  });
}

function countNeverFold(word: string): number {
  let n = 0;
  for (const ch of word) if (NEVER_FOLD.test(ch)) n++;
  return n;
}

/**
 * The canonical text every check reads (see the file comment). Deterministic; `canonicalText(x).text` is what the
 * classifier sees, in the app and in training.
 */
export function canonicalText(text: string): MappedText {
  return foldConfusables(basicFold(text));
}

// ------------------------------------------------------------------------------------------------- view 2: contact

const DIGIT_WORDS: Record<string, string> = {
  zero: '0', oh: '0', o: '0', nil: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7',
  eight: '8', nine: '9', niner: '9',
};
const DIGIT_WORD = '(?:zero|oh|one|two|three|four|five|six|seven|eight|niner|nine|nil|o|\\d)(?![\\p{L}\\d])';
const REPEAT_WORD = '(?:double|triple)';
/** A run of spelled-out digits (and plain digits) with at least three tokens: "nine eight seven six ...". */
const SPELLED_RUN = new RegExp(
  String.raw`(?<![\p{L}\d])(?:${REPEAT_WORD}[\s,-]{1,3})?${DIGIT_WORD}(?:[\s,-]{1,3}(?:${REPEAT_WORD}[\s,-]{1,3})?${DIGIT_WORD}){2,24}(?![\p{L}\d])`,
  'gu',
);
const SPELLED_TOKEN = new RegExp(`(${REPEAT_WORD})[\\s,-]{1,3}(${DIGIT_WORD})|${DIGIT_WORD}`, 'gu');

function spelledDigits(source: MappedText): MappedText {
  return rewrite(source, SPELLED_RUN, (m) => {
    const run = m[0];
    const pieces: Piece[] = [];
    let words = 0;
    let digits = 0;
    for (const t of run.matchAll(SPELLED_TOKEN)) {
      const start = m.index! + t.index!;
      const end = start + t[0].length;
      const repeat = t[1] ? (t[1] === 'double' ? 2 : 3) : 1;
      const token = t[2] ?? t[0];
      const digit = /^\d$/.test(token) ? token : DIGIT_WORDS[token]!;
      if (!/^\d$/.test(token)) words++;
      digits += repeat;
      pieces.push({ text: digit.repeat(repeat), start, end });
    }
    // "one or two", "two to three", "o" alone: only runs long enough to be a phone number are rewritten, and only
    // when words carry them (a list of plain digits is left to the spaced-digit rule).
    const oWords = [...run.matchAll(/(?<![\p{L}])(?:o|oh)(?![\p{L}])/gu)].length;
    if (words === 0 || digits < 7 || words - oWords < 2) return null;
    return pieces;
  });
}

/**
 * Letters for digits among digits: O for zero, l and I for one ("98765 4321O", "O98765432l0"), when the run has at
 * least five real digits and every group holds one.
 */
const O_IN_DIGITS = /(?<![\p{L}\d])[\doli](?:[\doli]|[ .-](?=[\doli])){0,32}[\doli](?![\p{L}\d])/gu;
const LETTER_DIGIT: Record<string, string> = { o: '0', l: '1', i: '1' };

function lettersAsDigits(source: MappedText): MappedText {
  return rewrite(source, O_IN_DIGITS, (m) => {
    const run = m[0];
    if (!/[oli]/.test(run)) return null;
    if (digitsOf(run).length < 5) return null;
    // Every group must hold a digit: "o o o" is not a number.
    if (run.split(/[ .-]/).some((g) => !/\d/.test(g))) return null;
    return [...run].map((ch, i) => ({ text: LETTER_DIGIT[ch] ?? ch, start: m.index! + i, end: m.index! + i + 1 }));
  });
}

/** Seven or more single digits, each apart by the same separator: "9 8 7 6 5 4 3 2 1 0", "9-8-7-6-5-4-3". */
const SPACED_DIGITS = /(?<![\p{L}\d])\d(?:( ?[ .\-_/|*,] ?| )\d)(?:\1\d){5,24}(?![\p{L}\d])/gu;

function joinSpacedDigits(source: MappedText): MappedText {
  return rewrite(source, SPACED_DIGITS, (m) => [...m[0]].flatMap((ch, i) => (/\d/.test(ch) ? [{ text: ch, start: m.index! + i, end: m.index! + i + 1 }] : [])));
}

/** Top-level domains that a spelled-out or spaced-out dot must end in to be read as a web address. */
export const OBFUSCATION_TLDS = 'com|net|org|info|biz|shop|store|online|site|xyz|top|club|vip|app|io|co|me|cc|tv|ly|in|cn|uk|us|ru|de|fr|jp|au|ca|hk|tw|sg|edu|gov|link|click|live';
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
/** "dot" written out: " dot ", "[dot]", "(.)", "{.}", " . ", "点", "·" between labels. */
const DOT_FORM = String.raw`(?:\s{0,3}[\[({<]\s{0,3}(?:dot|\.|点|。)\s{0,3}[\])}>]\s{0,3}|\s{1,3}dot\s{1,3}|\s{0,3}点\s{0,3}|\s{1,3}\.\s{0,3}|\s{0,3}\.\s{1,3}|[·•∙⋅。])`;
const DOTTED_NAME = new RegExp(String.raw`(?<![\p{L}\d])${LABEL}(?:${DOT_FORM}|\.)(?:${LABEL}(?:${DOT_FORM}|\.)){0,6}(?:${OBFUSCATION_TLDS})(?![\p{L}\d])`, 'gu');
const DOT_PIECE = new RegExp(DOT_FORM, 'gu');

function joinDots(source: MappedText): MappedText {
  return rewrite(source, DOTTED_NAME, (m) => {
    if (!new RegExp(DOT_FORM, 'u').test(m[0])) return null;
    const pieces: Piece[] = [];
    let at = 0;
    for (const d of m[0].matchAll(DOT_PIECE)) {
      pieces.push({ text: m[0].slice(at, d.index), start: m.index! + at, end: m.index! + d.index! });
      pieces.push({ text: '.', start: m.index! + d.index!, end: m.index! + d.index! + d[0].length });
      at = d.index! + d[0].length;
    }
    pieces.push({ text: m[0].slice(at), start: m.index! + at, end: m.index! + m[0].length });
    return pieces;
  });
}

/**
 * A "www" name whose dots are written as commas, semicolons, underscores or spaces ("www,cheapmugs,com",
 * "www cheapmugs com"): the "www" and the top-level domain say it is a web address, whatever stands for the dots.
 */
const WWW_SEP = String.raw`(?:\s?[,;_]\s?|\s)`;
const WWW_NAME = new RegExp(String.raw`(?<![\p{L}\d])www${WWW_SEP}${LABEL}(?:${WWW_SEP}${LABEL}){0,4}${WWW_SEP}(?:${OBFUSCATION_TLDS})(?![\p{L}\d])`, 'gu');
const WWW_SEP_PIECE = new RegExp(WWW_SEP, 'gu');

function joinWww(source: MappedText): MappedText {
  return rewrite(source, WWW_NAME, (m) => {
    const pieces: Piece[] = [];
    let at = 0;
    for (const d of m[0].matchAll(WWW_SEP_PIECE)) {
      pieces.push({ text: m[0].slice(at, d.index), start: m.index! + at, end: m.index! + d.index! });
      pieces.push({ text: '.', start: m.index! + d.index!, end: m.index! + d.index! + d[0].length });
      at = d.index! + d[0].length;
    }
    pieces.push({ text: m[0].slice(at), start: m.index! + at, end: m.index! + m[0].length });
    return pieces;
  });
}

/** "at" written out or spaced: "(at)", "[at]", " @ ", and " at " before something that reads as a mail domain. */
const AT_FORM = new RegExp(
  String.raw`(?<=[a-z0-9._%+-])(?:\s{0,3}[\[({<]\s{0,3}(?:at|@)\s{0,3}[\])}>]\s{0,3}|\s{1,3}@\s{0,3}|\s{0,3}@\s{1,3}|\s{1,3}at\s{1,3})(?=${LABEL}(?:\.${LABEL}){0,6}\.(?:${OBFUSCATION_TLDS})(?![\p{L}\d]))`,
  'gu',
);

function joinAt(source: MappedText): MappedText {
  return rewrite(source, AT_FORM, () => '@');
}

/** The contact view (see the file comment), built on the canonical view. */
export function contactText(canonical: MappedText): MappedText {
  return joinAt(joinDots(joinSpacedDigits(lettersAsDigits(spelledDigits(canonical)))));
}

/** The canonical text with spelled-out and spaced-out dots put back ("shop dot com", "shop . com"): for links. */
export function linkText(canonical: MappedText): MappedText {
  return joinDots(joinWww(canonical));
}

// ------------------------------------------------------------------------------------------------- view 3: letters

/**
 * Three or more single characters (letters, or the digits and signs leetspeak puts for letters), each apart by one
 * separator: "s t u p i d", "f.u.c.k", "i-d-i-o-t", "b * t * c * h". Han characters apart by spaces or dots too.
 */
const SPACED_LETTERS = /(?<![\p{L}\d])[\p{L}\d@$!*]([ .\-_*+|/\\~,]{1,2})[\p{L}\d@$!](?![\p{L}\d])(?:\1[\p{L}\d@$!](?![\p{L}\d])){1,40}/gu;
const SPACED_HAN = /\p{Script=Han}(?:[\s.·\-_*+|/\\~,，。、]{1,3}\p{Script=Han}){1,40}/gu;

function joinLetters(source: MappedText): MappedText {
  const joined = rewrite(source, SPACED_LETTERS, (m) => {
    const run = m[0];
    // A run of plain digits is a number, not a spelled word.
    if (/^[\d\s.,\-/]+$/.test(run)) return null;
    const pieces: Piece[] = [];
    for (let i = 0; i < run.length; i++) {
      if (/[\p{L}\d@$!*]/u.test(run[i]!) && !(i > 0 && run[i] === '*' && /[ .]/.test(run[i - 1] ?? ''))) {
        pieces.push({ text: run[i]!, start: m.index! + i, end: m.index! + i + 1 });
      }
    }
    return pieces;
  });
  return rewrite(joined, SPACED_HAN, (m) => {
    const pieces: Piece[] = [];
    for (let i = 0; i < m[0].length; i++) {
      if (HAN.test(m[0][i]!)) pieces.push({ text: m[0][i]!, start: m.index! + i, end: m.index! + i + 1 });
    }
    return pieces;
  });
}

/** The letters view (see the file comment), built on the canonical view. */
export function letterText(canonical: MappedText): MappedText {
  return joinLetters(canonical);
}

// ------------------------------------------------------------------------------------------------------ all views

/** The three views of one text, computed once per check. */
export interface NormalisedViews {
  original: string;
  canonical: MappedText;
  contact: MappedText;
  links: MappedText;
  letters: MappedText;
}

export function normaliseViews(text: string): NormalisedViews {
  const canonical = canonicalText(text);
  return { original: text, canonical, contact: contactText(canonical), links: linkText(canonical), letters: letterText(canonical) };
}

// ---------------------------------------------------------------------------------------------- scripts understood

/**
 * Letters of scripts that no check here reads (after folding lookalikes to Latin): neither the rules nor the
 * classifier understand them, so a text with enough of them is held rather than posted unchecked. Latin and Han
 * are read (the classifier is trained on English and Chinese, the rules cover both); digits, punctuation, emoji and
 * symbols are not letters.
 */
export function unreadLetters(canonical: string): { count: number; scripts: string[] } {
  let count = 0;
  const scripts = new Set<string>();
  for (const ch of canonical) {
    if (!LETTER.test(ch) || LATIN.test(ch) || HAN.test(ch)) continue;
    count++;
    scripts.add(scriptName(ch));
  }
  return { count, scripts: [...scripts] };
}

const SCRIPT_NAMES: Array<[RegExp, string]> = [
  [/\p{Script=Cyrillic}/u, 'Cyrillic'],
  [/\p{Script=Greek}/u, 'Greek'],
  [/\p{Script=Arabic}/u, 'Arabic'],
  [/\p{Script=Hebrew}/u, 'Hebrew'],
  [/\p{Script=Devanagari}/u, 'Devanagari'],
  [/\p{Script=Bengali}/u, 'Bengali'],
  [/\p{Script=Tamil}/u, 'Tamil'],
  [/\p{Script=Telugu}/u, 'Telugu'],
  [/\p{Script=Thai}/u, 'Thai'],
  [/\p{Script=Hangul}/u, 'Korean (Hangul)'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'Japanese kana'],
  [/\p{Script=Armenian}/u, 'Armenian'],
  [/\p{Script=Georgian}/u, 'Georgian'],
];

function scriptName(ch: string): string {
  for (const [re, name] of SCRIPT_NAMES) if (re.test(ch)) return name;
  return 'other scripts';
}
