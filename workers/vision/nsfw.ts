/**
 * Image moderation with the NSFW classifier bundled in the nsfwjs package (MobileNetV2, 224x224, TF.js layers
 * model, MIT). nsfwjs 4 ships its model topology and weights as JavaScript modules (base64 weights) inside the
 * package, loaded here with `import('nsfwjs/core')` + `import('nsfwjs/models/mobilenet_v2')`: the bundler turns them
 * into the app's own chunks, so loading makes no network request beyond the app's files (no CDN, no model URL).
 *
 * Pure apart from TF.js: runs in the vision worker and in Node (tests). Every tensor path is tidied or disposed.
 * Fails closed: a model that does not load or throws gives 'hold', never 'allow'.
 */
import { retryableOnce } from '../../src/shared/retryable.ts';
import * as tf from '@tensorflow/tfjs';
import { ConfigError, describeError } from '../../src/shared/errors.ts';
import { NSFW_CLASSES, type ImageModerationResult, type ImageThresholds, type NsfwClass } from '../../src/shared/moderation.ts';
import { loadBundledNsfwModel } from './load-nsfwjs.js';

export const NSFW_IMAGE_SIZE = 224;

export const DEFAULT_IMAGE_THRESHOLDS: Readonly<ImageThresholds> = {
  explicitBlock: 0.7,
  explicitFlag: 0.4,
  suggestiveFlag: 0.6,
};

export const IMAGE_HOLD_MESSAGE =
  'This image has not been posted: the image checker could not run, and nothing is posted unchecked. ' +
  'Try again in a moment; if it keeps happening, reload the page.';

/** Decoded pixels, as in ImageData: RGBA, 4 bytes per pixel, row-major. */
export interface RgbaImage {
  data: Uint8ClampedArray | Uint8Array;
  width: number;
  height: number;
}

/** The part of an nsfwjs model used here (NSFWJS from nsfwjs/core satisfies it). */
export interface NsfwModelLike {
  classify(img: tf.Tensor3D, topk?: number): Promise<Array<{ className: string; probability: number }>>;
}

export function validateImageThresholds(input: Partial<ImageThresholds> = {}): ImageThresholds {
  const t = { ...DEFAULT_IMAGE_THRESHOLDS, ...input };
  for (const [k, v] of Object.entries(t)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
      throw new ConfigError(`The image threshold ${k} must be a number from 0 to 1, not ${JSON.stringify(v)}.`);
    }
  }
  if (t.explicitFlag > t.explicitBlock) {
    throw new ConfigError(`explicitFlag (${t.explicitFlag}) is above explicitBlock (${t.explicitBlock}); flag must be at most block.`);
  }
  return t;
}

/**
 * RGBA pixels → an int32 [height, width, 3] tensor, transparent pixels composited over white (product photos are
 * often transparent PNGs; nsfwjs itself would read their hidden colour, usually black).
 */
export function rgbaToTensor(image: RgbaImage): tf.Tensor3D {
  const { data, width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new ConfigError(`The image has no pixels (${width}x${height}).`);
  }
  if (data.length !== width * height * 4) {
    throw new ConfigError(`The image data has ${data.length} bytes, but ${width}x${height} RGBA needs ${width * height * 4}.`);
  }
  const rgb = new Int32Array(width * height * 3);
  for (let p = 0, q = 0; p < data.length; p += 4, q += 3) {
    const a = data[p + 3]! / 255;
    rgb[q] = Math.round(data[p]! * a + 255 * (1 - a));
    rgb[q + 1] = Math.round(data[p + 1]! * a + 255 * (1 - a));
    rgb[q + 2] = Math.round(data[p + 2]! * a + 255 * (1 - a));
  }
  return tf.tensor3d(rgb, [height, width, 3], 'int32');
}

