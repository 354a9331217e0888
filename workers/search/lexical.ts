/**
 * The lexical half of search: a MiniSearch index over title, brand, category, attributes and description, typo
 * tolerant (fuzzy), with prefix matching for autocomplete and facet filters. Words are stemmed alike in the index and
 * the query ("watch" finds "Watches"). A query is a list of concepts (src/shared/text/query.ts), each with the ways to
 * find it: a product matches a concept when it matches one of them, and the query when it matches every concept.
 * Pure: runs in a worker and in Node.
 */
import type { Product } from '../../src/shared/catalog/types.ts';
import { underCategory } from '../../src/shared/catalog/facets.ts';
import type { SearchFilters } from '../../src/shared/search.ts';
import { catalogVocabulary, hardlyUsed, searchableFields, STOPWORDS, understandQuery, type Alternative, type CatalogVocabulary, type QueryUnderstanding } from '../../src/shared/text/query.ts';
import { stem, tokenize } from '../../src/shared/text/tokenize.ts';
import { descendingOrder, TermIndex, TermLists, type TermIndexData } from './term-index.ts';

/** The indexed fields, in index order, and their boosts (searching; completions boost title, brand, category only). */
const FIELDS = ['title', 'brand', 'category', 'attributes', 'description'] as const;
const BOOST = [3, 2, 2, 1, 0.5];
const SUGGEST_BOOST = [3, 2, 2, 1, 1];

/**
 * What a lexical index keeps when it is stored (workers/search/stored-index.ts): the term index and the catalog's
 * word counts, which together cost most of building it.
 */
export interface LexicalIndexData {
  terms: TermIndexData;
  words: Map<string, number>;
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
  /** The hits' products (positions in the catalog), best first, and their scores: what `hits` holds, in flat arrays. */
  docs: Uint32Array;
  scores: Float64Array;
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
  readonly #index: TermIndex;
  readonly #products: Product[];
  /** The catalog's words (the query's lexicon reads them too). */
  readonly vocabulary: CatalogVocabulary;
  readonly #words: Map<string, number>;
  /** Per-query scratch, reused: per concept, and combined (see search). */
  readonly #concepts: ConceptMatches[] = [];
  #docs: CombinedMatches | null = null;

