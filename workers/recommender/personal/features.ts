/**
 * Content features of a catalog's items for the preference model: the sentence encoder's product vectors (from the
 * embeddings cache), a category id (first two levels) and a price band (quintile within the top category). They let
 * the model rank items nobody has interacted with, so a new catalog works from the first visit.
 */
import { DEFAULT_ENCODER } from '../../../src/shared/models.ts';
import type { ContentFeatureSpec, ItemFeatures } from '../../../src/shared/training.ts';
import type { CatalogIndex } from '../catalog-index.ts';
import { catalogVectors } from '../catalog-vectors.ts';
import { categoryKey, priceBandOf } from '../profile.ts';

export interface CatalogFeatures {
  features: ItemFeatures;
  spec: ContentFeatureSpec;
  /** Items with a text vector (the rest have zeros until the language worker has embedded them). */
  textCoverage: number;
}

/** Price bands 1..5 (0 = unknown). */
export const PRICE_BANDS = 6;

/** Category and price features (pure); text vectors are added by `catalogFeatures`. */
export function structuralFeatures(catalog: CatalogIndex): { category: { count: number; data: Int32Array }; priceBand: { count: number; data: Int32Array } } {
  const categoryIds = new Map<string, number>();
  const category = new Int32Array(catalog.size);
  const priceBand = new Int32Array(catalog.size);
  catalog.items.forEach((item, i) => {
    const key = categoryKey(item.product);
    if (key) {
      if (!categoryIds.has(key)) categoryIds.set(key, categoryIds.size + 1);
      category[i] = categoryIds.get(key)!;
    }
    const band = priceBandOf(catalog, item.product);
    priceBand[i] = band ? Number(band.key.split(':').pop()) + 1 : 0;
  });
  return { category: { count: categoryIds.size + 1, data: category }, priceBand: { count: PRICE_BANDS, data: priceBand } };
}

export async function catalogFeatures(catalog: CatalogIndex, model = DEFAULT_ENCODER.id): Promise<CatalogFeatures> {
  return assembleFeatures(catalog, await catalogVectors(catalog, model));
}

/**
 * The model's item features from each product's text vector (undefined = not embedded yet: zeros), with the category
 * and price features. The on-device path reads the vectors from the embeddings cache; the merchant's tools compute
 * them with the same encoder in Node (scripts/recs/catalog-features.ts), so both build the same features.
 */
export function assembleFeatures(catalog: CatalogIndex, vectors: ReadonlyArray<Float32Array | undefined>): CatalogFeatures {
  const dim = vectors.find((v) => v)?.length ?? 0;
  const data = new Float32Array(catalog.size * dim);
  let covered = 0;
  vectors.forEach((v, i) => {
    if (v && v.length === dim) {
      data.set(v, i * dim);
      covered++;
    }
  });
  const { category, priceBand } = structuralFeatures(catalog);
  return {
    features: { ...(dim ? { text: { dim, data } } : {}), category, priceBand },
    spec: { textDim: dim, numCategories: category.count, numPriceBands: priceBand.count },
    textCoverage: covered,
  };
}
