/**
 * Training requests generated from the catalog in use: every template of templates.ts filled with the catalog's own
 * category words (English, and the Chinese words whose lexicon glosses name them), brands, colours, sizes and prices
 * written the many ways shoppers write them, then roughened as shoppers type (no punctuation, lower case, a typo, a
 * filler word). Deterministic for a seed.
 */
import type { Intent } from '../../../src/shared/protocol/assistant.ts';
import { tokenize } from '../../../src/shared/text/tokenize.ts';
import type { CatalogTerms } from '../../../workers/assistant/terms.ts';
import { grammarRequests, noisify, policyQuestionRequests } from './paraphrase.ts';
import { TEMPLATES } from './templates.ts';

export interface Generated {
  text: string;
  intent: Intent;
}

export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const HAN = /\p{Script=Han}/u;

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}

function amount(r: () => number): number {
  return pick(r, [199, 250, 300, 399, 500, 500, 700, 800, 999, 1000, 1000, 1200, 1500, 2000, 2000, 2500, 3000, 5000, 10000]);
}

function priceEn(r: () => number): string {
  const a = amount(r);
  const n = pick(r, [String(a), String(a), a >= 1000 && a % 1000 === 0 ? `${a / 1000}k` : String(a), a.toLocaleString('en-IN')]);
  return pick(r, [
    `under ${n}`, `under rs ${n}`, `below ${n}`, `below rs. ${n}`, `less than ${n}`, `within ${n}`, `upto ${n}`, `up to ${n} rupees`, `under ₹${n}`, `max ${n}`,
    `around ${n}`, `about rs ${n}`, `${n} rupees`, `rs ${n}`, `over ${n}`, `above ${n}`, `more than rs ${n}`, `between ${a} and ${a * 2}`, `${a}-${a * 2}`,
    `from ${a} to ${a * 2} rs`, `budget ${n}`, `under ${n} inr`, `not more than ${n}`, `under ${n} rs`,
  ]);
}

function priceZh(r: () => number): string {
  const a = amount(r);
  const n = pick(r, [String(a), String(a), a === 2000 ? '两千' : a === 1000 ? '一千' : a === 500 ? '五百' : String(a)]);
  return pick(r, [`${n}元以内`, `${n}以内`, `${n}块以内`, `${n}元以下`, `${n}块左右`, `${n}元左右`, `不超过${n}元`, `低于${n}`, `${n}以上`, `${n}元以上`, `${a}到${a * 2}元`, `${a}-${a * 2}块`, `预算${n}`, `${n}块钱以内`, `在${a}到${a * 2}之间`]);
}

const SORT_EN = ['cheapest', 'lowest price', 'most expensive', 'best rated', 'top rated', 'most popular', 'price low to high', 'high to low'];
const SORT_ZH = ['最便宜', '最便宜的', '最贵', '评分最高', '好评', '最受欢迎', '价格从低到高', '价格从高到低', '热销'];
const ORDINAL = ['first', 'second', 'third', 'last', '1st', '2nd', '3rd'];
const FILLERS_EN = ['pls', 'please', 'plz', 'hey', 'ok', 'umm', 'can you', 'quick', 'now'];
const FILLERS_ZH = ['请问', '麻烦', '帮我', '你好', '嗯', '呢', '吧', '啊'];

function typo(r: () => number, word: string): string {
  if (word.length < 5 || HAN.test(word)) return word;
  const i = 1 + Math.floor(r() * (word.length - 2));
  switch (Math.floor(r() * 3)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    default:
      return word.slice(0, i) + word[i] + word.slice(i);
  }
}

export function roughen(r: () => number, text: string): string {
  let s = text;
  if (r() < 0.3) s = s.replace(/[?!.,，。？！]/g, '');
  if (r() < 0.5) s = s.toLowerCase();
  if (r() < 0.2) {
    const words = s.split(' ');
    const k = Math.floor(r() * words.length);
    words[k] = typo(r, words[k]);
    s = words.join(' ');
  }
  if (r() < 0.12) s = HAN.test(s) ? `${pick(r, FILLERS_ZH)}${s}` : `${pick(r, FILLERS_EN)} ${s}`;
  if (r() < 0.1) s += pick(r, ['?', '??', '!', ' pls', ' 吗', '。']);
  return s.replace(/\s+/g, ' ').trim();
}

export interface GenerateOptions {
  /** Requests per intent from the grammars of paraphrase.ts (0: templates only). */
  grammarPerIntent?: number;
  /** The shop's own policy questions (its policy file's headings), each in paraphrase frames. */
  policyQuestions?: string[];
  perPolicyQuestion?: number;
}

export function generate(terms: CatalogTerms, perTemplate: number, seed = 7, options: GenerateOptions = {}): Generated[] {
  const r = rng(seed);
  const enCats: string[] = [];
  for (const list of terms.categoryWords.values()) for (const c of list) enCats.push(c.path[c.path.length - 1].toLowerCase());
  const zhCats = [...terms.zhCategories.keys()].filter((w) => w.length <= 4);
  const brands = [...terms.brands.values()];
  const colors = [...terms.colors];
  const zhColors = [...terms.zhColors.keys()].filter((w) => w.endsWith('色'));
  const sizes = ['S', 'M', 'L', 'XL', 'XXL', '6', '7', '8', '9', '10', '12', 'free'];
  const out: Generated[] = [];
  // Templates (each several times), then the grammars' and the policy file's requests (each once, already varied).
  const sources: Array<[Intent, string, number]> = [];
  for (const [intent, templates] of Object.entries(TEMPLATES) as Array<[Intent, string[]]>) {
    for (const template of templates) sources.push([intent, template, template.includes('{') ? perTemplate : Math.max(2, Math.ceil(perTemplate / 4))]);
  }
  for (const g of grammarRequests(r, options.grammarPerIntent ?? 0)) sources.push([g.intent, g.text, 1]);
  for (const g of policyQuestionRequests(r, options.policyQuestions ?? [], options.perPolicyQuestion ?? 0)) sources.push([g.intent, g.text, 1]);
  {
    for (const [intent, template, n] of sources) {
      const zh = HAN.test(template);
      for (let k = 0; k < n; k++) {
        const mixed = r() < 0.25;
        const text = template
          .replace(/\{cat\}/g, () => (zh !== mixed ? pick(r, zhCats) : pick(r, enCats)))
          .replace(/\{brand\}/g, () => pick(r, brands))
          .replace(/\{color\}/g, () => (zh !== mixed ? pick(r, zhColors) : pick(r, colors)))
          .replace(/\{price\}/g, () => (zh !== mixed ? priceZh(r) : priceEn(r)))
          .replace(/\{sort\}/g, () => (zh ? pick(r, SORT_ZH) : pick(r, SORT_EN)))
          .replace(/\{size\}/g, () => pick(r, sizes))
          .replace(/\{n\}/g, () => pick(r, ORDINAL));
        out.push({ text: noisify(r, roughen(r, text)), intent });
      }
    }
  }
  return out;
}

/** Words of a text, for checking that no test request was generated word for word. */
export function wordKey(text: string): string {
  return tokenize(text).join(' ');
}
