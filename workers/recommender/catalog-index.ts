/** Catalog lookups the shelves need: products by id, by category, and content features for "Similar". Pure. */
import type { Product } from '../../src/shared/catalog/types.ts';

const STOPWORDS = new Set(
  "a an and the of for with in on to by from at or is are be this that it its as your you our set pack combo men's women's mens womens men women boys girls kid's kids".split(' '),
);

/** Lower-case word tokens of a title, without stopwords and numbers. */
export function titleTokens(title: string): string[] {
  return title
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w) && !/^\d+$/.test(w));
}

/** Attributes that describe what a product is like (not logistics such as warranty or model numbers). */
const DESCRIPTIVE = /colou?r|material|fabric|pattern|type|ideal for|occasion|style|shape|dial|strap|sleeve|fit|neck|metal|stone|gender|sport/i;
/** Identifiers and paperwork, even when their name looks descriptive ("Style Code", "Model Number"). */
const NOT_DESCRIPTIVE = /code|number|model|warranty|sku|\bid\b|certif/i;

export interface IndexedProduct {
  product: Product;
  /** Position in the catalog (stable dense index: models use it). */
  index: number;
  tokens: Set<string>;
  /** "key=value" of descriptive attributes, lower-cased. */
  traits: Set<string>;
  logPrice: number;
}

export class CatalogIndex {
  readonly items: IndexedProduct[];
  readonly byId = new Map<string, IndexedProduct>();
  /** Category path prefix ("A>B") → item indexes. */
  readonly byCategory = new Map<string, number[]>();

  constructor(
    readonly catalogId: string,
    products: Product[],
  ) {
    this.items = products.map((product, index) => {
      const traits = new Set<string>();
      for (const [k, v] of Object.entries(product.attributes)) {
        if (DESCRIPTIVE.test(k) && !NOT_DESCRIPTIVE.test(k) && v.length <= 60) traits.add(`${k.toLowerCase()}=${v.toLowerCase()}`);
      }
      return { product, index, tokens: new Set(titleTokens(product.title)), traits, logPrice: Math.log1p(product.price) };
    });
    for (const item of this.items) {
      this.byId.set(item.product.id, item);
      const path = item.product.categoryPath;
      for (let d = 1; d <= path.length; d++) {
        const key = path.slice(0, d).join('>');
        let list = this.byCategory.get(key);
        if (!list) this.byCategory.set(key, (list = []));
        list.push(item.index);
      }
    }
  }

  get(id: string): IndexedProduct | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.items.length;
  }
}

/** How many leading category levels two paths share. */
export function sharedDepth(a: string[], b: string[]): number {
  let d = 0;
  while (d < a.length && d < b.length && a[d] === b[d]) d++;
  return d;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
