/**
 * Text moderation in a real Worker in Chromium: the bundled classifier through Transformers.js on WASM plus the
 * rules. A review with an e-mail address is blocked with its reason, a clean review is allowed, spam is blocked,
 * a model that cannot be found holds the text, and no request leaves the page's origin.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { releaseProxy, wrap } from 'comlink';
import type { TextModerationTestApi } from './text-moderation.worker.ts';

const worker = new Worker(new URL('./text-moderation.worker.ts', import.meta.url), { type: 'module' });
const api = wrap<TextModerationTestApi>(worker);
const MODELS = new URL('../../../models/', import.meta.url).pathname;

afterAll(() => {
  api[releaseProxy]();
  worker.terminate();
});

describe('text moderation in a worker', () => {
  test('a clean review is allowed', async () => {
    const r = await api.moderate('Comfortable shoes, true to size. The colour is a bit darker than in the photo.', MODELS);
    expect(r.decision).toBe('allow');
    expect(r.model).toBe('aisle-moderation-v1');
    expect(r.categories.find((c) => c.category === 'spam')!.score).toBeLessThan(0.3);
  });

  test('a review with an e-mail address is blocked with the reason and the span', async () => {
    const text = 'Great kettle. Questions? Mail me at priya.k@example.com';
    const r = await api.moderate(text, MODELS);
    expect(r.decision).toBe('block');
    const pd = r.categories.find((c) => c.category === 'personal-data')!;
    expect(r.reasons).toContain(pd.reason);
    expect(pd.reason).toMatch(/e-mail address/);
    expect(pd.spans[0]).toMatchObject({ kind: 'email', text: 'priya.k@example.com', start: text.indexOf('priya') });
  });

  test('a spam review is blocked by the classifier', async () => {
    const r = await api.moderate('Congratulations! You won a FREE iPhone. Text CLAIM to 85233 now to get your prize!!', MODELS);
    expect(r.decision).toBe('block');
    expect(r.categories.find((c) => c.category === 'spam')!.decision).toBe('block');
  });

  test('Chinese text goes through the rules', async () => {
    const r = await api.moderate('东西不错，好评返现5元，加我微信 abc12345', MODELS);
    expect(r.decision).toBe('block');
    expect(r.categories.find((c) => c.category === 'incentivised')!.decision).toBe('flag');
    expect(r.categories.find((c) => c.category === 'spam')!.assessed).toBe(false);
  });

  test('a model that cannot be found holds the text instead of passing it', async () => {
    const r = await api.moderate('A perfectly nice review of a lamp.', '/no-such-models/');
    expect(r.decision).toBe('hold');
    expect(r.held?.message).toMatch(/has not been posted/);
    expect(r.held?.cause).toMatch(/could not be loaded/);
  });

  test('nothing was fetched from outside the page origin', async () => {
    const urls = await api.resources();
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.some((u) => u.includes('/models/aisle-moderation-v1/onnx/model.onnx'))).toBe(true);
    for (const u of urls) expect(new URL(u).origin).toBe(location.origin);
  });
});
