/**
 * Text moderation in Chromium through the real language worker and its bridge (LanguageBridge), as the review form
 * uses it: the bundled classifier on Transformers.js WASM, its files verified by the worker's model store, plus the
 * rules. A review with an e-mail address is blocked with its reason, a clean review is allowed, spam is blocked,
 * Chinese is assessed, and a model that cannot be found holds Latin, Cyrillic and Chinese text alike. (That nothing
 * leaves the page's origin is checked end to end, where every request can be seen: tests/e2e/moderation.e2e.ts.)
 */
import { afterAll, describe, expect, test } from 'vitest';
import { LanguageBridge } from '../../../src/app/bridges/language.ts';

const bridge = new LanguageBridge(new URL('/models/', location.href).href, () => 'wasm');
const missing = new LanguageBridge(new URL('/no-such-models/', location.href).href, () => 'wasm');

afterAll(() => {
  bridge.terminate();
  missing.terminate();
});

const moderate = async (text: string, b = bridge) => (await b.moderate(undefined, [text]))[0]!;

describe('text moderation in the language worker', () => {
  test('the bundled model loads from the app, verified, on WASM', async () => {
    const info = await bridge.loadModeration();
    expect(info).toMatchObject({ id: 'aisle-moderation-v1', source: 'bundled', device: 'wasm' });
  });

  test('a clean review is allowed', async () => {
    const r = await moderate('Comfortable shoes, true to size. The colour is a bit darker than in the photo.');
    expect(r.decision).toBe('allow');
    expect(r.model).toBe('aisle-moderation-v1');
    expect(r.categories.find((c) => c.category === 'spam')!.score).toBeLessThan(0.3);
  });

  test('a review with an e-mail address is blocked with the reason and the span', async () => {
    const text = 'Great kettle. Questions? Mail me at priya.k@example.com';
    const r = await moderate(text);
    expect(r.decision).toBe('block');
    const pd = r.categories.find((c) => c.category === 'personal-data')!;
    expect(r.reasons).toContain(pd.reason);
    expect(pd.reason).toMatch(/e-mail address/);
    expect(pd.spans[0]).toMatchObject({ kind: 'email', text: 'priya.k@example.com', start: text.indexOf('priya') });
  });

  test('a spam review is blocked', async () => {
    const r = await moderate('Congratulations! You won a FREE iPhone. Text CLAIM to 85233 now to get your prize!!');
    expect(r.decision).toBe('block');
    expect(r.categories.find((c) => c.category === 'spam')!.decision).toBe('block');
  });

  test('Chinese text is assessed by the classifier and the rules', async () => {
    const r = await moderate('东西不错，好评返现5元，加我微信 abc12345');
    expect(r.decision).toBe('block');
    expect(r.categories.find((c) => c.category === 'incentivised')!.decision).toBe('flag');
    expect(r.categories.find((c) => c.category === 'spam')!.assessed).toBe(true);
    expect((await moderate('垃圾卖家，操你妈')).decision).toBe('block');
  });

  test.each([
    ['Latin', 'A perfectly nice review of a lamp.'],
    ['Cyrillic', 'Отличная лампа, спасибо.'],
    ['Chinese', '垃圾卖家，操你妈'],
  ])('a model that cannot be found holds %s text instead of passing it', async (_script, text) => {
    const r = await moderate(text, missing);
    expect(r.decision).toBe('hold');
    expect(r.held?.message).toMatch(/has not been posted/);
    // The dev server answers the missing manifest with its HTML page: whatever the cause, it is reported.
    expect(r.held?.cause).toBeTruthy();
  });
});
