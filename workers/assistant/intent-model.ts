/**
 * The intent model: a linear softmax over hashed n-gram features of the masked request (slots.ts puts CAT, BRAND,
 * COLOR, PRICE, SORT, SIZE where the catalog's names were, so the model learns the shape of a request, not a
 * catalog). Features: English words (stemmed), word pairs, character trigrams inside words (typos still share most
 * of them), Chinese characters and character pairs. Trained by models/aisle-assistant-intent-v1/training/train.ts;
 * the weights ship as int8 with one scale per class. Pure: the worker, the CLIs and the tests run it.
 */
import { INTENTS, type Intent } from '../../src/shared/protocol/assistant.ts';
import { stem } from '../../src/shared/text/tokenize.ts';

export const INTENT_MODEL_FORMAT = 'aisle-intent-1';

export interface IntentModelFile {
  format: typeof INTENT_MODEL_FORMAT;
  /** log2 of the number of hash buckets. */
  bits: number;
  labels: Intent[];
  /** Per class: its scale and base64 int8 weights (one per bucket), and its bias. */
  classes: Array<{ scale: number; bias: number; weights: string }>;
  /** Training facts for the model card. */
  trainedOn?: { examples: number; generated: number; handWritten: number; epochs: number };
}

const HAN = /\p{Script=Han}/u;
const PLACEHOLDER = /^(CAT|BRAND|COLOR|PRICE|SORT|SIZE)$/;

/** FNV-1a, 32 bits. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The words of a masked request: placeholders kept, English words lower-cased and stemmed, Chinese as characters. */
export function featureTokens(masked: string): string[] {
  const out: string[] = [];
  for (const raw of masked.normalize('NFKC').split(/[^\p{L}\p{N}']+/u)) {
    if (!raw) continue;
    if (PLACEHOLDER.test(raw)) {
      out.push(`<${raw.toLowerCase()}>`);
      continue;
    }
    let latin = '';
    const flush = () => {
      if (latin) out.push(stem(latin.toLowerCase().replace(/'/g, '')));
      latin = '';
    };
    for (const ch of raw) {
      if (HAN.test(ch)) {
        flush();
        out.push(ch);
      } else latin += ch;
    }
    flush();
  }
  return out.filter(Boolean);
}

/** Hashed feature indexes of a masked request (with repeats, as counts). */
export function features(masked: string, bits: number): number[] {
  const mask = (1 << bits) - 1;
  const tokens = featureTokens(masked);
  const out: number[] = [];
  const add = (f: string) => out.push(hash(f) & mask);
  add('<bias>');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    add(`w:${t}`);
    if (i + 1 < tokens.length) add(`b:${t} ${tokens[i + 1]}`);
    if (HAN.test(t)) continue;
    if (!t.startsWith('<') && t.length >= 3) {
      const padded = `^${t}$`;
      for (let k = 0; k + 3 <= padded.length; k++) add(`c:${padded.slice(k, k + 3)}`);
    }
  }
  if (tokens.length === 0) add('<empty>');
  if (tokens.length <= 2) add('<short>');
  return out;
}

/** A trained model, ready to classify. */
export class IntentModel {
  readonly labels: Intent[];
  readonly bits: number;
  readonly #weights: Float32Array[];
  readonly #bias: Float32Array;

  constructor(file: IntentModelFile) {
    if (file.format !== INTENT_MODEL_FORMAT) throw new Error(`The intent model has format "${file.format}"; this version reads "${INTENT_MODEL_FORMAT}". Rebuild it with models/aisle-assistant-intent-v1/training/train.ts.`);
    for (const l of file.labels) if (!(INTENTS as readonly string[]).includes(l)) throw new Error(`The intent model names an unknown intent "${l}".`);
    this.labels = file.labels;
    this.bits = file.bits;
    this.#bias = Float32Array.from(file.classes.map((c) => c.bias));
    this.#weights = file.classes.map((c) => {
      const bytes = decodeBase64(c.weights);
      if (bytes.length !== 1 << file.bits) throw new Error(`The intent model's weights have ${bytes.length} values; ${1 << file.bits} were expected.`);
      const w = new Float32Array(bytes.length);
      for (let i = 0; i < bytes.length; i++) w[i] = ((bytes[i] << 24) >> 24) * c.scale;
      return w;
    });
  }

  /** Probability of each intent, in `labels` order. */
  probabilities(masked: string): number[] {
    const f = features(masked, this.bits);
    const logits = this.#weights.map((w, k) => f.reduce((s, i) => s + w[i], this.#bias[k]));
    return softmax(logits);
  }

  classify(masked: string): { intent: Intent; confidence: number } {
    const p = this.probabilities(masked);
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    return { intent: this.labels[best], confidence: p[best] };
  }
}

export function softmax(logits: number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
  }
  return out;
}

export function decodeBase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let j = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = (B64.indexOf(clean[i]) << 18) | (B64.indexOf(clean[i + 1]) << 12) | ((B64.indexOf(clean[i + 2] ?? 'A') & 63) << 6) | (B64.indexOf(clean[i + 3] ?? 'A') & 63);
    if (j < out.length) out[j++] = (n >> 16) & 255;
    if (j < out.length) out[j++] = (n >> 8) & 255;
    if (j < out.length) out[j++] = n & 255;
  }
  return out;
}

