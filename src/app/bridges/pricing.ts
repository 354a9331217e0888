/**
 * The page's handle on the pricing worker (workers/pricing.worker.ts). The worker's API type is the protocol; this
 * file imports only types. Reading and fitting a large sales file is long: an abort terminates the worker. The file's
 * bytes are copied, not transferred, so the caller can analyse them again with other options.
 */
import type { PricingApi } from '../../../workers/pricing.worker.ts';
import type { Product } from '../../shared/catalog/types.ts';
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
} from '../../shared/protocol/pricing.ts';
import { OriginWorker as Worker } from './origin-worker.ts';
import { WorkerBridge } from './worker-bridge.ts';

export class PricingBridge extends WorkerBridge<PricingApi> implements PricingInsight {
  constructor(idleMs = 30_000) {
    super(() => new Worker(new URL('../../../workers/pricing.worker.ts', import.meta.url), { type: 'module', name: 'pricing' }), { idleMs });
  }

  inspectSales(signal: AbortSignal | undefined, file: SalesFile, options?: SalesReadOptions): Promise<PricingOutcome<SalesPreview>> {
    return this.call<PricingOutcome<SalesPreview>>(signal, (r) => r.inspectSales(file, options));
  }

  analyseSales(signal: AbortSignal | undefined, file: SalesFile, options?: PricingOptions): Promise<PricingOutcome<PricingReport>> {
    return this.call<PricingOutcome<PricingReport>>(signal, (r) => r.analyseSales(file, options));
  }

  suggestPrices(signal: AbortSignal | undefined, report: Pick<PricingReport, 'products' | 'categories'>, request: SuggestRequest): Promise<PriceSuggestion[]> {
    return this.call(signal, (r) => r.suggestPrices(report, request), 'ignore');
  }

  priceHints(signal: AbortSignal | undefined, products: readonly Product[], ids?: readonly string[], options?: PriceHintOptions): Promise<PriceHint[]> {
    return this.call(signal, (r) => r.priceHints(products, ids, options), 'ignore');
  }

  /** Hints for these ids in a stored catalog, which the worker reads from IndexedDB itself. */
  storedPriceHints(signal: AbortSignal | undefined, catalogId: string, ids: readonly string[]): Promise<PriceHint[]> {
    return this.call(signal, (r) => r.storedPriceHints(catalogId, ids), 'ignore');
  }

  dispose(): void {
    this.terminate();
  }
}
