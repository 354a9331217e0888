/**
 * Adam with its state in named tensors, so a checkpoint can hold the moments and the step count and a resumed run
 * continues exactly where it stopped (tf.train.adam keys its state by variable registration order and names that
 * change between model instances).
 */
import * as tf from '@tensorflow/tfjs';
import { fitWeights } from './model.ts';
import { makeVariable } from './ops.ts';
import type { NamedWeights } from './types.ts';

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Clip each gradient tensor to this global L2 norm (0 = no clipping). */
  clipNorm?: number;
}

export class Adam {
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly clipNorm: number;
  /** Steps applied so far. */
  step = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    private readonly vars: readonly tf.Variable[],
    private readonly names: readonly string[],
    options: AdamOptions,
  ) {
    this.learningRate = options.learningRate;
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.98;
    this.epsilon = options.epsilon ?? 1e-8;
    this.clipNorm = options.clipNorm ?? 0;
    this.m = vars.map((x) => makeVariable(() => tf.zerosLike(x), false));
    this.v = vars.map((x) => makeVariable(() => tf.zerosLike(x), false));
  }

  /** Applies gradients keyed by variable name (as tf.variableGrads returns them); missing gradients are skipped. */
  apply(grads: tf.NamedTensorMap): void {
    this.step += 1;
    const t = this.step;
    const lr = (this.learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
    tf.tidy(() => {
      let scale: tf.Scalar | null = null;
      if (this.clipNorm > 0) {
        const sq = this.vars.map((x) => grads[x.name]).filter((g) => g).map((g) => tf.sum(tf.square(g)));
        const norm = tf.sqrt(tf.addN(sq));
        scale = tf.minimum(1, tf.div(this.clipNorm, tf.maximum(norm, 1e-12))) as tf.Scalar;
      }
      this.vars.forEach((x, i) => {
        let g = grads[x.name];
        if (!g) return;
        if (scale) g = tf.mul(g, scale);
        const m = tf.add(tf.mul(this.m[i], this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(this.v[i], this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        x.assign(tf.sub(x, tf.mul(tf.div(m, tf.add(tf.sqrt(v), this.epsilon)), lr)));
      });
    });
  }

  /** Moments as named arrays (`<variable>/adam-m`, `<variable>/adam-v`). */
  async getState(): Promise<{ step: number; weights: NamedWeights }> {
    const weights: NamedWeights = [];
    for (let i = 0; i < this.vars.length; i++) {
      weights.push({ name: `${this.names[i]}/adam-m`, shape: [...this.m[i].shape], data: (await this.m[i].data()) as Float32Array });
      weights.push({ name: `${this.names[i]}/adam-v`, shape: [...this.v[i].shape], data: (await this.v[i].data()) as Float32Array });
    }
    return { step: this.step, weights };
  }

  /** Restores moments saved by getState; variables without saved moments start from zero. */
  setState(step: number, weights: NamedWeights): void {
    const byName = new Map(weights.map((w) => [w.name, w]));
    this.step = step;
    for (let i = 0; i < this.vars.length; i++) {
      for (const [suffix, target] of [['adam-m', this.m[i]], ['adam-v', this.v[i]]] as const) {
        const name = `${this.names[i]}/${suffix}`;
        const w = byName.get(name);
        tf.tidy(() => {
          if (w) target.assign(tf.tensor(fitWeights(name, w, target.shape), target.shape, 'float32'));
          else target.assign(tf.zerosLike(target));
        });
      }
    }
  }

  dispose(): void {
    for (const t of [...this.m, ...this.v]) t.dispose();
  }
}
