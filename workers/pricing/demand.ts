/**
 * The demand model: log(units) = a + e·log(price) [+ day-of-week terms] + error, fitted by least squares to the
 * units a product sold at each price in each period; e is the price elasticity (−2: 1% dearer, 2% fewer units), with a
 * 95% Student-t interval. Before a number is given, the data must be able to tell: enough sales, at least three
 * prices spread far enough apart, prices that were not set by order size, and an interval narrow enough to mean
 * something. A category pools its products, each with its own demand level (a fixed effect), so that products too
 * thin alone can share one elasticity. Model and choices: PRICING.md.
 */
import { count } from '../../src/shared/format.ts';
import type { CurvePoint, ElasticityEstimate, Period, PricingWarning, ThinReason, Thresholds, Verdict } from '../../src/shared/protocol/pricing.ts';
import type { Cell, ProductCells } from './cells.ts';
import { ols, studentisedResiduals, tCritical95, type OlsFit } from './stats.ts';
import { dayLabel } from './sales-file.ts';

/** Beyond this externally studentised residual an observation is left out as an outlier. */
export const OUTLIER_T = 4;
/** Outliers are looked for only in fits with at least this many observations, and at most a tenth are left out. */
const OUTLIER_MIN_OBS = 10;
/** Observations a weekday needs before it gets its own term (rarer weekdays share the baseline's). */
const WEEKDAY_MIN_OBS = 2;
/** A lower price is "with larger orders" when its orders' median quantity is at least this many times the full price's. */
export const ORDER_SIZE_RATIO = 2;
/** …and the periods with several prices hold at least this share of the sales lines. */
export const MIXED_SHARE = 0.2;

export interface FitContext {
  thresholds: Thresholds;
  period: Period;
  /** Whether the file supports day-of-week terms at all. */
  weekday: boolean;
  curvePoints: number;
}

export type Thin = { verdict: 'too-thin'; estimate: null; reason: ThinReason; reasonText: string };

export function thin(reason: ThinReason, reasonText: string): Thin {
  return { verdict: 'too-thin', estimate: null, reason, reasonText };
}

/** A price for people: two decimals, or two significant digits below 0.10 (0.065). */
export function formatPrice(p: number): string {
  return Math.abs(p) >= 0.1 || p === 0 ? p.toFixed(2) : String(Number(p.toPrecision(2)));
}

export const formatElasticity = (e: number) => (e >= 0 ? e.toFixed(2) : `−${(-e).toFixed(2)}`);

/** The weekday columns of a design: one per weekday with enough observations, except the commonest (the baseline). */
function weekdayLevels(cells: readonly Cell[]): number[] {
  const n = new Array<number>(7).fill(0);
  for (const c of cells) if (c.weekday !== null) n[c.weekday]!++;
  const present = n.map((v, d) => [d, v] as const).filter(([, v]) => v >= WEEKDAY_MIN_OBS);
  if (present.length < 2) return [];
  const base = present.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return present.map(([d]) => d).filter((d) => d !== base);
}

const dummies = (levels: readonly number[], c: Cell) => levels.map((d) => (c.weekday === d ? 1 : 0));

interface LogLogFit {
  fit: OlsFit;
  levels: number[];
  centre: number;
  /** Mean of each weekday column (the average weekday mix the curve is drawn at). */
  mix: number[];
}

/** One product's fit with an intercept; null when the design is singular or leaves too few degrees of freedom. */
function fitCells(cells: readonly Cell[], levels: number[], minDf: number): LogLogFit | null {
  const logs = cells.map((c) => Math.log(c.price));
  const centre = logs.reduce((s, v) => s + v, 0) / logs.length;
  const x = cells.map((c, i) => [1, logs[i]! - centre, ...dummies(levels, c)]);
  const fit = ols(x, cells.map((c) => Math.log(c.units)));
  if (!fit || fit.df < minDf) return null;
  const mix = levels.map((_, j) => x.reduce((s, row) => s + row[2 + j]!, 0) / x.length);
  return { fit, levels, centre, mix };
}

