/**
 * Builds the bundled Chinese → English shop lexicon (src/shared/text/lexicon/zh-en.json) from CC-CEDICT.
 *
 *   npx tsx scripts/build-lexicon.ts [--cedict ../shared/data/cc-cedict/cedict_ts.u8] [--catalog public/catalog/demo.json]
 *                                    [--words scripts/lexicon/shop-words.txt] [--synonyms scripts/lexicon/shop-synonyms.txt]
 *                                    [--retail ../shared/data/uci-online-retail-sample/online_retail_sample.csv]
 *                                    [--glossary scripts/lexicon/shop-zh.txt]
 *
 * Headwords are Simplified Chinese, normalised as search normalises words (lower case: T恤 → t恤). Only what maps to
 * shop vocabulary is kept: an entry stays when one of its English glosses, cleaned (qualifiers,
 * classifiers, cross-references and verbs left out), is one to three words that all belong to the shop vocabulary:
 * the words of scripts/lexicon/shop-words.txt, of the demo catalog's titles, categories and attributes, and of UCI
 * Online Retail's product titles. The same glosses give English "related" words (so that a query word the catalog or
 * the encoder does not know can fall back to one it does):
 *   - synonyms: single-word glosses of one entry that has few senses (茶杯 teacup / cup / mug → cup ~ mug);
 *   - a gloss and its qualifier (表 "watch (timepiece)" → timepiece ~ watch);
 *   - a compound and its head: a headword that ends in another headword is a kind of it (马克杯 mug ends in 杯 cup,
 *     凉鞋 sandal in 鞋 shoe → cup ~ mug, shoe ~ sandal), when the head has few senses.
 * Chinese shop words whose shop sense CC-CEDICT lacks or lists late (scripts/lexicon/shop-zh.txt) get theirs first.
 * The result is CC BY-SA 4.0 like CC-CEDICT (MDBG); the file carries the attribution.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { Catalog } from '../src/shared/catalog/types.ts';
import { parseCsv } from '../src/shared/catalog/csv.ts';
import { normalise, stem, tokenize } from '../src/shared/text/tokenize.ts';
import { LEXICON_FORMAT, type LexiconFile } from '../src/shared/text/query.ts';

const { values } = parseArgs({
  options: {
    cedict: { type: 'string', default: '../shared/data/cc-cedict/cedict_ts.u8' },
    catalog: { type: 'string', default: 'public/catalog/demo.json' },
    retail: { type: 'string', default: '../shared/data/uci-online-retail-sample/online_retail_sample.csv' },
    words: { type: 'string', default: 'scripts/lexicon/shop-words.txt' },
    synonyms: { type: 'string', default: 'scripts/lexicon/shop-synonyms.txt' },
    glossary: { type: 'string', default: 'scripts/lexicon/shop-zh.txt' },
    out: { type: 'string', default: 'src/shared/text/lexicon/zh-en.json' },
  },
});

// ── the shop vocabulary ──────────────────────────────────────────────────────────────────────────────────────────
/** Words of things sold and of how they are described (the word list): every kept gloss has one. */
const shopWords = new Set<string>();
/** Every word a shop's text uses (the list, the demo catalog, UCI's titles): a kept gloss has only these. */
const vocabulary = new Set<string>();
/** "-ing" words of the demo catalog's category names, as written (not stemmed): what things are for (Running, Cleaning). */
const ingWords = new Set<string>();
const addWords = (text: string, into: Set<string>[] = [vocabulary], ing = false) => {
  for (const w of tokenize(text)) {
    if (!/^[a-z][a-z-]*$/.test(w) || w.length < 2) continue;
    for (const set of into) set.add(stem(w));
    if (ing && w.endsWith('ing')) ingWords.add(w);
  }
};
for (const line of readFileSync(values.words!, 'utf8').split('\n')) if (!line.startsWith('#')) addWords(line, [shopWords, vocabulary]);
const catalog = JSON.parse(readFileSync(values.catalog!, 'utf8')) as Catalog;
for (const p of catalog.products) {
  addWords(p.title);
  // The demo's kinds of thing count as shop words too (Air Fresheners, Loafers, Diwan Sets).
  addWords(p.categoryPath.join(' '), [shopWords, vocabulary], true);
  addWords(p.attributes.Type ?? '', [shopWords, vocabulary]);
  for (const v of Object.values(p.attributes)) addWords(v);
}
const retail = parseCsv(readFileSync(values.retail!, 'utf8'), { delimiter: ',' }).records;
const descriptionColumn = retail[0].fields.findIndex((h) => /description/i.test(h));
for (const r of retail.slice(1)) addWords(r.fields[descriptionColumn] ?? '');

