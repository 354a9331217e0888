/** The embed's script-tag configuration, element attributes and queue commands: checked, with messages that say what to write. */
import { describe, expect, test } from 'vitest';
import { commandFromAttributes, productLink, readCommand, readConfig, readShelfAttributes } from '../../../src/embed/config.ts';

const SCRIPT = 'https://cdn.example/aisle/embed/aisle.js';
const PAGE = 'https://shop.example/products/mug';

describe('readConfig', () => {
  test('resolves the catalog against the page, defaults the models to the static host and reads the choices', () => {
    const { config, errors } = readConfig({ catalog: '/catalog.json', theme: 'dark', consent: 'required', productUrl: '/p/{id}', lang: 'zh' }, SCRIPT, PAGE);
    expect(errors).toEqual([]);
    expect(config).toEqual({
      catalog: 'https://shop.example/catalog.json',
      models: 'https://cdn.example/aisle/models/',
      theme: 'dark',
      consent: 'required',
      productUrl: '/p/{id}',
      lang: 'zh',
      policies: 'https://shop.example/policies.md',
      base: 'https://cdn.example/aisle/embed/',
      assistantModel: null,
    });
  });

  test('data-assistant-model: a model\'s hub page becomes the offered writing model; a bad one is named and none offered', () => {
    expect(readConfig({ catalog: '/c.json', assistantModel: 'https://hub.example/onnx-community/Qwen2.5-0.5B-Instruct', assistantWeights: 'onnx/model_q4f16.onnx' }, SCRIPT, PAGE).config?.assistantModel).toEqual({
      host: 'https://hub.example/',
      id: 'onnx-community/Qwen2.5-0.5B-Instruct',
      revision: 'main',
      weights: 'onnx/model_q4f16.onnx',
    });
    expect(readConfig({ catalog: '/c.json', assistantModel: 'https://models.shop.example/acme/helper/tree/v2' }, SCRIPT, PAGE).config?.assistantModel).toEqual({
      host: 'https://models.shop.example/',
      id: 'acme/helper',
      revision: 'v2',
      weights: 'onnx/model_quantized.onnx',
    });
    for (const [value, message] of [
      ['hub.example/org/model', /not a web address/],
      ['https://hub.example/just-one', /does not name one model/],
      ['javascript:alert(1)', /not an http\(s\) address/],
    ] as const) {
      const r = readConfig({ catalog: '/c.json', assistantModel: value }, SCRIPT, PAGE);
      expect(r.config?.assistantModel).toBeNull();
      expect(r.errors.join(), value).toMatch(message);
      expect(r.errors.join()).toMatch(/offers no writing model/);
    }
    const weights = readConfig({ catalog: '/c.json', assistantModel: 'https://hub.example/a/b', assistantWeights: '../../secret.onnx' }, SCRIPT, PAGE);
    expect(weights.config?.assistantModel).toBeNull();
    expect(weights.errors.join()).toMatch(/not an ONNX file in the model's onnx\/ folder/);
    expect(readConfig({ catalog: '/c.json', assistantWeights: 'onnx/model.onnx' }, SCRIPT, PAGE).errors.join()).toMatch(/without data-assistant-model/);
  });

  test('data-policies: the assistant\'s policy file, resolved against the page; a bad one is named and the default kept', () => {
    expect(readConfig({ catalog: '/data/catalog.json', policies: '/help/faq.json' }, SCRIPT, PAGE).config?.policies).toBe('https://shop.example/help/faq.json');
    expect(readConfig({ catalog: '/data/catalog.json' }, SCRIPT, PAGE).config?.policies).toBe('https://shop.example/data/policies.md');
    const bad = readConfig({ catalog: '/data/catalog.json', policies: 'javascript:x' }, SCRIPT, PAGE);
    expect(bad.errors.join()).toMatch(/data-policies="javascript:x" is not a web address/);
    expect(bad.config?.policies).toBe('https://shop.example/data/policies.md');
  });

  test('without a catalog there is no configuration, and the message says what to add', () => {
    const { config, errors } = readConfig({}, SCRIPT, PAGE);
    expect(config).toBeNull();
    expect(errors.join()).toMatch(/data-catalog is missing.*add data-catalog=/);
  });

  test('bad values are named with what to write; choices fall back to their defaults', () => {
    const { config, errors } = readConfig({ catalog: 'javascript:alert(1)' }, SCRIPT, PAGE);
    expect(config).toBeNull();
    expect(errors[0]).toMatch(/not a web address/);
    const r = readConfig({ catalog: '/c.json', theme: 'pink', consent: 'maybe', productUrl: '/p/', models: 'https://a b/' }, SCRIPT, PAGE);
    expect(r.config).toMatchObject({ theme: 'light', consent: 'none', productUrl: '#product-{id}', models: 'https://cdn.example/aisle/models/' });
    expect(r.errors).toHaveLength(4);
    expect(r.errors.join('\n')).toMatch(/data-theme="pink" is not one of light, dark, auto/);
    expect(r.errors.join('\n')).toMatch(/has no \{id\}/);
    expect(readConfig({ catalog: '/c.json', productUrl: 'javascript:go({id})' }, SCRIPT, PAGE).errors[0]).toMatch(/not a web address/);
  });
});

test('productLink encodes the id and never yields a script URL', () => {
  expect(productLink('/products/{id}', 'a b/c', PAGE)).toBe('https://shop.example/products/a%20b%2Fc');
  expect(productLink('#product-{id}', 'x', PAGE)).toBe('https://shop.example/products/mug#product-x');
});

describe('readShelfAttributes', () => {
  const read = (attrs: Record<string, string>) => readShelfAttributes((n) => attrs[n] ?? null);
  test('defaults and valid values', () => {
    expect(read({}).attrs).toEqual({ kind: 'for-you', product: null, limit: 8, layout: 'carousel', title: null });
    expect(read({ kind: 'similar', product: 'sku-1', limit: '12', layout: 'grid', title: ' More ' })).toEqual({
      attrs: { kind: 'similar', product: 'sku-1', limit: 12, layout: 'grid', title: 'More' },
      errors: [],
    });
  });
  test('problems are reported, with what is used instead', () => {
    const { attrs, errors } = read({ kind: 'best', limit: '0', layout: 'list' });
    expect(attrs).toMatchObject({ kind: 'trending', limit: 8, layout: 'carousel' });
    expect(errors).toHaveLength(3);
    expect(read({ kind: 'bought-together' }).errors[0]).toMatch(/needs product=/);
  });
});

describe('commands', () => {
  test('track, consent and openData are read; anything else says what the commands are', () => {
    expect(readCommand(['track', 'view', 'sku-1'])).toEqual({ name: 'track', type: 'view', itemId: 'sku-1', quantity: 1, price: null });
    expect(readCommand(['track', 'purchase', 'sku-1', 2, 499])).toEqual({ name: 'track', type: 'purchase', itemId: 'sku-1', quantity: 2, price: 499 });
    expect(readCommand(['consent', true])).toEqual({ name: 'consent', granted: true });
    expect(readCommand(['openData'])).toEqual({ name: 'open-data' });
    expect(readCommand(['track', 'rate', 'sku-1'])).toMatch(/must be one of view, click/);
    expect(readCommand(['track', 'view'])).toMatch(/give the product's id/);
    expect(readCommand(['track', 'add-to-cart', 'x', 0])).toMatch(/whole number from 1 to 999/);
    expect(readCommand(['consent', 'yes'])).toMatch(/true .* or false/);
    expect(readCommand('track')).toMatch(/a command is a list/);
    expect(readCommand(['steal'])).toMatch(/unknown command/);
  });
  test('data-aisle-* attributes on a merchant button become the same commands', () => {
    const attrs: Record<string, string> = { 'data-aisle-event': 'add-to-cart', 'data-aisle-product': 'sku-9', 'data-aisle-quantity': '3' };
    expect(commandFromAttributes((n) => attrs[n] ?? null)).toEqual({ name: 'track', type: 'add-to-cart', itemId: 'sku-9', quantity: 3, price: null });
    expect(commandFromAttributes(() => null)).toBeNull();
    expect(commandFromAttributes((n) => (n === 'data-aisle-event' ? 'view' : null))).toMatch(/product's id/);
  });
});
