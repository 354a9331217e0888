/** The console's evaluation (eval:recs on a merchant's log) on the small real log: baselines, overall and by history length. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDataset } from '../../../workers/recommender/eval/datasets.ts';
import { evaluate } from '../../../workers/recommender/eval/evaluate.ts';
import { createBaseline } from '../../../workers/recommender/eval/baselines/index.ts';
import { evaluateBaseline, historyLength, HISTORY_SEGMENTS, segmentSplit } from '../../../workers/recommender/eval/log-eval.ts';
import { leaveOneOut } from '../../../workers/recommender/eval/split.ts';

const text = readFileSync('tests/fixtures/recs/retail/events.csv', 'utf8');
const split = leaveOneOut(parseDataset(text, 'events-csv', { name: 'events.csv' }));

describe('evaluation of a log by history length', () => {
  it('segments partition the evaluated shoppers by the items they had before the test item', () => {
    const parts = HISTORY_SEGMENTS.map((s) => segmentSplit(split, s.min, s.max));
    expect(parts.reduce((n, p) => n + p.evalUsers.length, 0)).toBe(split.evalUsers.length);
    for (const [i, p] of parts.entries()) {
      const s = HISTORY_SEGMENTS[i];
      for (const u of p.evalUsers) {
        expect(historyLength(split, u)).toBeGreaterThanOrEqual(s.min);
        if (s.max !== null) expect(historyLength(split, u)).toBeLessThanOrEqual(s.max);
      }
    }
  });

  it('a baseline gives the same overall figures as eval:recs does, and segment figures that average to them', async () => {
    const result = await evaluateBaseline('popular', split);
    const popular = createBaseline('popular');
    await popular.fit(split.train, { numItems: split.numItems, times: split.trainTimes, seed: 42 });
    const direct = await evaluate(popular, split, { stage: 'test' });
    expect(result.overall.ndcg10).toBeCloseTo(direct.ndcg10, 10);
    expect(result.overall.hr10).toBeCloseTo(direct.hr10, 10);
    const users = result.segments.reduce((n, s) => n + s.users, 0);
    expect(users).toBe(result.overall.users);
    const weighted = result.segments.reduce((x, s) => x + s.hr10 * s.users, 0) / users;
    expect(weighted).toBeCloseTo(result.overall.hr10, 10);
    expect(result.overall.users).toBeGreaterThan(50);
  });
});
