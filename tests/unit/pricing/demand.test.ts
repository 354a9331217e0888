/**
 * The demand model on sales generated from known demand curves: it recovers each elasticity within its interval,
 * the 95% interval covers the truth about 95% of the time, and it says "too thin" (with the reason) where the data
 * cannot tell: three sales, one price, two prices, prices set by order size, a noisy handful.
 */
import { describe, expect, test } from 'vitest';
import { SALES_HEADER, syntheticSales, type SyntheticProduct } from '../../../scripts/pricing/synthetic.ts';
import type { PricingOptions, ProductInsight } from '../../../src/shared/protocol/pricing.ts';
import { analyseSales } from '../../../workers/pricing/analyse.ts';
import { Rng } from '../../../workers/recommender/model/rng.ts';

function analyse(products: SyntheticProduct[], days: number, seed: number, options: PricingOptions = {}) {
  return analyseSales({ name: 'generated.csv', data: syntheticSales({ days, seed, products }) }, options);
}

function only(products: SyntheticProduct[], days = 60, seed = 1, options: PricingOptions = {}): ProductInsight {
  const report = analyse(products, days, seed, options);
  expect(report.products).toHaveLength(products.length);
  return report.products.find((p) => p.product === products[0]!.id)!;
}

const product = (elasticity: number, extra: Partial<SyntheticProduct> = {}): SyntheticProduct => ({
  id: 'P1',
  elasticity,
  baseUnits: 40,
  referencePrice: 2,
  prices: [1.5, 1.8, 2, 2.4, 3],
  ...extra,
});

describe('recovering known elasticities', () => {
  test.each([-3, -2, -1.2, -0.5])('elasticity %d is inside its confidence interval, which is tight enough to use', (e) => {
    const p = only([product(e)]);
    expect(p.verdict).toBe('estimated');
    expect(p.estimate!.ciLow).toBeLessThan(e);
    expect(p.estimate!.ciHigh).toBeGreaterThan(e);
    expect(p.estimate!.ciHigh - p.estimate!.ciLow).toBeLessThan(1);
    expect(p.estimate!.controls).toEqual(['weekday']);
    expect(p.nObs).toBe(60);
    expect(p.points).toHaveLength(60);
    expect(p.curve).toHaveLength(41);
    // The curve falls with price at the fitted slope, and its band holds the estimate.
    const [first, last] = [p.curve[0]!, p.curve[40]!];
    expect(Math.log(last.units / first.units) / Math.log(last.price / first.price)).toBeCloseTo(p.estimate!.elasticity, 6);
    for (const c of p.curve) expect(c.low).toBeLessThan(c.units), expect(c.high).toBeGreaterThan(c.units);
  });

  test('over 400 generated products the 95% interval covers the true elasticity about 95% of the time, without bias', () => {
    const rng = new Rng(2024);
    let covered = 0;
    const errors: number[] = [];
    const runs = 400;
    for (let i = 1; i <= runs; i++) {
      const e = -0.3 - 2.7 * rng.next();
      const spec = product(e, { baseUnits: 20 + 60 * rng.next(), noise: 0.2 + 0.3 * rng.next(), holdDays: 1 + rng.int(3) });
      const p = only([spec], 42, i * 7919 + 13);
      expect(p.verdict).toBe('estimated');
      if (p.estimate!.ciLow <= e && e <= p.estimate!.ciHigh) covered++;
      errors.push(p.estimate!.elasticity - e);
    }
    // Binomial sd of the coverage at 95% over 400 runs is 1.1 points: the band is ±3.3 sd.
    expect(covered / runs).toBeGreaterThan(0.914);
    expect(covered / runs).toBeLessThan(0.986);
    const mean = errors.reduce((s, v) => s + v, 0) / runs;
    const se = Math.sqrt(errors.reduce((s, v) => s + (v - mean) ** 2, 0) / (runs - 1) / runs);
    expect(Math.abs(mean)).toBeLessThan(4 * se);
  });

  test('weekly periods: units summed by week, one observation per week and price', () => {
    const p = only([product(-1.5, { holdDays: 7, baseUnits: 30 })], 7 * 40, 3, { period: 'week' });
    expect(p.verdict).toBe('estimated');
    expect(p.nObs).toBe(40);
    expect(p.estimate!.controls).toEqual([]);
    expect(p.estimate!.ciLow).toBeLessThan(-1.5);
    expect(p.estimate!.ciHigh).toBeGreaterThan(-1.5);
  });
});