function estimateOf(fit: OlsFit, index: number, controls: string[]): ElasticityEstimate {
  const e = fit.coefficients[index]!;
  const se = Math.sqrt(fit.covariance[index]![index]!);
  const t = tCritical95(fit.df);
  return { elasticity: e, ciLow: e - t * se, ciHigh: e + t * se, standardError: se, df: fit.df, nObs: fit.residuals.length, rSquared: fit.rSquared, controls };
}

/** The mean units per observation on a log-spaced price grid, with the 95% band of that mean (Duan's smearing for the level). */
function curveOf(f: LogLogFit, from: number, to: number, points: number): CurvePoint[] {
  const smearing = f.fit.residuals.reduce((s, e) => s + Math.exp(e), 0) / f.fit.residuals.length;
  const t = tCritical95(f.fit.df);
  const out: CurvePoint[] = [];
  const a = Math.log(from);
  const b = Math.log(to);
  for (let i = 0; i < points; i++) {
    const price = Math.exp(points === 1 ? a : a + ((b - a) * i) / (points - 1));
    const x0 = [1, Math.log(price) - f.centre, ...f.mix];
    const mean = x0.reduce((s, v, j) => s + v * f.fit.coefficients[j]!, 0);
    let v = 0;
    for (let j = 0; j < x0.length; j++) for (let k = 0; k < x0.length; k++) v += x0[j]! * f.fit.covariance[j]![k]! * x0[k]!;
    const half = t * Math.sqrt(Math.max(v, 0));
    out.push({ price, units: Math.exp(mean) * smearing, low: Math.exp(mean - half) * smearing, high: Math.exp(mean + half) * smearing });
  }
  return out;
}

function intervalCheck(estimate: ElasticityEstimate, thresholds: Thresholds): Thin | null {
  if (estimate.ciHigh - estimate.ciLow <= thresholds.maxIntervalWidth) return null;
  return thin(
    'imprecise',
    `The 95% interval of the elasticity runs from ${formatElasticity(estimate.ciLow)} to ${formatElasticity(estimate.ciHigh)}: too wide to tell how strongly demand responds to price. It needs more sales or more price changes.`,
  );
}

function risesWithPrice(estimate: ElasticityEstimate): PricingWarning[] {
  if (estimate.ciLow <= 0) return [];
  return [
    {
      code: 'demand-rises-with-price',
      text:
        `Demand rose with price (elasticity ${formatElasticity(estimate.elasticity)}, 95% interval ${formatElasticity(estimate.ciLow)} to ${formatElasticity(estimate.ciHigh)}): ` +
        'something else probably changed with the price (a season, a promotion, other buyers), so this curve should not be used to set a price.',
    },
  ];
}

/** The checks that need no fit: enough sales, prices and observations, and prices the merchant set. */
function dataCheck(pc: ProductCells, sales: number, ctx: FitContext): Thin | null {
  const th = ctx.thresholds;
  const per = ctx.period;
  if (sales === 0) return thin('no-sales', 'No sales are left after cleaning: every line was a cancellation or a return, or had no price.');
  if (sales < th.minSales) {
    const lines = sales === 1 ? '1 sale (order line)' : `${sales} sales (order lines)`;
    return thin('few-sales', `Only ${lines}: at least ${th.minSales} are needed to tell how demand moves with price.`);
  }
  if (pc.distinctPrices === 1) {
    return thin('no-price-variation', `It sold at one price only (${formatPrice(pc.priceMin)}): with no price change, the data cannot show how demand responds to price.`);
  }
  const mix = pc.mix;
  if (mix.mixedShare >= MIXED_SHARE && mix.orderSizeRatio !== null && mix.orderSizeRatio >= ORDER_SIZE_RATIO) {
    return thin(
      'price-follows-order-size',
      `On ${mix.mixedPeriods} of ${count(mix.periods, per)} buyers paid different prices within the ${per}, and the lower prices went with larger orders ` +
        `(a median of ${mix.discountedMedian} units per order below the ${per}'s top price, ${mix.fullMedian} at it): quantity discounts or price lists. ` +
        'The data shows the discount schedule, not how demand responds when the price changes.',
    );
  }
  // A price paid in one period only is one event (a deal, a one-off order), not a price level the curve can rest on.
  const periodsAt = new Map<number, number>();
  for (const c of pc.cells) periodsAt.set(c.price, (periodsAt.get(c.price) ?? 0) + 1);
  const levels = [...periodsAt].filter(([, n]) => n >= th.minObservationsPerPrice).map(([p]) => p).sort((a, b) => a - b);
  if (levels.length < th.minPrices) {
    const all = [...periodsAt.keys()].sort((a, b) => a - b);
    const once = all.filter((p) => !levels.includes(p));
    const seen =
      once.length === 0
        ? `It sold at only ${all.length} prices (${all.map(formatPrice).join(' and ')})`
        : `Only ${levels.length} of its ${all.length} prices were paid in at least ${count(th.minObservationsPerPrice, per)} (${levels.map(formatPrice).join(', ') || 'none'}; ${once.map(formatPrice).join(', ')} in fewer)`;
    return thin('few-prices', `${seen}: at least ${th.minPrices} are needed to tell a demand curve from a line through two points.`);
  }
  if (pc.priceMax / pc.priceMin - 1 < th.minPriceSpread) {
    return thin(
      'narrow-price-range',
      `Its prices differ by only ${((pc.priceMax / pc.priceMin - 1) * 100).toFixed(1)}% (${formatPrice(pc.priceMin)} to ${formatPrice(pc.priceMax)}): too little change to measure a response.`,
    );
  }
  if (pc.cells.length < th.minObservations) {
    return thin('few-observations', `Only ${count(pc.cells.length, 'observation')} (a price in a ${per}): at least ${th.minObservations} are needed.`);
  }
  return null;
}

