/**
 * SASRec (Kang & McAuley 2018) in TF.js, as a plain set of variables and a forward function (no tf.layers), so the
 * gradients can use the fast custom ops of ops.ts on every backend.
 *
 *   item representation  e_i = id_i (learned, optional) + W_text·text_i + cat[category_i] + band[priceBand_i]
 *   input                x_t = √d · e_{s_t} + pos_t, dropout, masked
 *   blocks               pre-norm causal self-attention + point-wise feed-forward, residuals (as the reference code)
 *   output               final layer norm; the score of item i after position t is h_t · e_i (shared embeddings)
 *
 * With `idEmbedding: false` an item is represented by its content alone, so items no one has interacted with yet
 * (and whole new catalogues) are rankable. Every tensor path is in tf.tidy or disposed explicitly.
 */
import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '../../../src/shared/errors.ts';
import { dense, dropout, gatherRows, layerNorm, makeVariable, matMulNoGrad } from './ops.ts';
import { Rng, glorotUniform, truncatedNormal } from './rng.ts';
import type { ItemFeatures, NamedWeights, SasrecConfig, SeqBatch } from './types.ts';
import { validateSasrecConfig } from './validate-config.ts';

let instanceCounter = 0;

/** Additive attention mask value for blocked keys (large and finite, so fully padded rows stay finite). */
const BLOCKED = -1e9;

interface BlockVars {
  attnGamma: tf.Variable;
  attnBeta: tf.Variable;
  wq: tf.Variable;
  bq: tf.Variable;
  wk: tf.Variable;
  bk: tf.Variable;
  wv: tf.Variable;
  bv: tf.Variable;
  wo: tf.Variable;
  bo: tf.Variable;
  ffnGamma: tf.Variable;
  ffnBeta: tf.Variable;
  w1: tf.Variable;
  b1: tf.Variable;
  w2: tf.Variable;
  b2: tf.Variable;
}

/** Left-pads histories into a batch of the given length (the last `length` items of each are kept). */
export function padHistories(histories: readonly Int32Array[], length: number): SeqBatch {
  const size = histories.length;
  const items = new Int32Array(size * length);
  const mask = new Float32Array(size * length);
  for (let b = 0; b < size; b++) {
    const h = histories[b];
    const n = Math.min(h.length, length);
    const src = h.length - n;
    const dst = b * length + length - n;
    for (let j = 0; j < n; j++) {
      items[dst + j] = h[src + j];
      mask[dst + j] = 1;
    }
  }
  return { size, length, items, mask };
}

/** The additive [B, 1, L, L] mask: query j may attend to key k when k ≤ j and key k is present. */
function attentionMask(batch: SeqBatch): Float32Array {
  const { size: B, length: L, mask } = batch;
  const out = new Float32Array(B * L * L);
  for (let b = 0; b < B; b++) {
    const base = b * L * L;
    for (let j = 0; j < L; j++) {
      const row = base + j * L;
      for (let k = 0; k < L; k++) out[row + k] = k <= j && mask[b * L + k] > 0 ? 0 : BLOCKED;
    }
  }
  return out;
}

/** A stored weight fitted to the expected shape: equal shapes as they are; a grown item table padded with zeros. */
export function fitWeights(name: string, w: { shape: number[]; data: Float32Array }, shape: readonly number[]): Float32Array {
  const same = w.shape.length === shape.length && w.shape.every((s, i) => s === shape[i]);
  if (same) return w.data;
  const grown = name.startsWith('item/id') && w.shape.length === 2 && w.shape[1] === shape[1] && w.shape[0] < shape[0];
  if (!grown) throw new ConfigError(`The checkpoint's ${name} has shape [${w.shape}] but the model expects [${shape}].`);
  const out = new Float32Array(shape[0] * shape[1]);
  out.set(w.data.subarray(0, w.shape[0] * w.shape[1]));
  return out;
}

export class SasrecModel {
  readonly config: SasrecConfig;
  /** Logical name → variable, in a fixed order (the order of checkpoints and of the optimizer state). */
  private readonly vars = new Map<string, tf.Variable>();
  private readonly blocks: BlockVars[] = [];
  private featureTensors: { text?: tf.Tensor2D } = {};
  private featureIndex: { category?: Int32Array; priceBand?: Int32Array } = {};
  private readonly prefix: string;
  private disposed = false;

