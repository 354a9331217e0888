/**
 * Item-based nearest neighbours: cosine similarity of items over the users who interacted with both, the
 * `neighbours` most similar items kept per item. A user's score for item j sums sim(h, j) over the recent history
 * items h, each weighted by `decay`^(its distance from the end), so the latest items count most.
 */
import { countPairs, type SparseRows } from './markov.ts';
import { itemCounts, tieBreaker, type FitContext, type SequentialModel } from './types.ts';

export interface ItemKnnOptions {
  neighbours?: number;
  /** Weight of a history item per step back from the last one (1 = all equal). */
  decay?: number;
  /** History items used when scoring (the most recent). */
  historyItems?: number;
  /** Items per user used to count co-occurrence (the most recent), bounding the cost of very long histories. */
  maxUserItems?: number;
}

export class ItemKnn implements SequentialModel {
  readonly name = 'knn';
  readonly backend = 'js';
  readonly scoreBatchSize = 256;
  numItems = 0;
  private sims: SparseRows | null = null;
  private base: Float32Array = new Float32Array(0);
  readonly opts: Required<ItemKnnOptions>;

  constructor(options: ItemKnnOptions = {}) {
    this.opts = { neighbours: 100, decay: 0.8, historyItems: 20, maxUserItems: 200, ...options };
  }

  async fit(train: readonly Int32Array[], ctx: FitContext): Promise<void> {
    const n = (this.numItems = ctx.numItems);
    const users = train.map((s) => Int32Array.from(new Set(s.subarray(Math.max(0, s.length - this.opts.maxUserItems)))));
    const userCount = new Float32Array(n);
    let total = 0;
    for (const s of users) {
      for (const i of s) userCount[i] += 1;
      total += s.length * (s.length - 1);
    }
    const pairs = new Float64Array(total);
    let k = 0;
    for (const s of users) for (const a of s) for (const b of s) if (a !== b) pairs[k++] = a * n + b;
    const co = countPairs(pairs, k, n);
    await ctx.onProgress?.(0.5);
    // Cosine, then the top neighbours per row.
    const keep = this.opts.neighbours;
    const rowStart = new Int32Array(n + 1);
    const cols: number[] = [];
    const vals: number[] = [];
    for (let a = 0; a < n; a++) {
      const idx: number[] = [];
      for (let p = co.rowStart[a]; p < co.rowStart[a + 1]; p++) {
        co.vals[p] = co.vals[p] / Math.sqrt(userCount[a] * userCount[co.cols[p]]);
        idx.push(p);
      }
      idx.sort((x, y) => co.vals[y] - co.vals[x] || co.cols[x] - co.cols[y]);
      for (const p of idx.slice(0, keep)) {
        cols.push(co.cols[p]);
        vals.push(co.vals[p]);
      }
      rowStart[a + 1] = cols.length;
    }
    this.sims = { rowStart, cols: Int32Array.from(cols), vals: Float32Array.from(vals) };
    this.base = tieBreaker(itemCounts(train, n), 1e-6);
  }

  score(histories: readonly Int32Array[]): Float32Array {
    const n = this.numItems;
    const sims = this.sims!;
    const out = new Float32Array(histories.length * n);
    for (let b = 0; b < histories.length; b++) {
      const off = b * n;
      out.set(this.base, off);
      const h = histories[b];
      let w = 1;
      for (let t = h.length - 1; t >= Math.max(0, h.length - this.opts.historyItems); t--) {
        const a = h[t];
        for (let p = sims.rowStart[a]; p < sims.rowStart[a + 1]; p++) out[off + sims.cols[p]] += w * sims.vals[p];
        w *= this.opts.decay;
      }
    }
    return out;
  }
}
