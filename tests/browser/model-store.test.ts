/**
 * The ModelStore in a real browser: Cache Storage, fetch with Range, crypto.subtle, Web Locks; the bundled models
 * (served by the test server) and a model host in hub layout on another origin.
 */
import { beforeEach, expect, inject, test } from 'vitest';
import { ModelStore } from '../../workers/language/model-store.ts';
import type { ModelSpec, ProgressInfo } from '../../src/shared/models.ts';
import { MODEL_CACHE } from '../../src/shared/caches.ts';

const hub = inject('hubUrl');
const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'onnx/model.onnx'];
const remote = (id: string, sha256?: Record<string, string>): ModelSpec => ({ id, source: 'remote', host: hub, files: files.map((path) => ({ path, sha256: sha256?.[path] })) });

type Served = { method: 'GET' | 'HEAD'; path: string; start: number; end: number; broken: boolean };

/** The downloads (GETs) the hub served since the log was cleared. */
async function served(): Promise<Served[]> {
  return (await asked()).filter((r) => r.method === 'GET');
}

/** Every request the hub saw, size requests (HEAD) included. */
async function asked(): Promise<Served[]> {
  return (await fetch(`${hub}__log`)).json();
}

beforeEach(async () => {
  await caches.delete(MODEL_CACHE);
  await fetch(`${hub}__log`, { method: 'DELETE' });
});

test('bundled: resolves from models/manifest.json, downloads once, verifies, and serves Transformers.js from the cache', async () => {
  const store = new ModelStore({ modelsBase: new URL('/models/', location.href).href });
  const spec: ModelSpec = { id: 'aisle-text-encoder-v1', source: 'bundled' };
  const before = await store.plan(spec);
  expect(before.files.map((f) => f.path).sort()).toEqual([...files].sort());
  expect(before.downloadBytes).toBe(before.totalBytes);
  expect(before.totalBytes).toBeGreaterThan(100_000);
  const progress: ProgressInfo[] = [];
  await store.ensure(spec, { onProgress: (p) => progress.push(p) });
  expect(progress.filter((p) => p.status === 'done')).toHaveLength(files.length);
  expect((await store.plan(spec)).downloadBytes).toBe(0);
  // Transformers.js asks by local path; the store answers from its verified copy.
  const cache = store.customCache();
  const hit = await cache.match('/models/aisle-text-encoder-v1/config.json');
  expect((await hit!.json()).model_type).toBe('bert');
  expect(await cache.match('/models/aisle-text-encoder-v1/generation_config.json')).toBeUndefined();
});

test('remote: the size is known before download, remote files need approval, a second load uses the cache', async () => {
  const store = new ModelStore({ modelsBase: new URL('/models/', location.href).href });
  const spec = remote('aisle-test/encoder');
  const plan = await store.plan(spec);
  expect(plan.source).toBe('remote');
  expect(plan.files.every((f) => f.bytes! > 0 && f.url.startsWith(`${hub}aisle-test/encoder/resolve/main/`))).toBe(true);
  expect(plan.downloadBytes).toBe(plan.totalBytes);
  await fetch(`${hub}__log`, { method: 'DELETE' });
  await expect(store.ensure(spec)).rejects.toMatchObject({ name: 'ModelLoadError', message: expect.stringMatching(/only after you agree on the About page/) });
  expect(await asked()).toEqual([]);
  await store.ensure(spec, { approved: true });
  expect((await served()).length).toBe(files.length);
  // Pinned by the host's X-Linked-Etag. Kept files are never asked for again, not even their size; without the
  // user's yes even a kept model is not loaded.
  await fetch(`${hub}__log`, { method: 'DELETE' });
  const again = new ModelStore({ modelsBase: new URL('/models/', location.href).href });
  await expect(again.ensure(spec)).rejects.toMatchObject({ name: 'ModelLoadError' });
  await again.ensure(spec, { approved: true });
  expect(await asked()).toEqual([]);
  expect(await again.customCache().match('/models/aisle-test/encoder/onnx/model.onnx')).toBeDefined();
});

test('a remote model that was never approved: no request of any kind reaches its host, and file paths cannot leave it', async () => {
  const store = new ModelStore({ modelsBase: new URL('/models/', location.href).href });
  await expect(store.ensure(remote('aisle-test/encoder'))).rejects.toMatchObject({ name: 'ModelLoadError' });
  await store.remove(remote('aisle-test/encoder'));
  expect(await asked()).toEqual([]);
  const escaping: ModelSpec = { id: 'aisle-test/encoder', source: 'remote', host: hub, files: [{ path: '//evil.example/x' }, { path: '\\evil.example/x' }] };
  await expect(store.plan(escaping)).rejects.toMatchObject({ name: 'ModelLoadError', message: expect.stringMatching(/not a path on/) });
  await expect(store.plan({ id: 'x', source: 'remote', host: 'https://hub.example\\@evil.example/', files: [] })).rejects.toMatchObject({ message: expect.stringMatching(/backslash/) });
});

test('a file that does not match its pinned SHA-256 is refused and not kept', async () => {
  const store = new ModelStore({ modelsBase: new URL('/models/', location.href).href });
  const spec = remote('aisle-test/encoder', { 'config.json': '0'.repeat(64) });
  await expect(store.ensure(spec, { approved: true })).rejects.toMatchObject({ name: 'ModelIntegrityError', message: expect.stringMatching(/config\.json does not match its pinned SHA-256/) });
  expect(await (await caches.open(MODEL_CACHE)).match(`${hub}aisle-test/encoder/resolve/main/config.json`)).toBeUndefined();
});

test('a broken download is reported and the retry resumes from the chunks already kept', async () => {
  const chunk = 256 * 1024;
  const store = new ModelStore({ modelsBase: new URL('/models/', location.href).href, chunkBytes: chunk });
  const spec = remote('aisle-test/flaky-encoder');
  const size = (await store.plan(spec)).files.find((f) => f.path === 'onnx/model.onnx')!.bytes!;
  expect(size).toBeGreaterThan(2 * chunk);
  // The server breaks the second GET of each file: for the model, that is its second chunk.
  const err = (await store.ensure(spec, { approved: true }).then(
    () => null,
    (e: unknown) => e as Error,
  ))!;
  expect(err).toMatchObject({ name: 'ModelLoadError' });
  expect(err.message).toMatch(/stopped.*Try again: it resumes where it stopped/);
  const progress: ProgressInfo[] = [];
  await fetch(`${hub}__log`, { method: 'DELETE' });
  await store.ensure(spec, { approved: true, onProgress: (p) => progress.push(p) });
  const log = await served();
  const model = log.filter((l) => l.path.endsWith('onnx/model.onnx'));
  // The first chunk was kept: the retry starts at the second.
  expect(model[0].start).toBe(chunk);
  expect(model.reduce((n, l) => n + (l.end - l.start + 1), 0)).toBe(size - chunk);
  expect((await store.plan(spec)).downloadBytes).toBe(0);
  const first = progress.find((p) => p.status === 'progress' && p.file === 'onnx/model.onnx') as { loaded: number };
  expect(first.loaded).toBeGreaterThanOrEqual(chunk);
});
