/**
 * Most popular: every user gets the same ranking, by interaction count. With event times, each interaction's weight
 * halves every `halfLifeDays` before the newest training event (recent popularity, as a "Trending" shelf wants).
 */
import { itemCounts, type FitContext, type SequentialModel } from './types.ts';

export class MostPopular implements SequentialModel {
  readonly name = 'popular';
  readonly backend = 'js';
  readonly scoreBatchSize = 256;
  numItems = 0;
  private scores: Float32Array = new Float32Array(0);
  timeDecayed = false;

  constructor(readonly options: { halfLifeDays?: number } = {}) {}

  async fit(train: readonly Int32Array[], ctx: FitContext): Promise<void> {
    this.numItems = ctx.numItems;
    const halfLife = (this.options.halfLifeDays ?? 30) * 86400;
    const times = ctx.times;
    this.timeDecayed = Boolean(times && halfLife > 0);
    if (!times || !this.timeDecayed) {
      this.scores = itemCounts(train, ctx.numItems);
      return;
    }
    const scores = new Float32Array(ctx.numItems);
    let newest = -Infinity;
    for (const t of times) for (let i = 0; i < t.length; i++) newest = Math.max(newest, t[i]);
    train.forEach((s, u) => {
      for (let i = 0; i < s.length; i++) scores[s[i]] += Math.pow(2, -(newest - times[u][i]) / halfLife);
    });
    this.scores = scores;
  }

  score(histories: readonly Int32Array[]): Float32Array {
    const n = this.numItems;
    const out = new Float32Array(histories.length * n);
    for (let b = 0; b < histories.length; b++) out.set(this.scores, b * n);
    return out;
  }
}
