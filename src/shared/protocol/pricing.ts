/**
 * The pricing insight's contract: the types that cross the page–pricing-worker boundary (workers/pricing.worker.ts,
 * `PricingApi`), shared by the in-thread implementation (workers/pricing/local-pricing.ts, also used by Node tests),
 * the page's bridge (src/app/bridges/pricing.ts) and the `price:insight` CLI. The model is described in
 * workers/pricing/PRICING.md.
 */
import type { Product } from '../catalog/types.ts';
import type { RowIssue } from '../errors.ts';

// ───────────────────────────── the sales file ─────────────────────────────

/** The columns a sales file maps to. `title` (a product name to show) is optional, as are `invoice` and `customer`. */
export const SALES_FIELDS = ['invoice', 'product', 'quantity', 'price', 'time', 'customer', 'title'] as const;
export type SalesField = (typeof SALES_FIELDS)[number];
export type SalesColumns = Record<SalesField, string>;

/** Without them no demand can be estimated. */
export const REQUIRED_SALES_FIELDS: readonly SalesField[] = ['product', 'quantity', 'price', 'time'];

/** The UCI Online Retail export's column names: the defaults. */
export const DEFAULT_SALES_COLUMNS: SalesColumns = {
  invoice: 'InvoiceNo',
  product: 'StockCode',
  quantity: 'Quantity',
  price: 'UnitPrice',
  time: 'InvoiceDate',
  customer: 'CustomerID',
  title: 'Description',
};

/**
 * Stock codes of the UCI Online Retail file that are not goods: postage and carriage, manual lines, discounts,
 * samples, fees and bad-debt adjustments. Their "prices" are charges set per order, not prices a buyer responds to.
 */
export const UCI_SERVICE_CODES: readonly string[] = ['POST', 'DOT', 'C2', 'M', 'D', 'S', 'B', 'CRUK', 'PADS', 'AMAZONFEE', 'BANK CHARGES'];

/** A sales file as the page or the CLI has it: text, or the raw bytes (UTF-8, UTF-16 with a BOM, or Windows-1252). */
export interface SalesFile {
  name: string;
  data: string | ArrayBuffer | Uint8Array;
}

export interface SalesReadOptions {
  /** Header names per field; a field not given is looked up by the defaults and common aliases. */
  columns?: Partial<SalesColumns>;
  /** CSV delimiter (default: detected from the header line among , ; tab |). */
  delimiter?: string;
  /** 'reject' (default): a file with bad rows is refused, with every problem listed; 'skip': bad rows are left out. */
  mode?: 'reject' | 'skip';
}

/** What a sales file looks like before it is analysed: for a column-mapping screen with a preview. */
export interface SalesPreview {
  /** How the bytes were read: 'utf-8', 'utf-16le', 'utf-16be' or 'windows-1252'. */
  encoding: string;
  delimiter: string;
  header: string[];
  /** The header name each field maps to, or null where none was found. */
  columns: Record<SalesField, string | null>;
  /** Required fields with no column. */
  missing: SalesField[];
  /** The first data rows, as text. */
  rows: string[][];
  /** Data rows in the file. */
  rowCount: number;
}

/** A rejected file comes back as a value, so its row-by-row issues survive the worker boundary. */
export type PricingOutcome<T> = { ok: true; result: T } | { ok: false; message: string; issues: RowIssue[] };

// ───────────────────────────── options ─────────────────────────────

export type Period = 'day' | 'week';

export interface PricingOptions extends SalesReadOptions {
  /** The period sales are summed over (default 'day'): one observation is a product's units at one price in one period. */
  period?: Period;
  /** Day-of-week terms: 'auto' (default) uses them where the data supports them, 'off' never. */
  weekday?: 'auto' | 'off';
  /** Product codes to leave out (service lines such as postage). */
  exclude?: readonly string[];
  /** Product id → category path (from the merchant's catalog). Without it no category is estimated. */
  categories?: Readonly<Record<string, readonly string[]>>;
  /** How many levels of the category path form a category (default 2). */
  categoryDepth?: number;
  /** Thresholds below which the data is called too thin (defaults: DEFAULT_THRESHOLDS). */
  thresholds?: Partial<Thresholds>;
  /** Costs and bounds: when given, each estimate comes with a suggested price. */
  suggest?: SuggestRequest;
  /** Points on each fitted curve for a chart (default 41). */
  curvePoints?: number;
}

