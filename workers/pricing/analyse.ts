/**
 * The pricing insight from end to end: read the sales file, clean it, build each product's observations, fit each
 * product and each category (when a catalog gives categories), and suggest prices when costs or a revenue objective
 * are given. Pure and synchronous: the worker runs it, and so do the CLI and the tests.
 */
import { ConfigError } from '../../src/shared/errors.ts';
import { count } from '../../src/shared/format.ts';
import {
  DEFAULT_THRESHOLDS,
  type CategoryInsight,
  type CleaningReport,
  type PriceSuggestion,
  type PricingOptions,
  type PricingReport,
  type PricingSummary,
  type ProductInsight,
  type SalesFile,
  type SuggestRequest,
  type ThinReason,
  type Thresholds,
} from '../../src/shared/protocol/pricing.ts';
import { cleanSales } from './clean.ts';
import { productCells, type ProductCells } from './cells.ts';
import { fitCategory, fitProduct, type FitContext } from './demand.ts';
import { resolveBounds, suggestPrice, type SuggestInput } from './optimise.ts';
import { dayLabel, readSalesFile, type SalesLine, type SalesTable } from './sales-file.ts';

/** Day-of-week terms need every weekday seen at least twice: two weeks of data. */
export const WEEKDAY_MIN_SPAN_DAYS = 14;
const DEFAULT_CURVE_POINTS = 41;
const DEFAULT_CATEGORY_DEPTH = 2;

export function resolveThresholds(partial: Partial<Thresholds> = {}): Thresholds {
  const t = { ...DEFAULT_THRESHOLDS, ...partial };
  const positive = ['minSales', 'minObservations', 'minPrices', 'minObservationsPerPrice', 'minResidualDf', 'minCategoryProducts'] as const;
  for (const k of positive) {
    if (!(Number.isInteger(t[k]) && t[k] >= 1)) throw new ConfigError(`The threshold ${k} must be a whole number of at least 1, not ${t[k]}.`);
  }
  if (t.minPrices < 2) throw new ConfigError('The threshold minPrices must be at least 2: one price cannot show a response to price.');
  if (t.minResidualDf < 2) throw new ConfigError('The threshold minResidualDf must be at least 2 (an interval needs residual spread).');
  if (!(t.minPriceSpread >= 0)) throw new ConfigError(`The threshold minPriceSpread must be 0 or more, not ${t.minPriceSpread}.`);
  if (!(t.maxIntervalWidth > 0)) throw new ConfigError(`The threshold maxIntervalWidth must be above 0, not ${t.maxIntervalWidth}.`);
  return t;
}

interface ProductWork {
  id: string;
  title: string | null;
  category: string | null;
  lines: SalesLine[];
  sales: SalesLine[];
}

function categoryOf(id: string, options: PricingOptions): string | null {
  const path = options.categories?.[id];
  if (!path || path.length === 0) return null;
  return path.slice(0, options.categoryDepth ?? DEFAULT_CATEGORY_DEPTH).join(' > ');
}

function suggestInputOf(p: ProductInsight, categories: ReadonlyMap<string, CategoryInsight>): SuggestInput | PriceSuggestion {
  const observed = { min: p.priceMin, max: p.priceMax };
  if (p.verdict === 'estimated') return { product: p.product, basis: 'product', estimate: p.estimate, currentPrice: p.currentPrice, observed };
  const cat = p.category !== null ? categories.get(p.category) : undefined;
  if (cat?.verdict === 'estimated' && p.sales > 0) {
    return { product: p.product, basis: 'category', category: cat.category, estimate: cat.estimate, currentPrice: p.currentPrice, observed };
  }
  const why = cat ? ` Its category's data is too thin as well: ${cat.reasonText}` : '';
  return { ok: false, product: p.product, reason: 'no-estimate', text: `No price is suggested. ${p.reasonText}${why}` };
}

