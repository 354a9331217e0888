#!/usr/bin/env node
/**
 * Lays out the bundled sentence encoder as a model host in Hugging Face hub layout
 * (`<out>/<org>/<model>/resolve/main/<file>`), for the tests of loading models from another host:
 *   aisle-test/encoder        the bundled encoder's files
 *   aisle-test/flaky-encoder  the same files, under a name the test server breaks downloads of (--flaky)
 *   aisle-test/tiny-chat      the tiny test decoder for the assistant's writing model (tests/fixtures/generator/,
 *                             built by its make.py with /usr/bin/python3 + torch when it is missing)
 *   node scripts/make-hub-fixture.mjs [--out .tmp/hub] [--model aisle-text-encoder-v1]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { out: { type: 'string', default: '.tmp/hub' }, model: { type: 'string', default: 'aisle-text-encoder-v1' } } });
const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8'));
const model = manifest.models.find((m) => m.id === values.model);
if (!model) throw new Error(`models/manifest.json has no model ${values.model}`);
rmSync(values.out, { recursive: true, force: true });
for (const name of ['encoder', 'flaky-encoder']) {
  for (const f of model.files) {
    const target = join(values.out, 'aisle-test', name, 'resolve', 'main', f.path);
    mkdirSync(dirname(target), { recursive: true });
    cpSync(join('models', model.id, f.path), target);
  }
}
const tiny = 'tests/fixtures/generator/tiny-chat';
if (!existsSync(join(tiny, 'onnx', 'model.onnx'))) {
  const made = spawnSync('/usr/bin/python3', ['tests/fixtures/generator/make.py', '--out', tiny], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error('The tiny test decoder could not be built: install python3-torch and python3-onnx (apt-get install -y --no-install-recommends python3-torch python3-onnx).');
}
cpSync(tiny, join(values.out, 'aisle-test', 'tiny-chat', 'resolve', 'main'), { recursive: true });
console.log(`${values.out}: aisle-test/encoder and aisle-test/flaky-encoder (${model.files.length} files each), aisle-test/tiny-chat`);
