/**
 * Pricing insight from a sales file, in Node, with the code the console's worker runs (workers/pricing/).
 *
 *   npm run price:insight -- --data FILE.csv [--columns invoice=…,product=…,quantity=…,price=…,time=…,customer=…,title=…]
 *       [--cost PRODUCT=COST,…|*=60%] [--costs FILE.csv] [--bounds PRODUCT=MIN:MAX,…|*=-20%:+20%] [--objective margin|revenue]
 *       [--catalog FILE.json|csv] [--category-depth N] [--period day|week] [--no-weekday] [--exclude CODE,…|none]
 *       [--min-sales N] [--min-prices N] [--max-interval W] [--skip-bad-rows] [--delimiter ,|;|tab]
 *       [--product ID,…] [--limit N] [--json]
 *
 * For each product: the price elasticity of demand from a log-log model with its 95% interval, or why the data is too
 * thin to tell; with costs (or --objective revenue), a suggested price within the bounds. --json prints one JSON
 * object per product per line. Model and flags: workers/pricing/PRICING.md.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeText, parseCsvStrict } from '../src/shared/catalog/csv.ts';
import { loadCatalogFile } from '../src/shared/catalog/load.ts';
import { parseNumber } from '../src/shared/catalog/validate.ts';
import { describeError, type RowIssue } from '../src/shared/errors.ts';
import { count } from '../src/shared/format.ts';
import {
  SALES_FIELDS,
  UCI_SERVICE_CODES,
  type Objective,
  type PriceBounds,
  type PricingOptions,
  type PricingReport,
  type ProductInsight,
  type SalesColumns,
  type SalesField,
  type SuggestRequest,
  type Thresholds,
} from '../src/shared/protocol/pricing.ts';
import { analyseSales } from '../workers/pricing/analyse.ts';
import { formatElasticity, formatPrice } from '../workers/pricing/demand.ts';

class UsageError extends Error {
  override name = 'UsageError';
}

const USAGE = `Usage: npm run price:insight -- --data FILE.csv [options]
  --columns SPEC       header names, e.g. invoice=Order,product=SKU,quantity=Qty,price=Price,time=Date,customer=Buyer,title=Name
                       (defaults: the UCI Online Retail names InvoiceNo, StockCode, Quantity, UnitPrice, InvoiceDate, CustomerID, Description)
  --cost SPEC          unit costs: PRODUCT=COST,… ; *=COST or *=60% for every other product (60% of its current price)
  --costs FILE.csv     unit costs from a file with columns product and cost (optional min and max: the bounds)
  --bounds SPEC        price bounds: PRODUCT=MIN:MAX,… (a side may be empty); *=-20%:+20% relative to each current price
                       (default: the lowest and highest prices in the data)
  --objective O        margin (default; needs costs) or revenue
  --catalog FILE       the merchant's catalog (JSON or CSV, the app's format): its categories are pooled
  --category-depth N   category levels that form a category (default 2)
  --period P           day (default) or week: the period units are summed over
  --no-weekday         no day-of-week terms (by default they are used when the data spans 14 days or more)
  --exclude CODES      product codes to leave out (default: the UCI service lines ${UCI_SERVICE_CODES.join(', ')}); none keeps all
  --min-sales N --min-prices N --max-interval W    thresholds of "too thin" (defaults 6, 3, 4)
  --skip-bad-rows      leave unreadable rows out (listed) instead of refusing the file
  --delimiter D        , ; tab or | (default: detected)
  --product IDS        print only these products
  --limit N            too-thin products in the table (default 20; --json prints all)
  --json               one JSON object per product per line`;

function parse() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      columns: { type: 'string' },
      cost: { type: 'string' },
      costs: { type: 'string' },
      bounds: { type: 'string' },
      objective: { type: 'string' },
      catalog: { type: 'string' },
      'category-depth': { type: 'string' },
      period: { type: 'string', default: 'day' },
      'no-weekday': { type: 'boolean', default: false },
      exclude: { type: 'string' },
      'min-sales': { type: 'string' },
      'min-prices': { type: 'string' },
      'max-interval': { type: 'string' },
      'skip-bad-rows': { type: 'boolean', default: false },
      delimiter: { type: 'string' },
      product: { type: 'string' },
      limit: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.data) throw new UsageError(`--data is required.\n${USAGE}`);
  return values;
}

type Values = ReturnType<typeof parse>;

const list = (spec: string) =>
  spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function parseColumns(spec: string | undefined): Partial<SalesColumns> | undefined {
  if (!spec) return undefined;
  const out: Partial<SalesColumns> = {};
  for (const part of list(spec)) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim() as SalesField;
    if (eq < 0 || !SALES_FIELDS.includes(key) || !part.slice(eq + 1).trim()) {
      throw new UsageError(`--columns: "${part}" should be FIELD=NAME with FIELD one of ${SALES_FIELDS.join(', ')}.`);
    }
    out[key] = part.slice(eq + 1).trim();
  }
  return out;
}

function wholeNumber(values: Values, flag: 'min-sales' | 'min-prices' | 'category-depth' | 'limit'): number | undefined {
  const v = values[flag];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${flag} must be a whole number, not "${v}".`);
  return n;
}

function money(text: string, what: string): number {
  const n = parseNumber(text);
  if (!('value' in n) || n.value < 0) throw new UsageError(`${what}: "${text}" is not a price (a number of 0 or more${'problem' in n ? `: ${n.problem}` : ''}).`);
  return n.value;
}

/** "12" or "60%"/"-20%": an absolute amount, or a fraction of the current price. */
function amountOrShare(text: string, what: string): { value: number; share: boolean } {
  const t = text.trim();
  if (t.endsWith('%')) {
    const n = Number(t.slice(0, -1));
    if (!Number.isFinite(n)) throw new UsageError(`${what}: "${text}" is not a percentage.`);
    return { value: n / 100, share: true };
  }
  return { value: money(t, what), share: false };
}

