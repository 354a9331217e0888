/**
 * The shopper's interests, derived from the history view and the catalog: by category, brand, price band and
 * descriptive attribute, each with a decayed score and the evidence behind it ("12 views, 2 purchases"). Pure.
 */
import type { Product } from '../../src/shared/catalog/types.ts';
import type { Interest, InterestKind, Profile } from '../../src/shared/profile.ts';
import type { CatalogIndex } from './catalog-index.ts';
import type { HistoryView } from './history-view.ts';

export function categoryKey(p: Product): string | null {
  return p.categoryPath.length ? p.categoryPath.slice(0, 2).join('>') : null;
}

/** Price band of a product within its top category: quintile 0..4 of the catalog's prices there. */
export function priceBandOf(catalog: CatalogIndex, p: Product): { key: string; label: string } | null {
  const top = p.categoryPath[0];
  if (!top) return null;
  const cuts = priceCuts(catalog, top);
  let band = 0;
  while (band < cuts.length && p.price >= cuts[band]) band++;
  const names = ['budget', 'lower-mid', 'mid-range', 'upper-mid', 'premium'];
  return { key: `price:${top}:${band}`, label: `${names[band]} ${top.toLowerCase()}` };
}

const cutsCache = new WeakMap<CatalogIndex, Map<string, number[]>>();
function priceCuts(catalog: CatalogIndex, top: string): number[] {
  let byTop = cutsCache.get(catalog);
  if (!byTop) cutsCache.set(catalog, (byTop = new Map()));
  let cuts = byTop.get(top);
  if (!cuts) {
    const prices = (catalog.byCategory.get(top) ?? []).map((i) => catalog.items[i].product.price).sort((a, b) => a - b);
    cuts = [0.2, 0.4, 0.6, 0.8].map((q) => prices[Math.floor(q * (prices.length - 1))] ?? 0);
    byTop.set(top, cuts);
  }
  return cuts;
}

function traitsOf(catalog: CatalogIndex, p: Product): string[] {
  return [...(catalog.get(p.id)?.traits ?? [])];
}

/** Every interest the history supports, strongest first within each kind. */
export function buildProfile(history: HistoryView, catalog: CatalogIndex, now: number): Profile {
  const acc = new Map<string, Interest>();
  const add = (kind: InterestKind, key: string, label: string, score: number, ev: NonNullable<ReturnType<HistoryView['evidence']>>) => {
    let it = acc.get(key);
    if (!it) acc.set(key, (it = { kind, key, label, score: 0, strength: 0, evidence: { views: 0, carts: 0, purchases: 0, ratings: 0, products: 0 } }));
    it.score += score;
    it.evidence.views += ev.views;
    it.evidence.carts += ev.carts;
    it.evidence.purchases += ev.purchases;
    it.evidence.ratings += ev.rating !== null ? 1 : 0;
    it.evidence.products += 1;
  };
  let items = 0;
  for (const id of history.items.keys()) {
    const item = catalog.get(id);
    const ev = history.evidence(id);
    if (!item || !ev) continue;
    const score = history.interest(id, now);
    if (score <= 0) continue;
    items++;
    const p = item.product;
    const cat = categoryKey(p);
    if (cat) add('category', `category:${cat}`, p.categoryPath.slice(0, 2).join(' › '), score, ev);
    if (p.brand) add('brand', `brand:${p.brand}`, p.brand, score, ev);
    const band = priceBandOf(catalog, p);
    if (band) add('price', band.key, band.label, score, ev);
    for (const t of traitsOf(catalog, p)) {
      const [k, v] = t.split('=');
      add('attribute', `attribute:${t}`, `${v} (${k})`, score, ev);
    }
  }
  const interests = [...acc.values()];
  const max = new Map<InterestKind, number>();
  for (const it of interests) max.set(it.kind, Math.max(max.get(it.kind) ?? 0, it.score));
  for (const it of interests) it.strength = it.score / (max.get(it.kind) || 1);
  interests.sort((a, b) => (a.kind === b.kind ? b.score - a.score : a.kind.localeCompare(b.kind)));
  return { interests, items };
}

/** The interest keys a product falls under (to apply muted interests). */
export function interestKeysOf(catalog: CatalogIndex, p: Product): string[] {
  const keys: string[] = [];
  const cat = categoryKey(p);
  if (cat) {
    keys.push(`category:${cat}`);
    // Muting a top-level category ("category:Watches") covers everything under it.
    keys.push(`category:${p.categoryPath[0]}`);
  }
  if (p.brand) keys.push(`brand:${p.brand}`);
  const band = priceBandOf(catalog, p);
  if (band) keys.push(band.key);
  for (const t of traitsOf(catalog, p)) keys.push(`attribute:${t}`);
  return keys;
}

/** How well a product matches the profile, 0..1 (category 60%, brand 20%, price band 20%). */
export function affinity(profile: Profile, catalog: CatalogIndex): (p: Product) => number {
  const strength = new Map(profile.interests.map((i) => [i.key, i.strength]));
  return (p) => {
    const cat = categoryKey(p);
    const band = priceBandOf(catalog, p);
    return 0.6 * (cat ? (strength.get(`category:${cat}`) ?? 0) : 0) + 0.2 * (p.brand ? (strength.get(`brand:${p.brand}`) ?? 0) : 0) + 0.2 * (band ? (strength.get(band.key) ?? 0) : 0);
  };
}
