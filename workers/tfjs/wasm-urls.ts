/// <reference types="vite/client" />
/**
 * Where the browser finds TF.js's wasm binaries: the app's own copies, emitted by Vite (never a CDN). Used by the
 * recommender and vision workers; in Node the wasm backend finds its files next to its own module.
 *
 * Multithreading stays off (workers/recommender/backend.ts), so the threaded binary is never fetched: its key points
 * at the SIMD file (setWasmPaths wants all three keys), which keeps a third binary out of the app and its precache.
 */
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

export const WASM_URLS: Record<string, string> = {
  'tfjs-backend-wasm.wasm': wasmUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': simdUrl,
};
