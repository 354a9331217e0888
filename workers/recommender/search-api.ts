/**
 * Worker methods for search over the current catalog (workers/search/engine.ts): lexical always; semantic when the
 * page sends the query's embedding and product embeddings for that model are in the cache; personal re-ranking from
 * the history view. The engine (lexical index, lexicon) is built on first use per catalog, the semantic index per
 * catalog and model.
 */
import { ChangeKind, onStorageChange } from '../../src/storage/changes.ts';
import type { SearchRequest, SearchResponse } from '../../src/shared/search.ts';
import { bundledLexicon } from '../search/bundled-lexicon.ts';
import { SearchEngine } from '../search/engine.ts';
import { catalogFingerprint, decodeLexicalIndex, encodeLexicalIndex } from '../search/stored-index.ts';
import { loadSearchIndex, saveSearchIndex } from '../../src/storage/search-index.ts';
import type { MerchantLexicon } from '../../src/shared/text/query.ts';
import { SemanticIndex } from '../search/semantic.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { catalogVectors } from './catalog-vectors.ts';
import { recommender } from './instance.ts';

let engine: { catalog: CatalogIndex; lexicon: object; engine: Promise<SearchEngine> } | null = null;
let semantic: { catalog: CatalogIndex; model: string; version: number; index: Promise<SemanticIndex> } | null = null;

onStorageChange((c) => {
  // New vectors were written (or everything was deleted): rebuild the semantic index on the next search.
  if (c.kind === ChangeKind.Embeddings || c.kind === ChangeKind.Forgotten) semantic = null;
});

export function currentCatalog(): CatalogIndex {
  const catalog = recommender.catalog;
  if (!catalog) throw new Error('Search has no catalog yet: the shop is still loading. Try again in a moment.');
  return catalog;
}

/**
 * The catalog's search engine, made on first use per catalog (and again when the merchant's words change): from the
 * lexical index stored for this catalog's fingerprint when there is one (a returning visit), else built and then
 * stored for the next visit. A stored index that cannot be read is built again; one that cannot be stored (storage
 * full, no Cache Storage) only costs the next visit the build.
 */
export function engineFor(catalog: CatalogIndex): Promise<SearchEngine> {
  const lexicon = recommender.lexicon;
  if (engine?.catalog !== catalog || engine.lexicon !== lexicon) {
    const made = makeEngine(catalog, lexicon);
    const entry = { catalog, lexicon, engine: made };
    engine = entry;
    made.catch(() => {
      if (engine === entry) engine = null;
    });
  }
  return engine.engine;
}

async function makeEngine(catalog: CatalogIndex, lexicon: MerchantLexicon): Promise<SearchEngine> {
  const t0 = performance.now();
  const products = catalog.items.map((i) => i.product);
  // A stored catalog never changes under its id and import time: its name for the index costs nothing, where hashing
  // every product's text took about 0.9 s at 100,000 (most of a returning visit's restore).
  const fingerprint = (recommender.catalog === catalog && recommender.indexKey) || catalogFingerprint(products);
  const t1 = performance.now();
  const stored = await loadSearchIndex(fingerprint).catch(() => null);
  const t2 = performance.now();
  if (stored) {
    try {
      const data = decodeLexicalIndex(stored);
      const t3 = performance.now();
      const restored = new SearchEngine(products, bundledLexicon(), lexicon, data);
      const t4 = performance.now();
      // Read by scripts/bench-catalog-load.ts (a returning visit's restore time, in the browser).
      console.debug(`search index: restored ${products.length} products in ${Math.round(t4 - t0)} ms (fingerprint ${Math.round(t1 - t0)}, read ${Math.round(t2 - t1)}, decode ${Math.round(t3 - t2)}, engine ${Math.round(t4 - t3)}; ${(stored.byteLength / 1048576).toFixed(1)} MB)`);
      return restored;
    } catch (err) {
      console.warn(`The stored search index could not be read (${err instanceof Error ? err.message : String(err)}); building it again.`);
    }
  }
  const built = new SearchEngine(products, bundledLexicon(), lexicon);
  console.debug(`search index: built for ${products.length} products in ${Math.round(performance.now() - t0)} ms (none stored)`);
  void saveSearchIndex(fingerprint, encodeLexicalIndex(built.lexical.data)).catch((err) => console.warn(`The search index was not stored: ${err instanceof Error ? err.message : String(err)}`));
  return built;
}

function semanticIndex(catalog: CatalogIndex, model: string, version: number): Promise<SemanticIndex> {
  if (semantic?.catalog !== catalog || semantic.model !== model || semantic.version !== version) {
    const index = catalogVectors(catalog, model).then((vectors) => new SemanticIndex(model, vectors));
    semantic = { catalog, model, version, index };
    index.catch(() => (semantic = null));
  }
  return semantic.index;
}

export const searchApi = {
  async search(request: SearchRequest): Promise<SearchResponse> {
    const t0 = performance.now();
    const catalog = currentCatalog();
    const search = await engineFor(catalog);
    const sem = request.vector && request.model ? await semanticIndex(catalog, request.model, request.vectorsVersion ?? 0) : null;
    const history = request.personal ? await recommender.historyView() : null;
    const affinity = history && history.events > 0 ? await recommender.affinity(history) : null;
    const result = search.search({
      query: request.query,
      filters: request.filters ?? {},
      vector: request.vector,
      semantic: sem,
      affinity,
      excluded: history ? (p) => history.isDismissed(p.id, p.categoryPath) : undefined,
      limit: request.limit ?? 48,
    });
    return { ...result, tookMs: performance.now() - t0, semanticCoverage: sem?.coverage ?? 0, personalised: affinity !== null };
  },

  async suggest(prefix: string, limit = 6): Promise<string[]> {
    return (await engineFor(currentCatalog())).lexical.suggest(prefix, limit);
  },
};
