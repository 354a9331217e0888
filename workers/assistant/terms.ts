/**
 * The names a request can use for the catalog in use, all read from the catalog (and the bundled lexicon for their
 * Chinese words), never from a list in code: its categories (each category name's head word, and the Chinese words
 * whose glosses name it), its brands (the brand field, a "Brand" attribute) and its colours (the values of its colour
 * attributes, and the Chinese colour words whose gloss is one of them). Pure: the worker, the CLIs and the tests
 * build it from the same products.
 */
import type { Product } from '../../src/shared/catalog/types.ts';
import { Lexicon, type LexiconFile } from '../../src/shared/text/query.ts';
import { stem, tokenize } from '../../src/shared/text/tokenize.ts';

export interface CategoryName {
  /** Root first. */
  path: string[];
  /** How many products sit in it or below it. */
  products: number;
}

export interface CatalogTerms {
  lexicon: Lexicon;
  /** Stemmed English word → the category paths whose name it heads ("watch" → Watches, Watches > Wrist Watches). */
  categoryWords: Map<string, CategoryName[]>;
  /** Brand (lower case, words joined by one space) → the brand as the catalog writes it. */
  brands: Map<string, string>;
  /** Brands that are also plain words ("Slim", "Regular"): taken only when written with a capital or after "by"/"brand". */
  plainBrands: Set<string>;
  /** Colour words the catalog uses in its colour attributes (lower case). */
  colors: Set<string>;
  /** Category names (lower case, as words, singular head) that hold a colour word: "coffee mug". */
  colorNames: string[];
  /** Chinese colour words → the catalog's colour word ("红色" → red). */
  zhColors: Map<string, string>;
  /** Chinese word → the catalog's English category word, from the lexicon's glosses ("手表" → watch). */
  zhCategories: Map<string, string>;
  /** Size values of the catalog (lower case), from attributes whose name says size. */
  sizes: Set<string>;
  /**
   * Stemmed words of product titles and "Type" attributes that (nearly) only one top-level category uses ("saree",
   * "bedsheet", "kurti"): a request that names no category word still says which category it means. Read from the
   * catalog in use.
   */
  titleWords: Map<string, string>;
  /** Chinese word → a title word its lexicon gloss names ("T恤" T-shirt → tshirt), for the same use. */
  zhTitleWords: Map<string, string>;
  /** The top-level categories, largest first. */
  topLevel: string[];
  currency: string;
}

const HAN = /\p{Script=Han}/u;
const COLOR_KEY = /^colou?r$|^(?:primary|main|base|dial|strap|frame)\s+colou?r$/i;
const SIZE_KEY = /size/i;

/** English words of a category name's head: "Wrist Watches" → watch; "Bags, Wallets & Belts" → bag, wallet, belt. */
function headWords(name: string): string[] {
  return name
    .split(/,|&|\band\b/)
    .map((part) => tokenize(part).filter((w) => !/^\d+$/.test(w)))
    .filter((words) => words.length > 0)
    .map((words) => stem(words[words.length - 1]));
}

