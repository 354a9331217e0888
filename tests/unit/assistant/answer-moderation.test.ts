/**
 * Every composed answer passes moderation before it is shown (src/shared/answer-moderation.ts), with the real
 * moderation engine and the bundled classifier in Node: a merchant's abusive product title takes its card out of the
 * answer, an attribute with a phone number is left out of its card, a policy answer keeps the shop's own contact
 * details but not abuse, a check that cannot run withholds everything, and the issue's own requests on the demo
 * catalog lose nothing.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadNodeClassifier } from '../../../scripts/moderation/node-classifier.ts';
import { ANSWER_POLICY_CONFIG, answerParts, moderateAnswer, type ModerateParts } from '../../../src/shared/answer-moderation.ts';
import type { Product } from '../../../src/shared/catalog/types.ts';
import type { ModerationConfigInput } from '../../../src/shared/moderation.ts';
import { EMPTY_CONTEXT, type AnswerBlock, type AnswerProduct } from '../../../src/shared/protocol/assistant.ts';
import { answerProduct, ShopAssistant } from '../../../workers/assistant/assistant.ts';
import type { IntentModelFile } from '../../../workers/assistant/intent-model.ts';
import { parsePolicies, PolicyIndex } from '../../../workers/assistant/policies.ts';
import { buildTerms } from '../../../workers/assistant/terms.ts';
import { Understander } from '../../../workers/assistant/understand.ts';
import { MODERATION_PRESETS, moderateTexts, type TextClassifier } from '../../../workers/language/moderation/index.ts';
import { bundledLexicon } from '../../../workers/search/bundled-lexicon.ts';
import { SearchEngine } from '../../../workers/search/engine.ts';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
let classifier: TextClassifier;
let calls: string[][] = [];
/** What the page does: the language worker's moderate() with the chat preset, the policy config for policy texts. */
const moderate: ModerateParts = (texts, source) => {
  calls.push(texts);
  const chat = MODERATION_PRESETS.chat as ModerationConfigInput;
  return moderateTexts(texts, { classifier, config: source === 'policy' ? { ...chat, ...ANSWER_POLICY_CONFIG } : chat });
};

beforeAll(async () => {
  classifier = await loadNodeClassifier();
});

const product = (id: string, title: string, attributes: Record<string, string> = {}): Product =>
  ({ id, title, description: '', categoryPath: ['Teapots'], brand: 'Leafy', price: 500, currency: 'INR', listPrice: null, image: null, attributes, inStock: true, rating: 4, group: id, variant: null }) as unknown as Product;
const clean = product('t1', 'Leafy Glass Teapot 600 ml', { Material: 'Borosilicate glass', Capacity: '600 ml' });
const abusive = product('t2', 'Teapot for stupid idiots and worthless morons', { Material: 'Clay' });
const doxxing = product('t3', 'Leafy Clay Teapot', { Material: 'Clay', Seller: 'call Ramesh on 98765 43210' });
const cards = (...ps: Product[]): AnswerProduct[] => ps.map((p) => answerProduct(p));

