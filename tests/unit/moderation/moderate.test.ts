/**
 * The moderation engine with an injected classifier: decisions and thresholds per category, spans, chunking of
 * long texts, Chinese text (rules only), disabled categories, and failing closed.
 * The classifier here is a small scripted function behind the same `TextClassifier` interface as the real one
 * (which classifier.test.ts loads): it lets each test set the exact scores the thresholds are checked against.
 */
import { describe, expect, test } from 'vitest';
import { chunkForClassifier, checkRules, HOLD_MESSAGE, moderateText, moderateTexts } from '../../../workers/language/moderation/moderate.ts';
import { normaliseForClassifier } from '../../../workers/language/moderation/classifier.ts';
import { CLASSIFIER_CHUNK_CHARS, MODERATION_PRESETS } from '../../../workers/language/moderation/constants.ts';
import type { TextClassifier } from '../../../workers/language/moderation/types.ts';
import type { ModerationResult } from '../../../src/shared/moderation.ts';

/**
 * Scores by keyword: "WINNER" → spam 0.97, "grumpy" → toxic 0.8, "vermin" → hate 0.75 + toxic 0.9. (The keywords are
 * words no rule knows, so these tests see the classifier's half of the learned categories alone.)
 */
const scripted: TextClassifier = async (texts) =>
  texts.map((t) => ({
    toxic: /vermin/.test(t) ? 0.9 : /grumpy/.test(t) ? 0.8 : 0.02,
    hate: /vermin/.test(t) ? 0.75 : 0.01,
    spam: /WINNER/.test(t) ? 0.97 : 0.03,
  }));

const category = (r: ModerationResult, c: string) => r.categories.find((x) => x.category === c)!;

