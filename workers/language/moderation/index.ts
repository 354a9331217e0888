/**
 * Text moderation, the public surface for the language worker and the Node tools:
 * - the app's language worker (workers/language.worker.ts) loads the classifier through its verified model store
 *   (`loadPipeline`) and wraps it with `classifierFromPipeline`, behind `createClassifierLoader` (fails closed);
 * - Node tools (eval:moderation, bench:moderation, unit tests) use `loadNodeClassifier`
 *   (scripts/moderation/node-classifier.ts), which calls `loadTransformersClassifier` on the repository's models/.
 * Both then call `moderateText`/`moderateTexts`/`checkRules`.
 *
 * Results are plain data (src/shared/moderation.ts); a 'hold' decision means "do not post, show result.held.message".
 */
export { checkRules, chunkForClassifier, HOLD_MESSAGE, maskNumbers, moderateText, moderateTexts, unreadMessage, type ModerateOptions } from './moderate.ts';
export { classifierFromPipeline, createClassifierLoader, loadTransformersClassifier, normaliseForClassifier, type LoadClassifierOptions, type TextClassificationPipelineLike } from './classifier.ts';
export { resolveModerationConfig } from './config.ts';
export { canonicalText, normaliseViews, unreadLetters, type MappedText, type NormalisedViews } from './normalise.ts';
export { CATEGORY_LABELS, DEFAULT_PROHIBITED, DEFAULT_THRESHOLDS, MODERATION_MODEL_ID, MODERATION_PRESETS } from './constants.ts';
export type { RuleFinding, TextClassifier } from './types.ts';
