/** The shopper's own preference model, as the page sees it (status on "Your data"). */
import type { BackendReport } from './training.ts';

export type PersonalState = 'off' | 'waiting' | 'learning' | 'ready' | 'busy-elsewhere' | 'failed';

/** Why the model is in its state, as a code and its values (the page words it in the shopper's language). */
export type PersonalWhy =
  | { code: 'not-started' }
  | { code: 'too-few'; needed: number; have: number }
  | { code: 'indexing'; done: number; total: number }
  | { code: 'busy-elsewhere' }
  | { code: 'learning' }
  /** error: the English message of what failed (errors stay in English). */
  | { code: 'failed'; error: string }
  | { code: 'ready'; fromMerchant: boolean };

/** The reason in English (logs, the CLI, tests). */
export function personalWhyInEnglish(why: PersonalWhy): string {
  switch (why.code) {
    case 'not-started':
      return 'Not started yet.';
    case 'too-few':
      return `Aisle starts learning after ${why.needed} interactions (views, carts, purchases); so far ${why.have}.`;
    case 'indexing':
      return `Waiting for the products to be indexed by meaning (${why.done} of ${why.total}).`;
    case 'busy-elsewhere':
      return 'Another Aisle tab is learning right now; this one uses what it saves.';
    case 'learning':
      return 'Learning from your latest activity…';
    case 'failed':
      return `The model could not learn: ${why.error}. Your shelves use the simpler recommendations meanwhile.`;
    case 'ready':
      return why.fromMerchant ? "Learned from your history on this device, starting from the store's pre-trained model." : 'Learned from your history on this device.';
    default: {
      const _exhaustive: never = why;
      return _exhaustive;
    }
  }
}

export interface PersonalStatus {
  state: PersonalState;
  /** Why, as a code and values (worded by the page). */
  why: PersonalWhy;
  /** The same in English words (logs, the CLI, tests). */
  reason: string;
  backend: BackendReport | null;
  /** When the model last learned (ms since the epoch). */
  trainedAt: number | null;
  /** Interactions in the sequence it learned from. */
  interactions: number;
  /** Mean NDCG@10 of its predictions of the shopper's last interactions, each made before learning from it. */
  quality: { ndcg10: number; predictions: number } | null;
  /** Milliseconds the last update took (training and saving). */
  lastUpdateMs: number | null;
}

