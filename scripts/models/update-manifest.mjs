#!/usr/bin/env node
/**
 * Rebuilds models/manifest.json from each model folder's `aisle-model.json`:
 *   { "id", "task", "library", "licence", "source", "description", "metrics": {...}, "files": ["config.json", "onnx/model.onnx", ...] }
 * adding the sha256 (hex and SRI form) and byte size of every listed runtime file. Only listed files are served with
 * the app (scripts/vite/models-plugin.ts); training scripts and cards stay in the repository.
 *
 *   node scripts/models/update-manifest.mjs          # rewrite models/manifest.json
 *   node scripts/models/update-manifest.mjs --check  # exit 1 if it is out of date
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = 'models';
const models = [];
for (const dir of readdirSync(root).sort()) {
  const metaPath = join(root, dir, 'aisle-model.json');
  if (!statSync(join(root, dir)).isDirectory() || !existsSync(metaPath)) continue;
  const meta = JSON.parse(readFileSync(metaPath, 'utf8'));
  if (meta.id !== dir) throw new Error(`${metaPath}: id "${meta.id}" must equal its folder name "${dir}"`);
  const files = meta.files.map((path) => {
    const data = readFileSync(join(root, dir, path));
    const digest = createHash('sha256').update(data).digest();
    return { path, bytes: data.byteLength, sha256: digest.toString('hex'), integrity: `sha256-${digest.toString('base64')}` };
  });
  models.push({ ...meta, files, bytes: files.reduce((n, f) => n + f.bytes, 0) });
}
const text = JSON.stringify({ version: 1, models }, null, 2) + '\n';
const target = join(root, 'manifest.json');
if (process.argv.includes('--check')) {
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
    console.error('models/manifest.json is out of date: run node scripts/models/update-manifest.mjs');
    process.exit(1);
  }
  console.log('models/manifest.json is up to date');
} else {
  writeFileSync(target, text);
  console.log(`models/manifest.json: ${models.length} model(s)`);
}
