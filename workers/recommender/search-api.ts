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
import { SemanticIndex } from '../search/semantic.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { catalogVectors } from './catalog-vectors.ts';
import { recommender } from './instance.ts';

let engine: { catalog: CatalogIndex; lexicon: object; engine: SearchEngine } | null = null;
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

/** The catalog's search engine, built on first use per catalog (and again when the merchant's words change). */
export function engineFor(catalog: CatalogIndex): SearchEngine {
  const lexicon = recommender.lexicon;
  if (engine?.catalog !== catalog || engine.lexicon !== lexicon) {
    engine = { catalog, lexicon, engine: new SearchEngine(catalog.items.map((i) => i.product), bundledLexicon(), lexicon) };
  }
  return engine.engine;
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
    const search = engineFor(catalog);
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
    return engineFor(currentCatalog()).lexical.suggest(prefix, limit);
  },
};
