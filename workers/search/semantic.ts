/**
 * The semantic half of search: product embeddings (from the embeddings cache) in one matrix, ranked by cosine
 * similarity to the query's embedding. Pure.
 */
import { simdDots, type SimdDots } from './simd-dot.ts';
import { descendingOrder } from './term-index.ts';

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
  /** The WebAssembly SIMD kernel over the matrix (null where it cannot run), and the largest row norm. */
  readonly #kernel: SimdDots | null;
  #maxNorm = 0;

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
        this.#has[i] = 1;
        let norm = 0;
        for (let k = 0; k < v.length; k++) norm += v[k] * v[k];
        if (norm > this.#maxNorm) this.#maxNorm = norm;
      }
    });
    this.#maxNorm = Math.sqrt(this.#maxNorm);
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
   * SIMD kernel, every row is scored approximately first (float32, within `eps` of the exact score, a bound from the
   * norms with a wide margin), and only the rows that can pass (near the best, or over the floor) are scored exactly,
   * in JavaScript, summed as before: the result is the same as scoring every row exactly.
   */
  closestIndices(query: Float32Array, minScore: number, gap: number, allow?: (index: number) => boolean): { indices: Uint32Array; scores: Float64Array; best: number | null } {
    if (query.length !== this.dim) throw new Error(`The query vector has ${query.length} dimensions; the index has ${this.dim}. Were they made by different models?`);
    const n = this.#has.length;
    const has = this.#has;
    const none = (best: number | null) => ({ indices: new Uint32Array(0), scores: new Float64Array(0), best });
    let approx: Float64Array;
    let eps = 0;
    if (this.#kernel) {
      this.#kernel.query.set(query);
      this.#kernel.run();
      approx = this.#kernel.out;
      let q = 0;
      for (let k = 0; k < query.length; k++) q += query[k] * query[k];
      eps = 1e-5 * this.#maxNorm * Math.sqrt(q) + 1e-12;
    } else {
      approx = new Float64Array(n);
      for (let i = 0; i < n; i++) if (has[i]) approx[i] = this.#dot(i, query);
    }
    const exact = (i: number) => (eps ? this.#dot(i, query) : approx[i]);
    /** The exact scores of `rows` (in the kernel when there is one: the same sums, to the bit). */
    const exactOf = (rows: number[]): ArrayLike<number> => {
      const kernel = this.#kernel;
      if (!kernel) return rows.map((i) => approx[i]);
      kernel.rows.set(rows);
      kernel.exact(rows.length);
      return kernel.exactOut;
    };
    let bestAny = -Infinity;
    let bestAllowed = -Infinity;
    for (let i = 0; i < n; i++) {
      if (!has[i]) continue;
      const a = approx[i];
      if (a > bestAny) bestAny = a;
      if (a >= minScore - eps && a > bestAllowed && (!allow || allow(i))) bestAllowed = a;
    }
    if (bestAny === -Infinity) return none(null);
    // The exact best over every row: among those within 2·eps of the approximate best.
    const exactBestAny = () => {
      let best = -Infinity;
      for (let i = 0; i < n; i++) if (has[i] && approx[i] >= bestAny - 2 * eps) best = Math.max(best, exact(i));
      return best;
    };
    if (bestAllowed === -Infinity) return none(exactBestAny());
    // The exact best that passes: among the rows that pass within eps and are within 2·eps of the approximate best.
    const from = Math.max(minScore - eps, bestAllowed - 2 * eps);
    bestAllowed = -Infinity;
    for (let i = 0; i < n; i++) {
      if (!has[i] || approx[i] < from || (allow && !allow(i))) continue;
      const s = exact(i);
      if (s >= minScore && s > bestAllowed) bestAllowed = s;
    }
    if (bestAllowed === -Infinity) return none(exactBestAny());
    const floor = Math.max(minScore, bestAllowed - gap);
    const candidates: number[] = [];
    for (let i = 0; i < n; i++) if (has[i] && approx[i] >= floor - eps && (!allow || allow(i))) candidates.push(i);
    const candidateScores = exactOf(candidates);
    const kept: number[] = [];
    const keptExact: number[] = [];
    for (let j = 0; j < candidates.length; j++) {
      const s = candidateScores[j];
      if (s >= floor && s >= bestAllowed - gap) {
        kept.push(candidates[j]);
        keptExact.push(s);
      }
    }
    const order = descendingOrder(keptExact, kept.length);
    const indices = new Uint32Array(kept.length);
    const sorted = new Float64Array(kept.length);
    for (let r = 0; r < kept.length; r++) {
      indices[r] = kept[order[r]];
      sorted[r] = keptExact[order[r]];
    }
    return { indices, scores: sorted, best: bestAllowed };
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