function suggestRequest(values: Values): SuggestRequest | undefined {
  const objective = (values.objective ?? 'margin') as Objective;
  if (objective !== 'margin' && objective !== 'revenue') throw new UsageError(`--objective must be margin or revenue, not "${values.objective}".`);
  const costs: Record<string, number> = {};
  const bounds: Record<string, PriceBounds> = {};
  const request: SuggestRequest = { objective, costs, bounds };
  if (values.costs) readCostsFile(values.costs, costs, bounds);
  for (const part of list(values.cost ?? '')) {
    const [id, v] = splitPair(part, '--cost', 'PRODUCT=COST');
    const a = amountOrShare(v, `--cost ${id}`);
    if (id === '*') {
      if (a.share) request.defaultCostShare = a.value;
      else throw new UsageError('--cost *=… takes a percentage of the current price (e.g. *=60%): one cost for every product is rarely right.');
    } else if (a.share) throw new UsageError(`--cost ${id}: give a cost as an amount; percentages are for * (every other product).`);
    else costs[id] = a.value;
  }
  for (const part of list(values.bounds ?? '')) {
    const [id, v] = splitPair(part, '--bounds', 'PRODUCT=MIN:MAX');
    const [lo = '', hi = '', extra] = v.split(':');
    if (extra !== undefined || !v.includes(':')) throw new UsageError(`--bounds ${part}: write MIN:MAX (a side may be empty), e.g. ${id}=2.00:3.50.`);
    if (id === '*') {
      const side = (s: string) => {
        if (!s.trim()) return undefined;
        const a = amountOrShare(s, '--bounds *');
        if (!a.share) throw new UsageError('--bounds *=… takes changes relative to the current price, e.g. *=-20%:+20%.');
        return a.value;
      };
      request.defaultChange = { min: side(lo), max: side(hi) };
    } else {
      bounds[id] = { ...bounds[id], ...(lo.trim() ? { min: money(lo, `--bounds ${id}`) } : {}), ...(hi.trim() ? { max: money(hi, `--bounds ${id}`) } : {}) };
    }
  }
  const any = Object.keys(costs).length > 0 || request.defaultCostShare !== undefined || objective === 'revenue';
  if (!any && (Object.keys(bounds).length > 0 || request.defaultChange)) {
    throw new UsageError('Bounds without costs suggest nothing for margin: give unit costs (--cost, --costs), or use --objective revenue.');
  }
  return any ? request : undefined;
}

