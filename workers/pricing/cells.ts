/**
 * From a product's sales lines to the observations of its demand model: the units sold at each price in each period
 * (a day or a week). Also what tells whether its prices were the merchant's posted prices or prices that depended
 * on the buyer: on how many days more than one price was paid, and whether the lower prices went with larger
 * orders (quantity discounts).
 */
import type { Period } from '../../src/shared/protocol/pricing.ts';
import type { SalesLine } from './sales-file.ts';
import { quantileSorted } from './stats.ts';

export interface Cell {
  /** First day of the period (days since 1970-01-01). */
  period: number;
  /** Weekday of a day period (0 = Sunday); null for weeks. */
  weekday: number | null;
  price: number;
  units: number;
  sales: number;
  customers: number;
}

export interface PriceMix {
  /** Periods in which more than one price was paid. */
  mixedPeriods: number;
  periods: number;
  /** Share of the sales lines that fall in such periods. */
  mixedShare: number;
  /**
   * Median quantity of the lines bought below their period's highest price over the median of the lines at it,
   * within mixed periods (null without any): well above 1 when lower prices went with larger orders.
   */
  orderSizeRatio: number | null;
  discountedMedian: number | null;
  fullMedian: number | null;
}

export interface ProductCells {
  cells: Cell[];
  mix: PriceMix;
  /** The most common price in the latest period with sales (the higher one on a tie). */
  currentPrice: number;
  distinctPrices: number;
  priceMin: number;
  priceMax: number;
  units: number;
  revenue: number;
}

/** Prices equal to a millionth are one price ("2.1" and "2.10"). */
const priceKey = (p: number) => Math.round(p * 1e6);

/** The period a sale falls in: its day, or the Monday that starts its week. */
export function periodOf(line: Pick<SalesLine, 'day' | 'weekday'>, period: Period): number {
  return period === 'day' ? line.day : line.day - ((line.weekday + 6) % 7);
}

function median(values: number[]): number {
  return quantileSorted(values.sort((a, b) => a - b), 0.5);
}

export function productCells(lines: readonly SalesLine[], period: Period): ProductCells {
  const byPeriod = new Map<number, SalesLine[]>();
  for (const l of lines) {
    const p = periodOf(l, period);
    const list = byPeriod.get(p);
    if (list) list.push(l);
    else byPeriod.set(p, [l]);
  }
  const cells: Cell[] = [];
  let mixedPeriods = 0;
  let mixedLines = 0;
  const discounted: number[] = [];
  const full: number[] = [];
  const prices = new Set<number>();
  let priceMin = Infinity;
  let priceMax = -Infinity;
  let units = 0;
  let revenue = 0;
  const periods = [...byPeriod.keys()].sort((a, b) => a - b);
  for (const p of periods) {
    const list = byPeriod.get(p)!;
    const byPrice = new Map<number, { price: number; units: number; sales: number; customers: Set<string> }>();
    for (const l of list) {
      const k = priceKey(l.price);
      prices.add(k);
      priceMin = Math.min(priceMin, l.price);
      priceMax = Math.max(priceMax, l.price);
      units += l.quantity;
      revenue += l.quantity * l.price;
      let c = byPrice.get(k);
      if (!c) byPrice.set(k, (c = { price: l.price, units: 0, sales: 0, customers: new Set() }));
      c.units += l.quantity;
      c.sales++;
      if (l.customer) c.customers.add(l.customer);
    }
    for (const c of byPrice.values()) {
      cells.push({ period: p, weekday: period === 'day' ? list[0]!.weekday : null, price: c.price, units: c.units, sales: c.sales, customers: c.customers.size });
    }
    if (byPrice.size > 1) {
      mixedPeriods++;
      mixedLines += list.length;
      const top = Math.max(...list.map((l) => l.price));
      for (const l of list) (priceKey(l.price) === priceKey(top) ? full : discounted).push(l.quantity);
    }
  }
  const latest = cells.filter((c) => c.period === periods[periods.length - 1]);
  latest.sort((a, b) => b.sales - a.sales || b.price - a.price);
  const discountedMedian = discounted.length ? median(discounted) : null;
  const fullMedian = full.length ? median(full) : null;
  return {
    cells,
    mix: {
      mixedPeriods,
      periods: periods.length,
      mixedShare: lines.length ? mixedLines / lines.length : 0,
      orderSizeRatio: discountedMedian !== null && fullMedian ? discountedMedian / fullMedian : null,
      discountedMedian,
      fullMedian,
    },
    currentPrice: latest[0]?.price ?? NaN,
    distinctPrices: prices.size,
    priceMin,
    priceMax,
    units,
    revenue,
  };
}
