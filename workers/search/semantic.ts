/**
 * The semantic half of search: product embeddings (from the embeddings cache) in one matrix, ranked by cosine
 * similarity to the query's embedding. Pure.
 */
import { BOUND_SLACK, simdDots, type SimdDots } from './simd-dot.ts';
import { descendingOrder, OrderScratch } from './term-index.ts';

export interface SemanticHit {
  index: number;
  score: number;
}

export class SemanticIndex {
  readonly dim: number;
  /** Row i is the unit vector of product i, or all zeros when it has none yet. */
  readonly #matrix: Float32Array;
  readonly #has: Uint8Array;
  #coverage: number | null = null;
  /** The WebAssembly SIMD kernel over the matrix (null where it cannot run), and per-query scratch. */
  readonly #kernel: SimdDots | null;
  #perRow: Float64Array | undefined;
  #result: { kept: Uint32Array; keptExact: Float64Array; indices: Uint32Array; scores: Float64Array } | undefined;
  #rowNumbers: Uint32Array | undefined;
  readonly #order = new OrderScratch();

  /** `options.simd: false` scores in JavaScript only (what a page that refuses WebAssembly gets; tests compare them). */
  constructor(
    readonly model: string,
    vectors: Array<Float32Array | undefined>,
    options: { simd?: boolean } = {},
  ) {
    const first = vectors.find((v) => v);
    this.dim = first?.length ?? 0;
    this.#kernel = options.simd === false ? null : simdDots(vectors.length, this.dim);
    this.#matrix = this.#kernel?.matrix ?? new Float32Array(vectors.length * this.dim);
    this.#has = new Uint8Array(vectors.length);
    vectors.forEach((v, i) => {
      if (v && v.length === this.dim) {
        this.#matrix.set(v, i * this.dim);
        this.#kernel?.quantise(i);
        this.#has[i] = 1;
      }
    });
  }

  /** Which code scores the rows: the WebAssembly SIMD kernel, or JavaScript (no WebAssembly SIMD, or refused). */
  get kernel(): 'wasm-simd' | 'js' {
    return this.#kernel ? 'wasm-simd' : 'js';
  }

  /** Product i's unit vector, or null when it has none. */
  vector(i: number): Float32Array | null {
    return this.#has[i] ? this.#matrix.subarray(i * this.dim, (i + 1) * this.dim) : null;
  }

