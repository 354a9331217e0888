/**
 * How well the pricing model's 95% intervals hold, and how fast it runs, on sales generated from known demand curves
 * (scripts/pricing/synthetic.ts), plus the time on the UCI sample when it is there.
 *
 *   npm run bench:pricing [-- --runs 1000] [--json]
 *
 * Scenarios: the model's own assumptions (posted daily prices, a log-normal daily shock); slow sellers (a few units a
 * day, so integer counts and days without sales, which no file records, matter); prices that move with the weekday
 * (with and without day-of-week terms). For each: coverage of the true elasticity by the 95% interval, mean error,
 * mean interval width, and the share of products the data allowed an estimate for.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyseSales } from '../workers/pricing/analyse.ts';
import { Rng } from '../workers/recommender/model/rng.ts';
import { syntheticSales, type SyntheticProduct } from './pricing/synthetic.ts';
import { UCI_SERVICE_CODES, type PricingOptions } from '../src/shared/protocol/pricing.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '1000' }, json: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
if (!(Number.isInteger(runs) && runs > 0)) throw new Error(`--runs must be a positive whole number, not "${values.runs}".`);

interface Scenario {
  name: string;
  days: number;
  product: (rng: Rng) => SyntheticProduct;
  options?: PricingOptions;
}

const weekendSchedule = (day: number, weekday: number) => (weekday === 0 || weekday === 6 ? [2.6, 3][Math.floor(day / 7) % 2]! : [1.6, 2][Math.floor(day / 7) % 2]!);

const scenarios: Scenario[] = [
  {
    name: 'posted prices, 6 weeks',
    days: 42,
    product: (rng) => ({ id: 'P', elasticity: -0.3 - 2.7 * rng.next(), baseUnits: 20 + 60 * rng.next(), referencePrice: 2, prices: [1.5, 1.8, 2, 2.4, 3], noise: 0.2 + 0.3 * rng.next(), holdDays: 1 + rng.int(3) }),
  },
  {
    name: 'slow sellers (about 3 a day)',
    days: 90,
    product: (rng) => ({ id: 'P', elasticity: -0.3 - 2.7 * rng.next(), baseUnits: 3, referencePrice: 2, prices: [1.5, 1.8, 2, 2.4, 3], noise: 0.3, holdDays: 7 }),
  },
  {
    name: 'weekday-priced, weekday terms',
    days: 84,
    product: (rng) => ({ id: 'P', elasticity: -0.5 - 2 * rng.next(), baseUnits: 40, referencePrice: 2, prices: [2], schedule: weekendSchedule, weekdayEffects: [0.8, 0, 0, 0, 0, 0, 0.8], noise: 0.2 }),
  },
  {
    name: 'weekday-priced, no weekday terms',
    days: 84,
    product: (rng) => ({ id: 'P', elasticity: -0.5 - 2 * rng.next(), baseUnits: 40, referencePrice: 2, prices: [2], schedule: weekendSchedule, weekdayEffects: [0.8, 0, 0, 0, 0, 0, 0.8], noise: 0.2 }),
    options: { weekday: 'off' },
  },
];

const results: Record<string, unknown>[] = [];
for (const s of scenarios) {
  const rng = new Rng(77);
  let estimated = 0;
  let covered = 0;
  let error = 0;
  let width = 0;
  const started = performance.now();
  for (let i = 1; i <= runs; i++) {
    const spec = s.product(rng);
    const p = analyseSales({ name: 'bench.csv', data: syntheticSales({ days: s.days, seed: i * 7919 + 13, products: [spec] }) }, s.options).products[0]!;
    if (p.verdict !== 'estimated') continue;
    estimated++;
    if (p.estimate.ciLow <= spec.elasticity && spec.elasticity <= p.estimate.ciHigh) covered++;
    error += p.estimate.elasticity - spec.elasticity;
    width += p.estimate.ciHigh - p.estimate.ciLow;
  }
  results.push({
    scenario: s.name,
    runs,
    estimated: estimated / runs,
    coverage: estimated ? covered / estimated : null,
    meanError: estimated ? error / estimated : null,
    meanWidth: estimated ? width / estimated : null,
    msPerProduct: (performance.now() - started) / runs,
  });
}

// Speed on one large file: 2,000 products × 120 days.
const rng = new Rng(5);
const big = syntheticSales({
  days: 120,
  seed: 9,
  products: Array.from({ length: 2000 }, (_, i) => ({ id: `P${i}`, elasticity: -0.5 - 2 * rng.next(), baseUnits: 2 + 30 * rng.next(), referencePrice: 2, prices: [1.5, 2, 2.5], holdDays: 5 })),
});
let t = performance.now();
const bigReport = analyseSales({ name: 'big.csv', data: big });
const timings: Record<string, unknown>[] = [{ file: 'generated, 2,000 products × 120 days', rows: bigReport.cleaning.rows, ms: performance.now() - t, estimated: bigReport.summary.estimated }];
const uci = '../shared/data/uci-online-retail-sample/online_retail_sample.csv';
if (existsSync(uci)) {
  const bytes = readFileSync(uci);
  t = performance.now();
  const r = analyseSales({ name: 'uci.csv', data: bytes }, { exclude: UCI_SERVICE_CODES });
  timings.push({ file: 'UCI Online Retail sample', rows: r.cleaning.rows, ms: performance.now() - t, estimated: r.summary.estimated });
}

if (values.json) {
  console.log(JSON.stringify({ results, timings }));
} else {
  const f = (x: unknown, d = 3) => (typeof x === 'number' ? x.toFixed(d) : String(x));
  console.log(`95% interval coverage of the true elasticity, ${runs} generated products per scenario (Node ${process.version}):`);
  console.log('scenario                            estimated  coverage  mean error  mean width  ms/product');
  for (const r of results) {
    console.log(`${String(r.scenario).padEnd(36)}${f(r.estimated).padStart(9)}${f(r.coverage).padStart(10)}${f(r.meanError).padStart(12)}${f(r.meanWidth).padStart(12)}${f(r.msPerProduct, 2).padStart(12)}`);
  }
  console.log('\nanalysis time (read, clean, fit every product):');
  for (const r of timings) console.log(`${String(r.file).padEnd(40)} ${String(r.rows).padStart(8)} rows  ${f(r.ms, 0).padStart(6)} ms  ${r.estimated} estimated`);
}
