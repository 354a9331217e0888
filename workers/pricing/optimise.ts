/**
 * A price within the merchant's bounds that maximises revenue or margin under the fitted demand curve, with what it
 * rests on and how uncertain it is: the range of best prices over the elasticity's 95% interval. The search is
 * numerical (a log-spaced grid, then golden-section refinement), so it holds for any curve; under the constant
 * elasticity of the log-log model its answers are the textbook ones, which the tests check: margin is best at
 * cost·e/(1+e) when e < −1 (the Lerner rule), and rises without end when −1 ≤ e, so the upper bound decides; revenue
 * is monotone in price, so one of the bounds always decides it.
 */
import { count } from '../../src/shared/format.ts';
import type {
  BoundSource,
  DecidedBy,
  ElasticityEstimate,
  Objective,
  PriceBounds,
  PriceSuggestion,
  PriceSuggestionNone,
  SuggestRequest,
} from '../../src/shared/protocol/pricing.ts';
import { formatElasticity, formatPrice } from './demand.ts';

export interface SuggestInput {
  product: string;
  basis: 'product' | 'category';
  /** The category's name when the basis is the category. */
  category?: string | null;
  estimate: Pick<ElasticityEstimate, 'elasticity' | 'ciLow' | 'ciHigh' | 'nObs'>;
  currentPrice: number;
  /** The lowest and highest prices in the data behind the estimate. */
  observed: { min: number; max: number };
}

/** Expected units relative to the current price p0: (p / p0)^e. */
const unitsRatio = (p: number, p0: number, e: number) => (p / p0) ** e;

/** The objective at price p, up to the constant demand level (which moves no optimum). */
export function objectiveValue(objective: Objective, p: number, e: number, cost: number): number {
  return objective === 'revenue' ? p ** (1 + e) : (p - cost) * p ** e;
}

const GRID = 256;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** The price in [lo, hi] where f is largest: the best of a log-spaced grid, refined by golden section around it. */
export function maximise(f: (p: number) => number, lo: number, hi: number): number {
  if (hi <= lo) return lo;
  const a = Math.log(lo);
  const b = Math.log(hi);
  const at = (i: number) => (i === 0 ? lo : i === GRID - 1 ? hi : Math.exp(a + ((b - a) * i) / (GRID - 1)));
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < GRID; i++) {
    const v = f(at(i));
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  if (best === 0 || best === GRID - 1) return at(best);
  let l = Math.log(at(best - 1));
  let r = Math.log(at(best + 1));
  let x1 = r - GOLDEN * (r - l);
  let x2 = l + GOLDEN * (r - l);
  let f1 = f(Math.exp(x1));
  let f2 = f(Math.exp(x2));
  for (let i = 0; i < 100 && r - l > 1e-12; i++) {
    if (f1 < f2) {
      l = x1;
      x1 = x2;
      f1 = f2;
      x2 = l + GOLDEN * (r - l);
      f2 = f(Math.exp(x2));
    } else {
      r = x2;
      x2 = x1;
      f2 = f1;
      x1 = r - GOLDEN * (r - l);
      f1 = f(Math.exp(x1));
    }
  }
  return Math.exp((l + r) / 2);
}

function decided(p: number, lo: number, hi: number): DecidedBy {
  if (p <= lo * (1 + 1e-9)) return 'lower-bound';
  if (p >= hi * (1 - 1e-9)) return 'upper-bound';
  return 'curve';
}

/** The product's bounds: its own, else relative to the current price, else the prices in the data. */
export function resolveBounds(input: Pick<SuggestInput, 'product' | 'currentPrice' | 'observed'>, request: SuggestRequest): { min: number; max: number; minSource: BoundSource; maxSource: BoundSource } {
  const own: PriceBounds = request.bounds?.[input.product] ?? {};
  const rel = request.defaultChange;
  const side = (mine: number | undefined, change: number | undefined, observed: number): [number, BoundSource] =>
    mine !== undefined ? [mine, 'merchant'] : change !== undefined ? [input.currentPrice * (1 + change), 'relative'] : [observed, 'observed'];
  const [min, minSource] = side(own.min, rel?.min, input.observed.min);
  const [max, maxSource] = side(own.max, rel?.max, input.observed.max);
  return { min, max, minSource, maxSource };
}

export function costOf(product: string, currentPrice: number, request: SuggestRequest): number | null {
  const own = request.costs?.[product];
  if (own !== undefined) return own;
  return request.defaultCostShare !== undefined ? currentPrice * request.defaultCostShare : null;
}

