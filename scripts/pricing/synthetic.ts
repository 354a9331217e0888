/**
 * Sales files generated from known demand curves, for the pricing tests and benchmark: each product has a constant
 * elasticity, a posted price that changes between days (drawn from its price list, held for a few days at a time, or
 * set by a schedule), optional day-of-week effects, and a day-level demand shock. Each day's units
 * (units = base · (price / reference)^elasticity · weekday effect · shock, rounded) are split into order lines, and
 * the file has the UCI Online Retail columns, so it goes through exactly the path a merchant's file does.
 */
import { csvField } from '../../src/shared/catalog/csv.ts';
import { Rng } from '../../workers/recommender/model/rng.ts';

export interface SyntheticProduct {
  id: string;
  title?: string;
  elasticity: number;
  /** Expected units per day at the reference price. */
  baseUnits: number;
  referencePrice: number;
  /** The posted prices the product moves between. */
  prices: readonly number[];
  /** Days a price is held before the next is drawn (default 1). */
  holdDays?: number;
  /** Or the posted price of each day, given its index and weekday (0 = Sunday). Overrides `prices`. */
  schedule?: (day: number, weekday: number) => number;
  /** Log multipliers of demand per weekday, Sunday first (default none). */
  weekdayEffects?: readonly number[];
  /** Standard deviation of the daily log demand shock (default 0.3). */
  noise?: number;
  /** Days with sales (default: every day of the file). */
  days?: number;
}

export interface SyntheticFile {
  /** Days covered, from `start`. */
  days: number;
  /** First day, YYYY-MM-DD (default 2011-01-03, a Monday). */
  start?: string;
  seed: number;
  products: readonly SyntheticProduct[];
}

export const SALES_HEADER = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country';

const pad = (n: number) => String(n).padStart(2, '0');

/** A sales CSV (UCI columns) with one or more order lines per product per day. */
export function syntheticSales(spec: SyntheticFile): string {
  const rng = new Rng(spec.seed);
  const start = Date.parse(`${spec.start ?? '2011-01-03'}T00:00:00Z`);
  const rows: string[] = [SALES_HEADER];
  let invoice = 600000;
  for (const p of spec.products) {
    let price = p.prices[rng.int(p.prices.length)]!;
    const hold = p.holdDays ?? 1;
    const days = Math.min(p.days ?? spec.days, spec.days);
    for (let d = 0; d < days; d++) {
      const date = new Date(start + d * 86_400_000);
      const weekday = date.getUTCDay();
      if (p.schedule) price = p.schedule(d, weekday);
      else if (d % hold === 0) price = p.prices[rng.int(p.prices.length)]!;
      const mean = p.baseUnits * (price / p.referencePrice) ** p.elasticity * Math.exp(p.weekdayEffects?.[weekday] ?? 0);
      const units = Math.max(1, Math.round(mean * Math.exp((p.noise ?? 0.3) * rng.normal())));
      // Split the day's units into 1–4 order lines of random sizes.
      const lines = Math.min(units, 1 + rng.int(4));
      let left = units;
      const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
      for (let i = 0; i < lines; i++) {
        const q = i === lines - 1 ? left : 1 + rng.int(Math.max(1, left - (lines - i - 1)));
        left -= q;
        const time = `${day} ${pad(9 + i)}:${pad(rng.int(60))}:00`;
        rows.push([String(invoice++), p.id, csvField(p.title ?? `PRODUCT ${p.id}`), String(q), time, String(price), `${12000 + rng.int(500)}.0`, 'United Kingdom'].join(','));
      }
    }
  }
  return `${rows.join('\n')}\n`;
}
