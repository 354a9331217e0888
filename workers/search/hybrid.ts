/**
 * Hybrid search: lexical (MiniSearch, typo tolerant) and semantic (sentence embeddings) candidates fused by
 * reciprocal rank, then optionally re-ranked by the shopper's interests. Honest: a product is a result only when it
 * matches the query's words (every concept, or enough of them when few products match them all) or is close to its
 * meaning (over the floors below); filters then narrow that one set, so a facet's count is what clicking it shows.
 * Pure: the worker and the benchmark call it.
 */
import type { Product } from '../../src/shared/catalog/types.ts';
import { groupKey } from '../../src/shared/catalog/variants.ts';
import type { SearchFilters, SearchHit } from '../../src/shared/search.ts';
import type { CatalogVocabulary, PriceConstraint, QueryUnderstanding } from '../../src/shared/text/query.ts';
import { stem } from '../../src/shared/text/tokenize.ts';
import { hasFilters, matchesFilters, type LexicalIndex, type LexicalResult } from './lexical.ts';
import type { SemanticIndex } from './semantic.ts';

/**
 * Semantic matches below this cosine similarity are never results. Chosen by hand: the encoder's card reports good
 * matches at about 0.7–0.9 and unrelated ones at 0.4–0.6; the query floor and the gap below do the rest.
 */
export const MIN_SEMANTIC_SCORE = 0.35;
/**
 * Search by meaning takes part only when the query's best match reaches this cosine similarity: below it the encoder
 * has nothing close ("kitchen storage" over the demo catalog: boots at 0.41). Calibrated by `npm run bench:search` on
 * the tuning halves of its query sets (not on their holdout halves, nor on the encoder's held-out queries): of the
 * floors 0.30 to 0.65 it tries, the one that finds the most of the real queries' products (Chinese, English twins,
 * paraphrases) while keeping out as many nothing-to-find queries as the highest floor does, less one. It prints the
 * table and the floor that rule picks.
 */
export const SEMANTIC_QUERY_FLOOR = 0.45;
/**
 * Semantic matches more than this far (in cosine) below the query's best match are dropped too: they padded result
 * counts and facets with unrelated products ("wristwatch" found pet supplies). `npm run bench:search` prints what it
 * keeps of the relevant products that semantic search ranks in its top 10 on the encoder's held-out queries.
 */
export const MAX_SEMANTIC_GAP = 0.3;
/**
 * The kinds of thing a query wants are the top-level categories of the products that match all its words, when at
 * least this many do ("analog watch for men": watches); else those its head names in the category tree ("hot beverage
 * cup": Kitchen & Dining, through "mug"); else those that hold at least two of the ten best matches by meaning. Products found only by meaning, or matching only some of the words, must be of one of these kinds: men's
 * shirts close in meaning to "analog watch for men", or track pants for "something to keep track of time on my
 * wrist", are padding.
 */
export const COHERENT_FROM = 3;
/** How strongly interests can lift a result: ×(1 + PERSONAL_WEIGHT · affinity), affinity in [0, 1]. */
export const PERSONAL_WEIGHT = 0.5;

export interface HybridInput {
  /** What the query asks for (src/shared/text/query.ts), or plain words. */
  query: string | QueryUnderstanding;
  filters: SearchFilters;
  vector?: Float32Array;
  /** Affinity of the shopper for a product, 0..1, or null for no personal re-ranking. */
  affinity?: ((p: Product) => number) | null;
  /** Products the shopper dismissed: never shown. */
  excluded?: (p: Product) => boolean;
  /** Overrides MAX_SEMANTIC_GAP (the benchmark compares it side by side with no cutoff). */
  maxSemanticGap?: number;
  /** Overrides SEMANTIC_QUERY_FLOOR (the benchmark's calibration). */
  semanticFloor?: number;
}

/**
 * Whether search by meaning took part, and if not, why not: its best match was under the floor, or the catalog has
 * nothing the query names (`unsupported`: no product matches its head, or any of its words, by the words or their
 * translations; "flight tickets", "coffee BEANS", "electric KETTLE" get confident but unrelated meaning matches).
 */
export type SemanticOutcome = { state: 'used' | 'below-floor' | 'unsupported'; best: number } | { state: 'absent'; best: null };

export interface HybridResult {
  /** The results, best first, with the filters applied: the first `limit` of them. */
  hits: SearchHit[];
  /** How many results pass the filters (variants once): `hits` is the first of them. */
  total: number;
  /** Whether any result that passes the filters was found by its words. */
  lexicalFound: boolean;
  /**
   * The results without the filters (variants once, each group by its best-ranked member), as positions in
   * `products`, the best-ranked first, the others in no particular order: the facets count over them.
   */
  unfiltered: Uint32Array;
  semantic: SemanticOutcome;
  lexical: Pick<LexicalResult, 'complete' | 'concepts' | 'corrections' | 'supported'>;
}

