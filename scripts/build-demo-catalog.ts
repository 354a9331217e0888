/**
 * Builds the bundled demo catalog (public/catalog/demo.json) from the Flipkart products sample
 * (../shared/data/flipkart-catalog, CC BY-SA 4.0, PromptCloud / flipkart.com). The result is derived data and stays
 * under CC BY-SA 4.0: the attribution and licence travel inside the file (`source`) and in public/catalog/LICENSE.md.
 *
 *   npx tsx scripts/build-demo-catalog.ts [--data ../shared/data/flipkart-catalog] [--out public/catalog/demo.json]
 *
 * What it does to the source rows (and nothing else):
 * - id: the Flipkart pid; title: product_name; description: description; brand: brand (or none);
 * - price: discounted_price; listPrice: retail_price (when higher); currency: INR; rows without prices are left out;
 * - categoryPath: the category tree without its trailing product-name segments (at most 4 levels). 47 rows have no
 *   tree (just their name); they take the path of the catalog's category whose leaf name their title mentions;
 * - attributes: the specification key/value pairs (short ones, at most 20);
 * - description: the source's text without its sales boilerplate ("Buy … Online … Only at …", prices, "Free Shipping",
 *   "Key Features of …", the specification dump that the attributes already hold): the app's one cleaning rule
 *   (src/shared/text/product-text.ts), so a shopper reads what the product is;
 * - rating: product_rating where one exists; the source gives no number of ratings, so none is claimed;
 * - variants: products of the same brand and title (sizes, colours, style codes) form a group with a label
 *   (src/shared/catalog/variants.ts); lists show a group once;
 * - inStock: true (the source has no stock data);
 * - image: none. The source's images are on Flipkart's servers; hotlinking them would tell a third party what the
 *   shopper looks at, so the app draws a placeholder instead.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseCsv } from '../src/shared/catalog/csv.ts';
import { loadCatalogJson } from '../src/shared/catalog/load.ts';
import type { Catalog, Product } from '../src/shared/catalog/types.ts';
import { groupVariants } from '../src/shared/catalog/variants.ts';
import { cleanDescription } from '../src/shared/text/product-text.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/data/flipkart-catalog' },
    out: { type: 'string', default: 'public/catalog/demo.json' },
  },
});

const file = join(values.data!, 'flipkart_com-ecommerce_sample.clean.csv');
const { records, errors } = parseCsv(readFileSync(file, 'utf8'));
if (errors.length) throw new Error(`${file}: ${JSON.stringify(errors.slice(0, 3))}`);
const [header, ...rows] = records;
const col = (name: string) => {
  const i = header.fields.indexOf(name);
  if (i < 0) throw new Error(`${file} has no column ${name}`);
  return i;
};
const C = {
  pid: col('pid'), name: col('product_name'), tree: col('product_category_tree'), retail: col('retail_price'),
  price: col('discounted_price'), description: col('description'), rating: col('product_rating'), brand: col('brand'),
  specs: col('product_specifications'),
};

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

function categoryPath(tree: string, title: string, brand: string | null): string[] {
  let segments: string[];
  try {
    segments = (JSON.parse(tree) as string[])[0].split('>>').map(clean);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const s of segments) {
    const lower = s.toLowerCase();
    if (s.endsWith('...') || lower === title.toLowerCase()) break;
    if (brand && (lower.startsWith(brand.toLowerCase() + ' ') || lower === brand.toLowerCase())) break;
    out.push(s);
    if (out.length === 4) break;
  }
  // A one-segment "tree" that is the product's own name is no category.
  return out.length === 1 && segments.length === 1 ? [] : out;
}

function attributes(specs: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /\{"key"=>"((?:[^"\\]|\\.)*)", "value"=>"((?:[^"\\]|\\.)*)"\}/g;
  for (const m of specs.matchAll(re)) {
    const key = clean(m[1]);
    const value = clean(m[2]);
    if (!key || !value || value.length > 120 || key.length > 60 || key in out) continue;
    out[key] = value;
    if (Object.keys(out).length === 20) break;
  }
  return out;
}

const products: Product[] = [];
let noPrice = 0;
for (const { fields: f } of rows) {
  const price = Number(f[C.price]);
  const retail = Number(f[C.retail]);
  if (!f[C.price] || !Number.isFinite(price)) {
    noPrice++;
    continue;
  }
  const title = clean(f[C.name]);
  const brand = clean(f[C.brand]) || null;
  const rating = Number(f[C.rating]);
  products.push({
    id: f[C.pid],
    title,
    description: cleanDescription(f[C.description].trim(), title),
    categoryPath: categoryPath(f[C.tree], title, brand),
    brand,
    price,
    currency: 'INR',
    listPrice: Number.isFinite(retail) && retail > price ? retail : null,
    image: null,
    attributes: attributes(f[C.specs]),
    inStock: true,
    rating: Number.isFinite(rating) && rating > 0 ? rating : null,
  });
}

// Rows without a tree: take the path of the category whose leaf name the title mentions (most common path wins).
const stem = (w: string) => w.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/(es|s)$/, '');
const pathCounts = new Map<string, { path: string[]; count: number; leaf: Set<string> }>();
for (const p of products) {
  if (p.categoryPath.length < 2) continue;
  const key = p.categoryPath.join('>');
  const entry = pathCounts.get(key) ?? { path: p.categoryPath, count: 0, leaf: new Set(p.categoryPath.at(-1)!.split(/\s+/).map(stem).filter((w) => w.length > 2)) };
  entry.count++;
  pathCounts.set(key, entry);
}
let inferred = 0;
for (const p of products) {
  if (p.categoryPath.length > 0) continue;
  const words = new Set(p.title.split(/\s+/).map(stem));
  let best: { path: string[]; score: number; count: number } | null = null;
  for (const e of pathCounts.values()) {
    const score = [...e.leaf].filter((w) => words.has(w)).length;
    if (score > 0 && (!best || score > best.score || (score === best.score && e.count > best.count))) best = { path: e.path, score, count: e.count };
  }
  if (best) {
    p.categoryPath = best.path;
    inferred++;
  }
}

const grouped = groupVariants(products);

const catalog: Catalog = {
  id: 'flipkart-demo-v1',
  name: 'Aisle demo store',
  source: {
    name: 'Flipkart products sample',
    licence: 'CC BY-SA 4.0',
    attribution:
      'Product data from the Flipkart products dataset by PromptCloud (crawled from flipkart.com, 2015–2016), CC BY-SA 4.0. ' +
      'Adapted by the Aisle project (scripts/build-demo-catalog.ts): fields renamed, category trees trimmed, sales boilerplate removed from descriptions, variants grouped, prices in INR, images removed.',
    url: 'https://www.kaggle.com/datasets/PromptCloudHQ/flipkart-products',
  },
  products: grouped,
};

// The demo catalog must pass the app's own loader, strictly.
const text = JSON.stringify(catalog);
loadCatalogJson(text, { mode: 'reject' });
writeFileSync(values.out!, text + '\n');
const uncategorised = products.filter((p) => p.categoryPath.length === 0).length;
const groups = new Set(grouped.filter((p) => p.group).map((p) => p.group)).size;
console.log(
  `${values.out}: ${products.length} products (${noPrice} source rows without a price left out; ${inferred} categories inferred from titles, ${uncategorised} uncategorised; ${grouped.filter((p) => p.group).length} variants in ${groups} groups), ${(text.length / 1024).toFixed(0)} KiB`,
);

// The product vectors that ship beside it (the first visit then loads no encoder): computed again for the new texts.
const vectors = spawnSync('npx', ['tsx', 'scripts/catalog-vectors.ts', '--catalog', values.out!], { stdio: 'inherit' });
if (vectors.status !== 0) throw new Error('Computing the product vectors failed (npm run catalog:vectors): the catalog ships without them until it is run.');