export interface Thresholds {
  /** Sales lines a product needs after cleaning. */
  minSales: number;
  /** Observations (period × price) the regression needs. */
  minObservations: number;
  /**
   * Distinct prices, each paid in at least `minObservationsPerPrice` periods: with fewer, the curve's shape cannot be
   * told from a straight line between two points.
   */
  minPrices: number;
  /** Periods a price must be seen in to count: a price paid once is one event (a deal, a one-off order). */
  minObservationsPerPrice: number;
  /** The highest price must exceed the lowest by this fraction (0.05 = 5%). */
  minPriceSpread: number;
  /** An interval wider than this (in elasticity units) tells the merchant nothing: too thin. */
  maxIntervalWidth: number;
  /** Residual degrees of freedom the fit must keep. */
  minResidualDf: number;
  /** A category pools products: it needs this many with their own price variation. */
  minCategoryProducts: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  minSales: 6,
  minObservations: 6,
  minPrices: 3,
  minObservationsPerPrice: 2,
  minPriceSpread: 0.05,
  maxIntervalWidth: 4,
  minResidualDf: 4,
  minCategoryProducts: 2,
};

// ───────────────────────────── results ─────────────────────────────

/** What was kept and left out of the file, and why. */
export interface CleaningReport {
  /** How the file's bytes were read (see SalesPreview.encoding). */
  encoding: string;
  /** Data rows in the file. */
  rows: number;
  /** Rows left out as unreadable (mode 'skip'), with the issues. */
  badRows: number;
  issues: RowIssue[];
  /** Sales lines used. */
  sales: number;
  /** Cancellation or return lines ("C" invoices, negative quantities): left out of demand. */
  cancellations: number;
  /** Of those, how many matched an earlier sale (same product, customer and quantity), which was left out too. */
  cancelledSales: number;
  /** Lines with a price of zero (free items, corrections). */
  zeroPrice: number;
  /** Lines with a quantity of zero. */
  zeroQuantity: number;
  /** Lines with a negative price (adjustments). */
  negativePrice: number;
  /** Lines of excluded product codes (service lines). */
  excluded: number;
  products: number;
  /** First and last day with sales (YYYY-MM-DD), and the days between them, counted inclusively. */
  firstDay: string | null;
  lastDay: string | null;
  spanDays: number;
  period: Period;
  /** Whether day-of-week terms could be used at all, and why (or why not). */
  weekday: { used: boolean; reason: string };
}

/** A product's units at one price in one period: one point on the demand chart and one observation of the fit. */
export interface DemandPoint {
  /** The period's first day, YYYY-MM-DD. */
  period: string;
  price: number;
  units: number;
  /** Sales lines (order lines) behind the units. */
  sales: number;
  /** Distinct customers, when the file has them (else 0). */
  customers: number;
  /** Left out of the fit as an outlier. */
  outlier: boolean;
}

/** The fitted demand at one price: expected units per observation (period × price), with the 95% band of that mean. */
export interface CurvePoint {
  price: number;
  units: number;
  low: number;
  high: number;
}

/** A log-log fit: log(units) = a + elasticity·log(price) [+ day-of-week terms] + error. */
export interface ElasticityEstimate {
  elasticity: number;
  /** The 95% confidence interval (Student t with `df` degrees of freedom). */
  ciLow: number;
  ciHigh: number;
  standardError: number;
  df: number;
  /** Observations used (after outliers). */
  nObs: number;
  rSquared: number;
  /** Terms besides price: 'weekday' when day-of-week effects are in the model. */
  controls: string[];
}

export const THIN_REASONS = [
  'no-sales',
  'few-sales',
  'no-price-variation',
  'few-prices',
  'narrow-price-range',
  'few-observations',
  'price-follows-order-size',
  'imprecise',
  'few-products',
] as const;
/** Why the data cannot tell. */
export type ThinReason = (typeof THIN_REASONS)[number];

export type WarningCode = 'prices-differ-within-period' | 'outliers-left-out' | 'demand-rises-with-price' | 'no-weekday-terms';

export interface PricingWarning {
  code: WarningCode;
  text: string;
}

interface InsightBase {
  sales: number;
  units: number;
  /** Units × price, summed over the sales used. */
  revenue: number;
  /** Observations (period × price). */
  nObs: number;
  /** Distinct prices paid. */
  prices: number;
  priceMin: number;
  priceMax: number;
  warnings: PricingWarning[];
}

export type Verdict<E> =
  | { verdict: 'estimated'; estimate: E; reason: null; reasonText: null }
  | { verdict: 'too-thin'; estimate: null; reason: ThinReason; reasonText: string };

export type ProductInsight = InsightBase &
  Verdict<ElasticityEstimate> & {
    product: string;
    title: string | null;
    /** The category the product is pooled in (when a catalog was given), joined with " > ". */
    category: string | null;
    /** The price of the latest sales: the price the suggestion is compared with. */
    currentPrice: number;
    /** Every observation, for the chart. */
    points: DemandPoint[];
    /** The fitted curve over the observed prices and the bounds (empty when too thin). */
    curve: CurvePoint[];
    /** Present when costs or a revenue objective were given. */
    suggestion?: PriceSuggestion;
  };

/** One elasticity for a category: products pooled, each with its own demand level (a fixed effect). */
export type CategoryInsight = InsightBase &
  Verdict<ElasticityEstimate> & {
    category: string;
    /** Products of the category with sales. */
    products: number;
    /** Products whose own price variation the pooled fit uses. */
    productsUsed: number;
  };

