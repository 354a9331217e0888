/**
 * The pricing worker: reads a merchant's sales file and estimates how demand responds to price, suggests prices and
 * answers "good price?" (workers/pricing/). Its API type is the protocol (the page imports only `PricingApi`).
 * Nothing it reads leaves it: it makes no requests.
 */
import { expose } from 'comlink';
import { pricingApi } from './pricing/local-pricing.ts';

expose(pricingApi);
export type PricingApi = typeof pricingApi;
