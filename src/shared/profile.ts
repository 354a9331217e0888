/**
 * The shopper's profile as the page sees it: interests derived on the device from the history (category, brand,
 * price band, attributes), each with the evidence behind it, and the shopper's own edits (muted interests, a budget).
 */
export type InterestKind = 'category' | 'brand' | 'price' | 'attribute';

export interface Evidence {
  views: number;
  carts: number;
  purchases: number;
  ratings: number;
  /** Distinct products behind the interest. */
  products: number;
}

export interface Interest {
  kind: InterestKind;
  /** Stable key, e.g. "category:Watches>Wrist Watches", "brand:Titan", "price:Watches:2", "attribute:dial color=black". */
  key: string;
  label: string;
  /** Decayed interest; only the order and the ratio to the top matter. */
  score: number;
  /** 0..1: score relative to the strongest interest of the same kind. */
  strength: number;
  evidence: Evidence;
}

export interface Profile {
  interests: Interest[];
  /** Products with any recorded interest. */
  items: number;
}

/** The shopper's edits, applied to every personal shelf (and saved with the settings). */
export interface ProfilePrefs {
  /** Interest keys the shopper muted: products matching them are not recommended, and they lead nothing. */
  muted: string[];
  /** Highest price to recommend, or null for no limit. */
  budget: number | null;
}

export const NO_PREFS: ProfilePrefs = { muted: [], budget: null };
