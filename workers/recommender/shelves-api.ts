/**
 * The worker methods for the shelves. AbortSignals cannot cross the worker boundary: the bridge cancels by
 * terminating the worker, so these methods take none.
 */
import type { Product } from '../../src/shared/catalog/types.ts';
import type { Profile } from '../../src/shared/profile.ts';
import type { CatalogExtras, Recommendation, RecommenderStatus, ShelfRequest, VectorSeedReport } from '../../src/shared/protocol/recommender.ts';
import { getCatalog } from '../../src/storage/catalogs.ts';
import { recommender } from './instance.ts';

export const shelvesApi = {
  async setCatalog(catalogId: string, products: Product[], extras?: CatalogExtras): Promise<void> {
    await recommender.setCatalog(undefined, catalogId, products, extras);
  },
  /**
   * The catalog stored on this device under `catalogId` (a loaded file), read here from IndexedDB: the page does not
   * send every product across (at 100,000 that copy was a long task on the page's thread).
   */
  async useStoredCatalog(catalogId: string, extras?: CatalogExtras): Promise<void> {
    const stored = await getCatalog(catalogId);
    if (!stored) throw new Error(`The catalog "${catalogId}" is no longer stored on this device. Load its file again on the Store screen.`);
    await recommender.setCatalog(undefined, catalogId, stored.products, extras);
  },
  /** The shopper's interests, with evidence. */
  async profile(): Promise<Profile> {
    return recommender.profile();
  },
  async recommend(request: ShelfRequest): Promise<Recommendation[]> {
    return recommender.recommend(undefined, request);
  },
  async recommendMany(requests: ShelfRequest[]): Promise<Recommendation[][]> {
    return recommender.recommendMany(undefined, requests);
  },
  /** Stores the catalog's shipped product vectors where the embeddings cache lacks them. */
  async seedVectors(): Promise<VectorSeedReport> {
    return recommender.seedVectors();
  },
  async status(): Promise<RecommenderStatus> {
    return recommender.status();
  },
};
