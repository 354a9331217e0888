/**
 * The price suggestion against the analytic optima of a constant-elasticity curve: margin is best at
 * cost·e/(1+e) for e < −1 (the Lerner rule), and rises without end for −1 ≤ e (the upper bound decides); revenue is
 * monotone in price (a bound always decides). Also: the range over the interval, the bounds, and refusals.
 */
import { describe, expect, test } from 'vitest';
import { syntheticSales } from '../../../scripts/pricing/synthetic.ts';
import type { PriceSuggestion, PriceSuggestionOk, SuggestRequest } from '../../../src/shared/protocol/pricing.ts';
import { analyseSales } from '../../../workers/pricing/analyse.ts';
import { maximise, suggestPrice, type SuggestInput } from '../../../workers/pricing/optimise.ts';

const lerner = (cost: number, e: number) => (cost * e) / (1 + e);

function input(e: number, ci: [number, number] = [e, e], currentPrice = 2, observed = { min: 1, max: 4 }): SuggestInput {
  return { product: 'P', basis: 'product', estimate: { elasticity: e, ciLow: ci[0], ciHigh: ci[1], nObs: 50 }, currentPrice, observed };
}

function ok(s: PriceSuggestion): PriceSuggestionOk {
  if (!s.ok) throw new Error(`expected a suggestion, got ${s.reason}: ${s.text}`);
  return s;
}

describe('the optimum of a constant-elasticity curve', () => {
  test.each([
    [-1.2, 1],
    [-1.5, 1],
    [-2, 2.5],
    [-3, 0.8],
    [-5, 4],
  ])('margin with elasticity %d and cost %d is best at cost·e/(1+e)', (e, cost) => {
    const s = ok(suggestPrice(input(e), { costs: { P: cost }, bounds: { P: { min: cost * 0.5, max: cost * 20 } } }));
    expect(s.price / lerner(cost, e)).toBeCloseTo(1, 6);
    expect(s.decidedBy).toBe('curve');
    expect(s.objective).toBe('margin');
  });

  test('the numerical search finds an interior maximum and the bounds', () => {
    expect(maximise((p) => -((Math.log(p) - Math.log(3)) ** 2), 1, 10)).toBeCloseTo(3, 6);
    expect(maximise((p) => p, 1, 10)).toBe(10);
    expect(maximise((p) => -p, 1, 10)).toBeCloseTo(1, 12);
  });

  test('an optimum beyond a bound is clamped to it, and the bound is named', () => {
    const high = ok(suggestPrice(input(-1.5), { costs: { P: 1 }, bounds: { P: { min: 1, max: 2.5 } } }));
    expect(high).toMatchObject({ price: 2.5, decidedBy: 'upper-bound' });
    const low = ok(suggestPrice(input(-4), { costs: { P: 1 }, bounds: { P: { min: 1.6, max: 4 } } }));
    expect(low.price).toBeCloseTo(1.6, 12);
    expect(low.decidedBy).toBe('lower-bound');
  });

  test('inelastic demand (−1 < e < 0): margin and revenue keep rising with price, so the upper bound decides, and it says so', () => {
    for (const objective of ['margin', 'revenue'] as const) {
      const s = ok(suggestPrice(input(-0.6, [-0.9, -0.3]), { objective, costs: { P: 1 }, bounds: { P: { min: 1.5, max: 3 } } }));
      expect(s).toMatchObject({ price: 3, priceLow: 3, priceHigh: 3, decidedBy: 'upper-bound' });
      expect(s.uncertainty).toMatch(/inelastic.*keeps rising with price, so the upper bound decides/);
    }
  });

  test('elastic demand and revenue: revenue rises as the price falls, so the lower bound decides', () => {
    const s = ok(suggestPrice(input(-2, [-2.5, -1.5]), { objective: 'revenue', bounds: { P: { min: 1.5, max: 3 } } }));
    expect(s.price).toBeCloseTo(1.5, 12);
    expect(s.decidedBy).toBe('lower-bound');
    expect(s.cost).toBeNull();
    expect(s.uncertainty).toMatch(/lower bound decides/);
  });
});

