import type { WordKnowledge } from '../../src/shared/text/query.ts';
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

/** The part of a Transformers.js tokenizer `wordKnower` uses. */
export interface WordPieceTokenizer {
  tokenize(text: string): string[];
}

/** Word endings a WordPiece vocabulary splits off a word it knows ("mug" "##s"). */
const ENDINGS = new Set(['##s', '##es']);

/**
 * How well the encoder knows a word (src/shared/text/query.ts WordKnowledge): 'whole' when its tokenizer gives one token for it (or one and a plural ending);
 * 'pieces' when it is at most three pieces of which those of four letters or more cover two thirds of it (ball ##erina
 * ##s, time ##piece: pieces it learned as words or word parts); 'unknown' otherwise: [UNK], or a string of letters
 * and scraps ("zzqx" is z ##z ##q ##x, "montre" mo ##nt ##re, "beverage" be ##ver ##age). Cached per word.
 */
export function wordKnower(tokenizer: WordPieceTokenizer): (word: string) => WordKnowledge {
  const known = new Map<string, WordKnowledge>();
  return (word) => {
    let k = known.get(word);
    if (k === undefined) {
      const pieces = tokenizer.tokenize(word);
      if (pieces.length === 0 || pieces.includes('[UNK]') || /^\d+$/.test(word)) k = 'unknown';
      else if (pieces.length === 1 || (pieces.length === 2 && ENDINGS.has(pieces[1]))) k = 'whole';
      else {
        const long = pieces.map((p) => p.replace(/^##/, '')).filter((p) => p.length >= 4);
        const covered = long.reduce((n, p) => n + p.length, 0);
        k = pieces.length <= 3 && covered * 3 >= word.length * 2 ? 'pieces' : 'unknown';
      }
      known.set(word, k);
    }
    return k;
  };
}