export interface PricingSummary {
  products: number;
  estimated: number;
  tooThin: number;
  /** Too-thin products by reason. */
  reasons: Partial<Record<ThinReason, number>>;
  categories: { estimated: number; tooThin: number };
  /** How categories were formed: from the catalog given, or not at all (and why). */
  categorySource: string;
}

export interface PricingReport {
  cleaning: CleaningReport;
  summary: PricingSummary;
  /** Products in order of revenue, most first. */
  products: ProductInsight[];
  categories: CategoryInsight[];
  thresholds: Thresholds;
}

// ───────────────────────────── suggestions ─────────────────────────────

export type Objective = 'margin' | 'revenue';

export interface PriceBounds {
  min?: number;
  max?: number;
}

export interface SuggestRequest {
  /** 'margin' (default) needs a unit cost; 'revenue' does not. */
  objective?: Objective;
  /** Unit cost per product id. */
  costs?: Readonly<Record<string, number>>;
  /** For products without a cost of their own: the cost as a share of the current price (0.6 = 60%). */
  defaultCostShare?: number;
  /** The merchant's bounds per product id. */
  bounds?: Readonly<Record<string, PriceBounds>>;
  /**
   * For products without bounds of their own: bounds relative to the current price (-0.2 = 20% below). Without
   * either, the bounds are the lowest and highest prices in the data: the range the curve was seen on.
   */
  defaultChange?: { min?: number; max?: number };
}

export type BoundSource = 'merchant' | 'relative' | 'observed';

/** What bounds the choice: the fitted curve (an interior optimum), or one of the bounds. */
export type DecidedBy = 'curve' | 'lower-bound' | 'upper-bound';

export interface PriceSuggestionOk {
  ok: true;
  product: string;
  objective: Objective;
  /** Whose elasticity: the product's own, or its category's (when the product's data is too thin). */
  basis: 'product' | 'category';
  elasticity: number;
  ciLow: number;
  ciHigh: number;
  price: number;
  /** The best price for every elasticity in the 95% interval lies in [priceLow, priceHigh]. */
  priceLow: number;
  priceHigh: number;
  decidedBy: DecidedBy;
  /** Where each bound came from: the merchant's own, relative to the current price, or the prices in the data. */
  bounds: { min: number; max: number; minSource: BoundSource; maxSource: BoundSource };
  cost: number | null;
  currentPrice: number;
  /** Expected change in units at the suggested price against the current one (fractions: -0.1 = 10% fewer). */
  unitsChange: { estimate: number; low: number; high: number };
  /** Expected change in the objective (revenue, or margin) against the current price; null when the current margin is not positive. */
  objectiveChange: { estimate: number; low: number; high: number } | null;
  /** What the suggestion rests on, in a sentence. */
  restsOn: string;
  /** How uncertain it is, in a sentence. */
  uncertainty: string;
  warnings: string[];
}

export interface PriceSuggestionNone {
  ok: false;
  product: string;
  reason: 'no-estimate' | 'demand-rises-with-price' | 'no-cost' | 'bad-bounds' | 'cost-above-bounds';
  text: string;
}

export type PriceSuggestion = PriceSuggestionOk | PriceSuggestionNone;

// ───────────────────────────── the shopper's "good price?" ─────────────────────────────

export type PriceVerdict = 'low' | 'typical' | 'high' | 'unknown';

export interface PriceHint {
  product: string;
  verdict: PriceVerdict;
  /** Mid-rank percentile of the price among the category's other products (0 = cheapest, 100 = dearest), or null. */
  percentile: number | null;
  /** The category level compared against (the deepest with enough products), root first. */
  category: string[];
  /** Other products compared with (same category level and currency). */
  peers: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
  currency: string;
  /** A sentence for the product page. */
  text: string;
}

export interface PriceHintOptions {
  /** Peers needed at a category level before it is used (default 5). */
  minPeers?: number;
}

// ───────────────────────────── the service ─────────────────────────────

/**
 * The in-thread and in-worker pricing insight share this shape. Long calls take an AbortSignal first. Files that
 * cannot be read come back as `{ ok: false }` with their issues; other failures reject (compare `err.name`).
 */
export interface PricingInsight {
  inspectSales(signal: AbortSignal | undefined, file: SalesFile, options?: SalesReadOptions): Promise<PricingOutcome<SalesPreview>>;
  analyseSales(signal: AbortSignal | undefined, file: SalesFile, options?: PricingOptions): Promise<PricingOutcome<PricingReport>>;
  /** Suggestions again with other costs or bounds, from a report's estimates, without fitting again. */
  suggestPrices(signal: AbortSignal | undefined, report: Pick<PricingReport, 'products' | 'categories'>, request: SuggestRequest): Promise<PriceSuggestion[]>;
  priceHints(signal: AbortSignal | undefined, products: readonly Product[], ids?: readonly string[], options?: PriceHintOptions): Promise<PriceHint[]>;
  dispose(): void;
}