function splitPair(part: string, flag: string, shape: string): [string, string] {
  const eq = part.lastIndexOf('=');
  if (eq <= 0) throw new UsageError(`${flag}: "${part}" should be ${shape}.`);
  return [part.slice(0, eq).trim(), part.slice(eq + 1)];
}

/** A costs file: product and cost columns (any of the usual names), and optional min and max bounds. */
function readCostsFile(file: string, costs: Record<string, number>, bounds: Record<string, PriceBounds>): void {
  const records = parseCsvStrict(readText(file, '--costs'), {}, 'Fix the costs file.');
  const [head, ...rows] = records;
  if (!head) throw new UsageError(`--costs ${file} is empty: expected a header with product and cost columns.`);
  const names = head.fields.map((h) => h.trim().toLowerCase().replace(/[\s_-]/g, ''));
  const find = (aliases: string[]) => names.findIndex((n) => aliases.includes(n));
  const pi = find(['product', 'productid', 'id', 'sku', 'stockcode', 'item']);
  const ci = find(['cost', 'unitcost', 'costprice']);
  const lo = find(['min', 'minprice', 'lower', 'floor']);
  const hi = find(['max', 'maxprice', 'upper', 'ceiling']);
  if (pi < 0 || ci < 0) {
    throw new UsageError(`--costs ${file} needs a product column and a cost column (found ${head.fields.join(', ')}).`);
  }
  rows.forEach((r, i) => {
    const at = `--costs ${basename(file)} row ${i + 1}`;
    const id = r.fields[pi]?.trim();
    if (!id) throw new UsageError(`${at}: the product is empty.`);
    if (r.fields[ci]?.trim()) costs[id] = money(r.fields[ci]!, at);
    const b: PriceBounds = {};
    if (lo >= 0 && r.fields[lo]?.trim()) b.min = money(r.fields[lo]!, `${at} (min)`);
    if (hi >= 0 && r.fields[hi]?.trim()) b.max = money(r.fields[hi]!, `${at} (max)`);
    if (b.min !== undefined || b.max !== undefined) bounds[id] = b;
  });
}

function readText(file: string, flag: string): string {
  try {
    return decodeText(readFileSync(file)).text;
  } catch (err) {
    throw new UsageError(`Cannot read ${flag} ${file}: ${describeError(err)}`);
  }
}

function options(values: Values): PricingOptions {
  const thresholds: Partial<Thresholds> = {};
  const minSales = wholeNumber(values, 'min-sales');
  const minPrices = wholeNumber(values, 'min-prices');
  if (minSales !== undefined) thresholds.minSales = minSales;
  if (minPrices !== undefined) thresholds.minPrices = minPrices;
  if (values['max-interval'] !== undefined) thresholds.maxIntervalWidth = Number(values['max-interval']);
  const period = values.period;
  if (period !== 'day' && period !== 'week') throw new UsageError(`--period must be day or week, not "${period}".`);
  const delimiter = values.delimiter === 'tab' ? '\t' : values.delimiter;
  const out: PricingOptions = {
    columns: parseColumns(values.columns),
    delimiter,
    mode: values['skip-bad-rows'] ? 'skip' : 'reject',
    period,
    weekday: values['no-weekday'] ? 'off' : 'auto',
    exclude: values.exclude === undefined ? UCI_SERVICE_CODES : values.exclude.trim().toLowerCase() === 'none' ? [] : list(values.exclude),
    thresholds,
    suggest: suggestRequest(values),
  };
  if (values.catalog) {
    const catalog = loadCatalogFile(values.catalog, readText(values.catalog, '--catalog'), { mode: 'skip', defaultCurrency: 'XXX' });
    out.categories = Object.fromEntries(catalog.products.map((p) => [p.id, p.categoryPath]));
    out.categoryDepth = wholeNumber(values, 'category-depth');
  }
  return out;
}

