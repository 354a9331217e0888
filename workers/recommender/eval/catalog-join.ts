/**
 * An interaction log joined to a catalog: the log's item ids are the catalog's product ids, so the log is re-indexed
 * in the catalog's order (alignToCatalog) and a model trained on it represents items by the catalog's content (text
 * vector, category, price band): the model the shop and the embed start a shopper's model from. Pure (Node and the
 * training worker).
 */
import { InvalidFileError } from '../../../src/shared/errors.ts';
import type { CatalogJoinStats } from '../../../src/shared/training.ts';
import { alignToCatalog, type SequenceDataset } from './datasets.ts';

/** A join keeps at least this share of the log's interactions... */
export const MIN_MATCHED_SHARE = 0.2;
/** ...and this many shoppers with enough interactions for the leave-one-out split (3: train, validation, test). */
export const MIN_MATCHED_SHOPPERS = 5;

/** How many of the log's items and interactions are the catalog's products (nothing thrown). */
export function joinStats(d: SequenceDataset, productIds: readonly string[], catalog: string): CatalogJoinStats {
  const known = new Set(productIds);
  const matched = d.itemIds.map((id) => known.has(id));
  let interactions = 0;
  let matchedInteractions = 0;
  let shoppers = 0;
  for (const s of d.sequences) {
    interactions += s.length;
    let n = 0;
    for (let j = 0; j < s.length; j++) if (matched[s[j]]) n++;
    matchedInteractions += n;
    if (n >= 3) shoppers++;
  }
  return { catalog, products: productIds.length, logItems: d.numItems, matchedItems: matched.filter(Boolean).length, interactions, matchedInteractions, shoppers };
}

/**
 * The log in the catalog's order, with what matched; InvalidFileError, saying what to do, when too little of the log
 * is in the catalog to train on.
 */
export function joinLogToCatalog(d: SequenceDataset, productIds: readonly string[], catalog: string): { dataset: SequenceDataset; stats: CatalogJoinStats } {
  const stats = joinStats(d, productIds, catalog);
  if (stats.matchedInteractions < MIN_MATCHED_SHARE * stats.interactions || stats.shoppers < MIN_MATCHED_SHOPPERS) {
    throw new InvalidFileError(
      `Only ${stats.matchedItems} of the log's ${stats.logItems} items (${stats.matchedInteractions} of ${stats.interactions} interactions) are products of the catalog "${catalog}", ` +
        `and ${stats.shoppers} shoppers have 3 or more of them; training needs at least ${Math.round(MIN_MATCHED_SHARE * 100)}% of the interactions and ${MIN_MATCHED_SHOPPERS} such shoppers. ` +
        'The log\'s item ids must be the catalog\'s product ids: import the catalog this log belongs to (Catalog), or train by the log\'s item ids (a model for this console only).',
    );
  }
  return { dataset: alignToCatalog(d, productIds).dataset, stats };
}
