/** Worker methods for search over the current catalog. The index is built on first use and per catalog. */
import type { SearchRequest, SearchResponse } from '../../src/shared/search.ts';
import { LexicalIndex } from '../search/lexical.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { recommender } from './instance.ts';

let built: { catalog: CatalogIndex; index: LexicalIndex } | null = null;

function lexicalIndex(): LexicalIndex {
  const catalog = recommender.catalog;
  if (!catalog) throw new Error('Search has no catalog yet: the shop is still loading. Try again in a moment.');
  if (built?.catalog !== catalog) built = { catalog, index: new LexicalIndex(catalog.items.map((i) => i.product)) };
  return built.index;
}

export const searchApi = {
  async search(request: SearchRequest): Promise<SearchResponse> {
    const t0 = performance.now();
    const limit = request.limit ?? 48;
    const hits = lexicalIndex().search(request.query, request.filters ?? {}, 500);
    return {
      hits: hits.slice(0, limit).map((h) => ({ itemId: h.id, score: h.score, terms: h.terms, via: ['lexical'] })),
      total: hits.length,
      tookMs: performance.now() - t0,
    };
  },
  async suggest(prefix: string, limit = 6): Promise<string[]> {
    return lexicalIndex().suggest(prefix, limit);
  },
};