/** Glue words a gloss may contain besides shop words ("pair of shoes", "bag for laptop"). */
const GLUE = new Set(['of', 'for', 'with', 'and', 'in', 'on']);
/** Words that are in the vocabulary for a catalog's sake but say nothing as a whole gloss. */
const WEAK = new Set(['a', 'an', 'the', 'one', 'two', 'set', 'new', 'big', 'small', 'long', 'short', 'light', 'high', 'low', 'good', 'fine', 'free', 'top', 'up', 'out', 'off', 'all', 'it', 'no', 'not', 'be', 'is', 'do', 'go', 'get', 'make', 'made', 'time', 'day', 'way', 'style', 'type', 'color', 'colour', 'size']);
/** Qualifiers in parentheses that are not a second name of the thing ("red (color)", "(loanword) mug"). */
const NOT_A_NAME = new Set(['color', 'colour', 'loanword', 'coll', 'old', 'slang', 'dialect', 'abbr', 'fig', 'lit', 'literary', 'archaic', 'informal', 'formal', 'polite', 'honorific', 'derog', 'tw', 'thing', 'object', 'person', 'sb', 'sth']);
/** Senses that are notes, not translations. */
const SKIP_SENSE = /^(?:CL:|variant of|old variant|see |see also|abbr\.|also written|also pr\.|Taiwan pr\.|used in|classifier|surname|\(Tw\)|\(old\)|\(archaic\)|\(literary\)|\(dialect\)|\(Cantonese\)|\(onom\.|\(Internet slang\)|\(slang\))/i;

interface Gloss {
  /** The gloss as a query would use it: lower case, words separated by spaces. */
  text: string;
  /** A second name given in parentheses after it ("watch (timepiece)" → "timepiece"). */
  alias?: string;
  /** Made from a verb sense ("to clean" → "cleaning"): a translation, never a synonym of the entry's other glosses. */
  fromVerb?: boolean;
}

/**
 * The gloss as a shop phrase, or null: one to three words of the shop vocabulary, one of them a shop word; or two
 * words of which the second (English puts the head last) is a shop word ("ballpoint pen": a search falls back to the
 * head when the catalog lacks the rest).
 */
function shopPhrase(text: string): string | null {
  const words = tokenize(text);
  if (words.length === 0 || words.length > 3) return null;
  if (words.length === 1 && WEAK.has(words[0])) return null;
  if (GLUE.has(words[0]) || GLUE.has(words[words.length - 1])) return null;
  const head = words[words.length - 1];
  // Single letters are parts of names ("T-shirt", "A-line").
  const known = (w: string) => GLUE.has(w) || w.length === 1 || vocabulary.has(stem(w));
  if (words.length <= 3 && words.length >= 2 && shopWords.has(stem(head)) && !WEAK.has(head) && !words.some((w) => GLUE.has(w))) return words.every((w) => /^[a-z][a-z-]*$/.test(w)) ? words.join(' ') : null;
  if (!words.every(known) || !words.some((w) => shopWords.has(stem(w)))) return null;
  return words.join(' ');
}

/**
 * The "-ing" form of an English verb ("run" → "running", "clean" → "cleaning", "skate" → "skating"), when the demo
 * catalog's category names use it: a verb sense of a two- or three-character word then names what a thing is for
 * (跑步 "to run": running shoes; 清洁 "to clean": cleaning).
 */
function ingForm(verb: string): string | null {
  if (!/^[a-z]{3,}$/.test(verb)) return null;
  const forms = [`${verb}ing`, verb.endsWith('e') && !verb.endsWith('ee') ? `${verb.slice(0, -1)}ing` : '', /[^aeiou][aeiou][bdgmnprt]$/.test(verb) ? `${verb}${verb.at(-1)}ing` : ''];
  return forms.find((f) => f && ingWords.has(f)) ?? null;
}

function cleanSense(sense: string, chars: number): Gloss[] {
  if (SKIP_SENSE.test(sense.trim())) return [];
  const out: Gloss[] = [];
  for (let part of sense.split(';')) {
    part = part.trim();
    const trailing = /\(([^()|[\]]+)\)\s*$/.exec(part)?.[1];
    part = part.replace(/\([^()]*\)/g, ' ').trim();
    if (!part || /[|[\]]/.test(part)) continue; // cross-references
    // A verb ("to run") only as the "-ing" form the shop vocabulary uses ("running"); others are left out.
    const verb = /^to\s+([a-z]+)$/i.exec(part)?.[1];
    if (verb) {
      const ing = chars >= 2 && chars <= 3 ? ingForm(verb.toLowerCase()) : null;
      if (ing) out.push({ text: ing, fromVerb: true });
      continue;
    }
    if (/^to\s/i.test(part)) continue;
    const main = part
      .replace(/^\s*(?:a|an|the|one's|sb's)\s+/i, '')
      .trim();
    const text = shopPhrase(main);
    if (!text) continue;
    const aliasWords = trailing ? tokenize(trailing) : [];
    const alias = aliasWords.length === 1 && !NOT_A_NAME.has(aliasWords[0]) && vocabulary.has(stem(aliasWords[0])) && aliasWords[0] !== text ? aliasWords[0] : undefined;
    out.push(alias ? { text, alias } : { text });
    // "thermal insulation cup (or bottle)": the same thing with another head.
    const or = trailing ? /^or\s+([a-z]+)$/i.exec(trailing.trim())?.[1]?.toLowerCase() : undefined;
    if (or) {
      const other = shopPhrase([...tokenize(text).slice(0, -1), or].join(' '));
      if (other && other !== text) out.push({ text: other });
    }
  }
  return out;
}

// ── CC-CEDICT ────────────────────────────────────────────────────────────────────────────────────────────────────
const LINE = /^(\S+) (\S+) \[([^\]]*)\] \/(.+)\/$/;
/** Senses of a single-character headword that are read (CC-CEDICT lists the main ones first). */
const SINGLE_CHAR_SENSES = 3;
const glosses = new Map<string, Gloss[]>();
/** Every simplified headword of CC-CEDICT, normalised. */
const allHeads = new Set<string>();
/** The kept glosses of each CC-CEDICT line: one line is one reading, so its glosses are one sense cluster. */
const lines: Array<{ head: string; glosses: Gloss[] }> = [];
let entries = 0;
for (const raw of readFileSync(values.cedict!, 'utf8').split(/\r?\n/)) {
  if (raw.startsWith('#') || !raw) continue;
  const m = LINE.exec(raw);
  if (!m) continue;
  entries++;
  const [, , simplified, pinyin, senses] = m;
  allHeads.add(normalise(simplified));
  if ([...simplified].length > 5 || !/\p{Script=Han}/u.test(simplified)) continue;
  // Proper nouns (capitalised syllables) name places and people; only a one-word name of a thing is kept (蓝牙 Bluetooth).
  const proper = /(?:^|\s)[A-Z][a-z]+[1-5]/.test(pinyin);
  // A single character has many senses, the main ones first (机: machine, engine, …, "flexible"): only its first few count.
  const senseList = senses.split('/');
  const kept = ([...simplified].length === 1 ? senseList.slice(0, SINGLE_CHAR_SENSES) : senseList).flatMap((sense) => cleanSense(sense, [...simplified].length)).filter((g) => !proper || !g.text.includes(' '));
  if (!kept.length) continue;
  const head = normalise(simplified);
  lines.push({ head, glosses: kept });
  const list = glosses.get(head) ?? [];
  for (const g of kept) if (!list.some((x) => x.text === g.text)) list.push(g);
  glosses.set(head, list);
}

