/**
 * The originating article's model, as a row of its own: a dense network over user and item features, 64 ReLU units
 * and one sigmoid output, trained with binary cross-entropy on observed next items (label 1) against uniformly
 * sampled items (label 0).
 *
 * Without side information in the benchmark files, the features are learned: an item is its embedding, a user is the
 * mean embedding of their most recent items. Scoring every item for every user uses the first layer's linearity:
 * W·[u; i] = W_u·u + W_i·i, so the item half is computed once per catalogue.
 */
import * as tf from '@tensorflow/tfjs';
import { gatherRows, makeVariable, matMul, matMulNoGrad } from '../../model/ops.ts';
import { Rng, glorotUniform, truncatedNormal } from '../../model/rng.ts';
import { yieldToEventLoop } from '../../model/schedule.ts';
import type { FitContext, SequentialModel } from './types.ts';

export interface MlpOptions {
  dim?: number;
  hidden?: number;
  negatives?: number;
  epochs?: number;
  batch?: number;
  learningRate?: number;
  historyItems?: number;
}

export class ArticleMlp implements SequentialModel {
  readonly name = 'mlp';
  readonly scoreBatchSize = 16;
  numItems = 0;
  readonly opts: Required<MlpOptions>;
  private vars: { item: tf.Variable; wu: tf.Variable; wi: tf.Variable; b1: tf.Variable; w2: tf.Variable; b2: tf.Variable } | null = null;
  private itemHalf: tf.Tensor2D | null = null;

  constructor(options: MlpOptions = {}) {
    this.opts = { dim: 32, hidden: 64, negatives: 4, epochs: 5, batch: 1024, learningRate: 0.003, historyItems: 20, ...options };
  }

  get backend(): string {
    return tf.getBackend();
  }

  /** Mean of the last `historyItems` item embeddings per history: [B, dim]. */
  private userVectors(histories: readonly Int32Array[], item: tf.Tensor2D): tf.Tensor2D {
    const H = this.opts.historyItems;
    const B = histories.length;
    const idx = new Int32Array(B * H);
    const w = new Float32Array(B * H);
    histories.forEach((h, b) => {
      const m = Math.min(H, h.length);
      for (let j = 0; j < m; j++) {
        idx[b * H + j] = h[h.length - m + j];
        w[b * H + j] = 1 / m;
      }
    });
    return tf.tidy(() => {
      const e = tf.reshape(gatherRows(item, idx), [B, H, this.opts.dim]);
      return tf.sum(tf.mul(e, tf.tensor3d(w, [B, H, 1])), 1) as tf.Tensor2D;
    });
  }

  async fit(train: readonly Int32Array[], ctx: FitContext): Promise<void> {
    const { dim, hidden, negatives, epochs, batch, learningRate } = this.opts;
    const n = (this.numItems = ctx.numItems);
    const rng = new Rng(ctx.seed);
    this.dispose();
    const v = (this.vars = {
      item: makeVariable(() => tf.tensor2d(truncatedNormal(rng, n * dim, 0.1), [n, dim])),
      wu: makeVariable(() => tf.tensor2d(glorotUniform(rng, dim, hidden), [dim, hidden])),
      wi: makeVariable(() => tf.tensor2d(glorotUniform(rng, dim, hidden), [dim, hidden])),
      b1: makeVariable(() => tf.zeros([hidden])),
      w2: makeVariable(() => tf.tensor2d(glorotUniform(rng, hidden, 1), [hidden, 1])),
      b2: makeVariable(() => tf.zeros([1])),
    });
    // Examples: (user u, position t ≥ 1): history s[..t), positive s[t].
    const examples: Array<[number, number]> = [];
    train.forEach((s, u) => {
      for (let t = 1; t < s.length; t++) examples.push([u, t]);
    });
    const optimizer = tf.train.adam(learningRate);
    const varList = Object.values(v);
    const steps = Math.ceil(examples.length / batch);
    for (let epoch = 0; epoch < epochs; epoch++) {
      rng.shuffle(examples);
      for (let s = 0; s < steps; s++) {
        const chunk = examples.slice(s * batch, (s + 1) * batch);
        const histories = chunk.map(([u, t]) => train[u].subarray(0, t));
        const B = chunk.length;
        const rows = B * (1 + negatives);
        const users = new Int32Array(rows);
        const items = new Int32Array(rows);
        const labels = new Float32Array(rows);
        chunk.forEach(([u, t], b) => {
          users[b] = b;
          items[b] = train[u][t];
          labels[b] = 1;
          for (let k = 0; k < negatives; k++) {
            const r = B + b * negatives + k;
            users[r] = b;
            items[r] = rng.int(n);
          }
        });
        const cost = optimizer.minimize(() => {
          const u = this.userVectors(histories, v.item as tf.Tensor2D);
          const uh = gatherRows(matMul(u, v.wu as tf.Tensor2D), users);
          const ih = matMul(gatherRows(v.item as tf.Tensor2D, items), v.wi as tf.Tensor2D);
          const h = tf.relu(tf.add(tf.add(uh, ih), v.b1));
          const logits = tf.add(matMul(h as tf.Tensor2D, v.w2 as tf.Tensor2D), v.b2);
          return tf.losses.sigmoidCrossEntropy(tf.tensor2d(labels, [rows, 1]), logits) as tf.Scalar;
        }, true, varList);
        cost?.dispose();
        if (s % 20 === 0) {
          await ctx.onProgress?.((epoch + s / steps) / epochs);
          await yieldToEventLoop();
        }
      }
    }
    optimizer.dispose();
    this.itemHalf = tf.tidy(() => tf.add(matMulNoGrad(v.item as tf.Tensor2D, v.wi as tf.Tensor2D), v.b1) as tf.Tensor2D);
  }

  async score(histories: readonly Int32Array[]): Promise<Float32Array> {
    const v = this.vars;
    const itemHalf = this.itemHalf;
    if (!v || !itemHalf) throw new Error('mlp: call fit() before score().');
    const B = histories.length;
    const n = this.numItems;
    const hidden = this.opts.hidden;
    const scores = tf.tidy(() => {
      const uh = matMulNoGrad(this.userVectors(histories, v.item as tf.Tensor2D), v.wu as tf.Tensor2D);
      const h = tf.relu(tf.add(tf.reshape(uh, [B, 1, hidden]), tf.reshape(itemHalf, [1, n, hidden])));
      // The sigmoid is monotone: rank by the logit.
      return matMulNoGrad(tf.reshape(h, [B * n, hidden]) as tf.Tensor2D, v.w2 as tf.Tensor2D);
    });
    try {
      return (await scores.data()) as Float32Array;
    } finally {
      scores.dispose();
    }
  }

  dispose(): void {
    if (this.vars) for (const x of Object.values(this.vars)) x.dispose();
    this.itemHalf?.dispose();
    this.vars = null;
    this.itemHalf = null;
  }
}
