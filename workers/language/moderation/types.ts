import type { ModerationCategory, ModerationSpan } from '../../../src/shared/moderation.ts';

/**
 * One thing a rule found: a span of the original text, its category, and how sure the rule is (0..1). Rules find the
 * rule categories, and also feed the learned ones (profanity and insults for toxic, slurs for hate, scam wording for
 * spam), where the category's score is the higher of the classifier's and the rules'.
 */
export interface RuleFinding extends ModerationSpan {
  category: ModerationCategory;
  confidence: number;
}

/**
 * The classifier the engine calls: one object per input text with a probability (0..1) per label, e.g.
 * `{ toxic: 0.02, hate: 0.01, spam: 0.97 }`. Built from a Transformers.js pipeline by `classifierFromPipeline`, or
 * by `loadNodeClassifier` in Node. Throwing (or returning something malformed) makes moderation hold the text.
 */
export type TextClassifier = (texts: string[]) => Promise<Array<Record<string, number>>>;
