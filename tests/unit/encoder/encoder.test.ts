/**
 * The bundled sentence encoder (models/aisle-text-encoder-v1) loaded exactly as the app loads it: Transformers.js,
 * local files only, dtype fp32, mean pooling + L2 normalisation. The reference embeddings, token ids and held-out
 * triplets come from the PyTorch model that was exported (models/aisle-text-encoder-v1/training/reference.py).
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const MODELS_DIR = fileURLToPath(new URL('../../../models/', import.meta.url));
const MODEL_ID = 'aisle-text-encoder-v1';

interface Triplet {
  query: string;
  positive: string;
  negative: string;
  noSharedWord: boolean;
  positiveScore: number;
  negativeScore: number;
}
interface Reference {
  dim: number;
  sentences: string[];
  tokenIds: number[][];
  embeddings: number[][];
  triplets: Triplet[];
  tripletAccuracy: number;
}

const readJson = <T>(path: string): T => JSON.parse(readFileSync(MODELS_DIR + MODEL_ID + '/' + path, 'utf8')) as T;
const ref = readJson<Reference>('training/reference.json');
const config = readJson<{ hidden_size: number; max_position_embeddings: number; model_type: string }>('config.json');

let extractor: FeatureExtractionPipeline;

async function embed(texts: string[]): Promise<number[][]> {
  const out = await extractor(texts, { pooling: 'mean', normalize: true });
  const rows = out.tolist() as number[][];
  out.dispose();
  return rows;
}
const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k]!, 0);

beforeAll(async () => {
  env.allowRemoteModels = false;
  env.localModelPath = MODELS_DIR;
  extractor = await pipeline('feature-extraction', MODEL_ID, { dtype: 'fp32' });
});
afterAll(async () => {
  await extractor?.dispose();
});

describe('aisle-text-encoder-v1 in Transformers.js', () => {
  test('is a BERT-interface model whose last_hidden_state is [batch, sequence, hidden]', async () => {
    expect(config.model_type).toBe('bert');
    const out = await extractor(['red cotton kurta', 'a watch'], { pooling: 'none' });
    const ids = extractor.tokenizer('red cotton kurta').input_ids;
    expect(out.dims).toEqual([2, ids.dims[1], config.hidden_size]);
    out.dispose();
  });

  test('embeds to unit vectors of the configured dimension', async () => {
    const rows = await embed(['ladies ballet flats', 'stainless steel analog wrist watch', '', 'x'.repeat(500)]);
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row).toHaveLength(config.hidden_size);
      expect(Math.sqrt(dot(row, row))).toBeCloseTo(1, 5);
    }
    // different texts, different vectors
    expect(dot(rows[0]!, rows[1]!)).toBeLessThan(0.99);
  });

  test('tokenises exactly like the Python tokenizer it was trained with, truncating at model_max_length', () => {
    ref.sentences.forEach((s, i) => {
      const ids = Array.from(extractor.tokenizer(s, { truncation: true }).input_ids.data as BigInt64Array, Number);
      expect(ids).toEqual(ref.tokenIds[i]);
      expect(ids.length).toBeLessThanOrEqual(config.max_position_embeddings);
    });
  });

  test('agrees with the PyTorch reference embeddings to 4 decimals, alone and in a padded batch', async () => {
    const batch = await embed(ref.sentences);
    for (let i = 0; i < ref.sentences.length; i++) {
      const [single] = await embed([ref.sentences[i]!]);
      for (const row of [single!, batch[i]!]) {
        const maxDiff = Math.max(...row.map((x, k) => Math.abs(x - ref.embeddings[i]![k]!)));
        expect(maxDiff).toBeLessThan(1e-4);
      }
    }
  });

  test('ranks a held-out product above an unrelated one for a query about it, also with no shared word', async () => {
    const q = await embed(ref.triplets.map((t) => t.query));
    const p = await embed(ref.triplets.map((t) => t.positive));
    const n = await embed(ref.triplets.map((t) => t.negative));
    let correct = 0;
    let noShared = 0;
    let correctNoShared = 0;
    ref.triplets.forEach((t, i) => {
      const sp = dot(q[i]!, p[i]!);
      const sn = dot(q[i]!, n[i]!);
      expect(sp).toBeCloseTo(t.positiveScore, 4);
      expect(sn).toBeCloseTo(t.negativeScore, 4);
      if (sp > sn) correct++;
      if (t.noSharedWord) {
        noShared++;
        if (sp > sn) correctNoShared++;
      }
    });
    expect(noShared).toBeGreaterThanOrEqual(5);
    expect(correct / ref.triplets.length).toBeGreaterThanOrEqual(0.9);
    expect(correctNoShared / noShared).toBeGreaterThanOrEqual(0.8);
  });
});
