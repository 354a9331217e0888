import type { MerchantRules } from '../rules.ts';
import type { MerchantLexicon } from '../text/query.ts';
import type { CatalogVectorsRef } from './vectors.ts';

/** The product schema every part of Aisle shares: loaders produce it, screens render it, models learn from it. */
export interface Product {
  /** Unique within the catalog; stable across catalog updates (history refers to it). */
  id: string;
  title: string;
  /** Plain text. Never rendered as HTML. */
  description: string;
  /** Root first, e.g. ["Clothing", "Women's Clothing", "Shorts"]. Empty when the product has no category. */
  categoryPath: string[];
  brand: string | null;
  /** The price the shopper pays, in major units of `currency`. */
  price: number;
  /** ISO 4217 code, e.g. "INR". */
  currency: string;
  /** The undiscounted price, when the merchant gives one (>= price). */
  listPrice: number | null;
  /** A same-origin image URL, or null for the generated placeholder. Remote URLs are never loaded (privacy). */
  image: string | null;
  /** Free-form specifications: "Colour" -> "Navy", "Ideal For" -> "Women". */
  attributes: Record<string, string>;
  inStock: boolean;
  /** Average rating 1..5 from the merchant, when known. */
  rating: number | null;
  /** How many ratings `rating` averages, when the merchant knows (a rating is shown to shoppers with its count). */
  ratingCount?: number;
  /**
   * Variants of one product (sizes, colours, style codes) share a group: the id of the group's first product. Lists
   * show a group once, and the product page offers its other options.
   */
  group?: string;
  /** What tells this variant from the others of its group ("Colour: Blue", "Ring size: 12"). */
  variant?: string;
}

/** Where a catalog came from, shown to shoppers (credits) and kept with exports. */
export interface CatalogSource {
  name: string;
  licence: string;
  attribution: string;
  url?: string;
}

export interface Catalog {
  /** Identifies the catalog (history and model checkpoints are kept per catalog). */
  id: string;
  name: string;
  source: CatalogSource;
  products: Product[];
  /** The merchant's rules for recommendation shelves (pin, boost, hide). */
  rules?: MerchantRules;
  /** The merchant's search words: a shopper's word → the catalog's words (src/shared/text/query.ts). */
  lexicon?: MerchantLexicon;
  /** URL of a pre-trained preference model (src/shared/pretrained.ts), relative to the catalog file. */
  model?: string;
  /** Product vectors computed when the catalog was built (src/shared/catalog/vectors.ts), beside the catalog file. */
  vectors?: CatalogVectorsRef;
}

/**
 * What the page keeps of the catalog in use: everything but its products, with their number and currency. The
 * recommender worker holds the products; the page asks it for the ones a screen shows (src/app/state/shop.svelte.ts).
 */
export interface CatalogHead extends Omit<Catalog, 'products'> {
  size: number;
  /** The first product's currency (a catalog has one), for prices the page writes without a product. */
  currency: string;
  /** A stored catalog's: when its file was loaded, and the file's name. */
  importedAt?: number;
  fileName?: string;
}

/**
 * Where a worker finds a catalog's products: sent along (a catalog the page fetched, such as the bundled demo), or read
 * from IndexedDB under a stored catalog's id (src/storage/catalogs.ts `productsOf`), so the page never copies them.
 */
export type ProductSource = { products: readonly Product[] } | { storedCatalog: string };
