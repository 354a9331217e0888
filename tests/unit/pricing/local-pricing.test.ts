/** The in-thread PricingInsight: the same outcomes as the worker's API, and AbortSignals honoured. */
import { expect, test } from 'vitest';
import { LocalPricing } from '../../../workers/pricing/local-pricing.ts';

const pricing = new LocalPricing();

test('an unreadable file is a value with its issues; other errors are thrown', async () => {
  const outcome = await pricing.analyseSales(undefined, { name: 'x.csv', data: 'StockCode,Quantity\na,1\n' });
  expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/no column for price/), issues: [{ field: 'price' }, { field: 'time' }] });
  await expect(pricing.analyseSales(undefined, { name: 'x.csv', data: 'StockCode,Quantity,UnitPrice,InvoiceDate\na,1,2,2024-01-01\n' }, { period: 'month' as 'day' })).rejects.toMatchObject({
    name: 'ConfigError',
  });
});

test('an aborted signal stops the call before it starts', async () => {
  const controller = new AbortController();
  controller.abort();
  await expect(pricing.inspectSales(controller.signal, { name: 'x.csv', data: 'a\n' })).rejects.toMatchObject({ name: 'AbortError' });
});
