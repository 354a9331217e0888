/**
 * Generated interaction data with a known sequential structure, for tests and benchmarks that must not depend on
 * research-only files. Items form chains: after item i a user usually moves to one of i's few "next" items (like
 * accessories after a purchase), otherwise jumps to a popular item. Popularity alone ranks poorly on it; a model that
 * learns transitions ranks well, which is what the tests assert.
 */
import { Rng } from '../../workers/recommender/model/rng.ts';
import type { SequenceDataset } from '../../workers/recommender/eval/datasets.ts';

export interface SyntheticOptions {
  users: number;
  items: number;
  /** Sequence lengths are uniform in [minLength, maxLength]. */
  minLength?: number;
  maxLength?: number;
  /** Probability of following a transition (vs. jumping to a popular item). */
  follow?: number;
  /** Next items per item. */
  branching?: number;
  seed?: number;
}

export function syntheticSequences(o: SyntheticOptions): SequenceDataset {
  const rng = new Rng(o.seed ?? 7);
  const n = o.items;
  const minLength = o.minLength ?? 5;
  const maxLength = o.maxLength ?? 20;
  const follow = o.follow ?? 0.8;
  const branching = o.branching ?? 2;
  // Each item's next items: a fixed random permutation step, so the structure is learnable but not trivially i+1.
  const next = new Int32Array(n * branching);
  for (let i = 0; i < n; i++) for (let b = 0; b < branching; b++) next[i * branching + b] = rng.int(n);
  // Zipf-like popularity for jumps and first items.
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / (i + 1);
    cumulative[i] = total;
  }
  const popular = (): number => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const sequences: Int32Array[] = [];
  for (let u = 0; u < o.users; u++) {
    const len = minLength + rng.int(maxLength - minLength + 1);
    const s = new Int32Array(len);
    const seen = new Set<number>();
    let cur = popular();
    for (let t = 0; t < len; t++) {
      // Avoid repeats, as the benchmark data has none (a repeated target would be excluded as "seen").
      let tries = 0;
      while (seen.has(cur) && tries++ < 20) cur = rng.next() < follow ? next[cur * branching + rng.int(branching)] : popular();
      s[t] = cur;
      seen.add(cur);
      cur = rng.next() < follow ? next[cur * branching + rng.int(branching)] : popular();
    }
    sequences.push(s);
  }
  return {
    numItems: n,
    itemIds: Array.from({ length: n }, (_, i) => `item-${i}`),
    userIds: Array.from({ length: o.users }, (_, u) => `user-${u}`),
    sequences,
  };
}
