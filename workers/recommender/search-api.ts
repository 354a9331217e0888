/**
 * Worker methods for search over the current catalog: lexical always; semantic when the page sends the query's
 * embedding and product embeddings for that model are in the cache; personal re-ranking from the history view.
 * Indexes are built on first use, per catalog (and per model for the semantic one).
 */
import { ChangeKind, onStorageChange } from '../../src/storage/changes.ts';
import type { SearchRequest, SearchResponse } from '../../src/shared/search.ts';
import { hybridSearch } from '../search/hybrid.ts';
import { LexicalIndex } from '../search/lexical.ts';
import { SemanticIndex } from '../search/semantic.ts';
import type { Product } from '../../src/shared/catalog/types.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { catalogVectors } from './catalog-vectors.ts';
import { recommender } from './instance.ts';

let lexical: { catalog: CatalogIndex; products: Product[]; index: LexicalIndex } | null = null;
let semantic: { catalog: CatalogIndex; model: string; version: number; index: Promise<SemanticIndex> } | null = null;

onStorageChange((c) => {
  // New vectors were written (or everything was deleted): rebuild the semantic index on the next search.
  if (c.kind === ChangeKind.Embeddings || c.kind === ChangeKind.Forgotten) semantic = null;
});

function currentCatalog(): CatalogIndex {
  const catalog = recommender.catalog;
  if (!catalog) throw new Error('Search has no catalog yet: the shop is still loading. Try again in a moment.');
  return catalog;
}

/** The catalog's products in index order and their lexical index, built on first use per catalog. */
function lexicalIndex(catalog: CatalogIndex): { products: Product[]; index: LexicalIndex } {
  if (lexical?.catalog !== catalog) {
    const products = catalog.items.map((i) => i.product);
    lexical = { catalog, products, index: new LexicalIndex(products) };
  }
  return lexical;
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
    const { products, index } = lexicalIndex(catalog);
    const limit = request.limit ?? 48;
    const sem = request.vector && request.model ? await semanticIndex(catalog, request.model, request.vectorsVersion ?? 0) : null;
    const useSemantic = sem !== null && sem.coverage > 0;
    const history = request.personal ? await recommender.historyView() : null;
    const affinity = history && history.events > 0 ? await recommender.affinity(history) : null;
    const hits = hybridSearch(products, index, useSemantic ? sem : null, {
      query: request.query,
      filters: request.filters ?? {},
      vector: request.vector,
      affinity,
      excluded: history ? (p) => history.isDismissed(p.id, p.categoryPath) : undefined,
    });
    return {
      hits: hits.slice(0, limit),
      total: hits.length,
      tookMs: performance.now() - t0,
      retrievers: useSemantic ? ['lexical', 'semantic'] : ['lexical'],
      semanticCoverage: sem?.coverage ?? 0,
      personalised: affinity !== null,
    };
  },
  async suggest(prefix: string, limit = 6): Promise<string[]> {
    return lexicalIndex(currentCatalog()).index.suggest(prefix, limit);
  },
};
