/** Facet links shared by the catalog and search screens: each toggles its filter in the page's query string. */
import type { PriceBand } from '../../shared/catalog/facets.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

export interface Facet {
  label: string;
  href: string;
  active?: boolean;
  count?: number;
}

/** Builds a link to the same page with its query parameters changed. */
export type WithParams = (change: (p: URLSearchParams) => void) => string;

/** Price bands as filters, labelled in the current language (in the products' currency). */
export function priceFacets(bands: Array<PriceBand & { count?: number }>, current: { min?: number; max?: number }, withParams: WithParams, currency: string): Facet[] {
  return bands.map((band) => {
    const active = current.min === band.min && (current.max ?? Infinity) === band.max;
    return {
      label: i18n.priceRange(band.min, band.max, currency),
      count: band.count,
      active,
      href: withParams((p) => {
        p.delete('min');
        p.delete('max');
        if (!active) {
          p.set('min', String(band.min));
          if (band.max !== Infinity) p.set('max', String(band.max));
        }
      }),
    };
  });
}

export function brandFacets(counts: Array<{ value: string; count: number }>, selected: readonly string[], withParams: WithParams): Facet[] {
  return counts.map((b) => {
    const on = selected.includes(b.value);
    return {
      label: b.value,
      count: b.count,
      active: on,
      href: withParams((p) => {
        const rest = p.getAll('brand').filter((x) => x !== b.value);
        p.delete('brand');
        for (const x of on ? rest : [...rest, b.value]) p.append('brand', x);
      }),
    };
  });
}