  constructor(config: SasrecConfig, features?: ItemFeatures) {
    this.config = config;
    this.prefix = `sasrec${++instanceCounter}`;
    const { numItems, dim: d, maxLen, ffnDim } = config;
    const rng = new Rng(config.seed);
    const embStd = 1 / Math.sqrt(d);
    if (config.idEmbedding) this.add('item/id', [numItems, d], truncatedNormal(rng, numItems * d, embStd));
    const content = config.content;
    if (content) {
      if (content.textDim > 0) this.add('item/text', [content.textDim, d], glorotUniform(rng, content.textDim, d));
      if (content.numCategories > 0) {
        this.add('item/category', [content.numCategories, d], truncatedNormal(rng, content.numCategories * d, embStd));
      }
      if (content.numPriceBands > 0) {
        this.add('item/priceBand', [content.numPriceBands, d], truncatedNormal(rng, content.numPriceBands * d, embStd));
      }
    }
    this.add('position', [maxLen, d], truncatedNormal(rng, maxLen * d, embStd));
    const ones = (n: number) => new Float32Array(n).fill(1);
    const zeros = (n: number) => new Float32Array(n);
    for (let i = 0; i < config.blocks; i++) {
      const p = `block${i}/`;
      this.blocks.push({
        attnGamma: this.add(`${p}attnNorm/gamma`, [d], ones(d)),
        attnBeta: this.add(`${p}attnNorm/beta`, [d], zeros(d)),
        wq: this.add(`${p}query/w`, [d, d], glorotUniform(rng, d, d)),
        bq: this.add(`${p}query/b`, [d], zeros(d)),
        wk: this.add(`${p}key/w`, [d, d], glorotUniform(rng, d, d)),
        bk: this.add(`${p}key/b`, [d], zeros(d)),
        wv: this.add(`${p}value/w`, [d, d], glorotUniform(rng, d, d)),
        bv: this.add(`${p}value/b`, [d], zeros(d)),
        wo: this.add(`${p}out/w`, [d, d], glorotUniform(rng, d, d)),
        bo: this.add(`${p}out/b`, [d], zeros(d)),
        ffnGamma: this.add(`${p}ffnNorm/gamma`, [d], ones(d)),
        ffnBeta: this.add(`${p}ffnNorm/beta`, [d], zeros(d)),
        w1: this.add(`${p}ffn1/w`, [d, ffnDim], glorotUniform(rng, d, ffnDim)),
        b1: this.add(`${p}ffn1/b`, [ffnDim], zeros(ffnDim)),
        w2: this.add(`${p}ffn2/w`, [ffnDim, d], glorotUniform(rng, ffnDim, d)),
        b2: this.add(`${p}ffn2/b`, [d], zeros(d)),
      });
    }
    this.add('final/gamma', [d], ones(d));
    this.add('final/beta', [d], zeros(d));
    if (features) this.setFeatures(features);
    else if (content) {
      throw new ConfigError('This model uses content features: pass the item features (text, category, price band) to createModel.');
    }
  }

  private add(name: string, shape: number[], init: Float32Array): tf.Variable {
    const v = makeVariable(() => tf.tensor(init, shape, 'float32'), true, `${this.prefix}/${name}`);
    this.vars.set(name, v);
    return v;
  }

  private v(name: string): tf.Variable {
    const x = this.vars.get(name);
    if (!x) throw new Error(`SASRec: no variable ${name}`);
    return x;
  }

  /** Trainable variables in their fixed order. */
  get variables(): tf.Variable[] {
    return [...this.vars.values()];
  }

  /** Logical names in the same order as `variables`. */
  get variableNames(): string[] {
    return [...this.vars.keys()];
  }

  get parameterCount(): number {
    let n = 0;
    for (const v of this.vars.values()) n += v.size;
    return n;
  }