/** A suggestion per product from a report's estimates (its own, else its category's), for the given costs and bounds. */
export function suggestFromReport(report: Pick<PricingReport, 'products' | 'categories'>, request: SuggestRequest): PriceSuggestion[] {
  const categories = new Map(report.categories.map((c) => [c.category, c]));
  return report.products.map((p) => {
    const input = suggestInputOf(p, categories);
    if ('ok' in input) return input;
    return suggestPrice(input, request);
  });
}

function cleaningReport(table: SalesTable, counts: ReturnType<typeof cleanSales>['counts'], products: number, options: PricingOptions, sales: SalesLine[]): CleaningReport {
  let first = Infinity;
  let last = -Infinity;
  for (const l of sales) {
    first = Math.min(first, l.day);
    last = Math.max(last, l.day);
  }
  const spanDays = sales.length ? last - first + 1 : 0;
  const period = options.period ?? 'day';
  const weekday =
    options.weekday === 'off'
      ? { used: false, reason: 'Day-of-week terms were switched off.' }
      : period !== 'day'
        ? { used: false, reason: 'Sales are summed by week, so there are no day-of-week effects to estimate.' }
        : spanDays < WEEKDAY_MIN_SPAN_DAYS
          ? { used: false, reason: `The sales span ${count(spanDays, 'day')}: day-of-week terms need at least ${WEEKDAY_MIN_SPAN_DAYS} (each weekday seen twice), or a weekday could not be told from a date.` }
          : { used: true, reason: `The sales span ${count(spanDays, 'day')}: day-of-week terms are used for every product with enough observations on each weekday.` };
  return {
    encoding: table.encoding,
    rows: table.rows,
    badRows: table.badRows,
    issues: table.issues,
    ...counts,
    products,
    firstDay: sales.length ? dayLabel(first) : null,
    lastDay: sales.length ? dayLabel(last) : null,
    spanDays,
    period,
    weekday,
  };
}

