/**
 * Hybrid search: lexical (MiniSearch, typo tolerant) and semantic (sentence embeddings) candidates fused by
 * reciprocal rank, then optionally re-ranked by the shopper's interests. Pure: the worker and the benchmark call it.
 */
import type { Product } from '../../src/shared/catalog/types.ts';
import type { SearchFilters, SearchHit } from '../../src/shared/search.ts';
import { matchesFilters, type LexicalIndex } from './lexical.ts';
import { reciprocalRankFusion, type SemanticIndex } from './semantic.ts';

/** Candidates taken from each retriever before fusion. */
export const CANDIDATES = 200;
/**
 * Semantic matches below this cosine similarity are dropped. Chosen by hand, not tuned: the encoder's card reports
 * good matches at about 0.7–0.9 and unrelated ones at 0.4–0.6, so this floor removes only the clearly unrelated; the
 * gap cutoff below does the rest.
 */
export const MIN_SEMANTIC_SCORE = 0.35;
/**
 * Semantic matches more than this far (in cosine) below the query's best match are dropped too: they padded result
 * counts and facets with unrelated products ("wristwatch" found pet supplies). `npm run bench:search` prints what it
 * keeps of the relevant products that semantic search ranks in its top 10 on the encoder's held-out queries: 0.993–0.994
 * at 0.3, 0.984–0.986 at 0.25.
 */
export const MAX_SEMANTIC_GAP = 0.3;
/** How strongly interests can lift a result: ×(1 + PERSONAL_WEIGHT · affinity), affinity in [0, 1]. */
export const PERSONAL_WEIGHT = 0.5;

export interface HybridInput {
  query: string;
  filters: SearchFilters;
  vector?: Float32Array;
  /** Affinity of the shopper for a product, 0..1, or null for no personal re-ranking. */
  affinity?: ((p: Product) => number) | null;
  /** Products the shopper dismissed: never shown. */
  excluded?: (p: Product) => boolean;
  /** Overrides MAX_SEMANTIC_GAP (the benchmark compares it side by side with no cutoff). */
  maxSemanticGap?: number;
}

/** Position of each product id, per products array (built once, not per query). */
const positions = new WeakMap<Product[], Map<string, number>>();

export function hybridSearch(products: Product[], lexical: LexicalIndex, semantic: SemanticIndex | null, input: HybridInput): SearchHit[] {
  let indexOf = positions.get(products);
  if (!indexOf) positions.set(products, (indexOf = new Map(products.map((p, i) => [p.id, i]))));
  const productOf = (id: string): Product => products[indexOf.get(id)!];
  const allowed = (p: Product) => matchesFilters(p, input.filters) && !input.excluded?.(p);
  const lex = lexical.search(input.query, input.filters, CANDIDATES).filter((h) => !input.excluded?.(productOf(h.id)));
  const semAll = semantic && input.vector ? semantic.search(input.vector, CANDIDATES, MIN_SEMANTIC_SCORE, (i) => allowed(products[i])) : [];
  const sem = semAll.filter((h) => h.score >= semAll[0].score - (input.maxSemanticGap ?? MAX_SEMANTIC_GAP));

  const lexIds = lex.map((h) => h.id);
  const semIds = sem.map((h) => products[h.index].id);
  const fused = reciprocalRankFusion([lexIds, semIds]);
  const terms = new Map(lex.map((h) => [h.id, h.terms]));
  const inLex = new Set(lexIds);
  const inSem = new Set(semIds);

  const hits: SearchHit[] = [];
  for (const [id, score] of fused) {
    const p = productOf(id);
    const boost = input.affinity ? 1 + PERSONAL_WEIGHT * input.affinity(p) : 1;
    const via: SearchHit['via'] = [];
    if (inLex.has(id)) via.push('lexical');
    if (inSem.has(id)) via.push('semantic');
    hits.push({ itemId: id, score: score * boost, terms: terms.get(id) ?? [], via });
  }
  hits.sort((a, b) => b.score - a.score || indexOf.get(a.itemId)! - indexOf.get(b.itemId)!);
  return hits;
}
