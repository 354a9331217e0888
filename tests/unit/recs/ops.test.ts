/**
 * The custom-gradient ops against TF.js's own autodiff of the plain formulas (on the cpu backend, where every default
 * gradient has a kernel), on both backends the Node CLI uses, with tensor-leak checks around every call.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { initBackend } from '../../../workers/recommender/backend.ts';
import { dense, dropout, gatherRows, layerNorm, matMul, matMulNoGrad, softmaxCrossEntropy } from '../../../workers/recommender/model/ops.ts';
import { Rng } from '../../../workers/recommender/model/rng.ts';

const rng = new Rng(3);
const rand = (shape: number[]) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()), shape);

let E: tf.Variable;
let W: tf.Variable;
let b: tf.Variable;
let g: tf.Variable;
let be: tf.Variable;

beforeAll(async () => {
  await initBackend('wasm');
  E = tf.variable(rand([30, 8]));
  W = tf.variable(rand([8, 8]));
  b = tf.variable(rand([8]));
  g = tf.variable(rand([8]));
  be = tf.variable(rand([8]));
});
afterAll(() => [E, W, b, g, be].forEach((v) => v.dispose()));

const idx = Int32Array.from([3, 5, 5, 7, 1, 29]);
const cand = Int32Array.from([4, 9, 5, 11, 3, 20, 21]);
const labels = Int32Array.from([2, 4, 4, 6, 0, 1]);
const weights = Float32Array.from([1, 2, 1, 0.5, 1, 3]);

function mine(): tf.Scalar {
  const x = gatherRows(E as tf.Tensor2D, idx);
  const h = layerNorm(dense(x, W as tf.Tensor2D, b as tf.Tensor1D), g as tf.Tensor1D, be as tf.Tensor1D);
  const h2 = matMul(h, W as tf.Tensor2D);
  return softmaxCrossEntropy(h2, gatherRows(E as tf.Tensor2D, cand), labels, weights);
}

function reference(): tf.Scalar {
  const x = tf.gather(E, tf.tensor1d(idx, 'int32'));
  const y = tf.add(tf.matMul(x, W), b);
  const { mean, variance } = tf.moments(y, -1, true);
  const h = tf.add(tf.mul(tf.div(tf.sub(y, mean), tf.sqrt(tf.add(variance, 1e-8))), g), be);
  const h2 = tf.matMul(h, W);
  const logits = tf.matMul(h2, tf.gather(E, tf.tensor1d(cand, 'int32')), false, true);
  const onehot = tf.oneHot(tf.tensor1d(labels, 'int32'), cand.length);
  const w = tf.tensor1d(weights);
  const l = tf.losses.softmaxCrossEntropy(onehot, logits, undefined, undefined, tf.Reduction.NONE);
  return tf.div(tf.sum(tf.mul(l, w)), tf.sum(w)) as tf.Scalar;
}

function gradsOf(f: () => tf.Scalar): { value: number; grads: Float32Array[] } {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(f, [E, W, b, g, be]);
    return { value: value.dataSync()[0], grads: [E, W, b, g, be].map((v) => grads[v.name].dataSync() as Float32Array) };
  });
}

function maxAbsDiff(a: Float32Array, c: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - c[i]));
  return m;
}

describe('custom-gradient ops', () => {
  test('loss and gradients equal autodiff of the plain formulas (reference on cpu)', async () => {
    await initBackend('cpu');
    const ref = gradsOf(reference);
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend(backend);
      const before = tf.memory().numTensors;
      const got = gradsOf(mine);
      expect(tf.memory().numTensors).toBe(before);
      expect(got.value).toBeCloseTo(ref.value, 4);
      got.grads.forEach((gr, i) => expect(maxAbsDiff(gr, ref.grads[i])).toBeLessThan(2e-4));
    }
  });

  test('matMulNoGrad picks a form with the same result for every transpose combination', () => {
    const a = rand([5, 3]);
    const c = rand([3, 4]);
    const before = tf.memory().numTensors;
    const want = tf.tidy(() => tf.matMul(a, c).dataSync());
    const cases: Array<[tf.Tensor2D, tf.Tensor2D, boolean, boolean]> = [
      [a as tf.Tensor2D, c as tf.Tensor2D, false, false],
      [tf.transpose(a) as tf.Tensor2D, c as tf.Tensor2D, true, false],
      [a as tf.Tensor2D, tf.transpose(c) as tf.Tensor2D, false, true],
      [tf.transpose(a) as tf.Tensor2D, tf.transpose(c) as tf.Tensor2D, true, true],
    ];
    for (const [x, y, ta, tb] of cases) {
      const r = matMulNoGrad(x, y, ta, tb);
      expect(maxAbsDiff(r.dataSync() as Float32Array, want as Float32Array)).toBeLessThan(1e-5);
      r.dispose();
    }
    for (const [x, y] of cases.slice(1)) {
      if (x !== a) x.dispose();
      if (y !== c) y.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    a.dispose();
    c.dispose();
  });

  test('gatherRows rejects an index outside the table on wasm', () => {
    expect(() => tf.tidy(() => gatherRows(E as tf.Tensor2D, Int32Array.from([30])))).toThrow(/outside 0..29/);
  });

  test('dropout with the same generator state gives the same mask; rate 0 is the identity', () => {
    const x = tf.ones([4, 5]);
    const a = tf.tidy(() => dropout(x, 0.5, Rng.fromState(11)).dataSync());
    const c = tf.tidy(() => dropout(x, 0.5, Rng.fromState(11)).dataSync());
    expect(Array.from(a)).toEqual(Array.from(c));
    expect(new Set(a)).toEqual(new Set([0, 2]));
    expect(dropout(x, 0, Rng.fromState(1))).toBe(x);
    x.dispose();
  });
});
