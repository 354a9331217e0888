/**
 * Which device runs the transformer models: WebGPU when a real GPU adapter exists, WASM otherwise, chosen here
 * explicitly (Transformers.js does not fall back by itself) and reported with the reason.
 */
import type { DeviceChoice, DevicePreference } from '../../src/shared/protocol/language.ts';

export async function chooseDevice(preference: DevicePreference = 'auto'): Promise<DeviceChoice> {
  if (preference === 'wasm') return { device: 'wasm', reason: 'WASM, as chosen in the settings' };
  const gpu = (globalThis.navigator as (Navigator & { gpu?: GPU }) | undefined)?.gpu;
  if (!gpu) return { device: 'wasm', reason: 'WASM: this browser has no WebGPU' };
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    adapter = null;
  }
  if (!adapter) return { device: 'wasm', reason: 'WASM: WebGPU is present but no GPU adapter is available' };
  const info = adapter.info;
  const name = [info?.vendor, info?.architecture].filter(Boolean).join(' ') || 'unknown GPU';
  if (preference === 'webgpu') return { device: 'webgpu', reason: `WebGPU (${name}), as chosen in the settings` };
  if (info?.isFallbackAdapter) {
    return { device: 'wasm', reason: `WASM: the only WebGPU adapter is a software fallback (${name}), which is slower than WASM` };
  }
  return { device: 'webgpu', reason: `WebGPU on ${name}` };
}
