/** The page's handle on the vision worker (image moderation with nsfwjs). Imports only the worker's API type. */
import { transfer } from 'comlink';
import type { VisionApi } from '../../../workers/vision.worker.ts';
import type { VisionLoadReport } from '../../shared/protocol/vision.ts';
import type { ImageModerationResult, ImageThresholds } from '../../shared/moderation.ts';
import { OriginWorker as Worker } from './origin-worker.ts';
import { WorkerBridge } from './worker-bridge.ts';

export class VisionBridge extends WorkerBridge<VisionApi> {
  constructor(idleMs = 2 * 60_000) {
    super(() => new Worker(new URL('../../../workers/vision.worker.ts', import.meta.url), { type: 'module', name: 'vision' }), { idleMs });
  }

  load(signal?: AbortSignal): Promise<VisionLoadReport> {
    return this.call(signal, (r) => r.load());
  }

  /** Classifies an image file or bitmap (a bitmap is transferred, not copied). */
  classify(signal: AbortSignal | undefined, image: Blob | ImageBitmap, thresholds?: Partial<ImageThresholds>): Promise<ImageModerationResult> {
    return this.call(signal, (r) => r.classifyImage(image instanceof Blob ? image : transfer(image, [image]), thresholds));
  }
}
