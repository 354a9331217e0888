/**
 * The shopping assistant's types, shared by the page and the recommender worker that answers (its `assistantApi`),
 * and by the Node CLIs (eval:assistant, bench:assistant). An answer is a list of blocks made of tool results only
 * (catalog, policy documents, the shopper's own history); the page turns each block into words in the shopper's
 * language (src/app/i18n/assistant.ts), so no sentence of an answer is written in the worker.
 */
import type { ModerationCategory } from '../moderation.ts';
import type { Reason } from '../reasons.ts';

export const INTENTS = ['search', 'recommend', 'compare', 'faq', 'product_question', 'cart', 'orders', 'explain', 'greeting', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

export type SortOrder = 'price_asc' | 'price_desc' | 'rating';

/** What a request asks for, in the catalog's own names. */
export interface Constraints {
  /** A top-level category of the catalog. */
  category?: string;
  /** The deepest category path the request names (root first), when it names one below the top level. */
  categoryPath?: string[];
  /** The kind of thing, as the catalog's category names write it (an English word: "watch", "dress"). */
  kind?: string;
  /** A brand as the catalog writes it. */
  brand?: string;
  /** A colour word in English, lower case ("black"), as the catalog's attributes use it. */
  color?: string;
  size?: string;
  /** Inclusive bounds, in the catalog's currency. */
  priceMin?: number;
  priceMax?: number;
  sort?: SortOrder;
  /** "cheaper ones?": below the prices of the products the previous answer showed. */
  cheaper?: boolean;
  /** The words left to search for, once the slots above are taken out ("cotton", "analog"). */
  words?: string;
  /**
   * The Chinese words a Chinese request named the category and colour with (lexicon words the slots matched to the
   * catalog's names, never other text of the request), so an answer in Chinese names them in Chinese.
   */
  zh?: { category?: string; color?: string };
}

/** What the assistant understood of one request, with the previous turn taken into account. */
export interface Understanding {
  intent: Intent;
  /** The intent model's probability for `intent` (1 for a rule's decision). */
  confidence: number;
  constraints: Constraints;
  /** Positions (0-based) into the previous answer's products the request points at ("the second one", "第一个"). */
  refers: number[];
  /** True when the request refines the previous one ("cheaper ones?", "in black?"). */
  followUp: boolean;
  /** What the request refers to in the shopper's history: the last thing viewed or the last order. */
  history?: 'viewed' | 'ordered';
  /** "order that again", "add it to my cart". */
  action?: 'add' | 'reorder';
  /** The language the request is written in. */
  language: 'en' | 'zh';
}

/** The assistant's memory of the conversation, returned with each reply and sent back with the next request. */
export interface ChatContext {
  constraints: Constraints;
  /** The products the last answer showed, in order. */
  shown: string[];
  intent: Intent | null;
}

export const EMPTY_CONTEXT: ChatContext = { constraints: {}, shown: [], intent: null };

/** A product as an answer shows it: every field is the catalog's. */
export interface AnswerProduct {
  id: string;
  title: string;
  brand: string | null;
  price: number;
  listPrice: number | null;
  currency: string;
  image: string | null;
  categoryPath: string[];
  rating: number | null;
  inStock: boolean;
  /** The attributes that matched the request, or the product's main ones. */
  attributes: Array<[string, string]>;
}

export interface PolicyEntry {
  id: string;
  /** The entry's question or heading, as the document writes it. */
  question: string;
  answer: string;
  /** The document it came from (its file name or title). */
  source: string;
}

/** One piece of an answer: each is rendered by the page from its data, in the shopper's language. */
export type AnswerBlock =
  | { kind: 'found'; total: number; shown: number; constraints: Constraints }
  | { kind: 'none'; constraints: Constraints }
  /** Nothing matched every constraint; these match with `relaxed` left out. */
  | { kind: 'relaxed'; relaxed: keyof Constraints; total: number; constraints: Constraints }
  | { kind: 'products'; products: AnswerProduct[] }
  | { kind: 'compare'; products: AnswerProduct[]; rows: Array<{ attribute: string; values: string[] }> }
  | { kind: 'policy'; entry: PolicyEntry; score: number }
  | { kind: 'no-policy' }
  | { kind: 'spec'; product: AnswerProduct; description: string; attributes: Array<[string, string]> }
  | { kind: 'orders'; orders: Array<{ orderId: string; at: number; lines: Array<{ product: AnswerProduct; quantity: number; price: number }> }> }
  | { kind: 'no-orders' }
  | { kind: 'viewed'; at: number; product: AnswerProduct }
  | { kind: 'no-history' }
  | { kind: 'add-to-cart'; products: AnswerProduct[] }
  /** `reason`: why the recommender shows it, as a code the page words in the shopper's language (null: no ranking names it). */
  | { kind: 'explain'; product: AnswerProduct; reason: Reason | null; because: AnswerProduct[] }
  | { kind: 'need-products' }
  | { kind: 'greeting' }
  | { kind: 'help' }
  /** Parts of this answer left out by moderation (src/shared/answer-moderation.ts): how many, and the categories (none: not checked). */
  | { kind: 'withheld'; parts: number; categories: ModerationCategory[] };

export type Suggestion =
  | { kind: 'cheaper' }
  | { kind: 'color'; color: string }
  | { kind: 'compare' }
  | { kind: 'details'; index: number }
  | { kind: 'category'; category: string }
  | { kind: 'policy'; question: string }
  | { kind: 'orders' };

export interface AssistRequest {
  text: string;
  context: ChatContext;
  /** Re-rank by the shopper's interests (off in non-personalised mode). */
  personal?: boolean;
}

export interface AssistReply {
  understanding: Understanding;
  blocks: AnswerBlock[];
  suggestions: Suggestion[];
  context: ChatContext;
  tookMs: number;
}

/** A merchant's policy document: Markdown (each heading or bold question an entry) or JSON. */
export interface PolicyDocument {
  name: string;
  format: 'markdown' | 'json';
  text: string;
}
