/**
 * Pricing insight on the page: the merchant's sales file (read, mapped and analysed in the pricing worker), the
 * report, suggestions again for other costs and bounds, and the shopper's "good price?" hint for product pages. The
 * one owner of the PricingBridge. The file's bytes stay on this device: the worker makes no requests.
 */
import type { Product, ProductSource } from '../../shared/catalog/types.ts';
import type { RowIssue } from '../../shared/errors.ts';
import { describeError } from '../../shared/errors.ts';
import type { PriceHint, PriceSuggestion, PricingReport, SalesColumns, SalesField, SalesPreview, SuggestRequest } from '../../shared/protocol/pricing.ts';
import { PricingBridge } from '../bridges/pricing.ts';

export interface PricingSettings {
  objective: 'margin' | 'revenue';
  /** Unit cost as a share of the current price, for products without their own cost (0.6 = 60%). */
  costShare: number | null;
  /** Bounds relative to the current price, in percent (-20 = 20% below). Null = the prices in the data. */
  minChange: number | null;
  maxChange: number | null;
  /** Per product: the merchant's own unit cost and bounds. */
  costs: Record<string, number>;
  bounds: Record<string, { min?: number; max?: number }>;
}

export function suggestRequest(s: PricingSettings): SuggestRequest {
  return {
    objective: s.objective,
    costs: s.costs,
    bounds: s.bounds,
    ...(s.costShare !== null ? { defaultCostShare: s.costShare / 100 } : {}),
    ...(s.minChange !== null || s.maxChange !== null
      ? { defaultChange: { ...(s.minChange !== null ? { min: s.minChange / 100 } : {}), ...(s.maxChange !== null ? { max: s.maxChange / 100 } : {}) } }
      : {}),
  };
}

class Pricing {
  readonly #bridge = new PricingBridge();
  #file: { name: string; data: ArrayBuffer } | null = null;
  #run: AbortController | null = null;

  fileName = $state('');
  preview = $state.raw<SalesPreview | null>(null);
  /** The header column chosen for each field ('' = none). */
  columns = $state<Record<SalesField, string>>({ invoice: '', product: '', quantity: '', price: '', time: '', customer: '', title: '' });
  report = $state.raw<PricingReport | null>(null);
  suggestions = $state.raw<Map<string, PriceSuggestion>>(new Map());
  failure = $state.raw<{ message: string; issues: RowIssue[] } | null>(null);
  busy = $state<'reading' | 'analysing' | null>(null);
  settings = $state<PricingSettings>({ objective: 'margin', costShare: 60, minChange: -20, maxChange: 20, costs: {}, bounds: {} });

  /** Reads the header and first rows, and maps the columns it recognises. */
  async open(file: File): Promise<void> {
    this.cancel();
    this.fileName = file.name;
    this.preview = null;
    this.report = null;
    this.failure = null;
    this.suggestions = new Map();
    this.busy = 'reading';
    const run = (this.#run = new AbortController());
    try {
      this.#file = { name: file.name, data: await file.arrayBuffer() };
      const out = await this.#bridge.inspectSales(run.signal, this.#file);
      if (!out.ok) {
        this.failure = { message: out.message, issues: out.issues };
        return;
      }
      this.preview = out.result;
      this.columns = Object.fromEntries(Object.entries(out.result.columns).map(([k, v]) => [k, v ?? ''])) as Record<SalesField, string>;
    } catch (err) {
      if ((err as Error)?.name !== 'AbortError') this.failure = { message: describeError(err), issues: [] };
    } finally {
      if (this.#run === run) this.busy = null;
    }
  }

  /** Fits every product (and category, with the catalog's categories) with the mapping and settings chosen. */
  async analyse(catalog: readonly Product[] | null): Promise<void> {
    if (!this.#file) return;
    this.cancel();
    this.busy = 'analysing';
    this.failure = null;
    const run = (this.#run = new AbortController());
    const columns = Object.fromEntries(Object.entries(this.columns).filter(([, v]) => v)) as Partial<SalesColumns>;
    const categories = catalog ? Object.fromEntries(catalog.filter((p) => p.categoryPath.length).map((p) => [p.id, p.categoryPath])) : undefined;
    try {
      const out = await this.#bridge.analyseSales(run.signal, this.#file, { columns, mode: 'skip', categories, suggest: suggestRequest($state.snapshot(this.settings)) });
      if (!out.ok) {
        this.failure = { message: out.message, issues: out.issues };
        return;
      }
      this.report = out.result;
      this.suggestions = new Map(out.result.products.filter((p) => p.suggestion).map((p) => [p.product, p.suggestion!]));
    } catch (err) {
      if ((err as Error)?.name !== 'AbortError') this.failure = { message: describeError(err), issues: [] };
    } finally {
      if (this.#run === run) this.busy = null;
    }
  }

  /** Suggestions again for the current costs and bounds, from the report's estimates (no new fit). */
  async resuggest(): Promise<void> {
    const report = this.report;
    if (!report) return;
    try {
      const list = await this.#bridge.suggestPrices(undefined, { products: report.products, categories: report.categories }, suggestRequest($state.snapshot(this.settings)));
      this.suggestions = new Map(list.map((s) => [s.product, s]));
    } catch (err) {
      this.failure = { message: describeError(err), issues: [] };
    }
  }

  cancel(): void {
    this.#run?.abort();
    this.#run = null;
    this.busy = null;
  }

  // ── the shopper's "good price?" ──
  #hints: { products: readonly Product[]; value: Promise<Map<string, PriceHint>> } | null = null;

  /**
   * Where a product's price sits in its category, computed in the pricing worker: for a catalog the page fetched, once
   * for every product; for a stored one, per product (the worker reads the catalog itself and keeps its prices).
   */
  async priceHint(source: ProductSource, id: string): Promise<PriceHint | null> {
    if (!('products' in source)) return (await this.#bridge.storedPriceHints(undefined, source.storedCatalog, [id]))[0] ?? null;
    const products = source.products;
    if (this.#hints?.products !== products) {
      const value = this.#bridge.priceHints(undefined, products).then((list) => new Map(list.map((h) => [h.product, h])));
      this.#hints = { products, value };
      value.catch(() => {
        if (this.#hints?.value === value) this.#hints = null;
      });
    }
    return (await this.#hints.value).get(id) ?? null;
  }
}

export const pricing = new Pricing();