/** What hybrid search reads per product, made once per products array: its kind and variant group as numbers. */
interface CatalogKeys {
  /** Top-level category id of each product (its `categoryPath[0]`, '' when none), and the ids' names. */
  kind: Int32Array;
  kindNames: string[];
  kindId: Map<string, number>;
  /** Variant group id of each product (its groupKey). */
  group: Int32Array;
  groups: number;
  /** Per-query scratch by product (reused, told apart by a stamp). */
  stamp: Uint32Array;
  generation: number;
  fused: Float64Array;
  /** Bit 1: found by its words; bit 2: by meaning; bit 4: matches every word. */
  via: Uint8Array;
  /** Its position in the lexical result (for its matched terms). */
  lexAt: Int32Array;
  /** Per group: the best-ranked member, unfiltered and passing the filters (-1: none yet), and the stamps. */
  groupStamp: Uint32Array;
  groupBest: Int32Array;
  groupBestFiltered: Int32Array;
  /** Per-query lists of products (or lexical positions), room for every product: reused. */
  lex: Uint32Array;
  candidates: Uint32Array;
  unfiltered: Uint32Array;
  filtered: Uint32Array;
}

const catalogKeys = new WeakMap<readonly Product[], CatalogKeys>();

function keysOf(products: readonly Product[]): CatalogKeys {
  let keys = catalogKeys.get(products);
  if (!keys) {
    const n = products.length;
    const kindId = new Map<string, number>();
    const kindNames: string[] = [];
    const groupId = new Map<string, number>();
    const kind = new Int32Array(n);
    const group = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const k = products[i].categoryPath[0] ?? '';
      let id = kindId.get(k);
      if (id === undefined) {
        kindId.set(k, (id = kindNames.length));
        kindNames.push(k);
      }
      kind[i] = id;
      const g = groupKey(products[i]);
      let gid = groupId.get(g);
      if (gid === undefined) groupId.set(g, (gid = groupId.size));
      group[i] = gid;
    }
    const groups = groupId.size;
    keys = { kind, kindNames, kindId, group, groups, stamp: new Uint32Array(n), generation: 0, fused: new Float64Array(n), via: new Uint8Array(n), lexAt: new Int32Array(n), groupStamp: new Uint32Array(groups), groupBest: new Int32Array(groups), groupBestFiltered: new Int32Array(groups), lex: new Uint32Array(n), candidates: new Uint32Array(n), unfiltered: new Uint32Array(n), filtered: new Uint32Array(n) };
    catalogKeys.set(products, keys);
  }
  if (++keys.generation === 0xffffffff) {
    keys.stamp.fill(0);
    keys.groupStamp.fill(0);
    keys.generation = 1;
  }
  return keys;
}

const LEX = 1;
const SEM = 2;
const COMPLETE = 4;

/**
 * At 100,000 products a broad query has tens of thousands of results: they are fused and ranked in arrays indexed by
 * product, each variant group keeps its best-ranked member in one pass, and only the first `limit` results are
 * ordered (a heap) and made into hits; the count and the facets read every result.
 */