export interface ProductFit {
  verdict: Verdict<ElasticityEstimate>;
  warnings: PricingWarning[];
  /** Per cell: left out as an outlier. */
  outlier: boolean[];
  curve: CurvePoint[];
}

/** A product's elasticity, or why its data cannot tell. `curveRange` widens the drawn curve (e.g. to the merchant's bounds). */
export function fitProduct(pc: ProductCells, sales: number, ctx: FitContext, curveRange?: { min?: number; max?: number }): ProductFit {
  const outlier = pc.cells.map(() => false);
  const none = (v: Thin): ProductFit => ({ verdict: v, warnings: [], outlier, curve: [] });
  const th = ctx.thresholds;
  const early = dataCheck(pc, sales, ctx);
  if (early) return none(early);

  const warnings: PricingWarning[] = [];
  const mix = pc.mix;
  if (mix.mixedShare >= MIXED_SHARE) {
    warnings.push({
      code: 'prices-differ-within-period',
      text: `On ${mix.mixedPeriods} of ${count(mix.periods, ctx.period)} different buyers paid different prices within the ${ctx.period}: part of the price variation is who bought, not when the price changed.`,
    });
  }
  let levels = ctx.weekday ? weekdayLevels(pc.cells) : [];
  let f = levels.length ? fitCells(pc.cells, levels, th.minResidualDf) : null;
  if (!f && levels.length) {
    warnings.push({
      code: 'no-weekday-terms',
      text: 'No day-of-week terms: too few observations to estimate them beside the price, so a price that changed with the weekday is read as a response to the price.',
    });
    levels = [];
  }
  f ??= fitCells(pc.cells, [], th.minResidualDf);
  if (!f) {
    return none(thin('few-observations', `${count(pc.cells.length, 'observation')} (a price in a ${ctx.period}) leave fewer than ${th.minResidualDf} degrees of freedom for the fit.`));
  }

  // One pass of outlier removal: the largest studentised residuals beyond OUTLIER_T, at most a tenth of the data.
  if (pc.cells.length >= OUTLIER_MIN_OBS) {
    const t = studentisedResiduals(f.fit);
    const worst = t.map((v, i) => [Math.abs(v), i] as const).filter(([v]) => v > OUTLIER_T).sort((a, b) => b[0] - a[0]).slice(0, Math.floor(pc.cells.length / 10));
    if (worst.length) {
      const drop = new Set(worst.map(([, i]) => i));
      const kept = pc.cells.filter((_, i) => !drop.has(i));
      const refit = new Set(kept.map((c) => c.price)).size >= th.minPrices ? fitCells(kept, levels.length ? weekdayLevels(kept) : [], th.minResidualDf) : null;
      if (refit) {
        f = refit;
        for (const i of drop) outlier[i] = true;
        const first = pc.cells[worst[0]![1]]!;
        warnings.push({
          code: 'outliers-left-out',
          text: `${count(drop.size, 'outlying observation')} left out of the fit (e.g. ${first.units} units at ${formatPrice(first.price)} in the ${ctx.period} of ${dayLabel(first.period)}, far from what the rest predicts).`,
        });
      }
    }
  }
  const estimate = estimateOf(f.fit, 1, f.levels.length ? ['weekday'] : []);
  const wide = intervalCheck(estimate, th);
  if (wide) return { verdict: wide, warnings, outlier, curve: [] };
  warnings.push(...risesWithPrice(estimate));
  const lo = Math.min(pc.priceMin, curveRange?.min ?? Infinity);
  const hi = Math.max(pc.priceMax, curveRange?.max ?? -Infinity);
  return { verdict: { verdict: 'estimated', estimate, reason: null, reasonText: null }, warnings, outlier, curve: curveOf(f, lo, hi, ctx.curvePoints) };
}

