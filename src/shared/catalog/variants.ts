/**
 * Variants: products that are one product in several sizes, colours or styles (same brand and title) form a group,
 * so that lists show the group once and the product page offers its options. Used when a catalog is built (the demo's
 * builder, a merchant's file may give `group` itself) and by the screens and shelves that list products. Pure.
 */
import type { Product } from './types.ts';

/** Attributes that tell variants apart, in the order a shopper would name them. */
const DISTINGUISHING = ['Color', 'Colour', 'Size', 'Ring Size', 'Pack of', 'Number of Contents in Sales Package', 'Fabric', 'Pattern', 'Neck', 'Sleeve', 'Length', 'Gold Weight', 'Metal Weight', 'Weight', 'Type', 'Style Code', 'Model Number', 'Model ID'];

const keyOf = (p: Product) => `${(p.brand ?? '').toLowerCase()}\u0000${p.title.toLowerCase().replace(/\s+/g, ' ').trim()}`;

/**
 * Gives every product that shares its brand and title with another a `group` (the first one's id) and a `variant`
 * label from the first attribute whose value differs within the group (else its price). Products that are alone are
 * returned unchanged; products that already name a group keep it.
 */
export function groupVariants(products: Product[]): Product[] {
  const groups = new Map<string, Product[]>();
  for (const p of products) {
    if (p.group) continue;
    const k = keyOf(p);
    const list = groups.get(k);
    if (list) list.push(p);
    else groups.set(k, [p]);
  }
  const labelled = new Map<Product, { group: string; variant: string }>();
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const attribute = DISTINGUISHING.find((a) => new Set(list.map((p) => p.attributes[a] ?? '')).size > 1);
    list.forEach((p, i) => {
      const value = attribute ? p.attributes[attribute] : undefined;
      const name = attribute === 'Number of Contents in Sales Package' ? 'Pack of' : attribute;
      const variant = !attribute || !value ? `Option ${i + 1}` : value.toLowerCase().startsWith(name!.toLowerCase()) ? value : `${name}: ${value}`;
      labelled.set(p, { group: list[0]!.id, variant });
    });
  }
  return products.map((p) => {
    const l = labelled.get(p);
    return l ? { ...p, ...l } : p;
  });
}

/** The key a list shows once: the group, or the product itself. */
export function groupKey(p: Pick<Product, 'id' | 'group'>): string {
  return p.group ?? p.id;
}

/** The list with each group shown once, by its first member in the list's order (the best-ranked, the cheapest…). */
export function onePerGroup<T extends Pick<Product, 'id' | 'group'>>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = groupKey(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