describe('time effects', () => {
  // Weekends sell 2.2× more and the price is higher at weekends: without weekday terms the price takes the credit.
  const weekend = [0.8, 0, 0, 0, 0, 0, 0.8];
  const schedule = (day: number, weekday: number) => (weekday === 0 || weekday === 6 ? [2.6, 3][Math.floor(day / 7) % 2]! : [1.6, 2][Math.floor(day / 7) % 2]!);

  test('day-of-week terms remove the bias of a price that moves with the weekday', () => {
    const spec = [product(-2, { schedule, weekdayEffects: weekend, noise: 0.2 })];
    const naive = only(spec, 84, 5, { weekday: 'off' });
    expect(naive.estimate!.controls).toEqual([]);
    expect(naive.estimate!.elasticity).toBeGreaterThan(-1.5);
    expect(naive.estimate!.ciLow).toBeGreaterThan(-2);
    const controlled = only(spec, 84, 5);
    expect(controlled.estimate!.controls).toEqual(['weekday']);
    expect(controlled.estimate!.ciLow).toBeLessThan(-2);
    expect(controlled.estimate!.ciHigh).toBeGreaterThan(-2);
  });

  test('under two weeks of data no weekday terms are used, and the report says why', () => {
    const report = analyse([product(-2)], 13, 1);
    expect(report.cleaning.weekday.used).toBe(false);
    expect(report.cleaning.weekday.reason).toMatch(/13 days.*at least 14/);
    expect(report.products[0]!.estimate!.controls).toEqual([]);
  });
});