const num = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : Number(x.toFixed(6)));

function jsonLine(p: ProductInsight, report: PricingReport): string {
  const cat = p.category !== null ? report.categories.find((c) => c.category === p.category) : undefined;
  const s = p.suggestion;
  return JSON.stringify({
    product: p.product,
    title: p.title,
    n_obs: p.nObs,
    n_sales: p.sales,
    units: p.units,
    revenue: num(p.revenue),
    prices: p.prices,
    price_min: num(p.priceMin),
    price_max: num(p.priceMax),
    current_price: num(p.currentPrice),
    elasticity: num(p.estimate?.elasticity),
    ci_low: num(p.estimate?.ciLow),
    ci_high: num(p.estimate?.ciHigh),
    verdict: p.verdict,
    reason: p.reasonText,
    reason_code: p.reason,
    controls: p.estimate?.controls ?? [],
    warnings: p.warnings.map((w) => w.text),
    category: p.category,
    ...(cat ? { category_verdict: cat.verdict, category_elasticity: num(cat.estimate?.elasticity), category_ci_low: num(cat.estimate?.ciLow), category_ci_high: num(cat.estimate?.ciHigh) } : {}),
    ...(s
      ? s.ok
        ? {
            suggested_price: num(s.price),
            suggested_low: num(s.priceLow),
            suggested_high: num(s.priceHigh),
            decided_by: s.decidedBy,
            suggestion_basis: s.basis,
            objective: s.objective,
            suggestion_rests_on: s.restsOn,
            suggestion_uncertainty: s.uncertainty,
            suggestion_warnings: s.warnings,
          }
        : { suggested_price: null, suggestion_reason: s.text }
      : {}),
  });
}

const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
const padLeft = (s: string, n: number) => s.padStart(n);
const n = (x: number) => x.toLocaleString('en');