// Chinese shop words with the senses English catalogs use (scripts/lexicon/shop-zh.txt, written for this project): put
// first, before CC-CEDICT's dictionary senses (上衣 "top" before "jacket"), or added where CC-CEDICT has none (摆件).
let glossaryWords = 0;
for (const line of readFileSync(values.glossary!, 'utf8').split('\n')) {
  if (line.startsWith('#') || !line.trim()) continue;
  const m = /^(\S+)\s+(.+)$/.exec(line.trim());
  if (!m) throw new Error(`${values.glossary}: "${line}" is not "中文 english|english"`);
  const head = normalise(m[1]);
  const own: Gloss[] = m[2].split('|').map((t) => ({ text: tokenize(t).join(' ') })).filter((g) => g.text);
  glosses.set(head, [...own, ...(glosses.get(head) ?? []).filter((g) => !own.some((o) => o.text === g.text))]);
  glossaryWords++;
}

/** At most this many glosses per headword (CC-CEDICT lists the main sense first). */
const MAX_GLOSSES = 5;
/** An entry with more single-word senses than this is too ambiguous to give synonyms. */
const MAX_SENSES_FOR_SYNONYMS = 4;
const MAX_RELATED = 6;

/**
 * Synonyms: the glosses of one reading (one CC-CEDICT line) with few senses, and a gloss and the second name in its
 * parentheses. A word and its related words must be shop words; a related word may be two words ("sneakers" →
 * "sports shoes"). Not a compound's head (手表 → 表 "watch, table, form"; 自行车 → 车 "car"): a head is broader, and
 * standing in for an absent word it found cars for "bicycle".
 */
