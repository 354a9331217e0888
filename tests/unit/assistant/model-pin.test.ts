/**
 * The intent model is part of the assistant worker's code, and pinned like the other bundled models: its file's
 * byte size and SHA-256 in models/manifest.json (written by scripts/models/update-manifest.mjs from the folder's
 * aisle-model.json). A retrained or edited model.json without `node scripts/models/update-manifest.mjs` fails here.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import type { ModelManifest } from '../../../src/shared/models.ts';

const models = fileURLToPath(new URL('../../../models/', import.meta.url));
const ID = 'aisle-assistant-intent-v1';

test('models/manifest.json pins the intent model file by size and SHA-256', () => {
  const manifest = JSON.parse(readFileSync(`${models}manifest.json`, 'utf8')) as ModelManifest;
  const entry = manifest.models.find((m) => m.id === ID);
  expect(entry, `models/manifest.json has no ${ID}: run node scripts/models/update-manifest.mjs`).toBeDefined();
  const meta = JSON.parse(readFileSync(`${models}${ID}/aisle-model.json`, 'utf8')) as { files: string[] };
  expect(entry!.files.map((f) => f.path)).toEqual(meta.files);
  expect(meta.files).toContain('model.json');
  for (const f of entry!.files) {
    const data = readFileSync(`${models}${ID}/${f.path}`);
    const digest = createHash('sha256').update(data).digest();
    const pin = { path: f.path, bytes: data.byteLength, sha256: digest.toString('hex'), integrity: `sha256-${digest.toString('base64')}` };
    expect(f, `${ID}/${f.path} changed without its pin: run node scripts/models/update-manifest.mjs`).toEqual(pin);
  }
  expect(entry!.bytes).toBe(entry!.files.reduce((n, f) => n + f.bytes, 0));
});
