/**
 * The assistant's optional generative model: the grounding check and sentence cutting (pure), and the language
 * worker's writer run in Node on the tiny test decoder (tests/fixtures/generator/make.py: a GPT-2-style model trained
 * to write one fixed answer whose fourth sentence names a product and a price in no tool result), with the real
 * moderation classifier.
 */
import { fileURLToPath } from 'node:url';
import { env, InterruptableStoppingCriteria, pipeline } from '@huggingface/transformers';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildPrompt, checkSentence, generatorFiles, groundingOf, takeSentences, weightsDtype, type GenerateEvent } from '../../../src/shared/assistant-generation.ts';
import { nodeClassifierLoader } from '../../../scripts/moderation/node-classifier.ts';
import { MODERATION_MODEL_ID, MODERATION_PRESETS, moderateTexts } from '../../../workers/language/moderation/index.ts';
import { fitPrompt, writeAnswer, type TextGenerationPipelineLike } from '../../../workers/language/generator.ts';
import type { ModerationConfigInput } from '../../../src/shared/moderation.ts';

const composed = 'Found 3 watches under ₹2,000:';
const products = [
  { title: 'Titan Analog Watch for Men', brand: 'Titan', price: '₹1,499', inStock: true },
  { title: 'Fastrack Casual Watch', brand: 'Fastrack', price: '₹995', inStock: true },
  { title: 'Sonata Steel Watch', brand: 'Sonata', price: '₹1,999.50', inStock: false },
];
const messages = buildPrompt({ composed, products, request: 'show me watches under 2000', language: 'en' });
const grounding = groundingOf([messages[0].content, messages[1].content]);

describe('the grounding check', () => {
  test('prices and numbers must be the tool results\' own', () => {
    expect(checkSentence('The Titan Analog Watch for Men costs ₹1,499.', grounding)).toBeNull();
    expect(checkSentence('The Sonata Steel Watch is ₹1,999.50, but it is out of stock.', grounding)).toBeNull();
    expect(checkSentence('I found 3 watches under ₹2,000.', grounding)).toBeNull();
    expect(checkSentence('The Titan Analog Watch for Men costs ₹1,299.', grounding)).toBe('price');
    expect(checkSentence('It is only 1299 rupees today.', grounding)).toBe('price');
    expect(checkSentence('Fastrack watches cost about 995元.', grounding)).toBeNull();
    expect(checkSentence('That one is 30% off.', grounding)).toBe('price');
    // Amounts in words are prices too.
    expect(checkSentence('这块手表只要三千元。', grounding)).toBe('price');
    expect(checkSentence('不到两千元的有三块。', grounding)).toBeNull();
    expect(checkSentence('It is about 1.5k rupees.', grounding)).toBe('price');
    // Small counts are no facts of the shop.
    expect(checkSentence('Here are the 2 best ones.', grounding)).toBeNull();
  });

  test('a name that is in no tool result is an invented product', () => {
    expect(checkSentence('The Zorblax Ultra is the best of them.', grounding)).toBe('name');
    expect(checkSentence('Look at the Casio G200 instead.', grounding)).toBe('name');
    expect(checkSentence('Fastrack makes the lightest one.', grounding)).toBeNull();
    expect(checkSentence('Here is what I found for you.', grounding)).toBeNull();
    expect(checkSentence('我推荐 Titan Analog Watch for Men。', grounding)).toBeNull();
    expect(checkSentence('我推荐 Zorblax 手表。', grounding)).toBe('name');
  });

  test('a name at the start of a sentence is a name too; common openers are not', () => {
    expect(checkSentence('Zorblax makes the lightest one.', grounding)).toBe('name');
    expect(checkSentence('Casio has a cheaper one.', grounding)).toBe('name');
    expect(checkSentence('Titan makes the lightest one.', grounding)).toBeNull();
    for (const s of ['Each pick below comes from the shop.', 'Ask me to compare them.', "Let's look at cheaper ones.", 'Unfortunately the Sonata Steel Watch is out of stock.', 'Sure, here they are.'])
      expect(checkSentence(s, grounding), s).toBeNull();
  });

  test('a Chinese name in no tool result is an invented product; ordinary Chinese is not', () => {
    const zh = groundingOf([buildPrompt({ composed: '找到 3 块 2000 元以内的手表：', products, request: '手表 2000元以内', language: 'zh' })[0].content, '手表 2000元以内']);
    expect(checkSentence('我推荐卡西欧手表。', zh)).toBe('name');
    expect(checkSentence('这款泰坦手表很适合日常佩戴。', zh)).toBe('name');
    for (const s of ['我为您找到了3块2000元以内的手表。', '这些手表都在库存中，价格实惠。', '可以对比一下它们的规格和风格。', '需要我帮您搜索更便宜的吗？'])
      expect(checkSentence(s, zh), s).toBeNull();
    // A Chinese name the tool results themselves write is theirs.
    const named = groundingOf(['找到 1 块手表：泰坦男士手表 ₹1,499']);
    expect(checkSentence('泰坦男士手表只要₹1,499。', named)).toBeNull();
  });

  test('streamed text is cut into whole sentences; a full stop inside a number does not end one', () => {
    expect(takeSentences('It costs ₹1,999.50 today. And th', false)).toEqual({ sentences: ['It costs ₹1,999.50 today.'], rest: ' And th' });
    expect(takeSentences('好的。这是结果', false)).toEqual({ sentences: ['好的。'], rest: '这是结果' });
    expect(takeSentences('Last one without a stop', true)).toEqual({ sentences: ['Last one without a stop'], rest: '' });
  });

  test('the weights file names the precision', () => {
    expect(weightsDtype({ files: generatorFiles('onnx/model.onnx') })).toBe('fp32');
    expect(weightsDtype({ files: generatorFiles('onnx/model_q4f16.onnx') })).toBe('q4f16');
    expect(weightsDtype({ files: generatorFiles('onnx/model_quantized.onnx') })).toBe('q8');
  });
});