const related = new Map<string, Map<string, number>>();
const isShopPhrase = (t: string) => t.split(' ').length <= 2 && t.split(' ').every((w) => shopWords.has(stem(w))) && !WEAK.has(t);
const relate = (a: string, b: string) => {
  if (a === b || stem(a) === stem(b) || !isShopPhrase(a) || !isShopPhrase(b)) return;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ]) {
    if (x.includes(' ')) continue; // looked up by one word
    const m = related.get(x) ?? new Map<string, number>();
    m.set(y, (m.get(y) ?? 0) + 1);
    related.set(x, m);
  }
};
/** `a` → `b` only (a kind and its broader kind). */
const relateOneWay = (a: string, b: string) => {
  if (a === b || a.includes(' ') || !isShopPhrase(a) || !isShopPhrase(b)) return;
  const m = related.get(a) ?? new Map<string, number>();
  m.set(b, (m.get(b) ?? 0) + 1);
  related.set(a, m);
};
for (const { head, glosses: list } of lines) {
  for (const g of list) if (g.alias) relate(g.text, g.alias);
  // A single character's senses are no synonyms of one another (帐: tent, curtain, account).
  if ([...head].length === 1) continue;
  if (list.length > 1 && list.length <= MAX_SENSES_FOR_SYNONYMS) {
    const nouns = list.filter((g) => !g.fromVerb);
    for (let i = 0; i < nouns.length; i++) for (let j = i + 1; j < nouns.length; j++) relate(nouns[i].text, nouns[j].text);
  }
}

// Who a product is for, and a few kinds of kinds, in general English (scripts/lexicon/shop-synonyms.txt): a line of
// synonyms relates every word to every other; "garment > clothing" relates only the narrower or rarer words on the
// left to the broader on the right (a shopper's "clothing" is not to become "garment").
for (const line of readFileSync(values.synonyms!, 'utf8').split('\n')) {
  if (line.startsWith('#') || !line.trim()) continue;
  const [left, right] = line.split('>').map((side) => side.trim().split(/\s+/).filter(Boolean));
  for (const w of [...left, ...(right ?? [])]) shopWords.add(stem(w));
  if (right) {
    for (const w of left) for (const x of right) relateOneWay(w, x);
    continue;
  }
  for (const w of left) for (const x of left) if (x !== w) relate(w, x);
}

/**
 * Words CC-CEDICT has with no shop meaning (蹦床 "trampoline") that the query module could otherwise take apart into
 * shop words it has (蹦 + 床 "bed"): listed, so that it does not.
 */
const splittable = (w: string): boolean => {
  const chars = [...w];
  let i = 0;
  while (i < chars.length) {
    let n = chars.length - i;
    while (n > 0 && !glosses.has(chars.slice(i, i + n).join(''))) n--;
    if (n === 0) return false;
    i += n;
  }
  return true;
};
const others = [...allHeads].filter((w) => !glosses.has(w) && [...w].length >= 2 && [...w].length <= 3 && /^\p{Script=Han}+$/u.test(w) && splittable(w)).sort();

const zh: Record<string, string> = {};
for (const [head, list] of [...glosses].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  zh[head] = list
    .slice(0, MAX_GLOSSES)
    .map((g) => g.text)
    .join('|');
}
const en: Record<string, string> = {};
for (const [word, m] of [...related].sort(([a], [b]) => (a < b ? -1 : 1))) {
  en[word] = [...m]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_RELATED)
    .map(([w]) => w)
    .join('|');
}

const file: LexiconFile = {
  format: LEXICON_FORMAT,
  source: 'CC-CEDICT (MDBG), https://www.mdbg.net/chinese/dictionary?page=cc-cedict; entries kept and glosses cleaned by scripts/build-lexicon.ts',
  licence: 'CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)',
  attribution: 'CC-CEDICT, MDBG; derived from CEDICT, Copyright (C) 1997, 1998 Paul Andrew Denisowski',
  zh,
  related: en,
  other: others.join('|'),
};
mkdirSync(dirname(values.out!), { recursive: true });
const json = `${JSON.stringify(file, null, 0).replace(/","/g, '",\n"')}\n`;
writeFileSync(values.out!, json);
console.log(`shop vocabulary: ${vocabulary.size} words (${shopWords.size} from ${values.words})`);
console.log(`${values.glossary}: ${glossaryWords} Chinese shop words, their senses first`);
console.log(`CC-CEDICT: ${entries} entries read; kept ${Object.keys(zh).length} Chinese headwords, ${Object.keys(en).length} English words with related words, ${others.length} words not to take apart`);
console.log(`wrote ${values.out} (${(Buffer.byteLength(json) / 1024).toFixed(1)} KB, ${(Buffer.byteLength(json) / 1024 / 1024).toFixed(2)} MB)`);
