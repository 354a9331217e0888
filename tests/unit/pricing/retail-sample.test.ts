/**
 * The pricing insight on real sales: a CC BY 4.0 slice of the UCI Online Retail sample (tests/fixtures/sales, one week
 * of a wholesaler's order lines). It runs, and it says where the data is too thin, and why: in one week prices change
 * with the buyer and the order size (quantity discounts, price lists), not over time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { UCI_SERVICE_CODES } from '../../../src/shared/protocol/pricing.ts';
import { analyseSales } from '../../../workers/pricing/analyse.ts';

const data = readFileSync(new URL('../../fixtures/sales/uci-online-retail-slice.csv', import.meta.url));
const report = analyseSales({ name: 'uci-online-retail-slice.csv', data }, { exclude: UCI_SERVICE_CODES, suggest: { defaultCostShare: 0.6 } });
const byId = new Map(report.products.map((p) => [p.product, p]));

describe('the UCI Online Retail slice', () => {
  test('is read and cleaned: postage and the zero-price line left out, one week, no weekday terms', () => {
    expect(report.cleaning).toMatchObject({ encoding: 'utf-8', rows: 1385, badRows: 0, excluded: 22, zeroPrice: 1, cancellations: 0, sales: 1362, products: 34 });
    expect(report.cleaning).toMatchObject({ firstDay: '2010-12-01', lastDay: '2010-12-07', spanDays: 7, weekday: { used: false } });
    expect(byId.has('POST')).toBe(false);
  });

  test('says every product is too thin, each with its reason, and gives no number for any', () => {
    expect(report.summary).toMatchObject({ products: 34, estimated: 0, tooThin: 34 });
    expect(report.summary.reasons).toEqual({ 'price-follows-order-size': 20, 'few-prices': 6, 'no-price-variation': 5, 'few-sales': 3 });
    for (const p of report.products) {
      expect(p.estimate).toBeNull();
      expect(p.reasonText!.length).toBeGreaterThan(40);
      expect(p.points.length).toBe(p.nObs);
      expect(p.suggestion).toMatchObject({ ok: false, reason: 'no-estimate' });
    }
  });

  test('the hand warmers: lower prices for 96-unit orders on the same days are a discount schedule, not a demand response', () => {
    const p = byId.get('22867')!;
    expect(p).toMatchObject({ reason: 'price-follows-order-size', prices: 2, priceMin: 1.85, priceMax: 2.1 });
    expect(p.reasonText).toMatch(/median of 96 units per order below the day's top price/);
  });

  test('one price, and few sales', () => {
    expect(byId.get('22111')).toMatchObject({ reason: 'no-price-variation', prices: 1, priceMin: 4.95 });
    expect(byId.get('17084R')).toMatchObject({ reason: 'few-sales', sales: 1 });
    // The zero-price line of the round cake tin is not a sale.
    expect(byId.get('22841')).toMatchObject({ reason: 'few-sales', sales: 5 });
  });

  test('the demand points for a chart are there all the same', () => {
    const p = byId.get('85123A')!;
    expect(p.points.length).toBeGreaterThan(6);
    expect(new Set(p.points.map((pt) => pt.price))).toEqual(new Set([2.55, 2.95]));
    expect(p.points.reduce((s, pt) => s + pt.units, 0)).toBe(p.units);
    expect(p.curve).toEqual([]);
  });
});