describe('the writer on the tiny test decoder', () => {
  let gen: TextGenerationPipelineLike;
  const classifier = nodeClassifierLoader();
  const chat = MODERATION_PRESETS.chat as ModerationConfigInput;
  const moderate = async (text: string) => (await moderateTexts([text], { classifier, config: chat, modelId: MODERATION_MODEL_ID }))[0];

  beforeAll(async () => {
    await classifier.load();
    env.allowRemoteModels = false;
    env.localModelPath = fileURLToPath(new URL('../../fixtures/generator/', import.meta.url));
    gen = (await pipeline('text-generation', 'tiny-chat', { dtype: 'fp32', device: 'cpu' })) as unknown as TextGenerationPipelineLike;
  }, 120_000);

  test('the chat template comes from tokenizer_config.json', () => {
    const text = gen.tokenizer.apply_chat_template(messages, { add_generation_prompt: true, tokenize: false }) as string;
    expect(text).toMatch(/^<\|system\|>\nYou are the shop's assistant/);
    expect(text).toMatch(/<\|user\|>\nshow me watches under 2000<\|end\|>\n<\|assistant\|>\n$/);
  });

  test('streams checked sentences: the invented product and price never arrive', async () => {
    const events: GenerateEvent[] = [];
    const summary = await writeAnswer(gen, { messages, grounding, maxNewTokens: 200, moderate, onEvent: (e) => events.push(e), stopper: new InterruptableStoppingCriteria(), device: 'cpu' });
    const shown = events.flatMap((e) => (e.kind === 'sentence' ? [e.text] : []));
    expect(shown.length).toBeGreaterThanOrEqual(3);
    expect(shown.join('')).toMatch(/^Here is what I found for you\./);
    expect(shown.join('')).not.toMatch(/Zorblax|4,321/);
    expect(events.filter((e) => e.kind === 'removed')).toEqual([{ kind: 'removed', reason: 'price' }]);
    expect(summary).toMatchObject({ stopped: false, held: false });
    expect(summary.tokens).toBeGreaterThan(20);
  }, 60_000);

  test('Stop interrupts the model after the token it is writing', async () => {
    const stopper = new InterruptableStoppingCriteria();
    const events: GenerateEvent[] = [];
    const full = await writeAnswer(gen, { messages, grounding, maxNewTokens: 200, moderate, onEvent: () => undefined, stopper: new InterruptableStoppingCriteria(), device: 'cpu' });
    const summary = await writeAnswer(gen, {
      messages, grounding, maxNewTokens: 200, stopper, device: 'cpu',
      moderate: async (text) => {
        stopper.interrupt();
        return moderate(text);
      },
      onEvent: (e) => events.push(e),
    });
    expect(summary.stopped).toBe(true);
    expect(summary.tokens).toBeLessThan(full.tokens);
  }, 60_000);

  test('fails closed: when moderation cannot run, nothing is shown', async () => {
    const broken = nodeClassifierLoader({ modelsPath: '/nonexistent/models/' });
    const events: GenerateEvent[] = [];
    const summary = await writeAnswer(gen, {
      messages, grounding, maxNewTokens: 200, stopper: new InterruptableStoppingCriteria(), device: 'cpu',
      moderate: async (text) => (await moderateTexts([text], { classifier: broken, config: chat, modelId: MODERATION_MODEL_ID }))[0],
      onEvent: (e) => events.push(e),
    });
    expect(summary.held).toBe(true);
    expect(events.filter((e) => e.kind === 'sentence')).toEqual([]);
  }, 60_000);

  test('tool results too long for the model are cut, line by line, to fit its context', () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ title: `Titan Watch ${i}`, brand: 'Titan', price: `₹${1000 + i}`, inStock: true }));
    const big = buildPrompt({ composed, products: many, request: 'watches', language: 'en' });
    const fitted = fitPrompt(gen, big, 200);
    expect(fitted.tokens).toBeLessThanOrEqual(1024 - 200);
    expect(fitted.cut).toBeGreaterThan(0);
    expect(fitted.messages[0].content).toMatch(/^You are the shop's assistant/);
  });
});