describe('decisions', () => {
  test('a clean review is allowed with no reasons', async () => {
    const r = await moderateText('Sturdy kettle, boils fast and the handle stays cool.', { classifier: scripted });
    expect(r.decision).toBe('allow');
    expect(r.reasons).toEqual([]);
    expect(r.model).toBe('aisle-moderation-v1');
    expect(r.categories.map((c) => c.category)).toEqual(['toxic', 'hate', 'spam', 'personal-data', 'links', 'incentivised', 'prohibited']);
    expect(r.categories.every((c) => c.decision === 'allow' && c.assessed)).toBe(true);
  });

  test('spam is blocked with the sentence that triggered it as the span', async () => {
    const text = 'Nice phone. You are a WINNER, claim your prize now! Battery is ok.';
    const r = await moderateText(text, { classifier: scripted, config: { thresholds: {} } });
    const spam = category(r, 'spam');
    expect(r.decision).toBe('block');
    expect(spam.decision).toBe('block');
    expect(spam.score).toBeCloseTo(0.97, 5);
    expect(spam.reason).toMatch(/spam or a scam/);
    expect(r.reasons[0]).toBe(spam.reason);
    for (const s of spam.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(spam.spans.map((s) => s.text).join(' ')).toContain('WINNER');
  });

  test('an e-mail address blocks the review, with the reason and the span', async () => {
    const text = 'Great fit. Questions? Write to me at sam.r@example.com';
    const r = await moderateText(text, { classifier: scripted });
    const pd = category(r, 'personal-data');
    expect(r.decision).toBe('block');
    expect(pd.decision).toBe('block');
    expect(pd.reason).toBe('Contains an e-mail address. Reviews and messages are public: remove personal details to keep them private.');
    expect(pd.spans).toEqual([expect.objectContaining({ kind: 'email', text: 'sam.r@example.com', start: text.indexOf('sam.r') })]);
  });

  test('several findings are summarised in one reason, most severe category first', async () => {
    const r = await moderateText('call 415-555-0198 or mail a@b.com, see bit.ly/x1 and I got it free for a review', { classifier: scripted });
    expect(category(r, 'personal-data').reason).toMatch(/^Contains a phone number and an e-mail address\./);
    expect(category(r, 'links').decision).toBe('block');
    expect(category(r, 'incentivised').decision).toBe('flag');
    expect(r.decision).toBe('block');
    expect(r.reasons.at(-1)).toMatch(/in return for a review/);
  });

  test('incentivised reviews are flagged, not blocked, by default', async () => {
    const r = await moderateText('I received this product in exchange for my honest review. It is fine.', { classifier: scripted });
    expect(r.decision).toBe('flag');
    expect(category(r, 'incentivised').decision).toBe('flag');
  });
});

describe('thresholds', () => {
  const text = 'What a grumpy charger, it works fine.';

  test('default: toxic 0.8 is a flag', async () => {
    const r = await moderateText(text, { classifier: scripted });
    expect(category(r, 'toxic').decision).toBe('flag');
    expect(r.decision).toBe('flag');
  });

  test('a lower block threshold blocks it, a higher flag threshold allows it', async () => {
    const strict = await moderateText(text, { classifier: scripted, config: { thresholds: { toxic: { block: 0.75 } } } });
    expect(category(strict, 'toxic').decision).toBe('block');
    const lenient = await moderateText(text, { classifier: scripted, config: { thresholds: { toxic: { flag: 0.85, block: 0.95 } } } });
    expect(category(lenient, 'toxic').decision).toBe('allow');
    expect(lenient.decision).toBe('allow');
  });

  test('rule categories have thresholds too: a merchant can block street addresses', async () => {
    const t = 'Deliver to 42 West Elm Road please';
    expect((await moderateText(t, { classifier: scripted })).decision).toBe('flag');
    expect((await moderateText(t, { classifier: scripted, config: { thresholds: { 'personal-data': { block: 0.7 } } } })).decision).toBe('block');
  });

  test.each([
    [{ thresholds: { toxic: { flag: 1.5 } } }, /from 0 to 1/],
    [{ thresholds: { spam: { flag: 0.9, block: 0.5 } } }, /Flag must be at most block/],
    [{ thresholds: { rude: { flag: 0.5 } } }, /Unknown moderation category "rude"/],
    [{ disabled: ['nope'] }, /Unknown moderation category "nope"/],
  ])('invalid config %# is a ConfigError', async (config, message) => {
    const err = await moderateText('hello', { classifier: scripted, config: config as never }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ConfigError');
    expect((err as Error).message).toMatch(message);
  });

  test('disabled categories are not checked or reported', async () => {
    const r = await moderateText('see www.example.com', { classifier: scripted, config: { disabled: ['links', 'hate'] } });
    expect(r.categories.map((c) => c.category)).toEqual(['toxic', 'spam', 'personal-data', 'incentivised', 'prohibited']);
    expect(r.decision).toBe('allow');
  });

  test('presets: a listing is not judged as spam and a merchant link is only flagged', async () => {
    const text = 'Buy now, you are a WINNER with our prices! Details on shop.example.com/lamp';
    const asReview = await moderateText(text, { classifier: scripted, config: MODERATION_PRESETS.review });
    expect(asReview.decision).toBe('block');
    const asListing = await moderateText(text, { classifier: scripted, config: MODERATION_PRESETS.listing });
    expect(asListing.categories.map((c) => c.category)).not.toContain('spam');
    expect(category(asListing, 'links').decision).toBe('flag');
    expect(asListing.decision).toBe('flag');
    const chat = await moderateText('I got it free for a review, is that ok?', { classifier: scripted, config: MODERATION_PRESETS.chat });
    expect(chat.decision).toBe('allow');
  });

  test('the prohibited list can be replaced or extended', async () => {
    const extra = { extraProhibited: [{ id: 'vapes', label: 'vaping products', terms: ['vape'], severity: 'flag' as const }] };
    const r = await moderateText('Best vape ever, cures cancer', { classifier: scripted, config: extra });
    expect(category(r, 'prohibited').spans.map((s) => s.kind)).toEqual(['vapes', 'medical-claims']);
    expect(category(r, 'prohibited').decision).toBe('block');
    const only = await moderateText('Best vape ever, cures cancer', {
      classifier: scripted,
      config: { prohibited: extra.extraProhibited },
    });
    expect(category(only, 'prohibited').decision).toBe('flag');
  });
});

describe('fails closed', () => {
  const throwing: TextClassifier = async () => {
    throw new Error('onnx session failed');
  };

  test('a classifier that throws holds the text with a clear message, never allows it', async () => {
    const r = await moderateText('A perfectly nice review.', { classifier: throwing });
    expect(r.decision).toBe('hold');
    expect(r.held).toEqual({ message: HOLD_MESSAGE, cause: 'onnx session failed' });
    expect(r.reasons[0]).toBe(HOLD_MESSAGE);
    expect(category(r, 'spam').assessed).toBe(false);
  });

  test('a classifier that cannot load holds, and rule findings are still reported', async () => {
    const r = await moderateText('mail me a@b.com', {
      classifier: { load: () => Promise.reject(new Error('model.onnx: 404')) },
    });
    expect(r.decision).toBe('hold');
    expect(r.held?.cause).toBe('model.onnx: 404');
    expect(category(r, 'personal-data').decision).toBe('block');
  });

  test('no classifier at all holds', async () => {
    expect((await moderateText('hello there', { classifier: null })).decision).toBe('hold');
  });

  test.each([
    ['too few results', (async () => []) as TextClassifier],
    ['a missing label', (async (t: string[]) => t.map(() => ({ toxic: 0.1, hate: 0.1 }))) as TextClassifier],
    ['NaN', (async (t: string[]) => t.map(() => ({ toxic: NaN, hate: 0, spam: 0 }))) as TextClassifier],
    ['a score above 1', (async (t: string[]) => t.map(() => ({ toxic: 3, hate: 0, spam: 0 }))) as TextClassifier],
  ])('malformed classifier output (%s) holds', async (_name, classifier) => {
    const r = await moderateText('hello there', { classifier });
    expect(r.decision).toBe('hold');
    expect(r.held?.cause).toMatch(/classifier returned/);
  });

  test('abort is not a hold: it rejects with AbortError', async () => {
    const controller = new AbortController();
    const slow: TextClassifier = async (texts) => {
      controller.abort();
      return scripted(texts);
    };
    const err = await moderateText('hello there', { classifier: slow, signal: controller.signal }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
  });

  test('empty text needs no classifier and is allowed', async () => {
    expect((await moderateText('   ', { classifier: throwing })).decision).toBe('allow');
  });
});

describe('texts and languages', () => {
  test('Chinese text: the rules run and the classifier reads it too (it is trained on Chinese)', async () => {
    let calls = 0;
    const counting: TextClassifier = async (t) => {
      calls++;
      return scripted(t);
    };
    const r = await moderateText('质量很好，加我微信 abc12345 更便宜，电话 13800138000', { classifier: counting });
    expect(calls).toBe(1);
    expect(r.decision).toBe('block');
    expect(category(r, 'spam').assessed).toBe(true);
    expect(category(r, 'personal-data').spans.map((s) => s.kind)).toEqual(['contact-handle', 'phone']);
  });

  test('mixed Chinese and English with mostly English is classified', async () => {
    const r = await moderateText('You are a WINNER, claim now 快', { classifier: scripted });
    expect(category(r, 'spam').assessed).toBe(true);
    expect(category(r, 'spam').decision).toBe('block');
  });

  test('long texts are read in sentence chunks; a bad sentence late in the text is found', async () => {
    const filler = 'The zip is sturdy and the pockets are deep enough for a phone. '.repeat(12);
    const text = `${filler}Honestly the seller is grumpy. ${filler}`;
    const chunks = chunkForClassifier(text);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(CLASSIFIER_CHUNK_CHARS);
      expect(text.slice(c.start, c.end)).toBe(c.text);
    }
    const r = await moderateText(text, { classifier: scripted });
    expect(category(r, 'toxic').decision).toBe('flag');
    expect(category(r, 'toxic').spans).toHaveLength(1);
    expect(category(r, 'toxic').spans[0]!.text).toContain('grumpy');
  });

  test('a sentence longer than a chunk is cut at spaces', () => {
    const text = 'word '.repeat(200).trim();
    const chunks = chunkForClassifier(text, 100);
    expect(chunks.every((c) => c.text.length <= 100)).toBe(true);
    expect(chunks.map((c) => c.text).join(' ')).toBe(text);
  });

  test('moderateTexts batches many texts through one classifier and keeps them apart', async () => {
    const seen: number[] = [];
    const batched: TextClassifier = async (t) => {
      seen.push(t.length);
      return scripted(t);
    };
    const many = Array.from({ length: 70 }, (_, i) => (i === 40 ? 'You are a WINNER' : `Review number ${i} is fine.`));
    const rs = await moderateTexts(many, { classifier: batched });
    expect(rs.map((r) => r.decision).filter((d) => d !== 'allow')).toEqual(['block']);
    expect(rs[40]!.decision).toBe('block');
    expect(seen).toEqual([32, 32, 6]);
  });

  test('checkRules gives rule results synchronously for as-you-type feedback', () => {
    const rs = checkRules('mail me at a@b.com');
    expect(rs.map((c) => c.category)).toEqual(['personal-data', 'links', 'incentivised', 'prohibited']);
    expect(rs[0]!.decision).toBe('block');
  });

  test('normalisation matches training: entities decoded, the canonical text (lower case), handles replaced, spaces collapsed', () => {
    expect(normaliseForClassifier('  RT @bob_99:  fish &amp; chips &#8220;ok&#8221;\n\n')).toBe('rt @user: fish & chips “ok”');
    expect(normaliseForClassifier('Ｃａｌｌ ९८७६ ｎｏｗ')).toBe('call 9876 now');
  });
});

describe('length limit', () => {
  const counting = () => {
    const seen: string[] = [];
    const classifier: TextClassifier = async (texts) => {
      seen.push(...texts);
      return scripted(texts);
    };
    return { seen, classifier };
  };

  test('a review longer than the limit is held unread, with the limit in the message', async () => {
    const { seen, classifier } = counting();
    // The hostile shape that makes the rules slow ("a.a.a." …), one character over the limit.
    const text = 'a.'.repeat(2_500) + 'a';
    const r = await moderateText(text, { classifier });
    expect(r.decision).toBe('hold');
    expect(r.held?.message).toMatch(/5,001 characters long.*at most 5,000/);
    expect(r.categories.every((c) => !c.assessed && c.decision === 'allow')).toBe(true);
    expect(seen).toEqual([]);
  });

  test('a review at the limit is read whole', async () => {
    const { seen, classifier } = counting();
    const text = 'Sturdy kettle, boils fast. '.repeat(200).slice(0, 5_000);
    const r = await moderateText(text, { classifier });
    expect(r.decision).toBe('allow');
    expect(seen.join(' ').length).toBeGreaterThan(4_900);
  });

  test('listings may be twice as long; a long one among short ones holds only itself', async () => {
    const { classifier } = counting();
    const long = 'Steel bottle. '.repeat(600); // 8,400 characters: fine for a listing, too long for a review
    const [listing, short] = await moderateTexts([long, 'Blue steel bottle.'], { classifier, config: MODERATION_PRESETS.listing });
    expect(listing!.decision).not.toBe('hold');
    expect(short!.decision).toBe('allow');
    const [review] = await moderateTexts([long], { classifier });
    expect(review!.decision).toBe('hold');
  });

  test('a bad limit is a configuration error that says what to give', async () => {
    await expect(moderateText('ok', { classifier: scripted, config: { maxChars: 0 } })).rejects.toThrow(/whole number of characters/);
  });

  test('the typing feedback reads what will be kept', () => {
    const text = 'x'.repeat(5_000) + ' mail me at john@example.com';
    expect(checkRules(text).find((c) => c.category === 'personal-data')!.spans).toEqual([]);
    expect(checkRules('mail me at john@example.com').find((c) => c.category === 'personal-data')!.spans.length).toBe(1);
  });
});