export interface CategoryMember {
  cells: readonly Cell[];
  /** Cells left out of the product's own fit as outliers. */
  outlier: readonly boolean[];
  /** A product whose prices followed order size brings no price response to the pool. */
  usable: boolean;
}

export interface CategoryFit {
  verdict: Verdict<ElasticityEstimate>;
  warnings: PricingWarning[];
  productsUsed: number;
  nObs: number;
}

/**
 * A category's elasticity: one slope for all its products, each with its own level, from the variation of each
 * product's price around its own mean (the within estimator). Products that sold at one price add nothing to it.
 */
export function fitCategory(members: readonly CategoryMember[], ctx: FitContext): CategoryFit {
  const th = ctx.thresholds;
  const groups = members
    .filter((m) => m.usable)
    .map((m) => m.cells.filter((_, i) => !m.outlier[i]))
    .filter((cells) => new Set(cells.map((c) => c.price)).size >= 2);
  const nObs = groups.reduce((s, g) => s + g.length, 0);
  const result = (verdict: Verdict<ElasticityEstimate>, warnings: PricingWarning[] = []): CategoryFit => ({ verdict, warnings, productsUsed: groups.length, nObs });
  if (groups.length === 0) {
    return result(thin('no-price-variation', `None of its ${count(members.length, 'product')} sold at more than one price in data the model can use.`));
  }
  if (groups.length < th.minCategoryProducts) {
    return result(
      thin('few-products', `Only ${groups.length} of its ${count(members.length, 'product')} changed price: pooling needs at least ${th.minCategoryProducts}, or it is that product's estimate again.`),
    );
  }
  if (nObs < th.minObservations) {
    return result(thin('few-observations', `Only ${count(nObs, 'observation')} (a product's price in a ${ctx.period}): at least ${th.minObservations} are needed.`));
  }
  const all = groups.flat();
  const fitWith = (levels: number[]) => {
    const x: number[][] = [];
    const y: number[] = [];
    for (const g of groups) {
      const rows = g.map((c) => [Math.log(c.price), ...dummies(levels, c)]);
      const ys = g.map((c) => Math.log(c.units));
      const means = rows[0]!.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
      const my = ys.reduce((s, v) => s + v, 0) / ys.length;
      rows.forEach((r, i) => {
        x.push(r.map((v, j) => v - means[j]!));
        y.push(ys[i]! - my);
      });
    }
    const fit = ols(x, y, { absorbed: groups.length, intercept: false });
    return fit && fit.df >= th.minResidualDf ? fit : null;
  };
  const levels = ctx.weekday ? weekdayLevels(all) : [];
  const fit = (levels.length ? fitWith(levels) : null) ?? fitWith([]);
  if (!fit) return result(thin('few-observations', `${count(nObs, 'observation')} in ${groups.length} products leave fewer than ${th.minResidualDf} degrees of freedom.`));
  const estimate = estimateOf(fit, 0, fit.coefficients.length > 1 ? ['weekday'] : []);
  const wide = intervalCheck(estimate, th);
  return wide ? result(wide) : result({ verdict: 'estimated', estimate, reason: null, reasonText: null }, risesWithPrice(estimate));
}
