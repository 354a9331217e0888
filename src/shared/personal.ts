/** The shopper's own preference model, as the page sees it (status on "Your data"). */
import type { BackendReport } from './training.ts';

export type PersonalState = 'off' | 'waiting' | 'learning' | 'ready' | 'busy-elsewhere' | 'failed';

export interface PersonalStatus {
  state: PersonalState;
  /** In words, for the "Your data" page. */
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

