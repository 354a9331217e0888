/**
 * The real vision worker in Chromium: nsfwjs's bundled MobileNetV2 on the WASM backend, loaded from the app's own
 * files. Checks the API contract on generated images (ImageData, ImageBitmap, Blob), thresholds, bad input, and
 * that classifying leaves no tensors behind.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { wrap, transfer, releaseProxy } from 'comlink';
import type { VisionApi } from '../../../workers/vision.worker.ts';
import { NSFW_CLASSES } from '../../../src/shared/moderation.ts';

const worker = new Worker(new URL('../../../workers/vision.worker.ts', import.meta.url), { type: 'module' });
const vision = wrap<VisionApi>(worker);

afterAll(() => {
  vision[releaseProxy]();
  worker.terminate();
});

/** A product-photo-like picture: a light background, a coloured box with a shadow, some stripes. */
function drawProduct(width: number, height: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#f4f4f0';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = 'rgba(0,0,0,0.15)';
  ctx.fillRect(width * 0.25 + 6, height * 0.3 + 6, width * 0.5, height * 0.45);
  ctx.fillStyle = '#2a6fdb';
  ctx.fillRect(width * 0.25, height * 0.3, width * 0.5, height * 0.45);
  ctx.fillStyle = '#ffffff';
  for (let i = 0; i < 5; i++) ctx.fillRect(width * 0.3, height * (0.35 + i * 0.08), width * 0.4, height * 0.02);
  return canvas;
}

function checkContract(r: Awaited<ReturnType<VisionApi['classifyImage']>>) {
  expect(r.held).toBeUndefined();
  expect(['allow', 'flag', 'block']).toContain(r.decision);
  expect(r.classes.map((c) => c.className).sort()).toEqual([...NSFW_CLASSES].sort());
  const sum = r.classes.reduce((s, c) => s + c.probability, 0);
  expect(sum).toBeCloseTo(1, 3);
  for (let i = 1; i < r.classes.length; i++) expect(r.classes[i - 1]!.probability).toBeGreaterThanOrEqual(r.classes[i]!.probability);
  expect(r.score).toBeGreaterThanOrEqual(0);
  expect(r.score).toBeLessThanOrEqual(1);
  expect(r.backend).toBe('wasm');
}

describe('vision worker', () => {
  test('loads the bundled model on the wasm backend', async () => {
    const info = await vision.load();
    expect(info.backend).toBe('wasm');
    expect(info.loadMs).toBeGreaterThan(0);
  });

  test('classifies ImageData of a plain product picture as safe, without leaking tensors', async () => {
    const canvas = drawProduct(320, 240);
    const image = canvas.getContext('2d')!.getImageData(0, 0, 320, 240);
    await vision.classifyImage(image); // first call may allocate backend state
    const before = await vision.memory();
    const r = await vision.classifyImage(image);
    checkContract(r);
    expect(r.decision).toBe('allow');
    expect((await vision.memory()).numTensors).toBe(before.numTensors);
  });

  test('accepts an ImageBitmap (transferred) and a PNG Blob, with the same verdict', async () => {
    const canvas = drawProduct(224, 224);
    const bitmap = canvas.transferToImageBitmap();
    const fromBitmap = await vision.classifyImage(transfer(bitmap, [bitmap]));
    checkContract(fromBitmap);
    const blob = await drawProduct(224, 224).convertToBlob({ type: 'image/png' });
    const fromBlob = await vision.classifyImage(blob);
    checkContract(fromBlob);
    expect(fromBlob.decision).toBe(fromBitmap.decision);
    expect(fromBlob.classes[0]!.className).toBe(fromBitmap.classes[0]!.className);
  });

  test('applies the given thresholds', async () => {
    const image = drawProduct(224, 224).getContext('2d')!.getImageData(0, 0, 224, 224);
    const strict = await vision.classifyImage(image, { explicitFlag: 0, explicitBlock: 0, suggestiveFlag: 0 });
    expect(strict.decision).toBe('block');
    expect(strict.reason).toMatch(/explicit/);
  });

  test('rejects a file that is not an image with InvalidFileError', async () => {
    const notImage = new Blob(['name,price\nlamp,10\n'], { type: 'text/csv' });
    const err = await vision.classifyImage(notImage).catch((e: unknown) => e);
    expect((err as Error).name).toBe('InvalidFileError');
    expect((err as Error).message).toMatch(/not an image/);
  });

  test('rejects thresholds out of range with ConfigError', async () => {
    const image = drawProduct(64, 64).getContext('2d')!.getImageData(0, 0, 64, 64);
    const err = await vision.classifyImage(image, { explicitBlock: 2 }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ConfigError');
  });
});
