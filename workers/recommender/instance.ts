/** The worker's one recommender, shared by its API groups (shelves, catalog files, search, the personal model). */
import type { BackendPreference } from '../../src/shared/training.ts';
import { LocalRecommender } from './local-recommender.ts';
import { checkpointStore } from '../../src/storage/checkpoints.ts';
import { Personaliser } from './personal/personaliser.ts';

/** The TF.js backend the shopper's model uses: automatic unless the page says otherwise (`?backend=`, settings). */
export const backendChoice: { preference: BackendPreference } = { preference: 'auto' };

export const recommender = new LocalRecommender(Date.now, new Personaliser(checkpointStore, () => backendChoice.preference));
