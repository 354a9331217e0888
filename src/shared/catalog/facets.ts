/** Category trees, price bands and facet counts over a list of products. Pure. */
import type { Product } from './types.ts';

export interface CategoryNode {
  name: string;
  path: string[];
  count: number;
  children: CategoryNode[];
}

/** One collator for every name sort (String#localeCompare builds one per call: slow on a phone's first screen). */
const names = new Intl.Collator();

export function categoryTree(products: Product[]): CategoryNode[] {
  const root: CategoryNode = { name: '', path: [], count: 0, children: [] };
  const index = new Map<CategoryNode, Map<string, CategoryNode>>();
  for (const p of products) {
    let node = root;
    node.count++;
    for (const name of p.categoryPath) {
      let kids = index.get(node);
      if (!kids) index.set(node, (kids = new Map()));
      let child = kids.get(name);
      if (!child) {
        child = { name, path: [...node.path, name], count: 0, children: [] };
        kids.set(name, child);
        node.children.push(child);
      }
      child.count++;
      node = child;
    }
  }
  const sort = (nodes: CategoryNode[]) => {
    nodes.sort((a, b) => b.count - a.count || names.compare(a.name, b.name));
    nodes.forEach((n) => sort(n.children));
  };
  sort(root.children);
  return root.children;
}

/** True when `path` lies at or below `prefix` in the category tree (an empty prefix is the whole catalog). */
export function underCategory(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((name, i) => path[i] === name);
}

export function findNode(tree: CategoryNode[], path: string[]): CategoryNode | null {
  let nodes = tree;
  let found: CategoryNode | null = null;
  for (const name of path) {
    found = nodes.find((n) => n.name === name) ?? null;
    if (!found) return null;
    nodes = found.children;
  }
  return found;
}

export interface PriceBand {
  label: string;
  min: number;
  /** Exclusive; Infinity for the last band. */
  max: number;
}

/** Round-number price bands that split the products into roughly equal groups (at most `n`). */
export function priceBands(products: Product[], n = 5): PriceBand[] {
  if (products.length === 0) return [];
  // Sorted natively (a typed array): a comparator sort of every price cost milliseconds at 100,000 products.
  const prices = Float64Array.from(products, (p) => p.price).sort();
  return priceBandsFrom(prices.length, (i) => prices[i], products[0]!.currency, n);
}

/**
 * The same bands from the prices' order statistics: `nth(i)` is the i-th smallest of `count` (> 0) prices. It reads
 * only the smallest, the largest and `n - 1` quantiles (the search worker finds those without sorting every price).
 */
export function priceBandsFrom(count: number, nth: (i: number) => number, currency: string, n = 5): PriceBand[] {
  const lowest = nth(0);
  const highest = nth(count - 1);
  const cuts = new Set<number>();
  for (let i = 1; i < n; i++) {
    const q = nth(Math.floor((i / n) * (count - 1)));
    const mag = 10 ** Math.max(1, Math.floor(Math.log10(Math.max(q, 1))));
    const rounded = Math.round(q / (mag / 2)) * (mag / 2);
    if (rounded > lowest && rounded < highest) cuts.add(rounded);
  }
  const edges = [0, ...[...cuts].sort((a, b) => a - b), Infinity];
  const bands: PriceBand[] = [];
  for (let i = 0; i < edges.length - 1; i++) {
    const min = edges[i];
    const max = edges[i + 1];
    // In the products' currency (the first product's: a catalog sells in one), as every price is shown.
    const fmt = (x: number) => formatPrice(x, currency);
    bands.push({ min, max, label: max === Infinity ? `${fmt(min)} and above` : min === 0 ? `Under ${fmt(max)}` : `${fmt(min)} – ${fmt(max)}` });
  }
  return bands;
}

export function countBy<T>(items: T[], key: (t: T) => string | null): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const it of items) {
    const k = key(it);
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || names.compare(a.value, b.value));
}

/** Formatters by currency and decimals: building an Intl.NumberFormat per price costs more than the page's render. */
const priceFormats = new Map<string, Intl.NumberFormat | null>();

export function formatPrice(amount: number, currency: string): string {
  const digits = amount % 1 ? 2 : 0;
  const key = `${currency}:${digits}`;
  let format = priceFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat(currency === 'INR' ? 'en-IN' : undefined, { style: 'currency', currency, maximumFractionDigits: digits });
    } catch {
      format = null;
    }
    priceFormats.set(key, format);
  }
  return format ? format.format(amount) : `${currency} ${amount.toFixed(2)}`;
}

export function discountPercent(p: Product): number {
  return p.listPrice && p.listPrice > p.price ? Math.round((1 - p.price / p.listPrice) * 100) : 0;
}