export function hybridSearch(products: Product[], lexical: LexicalIndex, semantic: SemanticIndex | null, input: HybridInput, limit = Infinity): HybridResult {
  const keys = keysOf(products);
  const { kind, generation, stamp, fused, via, lexAt } = keys;
  // The lexical and semantic results' arrays are their indexes' own (reuse): read here, before the next search.
  const lexResult = lexical.search(input.query, {}, Infinity, true);
  const lexInfo = { complete: lexResult.complete, concepts: lexResult.concepts, corrections: lexResult.corrections, supported: lexResult.supported };
  // The lexical hits that were not dismissed (positions in lexResult), complete ones first as they come.
  const lexAll = keys.lex;
  let lexLength = 0;
  for (let i = 0; i < lexResult.docs.length; i++) if (!input.excluded?.(products[lexResult.docs[i]])) lexAll[lexLength++] = i;
  const lex = lexAll.subarray(0, lexLength);
  const isComplete = (i: number) => i < lexResult.complete;

  let outcome: SemanticOutcome = { state: 'absent', best: null };
  let sem: Uint32Array = new Uint32Array(0);
  if (semantic && input.vector && semantic.coverage > 0) {
    const gap = input.maxSemanticGap ?? MAX_SEMANTIC_GAP;
    const closest = semantic.closestIndices(input.vector, MIN_SEMANTIC_SCORE, gap, input.excluded ? (i) => !input.excluded!(products[i]) : undefined, true);
    const best = closest.best ?? -1;
    // The support rule needs a category tree, like the lexical head rule: bare titles never name kinds of things.
    if (!lexInfo.supported && lexical.vocabulary.categoryWords.size > 0) outcome = { state: 'unsupported', best };
    else if (best < (input.semanticFloor ?? SEMANTIC_QUERY_FLOOR)) outcome = { state: 'below-floor', best };
    else {
      outcome = { state: 'used', best };
      sem = closest.indices;
    }
  }
  let completeCount = 0;
  for (const i of lex) if (isComplete(i)) completeCount++;
  // The kinds of thing wanted, by top-level category id (null: any).
  let kinds: Uint8Array | null = null;
  const named = typeof input.query === 'string' ? null : namedKinds(input.query, lexical.vocabulary);
  if (completeCount >= COHERENT_FROM) {
    kinds = new Uint8Array(keys.kindNames.length);
    for (const i of lex) if (isComplete(i)) kinds[kind[lexResult.docs[i]]] = 1;
  } else if (named?.size) {
    kinds = new Uint8Array(keys.kindNames.length);
    for (const k of named) if (keys.kindId.has(k)) kinds[keys.kindId.get(k)!] = 1;
  } else if (sem.length) {
    const counts = new Map<number, number>();
    for (const doc of sem.subarray(0, 10)) counts.set(kind[doc], (counts.get(kind[doc]) ?? 0) + 1);
    kinds = new Uint8Array(keys.kindNames.length);
    for (const [k, n] of counts) if (n >= 2) kinds[k] = 1;
    if (!kinds.includes(1)) kinds = null;
  }

  // Which products are complete lexical matches (the dismissed left out), for the kinds rule and the ranking; then
  // reciprocal rank fusion (k = 60), as reciprocalRankFusion adds it up: the lexical list, then the semantic one. The
  // lexical list is kept to the kinds and fused in the same pass (at 100,000 products a broad query has ~50,000).
  const candidateList = keys.candidates;
  let candidateCount = 0;
  // `keep`: the kinds, their products already stamped; null: every one kept, stamped here.
  const fuseLexical = (keep: Uint8Array | null) => {
    let rank = 0;
    for (let r = 0; r < lex.length; r++) {
      const i = lex[r];
      const doc = lexResult.docs[i];
      if (keep) {
        if (!isComplete(i) && keep[kind[doc]] !== 1) continue;
        via[doc] |= LEX;
      } else {
        stamp[doc] = generation;
        via[doc] = isComplete(i) ? COMPLETE | LEX : LEX;
      }
      fused[doc] = 0 + 1 / (RRF_K + rank + 1);
      lexAt[doc] = i;
      candidateList[candidateCount++] = doc;
      rank++;
    }
  };
  if (kinds) {
    for (const i of lex) {
      const doc = lexResult.docs[i];
      stamp[doc] = generation;
      via[doc] = isComplete(i) ? COMPLETE : 0;
      fused[doc] = 0;
    }
    const k = kinds;
    let keptSem = 0;
    for (let r = 0; r < sem.length; r++) {
      const doc = sem[r];
      if ((stamp[doc] === generation && (via[doc] & COMPLETE) !== 0) || k[kind[doc]] === 1) sem[keptSem++] = doc;
    }
    sem = sem.subarray(0, keptSem);
    fuseLexical(k);
  } else fuseLexical(null);
  for (let rank = 0; rank < sem.length; rank++) {
    const doc = sem[rank];
    if (stamp[doc] !== generation) {
      stamp[doc] = generation;
      via[doc] = 0;
      fused[doc] = 0;
    }
    if (!(via[doc] & LEX)) candidateList[candidateCount++] = doc;
    fused[doc] = fused[doc] + 1 / (RRF_K + rank + 1);
    via[doc] |= SEM;
  }
  const candidates = candidateList.subarray(0, candidateCount);
  if (input.affinity) for (const doc of candidates) fused[doc] = fused[doc] * (1 + PERSONAL_WEIGHT * input.affinity(products[doc]));
  // Products that match every word of the query come first: the words have said what is wanted, and meaning alone
  // ("女士手表": men's watches close to "lady wrist watch") ranks after them; then by score, then in catalog order.
  const before = (a: number, b: number) => {
    const ta = via[a] & COMPLETE && via[a] & LEX ? 0 : 1;
    const tb = via[b] & COMPLETE && via[b] & LEX ? 0 : 1;
    return ta !== tb ? ta < tb : fused[a] !== fused[b] ? fused[a] > fused[b] : a < b;
  };
  // Variants of one product are one result (its best-ranked variant that passes the filters); counts count results.
  const { group, groupStamp, groupBest, groupBestFiltered } = keys;
  const brandSet = input.filters.brands?.length ? new Set(input.filters.brands) : null;
  const filtering = hasFilters(input.filters);
  for (let c = 0; c < candidates.length; c++) {
    const doc = candidates[c];
    const g = group[doc];
    if (groupStamp[g] !== generation) {
      groupStamp[g] = generation;
      groupBest[g] = -1;
      groupBestFiltered[g] = -1;
    }
    if (groupBest[g] < 0 || before(doc, groupBest[g])) groupBest[g] = doc;
    // Without filters the best that passes them is the best (the same comparisons): not worked out twice.
    if (filtering && (groupBestFiltered[g] < 0 || before(doc, groupBestFiltered[g])) && matchesFilters(products[doc], input.filters, brandSet)) groupBestFiltered[g] = doc;
  }
  const unfiltered = keys.unfiltered;
  const filtered = filtering ? keys.filtered : unfiltered;
  let unfilteredCount = 0;
  let filteredCount = 0;
  let lexicalFound = false;
  for (let c = 0; c < candidates.length; c++) {
    const doc = candidates[c];
    const g = group[doc];
    if (groupBest[g] === doc) {
      unfiltered[unfilteredCount++] = doc;
      if (!filtering && via[doc] & LEX) lexicalFound = true;
    }
    if (filtering && groupBestFiltered[g] === doc) {
      filtered[filteredCount++] = doc;
      if (via[doc] & LEX) lexicalFound = true;
    }
  }
  if (!filtering) filteredCount = unfilteredCount;
  // The best-ranked first (the price bands are labelled in the first result's currency, as when they were ranked).
  let first = 0;
  for (let i = 1; i < unfilteredCount; i++) if (before(unfiltered[i], unfiltered[first])) first = i;
  if (first) [unfiltered[0], unfiltered[first]] = [unfiltered[first], unfiltered[0]];
  const top = firstOf(filtered.subarray(0, filteredCount), limit, before);
  const hits: SearchHit[] = top.map((doc) => {
    const v: SearchHit['via'] = [];
    if (via[doc] & LEX) v.push('lexical');
    if (via[doc] & SEM) v.push('semantic');
    return { itemId: products[doc].id, score: fused[doc], terms: via[doc] & LEX ? lexResult.terms(lexAt[doc]) : [], via: v };
  });
  return { hits, total: filteredCount, lexicalFound, unfiltered: unfiltered.slice(0, unfilteredCount), semantic: outcome, lexical: lexInfo };
}

