/**
 * The learned half of moderation: how the bundled classifier (models/aisle-moderation-v1) is loaded with
 * Transformers.js and wrapped as a `TextClassifier`. Works in a module Worker and in Node; nothing here touches the
 * DOM or Node built-ins. Loading is local only: `env.allowRemoteModels = false`, so a missing file fails loudly and
 * never turns into a request to a model hub.
 */
import type { DeviceType, ProgressCallback } from '@huggingface/transformers';
import { ModelLoadError, describeError } from '../../../src/shared/errors.ts';
import { retryableOnce } from '../../../src/shared/retryable.ts';
import { LEARNED_CATEGORIES } from '../../../src/shared/moderation.ts';
import { MODERATION_MODEL_ID } from './constants.ts';
import { canonicalText } from './normalise.ts';
import type { TextClassifier } from './types.ts';

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/**
 * The text the model reads, in the app and in training (training/tokenize-data.mjs calls this very function on every
 * training text): HTML entities decoded, then the canonical text every moderation check reads (normalise.ts: NFKC,
 * invisible characters removed, confusables folded, digits of every script as ASCII, lower case), @handles replaced by
 * "@user", whitespace collapsed.
 */
export function normaliseForClassifier(text: string): string {
  return canonicalText(unescapeHtml(unescapeHtml(text)))
    .text.replace(/@[\p{L}\p{N}_]{1,30}/gu, '@user')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The part of a Transformers.js text-classification pipeline used here. */
export type TextClassificationPipelineLike = (texts: string[], options: { top_k: null }) => Promise<unknown>;

/**
 * Wraps a Transformers.js `pipeline('text-classification', ...)` of a multi-label model (config.json
 * problem_type multi_label_classification, so the pipeline applies a sigmoid per label) as a TextClassifier.
 * Texts are normalised as in training. Output that is not one {label, score} list per text throws.
 */
export function classifierFromPipeline(pipe: TextClassificationPipelineLike): TextClassifier {
  return async (texts) => {
    if (texts.length === 0) return [];
    const raw = await pipe(texts.map(normaliseForClassifier), { top_k: null });
    if (!Array.isArray(raw) || raw.length !== texts.length) {
      throw new ModelLoadError(`The moderation model returned ${Array.isArray(raw) ? raw.length : typeof raw} results for ${texts.length} texts.`);
    }
    return raw.map((perText: unknown) => {
      // A single text comes back as a flat list of {label, score} in some versions; a batch as a list of lists.
      const list = Array.isArray(perText) ? perText : [perText];
      const scores: Record<string, number> = {};
      for (const item of list as Array<{ label?: unknown; score?: unknown }>) {
        if (typeof item?.label !== 'string' || typeof item.score !== 'number') {
          throw new ModelLoadError('The moderation model returned a result without a label and a score.');
        }
        scores[item.label] = item.score;
      }
      return scores;
    });
  };
}

export interface LoadClassifierOptions {
  /**
   * Where model folders live: a root-relative URL path in the browser ('/models/' or '/sub/path/models/'; a full
   * http URL breaks the tokenizer load) or an absolute folder path in Node.
   */
  localModelPath: string;
  modelId?: string;
  /** 'wasm' (browser default), 'webgpu', or 'cpu' (Node, onnxruntime-node). */
  device?: DeviceType;
  progressCallback?: ProgressCallback;
  /**
   * Browser only: the app's own copies of onnxruntime-web's wasm runtime (Vite `?url` imports of
   * onnxruntime-web/ort-wasm-simd-threaded.asyncify.{mjs,wasm}). Without them Transformers.js would fetch the
   * runtime from a CDN. Leave unset when the language worker already configured `env.backends.onnx.wasm.wasmPaths`.
   */
  onnxWasmPaths?: { mjs: string; wasm: string };
}

/**
 * Loads the classifier with Transformers.js (dtype fp32, local files only), runs one warm-up inference, and returns
 * it. Throws ModelLoadError with a message a person can act on.
 */
export async function loadTransformersClassifier(options: LoadClassifierOptions): Promise<TextClassifier> {
  const modelId = options.modelId ?? MODERATION_MODEL_ID;
  try {
    const { env, pipeline } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = options.localModelPath;
    env.useFSCache = false;
    if (options.onnxWasmPaths) {
      const wasm = env.backends.onnx.wasm;
      if (!wasm) throw new Error('this build of Transformers.js has no onnxruntime-web wasm backend');
      wasm.wasmPaths = options.onnxWasmPaths;
    }
    const pipe = await pipeline('text-classification', modelId, {
      dtype: 'fp32',
      device: options.device,
      ...(options.progressCallback ? { progress_callback: options.progressCallback } : {}),
    });
    const classifier = classifierFromPipeline(pipe as unknown as TextClassificationPipelineLike);
    const [warm] = await classifier(['Thanks, the parcel arrived today.']);
    for (const label of LEARNED_CATEGORIES) {
      if (typeof warm?.[label] !== 'number') {
        throw new Error(`its config.json has no "${label}" label (found: ${Object.keys(warm ?? {}).join(', ') || 'none'})`);
      }
    }
    return classifier;
  } catch (err) {
    throw new ModelLoadError(
      `The moderation model "${modelId}" could not be loaded from ${options.localModelPath}: ${describeError(err)}. ` +
        'Check that the app was built with its models/ folder (npm run build copies it), then reload.',
    );
  }
}

/**
 * One load at a time, kept once it succeeds and forgotten when it fails, so the next call retries (a flaky first
 * load does not disable moderation for the session; it holds texts until a load works). Pass the result as
 * `moderateText(text, { classifier: loader })`.
 */
export function createClassifierLoader(load: () => Promise<TextClassifier>): { load(): Promise<TextClassifier>; reset(): void } {
  return retryableOnce(load);
}
