/**
 * Answers composed from tool results on the demo catalog: the end-to-end requests in Node (watches under
 * 2000 in English and Chinese are all watches under 2000), nothing matching says so and relaxes one constraint,
 * follow-ups refine, comparisons hold real attributes, policy answers quote the document, the last order is named.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Product } from '../../../src/shared/catalog/types.ts';
import type { StoredEvent } from '../../../src/shared/events.ts';
import { EMPTY_CONTEXT, type AnswerBlock, type AssistReply, type ChatContext } from '../../../src/shared/protocol/assistant.ts';
import { ShopAssistant } from '../../../workers/assistant/assistant.ts';
import type { IntentModelFile } from '../../../workers/assistant/intent-model.ts';
import { parsePolicies, PolicyIndex } from '../../../workers/assistant/policies.ts';
import { buildTerms } from '../../../workers/assistant/terms.ts';
import { Understander } from '../../../workers/assistant/understand.ts';
import { HistoryView } from '../../../workers/recommender/history-view.ts';
import { bundledLexicon } from '../../../workers/search/bundled-lexicon.ts';
import { SearchEngine } from '../../../workers/search/engine.ts';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const demo = (JSON.parse(readFileSync(root('public/catalog/demo.json'), 'utf8')) as { products: Product[] }).products;
const byId = new Map(demo.map((p) => [p.id, p]));
const modelFile = JSON.parse(readFileSync(root('models/aisle-assistant-intent-v1/model.json'), 'utf8')) as IntentModelFile;
const engine = new SearchEngine(demo, bundledLexicon());
const policies = new PolicyIndex(parsePolicies({ name: 'policies.md', format: 'markdown', text: readFileSync(root('public/catalog/policies.md'), 'utf8') }));
const watch = demo.find((p) => p.categoryPath[0] === 'Watches' && p.price > 1000)!;
const ring = demo.find((p) => p.categoryPath[0] === 'Jewellery')!;
const history = new HistoryView('demo');
let assistant: ShopAssistant;

beforeAll(() => {
  const base = { catalog: 'demo', context: {} };
  const events = [
    { ...base, id: 'e1', at: 1000, type: 'view', itemId: watch.id },
    { ...base, id: 'e2', at: 2000, type: 'purchase', itemId: ring.id, quantity: 1, price: ring.price, orderId: 'o-1' },
  ].map((e, i) => ({ ...e, seq: i + 1 })) as unknown as StoredEvent[];
  history.apply(events);
  assistant = new ShopAssistant({
    products: demo,
    engine,
    understander: new Understander(buildTerms(demo, bundledLexicon(), engine.lexicon), modelFile),
    policies,
    history: async () => history,
    recommend: async (r) => (r.shelf === 'similar' ? demo.filter((p) => p.categoryPath[0] === 'Watches' && p.id !== r.itemId).map((p, i) => ({ itemId: p.id, score: 1 / (i + 1), because: { reason: { code: 'popular' }, text: 'Similar', evidence: [r.itemId!] } })) : []),
  });
});

const block = <K extends AnswerBlock['kind']>(r: AssistReply, kind: K) => r.blocks.find((b) => b.kind === kind) as Extract<AnswerBlock, { kind: K }> | undefined;
const ask = (text: string, context: ChatContext = EMPTY_CONTEXT) => assistant.answer({ text, context });

describe('search answers', () => {
  test.each(['show me watches under 2000', '手表 2000元以内'])('%s: only watches under 2000', async (text) => {
    const r = await ask(text);
    const products = block(r, 'products')!.products;
    expect(products.length).toBeGreaterThan(2);
    for (const p of products) {
      expect(byId.get(p.id)!.categoryPath[0]).toBe('Watches');
      expect(byId.get(p.id)!.price).toBeLessThanOrEqual(2000);
      expect(p.price).toBe(byId.get(p.id)!.price);
    }
    // Every watch under 2000 (one per variant group) is counted, and no other product.
    const groups = new Set(demo.filter((p) => p.categoryPath[0] === 'Watches' && p.price <= 2000).map((p) => p.group ?? p.id));
    expect(block(r, 'found')!.total).toBe(groups.size);
    // The Chinese answer names the kind as the shopper wrote it (手表, not the 表 inside it).
    if (/手表/.test(text)) expect(r.understanding.constraints.zh?.category).toBe('手表');
  });

  test('nothing matches: says so, relaxes one constraint and says which', async () => {
    const r = await ask('watches under 10 rupees');
    expect(block(r, 'none')).toBeTruthy();
    expect(block(r, 'relaxed')!.relaxed).toBe('priceMax');
    expect(block(r, 'products')!.products.every((p) => byId.get(p.id)!.categoryPath[0] === 'Watches')).toBe(true);
  });

  test('follow-ups refine the last answer', async () => {
    const first = await ask('watches under 3000');
    const cheaper = await ask('cheaper ones?', first.context);
    const shownPrices = first.context.shown.map((id) => byId.get(id)!.price).sort((a, b) => a - b);
    for (const p of block(cheaper, 'products')!.products) {
      expect(byId.get(p.id)!.categoryPath[0]).toBe('Watches');
      expect(p.price).toBeLessThan(shownPrices[Math.floor((shownPrices.length - 1) / 2)]);
    }
    const black = await ask('in black?', first.context);
    for (const p of block(black, 'products')!.products) expect(byId.get(p.id)!.categoryPath[0]).toBe('Watches');
    const second = await ask('tell me more about the second one', first.context);
    expect(block(second, 'spec')!.product.id).toBe(first.context.shown[1]);
    const compared = await ask('compare the first two', first.context);
    const table = block(compared, 'compare')!;
    expect(table.products.map((p) => p.id)).toEqual(first.context.shown.slice(0, 2));
    for (const row of table.rows) row.values.forEach((v, i) => expect([byId.get(table.products[i].id)!.attributes[row.attribute] ?? '—']).toContain(v));
  });
});

test('a returns question quotes the policy document', async () => {
  const r = await ask('how do i send something back?');
  expect(block(r, 'policy')!.entry.question).toBe('What is your return policy?');
  expect(block(r, 'policy')!.entry.answer).toMatch(/30 days/);
  const zh = await ask('怎么退货');
  expect(block(zh, 'policy')!.entry.question).toBe('What is your return policy?');
});

test('the shopper\'s own history: last order, order again, the watch looked at but cheaper', async () => {
  const last = await ask('what did i order last?');
  expect(block(last, 'orders')!.orders[0].lines[0].product.id).toBe(ring.id);
  const again = await ask('order that again');
  expect(block(again, 'add-to-cart')!.products.map((p) => p.id)).toEqual([ring.id]);
  const like = await ask('something like the watch I looked at, but cheaper');
  expect(block(like, 'viewed')!.product.id).toBe(watch.id);
  for (const p of block(like, 'products')!.products) expect(p.price).toBeLessThan(watch.price);
});
