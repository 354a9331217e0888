/**
 * TF.js building blocks with forward and backward passes chosen for speed, measured on the wasm backend (the fastest
 * backend on CPU-only machines). The ratios below were profiled by hand while building them (MODEL.md, "Ops", has
 * the timings; no command reproduces them). The rules they follow:
 *
 * - Embedding lookups (`gatherRows`) scatter their gradient with tf.scatterND. The default gradient of tf.gather uses
 *   UnsortedSegmentSum, which has no wasm kernel (training fails) and costs seconds per step on cpu. On wasm the
 *   forward lookup copies rows in JS straight from the wasm heap: the wasm GatherV2 kernel walks every element with
 *   stride arithmetic and is ~20x slower than a row copy.
 * - Products never use transposeA/transposeB on wasm (3-8x slower than a plain product there): small operands are
 *   transposed explicitly, and AᵀB is computed as (BᵀA)ᵀ when that copies less.
 * - Column sums (bias and layer-norm gradients) are products with a row of ones: wasm's Sum over axis 0 transposes
 *   first and is ~100x slower than the equivalent product.
 * - `softmaxCrossEntropy` fuses the output layer and its loss under one custom gradient: no one-hot matrix, no exp or
 *   log over the logits (XNNPACK's softmax does that), and only the small [P, d] side is ever rescaled.
 * - Dropout masks come from the model's seeded generator in JS: the same masks on every backend, and cheaper than
 *   tf.dropout's per-element seedrandom.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from './rng.ts';

type Saver = tf.GradSaveFunc;
type Args = Array<tf.Tensor | Saver>;

/**
 * A variable from an initial value made by `init`. (tf.variable(t) keeps `t` alive as a second tensor object, which
 * tf.memory() counts as a leak; here the initial tensor is disposed.)
 */
export function makeVariable(init: () => tf.Tensor, trainable = true, name?: string): tf.Variable {
  return tf.tidy(() => tf.variable(init(), trainable, name));
}

function onWasm(): boolean {
  return tf.getBackend() === 'wasm';
}

/** a (or aᵀ) times b (or bᵀ), 2-D, without autodiff; picks the fast form for the backend. */
export function matMulNoGrad(a: tf.Tensor2D, b: tf.Tensor2D, transposeA = false, transposeB = false): tf.Tensor2D {
  if (!onWasm() || (!transposeA && !transposeB)) return tf.matMul(a, b, transposeA, transposeB);
  return tf.tidy<tf.Tensor2D>(() => {
    // op(a)·op(b) = (op(b)ᵀ·op(a)ᵀ)ᵀ: copy whichever side is cheaper (the result counts when we go round).
    const outSize = (transposeA ? a.shape[1] : a.shape[0]) * (transposeB ? b.shape[0] : b.shape[1]);
    const direct = (transposeA ? a.size : 0) + (transposeB ? b.size : 0);
    const around = (transposeA ? 0 : a.size) + (transposeB ? 0 : b.size) + outSize;
    if (direct <= around) return tf.matMul(transposeA ? tf.transpose(a) : a, transposeB ? tf.transpose(b) : b);
    return tf.transpose(tf.matMul(transposeB ? b : tf.transpose(b), transposeA ? a : tf.transpose(a)));
  });
}

/** Sum over rows of a [T, d] matrix, as [d] (a product with a row of ones: fast on every backend). */
export function sumRows(x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.reshape(tf.matMul(tf.ones([1, x.shape[0]]), x), [x.shape[1]]) as tf.Tensor1D);
}

/** 2-D product a·b with a gradient that uses the fast product forms. */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  const op = tf.customGrad((...args: Args) => {
    const [x, y, save] = args as [tf.Tensor2D, tf.Tensor2D, Saver];
    save([x, y]);
    return {
      value: tf.matMul(x, y),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ys] = saved as tf.Tensor2D[];
        return [matMulNoGrad(dy as tf.Tensor2D, ys, false, true), matMulNoGrad(xs, dy as tf.Tensor2D, true, false)];
      },
    };
  });
  return op(a, b) as tf.Tensor2D;
}

/** x·W + b for x of shape [T, in]. */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D | null): tf.Tensor2D {
  if (!b) return matMul(x, w);
  const op = tf.customGrad((...args: Args) => {
    const [xi, wi, bi, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, Saver];
    save([xi, wi]);
    return {
      value: tf.add(tf.matMul(xi, wi), bi),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws] = saved as tf.Tensor2D[];
        const g = dy as tf.Tensor2D;
        return [matMulNoGrad(g, ws, false, true), matMulNoGrad(xs, g, true, false), sumRows(g)];
      },
    };
  });
  return op(x, w, b) as tf.Tensor2D;
}

