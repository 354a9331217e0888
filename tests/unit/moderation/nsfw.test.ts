/**
 * Image moderation in Node: nsfwjs's bundled MobileNetV2 loaded from the package's own modules on TF.js WASM (the
 * backend the vision worker uses), the decision rules and thresholds, and failing closed.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  createNsfwLoader,
  decideImage,
  IMAGE_HOLD_MESSAGE,
  loadNsfwModel,
  moderateImage,
  rgbaToTensor,
  validateImageThresholds,
  type NsfwModelLike,
} from '../../../workers/vision/nsfw.ts';
import { NSFW_CLASSES, type NsfwClass } from '../../../src/shared/moderation.ts';

function gradient(width: number, height: number): { data: Uint8ClampedArray; width: number; height: number } {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      data[p] = (x * 255) / width;
      data[p + 1] = (y * 255) / height;
      data[p + 2] = 140;
      data[p + 3] = 255;
    }
  }
  return { data, width, height };
}

const classes = (p: Partial<Record<NsfwClass, number>>) =>
  NSFW_CLASSES.map((className) => ({ className, probability: p[className] ?? 0 }));

let model: NsfwModelLike & { dispose(): void };
beforeAll(async () => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  await tf.ready();
  model = await loadNsfwModel();
});

describe('bundled nsfwjs model in Node', () => {
  test('classifies a generated image: five classes, probabilities summing to 1, safe, no tensor left behind', async () => {
    const image = gradient(300, 200);
    await moderateImage(image, { model });
    const before = tf.memory().numTensors;
    const r = await moderateImage(image, { model, backend: tf.getBackend() });
    expect(tf.memory().numTensors).toBe(before);
    expect(tf.getBackend()).toBe('wasm');
    expect(r.backend).toBe('wasm');
    expect(r.classes.map((c) => c.className).sort()).toEqual([...NSFW_CLASSES].sort());
    expect(r.classes.reduce((s, c) => s + c.probability, 0)).toBeCloseTo(1, 4);
    expect(r.decision).toBe('allow');
  });

  test('a tensor input gives the same result as the pixels and is not disposed', async () => {
    const image = gradient(224, 224);
    const tensor = rgbaToTensor(image);
    const fromTensor = await moderateImage(tensor, { model });
    expect(tensor.isDisposed).toBe(false);
    const fromPixels = await moderateImage(image, { model });
    fromTensor.classes.forEach((c, i) => expect(c.probability).toBeCloseTo(fromPixels.classes[i]!.probability, 5));
    tensor.dispose();
  });
});

describe('decisions and thresholds', () => {
  test.each([
    [{ Porn: 0.6, Hentai: 0.2, Neutral: 0.2 }, 'block', /sexually explicit \(80%\)/],
    [{ Porn: 0.3, Hentai: 0.15, Neutral: 0.55 }, 'flag', /may be sexually explicit/],
    [{ Sexy: 0.7, Neutral: 0.3 }, 'flag', /suggestive/],
    [{ Neutral: 0.9, Drawing: 0.1 }, 'allow', /^$/],
  ] as const)('%j → %s', (p, decision, reason) => {
    const d = decideImage(classes(p));
    expect(d.decision).toBe(decision);
    expect(d.reason).toMatch(reason);
  });

  test('thresholds are configurable', () => {
    const p = classes({ Sexy: 0.7, Neutral: 0.3 });
    expect(decideImage(p, validateImageThresholds({ suggestiveFlag: 0.8 })).decision).toBe('allow');
    expect(decideImage(classes({ Porn: 0.5 }), validateImageThresholds({ explicitBlock: 0.5 })).decision).toBe('block');
  });

  test.each([[{ explicitBlock: 1.2 }], [{ explicitFlag: 0.9, explicitBlock: 0.5 }], [{ suggestiveFlag: Number.NaN }]])(
    'invalid thresholds %j throw ConfigError',
    (t) => {
      expect(() => validateImageThresholds(t)).toThrow();
      try {
        validateImageThresholds(t);
      } catch (err) {
        expect((err as Error).name).toBe('ConfigError');
      }
    },
  );

  test('transparent pixels are composited over white', () => {
    const t = rgbaToTensor({ data: new Uint8ClampedArray([0, 0, 0, 0, 10, 20, 30, 255]), width: 2, height: 1 });
    expect(Array.from(t.dataSync())).toEqual([255, 255, 255, 10, 20, 30]);
    t.dispose();
  });

  test('pixel data of the wrong size is a ConfigError', () => {
    expect(() => rgbaToTensor({ data: new Uint8ClampedArray(10), width: 2, height: 2 })).toThrow(/needs 16/);
  });
});

describe('fails closed', () => {
  test('a model that cannot load holds the image, without leaking the input tensor', async () => {
    const before = tf.memory().numTensors;
    const r = await moderateImage(gradient(32, 32), { model: { load: () => Promise.reject(new Error('shard missing')) } });
    expect(r.decision).toBe('hold');
    expect(r.held).toEqual({ message: IMAGE_HOLD_MESSAGE, cause: 'shard missing' });
    expect(r.classes).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a model that throws or returns too few classes holds the image, without leaking the input tensor', async () => {
    const before = tf.memory().numTensors;
    const throwing: NsfwModelLike = { classify: () => Promise.reject(new Error('kernel failed')) };
    expect((await moderateImage(gradient(32, 32), { model: throwing })).decision).toBe('hold');
    const partial: NsfwModelLike = { classify: async () => [{ className: 'Neutral', probability: 1 }] };
    const r = await moderateImage(gradient(32, 32), { model: partial });
    expect(r.decision).toBe('hold');
    expect(r.held?.cause).toMatch(/one probability per class/);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('the loader retries after a failed load', async () => {
    let attempts = 0;
    const loader = createNsfwLoader(async () => {
      attempts++;
      if (attempts === 1) throw new Error('flaky');
      return model;
    });
    expect((await moderateImage(gradient(32, 32), { model: loader })).decision).toBe('hold');
    expect((await moderateImage(gradient(32, 32), { model: loader })).decision).toBe('allow');
    expect(attempts).toBe(2);
  });
});
