/** The types that cross the page–vision-worker boundary (workers/vision.worker.ts, `VisionApi`). */

/** The TF.js backends the vision worker tries, in order. */
export type VisionBackend = 'wasm' | 'webgl' | 'cpu';

/** What loading the image model reports: the backend that runs it, why, and how long the load took. */
export interface VisionLoadReport {
  backend: VisionBackend;
  reason: string;
  loadMs: number;
}
