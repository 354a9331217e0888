/**
 * The embed's configuration: the `data-*` attributes of its script tag, checked, with a message for each problem
 * that says what to write instead. Pure (no DOM): the loader calls it with the tag's dataset and URL, and
 * tests/unit/embed/config.test.ts runs it in Node.
 *
 *   data-catalog      (required) the store's catalog file (JSON or CSV, the format of the Store screen), absolute or
 *                     relative to the page
 *   data-models       where the bundled models are (default: models/ beside the embed folder on the static host)
 *   data-theme        light | dark | auto (default light)
 *   data-consent      none | required (default none): with required, nothing is stored until the shopper agrees
 *   data-product-url  a product's link on the store, with {id} for its id (default: #product-{id})
 *   data-lang         en | zh (default: the page's <html lang>, else the browser's)
 *   data-policies     the store's policy/FAQ file for <aisle-assistant>, Markdown or JSON (default: policies.md beside
 *                     the catalog)
 *   data-assistant-model   a writing model <aisle-assistant> offers the shopper, as its hub page
 *                     (https://huggingface.co/org/model); the shopper sees the host and size and says yes before any
 *                     download (default: the models manifest's "assistantModel", else none)
 *   data-assistant-weights the ONNX weights file of that model (default onnx/model_quantized.onnx)
 */
import { suggestionFromAddress, type SuggestedGenerator } from '../shared/generator-suggestion.ts';

export type Theme = 'light' | 'dark' | 'auto';
export type ConsentMode = 'none' | 'required';

export interface EmbedConfig {
  catalog: string;
  models: string;
  theme: Theme;
  consent: ConsentMode;
  productUrl: string;
  lang: 'en' | 'zh' | null;
  /** The policy/FAQ file the assistant answers from. */
  policies: string;
  /** The folder the loader was served from (its runtime, workers and styles are there). */
  base: string;
  /** The writing model the assistant offers (data-assistant-model), or null. */
  assistantModel: SuggestedGenerator | null;
}

const THEMES: readonly Theme[] = ['light', 'dark', 'auto'];
const CONSENT: readonly ConsentMode[] = ['none', 'required'];

/** `dataset`: the script tag's data-* values; `scriptUrl`: its src; `pageUrl`: the page's base URL. */
export function readConfig(dataset: Record<string, string | undefined>, scriptUrl: string, pageUrl: string): { config: EmbedConfig | null; errors: string[] } {
  const errors: string[] = [];
  const url = (name: string, value: string | undefined, base: string): string | null => {
    if (value === undefined || value.trim() === '') return null;
    if (/[\\\s]/.test(value.trim()) || /[\u0000-\u001f\u007f]/.test(value)) {
      errors.push(`data-${name}="${value}" is not a plain web address (it has a backslash, a space or a control character); write it as https://host/path.`);
      return null;
    }
    try {
      const u = new URL(value.trim(), base);
      if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not http');
      return u.href;
    } catch {
      errors.push(`data-${name}="${value}" is not a web address; write it as https://host/path or a path on this site.`);
      return null;
    }
  };
  const choice = <T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
    if (value === undefined || value === '') return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    errors.push(`data-${name}="${value}" is not one of ${allowed.join(', ')}; using ${fallback}.`);
    return fallback;
  };

  const base = new URL('./', scriptUrl).href;
  const catalog = url('catalog', dataset.catalog, pageUrl);
  if (!catalog && dataset.catalog === undefined) errors.push('data-catalog is missing on the script tag: add data-catalog="https://your-store.example/catalog.json" (the file the widgets recommend from). Nothing is shown without it.');
  else if (!catalog && !errors.length) errors.push('data-catalog is empty: give the URL of the store\'s catalog file. Nothing is shown without it.');
  const models = url('models', dataset.models, pageUrl) ?? new URL('../models/', base).href;
  const theme = choice('theme', dataset.theme, THEMES, 'light');
  const consent = choice('consent', dataset.consent, CONSENT, 'none');
  let productUrl = dataset.productUrl ?? '#product-{id}';
  if (!productUrl.includes('{id}')) {
    errors.push(`data-product-url="${productUrl}" has no {id} in it; write where a product's page is, as /products/{id}. Using #product-{id}.`);
    productUrl = '#product-{id}';
  } else if (/^\s*(javascript|data|vbscript):/i.test(productUrl)) {
    errors.push(`data-product-url="${productUrl}" is not a web address; write it as /products/{id}. Using #product-{id}.`);
    productUrl = '#product-{id}';
  }
  const lang = dataset.lang === undefined || dataset.lang === '' ? null : choice('lang', dataset.lang, ['en', 'zh'] as const, 'en');
  const policies = url('policies', dataset.policies, pageUrl);
  let assistantModel: SuggestedGenerator | null = null;
  if (dataset.assistantModel?.trim()) {
    const s = suggestionFromAddress(dataset.assistantModel, dataset.assistantWeights);
    if (s instanceof Error) errors.push(`data-assistant-model: ${s.message} The assistant offers no writing model.`);
    else assistantModel = s;
  } else if (dataset.assistantWeights !== undefined) errors.push('data-assistant-weights is set without data-assistant-model; add the model\'s hub address, as data-assistant-model="https://huggingface.co/org/model".');
  if (!catalog) return { config: null, errors };
  return { config: { catalog, models, theme, consent, productUrl, lang, policies: policies ?? new URL('policies.md', catalog).href, base, assistantModel }, errors };
}