const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(Math.abs(x) < 0.1 ? 1 : 0)}%`;
const SOURCE_WORDS: Record<BoundSource, string> = { merchant: 'yours', relative: 'relative to the current price', observed: 'the prices in the data' };

export function suggestPrice(input: SuggestInput, request: SuggestRequest): PriceSuggestion {
  const objective = request.objective ?? 'margin';
  const none = (reason: PriceSuggestionNone['reason'], text: string): PriceSuggestionNone => ({ ok: false, product: input.product, reason, text });
  const { elasticity: e, ciLow, ciHigh } = input.estimate;
  if (ciLow > 0) {
    return none('demand-rises-with-price', `No price is suggested: in this data demand rose with price (interval ${formatElasticity(ciLow)} to ${formatElasticity(ciHigh)}), which says more about what else changed than about the price.`);
  }
  const bounds = resolveBounds(input, request);
  if (bounds.min === bounds.max && bounds.minSource === 'observed' && bounds.maxSource === 'observed') {
    return none('bad-bounds', `The data has one price only (${formatPrice(bounds.min)}) and no bounds were given: give a minimum and a maximum price, or a change relative to the current price.`);
  }
  if (!(bounds.min > 0 && bounds.max >= bounds.min && Number.isFinite(bounds.max))) {
    return none('bad-bounds', `The bounds ${formatPrice(bounds.min)} to ${formatPrice(bounds.max)} are not a price range: the minimum must be above 0 and not above the maximum.`);
  }
  const cost = objective === 'margin' ? costOf(input.product, input.currentPrice, request) : null;
  if (objective === 'margin') {
    if (cost === null || !(cost >= 0)) return none('no-cost', 'No price is suggested for margin without a unit cost: enter the cost (or choose revenue).');
    if (cost >= bounds.max) return none('cost-above-bounds', `The unit cost ${formatPrice(cost)} is not below the highest allowed price ${formatPrice(bounds.max)}: every allowed price loses money.`);
  }
  const c = cost ?? 0;
  const best = (el: number) => maximise((p) => objectiveValue(objective, p, el, c), bounds.min, bounds.max);
  const price = best(e);
  const decidedBy = decided(price, bounds.min, bounds.max);
  const across = Array.from({ length: 21 }, (_, i) => best(ciLow + ((ciHigh - ciLow) * i) / 20));
  const priceLow = Math.min(...across);
  const priceHigh = Math.max(...across);

  const p0 = input.currentPrice;
  const units = [unitsRatio(price, p0, ciLow), unitsRatio(price, p0, ciHigh)].map((r) => r - 1).sort((a, b) => a - b);
  const change = (el: number) => objectiveValue(objective, price, el, c) / objectiveValue(objective, p0, el, c) - 1;
  const currentPositive = objectiveValue(objective, p0, e, c) > 0;
  const objectiveChanges = [change(ciLow), change(ciHigh)].sort((a, b) => a - b);

  const what = objective === 'revenue' ? 'revenue' : 'margin';
  const whose = input.basis === 'product' ? 'its own elasticity' : `its category's elasticity (${input.category}; its own data is too thin)`;
  const restsOn =
    `${what[0]!.toUpperCase()}${what.slice(1)} under a constant-elasticity curve with ${whose}, ${formatElasticity(e)} (95% interval ${formatElasticity(ciLow)} to ${formatElasticity(ciHigh)}), ` +
    `from ${count(input.estimate.nObs, 'observation')} at prices ${formatPrice(input.observed.min)} to ${formatPrice(input.observed.max)}` +
    `${cost !== null ? `; unit cost ${formatPrice(cost)}` : ''}; bounds ${formatPrice(bounds.min)} (${SOURCE_WORDS[bounds.minSource]}) to ${formatPrice(bounds.max)} (${SOURCE_WORDS[bounds.maxSource]}).`;
  const sentences: string[] = [];
  if (decidedBy === 'upper-bound' && e >= -1) {
    sentences.push(`Demand is inelastic here (elasticity ${formatElasticity(e)}, not below −1): ${what} keeps rising with price, so the upper bound decides, not the curve.`);
  } else if (decidedBy === 'lower-bound' && objective === 'revenue') {
    sentences.push(`Demand is elastic here (elasticity below −1): revenue rises as the price falls, so the lower bound decides, not the curve.`);
  } else if (decidedBy !== 'curve') {
    sentences.push(`The best price on the curve lies beyond the ${decidedBy === 'upper-bound' ? 'upper' : 'lower'} bound, so the bound decides.`);
  }
  if (priceHigh - priceLow > 1e-9 * priceHigh) {
    const atBound = priceHigh >= bounds.max * (1 - 1e-9) && decidedBy !== 'upper-bound' ? ' (the upper bound: the interval allows demand that is inelastic)' : '';
    sentences.push(`Over the elasticity's 95% interval the best price lies between ${formatPrice(priceLow)} and ${formatPrice(priceHigh)}${atBound}.`);
  } else {
    sentences.push(`Every elasticity in the 95% interval gives the same price, ${formatPrice(price)}.`);
  }
  if (Math.abs(price / p0 - 1) > 1e-9) {
    sentences.push(
      `Against the current ${formatPrice(p0)}: units ${pct(unitsRatio(price, p0, e) - 1)} (${pct(units[0]!)} to ${pct(units[1]!)})` +
        (currentPositive ? `, ${what} ${pct(change(e))} (${pct(objectiveChanges[0]!)} to ${pct(objectiveChanges[1]!)}).` : '.'),
    );
  }
  const warnings: string[] = [];
  const beyond = price > input.observed.max * 1.05 ? price / input.observed.max - 1 : price < input.observed.min / 1.05 ? input.observed.min / price - 1 : 0;
  if (beyond > 0) {
    warnings.push(
      `The suggestion is ${(beyond * 100).toFixed(0)}% ${price > input.observed.max ? 'above the highest' : 'below the lowest'} price in the data (${formatPrice(input.observed.min)} to ${formatPrice(input.observed.max)}): it assumes the curve keeps its shape where it was never seen.`,
    );
  }
  return {
    ok: true,
    product: input.product,
    objective,
    basis: input.basis,
    elasticity: e,
    ciLow,
    ciHigh,
    price,
    priceLow,
    priceHigh,
    decidedBy,
    bounds,
    cost,
    currentPrice: p0,
    unitsChange: { estimate: unitsRatio(price, p0, e) - 1, low: units[0]!, high: units[1]! },
    objectiveChange: currentPositive ? { estimate: change(e), low: objectiveChanges[0]!, high: objectiveChanges[1]! } : null,
    restsOn,
    uncertainty: sentences.join(' '),
    warnings,
  };
}
