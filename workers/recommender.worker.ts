/**
 * The recommender worker: owns the catalog index, the shopper's history snapshot and the models. Its API type is
 * the protocol (the page imports only `RecommenderApi`). Each capability contributes a group of methods.
 */
import { expose } from 'comlink';
import { shelvesApi } from './recommender/shelves-api.ts';
import { trainingApi } from './recommender/training-api.ts';

const api = { ...shelvesApi, ...trainingApi };

expose(api);
export type RecommenderApi = typeof api;