  /** Replaces the content features (e.g. after the catalogue's text embeddings were recomputed). */
  setFeatures(features: ItemFeatures): void {
    const c = this.config.content;
    const n = this.config.numItems;
    const next: { text?: tf.Tensor2D } = {};
    const index: { category?: Int32Array; priceBand?: Int32Array } = {};
    try {
      if (c && c.textDim > 0) {
        if (!features.text || features.text.dim !== c.textDim || features.text.data.length !== n * c.textDim) {
          throw new ConfigError(`Item features: expected a text matrix of ${n} × ${c.textDim}; got ${features.text ? `${features.text.data.length / features.text.dim} × ${features.text.dim}` : 'none'}.`);
        }
        next.text = tf.tensor2d(features.text.data, [n, c.textDim]);
      }
      if (c && c.numCategories > 0) index.category = this.indexFeature('category', features.category, c.numCategories);
      if (c && c.numPriceBands > 0) index.priceBand = this.indexFeature('priceBand', features.priceBand, c.numPriceBands);
    } catch (err) {
      next.text?.dispose();
      throw err;
    }
    this.featureTensors.text?.dispose();
    this.featureTensors = next;
    this.featureIndex = index;
  }

  private indexFeature(name: string, f: { count: number; data: Int32Array } | undefined, count: number): Int32Array {
    const n = this.config.numItems;
    if (!f || f.data.length !== n) throw new ConfigError(`Item features: expected ${name} for each of ${n} items.`);
    for (let i = 0; i < n; i++) {
      if (f.data[i] < 0 || f.data[i] >= count) {
        throw new ConfigError(`Item features: ${name} of item ${i} is ${f.data[i]}, outside 0..${count - 1}.`);
      }
    }
    return Int32Array.from(f.data);
  }

  /** Every item's representation [numItems, d] (differentiable with respect to the variables). */
  itemTable(): tf.Tensor2D {
    return tf.tidy(() => {
      const parts: tf.Tensor2D[] = [];
      if (this.config.idEmbedding) parts.push(this.v('item/id') as tf.Tensor2D);
      const f = { ...this.featureTensors, ...this.featureIndex };
      if (f.text) parts.push(dense(f.text, this.v('item/text') as tf.Tensor2D, null));
      if (f.category) parts.push(gatherRows(this.v('item/category') as tf.Tensor2D, f.category));
      if (f.priceBand) parts.push(gatherRows(this.v('item/priceBand') as tf.Tensor2D, f.priceBand));
      return parts.length === 1 ? parts[0] : (tf.addN(parts) as tf.Tensor2D);
    });
  }

  /**
   * Hidden states [size * length, d] of a padded batch (row b*length + j is position j of history b).
   * `rng` draws the dropout masks when training (null = no dropout).
   */
  encode(batch: SeqBatch, table: tf.Tensor2D, rng: Rng | null): tf.Tensor2D {
    const { dim: d, heads: H, maxLen } = this.config;
    const { size: B, length: L } = batch;
    if (L > maxLen) throw new Error(`SASRec: batch length ${L} exceeds maxLen ${maxLen}.`);
    const rate = rng ? this.config.dropout : 0;
    const drop = <T extends tf.Tensor>(x: T): T => dropout(x, rate, rng) as T;
    const dh = d / H;
    const T = B * L;
    return tf.tidy(() => {
      const mask = tf.tensor2d(batch.mask, [T, 1]);
      const attnMask = tf.tensor(attentionMask(batch), H === 1 ? [B, L, L] : [B, 1, L, L]);
      const pos = tf.slice(this.v('position'), [maxLen - L, 0], [L, d]);
      const emb = tf.reshape(tf.mul(gatherRows(table, batch.items), Math.sqrt(d)), [B, L, d]);
      let x = tf.mul(drop(tf.reshape(tf.add(emb, pos), [T, d]) as tf.Tensor2D), mask) as tf.Tensor2D;
      // [T, d] → [B, L, d] (one head) or [B, H, L, dh].
      const split = (t: tf.Tensor2D): tf.Tensor =>
        H === 1 ? tf.reshape(t, [B, L, d]) : tf.transpose(tf.reshape(t, [B, L, H, dh]), [0, 2, 1, 3]);
      const merge = (t: tf.Tensor): tf.Tensor2D =>
        (H === 1 ? tf.reshape(t, [T, d]) : tf.reshape(tf.transpose(t, [0, 2, 1, 3]), [T, d])) as tf.Tensor2D;
      for (const blk of this.blocks) {
        const q = layerNorm(x, blk.attnGamma as tf.Tensor1D, blk.attnBeta as tf.Tensor1D);
        const Q = split(dense(q, blk.wq as tf.Tensor2D, blk.bq as tf.Tensor1D));
        const K = split(dense(x, blk.wk as tf.Tensor2D, blk.bk as tf.Tensor1D));
        const V = split(dense(x, blk.wv as tf.Tensor2D, blk.bv as tf.Tensor1D));
        const scores = tf.add(tf.mul(tf.matMul(Q, K, false, true), 1 / Math.sqrt(dh)), attnMask);
        const attn = drop(tf.softmax(scores));
        const o = merge(tf.matMul(attn, V));
        x = tf.add(q, dense(o, blk.wo as tf.Tensor2D, blk.bo as tf.Tensor1D)) as tf.Tensor2D;
        x = layerNorm(x, blk.ffnGamma as tf.Tensor1D, blk.ffnBeta as tf.Tensor1D);
        const hidden = drop(tf.relu(dense(x, blk.w1 as tf.Tensor2D, blk.b1 as tf.Tensor1D)));
        x = tf.add(x, drop(dense(hidden, blk.w2 as tf.Tensor2D, blk.b2 as tf.Tensor1D))) as tf.Tensor2D;
        x = tf.mul(x, mask) as tf.Tensor2D;
      }
      return layerNorm(x, this.v('final/gamma') as tf.Tensor1D, this.v('final/beta') as tf.Tensor1D);
    });
  }

