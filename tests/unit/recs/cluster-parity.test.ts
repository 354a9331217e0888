/**
 * The cluster trainer's PyTorch model (scripts/cluster/sasrec.py) and the app's TF.js model give the same scores for the
 * same weights: random weights of a useful size (not the tiny initial ones, which would make any difference small),
 * three shapes (id only; content only with two blocks and two heads; both), a fixed batch of histories that includes an
 * empty one and ones longer than maxLen. Runs Debian's python3-torch (npm test installs it when missing).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ItemFeatures, SasrecConfig } from '../../../src/shared/training.ts';
import { initBackend } from '../../../workers/recommender/backend.ts';
import { createModel } from '../../../workers/recommender/model/model.ts';
import { Rng } from '../../../workers/recommender/model/rng.ts';
import { pythonPath, torchInfo } from '../../../scripts/cluster/python.ts';
import { readTensorFolder, writeTensorFolder, type Tensor } from '../../../scripts/cluster/tensors.ts';

const TOLERANCE = 1e-4;

const CASES: Array<{ name: string; config: Partial<SasrecConfig> & { numItems: number } }> = [
  { name: 'id embedding, 1 block, 1 head', config: { numItems: 60, dim: 16, ffnDim: 16, blocks: 1, heads: 1, maxLen: 8 } },
  {
    name: 'content only (text, category, price band), 2 blocks, 2 heads',
    config: { numItems: 45, dim: 16, ffnDim: 24, blocks: 2, heads: 2, maxLen: 10, idEmbedding: false, content: { textDim: 12, numCategories: 5, numPriceBands: 6 } },
  },
  { name: 'id and content', config: { numItems: 30, dim: 8, ffnDim: 8, blocks: 1, heads: 2, maxLen: 6, content: { textDim: 4, numCategories: 3, numPriceBands: 0 } } },
];

const rng = new Rng(11);
const normal = (n: number, std: number) => Float32Array.from({ length: n }, () => rng.normal() * std);

function featuresFor(c: (typeof CASES)[number]['config']): ItemFeatures | undefined {
  const spec = c.content;
  if (!spec) return undefined;
  const n = c.numItems;
  const f: ItemFeatures = {};
  if (spec.textDim) f.text = { dim: spec.textDim, data: normal(n * spec.textDim, 1) };
  if (spec.numCategories) f.category = { count: spec.numCategories, data: Int32Array.from({ length: n }, () => rng.int(spec.numCategories)) };
  if (spec.numPriceBands) f.priceBand = { count: spec.numPriceBands, data: Int32Array.from({ length: n }, () => rng.int(spec.numPriceBands)) };
  return f;
}

function histories(numItems: number): Int32Array[] {
  const lengths = [0, 1, 2, 3, 5, 7, 9, 12, 20];
  return lengths.map((len) => Int32Array.from({ length: len }, () => rng.int(numItems)));
}

let dir: string;
beforeAll(async () => {
  await initBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'aisle-parity-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('PyTorch and TF.js parity', () => {
  test('the same weights give the same scores on a fixed batch (max |difference| < 1e-4)', async () => {
    torchInfo(); // a clear error, with how to install it, when torch is missing
    const expected: Float32Array[] = [];
    const folders: string[] = [];
    for (const [i, c] of CASES.entries()) {
      const before = tf.memory().numTensors;
      const features = featuresFor(c.config);
      const model = createModel(c.config, features);
      // Weights of a useful size: gains near 1, everything else N(0, 0.5²).
      const weights = (await model.getWeights()).map((w) => ({
        ...w,
        data: w.name.endsWith('/gamma') ? Float32Array.from(w.data, () => 1 + rng.normal() * 0.2) : normal(w.data.length, 0.5),
      }));
      model.setWeights(weights);
      const h = histories(c.config.numItems);
      expected.push(await model.scoreHistories(h));
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);

      const offsets = new Int32Array(h.length + 1);
      h.forEach((x, b) => (offsets[b + 1] = offsets[b] + x.length));
      const items = new Int32Array(offsets[h.length]);
      h.forEach((x, b) => items.set(x, offsets[b]));
      const tensors: Tensor[] = [
        ...weights.map((w) => ({ name: `weight/${w.name}`, shape: w.shape, data: w.data })),
        { name: 'histories/items', shape: [items.length], data: items },
        { name: 'histories/offsets', shape: [offsets.length], data: offsets },
      ];
      if (features?.text) tensors.push({ name: 'features/text', shape: [c.config.numItems, features.text.dim], data: features.text.data });
      if (features?.category) tensors.push({ name: 'features/category', shape: [c.config.numItems], data: features.category.data });
      if (features?.priceBand) tensors.push({ name: 'features/priceBand', shape: [c.config.numItems], data: features.priceBand.data });
      const folder = join(dir, `case${i}`);
      writeTensorFolder(folder, { config: model.config }, tensors);
      folders.push(folder);
    }

    const run = spawnSync(pythonPath(), ['scripts/cluster/score.py', ...folders], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);

    CASES.forEach((c, i) => {
      const got = readTensorFolder(join(folders[i], 'scores')).tensors.get('scores')!;
      const want = expected[i];
      expect(got.shape).toEqual([9, c.config.numItems]);
      let maxDiff = 0;
      let spread = 0;
      for (let j = 0; j < want.length; j++) {
        maxDiff = Math.max(maxDiff, Math.abs(got.data[j] - want[j]));
        spread = Math.max(spread, Math.abs(want[j]));
      }
      // The scores are large enough for a wrong layer to show (not all near zero)…
      expect(spread, c.name).toBeGreaterThan(1);
      // …and the two implementations agree on every one of them.
      expect(maxDiff, c.name).toBeLessThan(TOLERANCE);
    });
  });
});
