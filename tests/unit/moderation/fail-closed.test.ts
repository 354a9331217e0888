/**
 * Finding 2 of issue 10, "moderation fails open", with the real bundled classifier in Node:
 * - text that was mostly not Latin never reached the classifier, so with the model missing it was posted unchecked
 *   ("垃圾卖家，操你妈" with the model file gone);
 * - an English insult followed by 30 Cyrillic letters scored 0.000 with the model loaded.
 * Now every text, in every script, is assessed by something that reads it, or it is held: Latin, Cyrillic and
 * Chinese text with the model missing or corrupt is held; Cyrillic the checks cannot read is held with the model too.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { nodeClassifierLoader, repoModelsPath } from '../../../scripts/moderation/node-classifier.ts';
import { moderateText } from '../../../workers/language/moderation/moderate.ts';
import { MODERATION_MODEL_ID } from '../../../workers/language/moderation/constants.ts';

const TEXTS = {
  latin: 'Lovely kettle, it boils fast and the handle stays cool.',
  cyrillic: 'Отличный чайник, быстро кипятит, ручка не нагревается.',
  chinese: '垃圾卖家，操你妈',
  chineseClean: '质量很好，物流很快，下次还来。',
};

let corruptRoot: string;
beforeAll(() => {
  // A copy of the bundled model folder whose ONNX file is garbage (a broken download, a bad deploy).
  corruptRoot = mkdtempSync(join(tmpdir(), 'aisle-corrupt-model-'));
  const from = join(repoModelsPath(), MODERATION_MODEL_ID);
  const to = join(corruptRoot, MODERATION_MODEL_ID);
  mkdirSync(join(to, 'onnx'), { recursive: true });
  for (const f of readdirSync(from)) if (f.endsWith('.json')) copyFileSync(join(from, f), join(to, f));
  writeFileSync(join(to, 'onnx', 'model.onnx'), Buffer.from('not an onnx model at all'));
});
afterAll(() => rmSync(corruptRoot, { recursive: true, force: true }));

describe.each([
  ['missing', () => nodeClassifierLoader({ modelsPath: '/nonexistent/models/' })],
  ['corrupt', () => nodeClassifierLoader({ modelsPath: corruptRoot })],
])('with the model %s, nothing is posted unchecked', (_what, loader) => {
  test.each(Object.entries(TEXTS))('%s text is held', async (_script, text) => {
    const r = await moderateText(text, { classifier: loader() });
    expect(r.decision).toBe('hold');
    expect(r.held?.message).toMatch(/has not been posted/);
  });
});

describe('with the model loaded', () => {
  const classifier = nodeClassifierLoader();

  test('an English insult followed by 30 Cyrillic letters is scored, and not posted', async () => {
    const text = `You are a stupid idiot ${'жжжжж '.repeat(6).trim()}`;
    const r = await moderateText(text, { classifier });
    const toxic = r.categories.find((c) => c.category === 'toxic')!;
    expect(toxic.score).toBeGreaterThanOrEqual(0.9);
    expect(toxic.spans.map((s) => s.text).join(' ')).toMatch(/idiot/);
    expect(r.decision).not.toBe('allow');
  });

  test('Cyrillic text that no check reads is held, and says why', async () => {
    const r = await moderateText(TEXTS.cyrillic, { classifier });
    expect(r.decision).toBe('hold');
    expect(r.held?.message).toMatch(/Cyrillic/);
    expect(r.held?.message).toMatch(/English and Chinese/);
  });

  test('Chinese text is assessed by the classifier and the Chinese insult list', async () => {
    const bad = await moderateText(TEXTS.chinese, { classifier });
    expect(bad.decision).toBe('block');
    expect(bad.categories.find((c) => c.category === 'toxic')!.assessed).toBe(true);
    const good = await moderateText(TEXTS.chineseClean, { classifier });
    expect(good.decision).toBe('allow');
    expect(good.model).toBe(MODERATION_MODEL_ID);
  });

  test('a Latin review with a stray Greek letter in a spec is not held', async () => {
    const r = await moderateText('The 10 kΩ resistor kit was complete, 5 stars.', { classifier });
    expect(r.decision).toBe('allow');
  });
});