interface WasmHeapBackend {
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** Forward lookup of rows, without autodiff. */
function gatherForward(table: tf.Tensor2D, indices: Int32Array): tf.Tensor2D {
  const [n, d] = table.shape;
  if (onWasm()) {
    const src = (tf.backend() as unknown as WasmHeapBackend).typedArrayFromHeap(table) as Float32Array;
    const out = new Float32Array(indices.length * d);
    for (let i = 0; i < indices.length; i++) {
      const r = indices[i];
      if (!(r >= 0 && r < n)) throw new RangeError(`gatherRows: index ${r} is outside 0..${n - 1}.`);
      out.set(src.subarray(r * d, r * d + d), i * d);
    }
    return tf.tensor2d(out, [indices.length, d]);
  }
  return tf.tidy(() => tf.gather(table, tf.tensor1d(indices, 'int32')));
}

/**
 * Rows `indices` of `table` (an embedding lookup). The gradient is a dense table-shaped scatter of the incoming rows,
 * summing rows that share an index.
 */
export function gatherRows(table: tf.Tensor2D, indices: Int32Array): tf.Tensor2D {
  const shape = table.shape;
  const op = tf.customGrad((...args: Args) => {
    const [t, save] = args as [tf.Tensor2D, Saver];
    // Saved (kept) for the backward pass: tensors made in the forward pass are disposed before it runs.
    save([tf.tensor2d(indices, [indices.length, 1], 'int32')]);
    return {
      value: gatherForward(t, indices),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.scatterND(saved[0], dy, shape),
    };
  });
  return op(table) as tf.Tensor2D;
}

/** Layer normalisation over the last axis of [T, d], with a hand-written gradient (row sums as products). */
export function layerNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon = 1e-8): tf.Tensor2D {
  const op = tf.customGrad((...args: Args) => {
    const [xi, g, b, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, Saver];
    const mean = tf.mean(xi, -1, true);
    const centred = tf.sub(xi, mean);
    const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(centred), -1, true), epsilon));
    const xhat = tf.mul(centred, rstd) as tf.Tensor2D;
    save([xhat, rstd, g]);
    return {
      value: tf.add(tf.mul(xhat, g), b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xh, rs, gs] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
        const g2 = dy as tf.Tensor2D;
        const dxhat = tf.mul(g2, gs);
        const dx = tf.mul(
          tf.sub(tf.sub(dxhat, tf.mean(dxhat, -1, true)), tf.mul(xh, tf.mean(tf.mul(dxhat, xh), -1, true))),
          rs,
        );
        return [dx, sumRows(tf.mul(g2, xh) as tf.Tensor2D), sumRows(g2)];
      },
    };
  });
  return op(x, gamma, beta) as tf.Tensor2D;
}

/** Inverted dropout with a mask drawn from `rng` (identical on every backend). */
export function dropout(x: tf.Tensor, rate: number, rng: Rng | null): tf.Tensor {
  if (!rng || rate <= 0) return x;
  const keep = 1 - rate;
  const scale = 1 / keep;
  const mask = new Float32Array(x.size);
  for (let i = 0; i < mask.length; i++) mask[i] = rng.next() < keep ? scale : 0;
  return tf.mul(x, tf.tensor(mask, x.shape, 'float32'));
}

/**
 * Softmax cross-entropy of hidden states `h` [P, d] against candidate item representations `cand` [K, d]:
 * row p's logits are h[p]·cand[k] and its label is `labels[p]` (a row of cand). Returns the (weighted) mean
 * negative log-likelihood as a scalar.
 *
 * With cand = the whole catalogue this is the full softmax; with cand = the batch's positives plus sampled
 * negatives (each item once) it is a sampled softmax. `weights` (optional, ≥ 0) weigh the rows.
 */
export function softmaxCrossEntropy(
  h: tf.Tensor2D,
  cand: tf.Tensor2D,
  labels: Int32Array,
  weights?: Float32Array,
): tf.Scalar {
  const [p, d] = h.shape;
  const k = cand.shape[0];
  if (labels.length !== p) throw new Error(`softmaxCrossEntropy: ${labels.length} labels for ${p} rows.`);
  const flat = new Int32Array(p);
  for (let i = 0; i < p; i++) flat[i] = i * k + labels[i];
  const norm = new Float32Array(p);
  let total = 0;
  for (let i = 0; i < p; i++) total += weights ? weights[i] : 1;
  for (let i = 0; i < p; i++) norm[i] = (weights ? weights[i] : 1) / (total || 1);
  const op = tf.customGrad((...args: Args) => {
    const [hIn, cIn, save] = args as [tf.Tensor2D, tf.Tensor2D, Saver];
    const labelT = tf.tensor2d(labels, [p, 1], 'int32');
    const wCol = tf.tensor2d(norm, [p, 1]);
    const logits = matMulNoGrad(hIn, cIn, false, true);
    const probs = tf.softmax(logits);
    const pTarget = tf.gather(tf.reshape(probs, [-1]), tf.tensor1d(flat, 'int32'));
    const value = tf.sum(tf.mul(tf.neg(tf.log(tf.maximum(pTarget, 1e-30))), tf.reshape(wCol, [p])));
    // Everything the backward pass needs must be saved (kept): the forward pass's tensors are disposed before it.
    save([hIn, cIn, probs, labelT, wCol]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [hs, cs, ps, lab, wc] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        // d loss / d logits = w_p (softmax_p - onehot_p). Scale the small [P, d] side, never the [P, K] one.
        const hw = tf.mul(hs, wc) as tf.Tensor2D;
        const dh = tf.mul(tf.sub(matMulNoGrad(ps, cs), tf.gatherND(cs, lab)), wc);
        const dc = tf.sub(matMulNoGrad(ps, hw, true, false), tf.scatterND(lab, hw, [k, d]));
        return [tf.mul(dh, dy), tf.mul(dc, dy)];
      },
    };
  });
  return op(h, cand) as tf.Scalar;
}
