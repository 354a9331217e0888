/**
 * From order lines to the sales demand is measured on. Left out, and counted: service lines (postage, fees: the
 * `exclude` codes), cancellations and returns ("C" invoices or negative quantities) together with the sale each one
 * cancels when it can be matched (same product, customer and quantity, earlier), lines with a zero or negative
 * price (free items, adjustments) and lines with no quantity. A return is not demand at the day's price: it undoes
 * a sale, often weeks later, so netting it into the day it happened would put negative demand there.
 */
import type { CleaningReport } from '../../src/shared/protocol/pricing.ts';
import type { SalesLine } from './sales-file.ts';

export type CleanCounts = Pick<CleaningReport, 'sales' | 'cancellations' | 'cancelledSales' | 'zeroPrice' | 'zeroQuantity' | 'negativePrice' | 'excluded'>;

export function isCancellation(line: SalesLine): boolean {
  return line.quantity < 0 || /^c/i.test(line.invoice);
}

export function cleanSales(lines: readonly SalesLine[], exclude: readonly string[] = []): { sales: SalesLine[]; counts: CleanCounts } {
  const excludedCodes = new Set(exclude.map((c) => c.trim().toUpperCase()));
  const counts: CleanCounts = { sales: 0, cancellations: 0, cancelledSales: 0, zeroPrice: 0, zeroQuantity: 0, negativePrice: 0, excluded: 0 };
  const candidates: SalesLine[] = [];
  const cancellations: SalesLine[] = [];
  for (const line of lines) {
    if (excludedCodes.has(line.product.toUpperCase())) counts.excluded++;
    else if (isCancellation(line)) cancellations.push(line);
    else if (line.quantity === 0) counts.zeroQuantity++;
    else if (line.price === 0) counts.zeroPrice++;
    else if (line.price < 0) counts.negativePrice++;
    else candidates.push(line);
  }
  counts.cancellations = cancellations.length;
  if (cancellations.length === 0) {
    counts.sales = candidates.length;
    return { sales: candidates, counts };
  }

  // Each cancellation removes the latest matching sale before it, at most once.
  const key = (l: SalesLine) => `${l.product}\u0000${l.customer}\u0000${Math.abs(l.quantity)}`;
  const cancelled = new Set(cancellations.map((c) => c.product));
  const byKey = new Map<string, number[]>();
  candidates.forEach((l, i) => {
    if (!cancelled.has(l.product)) return;
    const k = key(l);
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  for (const list of byKey.values()) list.sort((a, b) => candidates[a]!.time - candidates[b]!.time);
  const removed = new Uint8Array(candidates.length);
  for (const c of [...cancellations].sort((a, b) => a.time - b.time)) {
    const list = byKey.get(key(c));
    if (!list) continue;
    for (let j = list.length - 1; j >= 0; j--) {
      const i = list[j]!;
      if (!removed[i] && candidates[i]!.time <= c.time) {
        removed[i] = 1;
        counts.cancelledSales++;
        list.splice(j, 1);
        break;
      }
    }
  }
  const sales = candidates.filter((_, i) => !removed[i]);
  counts.sales = sales.length;
  return { sales, counts };
}
