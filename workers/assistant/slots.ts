/**
 * Constraints of a request, by rules over the catalog's own names (terms.ts): category, brand, colour, size, price
 * (src/shared/text/query.ts's `parsePrice`: 2000元以内, under rs 500, 500块左右, 1k-2k) and sort order, in English,
 * Chinese or both mixed, typo tolerant for longer words. Also the request with those words replaced by placeholders,
 * which is what the intent model reads, so that it learns the shape of a request and not one catalog's names.
 */
import type { Constraints, SortOrder } from '../../src/shared/protocol/assistant.ts';
import { parsePrice } from '../../src/shared/text/query.ts';
import { stem, tokenize } from '../../src/shared/text/tokenize.ts';
import { policyWords } from './policies.ts';
import type { CatalogTerms, CategoryName } from './terms.ts';

export interface SlotResult {
  constraints: Constraints;
  /** The text with slot words as placeholders: "show me CAT under PRICE". */
  masked: string;
  /** Which slots the text named (also those that matched nothing in the catalog, like an unknown colour). */
  named: Set<keyof Constraints>;
}

const HAN = /\p{Script=Han}/u;

const SORTS: Array<[RegExp, SortOrder]> = [
  [/\b(?:cheapest|lowest[\s-]+price[ds]?|least\s+expensive|low\s+to\s+high|price\s+ascending|sort(?:ed)?\s+by\s+price)\b|最便宜|价格最低|最低价|从低到高|由低到高|价格升序|按价格/iu, 'price_asc'],
  [/\b(?:most\s+expensive|priciest|highest[\s-]+price[ds]?|high\s+to\s+low|premium|luxury)\b|最贵|价格最高|从高到低|由高到低|高端|奢华/iu, 'price_desc'],
  [/\b(?:best[\s-]+rated|top[\s-]+rated|highest[\s-]+rated|best\s+reviewed|most\s+popular|best\s+sellers?|popular)\b|评分最高|好评|评价最好|口碑|最受欢迎|热门|热销/iu, 'rating'],
];

const SIZE_PATTERNS: RegExp[] = [
  /\bsize\s*[:#-]?\s*(x{0,3}s|x{0,3}l|m|\d{1,2}(?:\.\d)?|free|king|queen)\b/iu,
  /\b(x{1,3}l|x{1,2}s)\b/iu,
  /(?:尺码|尺寸|码数|号码)\s*[:：]?\s*([a-z0-9.]{1,4})/iu,
  /(\d{1,2})\s*(?:码|号)(?!码)/u,
  /\b(?:in\s+)?(small|medium|large)\s+size\b/iu,
];
const SIZE_WORDS: Record<string, string> = { small: 's', medium: 'm', large: 'l' };

function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  const prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return false;
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
  }
  return prev[b.length] <= max;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

const allowedEdits = (w: string) => (w.length >= 7 ? 2 : w.length >= 5 ? 1 : 0);

/** The category word a typed (latin) word names, exactly, stemmed, through a related word, or with a typo. */
function categoryWordOf(word: string, terms: CatalogTerms): string | null {
  const s = stem(word);
  if (terms.categoryWords.has(s)) {
    // "clothes" heads a small category ("Baby Girls' Clothes") and is a form of a large one ("Clothing").
    const size = (w: string) => Math.max(...terms.categoryWords.get(w)!.map((c) => c.products));
    let best = s;
    for (const w of terms.categoryWords.keys()) if (w !== s && w.length >= 5 && s.length >= 5 && sharedPrefix(w, s) >= Math.max(5, Math.min(w.length, s.length) - 1) && size(w) > size(best)) best = w;
    return best;
  }
  if (terms.lexicon.occurrences(word) > 20 || terms.colors.has(word)) return null;
  // A real word through the lexicon's synonyms ("sneakers" → sports shoes) before a typo of another one.
  for (const r of terms.lexicon.related(word).slice(0, 2)) {
    const rs = stem(tokenize(r).pop() ?? '');
    if (terms.categoryWords.has(rs)) return rs;
  }
  // A real word is a typo of a category word only as another spelling of it, which keeps its start ("jewelry"):
  // "nothing" is not "clothing" mistyped.
  const real = terms.lexicon.isWord(word);
  const edits = allowedEdits(word);
  if (edits) {
    let best: string | null = null;
    for (const w of terms.categoryWords.keys()) if (w.length >= 4 && (!real || sharedPrefix(s, w) >= 4) && editDistanceAtMost(s, w, edits)) best ??= w;
    if (best) return best;
  }
  return null;
}

