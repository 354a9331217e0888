/**
 * Picks and starts the TF.js backend, and says which one runs and why.
 *
 * Browser order: WebGPU, WebGL, WASM (SIMD), CPU. "auto" passes over a GPU backend whose adapter is a software
 * rasteriser (SwiftShader, llvmpipe): there the GPU backends train over 60× slower than wasm+SIMD (MODEL.md has the
 * measurements: ms per step side by side), so "automatic" would otherwise mean "slowest". A named backend is used even then (it was asked for),
 * and if it cannot start, the next one in the order runs and the report says why.
 * Node: wasm, then cpu (no tfjs-node).
 */
import * as tf from '@tensorflow/tfjs';
import { BACKENDS, type BackendName, type BackendPreference, type BackendReport } from '../../src/shared/training.ts';
import { ConfigError, describeError } from '../../src/shared/errors.ts';

interface NodeLike {
  process?: { versions?: { node?: string } };
}

export function isNode(): boolean {
  return typeof (globalThis as NodeLike).process?.versions?.node === 'string';
}

export function parseBackendPreference(value: string | null | undefined): BackendPreference {
  if (value === null || value === undefined || value === '' || value === 'auto') return 'auto';
  if ((BACKENDS as readonly string[]).includes(value)) return value as BackendName;
  throw new ConfigError(`Unknown backend "${value}": use auto, ${BACKENDS.join(', ')}.`);
}

const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render/i;

interface Probe {
  ok: boolean;
  reason: string;
  software?: boolean;
  adapter?: string;
}

async function probeWebgpu(): Promise<Probe> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu) return { ok: false, reason: 'this browser has no WebGPU (navigator.gpu is missing)' };
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (err) {
    return { ok: false, reason: `requestAdapter failed: ${describeError(err)}` };
  }
  if (!adapter) return { ok: false, reason: 'no WebGPU adapter (disabled, blocklisted, or no GPU)' };
  const info = (adapter as GPUAdapter & { info?: GPUAdapterInfo }).info;
  const fallback = Boolean(info?.isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter);
  const name = [info?.vendor, info?.architecture, info?.device, info?.description].filter(Boolean).join(' ');
  const software = fallback || SOFTWARE_RENDERERS.test(name);
  return { ok: true, reason: '', software, adapter: `${name || 'unknown adapter'}${fallback ? ' (fallback adapter)' : ''}` };
}

function probeWebgl(): Probe {
  const Offscreen = (globalThis as { OffscreenCanvas?: typeof OffscreenCanvas }).OffscreenCanvas;
  if (!Offscreen) return { ok: false, reason: 'no OffscreenCanvas here, so no WebGL in this context' };
  const gl = new Offscreen(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
  if (!gl) return { ok: false, reason: 'WebGL2 is unavailable (disabled or no GPU driver)' };
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { ok: true, reason: '', software: SOFTWARE_RENDERERS.test(renderer), adapter: renderer };
}

let wasmRegistered = false;
let webgpuRegistered = false;

async function registerWasm(): Promise<{ simd: boolean }> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // Multithreaded wasm brings no speed on 2 cores and breaks minified builds (ENVIRONMENT.md).
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (!wasmRegistered && !isNode()) {
    const { WASM_URLS } = await import('../tfjs/wasm-urls.ts');
    wasm.setWasmPaths(WASM_URLS);
  }
  wasmRegistered = true;
  return { simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') as boolean };
}

async function registerWebgpu(): Promise<void> {
  if (!webgpuRegistered) await import('@tensorflow/tfjs-backend-webgpu');
  webgpuRegistered = true;
}

async function start(name: BackendName): Promise<{ ok: boolean; reason: string; simd?: boolean }> {
  try {
    let simd: boolean | undefined;
    if (name === 'wasm') simd = (await registerWasm()).simd;
    if (name === 'webgpu') await registerWebgpu();
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) return { ok: false, reason: `tf.setBackend('${name}') failed to initialise` };
    await tf.ready();
    return { ok: true, reason: '', simd };
  } catch (err) {
    return { ok: false, reason: `${name} failed to start: ${describeError(err)}` };
  }
}

let current: BackendReport | null = null;

/**
 * Starts the backend for `preference` (or the fastest that works here, for 'auto') and reports the choice.
 * Calling it again with the same preference returns the running backend.
 */
export async function initBackend(preference: BackendPreference = 'auto'): Promise<BackendReport> {
  if (current && current.requested === preference && tf.getBackend() === current.backend) return current;
  const node = isNode();
  const order: BackendName[] = node ? ['wasm', 'cpu'] : [...BACKENDS];
  const skipped: BackendReport['skipped'] = [];
  const candidates = preference === 'auto' ? order : [preference, ...order.filter((b) => b !== preference)];
  for (const name of candidates) {
    const asked = name === preference;
    if (node && (name === 'webgpu' || name === 'webgl')) {
      skipped.push({ backend: name, reason: 'not available in Node (no GPU API); the CLI runs wasm or cpu' });
      continue;
    }
    let adapter: string | undefined;
    if (name === 'webgpu' || name === 'webgl') {
      const probe = name === 'webgpu' ? await probeWebgpu() : probeWebgl();
      if (!probe.ok) {
        skipped.push({ backend: name, reason: probe.reason });
        continue;
      }
      adapter = probe.adapter;
      if (probe.software && !asked) {
        skipped.push({
          backend: name,
          reason: `its adapter is a software rasteriser (${probe.adapter}), much slower than wasm+SIMD; ask for it by name to use it anyway`,
        });
        continue;
      }
    }
    const started = await start(name);
    if (!started.ok) {
      skipped.push({ backend: name, reason: started.reason });
      continue;
    }
    const reason = asked
      ? 'requested'
      : skipped.length === 0
        ? 'first choice'
        : `fallback: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`;
    current = { backend: name, requested: preference, reason, skipped, ...(started.simd !== undefined ? { simd: started.simd } : {}), ...(adapter ? { adapter } : {}) };
    return current;
  }
  throw new Error(`No TF.js backend could start: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`);
}
