/**
 * The widgets' look inside their shadow roots: the app's palette as CSS custom properties that the merchant can
 * override from the page (`aisle-recommendations { --aisle-brand: #8a2be2 }`), the page's own font (inherited), and
 * a dark palette (data-theme="dark", or "auto" for the shopper's system setting). Parts for finer styling:
 * ::part(shelf), ::part(title), ::part(row), ::part(card), ::part(product-title), ::part(because), ::part(footer),
 * ::part(data-button), ::part(search), ::part(results).
 */
import type { Theme } from './config.ts';

const LIGHT = `
  --bg: var(--aisle-background, transparent);
  --surface: var(--aisle-surface, #ffffff);
  --surface-2: var(--aisle-surface-2, #f0ede8);
  --line: var(--aisle-line, #e4dfd7);
  --ink: var(--aisle-ink, #1d2421);
  --muted: var(--aisle-muted, #6b716d);
  --brand: var(--aisle-brand, #1f4d3a);
  --brand-2: var(--aisle-brand-2, #2f6b52);
  --brand-soft: var(--aisle-brand-soft, #e3eee8);
  --accent: var(--aisle-accent, #e0a458);
  --good: var(--aisle-good, #1d7a46);
  --bad: var(--aisle-bad, #b3261e);
  --radius: var(--aisle-radius, 10px);
  --shadow: 0 6px 24px rgb(29 36 33 / 0.08), 0 1px 3px rgb(29 36 33 / 0.08);
  color-scheme: light;`;

const DARK = `
  --surface: var(--aisle-surface, #1c2220);
  --surface-2: var(--aisle-surface-2, #262e2b);
  --line: var(--aisle-line, #35403c);
  --ink: var(--aisle-ink, #eef2ef);
  --muted: var(--aisle-muted, #a6b0ab);
  --brand: var(--aisle-brand, #7fc8a4);
  --brand-2: var(--aisle-brand-2, #9ad8b9);
  --brand-soft: var(--aisle-brand-soft, #20362c);
  --bad: var(--aisle-bad, #f28b82);
  color-scheme: dark;`;

export function themeCss(theme: Theme): string {
  const base = `:host{${LIGHT}
  font: inherit;
  color: var(--ink);
  line-height: 1.5;
}`;
  if (theme === 'dark') return `${base}\n:host{${DARK}}`;
  if (theme === 'auto') return `${base}\n@media (prefers-color-scheme: dark){:host{${DARK}}}`;
  return base;
}
