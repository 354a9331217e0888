/** The merchant's policy file: Markdown or JSON, clear errors, and questions phrased differently find the entry. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { answersQuestion, parsePolicies, PolicyIndex, POLICY_FLOOR } from '../../../workers/assistant/policies.ts';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));

test('Markdown: headings, "Q:" lines and bold questions start entries; the text under them answers', () => {
  const entries = parsePolicies({
    name: 'shop.md',
    format: 'markdown',
    text: '# Our shop\nIntro text.\n\n## Returns\nWithin 14 days.\n\nQ: Do you ship abroad?\nA: No.\n\n**Can I pay cash?**\nYes, on delivery.\n',
  });
  expect(entries.map((e) => [e.question, e.answer])).toEqual([
    ['Returns', 'Within 14 days.'],
    ['Do you ship abroad?', 'No.'],
    ['Can I pay cash?', 'Yes, on delivery.'],
  ]);
});

test('JSON in three shapes; bad files say what to fix', () => {
  const qa = [{ question: 'Returns?', answer: '14 days.' }];
  for (const text of [JSON.stringify({ questions: qa }), JSON.stringify(qa), JSON.stringify([{ title: 'Returns?', text: '14 days.' }])]) {
    expect(parsePolicies({ name: 'p.json', format: 'json', text })[0]).toMatchObject({ question: 'Returns?', answer: '14 days.', source: 'p.json' });
  }
  expect(() => parsePolicies({ name: 'p.json', format: 'json', text: '{' })).toThrow(/not valid JSON/);
  expect(() => parsePolicies({ name: 'p.json', format: 'json', text: '[{"question": "x"}]' })).toThrow(/Entry 1 .* needs a "question" and an "answer"/);
  expect(() => parsePolicies({ name: 'p.md', format: 'markdown', text: 'just prose' })).toThrow(/has no entries/);
});

test('the demo shop\'s own policies answer questions phrased differently, in both languages, and nothing for the unrelated', () => {
  const index = new PolicyIndex(parsePolicies({ name: 'policies.md', format: 'markdown', text: readFileSync(root('public/catalog/policies.md'), 'utf8') }));
  const best = (q: string) => index.search(q, 1)[0];
  expect(best('can i send it back if it does not fit')!.entry.question).toMatch(/return policy|exchange|sizes fit/i);
  expect(best('when will my refund come')!.entry.question).toBe('How do refunds work?');
  expect(best('is delivery free')!.entry.question).toBe('How much does shipping cost?');
  expect(best('能货到付款吗')!.entry.question).toBe('What payment methods do you accept?');
  expect(best('可以寄到国外吗')!.entry.question).toBe('Do you ship internationally?');
  expect(best('what is the capital of france')?.score ?? 0).toBeLessThan(POLICY_FLOOR);
  expect(answersQuestion(best('what is the capital of france'))).toBe(false);
});

test('a merchant\'s small file: a question on one of its topics is answered, however low BM25 scores there; others are not', () => {
  const text = readFileSync(root('tests/e2e/fixtures/embed/store-faq.json'), 'utf8');
  const index = new PolicyIndex(parsePolicies({ name: 'store-faq.json', format: 'json', text }));
  const best = (q: string) => index.search(q, 1)[0];
  // Three entries: BM25's idf is small, so one topic word scores under the floor on its own.
  expect(best('can i give back something i bought')!.score).toBeLessThan(POLICY_FLOOR);
  expect(answersQuestion(best('can i give back something i bought'))).toBe(true);
  expect(best('can i give back something i bought')!.entry.question).toBe('What is your return policy?');
  expect(answersQuestion(best('能退货吗'))).toBe(true);
  // A word the entry has, but not its topic: no answer.
  expect(answersQuestion(best('what is your privacy policy'))).toBe(false);
  expect(answersQuestion(best('do you have a loyalty programme'))).toBe(false);
});

test('near-duplicate entries: the general one for a question naming no special case, the special one when named; stories and plain names of things', () => {
  const entries = [
    ['What is your return policy?', 'Items can be returned within 30 days of delivery.'],
    ['Can I return a product if it was a final sale item?', 'Final sale items cannot be returned.'],
    ['Can I return a product if it was purchased with a discount code?', 'Yes, the refund is the amount paid.'],
    ['How can I track my order?', 'Use the tracking link in your email.'],
    ['What should I do if my package is lost?', 'Contact us and we trace it with the courier.'],
    ['How can I create an account?', 'Click sign up and enter your email.'],
    ['Can I order without creating an account?', 'Yes, check out as a guest.'],
    ['What is your price adjustment policy?', 'If the price drops within 7 days we refund the difference.'],
    ['How do sizes fit?', 'Each page lists its measurements.'],
  ].map(([question, answer], i) => ({ id: `t#${i}`, question, answer, source: 't' }));
  const index = new PolicyIndex(entries);
  const best = (q: string) => index.search(q, 1)[0]?.entry.question;
  expect(best('how long do i have to return an item')).toBe('What is your return policy?');
  expect(best('can i send stuff back after two weeks')).toBe('What is your return policy?');
  expect(best('can i return a final sale item')).toBe('Can I return a product if it was a final sale item?');
  expect(best('my parcel never arrived')).toBe('What should I do if my package is lost?');
  expect(best('where is my parcel')).toBe('How can I track my order?');
  expect(best('can i checkout as a guest')).toBe('Can I order without creating an account?');
  expect(best('the price dropped right after i bought it')).toBe('What is your price adjustment policy?');
  expect(best('do these shoes run small')).toBe('How do sizes fit?');
});
