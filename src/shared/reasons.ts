/**
 * Why a product is shown, as a code and its values (the recommender sends these; the page words them in the shopper's
 * language through src/app/i18n/reasons.ts), and the same reasons in English for logs, the CLI and Node tests.
 */
import { ago } from './time.ts';

/** What the shopper did with a product that a recommendation names. */
export type SeedVerb = 'bought' | 'carted' | 'rated' | 'viewed';

export type Reason =
  /** "You viewed this 2 min ago" (ms: how long ago). */
  | { code: 'viewed-ago'; ms: number }
  /** "Rated 4.6 by 120 shoppers" */
  | { code: 'rated'; rating: number; count: number }
  | { code: 'big-saving' }
  | { code: 'popular' }
  /** "Also in Wrist Watches · same brand (Titan) · black · similar price" */
  | { code: 'alike'; category: string | null; brand: string | null; traits: string[]; similarPrice: boolean }
  /** "Bought together with this once / 3 times" */
  | { code: 'bought-together'; orders: number }
  | { code: 'carted-together' }
  | { code: 'model-pick' }
  /** "Because you viewed X", "Because you bought X and Y", "Because you viewed X and bought Y" */
  | { code: 'because'; seeds: Array<{ verb: SeedVerb; title: string }> }
  | { code: 'featured' };

export type ReasonCode = Reason['code'];

const VERBS: Record<SeedVerb, string> = { bought: 'bought', carted: 'added to your cart', rated: 'rated', viewed: 'viewed' };

/** The reason in English. */
export function reasonInEnglish(r: Reason): string {
  switch (r.code) {
    case 'viewed-ago':
      return `You viewed this ${ago(r.ms)}`;
    case 'rated':
      return `Rated ${r.rating.toFixed(1)} by ${r.count.toLocaleString('en')} ${r.count === 1 ? 'shopper' : 'shoppers'}`;
    case 'big-saving':
      return 'One of the biggest savings in the shop';
    case 'popular':
      return 'Popular in the store';
    case 'alike': {
      const parts: string[] = [];
      if (r.category) parts.push(`also in ${r.category}`);
      if (r.brand) parts.push(`same brand (${r.brand})`);
      if (r.traits.length) parts.push(r.traits.join(', '));
      if (r.similarPrice) parts.push('similar price');
      const s = parts.join(' · ');
      return s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Similar to what you are looking at';
    }
    case 'bought-together':
      return `Bought together with this ${r.orders === 1 ? 'once' : `${r.orders} times`}`;
    case 'carted-together':
      return 'In your cart together with this before';
    case 'model-pick':
      return 'Picked by your on-device model from your browsing';
    case 'because': {
      const [a, b] = r.seeds;
      if (!b) return `Because you ${VERBS[a.verb]} ${a.title}`;
      return a.verb === b.verb ? `Because you ${VERBS[a.verb]} ${a.title} and ${b.title}` : `Because you ${VERBS[a.verb]} ${a.title} and ${VERBS[b.verb]} ${b.title}`;
    }
    case 'featured':
      return 'Featured by the store';
    default: {
      const _exhaustive: never = r;
      return _exhaustive;
    }
  }
}
