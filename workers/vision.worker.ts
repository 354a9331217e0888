/**
 * The vision worker: image moderation with nsfwjs's bundled MobileNetV2 on TF.js. Its API type is the protocol
 * (the page imports only `VisionApi`). The TF.js backend is chosen here, explicitly: WASM (SIMD when the browser
 * has it, single-threaded: threads give nothing on small models and break minified builds), with the wasm binaries
 * served by the app itself (Vite `?url`), never a CDN; WebGL, then the plain-JS CPU backend, only if WASM fails.
 */
import { expose } from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { InvalidFileError, ModelLoadError, describeError } from '../src/shared/errors.ts';
import type { ImageModerationResult, ImageThresholds } from '../src/shared/moderation.ts';
import { WASM_URLS } from './tfjs/wasm-urls.ts';
import type { VisionBackend, VisionLoadReport } from '../src/shared/protocol/vision.ts';
import { retryableOnce } from '../src/shared/retryable.ts';
import { createNsfwLoader, loadNsfwModel, moderateImage, NSFW_IMAGE_SIZE, type RgbaImage } from './vision/nsfw.ts';

let backendStarted = false;

/** WASM first, then WebGL, then CPU; chosen once (a failed start is tried again on the next call). */
const backendChoice = retryableOnce(async (): Promise<{ backend: VisionBackend; reason: string }> => {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(WASM_URLS);
  const order: VisionBackend[] = ['wasm', 'webgl', 'cpu'];
  const failures: string[] = [];
  for (const backend of order) {
    try {
      if (await tf.setBackend(backend)) {
        await tf.ready();
        const reason = failures.length ? `${backend} (after: ${failures.join('; ')})` : `${backend} (${backend === 'wasm' ? 'requested' : 'fallback'})`;
        return { backend, reason };
      }
      failures.push(`${backend} unavailable`);
    } catch (err) {
      failures.push(`${backend}: ${describeError(err)}`);
    }
  }
  throw new ModelLoadError(`No TensorFlow.js backend could start in this browser (${failures.join('; ')}).`);
});

async function chooseBackend(): Promise<{ backend: VisionBackend; reason: string }> {
  const choice = await backendChoice.load();
  backendStarted = true;
  return choice;
}

const model = createNsfwLoader(async () => {
  await chooseBackend();
  return loadNsfwModel();
});

/** Decoded pixels at the model's input size from an ImageBitmap (stretched, as nsfwjs's own resize does). */
function bitmapPixels(bitmap: ImageBitmap): RgbaImage {
  const canvas = new OffscreenCanvas(NSFW_IMAGE_SIZE, NSFW_IMAGE_SIZE);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new ModelLoadError('This browser cannot draw images in a worker (no OffscreenCanvas 2D context).');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, NSFW_IMAGE_SIZE, NSFW_IMAGE_SIZE);
  return ctx.getImageData(0, 0, NSFW_IMAGE_SIZE, NSFW_IMAGE_SIZE);
}

async function pixelsOf(image: ImageData | ImageBitmap | Blob): Promise<RgbaImage> {
  if (typeof ImageData !== 'undefined' && image instanceof ImageData) return image;
  if (typeof ImageBitmap !== 'undefined' && image instanceof ImageBitmap) {
    try {
      return bitmapPixels(image);
    } finally {
      image.close();
    }
  }
  if (image instanceof Blob) {
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(image);
    } catch {
      throw new InvalidFileError(`This file (${image.type || 'unknown type'}, ${image.size} bytes) is not an image the browser can read. Use a JPEG, PNG, WebP or GIF.`);
    }
    try {
      return bitmapPixels(bitmap);
    } finally {
      bitmap.close();
    }
  }
  throw new InvalidFileError('classifyImage takes ImageData, an ImageBitmap or an image Blob.');
}

const api = {
  /**
   * Starts the backend and loads the model (optional: classifyImage does it on first use). Resolves with the
   * backend and the load time; rejects with ModelLoadError, after which the next call retries.
   */
  async load(): Promise<VisionLoadReport> {
    const started = performance.now();
    const { backend, reason } = await chooseBackend();
    await model.load();
    return { backend, reason, loadMs: performance.now() - started };
  },

  /**
   * Classifies one image: every NSFW class with its probability and a decision. A model that cannot load or run
   * gives decision 'hold' (fail closed). Input that is not an image rejects with InvalidFileError.
   */
  async classifyImage(image: ImageData | ImageBitmap | Blob, thresholds?: Partial<ImageThresholds>): Promise<ImageModerationResult> {
    const pixels = await pixelsOf(image);
    let backend: string | undefined;
    try {
      backend = (await chooseBackend()).backend;
    } catch {
      backend = undefined;
    }
    return moderateImage(pixels, { model, thresholds, backend });
  },

  /** Live tensors and bytes held by TF.js (for leak checks and the console). */
  memory(): { numTensors: number; numBytes: number; backend: string | null } {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes, backend: backendStarted ? tf.getBackend() : null };
  },
};

expose(api);
export type VisionApi = typeof api;
