/**
 * Writes the small real-data fixture the cluster tests train on: the UCI Online Retail sample (CC BY 4.0; see
 * ../shared/data/uci-online-retail-sample/SOURCE.md) as a shop would have it, a catalog (StockCode, description as the
 * title, unit price in GBP) and an events log (customer, product, invoice time), for the first `--rows` invoice
 * lines. Rerun it to rebuild tests/fixtures/recs/retail/:
 *
 *   npx tsx scripts/recs/make-retail-fixture.ts [--data ../shared/data/uci-online-retail-sample/online_retail_sample.csv] [--rows 10000]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { csvField, parseCsvStrict } from '../../src/shared/catalog/csv.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/uci-online-retail-sample/online_retail_sample.csv' },
    rows: { type: 'string', default: '10000' },
    out: { type: 'string', default: 'tests/fixtures/recs/retail' },
  },
});
const [head, ...records] = parseCsvStrict(readFileSync(values.data!, 'utf8'));
const col = (name: string) => head.fields.indexOf(name);
const [code, desc, date, price, customer] = ['StockCode', 'Description', 'InvoiceDate', 'UnitPrice', 'CustomerID'].map(col);
const products = new Map<string, { title: string; price: string }>();
const events: string[] = ['customer,product,time'];
for (const r of records.slice(0, Number(values.rows))) {
  const f = r.fields;
  if (!f[customer]) continue;
  if (!products.has(f[code])) products.set(f[code], { title: f[desc].trim(), price: f[price] });
  events.push([f[customer].replace(/\.0$/, ''), f[code], f[date]].map(csvField).join(','));
}
const catalog = ['id,title,price,currency', ...[...products].map(([id, p]) => [id, p.title, p.price, 'GBP'].map(csvField).join(','))];
mkdirSync(values.out!, { recursive: true });
writeFileSync(join(values.out!, 'events.csv'), `${events.join('\n')}\n`);
writeFileSync(join(values.out!, 'catalog.csv'), `${catalog.join('\n')}\n`);
console.log(`${events.length - 1} events, ${products.size} products written to ${values.out}`);
