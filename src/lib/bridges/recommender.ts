/** The page's handle on the recommender worker. The worker's API type is the protocol; this file imports only types. */
import type { RecommenderApi } from '../../../workers/recommender.worker.ts';
import type { Product } from '../../shared/catalog/types.ts';
import type { Recommendation, Recommender, RecommenderStatus, ShelfRequest } from '../../shared/recommender.ts';
import { WorkerBridge } from './worker-bridge.ts';

export class RecommenderBridge extends WorkerBridge<RecommenderApi> implements Recommender {
  #catalog: { id: string; products: Product[] } | null = null;

  constructor(idleMs = 60_000) {
    super(() => new Worker(new URL('../../../workers/recommender.worker.ts', import.meta.url), { type: 'module', name: 'recommender' }), {
      idleMs,
      // A restarted worker (after an abort or the idle timeout) gets the catalog again before anything else.
      onStart: async (remote) => {
        if (this.#catalog) await remote.setCatalog(this.#catalog.id, this.#catalog.products);
      },
    });
  }

  async setCatalog(signal: AbortSignal | undefined, catalogId: string, products: Product[]): Promise<void> {
    this.#catalog = { id: catalogId, products };
    if (this.running) await this.call(signal, (r) => r.setCatalog(catalogId, products));
  }

  recommend(signal: AbortSignal | undefined, request: ShelfRequest): Promise<Recommendation[]> {
    return this.call(signal, (r) => r.recommend(request));
  }

  recommendMany(signal: AbortSignal | undefined, requests: ShelfRequest[]): Promise<Recommendation[][]> {
    return this.call(signal, (r) => r.recommendMany(requests));
  }

  status(): Promise<RecommenderStatus> {
    return this.call(undefined, (r) => r.status());
  }

  dispose(): void {
    this.terminate();
  }
}
