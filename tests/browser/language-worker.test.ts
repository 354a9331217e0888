/**
 * The real language worker (Transformers.js on WASM in a Worker) through its bridge, with the bundled encoder. Each
 * test starts from an empty device (no database, no cached model file) and a fresh worker, so each stands on its own.
 */
import { afterEach, beforeEach, expect, inject, test } from 'vitest';
import { LanguageBridge } from '../../src/app/bridges/language.ts';
import { forgetEverything } from '../../src/storage/forget.ts';
import { countEmbeddings } from '../../src/storage/embeddings.ts';
import { saveCatalog } from '../../src/storage/catalogs.ts';
import { DEFAULT_ENCODER, type ModelSpec, type ProgressInfo } from '../../src/shared/models.ts';
import { TINY_CATALOG } from '../fixtures/tiny-catalog.ts';

const MAX_MODEL_LOAD_TIME = 60_000;
const MODELS = new URL('/models/', location.href).href;
let bridge: LanguageBridge;
beforeEach(async () => {
  await forgetEverything();
  bridge = new LanguageBridge(MODELS, () => 'wasm');
});
afterEach(() => bridge.terminate());

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

test('loads the bundled encoder on WASM, reports it, and embeds to unit vectors', { timeout: MAX_MODEL_LOAD_TIME }, async () => {
  const progress: ProgressInfo[] = [];
  const info = await bridge.loadEncoder(undefined, DEFAULT_ENCODER, false, (p) => progress.push(p));
  expect(info).toMatchObject({ id: 'aisle-text-encoder-v1', device: 'wasm', source: 'bundled' });
  expect(info.deviceReason).toMatch(/WASM/);
  expect(progress.at(-1)).toMatchObject({ status: 'ready' });
  const [watch, timepiece, mug] = await bridge.embed(undefined, ['analog wrist watch for men', 'timepiece for men', 'ceramic coffee mug']);
  expect(watch.length).toBe(128);
  expect(Math.hypot(...watch)).toBeCloseTo(1, 4);
  expect(cosine(watch, timepiece)).toBeGreaterThan(cosine(watch, mug));
  const status = await bridge.status();
  expect(status.models.map((m) => m.id)).toContain('aisle-text-encoder-v1');
});

test('a stored catalog, named by its id, is read by the worker itself (the page sends no product)', { timeout: MAX_MODEL_LOAD_TIME }, async () => {
  await saveCatalog({ id: 'stored-tiny', name: 'Stored', source: { name: 'test', licence: 'CC0', attribution: 'test' }, products: TINY_CATALOG, importedAt: Date.now(), fileName: 'tiny.json', report: { rows: TINY_CATALOG.length, accepted: TINY_CATALOG.length, skipped: 0, issues: [], warnings: [] } });
  expect(await bridge.embedCatalog(undefined, { storedCatalog: 'stored-tiny' })).toMatchObject({ products: TINY_CATALOG.length, computed: TINY_CATALOG.length });
  expect(await countEmbeddings('aisle-text-encoder-v1')).toBe(TINY_CATALOG.length);
  await expect(bridge.embedCatalog(undefined, { storedCatalog: 'gone' })).rejects.toThrow(/no longer stored on this device.*Load its file again/);
});

test('embeds a catalog once: a second pass takes every vector from the cache', async () => {
  const first = await bridge.embedCatalog(undefined, { products: TINY_CATALOG });
  expect(first).toMatchObject({ products: TINY_CATALOG.length, computed: TINY_CATALOG.length, cached: 0 });
  expect(await countEmbeddings('aisle-text-encoder-v1')).toBe(TINY_CATALOG.length);
  const again = await bridge.embedCatalog(undefined, { products: TINY_CATALOG });
  expect(again).toMatchObject({ computed: 0, cached: TINY_CATALOG.length });
  // A changed text is embedded again; the rest comes from the cache.
  const changed = TINY_CATALOG.map((p, i) => (i === 0 ? { ...p, title: `${p.title} (2026 edition)` } : p));
  expect(await bridge.embedCatalog(undefined, { products: changed })).toMatchObject({ computed: 1, cached: TINY_CATALOG.length - 1 });

  // A fresh worker (a returning visit) with every vector cached loads no model at all.
  bridge.terminate();
  expect(await bridge.embedCatalog(undefined, { products: changed })).toMatchObject({ computed: 0, cached: TINY_CATALOG.length });
  expect((await bridge.status()).models).toEqual([]);
});

test('the same loading code runs a model from a host in hub layout, with the same results', { timeout: MAX_MODEL_LOAD_TIME }, async () => {
  const hub = inject('hubUrl');
  const spec: ModelSpec = {
    id: 'aisle-test/encoder',
    source: 'remote',
    host: hub,
    files: ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'].map((path) => ({ path })),
  };
  await expect(bridge.loadEncoder(undefined, spec, false)).rejects.toMatchObject({ name: 'ModelLoadError' });
  const info = await bridge.loadEncoder(undefined, spec, true);
  expect(info).toMatchObject({ id: 'aisle-test/encoder', source: 'remote' });
  const [a] = await bridge.embed(undefined, ['stainless steel water bottle'], spec);
  const [b] = await bridge.embed(undefined, ['stainless steel water bottle'], DEFAULT_ENCODER);
  expect(Array.from(a).map((x) => +x.toFixed(5))).toEqual(Array.from(b).map((x) => +x.toFixed(5)));
});

test('on WebGPU (SwiftShader here) the encoder gives the same embeddings as on WASM', { timeout: 120_000 }, async () => {
  const gpu = new LanguageBridge(MODELS, () => 'webgpu');
  try {
    const info = await gpu.loadEncoder(undefined, DEFAULT_ENCODER);
    expect(info.device).toBe('webgpu');
    expect(info.deviceReason).toMatch(/WebGPU \(google swiftshader\), as chosen/);
    const texts = ['black leather wallet for men', 'baby cotton romper'];
    const onGpu = await gpu.embed(undefined, texts);
    const onWasm = await bridge.embed(undefined, texts);
    for (let i = 0; i < texts.length; i++) expect(cosine(onGpu[i], onWasm[i])).toBeGreaterThan(0.9999);
  } finally {
    gpu.terminate();
  }
});
