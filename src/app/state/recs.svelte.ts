/** Owns the recommender bridge; shelves re-ask it whenever the history changes (here or in another tab). */
import { RecommenderBridge } from '../../lib/bridges/recommender.ts';
import { ChangeKind, onStorageChange } from '../../lib/storage/changes.ts';
import type { Catalog } from '../../shared/catalog/types.ts';
import type { Recommendation, ShelfRequest } from '../../shared/recommender.ts';
import { sameOriginUrl } from '../../shared/url.ts';

class Recs {
  /** Bumped on every history change: shelves depend on it and refresh. */
  version = $state(0);
  readonly bridge = new RecommenderBridge();

  constructor() {
    onStorageChange((c) => {
      if (c.kind !== ChangeKind.Settings && c.kind !== ChangeKind.Catalog && c.kind !== ChangeKind.Reviews) this.version++;
    });
  }

  async setCatalog(catalog: Catalog): Promise<void> {
    // A pre-trained model's URL is relative to the catalog file (the demo's sits beside the page), and only ever on
    // the app's own site.
    const modelUrl = catalog.model ? sameOriginUrl(catalog.model, new URL('./catalog/', document.baseURI))?.href : undefined;
    await this.bridge.setCatalog(undefined, catalog.id, catalog.products, { rules: catalog.rules, modelUrl });
    this.version++;
  }

  shelves(signal: AbortSignal, requests: ShelfRequest[]): Promise<Recommendation[][]> {
    return this.bridge.recommendMany(signal, requests);
  }

  /** Stops the worker (before "delete everything", so it holds no database open). */
  stop(): void {
    this.bridge.terminate();
  }
}

export const recs = new Recs();
