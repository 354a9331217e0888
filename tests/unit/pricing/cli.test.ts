/** `npm run price:insight`: JSON lines, the table, costs and bounds, and clear errors, on generated and real files. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { syntheticSales } from '../../../scripts/pricing/synthetic.ts';

const exec = promisify(execFile);
const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'aisle-price-'));
const run = (...args: string[]) => exec(tsx, ['scripts/price-insight.ts', ...args]);
const fail = async (...args: string[]) => (await run(...args).catch((e: unknown) => e)) as { code: number; stderr: string; stdout: string };
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

const generated = join(dir, 'generated.csv');
writeFileSync(
  generated,
  syntheticSales({
    days: 60,
    seed: 3,
    products: [
      { id: 'ELASTIC', elasticity: -2.5, baseUnits: 40, referencePrice: 2, prices: [1.5, 1.8, 2, 2.4, 2.8] },
      { id: 'INELASTIC', elasticity: -0.5, baseUnits: 30, referencePrice: 5, prices: [4, 4.5, 5, 5.5, 6], holdDays: 3 },
      { id: 'ONEPRICE', elasticity: -1, baseUnits: 20, referencePrice: 3, prices: [3] },
      { id: 'THREE', elasticity: -1, baseUnits: 1, referencePrice: 3, prices: [2, 3, 4], days: 3 },
    ],
  }),
);

describe('npm run price:insight', () => {
  test('--json: one object per product with elasticity, interval, verdict and reason; null elasticity when too thin', async () => {
    const out = lines((await run('--data', generated, '--json')).stdout);
    expect(out.map((o) => o.product).sort()).toEqual(['ELASTIC', 'INELASTIC', 'ONEPRICE', 'THREE']);
    for (const o of out) {
      expect(o).toHaveProperty('n_obs');
      expect(o).not.toHaveProperty('suggested_price');
    }
    const e = out.find((o) => o.product === 'ELASTIC')!;
    expect(e).toMatchObject({ verdict: 'estimated', reason: null, n_obs: 60 });
    expect(e.ci_low as number).toBeLessThan(-2.5);
    expect(e.ci_high as number).toBeGreaterThan(-2.5);
    expect(out.find((o) => o.product === 'ONEPRICE')).toMatchObject({ verdict: 'too-thin', reason_code: 'no-price-variation', elasticity: null, ci_low: null, ci_high: null });
    const three = out.find((o) => o.product === 'THREE')!;
    expect(three).toMatchObject({ verdict: 'too-thin', reason_code: 'few-sales', elasticity: null });
    expect(three.reason).toMatch(/Only \d sales/);
  });

  test('with costs and bounds: a suggested price per product, the margin optimum where demand is elastic and the upper bound where it is not', async () => {
    const costs = join(dir, 'costs.csv');
    writeFileSync(costs, 'sku,unit_cost,max\nELASTIC,1,\nINELASTIC,2,7\n');
    const out = lines((await run('--data', generated, '--costs', costs, '--bounds', 'ELASTIC=1:4', '--json')).stdout);
    const e = out.find((o) => o.product === 'ELASTIC')!;
    const el = e.elasticity as number;
    expect(e.suggested_price as number).toBeCloseTo(el / (1 + el), 4);
    expect(e).toMatchObject({ decided_by: 'curve', suggestion_basis: 'product', objective: 'margin' });
    expect(out.find((o) => o.product === 'INELASTIC')).toMatchObject({ suggested_price: 7, decided_by: 'upper-bound' });
    expect(out.find((o) => o.product === 'ONEPRICE')).toMatchObject({ suggested_price: null });
  });

  test('--cost with a share for every product, --bounds relative to the current price, and --objective revenue', async () => {
    const margin = lines((await run('--data', generated, '--cost', '*=50%', '--bounds', '*=-10%:+10%', '--product', 'INELASTIC', '--json')).stdout);
    expect(margin).toHaveLength(1);
    expect(margin[0]!.decided_by).toBe('upper-bound');
    expect(margin[0]!.suggested_price as number).toBeCloseTo((margin[0]!.current_price as number) * 1.1, 6);
    const revenue = lines((await run('--data', generated, '--objective', 'revenue', '--product', 'ELASTIC', '--json')).stdout);
    expect(revenue[0]).toMatchObject({ suggested_price: 1.5, decided_by: 'lower-bound', objective: 'revenue' });
  });

  test('the table says what was used and left out, each estimate with its interval, and each too-thin product with its reason', async () => {
    const { stdout } = await run('--data', generated, '--cost', 'ELASTIC=1');
    expect(stdout).toMatch(/used: [\d,]+ sales lines/);
    expect(stdout).toMatch(/products: 4: 2 estimated, 2 too thin \((few-sales 1, no-price-variation 1|no-price-variation 1, few-sales 1)\)/);
    expect(stdout).toMatch(/ELASTIC .* −2\.\d\d \[−\d\.\d\d, −\d\.\d\d\] \+wd/);
    expect(stdout).toMatch(/ONEPRICE .* It sold at one price only \(3\.00\)/);
  });

  test('on the real retail slice it runs and says where the data is too thin', async () => {
    const { stdout } = await run('--data', 'tests/fixtures/sales/uci-online-retail-slice.csv', '--limit', '3');
    expect(stdout).toMatch(/products: 34: 0 estimated, 34 too thin \(price-follows-order-size 20, few-prices 6, no-price-variation 5, few-sales 3\)/);
    expect(stdout).toMatch(/22 service lines/);
    expect(stdout).toMatch(/the 3 with most revenue shown, --json lists all/);
  });

  test('a missing column, a bad number and a bad flag are clear errors with exit code 1', async () => {
    const noPrice = join(dir, 'no-price.csv');
    writeFileSync(noPrice, 'InvoiceNo,StockCode,Quantity,InvoiceDate\n1,a,2,2010-12-01 08:00\n');
    let err = await fail('--data', noPrice);
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/^price:insight: The sales file has no column for price/);

    const badNumber = join(dir, 'bad.csv');
    writeFileSync(badNumber, 'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice\n1,a,2,2010-12-01 08:00,1.5\n2,a,lots,2010-12-01 09:00,1.5\n');
    err = await fail('--data', badNumber);
    expect(err.stderr).toMatch(/1 of 2 rows have problems: row 2, Quantity: "lots" is not a number/);
    expect((await run('--data', badNumber, '--skip-bad-rows')).stdout).toMatch(/skipped: 1 unreadable row/);

    err = await fail('--data', generated, '--columns', 'colour=Red');
    expect(err.stderr).toMatch(/--columns: "colour=Red" should be FIELD=NAME/);
    err = await fail('--data', generated, '--bounds', 'ELASTIC=3');
    expect(err.stderr).toMatch(/write MIN:MAX/);
    err = await fail('--data', generated, '--bounds', 'ELASTIC=1:3');
    expect(err.stderr).toMatch(/Bounds without costs suggest nothing for margin/);
    err = await fail('--data', generated, '--product', 'NOPE');
    expect(err.stderr).toMatch(/NOPE is not in the sales file/);
    err = await fail('--data', join(dir, 'missing.csv'));
    expect(err.stderr).toMatch(/Cannot read --data/);
  });

  test('--catalog gives categories: products are pooled by the catalog’s category path', async () => {
    const catalog = join(dir, 'catalog.json');
    writeFileSync(
      catalog,
      JSON.stringify([
        { id: 'ELASTIC', title: 'Elastic', price: 2, currency: 'GBP', category: 'Home > Candles' },
        { id: 'INELASTIC', title: 'Inelastic', price: 5, currency: 'GBP', category: 'Home > Candles' },
      ]),
    );
    const out = lines((await run('--data', generated, '--catalog', catalog, '--json')).stdout);
    expect(out.find((o) => o.product === 'ELASTIC')).toMatchObject({ category: 'Home > Candles', category_verdict: 'estimated' });
    expect(out.find((o) => o.product === 'THREE')!.category).toBeNull();
  });
});
