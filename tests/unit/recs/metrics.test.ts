import { describe, expect, test } from 'vitest';
import { MetricsAccumulator, metricsAt, rankTarget, topK } from '../../../workers/recommender/eval/metrics.ts';

describe('ranking metrics (hand-computed)', () => {
  test('a target ranked first scores 1 everywhere', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.3, 0.2]);
    const r = rankTarget(scores, 0, 4, 1, null);
    expect(r).toEqual({ above: 0, ties: 0, missed: false });
    expect(metricsAt(r, 10)).toEqual({ hr: 1, ndcg: 1, rr: 1 });
  });

  test('rank 3 (two items above): NDCG = 1/log2(4) = 0.5, RR = 1/3', () => {
    const scores = Float32Array.from([0.5, 0.9, 0.3, 0.7]);
    const m = metricsAt(rankTarget(scores, 0, 4, 0, null), 10);
    expect(m.hr).toBe(1);
    expect(m.ndcg).toBeCloseTo(0.5, 10);
    expect(m.rr).toBeCloseTo(1 / 3, 10);
  });

  test('beyond the cut-off: HR and NDCG are 0, MRR still counts', () => {
    const scores = new Float32Array(20).map((_, i) => 20 - i); // item 12 has 12 items above it
    const m = metricsAt(rankTarget(scores, 0, 20, 12, null), 10);
    expect(m.hr).toBe(0);
    expect(m.ndcg).toBe(0);
    expect(m.rr).toBeCloseTo(1 / 13, 10);
  });

  test('ties are averaged over random tie-breaking', () => {
    // Target tied with one other item, nothing above: rank 0 or 1 with equal chance.
    const scores = Float32Array.from([1, 1, 0]);
    const r = rankTarget(scores, 0, 3, 0, null);
    expect(r).toEqual({ above: 0, ties: 1, missed: false });
    const m = metricsAt(r, 10);
    expect(m.ndcg).toBeCloseTo((1 + 1 / Math.log2(3)) / 2, 10);
    expect(m.rr).toBeCloseTo((1 + 1 / 2) / 2, 10);
    // A tie straddling the cut-off: ranks 9 and 10 → HR 0.5.
    const s2 = new Float32Array(12).fill(0);
    for (let i = 0; i < 9; i++) s2[i] = 5;
    s2[9] = 1;
    s2[10] = 1;
    expect(metricsAt(rankTarget(s2, 0, 12, 10, null), 10).hr).toBeCloseTo(0.5, 10);
  });

  test('excluded (seen) items are not candidates; an excluded target is a miss', () => {
    const scores = Float32Array.from([0.9, 0.8, 0.7, 0.1]);
    const excluded = Uint8Array.from([1, 1, 0, 0]);
    expect(rankTarget(scores, 0, 4, 2, excluded).above).toBe(0);
    expect(metricsAt(rankTarget(scores, 0, 4, 0, excluded), 10)).toEqual({ hr: 0, ndcg: 0, rr: 0 });
  });

  test('topK returns the best first, breaks ties by index and skips excluded items', () => {
    const scores = Float32Array.from([0.2, 0.9, 0.9, 0.5, 0.95, -Infinity]);
    const out = new Int32Array(3);
    expect(topK(scores, 0, 6, 3, null, out)).toBe(3);
    expect(Array.from(out)).toEqual([4, 1, 2]);
    expect(topK(scores, 0, 6, 3, Uint8Array.from([0, 0, 0, 0, 1, 0]), out)).toBe(3);
    expect(Array.from(out)).toEqual([1, 2, 3]);
    // Fewer candidates than k.
    expect(topK(Float32Array.from([-Infinity, 1]), 0, 2, 3, null, out)).toBe(1);
  });

  test('the accumulator averages users and measures coverage', () => {
    const acc = new MetricsAccumulator(4, 2);
    // user 1: target 0 first; user 2: target 3 third (k=2 → miss).
    const scores = Float32Array.from([0.9, 0.5, 0.1, 0.0, /**/ 0.9, 0.8, 0.1, 0.2]);
    acc.add(scores, 0, 0, null);
    acc.add(scores, 4, 3, null);
    const r = acc.result();
    expect(r.users).toBe(2);
    expect(r.hr10).toBeCloseTo(0.5, 10);
    expect(r.ndcg10).toBeCloseTo(0.5, 10);
    expect(r.mrr).toBeCloseTo((1 + 1 / 3) / 2, 10);
    // Top-2 lists: {0,1} and {0,1} → 2 of 4 items.
    expect(r.coverage).toBeCloseTo(0.5, 10);
  });
});
