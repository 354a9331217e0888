/**
 * Hybrid search: lexical (MiniSearch, typo tolerant) and semantic (sentence embeddings) candidates fused by
 * reciprocal rank, then optionally re-ranked by the shopper's interests. Honest: a product is a result only when it
 * matches the query's words (every concept, or enough of them when few products match them all) or is close to its
 * meaning (over the floors below); filters then narrow that one set, so a facet's count is what clicking it shows.
 * Pure: the worker and the benchmark call it.
 */
import type { Product } from '../../src/shared/catalog/types.ts';
import { onePerGroup } from '../../src/shared/catalog/variants.ts';
import type { SearchFilters, SearchHit } from '../../src/shared/search.ts';
import type { CatalogVocabulary, PriceConstraint, QueryUnderstanding } from '../../src/shared/text/query.ts';
import { stem } from '../../src/shared/text/tokenize.ts';
import { matchesFilters, type LexicalIndex, type LexicalResult } from './lexical.ts';
import { reciprocalRankFusion, type SemanticIndex } from './semantic.ts';

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
  /** The results, best first, with the filters applied. */
  hits: SearchHit[];
  /** The same results without the filters (facets count over them). */
  unfiltered: SearchHit[];
  semantic: SemanticOutcome;
  lexical: Omit<LexicalResult, 'hits'>;
}

/** Position of each product id, per products array (built once, not per query). */
const positions = new WeakMap<Product[], Map<string, number>>();

export function hybridSearch(products: Product[], lexical: LexicalIndex, semantic: SemanticIndex | null, input: HybridInput): HybridResult {
  let indexOf = positions.get(products);
  if (!indexOf) positions.set(products, (indexOf = new Map(products.map((p, i) => [p.id, i]))));
  const productOf = (id: string): Product => products[indexOf.get(id)!];
  const { hits: lexHits, ...lexInfo } = lexical.search(input.query);
  let lex = lexHits.filter((h) => !input.excluded?.(productOf(h.id)));
  const kindOf = (id: string) => productOf(id).categoryPath[0] ?? '';

  let outcome: SemanticOutcome = { state: 'absent', best: null };
  let sem: Array<{ index: number; score: number }> = [];
  if (semantic && input.vector && semantic.coverage > 0) {
    const gap = input.maxSemanticGap ?? MAX_SEMANTIC_GAP;
    const closest = semantic.closest(input.vector, MIN_SEMANTIC_SCORE, gap, input.excluded ? (i) => !input.excluded!(products[i]) : undefined);
    const best = closest.best ?? -1;
    // The support rule needs a category tree, like the lexical head rule: bare titles never name kinds of things.
    if (!lexInfo.supported && lexical.vocabulary.categoryWords.size > 0) outcome = { state: 'unsupported', best };
    else if (best < (input.semanticFloor ?? SEMANTIC_QUERY_FLOOR)) outcome = { state: 'below-floor', best };
    else {
      outcome = { state: 'used', best };
      sem = closest.hits;
    }
  }
  const complete = lex.filter((h) => h.complete);
  let kinds: Set<string> | null = null;
  const named = typeof input.query === 'string' ? null : namedKinds(input.query, lexical.vocabulary);
  if (complete.length >= COHERENT_FROM) kinds = new Set(complete.map((h) => kindOf(h.id)));
  else if (named?.size) kinds = named;
  else if (sem.length) {
    const counts = new Map<string, number>();
    for (const h of sem.slice(0, 10)) counts.set(kindOf(products[h.index].id), (counts.get(kindOf(products[h.index].id)) ?? 0) + 1);
    kinds = new Set([...counts].filter(([, n]) => n >= 2).map(([k]) => k));
  }
  if (kinds?.size) {
    const completeIds = new Set(complete.map((h) => h.id));
    sem = sem.filter((h) => completeIds.has(products[h.index].id) || kinds.has(kindOf(products[h.index].id)));
    lex = lex.filter((h) => h.complete || kinds.has(kindOf(h.id)));
  }

  const lexIds = lex.map((h) => h.id);
  const semIds = sem.map((h) => products[h.index].id);
  const fused = reciprocalRankFusion([lexIds, semIds]);
  const terms = new Map(lex.map((h) => [h.id, h.terms]));
  const inLex = new Set(lexIds);
  const inSem = new Set(semIds);

  const unfiltered: SearchHit[] = [];
  for (const [id, score] of fused) {
    const p = productOf(id);
    const boost = input.affinity ? 1 + PERSONAL_WEIGHT * input.affinity(p) : 1;
    const via: SearchHit['via'] = [];
    if (inLex.has(id)) via.push('lexical');
    if (inSem.has(id)) via.push('semantic');
    unfiltered.push({ itemId: id, score: score * boost, terms: terms.get(id) ?? [], via });
  }
  // Products that match every word of the query come first: the words have said what is wanted, and meaning alone
  // ("女士手表": men's watches close to "lady wrist watch") ranks after them.
  const completeIds = new Set(lex.filter((h) => h.complete).map((h) => h.id));
  // The sort keys are read once per hit, not once per comparison (at 100,000 products there are tens of thousands).
  const keyed = unfiltered.map((hit) => ({ hit, tier: completeIds.has(hit.itemId) ? 0 : 1, at: indexOf.get(hit.itemId)! }));
  keyed.sort((a, b) => a.tier - b.tier || b.hit.score - a.hit.score || a.at - b.at);
  for (let k = 0; k < keyed.length; k++) unfiltered[k] = keyed[k].hit;
  const brandSet = input.filters.brands?.length ? new Set(input.filters.brands) : null;
  // Variants of one product are one result (its best-ranked variant that passes the filters); counts count results.
  const once = (list: SearchHit[]) => onePerGroup(list.map((h) => ({ hit: h, id: h.itemId, group: productOf(h.itemId).group }))).map((x) => x.hit);
  const hits = once(unfiltered.filter((h) => matchesFilters(productOf(h.itemId), input.filters, brandSet)));
  return { hits, unfiltered: once(unfiltered), semantic: outcome, lexical: lexInfo };
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