const RRF_K = 60;

/**
 * The first `limit` of `items` in the order `before` gives, in that order: all of them sorted when that is most of
 * them, else through a heap of `limit` (the worst of the kept on top), so that tens of thousands are never sorted.
 */
function firstOf(items: ArrayLike<number> & Iterable<number>, limit: number, before: (a: number, b: number) => boolean): number[] {
  const cmp = (a: number, b: number) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  if (limit >= items.length / 4) return [...items].sort(cmp).slice(0, limit);
  const heap: number[] = [];
  const worse = (a: number, b: number) => before(b, a);
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (const x of items) {
    if (heap.length < limit) {
      heap.push(x);
      up(heap.length - 1);
    } else if (limit > 0 && before(x, heap[0])) {
      heap[0] = x;
      down(0);
    }
  }
  return heap.sort(cmp);
}

/**
 * The top-level categories whose category names use a word of the head of the query (or of its translations and
 * synonyms: "cup" → mug, for "Kitchen & Dining > Coffee Mugs"): the kinds of thing the query names.
 */
function namedKinds(u: QueryUnderstanding, vocabulary: CatalogVocabulary): Set<string> {
  const words = new Set<string>();
  for (const part of u.parts) {
    if (part.head === null) continue;
    for (const a of u.concepts[part.head].alternatives) if (a.via !== 'typed' || !a.fuzzy) for (const w of a.words) if (vocabulary.categoryWords.has(stem(w))) words.add(stem(w));
  }
  const kinds = new Set<string>();
  for (const c of vocabulary.categories) if (c.path.length && c.words.some((w) => words.has(w))) kinds.add(c.path[0]);
  return kinds;
}

/**
 * The filters with the query's own price words applied ("手表 2000元以内": at most 2,000), unless the shopper set a
 * price filter, which wins. The query's bounds are inclusive; a filter's upper bound is exclusive (like the price
 * facets), so it is moved up by a hundredth (prices have at most two decimals).
 */
export function withQueryPrice(filters: SearchFilters, price: PriceConstraint | null): SearchFilters {
  if (!price || filters.minPrice !== undefined || filters.maxPrice !== undefined) return filters;
  return { ...filters, minPrice: price.min, maxPrice: price.max === undefined ? undefined : price.max + 0.01 };
}