/** A product's link on the store: the template with the id encoded (never a script URL). */
export function productLink(template: string, id: string, pageUrl: string): string {
  const href = template.split('{id}').join(encodeURIComponent(id));
  try {
    const u = new URL(href, pageUrl);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : '#';
  } catch {
    return '#';
  }
}

/** The shelves `<aisle-recommendations kind="…">` offers. */
export const KINDS = ['for-you', 'similar', 'bought-together', 'trending', 'recently-viewed'] as const;
export type EmbedKind = (typeof KINDS)[number];

export interface ShelfAttributes {
  kind: EmbedKind;
  product: string | null;
  limit: number;
  layout: 'carousel' | 'grid';
  title: string | null;
}

/** An `<aisle-recommendations>` element's attributes, checked (problems come back as messages; defaults are used). */
export function readShelfAttributes(get: (name: string) => string | null): { attrs: ShelfAttributes; errors: string[] } {
  const errors: string[] = [];
  const rawKind = get('kind') ?? 'for-you';
  let kind = (KINDS as readonly string[]).includes(rawKind) ? (rawKind as EmbedKind) : null;
  if (!kind) {
    errors.push(`<aisle-recommendations kind="${rawKind}">: kind must be one of ${KINDS.join(', ')}; using trending.`);
    kind = 'trending';
  }
  const product = get('product')?.trim() || null;
  if ((kind === 'similar' || kind === 'bought-together') && !product) errors.push(`<aisle-recommendations kind="${kind}"> needs product="<the product's id>"; it shows nothing without one.`);
  const rawLimit = get('limit');
  let limit = 8;
  if (rawLimit !== null) {
    const n = Number(rawLimit);
    if (Number.isInteger(n) && n >= 1 && n <= 24) limit = n;
    else errors.push(`<aisle-recommendations limit="${rawLimit}">: limit must be a whole number from 1 to 24; using 8.`);
  }
  const rawLayout = get('layout') ?? 'carousel';
  let layout: 'carousel' | 'grid' = 'carousel';
  if (rawLayout === 'grid' || rawLayout === 'carousel') layout = rawLayout;
  else errors.push(`<aisle-recommendations layout="${rawLayout}">: layout must be carousel or grid; using carousel.`);
  const title = get('title')?.trim() || null;
  return { attrs: { kind, product, limit, layout, title }, errors };
}

/** A command of the `window.aisle` queue, checked. */
export type Command =
  | { name: 'track'; type: 'view' | 'click' | 'add-to-cart' | 'remove-from-cart' | 'purchase'; itemId: string; quantity: number; price: number | null }
  | { name: 'consent'; granted: boolean }
  | { name: 'open-data' };

export const TRACKED = ['view', 'click', 'add-to-cart', 'remove-from-cart', 'purchase'] as const;

/** Reads one pushed command (`['track', 'view', 'sku-1']`, `['consent', true]`, `['openData']`), or says what is wrong. */
export function readCommand(raw: unknown): Command | string {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string') return `aisle.push(${safe(raw)}): a command is a list such as ['track', 'view', 'sku-1'].`;
  const [name, ...args] = raw as [string, ...unknown[]];
  if (name === 'track') {
    const [type, itemId, quantity = 1, price = null] = args;
    if (typeof type !== 'string' || !(TRACKED as readonly string[]).includes(type)) return `aisle.push(['track', ${safe(type)}, …]): the event must be one of ${TRACKED.join(', ')}.`;
    if (typeof itemId !== 'string' || itemId.trim() === '' || itemId.length > 200) return `aisle.push(['track', '${type}', ${safe(itemId)}]): give the product's id (text) as the third value.`;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1 || quantity > 999) return `aisle.push(['track', '${type}', '${itemId}', ${safe(quantity)}]): a quantity is a whole number from 1 to 999.`;
    if (price !== null && (typeof price !== 'number' || !Number.isFinite(price) || price < 0 || price > 1e10)) return `aisle.push(['track', '${type}', '${itemId}', ${quantity}, ${safe(price)}]): a price is a number of at least 0.`;
    return { name: 'track', type: type as Extract<Command, { name: 'track' }>['type'], itemId: itemId.trim(), quantity, price };
  }
  if (name === 'consent') {
    if (typeof args[0] !== 'boolean') return `aisle.push(['consent', ${safe(args[0])}]): give true (the shopper agreed) or false.`;
    return { name: 'consent', granted: args[0] };
  }
  if (name === 'openData') return { name: 'open-data' };
  return `aisle.push(['${name.slice(0, 40)}', …]): unknown command; the commands are track, consent and openData.`;
}

/** `aisle-event="…" aisle-product="…"` read from a merchant's button (data-aisle-*), as a command, or null. */
export function commandFromAttributes(get: (name: string) => string | null): Command | string | null {
  const type = get('data-aisle-event');
  if (type === null) return null;
  const quantity = get('data-aisle-quantity');
  const price = get('data-aisle-price');
  return readCommand(['track', type, get('data-aisle-product'), quantity === null ? 1 : Number(quantity), price === null ? null : Number(price)]);
}

function safe(v: unknown): string {
  try {
    return (JSON.stringify(v) ?? String(v)).slice(0, 60);
  } catch {
    return String(v).slice(0, 60);
  }
}
