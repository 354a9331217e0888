/**
 * The lexical half of search: a MiniSearch index over title, brand, category, attributes and description, typo
 * tolerant (fuzzy), with prefix matching for autocomplete and facet filters. Words are stemmed alike in the index and
 * the query ("watch" finds "Watches"). A query is a list of concepts (src/shared/text/query.ts), each with the ways to
 * find it: a product matches a concept when it matches one of them, and the query when it matches every concept.
 * Pure: runs in a worker and in Node.
 */
import MiniSearch from 'minisearch';
import type { Product } from '../../../../src/shared/catalog/types.ts';
import { underCategory } from '../../../../src/shared/catalog/facets.ts';
import type { SearchFilters } from '../../../../src/shared/search.ts';
import { catalogVocabulary, hardlyUsed, searchableFields, STOPWORDS, understandQuery, type Alternative, type CatalogVocabulary, type QueryUnderstanding } from '../../../../src/shared/text/query.ts';
import { stem, tokenize } from '../../../../src/shared/text/tokenize.ts';

interface Doc {
  id: string;
  title: string;
  brand: string;
  category: string;
  attributes: string;
  description: string;
}

/** Only the start of long descriptions is indexed: the rest is mostly boilerplate and slows the index. */
const DESCRIPTION_CHARS = 600;

/**
 * Partial matches follow only when fewer products than this (a page) match every concept: when more match them all,
 * partial matches would only pad the count ("analog watch for men" found 200, 77 of them clothing, through "men"
 * alone). They must then match all the concepts but one (`partialNeed`), the query's head among them when it is short
 * enough to have one (src/shared/text/query.ts HEAD_MAX_CONCEPTS): the kind of thing asked for ("hot beverage CUP",
 * "gold WATCH"), and none when nothing matches the head ("coffee BEANS" shows no mugs). Words matched only through a
 * typo correction do not count. A sentence (five concepts or more) needs any one of its words, best first.
 */
export const PARTIAL_BELOW = 10;

/** How many of a query's `n` concepts a partial match must match. */
export function partialNeed(n: number): number {
  return n >= 5 ? 1 : Math.max(1, Math.ceil(n / 2));
}

export interface LexicalHit {
  id: string;
  score: number;
  /** Document terms that matched (for highlighting). */
  terms: string[];
  /** True when it matches every concept of the query (of one of its parts). */
  complete: boolean;
}

export interface LexicalResult {
  hits: LexicalHit[];
  /** How many match every concept (they come first). */
  complete: number;
  concepts: number;
  /** Words matched only through a typo correction, and the catalog word they matched ("runing" → "running"). */
  corrections: Array<{ from: string; to: string }>;
  /**
   * Whether the catalog has what the query names: some product matches (without a typo) the head of one of its
   * parts, or any concept of a part that has no head. Search by meaning leans on it (workers/search/hybrid.ts).
   */
  supported: boolean;
}

/** Typos tolerated in a word that is no real word: one edit from 5 letters, two from 9. */
const FUZZY = (term: string) => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : false);