  /** The user representation after each history's last item, [histories.length, d]. */
  userVectors(histories: readonly Int32Array[], table: tf.Tensor2D): tf.Tensor2D {
    let longest = 1;
    for (const h of histories) longest = Math.max(longest, h.length);
    const L = Math.min(this.config.maxLen, longest);
    const batch = padHistories(histories, L);
    return tf.tidy(() => {
      const h = this.encode(batch, table, null);
      return gatherRows(h, Int32Array.from({ length: batch.size }, (_, b) => b * L + L - 1));
    });
  }

  /** Scores of every item for each history, row-major histories.length × numItems. */
  async scoreHistories(histories: readonly Int32Array[]): Promise<Float32Array> {
    const scores = tf.tidy(() => {
      const table = this.itemTable();
      return matMulNoGrad(this.userVectors(histories, table), table, false, true);
    });
    try {
      return (await scores.data()) as Float32Array;
    } finally {
      scores.dispose();
    }
  }

  /** Weights as named arrays (logical names, independent of this instance). */
  async getWeights(): Promise<NamedWeights> {
    const out: NamedWeights = [];
    for (const [name, v] of this.vars) out.push({ name, shape: [...v.shape], data: (await v.data()) as Float32Array });
    return out;
  }

  /**
   * Loads weights saved by `getWeights` (every variable must be present with the same shape). A catalogue that grew
   * since the checkpoint is accepted: the item id table keeps its rows and new items start at zero, so they are ranked
   * by their content features (when the model has them) until they get interactions.
   */
  setWeights(weights: NamedWeights): void {
    const byName = new Map(weights.map((w) => [w.name, w]));
    const values = new Map<string, Float32Array>();
    for (const [name, v] of this.vars) {
      const w = byName.get(name);
      if (!w) throw new ConfigError(`The checkpoint has no weights for ${name}; it was saved by a different model configuration.`);
      values.set(name, fitWeights(name, w, v.shape));
    }
    for (const [name, v] of this.vars) {
      tf.tidy(() => v.assign(tf.tensor(values.get(name)!, v.shape, 'float32')));
    }
  }

  /** Copies of the current weights, kept on the backend (for "restore the best epoch"). */
  snapshot(): tf.Tensor[] {
    return this.variables.map((v) => tf.clone(v));
  }

  restore(snapshot: readonly tf.Tensor[]): void {
    this.variables.forEach((v, i) => v.assign(snapshot[i]));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.vars.values()) v.dispose();
    this.featureTensors.text?.dispose();
  }
}

/** Builds a SASRec model from a (partial) configuration; content features are required when the config uses them. */
export function createModel(config: Partial<SasrecConfig>, features?: ItemFeatures): SasrecModel {
  return new SasrecModel(validateSasrecConfig(config), features);
}
