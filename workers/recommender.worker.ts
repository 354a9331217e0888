/**
 * The recommender worker: owns the catalog index, the shopper's history snapshot and the models. Its API type is
 * the protocol (the page imports only `RecommenderApi`). Each capability contributes a group of methods.
 */
import { expose } from 'comlink';
import { assistantApi } from './recommender/assistant-api.ts';
import { catalogApi } from './recommender/catalog-api.ts';
import { personalApi } from './recommender/personal-api.ts';
import { searchApi } from './recommender/search-api.ts';
import { shelvesApi } from './recommender/shelves-api.ts';

const api = { ...shelvesApi, ...catalogApi, ...searchApi, ...personalApi, ...assistantApi };

expose(api);
export type RecommenderApi = typeof api;