export function buildTerms(products: readonly Product[], lexiconFile: LexiconFile, lexicon?: Lexicon): CatalogTerms {
  const lx = lexicon ?? new Lexicon(lexiconFile, catalogVocabularyLite(products));
    const counts = new Map<string, CategoryName>();
  for (const p of products) {
    for (let i = 1; i <= p.categoryPath.length; i++) {
      const path = p.categoryPath.slice(0, i);
      const key = path.join('\u0000');
      const c = counts.get(key) ?? { path, products: 0 };
      c.products++;
      counts.set(key, c);
    }
  }
  const brandNames = new Map<string, string>();
  const brandCount = new Map<string, number>();
  for (const p of products) {
    for (const b of [p.brand, p.attributes['Brand']]) {
      if (!b || b.length > 40) continue;
      const key = tokenize(b).join(' ');
      if (!key || /^\d+$/.test(key)) continue;
      if (!brandNames.has(key)) brandNames.set(key, b.trim());
      brandCount.set(key, (brandCount.get(key) ?? 0) + 1);
    }
  }
  const categoryWords = new Map<string, CategoryName[]>();
  for (const c of counts.values()) {
    const last = c.path[c.path.length - 1];
    for (const w of headWords(last)) {
      // A category that is only a brand's name ("Titan") names no kind of thing.
      if (brandNames.has(tokenize(last).join(' '))) continue;
      const list = categoryWords.get(w) ?? [];
      list.push(c);
      categoryWords.set(w, list);
    }
  }
  for (const list of categoryWords.values()) list.sort((a, b) => a.path.length - b.path.length || b.products - a.products);

  const colorCount = new Map<string, number>();
  const sizes = new Set<string>();
  for (const p of products) {
    for (const [k, v] of Object.entries(p.attributes)) {
      if (COLOR_KEY.test(k)) for (const w of tokenize(v)) if (/^[a-z]{3,}$/.test(w)) colorCount.set(w, (colorCount.get(w) ?? 0) + 1);
      if (SIZE_KEY.test(k) && v.length <= 12) sizes.add(v.trim().toLowerCase());
    }
  }
  // A colour word inside a category's name ("Coffee Mugs") is taken for the category where the name is written out.
  const colors = new Set([...colorCount].filter(([w, n]) => n >= 2 && !categoryWords.has(stem(w))).map(([w]) => w));
  const colorNames = [...new Set([...counts.values()].flatMap((c) => {
    const words = tokenize(c.path[c.path.length - 1]);
    if (!words.some((w) => colors.has(w))) return [];
    return [words.join(' '), [...words.slice(0, -1), stem(words[words.length - 1])].join(' ')];
  }))];
  const zhColors = new Map<string, string>();
  const zhCategories = new Map<string, string>();
  for (const [word, glosses] of Object.entries(lexiconFile.zh)) {
    if (!HAN.test(word)) continue;
    const senses = glosses.split('|');
    if (word.endsWith('色')) {
      // The sense the catalog uses most ("金色" → gold rather than golden).
      // The first sense that is a catalog colour, or a commoner form of it ("金色" golden|gold → gold; 粉色 stays pink).
      const options = senses.map((g) => tokenize(g)).filter((w) => w.length === 1 && colors.has(w[0])).map((w) => w[0]);
      if (options.length) {
        const first = options[0];
        const form = options.find((o) => o !== first && o.slice(0, 3) === first.slice(0, 3) && (colorCount.get(o) ?? 0) > (colorCount.get(first) ?? 0));
        zhColors.set(word, form ?? first);
      }
    }
    // 红 alone is a colour only as the first character of a colour word the lexicon has (红色).
    for (const sense of senses.slice(0, 2)) {
      const words = tokenize(sense);
      if (!words.length || words.length > 3) continue;
      const head = stem(words[words.length - 1]);
      if (categoryWords.has(head) && !zhCategories.has(word)) zhCategories.set(word, head);
      // A word the category tree does not use, through its English synonyms ("杯" cup → mug, for "Coffee Mugs").
      else if (words.length === 1 && !zhCategories.has(word)) {
        const related = lx.related(head).map((r) => stem(tokenize(r).pop() ?? '')).find((r) => categoryWords.has(r));
        if (related) zhCategories.set(word, related);
        // "wristwatch" (手表): a compound the category tree writes as two words. (Without it 手表 named no category,
        // and the 表 inside it did: Chinese answers said 表.)
        // The longest such ending, read from the word itself (not a scan of every category word per lexicon entry).
        else
          for (let n = head.length - 3; n >= 4; n--)
            if (categoryWords.has(head.slice(-n))) {
              zhCategories.set(word, head.slice(-n));
              break;
            }
      }
    }
  }
  for (const [zh, en] of [...zhColors]) if (zh.length === 2) zhColors.set(zh[0] + '的', en);
  // A brand whose words the catalog also uses for other brands' products ("Slim" in "slim fit") is a plain word.
  const otherUses = new Map<string, number>();
  for (const p of products) {
    const own = new Set([p.brand, p.attributes['Brand']].filter((b): b is string => !!b).flatMap((b) => tokenize(b)));
    for (const w of new Set(tokenize(`${p.title} ${Object.values(p.attributes).join(' ')}`))) if (!own.has(w)) otherUses.set(w, (otherUses.get(w) ?? 0) + 1);
  }
  const plainBrands = new Set([...brandNames.keys()].filter((k) => k.split(' ').every((w) => (otherUses.get(w) ?? 0) >= 2 || lx.related(w).length > 0)));
  const topLevel = [...counts.values()].filter((c) => c.path.length === 1).sort((a, b) => b.products - a.products).map((c) => c.path[0]);
  const { titleWords, zhTitleWords } = titleCategoryWords(products, lexiconFile, new Set([...brandNames.keys()].flatMap((k) => k.split(' '))), colors);
  return { lexicon: lx, categoryWords, brands: brandNames, plainBrands, colors, colorNames, zhColors, zhCategories, titleWords, zhTitleWords, sizes, topLevel, currency: products[0]?.currency ?? 'INR' };
}

