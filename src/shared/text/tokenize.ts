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

/** Plurals English spells irregularly (singular for each). */
const IRREGULAR: Record<string, string> = {
  women: 'woman', men: 'man', children: 'child', feet: 'foot', teeth: 'tooth', mice: 'mouse', geese: 'goose',
  knives: 'knife', wives: 'wife', leaves: 'leaf', shelves: 'shelf', scarves: 'scarf', halves: 'half', loaves: 'loaf',
  wolves: 'wolf', calves: 'calf', thieves: 'thief', lives: 'life', people: 'person', dice: 'die',
};
/** Words that end in s but are not plurals (kept as they are). */
const NOT_PLURAL = new Set('canvas lens bias gas atlas chaos yes this his its plus always ours yours series species news physics mathematics'.split(' '));

/**
 * The singular of an English word, by spelling (a light stemmer: "watches" → "watch", "bellies" → "belly",
 * "shoes" → "shoe", "women" → "woman"). Words in other scripts, short words and numbers are returned as they are.
 * Search indexes and queries pass through it alike, so "watch" finds "Watches".
 */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  if (word.length < 4 || !/^[a-z]+$/.test(word) || NOT_PLURAL.has(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|ss|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Splits `text` into runs that match one of `terms` (by normalised word) and runs that do not, for highlighting. */
export function highlight(text: string, terms: Iterable<string>): Array<{ text: string; hit: boolean }> {
  const wanted = new Set([...terms].map((t) => stem(normalise(t))));
  if (wanted.size === 0) return [{ text, hit: false }];
  const parts: Array<{ text: string; hit: boolean }> = [];
  let last = 0;
  const seg = UNSEGMENTED.test(text) ? getSegmenter() : null;
  const words: Array<{ index: number; word: string }> = seg
    ? [...seg.segment(text)].filter((s) => s.isWordLike).map((s) => ({ index: s.index, word: s.segment }))
    : [...text.matchAll(WORD)].map((m) => ({ index: m.index!, word: m[0] }));
  for (const { index, word } of words) {
    const n = normalise(word);
    const hit = wanted.has(n) || wanted.has(stem(n)) || [...wanted].some((t) => t.length >= 3 && n.startsWith(t));
    if (!hit) continue;
    if (index > last) parts.push({ text: text.slice(last, index), hit: false });
    parts.push({ text: word, hit: true });
    last = index + word.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hit: false });
  return parts;
}
