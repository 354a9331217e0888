import type { Tensor3D } from '@tensorflow/tfjs';

/** nsfwjs's MobileNetV2 (an NSFWJS instance), typed as much as Aisle uses it. */
export interface BundledNsfwModel {
  classify(img: Tensor3D, topk?: number): Promise<Array<{ className: string; probability: number }>>;
  dispose(): void;
}

export function loadBundledNsfwModel(): Promise<BundledNsfwModel>;
