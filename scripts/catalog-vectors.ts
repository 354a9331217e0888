/**
 * `npm run catalog:vectors -- --catalog FILE.json [--model aisle-text-encoder-v1]`: computes every product's vector
 * with the app's own encoder (Transformers.js in Node, the bundled model in models/, the same product text the
 * language worker embeds) and writes them beside the catalog as FILE.vectors.bin, naming the file in the catalog's
 * `vectors` field. A shop that ships them needs no encoder on the shopper's device until the first search
 * (src/shared/catalog/vectors.ts). Run it whenever the catalog's products change: a product whose text changed
 * without it simply has no shipped vector and is embedded on the device.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { env, pipeline } from '@huggingface/transformers';
import type { Catalog } from '../src/shared/catalog/types.ts';
import { encodeVectorFile } from '../src/shared/catalog/vectors.ts';
import { productText, textHash } from '../src/shared/text/product-text.ts';
import { embedTexts, type FeatureExtractor } from '../workers/language/encoder.ts';

const { values } = parseArgs({ options: { catalog: { type: 'string', default: 'public/catalog/demo.json' }, model: { type: 'string', default: 'aisle-text-encoder-v1' } } });
const file = values.catalog!;
const catalog = JSON.parse(readFileSync(file, 'utf8')) as Catalog;
if (!Array.isArray(catalog.products)) throw new Error(`${file} is not an Aisle catalog (no "products" list).`);

env.allowRemoteModels = false;
env.localModelPath = `${resolve('models')}/`;
const extract = (await pipeline('feature-extraction', values.model!, { dtype: 'fp32' })) as unknown as FeatureExtractor;
const t0 = performance.now();
const texts = catalog.products.map(productText);
const vectors = await embedTexts(extract, texts);
const hashes = await Promise.all(texts.map(textHash));
const dim = vectors[0]?.length ?? 0;
const out = join(dirname(file), `${basename(file, '.json')}.vectors.bin`);
const bytes = encodeVectorFile({ model: values.model!, dim, entries: vectors.map((vector, i) => ({ hash: hashes[i]!, vector })) });
writeFileSync(out, bytes);
catalog.vectors = { file: basename(out), model: values.model!, dim };
writeFileSync(file, `${JSON.stringify(catalog)}\n`);
console.log(`${catalog.products.length} product vectors (${dim} values, ${values.model}) in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${out} (${(bytes.length / 1024).toFixed(0)} KB); ${file} names it.`);