describe('too thin to tell', () => {
  const csv = (rows: string[]) => `${SALES_HEADER}\n${rows.join('\n')}\n`;
  const line = (inv: number, product: string, qty: number, day: number, price: number) =>
    `${inv},${product},THING,${qty},2011-02-${String(day).padStart(2, '0')} 10:00:00,${price},13000.0,United Kingdom`;

  test('three sales: too thin, no elasticity, and the reason says how many are needed', () => {
    const report = analyseSales({ name: 'three.csv', data: csv([line(1, 'T3', 4, 1, 2), line(2, 'T3', 2, 2, 2.5), line(3, 'T3', 1, 3, 3)]) });
    const p = report.products[0]!;
    expect(p).toMatchObject({ verdict: 'too-thin', reason: 'few-sales', estimate: null, sales: 3, curve: [] });
    expect(p.reasonText).toMatch(/Only 3 sales .* at least 6/);
    expect(report.summary).toMatchObject({ products: 1, estimated: 0, tooThin: 1, reasons: { 'few-sales': 1 } });
  });

  test('no price variation', () => {
    const p = only([product(-2, { prices: [2.5] })]);
    expect(p).toMatchObject({ verdict: 'too-thin', reason: 'no-price-variation', estimate: null, prices: 1 });
    expect(p.reasonText).toMatch(/one price only \(2\.50\)/);
  });

  test('two prices only', () => {
    const p = only([product(-2, { prices: [2, 2.5] })]);
    expect(p).toMatchObject({ verdict: 'too-thin', reason: 'few-prices', prices: 2 });
    expect(p.reasonText).toMatch(/only 2 prices \(2\.00 and 2\.50\)/);
    // The threshold is the merchant's to lower.
    expect(only([product(-2, { prices: [2, 2.5] })], 60, 1, { thresholds: { minPrices: 2 } }).verdict).toBe('estimated');
  });

  test('prices too close together', () => {
    expect(only([product(-2, { prices: [2, 2.02, 2.04] })]).reason).toBe('narrow-price-range');
  });

  test('a price paid on one day only does not count as a price level', () => {
    const rows = [1, 2, 3, 4, 5, 6, 7].map((d) => line(d, 'ONCE', 3, d, d < 4 ? 2 : d < 7 ? 2.5 : 1.5));
    const p = analyseSales({ name: 'once.csv', data: csv(rows) }).products[0]!;
    expect(p).toMatchObject({ verdict: 'too-thin', reason: 'few-prices', prices: 3 });
    expect(p.reasonText).toBe('Only 2 of its 3 prices were paid in at least 2 days (2.00, 2.50; 1.50 in fewer): at least 3 are needed to tell a demand curve from a line through two points.');
  });

  test('few observations: six sales on three days, against a threshold of eight', () => {
    const rows = [1, 2, 3].flatMap((d) => [line(d * 2, 'F', 3, d, 1 + d / 2), line(d * 2 + 1, 'F', 2, d, 1 + d / 2)]);
    const p = analyseSales({ name: 'f.csv', data: csv(rows) }, { thresholds: { minObservations: 8, minObservationsPerPrice: 1 } }).products[0]!;
    expect(p).toMatchObject({ verdict: 'too-thin', reason: 'few-observations', sales: 6, nObs: 3 });
  });

  test('a noisy handful: the interval is too wide to mean anything', () => {
    const p = only([product(-2, { prices: [1.9, 2, 2.1], noise: 2 })], 10, 4);
    expect(p.reason).toBe('imprecise');
    expect(p.reasonText).toMatch(/interval of the elasticity runs from .* too wide/);
  });

  test('prices set by order size (quantity discounts) are not read as a demand response', () => {
    // Each day: small orders at 2.10, 96-unit orders at 1.85, 192-unit orders at 1.65 (the UCI hand warmers' pattern).
    const rows: string[] = [];
    let inv = 1;
    for (let d = 1; d <= 20; d++) {
      for (let k = 0; k < 4; k++) rows.push(line(inv++, 'HW', 1 + ((d + k) % 6), d, 2.1));
      if (d % 2) rows.push(line(inv++, 'HW', 96, d, 1.85));
      if (d % 3 === 0) rows.push(line(inv++, 'HW', 192, d, 1.65));
    }
    const p = analyseSales({ name: 'tiers.csv', data: csv(rows) }).products[0]!;
    expect(p).toMatchObject({ verdict: 'too-thin', reason: 'price-follows-order-size', estimate: null });
    expect(p.reasonText).toMatch(/median of 96 units per order below the day's top price/);
  });

  test('a price change within a day that has nothing to do with order size is kept, with a note', () => {
    // Posted prices, and on some days the price changed at noon: two prices that day, same order sizes.
    const rng = new Rng(9);
    const rows: string[] = [];
    let inv = 1;
    const prices = [1.5, 2, 2.5, 3];
    for (let d = 1; d <= 28; d++) {
      const todays = d % 3 === 0 ? [prices[d % 4]!, prices[(d + 1) % 4]!] : [prices[d % 4]!];
      for (const price of todays) {
        const orders = Math.max(1, Math.round((10 * (price / 2) ** -2 * Math.exp(0.2 * rng.normal())) / todays.length));
        for (let k = 0; k < orders; k++) rows.push(line(inv++, 'NOON', 2 + rng.int(3), d, price));
      }
    }
    const p = analyseSales({ name: 'noon.csv', data: csv(rows) }).products[0]!;
    expect(p.verdict).toBe('estimated');
    expect(p.warnings.map((w) => w.code)).toContain('prices-differ-within-period');
  });
});

describe('outliers and curious fits', () => {
  test('one wholesale order is left out, flagged on the chart, and the estimate still recovers the truth', () => {
    const text = syntheticSales({ days: 60, seed: 11, products: [product(-1.5, { noise: 0.2 })] });
    const lines = text.trimEnd().split('\n');
    const at = lines.findIndex((l) => l.includes('2011-01-20'));
    const parts = lines[at]!.split(',');
    parts[3] = String(Number(parts[3]) * 60);
    lines[at] = parts.join(',');
    const p = analyseSales({ name: 'outlier.csv', data: lines.join('\n') }).products[0]!;
    expect(p.verdict).toBe('estimated');
    expect(p.points.filter((pt) => pt.outlier).map((pt) => pt.period)).toEqual(['2011-01-20']);
    expect(p.warnings.map((w) => w.code)).toContain('outliers-left-out');
    expect(p.estimate!.nObs).toBe(59);
    expect(p.estimate!.ciLow).toBeLessThan(-1.5);
    expect(p.estimate!.ciHigh).toBeGreaterThan(-1.5);
  });

  test('demand that rises with price is reported, with a warning not to price by it', () => {
    const p = only([product(1, { noise: 0.15 })]);
    expect(p.verdict).toBe('estimated');
    expect(p.estimate!.ciLow).toBeGreaterThan(0);
    expect(p.warnings.map((w) => w.code)).toContain('demand-rises-with-price');
  });
});

describe('categories', () => {
  // Six products, each with only two prices (too thin alone), sharing one elasticity at different demand levels.
  const members = Array.from({ length: 6 }, (_, i) =>
    product(-1.8, { id: `K${i}`, baseUnits: 10 + 15 * i, referencePrice: 2 + i, prices: [2 + i, (2 + i) * 1.25], holdDays: 3 }),
  );
  const categories = Object.fromEntries(members.map((m, i) => [m.id, ['Home', 'Candles', `Kind ${i}`]]));

  test('products too thin alone share a category elasticity, pooled with a level per product', () => {
    const report = analyse(members, 60, 8, { categories });
    expect(report.products.every((p) => p.reason === 'few-prices' && p.category === 'Home > Candles')).toBe(true);
    expect(report.categories).toHaveLength(1);
    const c = report.categories[0]!;
    expect(c).toMatchObject({ category: 'Home > Candles', verdict: 'estimated', products: 6, productsUsed: 6, nObs: 360 });
    expect(c.estimate!.ciLow).toBeLessThan(-1.8);
    expect(c.estimate!.ciHigh).toBeGreaterThan(-1.8);
    expect(report.summary.categorySource).toMatch(/first 2 levels.*6 of 6 products/);
  });

  test('suggestions for thin products rest on their category, and say so', () => {
    const report = analyse(members, 60, 8, { categories, suggest: { costs: { K0: 1 }, defaultChange: { min: -0.3, max: 0.3 } } });
    const s = report.products.find((p) => p.product === 'K0')!.suggestion!;
    expect(s.ok && s.basis).toBe('category');
    if (s.ok) expect(s.restsOn).toMatch(/its category's elasticity \(Home > Candles; its own data is too thin\)/);
    const other = report.products.find((p) => p.product === 'K1')!.suggestion!;
    expect(other).toMatchObject({ ok: false, reason: 'no-cost' });
  });

  test('one product with price changes is no category estimate', () => {
    const report = analyse([members[0]!, product(-1, { id: 'FLAT', prices: [3] })], 60, 8, { categories: { K0: ['Home'], FLAT: ['Home'] } });
    expect(report.categories[0]).toMatchObject({ verdict: 'too-thin', reason: 'few-products', productsUsed: 1, products: 2 });
  });

  test('without a catalog there are no categories, and the report says why', () => {
    const report = analyse(members, 20, 8);
    expect(report.categories).toEqual([]);
    expect(report.summary.categorySource).toMatch(/no category column and no catalog/);
  });
});
