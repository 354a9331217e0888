/**
 * Text moderation, the public surface for the language worker (and Node tools). Typical wiring in a worker:
 *
 *   import ortMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
 *   import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
 *   const classifier = createClassifierLoader(() =>
 *     loadTransformersClassifier({ localModelPath: '/models/', device: 'wasm', onnxWasmPaths: { mjs: ortMjs, wasm: ortWasm } }));
 *   const api = {
 *     moderate: (text: string, config?: ModerationConfigInput) => moderateText(text, { classifier, config }),
 *     moderateMany: (texts: string[], config?: ModerationConfigInput) => moderateTexts(texts, { classifier, config }),
 *     checkRules: (text: string, config?: ModerationConfigInput) => checkRules(text, config),
 *   };
 *
 * Results are plain data (src/shared/moderation.ts); a 'hold' decision means "do not post, show result.held.message".
 */
export { checkRules, chunkForClassifier, HOLD_MESSAGE, moderateText, moderateTexts, type ModerateOptions } from './moderate.ts';
export { classifierFromPipeline, createClassifierLoader, loadTransformersClassifier, normaliseForClassifier, type LoadClassifierOptions, type TextClassificationPipelineLike } from './classifier.ts';
export { resolveModerationConfig } from './config.ts';
export { CATEGORY_LABELS, DEFAULT_PROHIBITED, DEFAULT_THRESHOLDS, MODERATION_MODEL_ID, MODERATION_PRESETS } from './constants.ts';
export type { RuleFinding, TextClassifier } from './types.ts';
