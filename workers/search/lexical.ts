/**
 * The lexical half of search: a MiniSearch index over title, brand, category, attributes and description, typo
 * tolerant (fuzzy), with prefix matching for autocomplete and facet filters. Pure: runs in a worker and in Node.
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { Product } from '../../src/shared/catalog/types.ts';
import { underCategory } from '../../src/shared/catalog/facets.ts';
import type { SearchFilters } from '../../src/shared/search.ts';
import { tokenize } from '../../src/shared/text/tokenize.ts';

interface Doc {
  id: string;
  title: string;
  brand: string;
  category: string;
  attributes: string;
  description: string;
}

/** Words too common to help ranking; left out of the index and the queries (they also match nearly every product). */
const STOPWORDS = new Set('a an and are as at be by for from in is it of on or the to with'.split(' '));

/** Only the start of long descriptions is indexed: the rest is mostly boilerplate and slows the index. */
const DESCRIPTION_CHARS = 600;

export interface LexicalHit {
  id: string;
  score: number;
  /** Document terms that matched (for highlighting). */
  terms: string[];
}

export class LexicalIndex {
  readonly #index: MiniSearch<Doc>;
  readonly #products: Map<string, Product>;

  constructor(products: Product[]) {
    this.#products = new Map(products.map((p) => [p.id, p]));
    this.#index = new MiniSearch<Doc>({
      fields: ['title', 'brand', 'category', 'attributes', 'description'],
      storeFields: [],
      tokenize: (text) => tokenize(text),
      processTerm: (term) => (term.length > 0 && !STOPWORDS.has(term) ? term : null),
      searchOptions: {
        boost: { title: 3, brand: 2, category: 2, attributes: 1, description: 0.5 },
        fuzzy: (term) => (term.length >= 8 ? 0.25 : term.length >= 4 ? 1 : false),
        prefix: (term, i, terms) => i === terms.length - 1 && term.length >= 2,
      },
    });
    this.#index.addAll(
      products.map((p) => ({
        id: p.id,
        title: p.title,
        brand: p.brand ?? '',
        category: p.categoryPath.join(' '),
        attributes: Object.values(p.attributes).join(' '),
        description: p.description.slice(0, DESCRIPTION_CHARS),
      })),
    );
  }

  #filter(filters: SearchFilters): ((r: SearchResult) => boolean) | undefined {
    const { category, brands, minPrice, maxPrice, inStockOnly } = filters;
    if (!category?.length && !brands?.length && minPrice === undefined && maxPrice === undefined && !inStockOnly) return undefined;
    const brandSet = brands?.length ? new Set(brands) : null;
    return (r) => matchesFilters(this.#products.get(r.id as string)!, filters, brandSet);
  }

  /** All words must match (AND); when that finds too little, the best partial matches (OR) follow. */
  search(query: string, filters: SearchFilters = {}, limit = 50): LexicalHit[] {
    if (!tokenize(query).length) return [];
    const filter = this.#filter(filters);
    const and = this.#index.search(query, { combineWith: 'AND', filter });
    const seen = new Set(and.map((r) => r.id));
    const results = and.length >= limit ? and : [...and, ...this.#index.search(query, { combineWith: 'OR', filter }).filter((r) => !seen.has(r.id))];
    return results.slice(0, limit).map((r) => ({ id: r.id as string, score: r.score, terms: r.terms }));
  }

  /** Completions for what is being typed, most likely first. */
  suggest(prefix: string, limit = 6): string[] {
    if (!prefix.trim()) return [];
    return this.#index
      .autoSuggest(prefix, { fuzzy: 0.2, boost: { title: 3, brand: 2, category: 2 } })
      .slice(0, limit)
      .map((s) => s.suggestion);
  }

  get size(): number {
    return this.#products.size;
  }
}

export function matchesFilters(p: Product, filters: SearchFilters, brandSet: Set<string> | null = filters.brands?.length ? new Set(filters.brands) : null): boolean {
  const { category, minPrice, maxPrice, inStockOnly } = filters;
  if (category?.length && !underCategory(p.categoryPath, category)) return false;
  if (brandSet && (!p.brand || !brandSet.has(p.brand))) return false;
  if (minPrice !== undefined && p.price < minPrice) return false;
  if (maxPrice !== undefined && p.price >= maxPrice) return false;
  if (inStockOnly && !p.inStock) return false;
  return true;
}
