/** Sentence embeddings in batches, from any Transformers.js feature-extraction pipeline (browser or Node). Pure. */

/** The part of a FeatureExtractionPipeline this code uses. */
export type FeatureExtractor = (texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ data: ArrayLike<number>; dims: number[] }>;

export const EMBED_BATCH = 32;

/** Unit-length vectors, one per text, in order. */
export async function embedTexts(extract: FeatureExtractor, texts: string[], batch = EMBED_BATCH, onBatch?: (done: number) => void): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += batch) {
    const slice = texts.slice(i, i + batch);
    const tensor = await extract(slice, { pooling: 'mean', normalize: true });
    const dim = tensor.dims[tensor.dims.length - 1];
    const data = Float32Array.from(tensor.data as ArrayLike<number>);
    for (let j = 0; j < slice.length; j++) out.push(data.slice(j * dim, (j + 1) * dim));
    onBatch?.(Math.min(texts.length, i + batch));
  }
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