/** The decision for a full set of class probabilities. */
export function decideImage(
  classes: ReadonlyArray<{ className: NsfwClass; probability: number }>,
  thresholds: ImageThresholds = DEFAULT_IMAGE_THRESHOLDS,
): Pick<ImageModerationResult, 'decision' | 'score' | 'reason'> {
  const p = (c: NsfwClass) => classes.find((x) => x.className === c)?.probability ?? 0;
  const explicit = p('Porn') + p('Hentai');
  const suggestive = p('Sexy');
  const pct = (x: number) => `${Math.round(100 * x)}%`;
  if (explicit >= thresholds.explicitBlock) {
    return { decision: 'block', score: explicit, reason: `This image looks sexually explicit (${pct(explicit)}), which is not allowed.` };
  }
  if (explicit >= thresholds.explicitFlag) {
    return { decision: 'flag', score: explicit, reason: `This image may be sexually explicit (${pct(explicit)}); the shop will check it.` };
  }
  if (suggestive >= thresholds.suggestiveFlag) {
    return { decision: 'flag', score: suggestive, reason: `This image looks suggestive (${pct(suggestive)}); the shop will check it.` };
  }
  return { decision: 'allow', score: Math.max(explicit, suggestive), reason: '' };
}

function checkClasses(raw: Array<{ className: string; probability: number }>): Array<{ className: NsfwClass; probability: number }> {
  const out = raw.map((c) => ({ className: c.className as NsfwClass, probability: c.probability }));
  const names = new Set(out.map((c) => c.className));
  if (out.length !== NSFW_CLASSES.length || NSFW_CLASSES.some((c) => !names.has(c)) || out.some((c) => !Number.isFinite(c.probability))) {
    throw new Error(`the image model returned ${JSON.stringify(raw)} instead of one probability per class`);
  }
  return out.sort((a, b) => b.probability - a.probability);
}

export interface ModerateImageOptions {
  /** The model, or a function that loads it (cache it: see createNsfwLoader). */
  model: NsfwModelLike | { load: () => Promise<NsfwModelLike> };
  thresholds?: Partial<ImageThresholds>;
  backend?: string;
}

/**
 * Classifies one image (RGBA pixels or an int32/float [h, w, 3] tensor with values 0..255; a passed tensor is not
 * disposed) and decides. Model failures give 'hold'; bad thresholds or pixels throw ConfigError (a caller bug).
 */
export async function moderateImage(image: RgbaImage | tf.Tensor3D, options: ModerateImageOptions): Promise<ImageModerationResult> {
  const thresholds = validateImageThresholds(options.thresholds);
  const owned = image instanceof tf.Tensor ? null : rgbaToTensor(image);
  try {
    const model = 'classify' in options.model ? options.model : await options.model.load();
    const classes = checkClasses(await model.classify(owned ?? (image as tf.Tensor3D), NSFW_CLASSES.length));
    return { ...decideImage(classes, thresholds), classes, backend: options.backend };
  } catch (err) {
    return {
      decision: 'hold',
      classes: [],
      score: 0,
      reason: IMAGE_HOLD_MESSAGE,
      held: { message: IMAGE_HOLD_MESSAGE, cause: describeError(err) },
      backend: options.backend,
    };
  } finally {
    owned?.dispose();
  }
}

/**
 * Loads nsfwjs's bundled MobileNetV2 from the package's own modules (no network). The first call to nsfwjs `load`
 * also runs one warm-up prediction. Needs a TF.js backend to be set first (see selectBackend).
 */
export async function loadNsfwModel(): Promise<NsfwModelLike & { dispose(): void }> {
  const g = globalThis as { model?: unknown };
  if (g.model !== undefined) {
    // nsfwjs reads a global `model` (its script-tag path) before its bundled modules; never let a stray one in.
    throw new Error('a global variable named "model" exists, which nsfwjs would load instead of its bundled model');
  }
  return loadBundledNsfwModel();
}

/** One load at a time; kept on success, forgotten on failure so the next image retries. */
export function createNsfwLoader(load: () => Promise<NsfwModelLike> = loadNsfwModel): { load: () => Promise<NsfwModelLike> } {
  return retryableOnce(load);
}
