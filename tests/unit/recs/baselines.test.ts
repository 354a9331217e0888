import { describe, expect, test } from 'vitest';
import { initBackend } from '../../../workers/recommender/backend.ts';
import { ArticleMlp, ItemKnn, LastItemMarkov, MostPopular } from '../../../workers/recommender/eval/baselines/index.ts';
import { evaluate } from '../../../workers/recommender/eval/evaluate.ts';
import { leaveOneOut } from '../../../workers/recommender/eval/split.ts';
import { syntheticSequences } from '../../../scripts/recs/synthetic.ts';
import * as tf from '@tensorflow/tfjs';

const tiny = [Int32Array.from([0, 1, 2]), Int32Array.from([0, 1, 3]), Int32Array.from([4, 1, 2]), Int32Array.from([2, 3])];

describe('baselines on tiny data', () => {
  test('most popular ranks by count; with times, recent interactions weigh more', async () => {
    const p = new MostPopular();
    await p.fit(tiny, { numItems: 5, seed: 1 });
    const s = p.score([Int32Array.from([0])]);
    expect(Array.from(s)).toEqual([2, 3, 3, 2, 1]);
    const decayed = new MostPopular({ halfLifeDays: 1 });
    const day = 86400;
    // Item 0 twice long ago, item 1 once now: recency wins.
    await decayed.fit([Int32Array.from([0, 0, 1])], { numItems: 2, seed: 1, times: [Float64Array.from([0, 0, 10 * day])] });
    const d = decayed.score([new Int32Array(0)]);
    expect(d[1]).toBeGreaterThan(d[0]);
    expect(decayed.timeDecayed).toBe(true);
  });

  test('last-item Markov scores what followed the last item, popularity breaking ties', async () => {
    const m = new LastItemMarkov();
    await m.fit(tiny, { numItems: 5, seed: 1 });
    const s = m.score([Int32Array.from([4, 1])]);
    // After 1: 2 (twice), 3 (once); others by popularity below 1.
    expect(s[2]).toBeGreaterThan(s[3]);
    expect(s[3]).toBeGreaterThan(s[0]);
    expect(s[0]).toBeLessThan(1);
  });

  test('item-kNN scores co-occurring items by cosine similarity', async () => {
    const k = new ItemKnn({ neighbours: 10, decay: 1 });
    await k.fit(tiny, { numItems: 5, seed: 1 });
    const s = k.score([Int32Array.from([4])]);
    // 4 co-occurs with 1 and 2 (one user each); 4's cosine with 1: 1/sqrt(1*3), with 2: 1/sqrt(1*3).
    expect(s[1]).toBeCloseTo(1 / Math.sqrt(3), 5);
    expect(s[2]).toBeCloseTo(1 / Math.sqrt(3), 5);
    expect(s[0]).toBeLessThan(1e-5);
  });

  test('on sequential data, Markov and kNN beat popularity, and the article MLP trains without leaking tensors', async () => {
    await initBackend('wasm');
    const data = syntheticSequences({ users: 500, items: 150, seed: 5 });
    const split = leaveOneOut(data);
    const ctx = { numItems: data.numItems, seed: 1 };
    const pop = new MostPopular();
    await pop.fit(split.train, ctx);
    const popular = await evaluate(pop, split, { stage: 'test' });
    for (const m of [new LastItemMarkov(), new ItemKnn()]) {
      await m.fit(split.train, ctx);
      const r = await evaluate(m, split, { stage: 'test' });
      expect(r.ndcg10).toBeGreaterThan(2 * popular.ndcg10);
    }
    const before = tf.memory().numTensors;
    const mlp = new ArticleMlp({ epochs: 3 });
    await mlp.fit(split.train, ctx);
    const r = await evaluate(mlp, split, { stage: 'test' });
    expect(r.users).toBe(split.evalUsers.length);
    expect(r.ndcg10).toBeGreaterThan(0);
    mlp.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