describe('how uncertain', () => {
  test('the range of best prices over the interval is the optimum at each end of it', () => {
    const s = ok(suggestPrice(input(-2, [-2.5, -1.5]), { costs: { P: 1 }, bounds: { P: { min: 1, max: 5 } } }));
    expect(s.price).toBeCloseTo(2, 6);
    expect(s.priceLow).toBeCloseTo(lerner(1, -2.5), 6);
    expect(s.priceHigh).toBeCloseTo(lerner(1, -1.5), 6);
    expect(s.uncertainty).toMatch(/best price lies between 1\.67 and 3\.00/);
    // Units and margin against the current price, each with its range.
    expect(s.currentPrice).toBe(2);
    expect(s.unitsChange.estimate).toBeCloseTo(0, 6);
  });

  test('an interval that reaches inelastic demand reaches the upper bound, and says so', () => {
    const s = ok(suggestPrice(input(-1.8, [-2.6, -0.7]), { costs: { P: 1 }, bounds: { P: { min: 1, max: 4 } } }));
    expect(s.decidedBy).toBe('curve');
    expect(s.priceHigh).toBe(4);
    expect(s.uncertainty).toMatch(/the upper bound: the interval allows demand that is inelastic/);
  });

  test('what the suggestion rests on names the elasticity, its interval, the data, the cost and the bounds', () => {
    const s = ok(suggestPrice(input(-2, [-2.5, -1.5]), { costs: { P: 1 }, defaultChange: { min: -0.2, max: 0.5 } }));
    expect(s.bounds).toEqual({ min: 1.6, max: 3, minSource: 'relative', maxSource: 'relative' });
    expect(s.restsOn).toMatch(/its own elasticity, −2\.00 \(95% interval −2\.50 to −1\.50\), from 50 observations at prices 1\.00 to 4\.00; unit cost 1\.00; bounds 1\.60/);
  });

  test('a suggestion beyond the prices in the data warns that the curve was never seen there', () => {
    const s = ok(suggestPrice(input(-1.2, [-1.4, -1.1], 2, { min: 1.5, max: 2.5 }), { costs: { P: 1 }, bounds: { P: { min: 1, max: 10 } } }));
    expect(s.price).toBeCloseTo(6, 6);
    expect(s.warnings[0]).toMatch(/140% above the highest price in the data/);
  });
});

describe('no suggestion, with the reason', () => {
  const cases: Array<[string, SuggestInput, SuggestRequest, string]> = [
    ['no cost for margin', input(-2), { bounds: { P: { min: 1, max: 3 } } }, 'no-cost'],
    ['a cost above every allowed price', input(-2), { costs: { P: 5 }, bounds: { P: { min: 1, max: 3 } } }, 'cost-above-bounds'],
    ['bounds the wrong way round', input(-2), { costs: { P: 1 }, bounds: { P: { min: 3, max: 1 } } }, 'bad-bounds'],
    ['one price in the data and no bounds', input(-2, [-2, -2], 2, { min: 2, max: 2 }), { costs: { P: 1 } }, 'bad-bounds'],
    ['demand that rose with price', input(0.8, [0.3, 1.3]), { costs: { P: 1 } }, 'demand-rises-with-price'],
  ];
  test.each(cases)('%s', (_, i, request, reason) => {
    const s = suggestPrice(i, request);
    expect(s).toMatchObject({ ok: false, reason });
    if (!s.ok) expect(s.text.length).toBeGreaterThan(20);
  });

  test('a default cost share stands in for products without a cost', () => {
    const s = ok(suggestPrice(input(-3), { defaultCostShare: 0.5, bounds: { P: { min: 0.5, max: 5 } } }));
    expect(s.cost).toBe(1);
    expect(s.price).toBeCloseTo(1.5, 6);
  });
});

test('end to end: on sales generated with elasticity −2.5 and cost 1, the suggestion is the optimum of the fitted curve, and the true optimum is in its range', () => {
  const text = syntheticSales({ days: 90, seed: 31, products: [{ id: 'E', elasticity: -2.5, baseUnits: 50, referencePrice: 2, prices: [1.2, 1.5, 1.8, 2.1, 2.5], noise: 0.25 }] });
  const report = analyseSales({ name: 'e.csv', data: text }, { suggest: { costs: { E: 1 } } });
  const p = report.products[0]!;
  const s = ok(p.suggestion!);
  expect(s.price).toBeCloseTo(lerner(1, p.estimate!.elasticity), 6);
  expect(s.priceLow).toBeLessThanOrEqual(lerner(1, -2.5));
  expect(s.priceHigh).toBeGreaterThanOrEqual(lerner(1, -2.5));
  expect(s.bounds).toMatchObject({ min: 1.2, max: 2.5, minSource: 'observed', maxSource: 'observed' });
});