  /** Indexes the products, or takes a stored index of these same products (`stored`, see LexicalIndexData). */
  constructor(products: Product[], stored?: LexicalIndexData) {
    this.#products = products;
    if (stored) {
      if (stored.terms.docs !== products.length || stored.terms.fields !== FIELDS.length) throw new Error(`This stored search index is for ${stored.terms.docs} products; the catalog has ${products.length}. It will be built again.`);
      this.#index = new TermIndex(stored.terms);
      this.#words = stored.words;
    } else {
      // The catalog's words are counted as they are indexed (not read a second time).
      const counts = new Map<string, number>();
      const processTerm = (term: string) => {
        if (term.length === 0) return null;
        const t = stem(term);
        counts.set(t, (counts.get(t) ?? 0) + 1);
        return STOPWORDS.has(term) ? null : t;
      };
      const documents = (function* () {
        for (const p of products) {
          const f = searchableFields(p, DESCRIPTION_CHARS);
          yield [f.title, f.brand, f.category, f.attributes, f.description];
        }
      })();
      this.#index = TermIndex.build(documents, FIELDS.length, tokenize, processTerm);
      this.#words = counts;
    }
    this.vocabulary = catalogVocabulary(products, DESCRIPTION_CHARS, this.#words);
  }

  /** What storing this index keeps (see LexicalIndexData). */
  get data(): LexicalIndexData {
    return { terms: this.#index.data, words: this.#words };
  }

  /** A query's words as the index holds them (tokenized, stemmed, without stopwords), as MiniSearch read a query. */
  #queryTerms(text: string): string[] {
    return tokenize(text).flatMap((term) => (term.length === 0 || STOPWORDS.has(term) ? [] : [stem(term)]));
  }

  /**
   * Products matching the query: every concept first (AND), then, when those are few, the best partial matches.
   * `query` is a list of concepts or plain words; the last word is also matched as a prefix (autocomplete).
   *
   * At 100,000 products a common word matches tens of thousands: everything per product sits in arrays indexed by
   * product (reused between queries, told apart by a stamp), the matched terms are list ids (TermLists), and the hits
   * come back as flat arrays, their `LexicalHit`s (and matched terms) made only when asked for.
   */
  search(query: string | QueryUnderstanding, filters: SearchFilters = {}, limit = Infinity): LexicalMatches {
    const understood = typeof query === 'string' ? understandQuery(query) : query;
    const concepts = understood.concepts;
    const lists = new TermLists(this.#index.data.terms);
    if (!concepts.length) return new LexicalMatches(this.#products, lists, new Uint32Array(0), new Float64Array(0), 0, 0, new Int32Array(0), [], false);
    const brandSet = filters.brands?.length ? new Set(filters.brands) : null;
    const filtered = hasFilters(filters);
    const filter = filtered ? (doc: number) => matchesFilters(this.#products[doc], filters, brandSet) : undefined;
    const n = this.#products.length;

    // Per concept: the best way each product matches it, and whether that took a typo correction.
    const perConcept = concepts.map((c, k) => {
      const best = this.#scratch(k);
      const generation = best.generation;
      const fuzzyTerms = new Map<string, number>();
      const last = k === concepts.length - 1;
      const alternatives: Array<Alternative & { swapped?: boolean }> = [...c.alternatives];
      for (let a = 0; a < alternatives.length; a++) {
        const alt = alternatives[a];
        const words = alt.words.map(stem).filter((w) => !STOPWORDS.has(w));
        if (!words.length) continue;
        // The last word is completed as a prefix when it is no word of its own yet ("runn" → running; not "nan" → nano).
        const prefixable = last && alt.via === 'typed' && !!alt.fuzzy;
        const results = this.#index.match(
          this.#queryTerms(words.join(' ')),
          {
            boost: BOOST,
            filter,
            fuzzy: alt.fuzzy ? FUZZY : false,
            prefix: (term, i, terms) => prefixable && i === terms.length - 1 && term.length >= 4,
          },
          lists,
        );
        // A typo MiniSearch's edit distance does not reach (two letters swapped: "wacth"): the catalog word it is.
        if (!results.length && alt.fuzzy && alt.words.length === 1) {
          const fixed = this.spelling(alt.words[0]);
          if (fixed && fixed !== stem(alt.words[0])) alternatives.push({ ...alt, words: [fixed], fuzzy: false, swapped: true });
        }
        // A document term that is none of the query's words and starts with none of them came from a typo correction:
        // worked out once per list of matched terms, not per product.
        const typos = new Map<number, { terms: string[]; count: number; skip: boolean }>();
        const typoOf = (list: number) => {
          let t = typos.get(list);
          if (!t) {
            const terms = lists.terms(list);
            const typo = alt.swapped ? terms : terms.filter((x) => !words.some((w) => x === w || (prefixable && x.startsWith(w))));
            // A one-word query corrected only to words the catalog hardly uses finds nothing ("plugh" is not "plug"); in a
            // longer query the other words are evidence enough.
            const skip = typo.length > 0 && concepts.length === 1 && typo.length === terms.length && typo.every((x) => hardlyUsed(this.vocabulary, this.#words.get(x) ?? 0));
            typos.set(list, (t = { terms: typo, count: 0, skip }));
          }
          return t;
        };
        const factor = words.length;
        for (let r = 0; r < results.length; r++) {
          const doc = results.docs[r];
          const list = results.termLists[r];
          const typo = typoOf(list);
          if (typo.skip) continue;
          typo.count++;
          const exact = typo.terms.length === 0;
          const score = (results.scores[r] / factor) * alt.weight;
          if (best.stamp[doc] !== generation) {
            best.stamp[doc] = generation;
            best.order[best.length++] = doc;
            best.score[doc] = score;
            best.list[doc] = list;
            best.exact[doc] = exact ? 1 : 0;
          } else if (score > best.score[doc]) {
            best.score[doc] = score;
            best.list[doc] = list;
            if (exact) best.exact[doc] = 1;
          } else if (exact) best.exact[doc] = 1;
        }
        // Counted per list in the order the lists first came, which is the order each typo term first came.
        for (const { terms, count } of typos.values()) for (const t of terms) fuzzyTerms.set(t, (fuzzyTerms.get(t) ?? 0) + count);
      }
      let foundExact = false;
      for (let j = 0; j < best.length && !foundExact; j++) if (best.exact[best.order[j]]) foundExact = true;
      return { best, fuzzyTerms, foundExact };
    });

    // Per product: which concepts it matches, and which of them without a typo correction (bit masks, `words` per
    // product), its summed score; products in the order they were first met.
    const words = (concepts.length + 31) >>> 5;
    const docs = this.#combined(n, words);
    const generation = docs.generation;
    let count = 0;
    for (let k = 0; k < perConcept.length; k++) {
      const { best } = perConcept[k];
      const bit = 1 << (k & 31);
      const word = k >>> 5;
      for (let j = 0; j < best.length; j++) {
        const doc = best.order[j];
        let at = docs.slot[doc];
        if (docs.stamp[doc] !== generation) {
          docs.stamp[doc] = generation;
          at = docs.slot[doc] = count++;
          docs.doc[at] = doc;
          docs.score[at] = 0;
          docs.matched[at] = 0;
          docs.matchedMask.fill(0, at * words, (at + 1) * words);
          docs.exactMask.fill(0, at * words, (at + 1) * words);
        }
        docs.score[at] += best.score[doc];
        docs.matched[at]++;
        docs.matchedMask[at * words + word] |= bit;
        if (best.exact[doc]) docs.exactMask[at * words + word] |= bit;
      }
    }
    const has = (mask: Uint32Array, at: number, k: number) => (mask[at * words + (k >>> 5)] & (1 << (k & 31))) !== 0;
    const parts = understood.parts;
    // Without a category tree the catalog's words cannot tell a kind of thing it lacks from one it does not name
    // (bare titles never say "clothing"): then a partial match need not have the head.
    const kinds = this.vocabulary.categoryWords.size > 0;
    const isComplete = (at: number) => {
      for (const p of parts) {
        let all = true;
        for (const k of p.concepts) if (!has(docs.matchedMask, at, k)) {
          all = false;
          break;
        }
        if (all) return true;
      }
      return false;
    };
    // Words no product has ("hot BEVERAGE cup") cannot be matched: a partial match needs most of the others.
    // Computed once per concept (not per product: that was quadratic in the number of matches).
    const found = (k: number) => perConcept[k].foundExact;
    const presentOf = parts.map((p) => p.concepts.filter(found));
    const needOf = presentOf.map((present) => partialNeed(present.length));
    const isPartial = (at: number) => {
      for (let i = 0; i < parts.length; i++) {
        const present = presentOf[i];
        // A head narrowed by a word the catalog lacks ("YOGA mat": its mats are bath mats) has no partial matches.
        if (!present.length || (kinds && parts[i].narrowedBy?.length)) continue;
        let exact = 0;
        for (const k of present) if (has(docs.exactMask, at, k)) exact++;
        const head = parts[i].head;
        if (exact >= needOf[i] && (head === null || !kinds || has(docs.exactMask, at, head))) return true;
      }
      return false;
    };
    // The complete matches, best first (ties in the order met), then, when they are few, the partial ones.
    const pick = (want: (at: number) => boolean) => {
      const slots: number[] = [];
      for (let at = 0; at < count; at++) if (want(at)) slots.push(at);
      const scores = new Float64Array(slots.length);
      for (let i = 0; i < slots.length; i++) scores[i] = docs.score[slots[i]] * docs.matched[slots[i]];
      const order = descendingOrder(scores, slots.length);
      const out = { slots: new Uint32Array(slots.length), scores: new Float64Array(slots.length) };
      for (let r = 0; r < order.length; r++) {
        out.slots[r] = slots[order[r]];
        out.scores[r] = scores[order[r]];
      }
      return out;
    };
    const complete = pick(isComplete);
    let chosen = complete;
    if (complete.slots.length < PARTIAL_BELOW) {
      const partial = pick((at) => !isComplete(at) && isPartial(at));
      const c = complete.slots.length;
      chosen = { slots: new Uint32Array(c + partial.slots.length), scores: new Float64Array(c + partial.slots.length) };
      chosen.slots.set(complete.slots);
      chosen.slots.set(partial.slots, c);
      chosen.scores.set(complete.scores);
      chosen.scores.set(partial.scores, c);
    }
    const total = Math.min(chosen.slots.length, limit);
    const hitDocs = new Uint32Array(total);
    const hitScores = chosen.scores.slice(0, total);
    // Each hit's best list of matched terms per concept (-1: not matched), kept with the result for its terms.
    const hitLists = new Int32Array(total * concepts.length);
    for (let i = 0; i < total; i++) {
      const at = chosen.slots[i];
      const doc = docs.doc[at];
      hitDocs[i] = doc;
      for (let k = 0; k < concepts.length; k++) hitLists[i * concepts.length + k] = has(docs.matchedMask, at, k) ? perConcept[k].best.list[doc] : -1;
    }
    // A concept that only typo corrections matched: the catalog word it matched most often.
    const corrections: LexicalResult['corrections'] = [];
    perConcept.forEach(({ best, fuzzyTerms, foundExact }, k) => {
      if (!best.length || foundExact || !fuzzyTerms.size) return;
      const to = [...fuzzyTerms].sort((a, b) => b[1] - a[1])[0][0];
      corrections.push({ from: concepts[k].text, to });
    });
    const supported = parts.some((p) => (p.head !== null ? found(p.head) && !(kinds && p.narrowedBy?.length) : p.concepts.some(found)));
    return new LexicalMatches(this.#products, lists, hitDocs, hitScores, complete.slots.length, concepts.length, hitLists, corrections, supported);
  }

  /** Concept k's per-product arrays for this query (a fresh stamp marks which products it has met). */
  #scratch(k: number): ConceptMatches {
    const n = this.#products.length;
    let s = this.#concepts[k];
    if (!s) this.#concepts[k] = s = { generation: 0, length: 0, stamp: new Uint32Array(n), order: new Uint32Array(n), score: new Float64Array(n), list: new Int32Array(n), exact: new Uint8Array(n) };
    s.length = 0;
    if (++s.generation === 0xffffffff) {
      s.stamp.fill(0);
      s.generation = 1;
    }
    return s;
  }

  /** The per-product arrays that combine the concepts, with room for `words` 32-bit masks per product. */
  #combined(n: number, words: number): CombinedMatches {
    let c = this.#docs;
    if (!c || c.matchedMask.length < n * words) {
      c = this.#docs = { generation: c?.generation ?? 0, stamp: c?.stamp ?? new Uint32Array(n), slot: c?.slot ?? new Uint32Array(n), doc: c?.doc ?? new Uint32Array(n), score: c?.score ?? new Float64Array(n), matched: c?.matched ?? new Uint32Array(n), matchedMask: new Uint32Array(n * words), exactMask: new Uint32Array(n * words) };
    }
    if (++c.generation === 0xffffffff) {
      c.stamp.fill(0);
      c.generation = 1;
    }
    return c;
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
    const terms = this.#queryTerms(prefix);
    return this.#index
      .suggest(terms, { boost: SUGGEST_BOOST, fuzzy: 0.2, prefix: (_, i, all) => i === all.length - 1 })
      .slice(0, limit)
      .map((s) => s.suggestion);
  }

  get size(): number {
    return this.#products.length;
  }
}

/** One concept's best match per product: arrays indexed by product, `order` the products in the order met. */
interface ConceptMatches {
  generation: number;
  length: number;
  stamp: Uint32Array;
  order: Uint32Array;
  score: Float64Array;
  list: Int32Array;
  exact: Uint8Array;
}

/** Every concept's matches per product: `slot[doc]` is its place in the order met; the rest is by that place. */
interface CombinedMatches {
  generation: number;
  stamp: Uint32Array;
  slot: Uint32Array;
  doc: Uint32Array;
  score: Float64Array;
  matched: Uint32Array;
  matchedMask: Uint32Array;
  exactMask: Uint32Array;
}

/** A lexical search's result; `hits` (with each one's matched terms) is made when first read. */
export class LexicalMatches implements LexicalResult {
  readonly #products: readonly Product[];
  readonly #lists: TermLists;
  readonly #hitLists: Int32Array;
  #hits: LexicalHit[] | null = null;

  constructor(
    products: readonly Product[],
    lists: TermLists,
    readonly docs: Uint32Array,
    readonly scores: Float64Array,
    readonly complete: number,
    readonly concepts: number,
    hitLists: Int32Array,
    readonly corrections: Array<{ from: string; to: string }>,
    readonly supported: boolean,
  ) {
    this.#products = products;
    this.#lists = lists;
    this.#hitLists = hitLists;
  }

  /** Hit i's matched document terms: each concept's, in the order of the concepts. */
  terms(i: number): string[] {
    const out = new Set<string>();
    for (let k = 0; k < this.concepts; k++) {
      const list = this.#hitLists[i * this.concepts + k];
      if (list >= 0) for (const t of this.#lists.terms(list)) out.add(t);
    }
    return [...out];
  }

  get hits(): LexicalHit[] {
    if (!this.#hits) this.#hits = Array.from(this.docs, (doc, i) => ({ id: this.#products[doc].id, score: this.scores[i], terms: this.terms(i), complete: i < this.complete }));
    return this.#hits;
  }
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
