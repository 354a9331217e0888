/**
 * The real bundled classifier (models/aisle-moderation-v1) loaded in Node through Transformers.js, as the eval CLI
 * and the language worker load it: obvious spam scores high, a plain product review scores low, the exported ONNX
 * model reproduces torch's probabilities, and a model that cannot load makes moderation hold.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { loadNodeClassifier, nodeClassifierLoader, repoModelsPath } from '../../../scripts/moderation/node-classifier.ts';
import { moderateText } from '../../../workers/language/moderation/moderate.ts';
import type { TextClassifier } from '../../../workers/language/moderation/types.ts';
import { DEFAULT_THRESHOLDS } from '../../../workers/language/moderation/constants.ts';

const MODEL_DIR = fileURLToPath(new URL('../../../models/aisle-moderation-v1/', import.meta.url));
const references = JSON.parse(readFileSync(`${MODEL_DIR}training/reference-outputs.json`, 'utf8')) as Array<{
  text: string;
  input_ids: number[];
  scores: Record<string, number>;
}>;

let classifier: TextClassifier;
beforeAll(async () => {
  classifier = await loadNodeClassifier();
});

describe('bundled classifier', () => {
  test('labels come from config.json: toxic, hate, spam, each a probability', async () => {
    const [s] = await classifier(['The lamp arrived quickly.']);
    expect(Object.keys(s!).sort()).toEqual(['hate', 'spam', 'toxic']);
    for (const v of Object.values(s!)) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  test('obvious spam scores high', async () => {
    const scores = await classifier([
      'WINNER!! You have been selected to receive a £1000 cash prize. Call 09061701461 now to claim. T&C apply',
      'FREE entry into our weekly draw! Text WIN to 80086 to win a brand new phone. Std txt rates apply',
      'URGENT! Your account has won a guaranteed gift voucher. Reply CLAIM or call 0800 123 4567 to collect',
    ]);
    for (const s of scores) expect(s.spam).toBeGreaterThan(0.8);
  });

  test('a plain product review scores low on every label', async () => {
    const scores = await classifier([
      'The kettle boils quickly and the handle stays cool. Good value for the price.',
      'Comfortable shoes, true to size. The colour is a bit darker than the photo.',
      'Battery life is about two days with normal use. The screen is bright enough outdoors.',
    ]);
    for (const s of scores) {
      expect(s.spam).toBeLessThan(0.3);
      expect(s.toxic).toBeLessThan(0.5);
      expect(s.hate).toBeLessThan(0.3);
    }
  });

  test('the tokenizer gives the ids the model was trained on', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = repoModelsPath();
    const tokenizer = await AutoTokenizer.from_pretrained('aisle-moderation-v1');
    for (const r of references) expect(tokenizer.encode(r.text)).toEqual(r.input_ids);
  });

  test('Transformers.js + ONNX reproduce the torch probabilities to 4 decimals', async () => {
    const got = await classifier(references.map((r) => r.text));
    references.forEach((r, i) => {
      for (const label of ['toxic', 'hate', 'spam']) expect(got[i]![label]).toBeCloseTo(r.scores[label]!, 4);
    });
  });

  test('end to end: a spam review is blocked, a clean one allowed', async () => {
    const spam = await moderateText('Congratulations! You won a FREE iPhone. Text CLAIM to 85233 now to get your prize!!', { classifier });
    expect(spam.decision).toBe('block');
    expect(spam.categories.find((c) => c.category === 'spam')!.decision).toBe('block');
    const clean = await moderateText('Nice sturdy backpack. The zips feel solid and it fits a 15 inch laptop.', { classifier });
    expect(clean.decision).toBe('allow');
  });
});

describe('thresholds', () => {
  test('the engine defaults for learned categories are the ones chosen on validation (config.json)', () => {
    const config = JSON.parse(readFileSync(`${MODEL_DIR}config.json`, 'utf8')) as { aisle_thresholds: Record<string, { flag: number; block: number }> };
    for (const label of ['toxic', 'hate', 'spam'] as const) expect(DEFAULT_THRESHOLDS[label]).toEqual(config.aisle_thresholds[label]);
  });
});

describe('loading failures', () => {
  test('a missing model folder is a ModelLoadError that says what to do, and makes no network request', async () => {
    const err = await loadNodeClassifier({ modelsPath: '/nonexistent/models/' }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ModelLoadError');
    expect((err as Error).message).toMatch(/could not be loaded from \/nonexistent\/models\//);
    expect((err as Error).message).not.toMatch(/huggingface\.co/);
  });

  test('moderation with a classifier that cannot load holds the text', async () => {
    const r = await moderateText('A nice review.', { classifier: nodeClassifierLoader({ modelsPath: '/nonexistent/models/' }) });
    expect(r.decision).toBe('hold');
    expect(r.held?.cause).toMatch(/ModelLoadError|could not be loaded/);
  });
});