describe('answer moderation', () => {
  test('an abusive product title takes its card out; a phone number in an attribute leaves the card without its attributes', async () => {
    const blocks: AnswerBlock[] = [{ kind: 'found', total: 3, shown: 3, constraints: {} }, { kind: 'products', products: cards(clean, abusive, doxxing) }];
    const shown = await moderateAnswer(blocks, moderate);
    const list = shown.find((b) => b.kind === 'products')!;
    expect(list.kind === 'products' && list.products.map((p) => p.id)).toEqual(['t1', 't3']);
    expect(list.kind === 'products' && list.products[0]).toEqual(cards(clean)[0]);
    expect(list.kind === 'products' && list.products[1].attributes).toEqual([]);
    const found = shown.find((b) => b.kind === 'found');
    expect(found?.kind === 'found' && found.shown).toBe(2);
    const notice = shown.at(-1)!;
    expect(notice.kind).toBe('withheld');
    if (notice.kind !== 'withheld') return;
    expect(notice.parts).toBe(2);
    expect(notice.categories).toContain('personal-data');
    expect(notice.categories.some((c) => c === 'toxic' || c === 'hate')).toBe(true);
  });

  test('a comparison drops the withheld product and its column', async () => {
    const blocks: AnswerBlock[] = [{ kind: 'compare', products: cards(clean, abusive, doxxing), rows: [{ attribute: 'Material', values: ['Borosilicate glass', 'Clay', 'Clay'] }] }];
    const [table] = await moderateAnswer(blocks, moderate);
    expect(table.kind === 'compare' && table.products.map((p) => p.id)).toEqual(['t1', 't3']);
    expect(table.kind === 'compare' && table.rows[0].values).toEqual(['Borosilicate glass', 'Clay']);
  });

  test("policy answers keep the shop's own contact details; abuse in them is withheld", async () => {
    const entries = parsePolicies({
      name: 'shop.md',
      format: 'markdown',
      text: '## How can I contact you?\nCall us on 1800 123 4567 or write to help@leafy.example, 9:00 to 18:00.\n\n## What is your return policy?\nReturns are for stupid idiots and worthless morons. Go away.\n',
    });
    const [contact, returns] = entries.map((entry): AnswerBlock => ({ kind: 'policy', entry, score: 3 }));
    expect(await moderateAnswer([contact], moderate)).toEqual([contact]);
    const withheld = await moderateAnswer([returns], moderate);
    expect(withheld).toHaveLength(1);
    expect(withheld[0].kind).toBe('withheld');
  });

  test('fails closed: a check that cannot run shows nothing of the answer, and says it was not checked', async () => {
    const blocks: AnswerBlock[] = [{ kind: 'found', total: 1, shown: 1, constraints: {} }, { kind: 'products', products: cards(clean) }];
    const shown = await moderateAnswer(blocks, async () => {
      throw new Error('the classifier could not load');
    });
    expect(shown).toEqual([{ kind: 'withheld', parts: 1, categories: [] }]);
    // A hold (the engine's own fail-closed answer) is the same.
    const held = await moderateAnswer(blocks, async (texts) => texts.map(() => ({ decision: 'hold' as const, categories: [], reasons: [] })));
    expect(held).toEqual([{ kind: 'withheld', parts: 1, categories: [] }]);
  });

  test('a text checked once is not checked again', async () => {
    const cache = new Map();
    const blocks: AnswerBlock[] = [{ kind: 'products', products: cards(clean, doxxing) }];
    calls = [];
    await moderateAnswer(blocks, moderate, cache);
    expect(calls.flat()).toHaveLength(answerParts(blocks).length);
    calls = [];
    const again = await moderateAnswer(blocks, moderate, cache);
    expect(calls).toEqual([]);
    expect(again.at(-1)!.kind).toBe('withheld');
  });

  test("the issue's requests on the demo catalog lose nothing to the check", async () => {
    const demo = (JSON.parse(readFileSync(root('public/catalog/demo.json'), 'utf8')) as { products: Product[] }).products;
    const engine = new SearchEngine(demo, bundledLexicon());
    const model = JSON.parse(readFileSync(root('models/aisle-assistant-intent-v1/model.json'), 'utf8')) as IntentModelFile;
    const policies = new PolicyIndex(parsePolicies({ name: 'policies.md', format: 'markdown', text: readFileSync(root('public/catalog/policies.md'), 'utf8') }));
    const assistant = new ShopAssistant({ products: demo, engine, understander: new Understander(buildTerms(demo, bundledLexicon(), engine.lexicon), model), policies, history: async () => null, recommend: async () => [] });
    for (const text of ['show me watches under 2000', '手表 2000元以内', 'what is your return policy?', 'compare the first two']) {
      const context = text.startsWith('compare') ? (await assistant.answer({ text: 'watches under 2000', context: EMPTY_CONTEXT })).context : EMPTY_CONTEXT;
      const reply = await assistant.answer({ text, context });
      expect(await moderateAnswer(reply.blocks, moderate), text).toEqual(reply.blocks);
    }
  });
});
