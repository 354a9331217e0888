/**
 * The pricing insight's methods: the worker exposes `pricingApi` (workers/pricing.worker.ts), and `LocalPricing`
 * runs the same methods in this thread behind the `PricingInsight` interface the page's bridge also implements (for
 * Node tests and screens that do not need a worker). A file that cannot be read comes back as `{ ok: false }` with
 * its row-by-row issues, since only an error's name and message would cross the worker boundary.
 */
import type { Product } from '../../src/shared/catalog/types.ts';
import { throwIfAborted, type RowIssue } from '../../src/shared/errors.ts';
import type {
  PriceHint,
  PriceHintOptions,
  PriceSuggestion,
  PricingInsight,
  PricingOptions,
  PricingOutcome,
  PricingReport,
  SalesFile,
  SalesPreview,
  SalesReadOptions,
  SuggestRequest,
} from '../../src/shared/protocol/pricing.ts';
import { analyseSales, suggestFromReport } from './analyse.ts';
import { CategoryPrices, priceHints } from './good-price.ts';
import { productsOf } from '../../src/storage/catalogs.ts';
import { inspectSalesFile } from './sales-file.ts';

/** The result of reading a file, or its InvalidFileError as a value (with the issues); other errors are thrown. */
function outcome<T>(read: () => T): PricingOutcome<T> {
  try {
    return { ok: true, result: read() };
  } catch (err) {
    if ((err as Error)?.name !== 'InvalidFileError') throw err;
    return { ok: false, message: (err as Error).message, issues: [...((err as { issues?: RowIssue[] }).issues ?? [])] };
  }
}

export const pricingApi = {
  /** The header, the column each field maps to, and the first rows. */
  async inspectSales(file: SalesFile, options: SalesReadOptions = {}): Promise<PricingOutcome<SalesPreview>> {
    return outcome(() => inspectSalesFile(file, options));
  },
  /** Everything: cleaning, each product's and category's elasticity or why not, points and curves, suggestions. */
  async analyseSales(file: SalesFile, options: PricingOptions = {}): Promise<PricingOutcome<PricingReport>> {
    return outcome(() => analyseSales(file, options));
  },
  async suggestPrices(report: Pick<PricingReport, 'products' | 'categories'>, request: SuggestRequest): Promise<PriceSuggestion[]> {
    return suggestFromReport(report, request);
  },
  async priceHints(products: readonly Product[], ids?: readonly string[], options?: PriceHintOptions): Promise<PriceHint[]> {
    return priceHints(products, ids, options);
  },
  /**
   * Hints for these ids in the catalog stored on this device under `catalogId`, read here from IndexedDB (the page
   * does not copy a large catalog across); its category prices are kept for the next product the shopper opens.
   */
  async storedPriceHints(catalogId: string, ids: readonly string[]): Promise<PriceHint[]> {
    if (stored?.catalogId !== catalogId) {
      const entry = { catalogId, prices: productsOf({ storedCatalog: catalogId }).then((products) => new CategoryPrices(products)) };
      stored = entry;
      entry.prices.catch(() => stored === entry && (stored = null));
    }
    const prices = await stored.prices;
    return ids.map((id) => prices.hint(id)).filter((h): h is PriceHint => h !== null);
  },
};

/** The stored catalog's category prices (one catalog at a time: the one the shop shows). */
let stored: { catalogId: string; prices: Promise<CategoryPrices> } | null = null;

export class LocalPricing implements PricingInsight {
  async inspectSales(signal: AbortSignal | undefined, file: SalesFile, options?: SalesReadOptions): Promise<PricingOutcome<SalesPreview>> {
    throwIfAborted(signal);
    return pricingApi.inspectSales(file, options);
  }
  async analyseSales(signal: AbortSignal | undefined, file: SalesFile, options?: PricingOptions): Promise<PricingOutcome<PricingReport>> {
    throwIfAborted(signal);
    return pricingApi.analyseSales(file, options);
  }
  async suggestPrices(signal: AbortSignal | undefined, report: Pick<PricingReport, 'products' | 'categories'>, request: SuggestRequest): Promise<PriceSuggestion[]> {
    throwIfAborted(signal);
    return pricingApi.suggestPrices(report, request);
  }
  async priceHints(signal: AbortSignal | undefined, products: readonly Product[], ids?: readonly string[], options?: PriceHintOptions): Promise<PriceHint[]> {
    throwIfAborted(signal);
    return pricingApi.priceHints(products, ids, options);
  }
  dispose(): void {}
}
