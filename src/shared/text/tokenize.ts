/**
 * Word tokens for search, in any script. Scripts written without spaces (Chinese, Japanese, Thai, ...) are split
 * into words with Intl.Segmenter; others by letters and digits (faster). Lower-cased, accents folded.
 */

/** Han, Hiragana, Katakana, Hangul, Thai, Lao, Khmer, Myanmar: scripts that need a segmenter. */
const UNSEGMENTED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

let segmenter: Intl.Segmenter | null | undefined;

function getSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined) segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;
  return segmenter;
}

export function normalise(term: string): string {
  return term
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s$/, '');
}

export function tokenize(text: string): string[] {
  if (!text) return [];
  const seg = UNSEGMENTED.test(text) ? getSegmenter() : null;
  const out: string[] = [];
  if (seg) {
    for (const s of seg.segment(text)) if (s.isWordLike) out.push(normalise(s.segment));
  } else {
    for (const m of text.matchAll(WORD)) out.push(normalise(m[0]));
  }
  return out.filter(Boolean);
}

/** Splits `text` into runs that match one of `terms` (by normalised word) and runs that do not, for highlighting. */
export function highlight(text: string, terms: Iterable<string>): Array<{ text: string; hit: boolean }> {
  const wanted = new Set([...terms].map(normalise));
  if (wanted.size === 0) return [{ text, hit: false }];
  const parts: Array<{ text: string; hit: boolean }> = [];
  let last = 0;
  const seg = UNSEGMENTED.test(text) ? getSegmenter() : null;
  const words: Array<{ index: number; word: string }> = seg
    ? [...seg.segment(text)].filter((s) => s.isWordLike).map((s) => ({ index: s.index, word: s.segment }))
    : [...text.matchAll(WORD)].map((m) => ({ index: m.index!, word: m[0] }));
  for (const { index, word } of words) {
    const n = normalise(word);
    const hit = wanted.has(n) || [...wanted].some((t) => t.length >= 3 && n.startsWith(t));
    if (!hit) continue;
    if (index > last) parts.push({ text: text.slice(last, index), hit: false });
    parts.push({ text: word, hit: true });
    last = index + word.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hit: false });
  return parts;
}