/**
 * Trains the softmax with Adam on (masked text, intent) pairs; returns the model file. Deterministic for a seed.
 */
export function trainIntentModel(examples: Array<{ masked: string; intent: Intent }>, options: { bits?: number; epochs?: number; lr?: number; l2?: number; seed?: number } = {}): IntentModelFile {
  const bits = options.bits ?? 13;
  const epochs = options.epochs ?? 12;
  const lr = options.lr ?? 0.05;
  const l2 = options.l2 ?? 1e-6;
  const labels = [...INTENTS];
  const K = labels.length;
  const D = 1 << bits;
  const W = Array.from({ length: K }, () => new Float32Array(D));
  const b = new Float32Array(K);
  const m = Array.from({ length: K }, () => new Float32Array(D));
  const v = Array.from({ length: K }, () => new Float32Array(D));
  const data = examples.map((e) => ({ f: features(e.masked, bits), y: labels.indexOf(e.intent) }));
  let seed = options.seed ?? 1;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  let t = 0;
  const b1 = 0.9;
  const b2 = 0.999;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = data.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [data[i], data[j]] = [data[j], data[i]];
    }
    for (const { f, y } of data) {
      t++;
      const logits = W.map((w, k) => f.reduce((s, i) => s + w[i], b[k]));
      const p = softmax(logits);
      const c1 = 1 - b1 ** t;
      const c2 = 1 - b2 ** t;
      for (let k = 0; k < K; k++) {
        const g = p[k] - (k === y ? 1 : 0);
        b[k] -= lr * 0.1 * g;
        // Sparse Adam: only the active buckets move (lazy moments).
        for (const i of f) {
          const grad = g + l2 * W[k][i];
          m[k][i] = b1 * m[k][i] + (1 - b1) * grad;
          v[k][i] = b2 * v[k][i] + (1 - b2) * grad * grad;
          W[k][i] -= (lr * (m[k][i] / c1)) / (Math.sqrt(v[k][i] / c2) + 1e-8);
        }
      }
    }
  }
  return {
    format: INTENT_MODEL_FORMAT,
    bits,
    labels,
    classes: W.map((w, k) => {
      let max = 0;
      for (const x of w) max = Math.max(max, Math.abs(x));
      const scale = max / 127 || 1;
      const bytes = new Uint8Array(D);
      for (let i = 0; i < D; i++) bytes[i] = Math.round(w[i] / scale) & 255;
      return { scale, bias: b[k], weights: encodeBase64(bytes) };
    }),
  };
}