/** The whole analysis of order lines already read. */
export function analyseTable(table: SalesTable, options: PricingOptions = {}): PricingReport {
  const thresholds = resolveThresholds(options.thresholds);
  const period = options.period ?? 'day';
  if (period !== 'day' && period !== 'week') throw new ConfigError(`The period must be "day" or "week", not "${String(period)}".`);
  const depth = options.categoryDepth ?? DEFAULT_CATEGORY_DEPTH;
  if (!(Number.isInteger(depth) && depth >= 1)) throw new ConfigError(`The category depth must be a whole number of at least 1, not ${depth}.`);
  const { sales, counts } = cleanSales(table.lines, options.exclude);
  const excluded = new Set((options.exclude ?? []).map((c) => c.trim().toUpperCase()));

  const work = new Map<string, ProductWork>();
  for (const l of table.lines) {
    if (excluded.has(l.product.toUpperCase())) continue;
    let w = work.get(l.product);
    if (!w) work.set(l.product, (w = { id: l.product, title: null, category: categoryOf(l.product, options), lines: [], sales: [] }));
    w.lines.push(l);
    if (!w.title && l.title) w.title = l.title;
  }
  for (const l of sales) work.get(l.product)!.sales.push(l);
  const cleaning = cleaningReport(table, counts, work.size, options, sales);
  const ctx: FitContext = { thresholds, period, weekday: cleaning.weekday.used, curvePoints: options.curvePoints ?? DEFAULT_CURVE_POINTS };

  const products: ProductInsight[] = [];
  const fits = new Map<string, ReturnType<typeof fitProduct>>();
  const cells = new Map<string, ProductCells>();
  for (const w of work.values()) {
    let pc = productCells(w.sales, period);
    if (w.sales.length === 0) {
      // Only cancellations or unpriced lines: their prices still say where the product stood.
      const prices = w.lines.map((l) => Math.abs(l.price));
      pc = { ...pc, priceMin: Math.min(...prices), priceMax: Math.max(...prices), currentPrice: prices[prices.length - 1]! };
    }
    cells.set(w.id, pc);
    const range = options.suggest && w.sales.length ? resolveBounds({ product: w.id, currentPrice: pc.currentPrice, observed: { min: pc.priceMin, max: pc.priceMax } }, options.suggest) : undefined;
    const fit = fitProduct(pc, w.sales.length, ctx, range);
    fits.set(w.id, fit);
    products.push({
      ...fit.verdict,
      product: w.id,
      title: w.title,
      category: w.category,
      sales: w.sales.length,
      units: pc.units,
      revenue: pc.revenue,
      nObs: pc.cells.length,
      prices: pc.distinctPrices,
      priceMin: pc.priceMin,
      priceMax: pc.priceMax,
      currentPrice: pc.currentPrice,
      warnings: fit.warnings,
      points: pc.cells.map((c, i) => ({ period: dayLabel(c.period), price: c.price, units: c.units, sales: c.sales, customers: c.customers, outlier: fit.outlier[i]! })),
      curve: fit.curve,
    });
  }

  const categories: CategoryInsight[] = [];
  if (options.categories) {
    const members = new Map<string, ProductWork[]>();
    for (const w of work.values()) {
      if (w.category === null || w.sales.length === 0) continue;
      const list = members.get(w.category);
      if (list) list.push(w);
      else members.set(w.category, [w]);
    }
    for (const [category, list] of members) {
      const fit = fitCategory(
        list.map((w) => {
          const pf = fits.get(w.id)!;
          return { cells: cells.get(w.id)!.cells, outlier: pf.outlier, usable: pf.verdict.reason !== 'price-follows-order-size' };
        }),
        ctx,
      );
      categories.push({
        ...fit.verdict,
        category,
        products: list.length,
        productsUsed: fit.productsUsed,
        sales: list.reduce((s, w) => s + w.sales.length, 0),
        units: list.reduce((s, w) => s + cells.get(w.id)!.units, 0),
        revenue: list.reduce((s, w) => s + cells.get(w.id)!.revenue, 0),
        nObs: fit.nObs,
        prices: new Set(list.flatMap((w) => cells.get(w.id)!.cells.map((c) => c.price))).size,
        priceMin: Math.min(...list.map((w) => cells.get(w.id)!.priceMin)),
        priceMax: Math.max(...list.map((w) => cells.get(w.id)!.priceMax)),
        warnings: fit.warnings,
      });
    }
    categories.sort((a, b) => b.revenue - a.revenue);
  }

  products.sort((a, b) => b.revenue - a.revenue || a.product.localeCompare(b.product));
  if (options.suggest) {
    const suggestions = suggestFromReport({ products, categories }, options.suggest);
    products.forEach((p, i) => (p.suggestion = suggestions[i]));
  }
  return { cleaning, summary: summarise(products, categories, options), products, categories, thresholds };
}

function summarise(products: readonly ProductInsight[], categories: readonly CategoryInsight[], options: PricingOptions): PricingSummary {
  const reasons: Partial<Record<ThinReason, number>> = {};
  for (const p of products) if (p.reason) reasons[p.reason] = (reasons[p.reason] ?? 0) + 1;
  const estimated = products.filter((p) => p.verdict === 'estimated').length;
  const matched = options.categories ? products.filter((p) => p.category !== null).length : 0;
  return {
    products: products.length,
    estimated,
    tooThin: products.length - estimated,
    reasons,
    categories: { estimated: categories.filter((c) => c.verdict === 'estimated').length, tooThin: categories.filter((c) => c.verdict === 'too-thin').length },
    categorySource: options.categories
      ? `Categories from the catalog given: the first ${count(options.categoryDepth ?? DEFAULT_CATEGORY_DEPTH, 'level')} of each product's category path; ${matched} of ${count(products.length, 'product')} found in it.`
      : 'No categories: the sales file has no category column and no catalog was given to take them from.',
  };
}

/** Reads and analyses a sales file. Throws InvalidFileError (with its issues) for a file that cannot be read. */
export function analyseSales(file: SalesFile, options: PricingOptions = {}): PricingReport {
  return analyseTable(readSalesFile(file, options), options);
}