/** Optimal string alignment distance (Levenshtein with transpositions), stopping once it exceeds `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      rowMin = Math.min(rowMin, d[i][j]);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}

export class LexicalIndex {
  readonly #index: MiniSearch<Doc>;
  readonly #products: Map<string, Product>;
  /** The catalog's words (the query's lexicon reads them too). */
  readonly vocabulary: CatalogVocabulary;

  constructor(products: Product[]) {
    this.#products = new Map(products.map((p) => [p.id, p]));
    // The catalog's words are counted as they are indexed (not read a second time).
    const counts = new Map<string, number>();
    let counting = true;
    this.#index = new MiniSearch<Doc>({
      fields: ['title', 'brand', 'category', 'attributes', 'description'],
      storeFields: [],
      tokenize: (text) => tokenize(text),
      processTerm: (term) => {
        if (term.length === 0) return null;
        const t = stem(term);
        if (counting) counts.set(t, (counts.get(t) ?? 0) + 1);
        return STOPWORDS.has(term) ? null : t;
      },
      searchOptions: {
        boost: { title: 3, brand: 2, category: 2, attributes: 1, description: 0.5 },
      },
    });
    this.#index.addAll(products.map((p) => ({ id: p.id, ...searchableFields(p, DESCRIPTION_CHARS) })));
    counting = false;
    this.vocabulary = catalogVocabulary(products, DESCRIPTION_CHARS, counts);
  }

  /**
   * Products matching the query: every concept first (AND), then, when those are few, the best partial matches.
   * `query` is a list of concepts or plain words; the last word is also matched as a prefix (autocomplete).
   */
  search(query: string | QueryUnderstanding, filters: SearchFilters = {}, limit = Infinity): LexicalResult {
    const understood = typeof query === 'string' ? understandQuery(query) : query;
    const concepts = understood.concepts;
    const empty: LexicalResult = { hits: [], complete: 0, concepts: concepts.length, corrections: [], supported: false };
    if (!concepts.length) return empty;
    const brandSet = filters.brands?.length ? new Set(filters.brands) : null;
    const filtered = hasFilters(filters);
    const filter = filtered ? (r: { id: unknown }) => matchesFilters(this.#products.get(r.id as string)!, filters, brandSet) : undefined;

    // Per concept: the best way each product matches it, and whether that took a typo correction.
    const perConcept = concepts.map((c, k) => {
      const best = new Map<string, { score: number; terms: string[]; exact: boolean }>();
      const fuzzyTerms = new Map<string, number>();
      const last = k === concepts.length - 1;
      const alternatives: Array<Alternative & { swapped?: boolean }> = [...c.alternatives];
      for (let a = 0; a < alternatives.length; a++) {
        const alt = alternatives[a];
        const words = alt.words.map(stem).filter((w) => !STOPWORDS.has(w));
        if (!words.length) continue;
        // The last word is completed as a prefix when it is no word of its own yet ("runn" → running; not "nan" → nano).
        const prefixable = last && alt.via === 'typed' && !!alt.fuzzy;
        const results = this.#index.search(words.join(' '), {
          combineWith: 'AND',
          filter,
          fuzzy: alt.fuzzy ? FUZZY : false,
          prefix: (term, i, terms) => prefixable && i === terms.length - 1 && term.length >= 4,
        });
        // A typo MiniSearch's edit distance does not reach (two letters swapped: "wacth"): the catalog word it is.
        if (!results.length && alt.fuzzy && alt.words.length === 1) {
          const fixed = this.spelling(alt.words[0]);
          if (fixed && fixed !== stem(alt.words[0])) alternatives.push({ ...alt, words: [fixed], fuzzy: false, swapped: true });
        }
        for (const r of results) {
          // A document term that is none of the query's words and starts with none of them came from a typo correction.
          const typo = alt.swapped ? r.terms : r.terms.filter((t) => !words.some((w) => t === w || (prefixable && t.startsWith(w))));
          const exact = typo.length === 0;
          // A one-word query corrected only to words the catalog hardly uses finds nothing ("plugh" is not "plug"); in a
          // longer query the other words are evidence enough.
          if (!exact && concepts.length === 1 && typo.length === r.terms.length && typo.every((t) => hardlyUsed(this.vocabulary, this.vocabulary.words.get(t) ?? 0))) continue;
          for (const t of typo) fuzzyTerms.set(t, (fuzzyTerms.get(t) ?? 0) + 1);
          const score = (r.score / words.length) * alt.weight;
          const had = best.get(r.id as string);
          if (!had || score > had.score) best.set(r.id as string, { score, terms: r.terms, exact: exact || (had?.exact ?? false) });
          else if (exact) had.exact = true;
        }
      }
      return { best, fuzzyTerms };
    });

    // Per product: which concepts it matches, and which of them without a typo correction.
    const docs = new Map<string, { score: number; terms: Set<string>; matched: Set<number>; exact: Set<number> }>();
    for (const [k, { best }] of perConcept.entries()) {
      for (const [id, m] of best) {
        const d = docs.get(id) ?? { score: 0, terms: new Set<string>(), matched: new Set<number>(), exact: new Set<number>() };
        d.score += m.score;
        d.matched.add(k);
        if (m.exact) d.exact.add(k);
        for (const t of m.terms) d.terms.add(t);
        docs.set(id, d);
      }
    }
    const parts = understood.parts;
    // Without a category tree the catalog's words cannot tell a kind of thing it lacks from one it does not name
    // (bare titles never say "clothing"): then a partial match need not have the head.
    const kinds = this.vocabulary.categoryWords.size > 0;
    const isComplete = (d: { matched: Set<number> }) => parts.some((p) => p.concepts.every((k) => d.matched.has(k)));
    // Words no product has ("hot BEVERAGE cup") cannot be matched: a partial match needs most of the others.
    const found = (k: number) => [...perConcept[k].best.values()].some((m) => m.exact);
    const isPartial = (d: { exact: Set<number> }) =>
      parts.some((p) => {
        const present = p.concepts.filter(found);
        return present.length > 0 && present.filter((k) => d.exact.has(k)).length >= partialNeed(present.length) && (p.head === null || !kinds || d.exact.has(p.head));
      });
    const toHit = (id: string, d: { score: number; terms: Set<string>; matched: Set<number> }, complete: boolean): LexicalHit => ({ id, score: d.score * d.matched.size, terms: [...d.terms], complete });
    const complete = [...docs].filter(([, d]) => isComplete(d)).map(([id, d]) => toHit(id, d, true));
    complete.sort(byScore);
    let hits = complete;
    if (complete.length < PARTIAL_BELOW) {
      const partial = [...docs].filter(([, d]) => !isComplete(d) && isPartial(d)).map(([id, d]) => toHit(id, d, false));
      partial.sort(byScore);
      hits = [...complete, ...partial];
    }
    // A concept that only typo corrections matched: the catalog word it matched most often.
    const corrections: LexicalResult['corrections'] = [];
    perConcept.forEach(({ best, fuzzyTerms }, k) => {
      if (!best.size || [...best.values()].some((m) => m.exact) || !fuzzyTerms.size) return;
      const to = [...fuzzyTerms].sort((a, b) => b[1] - a[1])[0][0];
      corrections.push({ from: concepts[k].text, to });
    });
    const supported = parts.some((p) => (p.head !== null ? found(p.head) : p.concepts.some(found)));
    return { hits: hits.slice(0, limit), complete: complete.length, concepts: concepts.length, corrections, supported };
  }

  /**
   * A catalog word within a small edit distance of `word` (a swap of two letters counts as one edit), the most used
   * first: what "Did you mean …?" offers when nothing matched. Null when there is none.
   */
  spelling(word: string): string | null {
    const w = stem(word.toLowerCase());
    if (w.length < 4 || !/^[a-z]+$/.test(w) || this.vocabulary.words.has(w)) return null;
    const max = w.length >= 8 ? 2 : 1;
    let best: string | null = null;
    let bestCount = 0;
    for (const [candidate, count] of this.vocabulary.words) {
      if (count <= bestCount || hardlyUsed(this.vocabulary, count) || !/^[a-z]+$/.test(candidate) || candidate.length < 3) continue;
      if (editDistance(w, candidate, max) <= max) [best, bestCount] = [candidate, count];
    }
    return best;
  }

  /** Completions for what is being typed, most likely first. */
  suggest(prefix: string, limit = 6): string[] {
    if (!prefix.trim()) return [];
    return this.#index
      .autoSuggest(prefix, { fuzzy: 0.2, boost: { title: 3, brand: 2, category: 2 } })
      .slice(0, limit)
      .map((s) => s.suggestion);
  }

  get size(): number {
    return this.#products.size;
  }
}

function byScore(a: LexicalHit, b: LexicalHit): number {
  return b.score - a.score;
}

function hasFilters({ category, brands, minPrice, maxPrice, inStockOnly }: SearchFilters): boolean {
  return !!category?.length || !!brands?.length || minPrice !== undefined || maxPrice !== undefined || !!inStockOnly;
}

export function matchesFilters(p: Product, filters: SearchFilters, brandSet: Set<string> | null = filters.brands?.length ? new Set(filters.brands) : null): boolean {
  const { category, minPrice, maxPrice, inStockOnly } = filters;
  if (category?.length && !underCategory(p.categoryPath, category)) return false;
  if (brandSet && (!p.brand || !brandSet.has(p.brand))) return false;
  if (minPrice !== undefined && p.price < minPrice) return false;
  if (maxPrice !== undefined && p.price >= maxPrice) return false;
  if (inStockOnly && !p.inStock) return false;
  return true;
}
