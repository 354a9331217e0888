/** The worker's one recommender, shared by its API groups (shelves, catalog files, search). */
import { LocalRecommender } from './local-recommender.ts';

export const recommender = new LocalRecommender();