function printTable(report: PricingReport, file: string, shown: ProductInsight[], limit: number): void {
  const c = report.cleaning;
  const s = report.summary;
  console.log(`sales file: ${file} (${n(c.rows)} rows, ${c.encoding})`);
  if (c.badRows) console.log(`skipped: ${count(c.badRows, 'unreadable row')} (first: row ${c.issues[0]?.row}, ${c.issues[0]?.field}: ${c.issues[0]?.reason})`);
  console.log(
    `used: ${n(c.sales)} sales lines. Left out: ${n(c.cancellations)} cancellations and returns (with ${n(c.cancelledSales)} sales they cancelled), ` +
      `${n(c.zeroPrice)} at price 0, ${n(c.negativePrice)} at a negative price, ${n(c.zeroQuantity)} with quantity 0, ${n(c.excluded)} service lines`,
  );
  console.log(`period: ${c.period}; ${c.firstDay} to ${c.lastDay} (${count(c.spanDays, 'day')}). Day-of-week terms: ${c.weekday.used ? 'used' : 'not used'}. ${c.weekday.reason}`);
  const reasons = Object.entries(s.reasons)
    .sort((a, b) => b[1] - a[1])
    .map(([r, k]) => `${r} ${n(k)}`)
    .join(', ');
  console.log(`products: ${n(s.products)}: ${n(s.estimated)} estimated, ${n(s.tooThin)} too thin${reasons ? ` (${reasons})` : ''}`);
  console.log(`categories: ${s.categorySource}${report.categories.length ? ` ${s.categories.estimated} estimated, ${s.categories.tooThin} too thin.` : ''}`);

  const estimated = shown.filter((p) => p.verdict === 'estimated');
  const suggesting = shown.some((p) => p.suggestion);
  const header = `${pad('product', 10)} ${pad('title', 30)} ${padLeft('obs', 4)} ${padLeft('prices', 6)} ${pad('price range', 13)} ${pad('elasticity [95% interval]', 27)}`;
  if (estimated.length) {
    console.log(`\nestimated (${estimated.length}):`);
    console.log(`${header}${suggesting ? ' suggested price [range] (decided by)' : ''}`);
    for (const p of estimated) {
      const e = p.estimate!;
      const sug = p.suggestion ? (p.suggestion.ok ? `${formatPrice(p.suggestion.price)} [${formatPrice(p.suggestion.priceLow)}–${formatPrice(p.suggestion.priceHigh)}] (${p.suggestion.decidedBy})` : `none: ${p.suggestion.reason}`) : '';
      console.log(
        `${pad(p.product, 10)} ${pad(p.title ?? '', 30)} ${padLeft(String(p.nObs), 4)} ${padLeft(String(p.prices), 6)} ${pad(`${formatPrice(p.priceMin)}–${formatPrice(p.priceMax)}`, 13)} ` +
          `${pad(`${formatElasticity(e.elasticity)} [${formatElasticity(e.ciLow)}, ${formatElasticity(e.ciHigh)}]${e.controls.length ? ' +wd' : ''}`, 27)} ${sug}`,
      );
      for (const w of p.warnings) console.log(`${' '.repeat(11)}note: ${w.text}`);
    }
  }
  const thin = shown.filter((p) => p.verdict === 'too-thin');
  if (thin.length) {
    console.log(`\ntoo thin to tell (${thin.length}${thin.length > limit ? `; the ${limit} with most revenue shown, --json lists all` : ''}):`);
    console.log(`${pad('product', 10)} ${pad('title', 30)} ${padLeft('sales', 5)} ${padLeft('prices', 6)} why`);
    for (const p of thin.slice(0, limit)) {
      const sug = p.suggestion?.ok ? ` Suggested from its category: ${formatPrice(p.suggestion.price)} [${formatPrice(p.suggestion.priceLow)}–${formatPrice(p.suggestion.priceHigh)}].` : '';
      console.log(`${pad(p.product, 10)} ${pad(p.title ?? '', 30)} ${padLeft(String(p.sales), 5)} ${padLeft(String(p.prices), 6)} ${p.reasonText}${sug}`);
    }
  }
  if (report.categories.length) {
    console.log(`\ncategories (${report.categories.length}):`);
    for (const k of report.categories) {
      const what = k.verdict === 'estimated' ? `${formatElasticity(k.estimate.elasticity)} [${formatElasticity(k.estimate.ciLow)}, ${formatElasticity(k.estimate.ciHigh)}]` : `too thin: ${k.reasonText}`;
      console.log(`${pad(k.category, 40)} ${padLeft(String(k.products), 4)} products, ${k.productsUsed} with price changes, ${k.nObs} obs: ${what}`);
    }
  }
}

function main(): void {
  const values = parse();
  const file = values.data!;
  const opts = options(values);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    throw new UsageError(`Cannot read --data ${file}: ${describeError(err)}`);
  }
  const report = analyseSales({ name: basename(file), data: bytes }, opts);
  const only = values.product ? new Set(list(values.product)) : null;
  const shown = only ? report.products.filter((p) => only.has(p.product)) : report.products;
  if (only && shown.length < only.size) {
    const missing = [...only].filter((id) => !report.products.some((p) => p.product === id));
    throw new UsageError(`--product: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the sales file (or excluded).`);
  }
  if (values.json) {
    for (const p of shown) console.log(jsonLine(p, report));
    return;
  }
  printTable(report, file, shown, wholeNumber(values, 'limit') ?? 20);
}

try {
  main();
} catch (err) {
  const name = (err as { name?: string })?.name;
  if (name === 'UsageError' || name === 'InvalidFileError' || name === 'ConfigError') {
    console.error(`price:insight: ${describeError(err)}`);
    // The message names the first five; list the next ones too.
    const issues = (err as { issues?: RowIssue[] }).issues ?? [];
    for (const i of issues.slice(5, 25)) console.error(`  row ${i.row}, ${i.field}: ${i.reason}`);
    if (issues.length > 25) console.error(`  … and ${issues.length - 25} more`);
  } else console.error(err);
  process.exit(1);
}
