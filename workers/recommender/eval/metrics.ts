/**
 * Ranking metrics over a full score vector (every item of the catalogue is a candidate).
 *
 * Ties: models such as "most popular" give many items the same score. The target's rank is then uniform over the
 * tied block, and the metrics are their expected values under random tie-breaking (exact, not sampled), so a model
 * gains nothing from ties either way.
 */

export interface TargetRank {
  /** Candidates scored strictly higher than the target. */
  above: number;
  /** Other candidates with exactly the target's score. */
  ties: number;
  /** The target was excluded (a seen item) or scored -Infinity/NaN: it counts as not found. */
  missed: boolean;
}

/**
 * Where `target` ranks in `scores[offset .. offset+n)`; `excluded` items (already-seen) are not candidates.
 * Excluded items are compared by index lookup, so scores are not modified.
 */
export function rankTarget(
  scores: Float32Array,
  offset: number,
  n: number,
  target: number,
  excluded: Uint8Array | null,
): TargetRank {
  const s = scores[offset + target];
  if ((excluded && excluded[target]) || !(s > -Infinity)) return { above: n, ties: 0, missed: true };
  let above = 0;
  let ties = 0;
  if (excluded) {
    for (let i = 0; i < n; i++) {
      const v = scores[offset + i];
      if (v >= s && !excluded[i]) {
        if (v > s) above++;
        else ties++;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const v = scores[offset + i];
      if (v > s) above++;
      else if (v === s) ties++;
    }
  }
  return { above, ties: ties - 1, missed: false };
}

/** Expected HR@k, NDCG@k and reciprocal rank for a target at a uniform rank in [above, above + ties]. */
export function metricsAt(rank: TargetRank, k: number): { hr: number; ndcg: number; rr: number } {
  if (rank.missed) return { hr: 0, ndcg: 0, rr: 0 };
  const lo = rank.above;
  const count = rank.ties + 1;
  let hr = 0;
  let ndcg = 0;
  for (let r = lo; r < Math.min(lo + count, k); r++) {
    hr += 1;
    ndcg += 1 / Math.log2(r + 2);
  }
  let rr = 0;
  // Harmonic sum over the tied block; long blocks only occur for models with few distinct scores.
  for (let r = lo; r < lo + count; r++) rr += 1 / (r + 1);
  return { hr: hr / count, ndcg: ndcg / count, rr: rr / count };
}

/**
 * The k best candidates of `scores[offset .. offset+n)`, best first; ties go to the lower index; excluded items and
 * -Infinity scores are never returned. `out` receives the indices; returns how many were written.
 */
export function topK(
  scores: Float32Array,
  offset: number,
  n: number,
  k: number,
  excluded: Uint8Array | null,
  out: Int32Array = new Int32Array(k),
): number {
  // Insertion into a small sorted buffer: O(n) for the common case where few items beat the k-th best.
  let size = 0;
  const best = new Float32Array(k);
  for (let i = 0; i < n; i++) {
    const v = scores[offset + i];
    if (!(v > -Infinity)) continue;
    if (size === k && v <= best[k - 1]) continue;
    if (excluded && excluded[i]) continue;
    let j = size < k ? size++ : k - 1;
    while (j > 0 && best[j - 1] < v) {
      best[j] = best[j - 1];
      out[j] = out[j - 1];
      j--;
    }
    best[j] = v;
    out[j] = i;
  }
  return size;
}

/** Running totals for HR@k, NDCG@k, MRR and catalogue coverage. */
export class MetricsAccumulator {
  private hr = 0;
  private ndcg = 0;
  private rr = 0;
  private count = 0;
  private readonly shown: Uint8Array;
  private readonly top: Int32Array;

  constructor(
    readonly numItems: number,
    readonly k = 10,
  ) {
    this.shown = new Uint8Array(numItems);
    this.top = new Int32Array(k);
  }

  /** Adds one user: the score row at `offset`, the target, and the items excluded for this user. */
  add(scores: Float32Array, offset: number, target: number, excluded: Uint8Array | null): void {
    const m = metricsAt(rankTarget(scores, offset, this.numItems, target, excluded), this.k);
    this.hr += m.hr;
    this.ndcg += m.ndcg;
    this.rr += m.rr;
    this.count += 1;
    const got = topK(scores, offset, this.numItems, this.k, excluded, this.top);
    for (let i = 0; i < got; i++) this.shown[this.top[i]] = 1;
  }

  get users(): number {
    return this.count;
  }

  result(): { users: number; hr10: number; ndcg10: number; mrr: number; coverage: number } {
    let covered = 0;
    for (let i = 0; i < this.numItems; i++) covered += this.shown[i];
    const n = Math.max(1, this.count);
    return {
      users: this.count,
      hr10: this.hr / n,
      ndcg10: this.ndcg / n,
      mrr: this.rr / n,
      coverage: covered / this.numItems,
    };
  }
}