/** The category a head word means, using the other words of the request to choose between paths ("women's shoes"). */
function chooseCategory(head: string, words: Set<string>, terms: CatalogTerms): CategoryName {
  const options = terms.categoryWords.get(head)!;
  let best = options[0];
  let bestScore = -1;
  for (const c of options) {
    // Words of the path above the head's own name that the request uses ("men" in "Men's Footwear").
    const pathWords = c.path.flatMap((n) => tokenize(n).map(stem));
    const shared = pathWords.filter((w) => w !== head && words.has(w)).length;
    const score = shared * 1000 + Math.log(1 + c.products) - c.path.length * 0.01;
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

/**
 * Of several category words ("bedsheet double bed", "jewellery sets"), the one whose category path also names the
 * others (Bed Linen > Bedsheets names "bed"); where none does, one that names a top-level category itself
 * ("Jewellery", "Pens & Stationery") over a generic head ("sets"); else the last, as English puts the head last.
 */
function headOf(candidates: Array<{ word: string; typed: string; next?: string }>, terms: CatalogTerms): { word: string; typed: string } | null {
  if (candidates.length < 2) return candidates[0] ?? null;
  let best = candidates[candidates.length - 1];
  let bestScore = -1;
  candidates.forEach((c, i) => {
    const others = new Set(candidates.filter((o) => o !== c).map((o) => o.word));
    const options = terms.categoryWords.get(c.word) ?? [];
    const overlap = Math.max(0, ...options.map((o) => o.path.flatMap((n) => tokenize(n).map(stem)).filter((w) => others.has(w)).length));
    // A top-level name counts as the modifier of a compound: right before the last category word ("pen set").
    const topLevel = options.some((o) => o.path.length === 1) && i === candidates.length - 2 && c.next === candidates[i + 1].typed ? 1 : 0;
    const score = overlap * 10 + topLevel * 2 + i / candidates.length;
    if (score > bestScore) [best, bestScore] = [c, score];
  });
  return best;
}

const ESCAPE = /[.*+?^${}()|[\]\\]/g;
/** Chinese sentence particles and function characters. */
const PARTICLES = new Set(['呢', '吗', '吧', '的', '了', '啊', '呀', '哦', '嘛', '么', '个', '些', '和', '与', '或', '也', '都', '还', '有', '要', '想', '在', '是']);

export function extractSlots(text: string, terms: CatalogTerms): SlotResult {
  const constraints: Constraints = {};
  const named = new Set<keyof Constraints>();
  let s = text.normalize('NFKC');
  const mask = (piece: string, tag: string) => {
    const i = s.toLowerCase().indexOf(piece.toLowerCase());
    if (i >= 0) s = `${s.slice(0, i)} ${tag} ${s.slice(i + piece.length)}`;
  };

  // Price: the query module's rules ("2000元以内", "under rs 500", "500块左右").
  const { price } = parsePrice(s);
  if (price) {
    if (price.min !== undefined) constraints.priceMin = price.min;
    if (price.max !== undefined) constraints.priceMax = price.max;
    named.add(price.min !== undefined ? 'priceMin' : 'priceMax');
    if (price.min !== undefined && price.max !== undefined) named.add('priceMax');
    mask(price.text, 'PRICE');
  }

  for (const [re, order] of SORTS) {
    const m = re.exec(s);
    if (m) {
      constraints.sort = order;
      named.add('sort');
      mask(m[0], 'SORT');
      break;
    }
  }

  for (const re of SIZE_PATTERNS) {
    const m = re.exec(s);
    if (m) {
      const v = m[1].toLowerCase();
      constraints.size = SIZE_WORDS[v] ?? v;
      named.add('size');
      mask(m[0], 'SIZE');
      break;
    }
  }

  // Brands: the catalog's, longest first; a brand that is also a plain word only when written as a name.
  const lower = ` ${tokenize(s).join(' ')} `;
  const brands = [...terms.brands.keys()].sort((a, b) => b.length - a.length);
  for (const key of brands) {
    if (!lower.includes(` ${key} `)) continue;
    const name = terms.brands.get(key)!;
    if (terms.plainBrands.has(key)) {
      // Written as a name: after "by"/"brand"/"from", or capitalised where a sentence does not start.
      const written = new RegExp(`(?:\\b(?:by|brand|from)\\s+${key.replace(ESCAPE, '\\$&')}\\b)|(?:[^.!?\\s]\\s+${name.replace(ESCAPE, '\\$&')}\\b)`, name === name.toLowerCase() ? 'iu' : 'u');
      if (!written.test(s)) continue;
    }
    constraints.brand = name;
    named.add('brand');
    const m = new RegExp(key.split(' ').map((w) => w.replace(ESCAPE, '\\$&')).join('[\\s\\-_.&\']*'), 'iu').exec(s);
    if (m) mask(m[0], 'BRAND');
    break;
  }

  // Colours: Chinese colour words first (longest first), then English ones.
  for (const [zh, en] of [...terms.zhColors].sort((a, b) => b[0].length - a[0].length)) {
    if (s.includes(zh)) {
      constraints.color = en;
      constraints.zh = { ...constraints.zh, color: zh.endsWith('的') ? `${zh[0]}色` : zh };
      named.add('color');
      mask(zh, 'COLOR');
      break;
    }
  }
  if (!constraints.color) {
    const tokens = tokenize(s);
    const spaced = ` ${tokens.join(' ')} `;
    for (const w of tokens) {
      // Not when it is part of a category's name the request writes out ("coffee mug" for "Coffee Mugs").
      if (terms.colors.has(w) && !HAN.test(w) && !terms.colorNames.some((name) => name.includes(w) && spaced.includes(` ${name} `))) {
        constraints.color = w;
        named.add('color');
        s = s.replace(new RegExp(`\\b${w}\\b`, 'iu'), ' COLOR ');
        break;
      }
    }
  }

  // Category: the head word (the last category word before a preposition, else the last one).
  const words = tokenize(s);
  const stems = new Set(words.map(stem));
  // A policy word ("signing up", "track") names a kind of thing only when it is a category word as written.
  const policy = new Set(policyWords(s).flatMap((p) => tokenize(p)));
  let head: { word: string; typed: string } | null = null;
  const candidates: Array<{ word: string; typed: string; next?: string }> = [];
  let beforePreposition = false;
  for (const [k, w] of words.entries()) {
    if (/^(for|with|without|that|which|under|below|in|from|by)$/.test(w) && candidates.length) beforePreposition = true;
    if (beforePreposition) break;
    if (/^(cat|price|brand|color|sort|size)$/.test(w) || HAN.test(w) || w.length < 3) continue;
    if (policy.has(w) && !terms.categoryWords.has(stem(w))) continue;
    const c = categoryWordOf(w, terms);
    if (c) candidates.push({ word: c, typed: w, next: words[k + 1] });
  }
  head = headOf(candidates, terms);
  // A sentence particle is never a kind of thing (呢 is also "wool cloth" in the lexicon; 的呢 asks "what about").
  // Compared in lower case: the lexicon writes "t恤", shoppers "T恤".
  const sLower = s.toLowerCase();
  const zhHeads = [...terms.zhCategories.keys()].filter((zh) => sLower.includes(zh) && !PARTICLES.has(zh)).sort((a, b) => b.length - a.length);
  if (!head && zhHeads.length) {
    // The longest Chinese word that names a category, and the last if several do (女士手表 → 手表).
    const zh = zhHeads.filter((z) => !zhHeads.some((o) => o !== z && o.includes(z))).sort((a, b) => sLower.lastIndexOf(b) - sLower.lastIndexOf(a))[0];
    head = { word: terms.zhCategories.get(zh)!, typed: s.slice(sLower.lastIndexOf(zh), sLower.lastIndexOf(zh) + zh.length) };
    for (const g of terms.lexicon.glosses(zh)) for (const w of tokenize(g)) stems.add(stem(w));
  }
  // No category word: a word of the catalog's titles that only one category uses ("saree", "T恤").
  let titleTop: { top: string; typed: string } | null = null;
  if (!head) {
    for (const w of words) {
      if (/^(cat|price|brand|color|sort|size)$/.test(w) || HAN.test(w) || w.length < 4) continue;
      const top = terms.titleWords.get(stem(w));
      if (top) titleTop = { top, typed: w };
    }
    if (!titleTop) {
      const zh = [...terms.zhTitleWords.keys()].filter((z) => s.includes(z)).sort((a, b) => b.length - a.length)[0];
      if (zh) titleTop = { top: terms.titleWords.get(terms.zhTitleWords.get(zh)!)!, typed: zh };
    }
  }
  if (titleTop) {
    constraints.category = titleTop.top;
    constraints.kind = HAN.test(titleTop.typed) ? terms.zhTitleWords.get(titleTop.typed)! : titleTop.typed.toLowerCase();
    if (HAN.test(titleTop.typed)) constraints.zh = { ...constraints.zh, category: titleTop.typed };
    named.add('category');
    // Not masked: a title word can be a plain word too ("thanks" on a mug), and the intent model reads it as written.
  }
  // Words of the category's own name are not policy words there ("track" in "Track Pants").
  const nameWords = new Set<string>();
  if (head) {
    const cat = chooseCategory(head.word, stems, terms);
    for (const w of tokenize(cat.path[cat.path.length - 1])) nameWords.add(stem(w));
    constraints.category = cat.path[0];
    constraints.kind = head.word;
    if (cat.path.length > 1) constraints.categoryPath = cat.path;
    named.add('category');
    if (HAN.test(head.typed)) constraints.zh = { ...constraints.zh, category: head.typed };
    if (HAN.test(head.typed)) mask(head.typed, 'CAT');
    else s = s.replace(new RegExp(`\\b${head.typed.replace(ESCAPE, '\\$&')}\\b`, 'iu'), ' CAT ');
  }
  // Policy words ("return", "退货", "track") as one placeholder: the model learns that they ask about a policy.
  const lowerNow = s.toLowerCase();
  for (const w of policyWords(s).sort((a, b) => b.length - a.length)) {
    if (nameWords.has(stem(w))) continue;
    const i = lowerNow.indexOf(w);
    if (i >= 0 && s.slice(i, i + w.length).toLowerCase() === w) s = `${s.slice(0, i)} TOPIC ${s.slice(i + w.length)}`;
  }
  const masked = s.replace(/\s+/g, ' ').trim();
  const rest = masked
    .split(' ')
    .filter((w) => !/^(PRICE|SORT|SIZE|BRAND|COLOR|CAT|TOPIC)$/.test(w))
    .join(' ');
  if (rest.trim()) constraints.words = rest.trim();
  return { constraints, masked, named };
}
