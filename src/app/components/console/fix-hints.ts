/**
 * A fix suggestion for a catalog row problem, by the field it is in (the reason itself, from the validator, says what
 * is wrong; this says what to change). The texts are the message catalog's (console.catalog.hints).
 */
import type { RowIssue } from '../../../shared/errors.ts';

export type FixHints = Record<'id' | 'title' | 'price' | 'currency' | 'categoryPath' | 'listPrice' | 'image' | 'attributes' | 'inStock' | 'rating' | 'ratingCount' | 'line' | 'other', string>;

export function fixHint(issue: RowIssue, hints: FixHints): string {
  if (/^line \d+/.test(issue.field)) return hints.line;
  const key = issue.field.split(/[.[:\s]/)[0] as keyof FixHints;
  return hints[key] ?? hints.other;
}
