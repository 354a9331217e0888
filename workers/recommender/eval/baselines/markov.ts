/**
 * Last-item Markov chain: the next item is scored by how often it followed the user's last item in the training
 * sequences (first-order transitions), ties broken by popularity. A strong baseline on sparse Amazon data.
 */
import { itemCounts, tieBreaker, type FitContext, type SequentialModel } from './types.ts';

/** Sparse rows in compressed form: row r's entries are cols/vals[rowStart[r] .. rowStart[r+1]). */
export interface SparseRows {
  rowStart: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
}

/** Counts of (a, b) pairs, as sparse rows. Keys are a*n + b in doubles (exact below 2^53). */
export function countPairs(pairs: Float64Array, count: number, n: number, weights?: Float32Array): SparseRows {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((x, y) => pairs[x] - pairs[y]);
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  let prev = -1;
  for (let k = 0; k < count; k++) {
    const i = order[k];
    const key = pairs[i];
    const w = weights ? weights[i] : 1;
    if (key === prev) vals[vals.length - 1] += w;
    else {
      const a = Math.floor(key / n);
      cols.push(key - a * n);
      vals.push(w);
      rowStart[a + 1]++;
      prev = key;
    }
  }
  for (let r = 0; r < n; r++) rowStart[r + 1] += rowStart[r];
  return { rowStart, cols: Int32Array.from(cols), vals: Float32Array.from(vals) };
}

export class LastItemMarkov implements SequentialModel {
  readonly name = 'markov';
  readonly backend = 'js';
  readonly scoreBatchSize = 256;
  numItems = 0;
  private rows: SparseRows | null = null;
  private base: Float32Array = new Float32Array(0);

  async fit(train: readonly Int32Array[], ctx: FitContext): Promise<void> {
    const n = (this.numItems = ctx.numItems);
    let total = 0;
    for (const s of train) total += Math.max(0, s.length - 1);
    const pairs = new Float64Array(total);
    let k = 0;
    for (const s of train) for (let i = 0; i + 1 < s.length; i++) pairs[k++] = s[i] * n + s[i + 1];
    this.rows = countPairs(pairs, k, n);
    this.base = tieBreaker(itemCounts(train, n), 0.5);
  }

  score(histories: readonly Int32Array[]): Float32Array {
    const n = this.numItems;
    const rows = this.rows!;
    const out = new Float32Array(histories.length * n);
    for (let b = 0; b < histories.length; b++) {
      const off = b * n;
      out.set(this.base, off);
      const h = histories[b];
      if (h.length === 0) continue;
      const last = h[h.length - 1];
      for (let p = rows.rowStart[last]; p < rows.rowStart[last + 1]; p++) out[off + rows.cols[p]] += rows.vals[p];
    }
    return out;
  }
}
