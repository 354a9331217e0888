/**
 * The worker methods for the shelves. AbortSignals cannot cross the worker boundary: the bridge cancels by
 * terminating the worker, so these methods take none.
 */
import type { CatalogHead, Product } from '../../src/shared/catalog/types.ts';
import type { Profile } from '../../src/shared/profile.ts';
import type { CatalogExtras, Recommendation, RecommenderStatus, ShelfRequest, VectorSeedReport } from '../../src/shared/protocol/recommender.ts';
import { getCatalog } from '../../src/storage/catalogs.ts';
import { recommender } from './instance.ts';
import { STORED_INDEX_VERSION } from '../search/stored-index.ts';

export const shelvesApi = {
  async setCatalog(catalogId: string, products: Product[], extras?: CatalogExtras): Promise<void> {
    await recommender.setCatalog(undefined, catalogId, products, extras);
  },
  /**
   * The catalog stored on this device under `catalogId` (a loaded file), read here from IndexedDB with its rules and
   * search words: the page never reads or copies its products (at 100,000 that read was a 0.4–0.7 s task on the page's
   * thread). Returns everything but the products, for the page; null when no catalog is stored under that id.
   */
  async useStoredCatalog(catalogId: string, extras?: CatalogExtras): Promise<CatalogHead | null> {
    const stored = await getCatalog(catalogId);
    if (!stored) return null;
    const { products, report: _report, ...head } = stored;
    const indexKey = `stored-${catalogId}-${stored.importedAt}-${products.length}-v${STORED_INDEX_VERSION}`;
    await recommender.setCatalog(undefined, catalogId, products, { rules: stored.rules, lexicon: stored.lexicon, indexKey, ...extras });
    return { ...head, size: products.length, currency: products[0]?.currency ?? 'INR' };
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
