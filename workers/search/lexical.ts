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
  /** Per-query scratch, reused: one concept's, the combination's, the choosing's, the sort's (see search). */
  #concept: ConceptMatches | null = null;
  #docs: CombinedMatches | null = null;
  #pick: PickScratch | null = null;

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
  search(query: string | QueryUnderstanding, filters: SearchFilters = {}, limit = Infinity, reuse = false): LexicalMatches {
    const understood = typeof query === 'string' ? understandQuery(query) : query;
    const concepts = understood.concepts;
    const lists = new TermLists(this.#index.data.terms);
    if (!concepts.length) return new LexicalMatches(this.#products, lists, new Uint32Array(0), new Float64Array(0), 0, 0, () => -1, [], false);
    const brandSet = filters.brands?.length ? new Set(filters.brands) : null;
    const filtered = hasFilters(filters);
    const filter = filtered ? (doc: number) => matchesFilters(this.#products[doc], filters, brandSet) : undefined;
    const n = this.#products.length;
    const K = concepts.length;

    // Per product: which concepts it matches, and which of them without a typo correction (bit masks, `words` per
    // product), its summed score and its best list of matched terms per concept; products in the order they were
    // first met. Each concept is added as soon as it is found, so that one set of per-concept arrays serves them all.
    const words = (K + 31) >>> 5;
    const docs = this.#combined(n, words);
    const generation = docs.generation;
    let count = 0;
    const perConcept: Array<{ length: number; fuzzyTerms: Map<string, number>; foundExact: boolean }> = [];
    for (let k = 0; k < K; k++) {
      // The best way each product matches concept k, and whether that took a typo correction.
      const c = concepts[k];
      const best = this.#scratch();
      const conceptGeneration = best.generation;
      const fuzzyTerms = new Map<string, number>();
      const last = k === K - 1;
      const alternatives: Array<Alternative & { swapped?: boolean }> = [...c.alternatives];
      for (let a = 0; a < alternatives.length; a++) {
        const alt = alternatives[a];
        const altWords = alt.words.map(stem).filter((w) => !STOPWORDS.has(w));
        if (!altWords.length) continue;
        // The last word is completed as a prefix when it is no word of its own yet ("runn" → running; not "nan" → nano).
        const prefixable = last && alt.via === 'typed' && !!alt.fuzzy;
        const results = this.#index.match(
          this.#queryTerms(altWords.join(' ')),
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
        // worked out once per list of matched terms (by list id), not per product, in the order the lists first came.
        const typos: Array<{ terms: string[]; count: number; skip: boolean } | undefined> = [];
        const typoOrder: number[] = [];
        const typoOf = (list: number) => {
          let t = typos[list];
          if (!t) {
            const terms = lists.terms(list);
            const typo = alt.swapped ? terms : terms.filter((x) => !altWords.some((w) => x === w || (prefixable && x.startsWith(w))));
            // A one-word query corrected only to words the catalog hardly uses finds nothing ("plugh" is not "plug"); in a
            // longer query the other words are evidence enough.
            const skip = typo.length > 0 && K === 1 && typo.length === terms.length && typo.every((x) => hardlyUsed(this.vocabulary, this.#words.get(x) ?? 0));
            typos[list] = t = { terms: typo, count: 0, skip };
            typoOrder.push(list);
          }
          return t;
        };
        const factor = altWords.length;
        // By place in the order met (not by product, so that the first way found writes in order): the products, their
        // best scores, lists and exactness. Which place a product has is looked up only once a second way finds some
        // (a single way's products are all different).
        const { stamp, place, order, score: bestScore, list: bestList, exact: bestExact } = best;
        if (results.length && best.length && !best.placed) {
          for (let j = 0; j < best.length; j++) {
            stamp[order[j]] = conceptGeneration;
            place[order[j]] = j;
          }
          best.placed = true;
        }
        const rDocs = results.docs;
        const rScores = results.scores;
        const rLists = results.termLists;
        for (let r = 0; r < results.length; r++) {
          const doc = rDocs[r];
          const list = rLists[r];
          const typo = typos[list] ?? typoOf(list);
          if (typo.skip) continue;
          typo.count++;
          const exact = typo.terms.length === 0;
          const score = (rScores[r] / factor) * alt.weight;
          if (!best.placed || stamp[doc] !== conceptGeneration) {
            const j = best.length++;
            if (best.placed) {
              stamp[doc] = conceptGeneration;
              place[doc] = j;
            }
            order[j] = doc;
            bestScore[j] = score;
            bestList[j] = list;
            bestExact[j] = exact ? 1 : 0;
            continue;
          }
          const j = place[doc];
          if (score > bestScore[j]) {
            bestScore[j] = score;
            bestList[j] = list;
            if (exact) bestExact[j] = 1;
          } else if (exact) bestExact[j] = 1;
        }
        // Counted per list in the order the lists first came, which is the order each typo term first came.
        for (const list of typoOrder) {
          const { terms, count: times } = typos[list]!;
          for (const t of terms) fuzzyTerms.set(t, (fuzzyTerms.get(t) ?? 0) + times);
        }
      }
      let foundExact = false;
      for (let j = 0; j < best.length && !foundExact; j++) if (best.exact[j]) foundExact = true;
      perConcept.push({ length: best.length, fuzzyTerms, foundExact });
      // Concept k added to the products' combination. The first concept's products take the places in the order met
      // as they are (in order, no lookup); a product's place is looked up by product only when more concepts follow.
      this.#reserveLists(docs, (count + best.length) * K);
      const bit = 1 << (k & 31);
      const word = k >>> 5;
      const { stamp, slot, doc: slotDoc, score, matched, matchedMask, exactMask, lists: slotLists } = docs;
      const more = k + 1 < K;
      for (let j = 0; j < best.length; j++) {
        const doc = best.order[j];
        let at: number;
        if (k === 0 || stamp[doc] !== generation) {
          at = count++;
          if (more) {
            stamp[doc] = generation;
            slot[doc] = at;
          }
          slotDoc[at] = doc;
          score[at] = 0;
          matched[at] = 0;
          for (let w = 0; w < words; w++) {
            matchedMask[at * words + w] = 0;
            exactMask[at * words + w] = 0;
          }
        } else at = slot[doc];
        score[at] += best.score[j];
        matched[at]++;
        matchedMask[at * words + word] |= bit;
        if (best.exact[j]) exactMask[at * words + word] |= bit;
        slotLists[at * K + k] = best.list[j];
      }
    }
    const has = (mask: Uint32Array, at: number, k: number) => (mask[at * words + (k >>> 5)] & (1 << (k & 31))) !== 0;
    const parts = understood.parts;
    // Without a category tree the catalog's words cannot tell a kind of thing it lacks from one it does not name
    // (bare titles never say "clothing"): then a partial match need not have the head.
    const kinds = this.vocabulary.categoryWords.size > 0;
    // Each part's concepts as a bit mask (`words` per part): a product matches the part when it has them all.
    const maskOf = (ks: number[]) => {
      const m = new Uint32Array(words);
      for (const k of ks) m[k >>> 5] |= 1 << (k & 31);
      return m;
    };
    const partMasks = parts.map((p) => maskOf(p.concepts));
    const { matchedMask, exactMask } = docs;
    const isComplete = (at: number) => {
      for (let i = 0; i < partMasks.length; i++) {
        const m = partMasks[i];
        let all = true;
        for (let w = 0; w < words && all; w++) if ((matchedMask[at * words + w] & m[w]) !== m[w]) all = false;
        if (all) return true;
      }
      return false;
    };
    // Words no product has ("hot BEVERAGE cup") cannot be matched: a partial match needs most of the others.
    // Computed once per concept (not per product: that was quadratic in the number of matches).
    const found = (k: number) => perConcept[k].foundExact;
    const presentOf = parts.map((p) => p.concepts.filter(found));
    const presentMasks = presentOf.map(maskOf);
    const needOf = presentOf.map((present) => partialNeed(present.length));
    const isPartial = (at: number) => {
      for (let i = 0; i < parts.length; i++) {
        if (!presentOf[i].length) continue;
        let exact = 0;
        const m = presentMasks[i];
        for (let w = 0; w < words; w++) exact += bitCount(exactMask[at * words + w] & m[w]);
        const head = parts[i].head;
        if (exact >= needOf[i] && (head === null || !kinds || has(exactMask, at, head))) return true;
      }
      return false;
    };
    // The complete matches, best first (ties in the order met), then, when they are few, the partial ones.
    const picked = this.#picked(count);
    const pick = (want: (at: number) => boolean, into: number) => {
      let m = 0;
      for (let at = 0; at < count; at++) if (want(at)) picked.slots[m++] = at;
      for (let i = 0; i < m; i++) picked.scores[i] = docs.score[picked.slots[i]] * docs.matched[picked.slots[i]];
      const order = descendingOrder(picked.scores, m, this.#index.orderScratch);
      for (let r = 0; r < m; r++) {
        picked.chosen[into + r] = picked.slots[order[r]];
        picked.chosenScores[into + r] = picked.scores[order[r]];
      }
      return m;
    };
    const complete = pick(isComplete, 0);
    let chosen = complete;
    if (complete < PARTIAL_BELOW) {
      // The few complete ones (slots in ascending order, as pick met them): passed over by a pointer, not tested again
      // (pick asks in ascending order, once each; a broad word with no complete match has ~50,000 to test).
      const completeSlots = picked.slots.slice(0, complete);
      let next = 0;
      chosen += pick((at) => {
        if (next < completeSlots.length && completeSlots[next] === at) {
          next++;
          return false;
        }
        return isPartial(at);
      }, complete);
    }
    const total = Math.min(chosen, limit);
    // With `reuse`, the result's arrays are this index's own, overwritten by the next search (hybrid search reads them
    // before it searches again): a broad query's 50,000 hits cost no new megabyte each time.
    const hitDocs = reuse ? picked.hitDocs.subarray(0, total) : new Uint32Array(total);
    const hitScores = reuse ? picked.chosenScores.subarray(0, total) : picked.chosenScores.slice(0, total);
    for (let i = 0; i < total; i++) hitDocs[i] = docs.doc[picked.chosen[i]];
    // Each hit's best list of matched terms per concept (-1: not matched), for its terms. With `reuse` they are read
    // when asked for from this search's own arrays (hybrid search asks for the few it shows, not a broad query's
    // 50,000); else copied, kept with the result.
    let listOf: (i: number, k: number) => number;
    if (reuse) {
      const { chosen } = picked;
      const slotLists = docs.lists;
      listOf = (i, k) => (has(matchedMask, chosen[i], k) ? slotLists[chosen[i] * K + k] : -1);
    } else {
      const hitLists = new Int32Array(total * K);
      for (let i = 0; i < total; i++) {
        const at = picked.chosen[i];
        for (let k = 0; k < K; k++) hitLists[i * K + k] = has(matchedMask, at, k) ? docs.lists[at * K + k] : -1;
      }
      listOf = (i, k) => hitLists[i * K + k];
    }
    // A concept that only typo corrections matched: the catalog word it matched most often.
    const corrections: LexicalResult['corrections'] = [];
    perConcept.forEach(({ length, fuzzyTerms, foundExact }, k) => {
      if (!length || foundExact || !fuzzyTerms.size) return;
      const to = [...fuzzyTerms].sort((a, b) => b[1] - a[1])[0][0];
      corrections.push({ from: concepts[k].text, to });
    });
    const supported = parts.some((p) => (p.head !== null ? found(p.head) : p.concepts.some(found)));
    this.#release(docs);
    return new LexicalMatches(this.#products, lists, hitDocs, hitScores, complete, K, listOf, corrections, supported);
  }

  /** The per-product arrays of one concept (shared by the concepts, one after the other; a fresh stamp each). */
  #scratch(): ConceptMatches {
    const n = this.#products.length;
    let s = this.#concept;
    if (!s) this.#concept = s = { generation: 0, length: 0, placed: false, stamp: new Uint32Array(n), place: new Uint32Array(n), order: new Uint32Array(n), score: new Float64Array(n), list: new Int32Array(n), exact: new Uint8Array(n) };
    s.length = 0;
    s.placed = false;
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
      c = this.#docs = { generation: c?.generation ?? 0, stamp: c?.stamp ?? new Uint32Array(n), slot: c?.slot ?? new Uint32Array(n), doc: c?.doc ?? new Uint32Array(n), score: c?.score ?? new Float64Array(n), matched: c?.matched ?? new Uint32Array(n), matchedMask: new Uint32Array(n * words), exactMask: new Uint32Array(n * words), lists: c?.lists ?? new Int32Array(0) };
    }
    if (++c.generation === 0xffffffff) {
      c.stamp.fill(0);
      c.generation = 1;
    }
    return c;
  }

  /** Room for `size` lists of matched terms (one per product met and concept). */
  #reserveLists(c: CombinedMatches, size: number): void {
    if (c.lists.length >= size) return;
    const grown = new Int32Array(Math.max(size, 2 * c.lists.length));
    grown.set(c.lists);
    c.lists = grown;
  }

  /**
   * After a query: the arrays a long query made larger than a two-concept query at most needs are let go (a sentence's
   * ten concepts would otherwise keep megabytes for the index's life).
   */
  #release(c: CombinedMatches): void {
    const n = this.#products.length;
    if (c.lists.length > 2 * n) c.lists = new Int32Array(0);
    if (c.matchedMask.length > n) {
      c.matchedMask = new Uint32Array(n);
      c.exactMask = new Uint32Array(n);
    }
  }

  /** Scratch for choosing and ordering the matches: room for `count`. */
  #picked(count: number): PickScratch {
    let p = this.#pick;
    if (!p || p.slots.length < count) {
      const size = Math.min(this.#products.length, Math.max(count, 2 * (p?.slots.length ?? 0)));
      this.#pick = p = { slots: new Uint32Array(size), scores: new Float64Array(size), chosen: new Uint32Array(size), chosenScores: new Float64Array(size), hitDocs: new Uint32Array(size) };
    }
    return p;
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

/**
 * A concept's best match per product, by place in the order met: `order` the products, `score`, `list` and `exact`
 * theirs; `place[doc]` (where `stamp[doc]` is this query's) a product's place, once `placed`.
 */
interface ConceptMatches {
  generation: number;
  length: number;
  placed: boolean;
  stamp: Uint32Array;
  place: Uint32Array;
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
  /** By place × concept: the product's best list of matched terms for that concept (read only where it matched). */
  lists: Int32Array;
}

/** The matches chosen (places in CombinedMatches) and their scores, before and after ordering. */
interface PickScratch {
  slots: Uint32Array;
  scores: Float64Array;
  chosen: Uint32Array;
  chosenScores: Float64Array;
  /** A reused result's products (see search's `reuse`). */
  hitDocs: Uint32Array;
}

/** The number of bits set in a 32-bit word. */
function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** A lexical search's result; `hits` (with each one's matched terms) is made when first read. */
export class LexicalMatches implements LexicalResult {
  readonly #products: readonly Product[];
  readonly #lists: TermLists;
  /** Hit i's list of matched terms for concept k (-1: not matched). */
  readonly #listOf: (i: number, k: number) => number;
  #hits: LexicalHit[] | null = null;

  constructor(
    products: readonly Product[],
    lists: TermLists,
    readonly docs: Uint32Array,
    readonly scores: Float64Array,
    readonly complete: number,
    readonly concepts: number,
    listOf: (i: number, k: number) => number,
    readonly corrections: Array<{ from: string; to: string }>,
    readonly supported: boolean,
  ) {
    this.#products = products;
    this.#lists = lists;
    this.#listOf = listOf;
  }

  /** Hit i's matched document terms: each concept's, in the order of the concepts. */
  terms(i: number): string[] {
    const out = new Set<string>();
    for (let k = 0; k < this.concepts; k++) {
      const list = this.#listOf(i, k);
      if (list >= 0) for (const t of this.#lists.terms(list)) out.add(t);
    }
    return [...out];
  }

  get hits(): LexicalHit[] {
    if (!this.#hits) this.#hits = Array.from(this.docs, (doc, i) => ({ id: this.#products[doc].id, score: this.scores[i], terms: this.terms(i), complete: i < this.complete }));
    return this.#hits;
  }
}

/** Whether any filter is set (none: every product passes). */
export function hasFilters({ category, brands, minPrice, maxPrice, inStockOnly }: SearchFilters): boolean {
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
