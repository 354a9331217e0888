/**
 * The shopper's history as one training sequence for the preference model: the items they engaged with, in time
 * order, each weighted by what it says (a purchase more than a view). Dismissed items are left out entirely (they
 * also never reach a shelf). Pure.
 */
import type { DismissEvent, StoredEvent } from '../../../src/shared/events.ts';
import { underCategory } from '../../../src/shared/catalog/facets.ts';
import type { CatalogIndex } from '../catalog-index.ts';

/** How much predicting each kind of interaction counts in the model's loss. */
export const INTERACTION_WEIGHTS = { view: 1, addToCart: 3, purchase: 5, goodRating: 3 } as const;

export interface ShopperSequence {
  /** Item indices in the catalog, oldest first. */
  items: Int32Array;
  weights: Float32Array;
  /** The event seq of each entry (the latest event that made it). */
  seqs: Float64Array;
}

export function shopperSequence(events: StoredEvent[], catalog: CatalogIndex): ShopperSequence {
  const dismissals = events.filter((e): e is DismissEvent & { seq: number } => e.type === 'dismiss');
  const dismissed = new Set(dismissals.filter((e) => !e.category?.length).map((e) => e.itemId));
  const dismissedCategories = dismissals.filter((e) => e.category?.length).map((e) => e.category!);
  const items: number[] = [];
  const weights: number[] = [];
  const seqs: number[] = [];
  for (const e of events) {
    if (e.catalog !== catalog.catalogId) continue;
    let w = 0;
    if (e.type === 'view') w = INTERACTION_WEIGHTS.view;
    else if (e.type === 'add-to-cart') w = INTERACTION_WEIGHTS.addToCart;
    else if (e.type === 'purchase') w = INTERACTION_WEIGHTS.purchase;
    else if (e.type === 'rate' && e.rating >= 4) w = INTERACTION_WEIGHTS.goodRating;
    // A thumbs up on an assistant answer counts as a view of the first product it showed.
    else if (e.type === 'feedback' && e.value > 0 && e.items.length) w = INTERACTION_WEIGHTS.view;
    if (!w || e.type === 'search') continue;
    const itemId = e.type === 'feedback' ? e.items[0] : e.itemId;
    const item = catalog.get(itemId);
    if (!item || dismissed.has(itemId)) continue;
    if (dismissedCategories.some((c) => underCategory(item.product.categoryPath, c))) continue;
    // The same item again right away (viewed, then added to the cart, then bought) is one step, at its strongest.
    if (items.length && items[items.length - 1] === item.index) {
      weights[weights.length - 1] = Math.max(weights[weights.length - 1], w);
      seqs[seqs.length - 1] = e.seq;
      continue;
    }
    items.push(item.index);
    weights.push(w);
    seqs.push(e.seq);
  }
  return { items: Int32Array.from(items), weights: Float32Array.from(weights), seqs: Float64Array.from(seqs) };
}