/** Share of a title word's products that must sit in one top-level category for the word to name it. */
const TITLE_WORD_SHARE = 0.8;
/** The attribute that says what kind of thing a product is. */
const TYPE_KEY = /^(?:type|product\s+type|kind)$/i;

/** Per stemmed word of the given texts: the top-level category most of its products sit in, with the counts. */
function wordTops(products: readonly Product[], texts: (p: Product) => string[], brandWords: Set<string>, colors: Set<string>): Map<string, { top: string; n: number; total: number }> {
  const byWord = new Map<string, Map<string, number>>();
  for (const p of products) {
    const top = p.categoryPath[0];
    if (!top) continue;
    const joined = texts(p).join(' ');
    const words = [...tokenize(joined), ...tokenize(joined.replace(/(\p{L})-(\p{L})/gu, '$1$2'))];
    for (const w of new Set(words.filter((w) => /^[a-z]{4,}$/.test(w) && !brandWords.has(w) && !colors.has(w)).map(stem))) {
      const m = byWord.get(w) ?? new Map<string, number>();
      m.set(top, (m.get(top) ?? 0) + 1);
      byWord.set(w, m);
    }
  }
  const out = new Map<string, { top: string; n: number; total: number }>();
  for (const [w, m] of byWord) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const [top, n] = [...m].sort((a, b) => b[1] - a[1])[0];
    out.set(w, { top, n, total });
  }
  return out;
}

function titleCategoryWords(products: readonly Product[], lexiconFile: LexiconFile, brandWords: Set<string>, colors: Set<string>): { titleWords: Map<string, string>; zhTitleWords: Map<string, string> } {
  // What a product is: its title and the value of its "Type" attribute ("Cycling Shorts", "Chronograph"); a
  // hyphenated word is also read joined ("T-Shirt" → tshirt). All from the catalog in use.
  const titleWords = new Map<string, string>();
  for (const [w, { top, n, total }] of wordTops(products, (p) => [p.title, ...Object.entries(p.attributes).filter(([k]) => TYPE_KEY.test(k)).map(([, v]) => v)], brandWords, colors)) {
    if (n / total >= TITLE_WORD_SHARE && (total >= 2 || w.length >= 5)) titleWords.set(w, top);
  }
  const zhTitleWords = new Map<string, string>();
  for (const [word, glosses] of Object.entries(lexiconFile.zh)) {
    if (!HAN.test(word) || word.length < 2) continue;
    for (const sense of glosses.split('|').slice(0, 2)) {
      const words = tokenize(sense.replace(/-/g, ''));
      if (words.length && words.length <= 2 && titleWords.has(stem(words[words.length - 1]))) {
        zhTitleWords.set(word, stem(words[words.length - 1]));
        break;
      }
    }
  }
  return { titleWords, zhTitleWords };
}

/** Word counts of titles, brands and category names: enough for the lexicon's "is this a real word" questions. */
function catalogVocabularyLite(products: readonly Product[]) {
  const words = new Map<string, number>();
  const add = (text: string) => {
    for (const w of tokenize(text)) words.set(stem(w), (words.get(stem(w)) ?? 0) + 1);
  };
  for (const p of products) {
    add(p.title);
    add(p.brand ?? '');
    add(p.categoryPath.join(' '));
    add(Object.values(p.attributes).join(' '));
  }
  return { words, categories: [], categoryWords: new Set<string>() };
}
