/**
 * A catalog's item features for the preference model, computed in Node exactly as the app builds them on the device
 * (workers/recommender/personal/features.ts): the bundled sentence encoder's vector of each product's text
 * (src/shared/text/product-text.ts), its category (first two levels) and price band. What a merchant's pre-trained
 * content model is trained on, so the shopper's model can start from it. Node only (Transformers.js, local files).
 */
import { resolve } from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import { DEFAULT_ENCODER } from '../../src/shared/models.ts';
import { productText } from '../../src/shared/text/product-text.ts';
import { embedTexts, type FeatureExtractor } from '../../workers/language/encoder.ts';
import type { CatalogIndex } from '../../workers/recommender/catalog-index.ts';
import { assembleFeatures, type CatalogFeatures } from '../../workers/recommender/personal/features.ts';

/** The app's bundled encoder, from models/ only (never a hub). */
export async function nodeEncoder(): Promise<FeatureExtractor> {
  env.allowRemoteModels = false;
  env.localModelPath = `${resolve('models')}/`;
  return (await pipeline('feature-extraction', DEFAULT_ENCODER.id, { dtype: 'fp32' })) as unknown as FeatureExtractor;
}

/** Every product's features, text vectors included (so coverage is the whole catalog). */
export async function catalogContentFeatures(catalog: CatalogIndex, extract?: FeatureExtractor, onBatch?: (done: number) => void): Promise<CatalogFeatures> {
  const encoder = extract ?? (await nodeEncoder());
  const vectors = await embedTexts(encoder, catalog.items.map((i) => productText(i.product)), undefined, onBatch);
  return assembleFeatures(catalog, vectors);
}