  /** How many products have a vector (counted once: every search asks). */
  get coverage(): number {
    if (this.#coverage === null) {
      let n = 0;
      for (const h of this.#has) n += h;
      this.#coverage = n;
    }
    return this.#coverage;
  }

  /**
   * The products within `gap` of the best match that `allow` accepts (and at least `minScore`), best first, and that
   * best match's score (over every product with a vector when none reaches `minScore`; null when none has one). One
   * pass over the matrix, then only the few close ones are sorted: at 100,000 products sorting every match over
   * `minScore` cost more than the dot products.
   */
  closest(query: Float32Array, minScore: number, gap: number, allow?: (index: number) => boolean): { hits: SemanticHit[]; best: number | null } {
    const { indices, scores, best } = this.closestIndices(query, minScore, gap, allow);
    return { hits: Array.from(indices, (index, r) => ({ index, score: scores[r] })), best };
  }

  /**
   * What `closest` finds, as positions in flat arrays: `indices` best first (equal scores in index order). With the
   * SIMD kernel, every row is scored approximately first (8-bit integers, each row within a proven bound of its exact
   * score, simd-dot.ts), and only the rows that can pass (whose bound reaches the floor) are scored exactly, summed as
   * the JavaScript loop sums them: the result is the same as scoring every row exactly.
   */
  closestIndices(query: Float32Array, minScore: number, gap: number, allow?: (index: number) => boolean, reuse = false): { indices: Uint32Array; scores: Float64Array; best: number | null } {
    if (query.length !== this.dim) throw new Error(`The query vector has ${query.length} dimensions; the index has ${this.dim}. Were they made by different models?`);
    const n = this.#has.length;
    const has = this.#has;
    const none = (best: number | null) => ({ indices: new Uint32Array(0), scores: new Float64Array(0), best });
    const kernel = this.#kernel;
    // Row i's score lies in [a − e, a + e]: with the kernel a is the 8-bit approximation and e its bound (worked out
    // in each pass rather than stored: two passes over 100,000 rows cost less than writing two arrays of them); else
    // a is the exact score and e is 0.
    let approx: Float64Array | null = null;
    const coarse = kernel ? kernel.coarseOut : null;
    const { scale, l1 } = kernel ?? { scale: null, l1: null };
    let t = 0;
    let boundScale = 0;
    let boundL1 = 0;
    if (kernel) {
      kernel.coarse(query);
      ({ queryScale: t, boundScale, boundL1 } = kernel);
    } else {
      approx = this.#scratch();
      for (let i = 0; i < n; i++) if (has[i]) approx[i] = this.#dot(i, query);
    }
    // The lowest score the best row that passes can have (the most any row that surely passes is sure of), and the
    // same over every row (for the best score when none passes).
    let surest = -Infinity;
    let surestAny = -Infinity;
    let any = false;
    for (let i = 0; i < n; i++) {
      if (!has[i]) continue;
      any = true;
      const lo = coarse ? coarse[i] * scale![i] * t - (boundScale * scale![i] + boundL1 * l1![i] + BOUND_SLACK) : approx![i];
      if (lo > surestAny) surestAny = lo;
      if (lo >= minScore && lo > surest && (!allow || allow(i))) surest = lo;
    }
    if (!any) return none(null);
    // The rows that can pass the floor: their exact scores (the best one that passes is among them).
    const from = surest === -Infinity ? minScore : Math.max(minScore, surest - gap);
    const rows = kernel ? kernel.rows : this.#rows();
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (!has[i]) continue;
      const hi = coarse ? coarse[i] * scale![i] * t + (boundScale * scale![i] + boundL1 * l1![i] + BOUND_SLACK) : approx![i];
      if (hi >= from && (!allow || allow(i))) rows[count++] = i;
    }
    let exact: ArrayLike<number>;
    if (kernel) {
      kernel.exact(count);
      exact = kernel.exactOut;
    } else exact = approx!;
    const at = (j: number) => (kernel ? j : rows[j]);
    let bestAllowed = -Infinity;
    for (let j = 0; j < count; j++) {
      const s = exact[at(j)];
      if (s >= minScore && s > bestAllowed) bestAllowed = s;
    }
    if (bestAllowed === -Infinity) return none(this.#bestOf(query, surestAny));
    const floor = Math.max(minScore, bestAllowed - gap);
    // With `reuse`, the arrays (and the result's) are this index's own, overwritten by the next call.
    const out = this.#out(reuse ? n : 0);
    const kept = reuse ? out.kept : new Uint32Array(count);
    const keptExact = reuse ? out.keptExact : new Float64Array(count);
    let m = 0;
    for (let j = 0; j < count; j++) {
      const s = exact[at(j)];
      if (s >= floor) {
        kept[m] = rows[j];
        keptExact[m++] = s;
      }
    }
    const order = descendingOrder(keptExact, m, this.#order);
    const indices = reuse ? out.indices.subarray(0, m) : new Uint32Array(m);
    const sorted = reuse ? out.scores.subarray(0, m) : new Float64Array(m);
    for (let r = 0; r < m; r++) {
      indices[r] = kept[order[r]];
      sorted[r] = keptExact[order[r]];
    }
    return { indices, scores: sorted, best: bestAllowed };
  }

  /** The exact best score over every row with a vector: among those whose score can reach `surest`. */
  #bestOf(query: Float32Array, surest: number): number {
    let best = -Infinity;
    const has = this.#has;
    const kernel = this.#kernel;
    const approx = this.#perRow;
    for (let i = 0; i < has.length; i++) {
      if (!has[i]) continue;
      if (!kernel) {
        if (approx![i] > best) best = approx![i];
        continue;
      }
      const { coarseOut, scale, l1, queryScale, boundScale, boundL1 } = kernel;
      if (coarseOut[i] * scale[i] * queryScale + (boundScale * scale[i] + boundL1 * l1[i] + BOUND_SLACK) >= surest) best = Math.max(best, this.#dot(i, query));
    }
    return best;
  }

  /** The reused result arrays (see closestIndices' `reuse`), with room for `n` rows. */
  #out(n: number): { kept: Uint32Array; keptExact: Float64Array; indices: Uint32Array; scores: Float64Array } {
    if (!this.#result || this.#result.kept.length < n) this.#result = { kept: new Uint32Array(n), keptExact: new Float64Array(n), indices: new Uint32Array(n), scores: new Float64Array(n) };
    return this.#result;
  }

  /** Per-row scores for the JavaScript path, reused between queries. */
  #scratch(): Float64Array {
    return (this.#perRow ??= new Float64Array(this.#has.length));
  }

  /** Row numbers for the JavaScript path (the kernel has its own). */
  #rows(): Uint32Array {
    return (this.#rowNumbers ??= new Uint32Array(this.#has.length));
  }

  /** The dot product of row i and `query`, summed in order (unrolled by four). */
  #dot(i: number, query: Float32Array): number {
    const d = this.dim;
    const m = this.#matrix;
    const o = i * d;
    let s = 0;
    let k = 0;
    for (; k + 3 < d; k += 4) {
      s += m[o + k] * query[k];
      s += m[o + k + 1] * query[k + 1];
      s += m[o + k + 2] * query[k + 2];
      s += m[o + k + 3] * query[k + 3];
    }
    for (; k < d; k++) s += m[o + k] * query[k];
    return s;
  }

  /** Products most similar to `query`, best first, at least `minScore`, optionally only those `allow` accepts. */
  search(query: Float32Array, limit: number, minScore: number, allow?: (index: number) => boolean): SemanticHit[] {
    if (query.length !== this.dim) throw new Error(`The query vector has ${query.length} dimensions; the index has ${this.dim}. Were they made by different models?`);
    const d = this.dim;
    const m = this.#matrix;
    const hits: SemanticHit[] = [];
    for (let i = 0; i < this.#has.length; i++) {
      if (!this.#has[i] || (allow && !allow(i))) continue;
      let s = 0;
      const o = i * d;
      for (let k = 0; k < d; k++) s += m[o + k] * query[k];
      if (s >= minScore) hits.push({ index: i, score: s });
    }
    hits.sort((a, b) => b.score - a.score);
    return hits.slice(0, limit);
  }
}

/** Reciprocal rank fusion (Cormack et al. 2009): score = Σ 1 / (k + rank) over the lists an item appears in. */
export function reciprocalRankFusion<T extends string | number>(lists: T[][], k = 60): Map<T, number> {
  const scores = new Map<T, number>();
  for (const list of lists) list.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1)));
  return scores;
}
