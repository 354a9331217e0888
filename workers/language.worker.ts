/**
 * The language worker: Transformers.js models (the sentence encoder for search and item features; the moderation
 * classifier). Its API type is the protocol. Models load lazily, from the app's own files unless a remote source was
 * chosen, and every file is verified (workers/language/model-store.ts).
 */
import { expose, releaseProxy, type ProxyOrClone } from 'comlink';
import type { ProgressInfo } from '@huggingface/transformers';
import { announce, ChangeKind } from '../src/storage/changes.ts';
import type { ProductSource } from '../src/shared/catalog/types.ts';
import { productsOf } from '../src/storage/catalogs.ts';
import { DEFAULT_ENCODER, type DownloadPlan, type LoadedModelInfo, type ModelSpec } from '../src/shared/models.ts';
import type { CatalogEmbeddingReport, DevicePreference, LanguageStatus, ModerationPreset } from '../src/shared/protocol/language.ts';
import { embedCatalog } from './language/catalog-embeddings.ts';
import { chooseDevice } from './language/device.ts';
import { embedTexts, wordKnower, type FeatureExtractor, type WordPieceTokenizer } from './language/encoder.ts';
import { encoderView, type EncoderView, type QueryUnderstanding, type WordKnowledge } from '../src/shared/text/query.ts';
import { ModelStore } from './language/model-store.ts';
import { configureTransformers, loadedPipelines, loadPipeline, unloadPipeline } from './language/pipelines.ts';
import { classifierFromPipeline, checkRules, createClassifierLoader, moderateTexts, MODERATION_MODEL_ID, MODERATION_PRESETS, type TextClassificationPipelineLike } from './language/moderation/index.ts';
import type { CategoryResult, ModerationConfigInput, ModerationResult } from '../src/shared/moderation.ts';
import { InterruptableStoppingCriteria } from '@huggingface/transformers';
import { weightsDtype, type GenerateEvent, type GenerateRequest, type GenerateSummary } from '../src/shared/assistant-generation.ts';
import { writeAnswer, type TextGenerationPipelineLike } from './language/generator.ts';

let store: ModelStore | null = null;
let devicePreference: DevicePreference = 'auto';

function requireStore(): ModelStore {
  if (!store) throw new Error('The language worker is not configured: call configure() first.');
  return store;
}

type Progress = ProxyOrClone<(info: ProgressInfo) => void> | undefined;

/** Lets the page's side of a proxied callback go once the call that used it is over. */
function release(callback: unknown): void {
  (callback as { [releaseProxy]?: () => void } | undefined)?.[releaseProxy]?.();
}

async function encoder(spec: ModelSpec, approved = false, onProgress?: Progress): Promise<{ extract: FeatureExtractor; info: LoadedModelInfo }> {
  const loaded = await loadPipeline('feature-extraction', spec, {
    device: devicePreference,
    approved,
    onProgress: onProgress ? (i) => void onProgress(i) : undefined,
    warmup: ['warm up'],
  });
  return { extract: loaded.run as FeatureExtractor, info: loaded.info };
}

/** How well each loaded encoder knows a word, per pipeline (its tokenizer says). */
const knowers = new WeakMap<object, (word: string) => WordKnowledge>();

function knowerOf(extract: FeatureExtractor): (word: string) => WordKnowledge {
  let knows = knowers.get(extract);
  if (!knows) {
    const tokenizer = (extract as unknown as { tokenizer?: WordPieceTokenizer }).tokenizer;
    if (!tokenizer) throw new Error('This encoder pipeline has no tokenizer: search by meaning cannot tell which words it knows.');
    knows = wordKnower(tokenizer);
    knowers.set(extract, knows);
  }
  return knows;
}

const MODERATION_MODEL: ModelSpec = { id: MODERATION_MODEL_ID, source: 'bundled' };

function withPreset(preset: ModerationPreset, config?: ModerationConfigInput): ModerationConfigInput {
  const base = MODERATION_PRESETS[preset] as ModerationConfigInput;
  return { ...base, ...config, thresholds: { ...base.thresholds, ...config?.thresholds } };
}

/** The moderation classifier, loaded through the same verified store; a failed load is retried on the next check. */
const classifier = createClassifierLoader(async () => {
  const loaded = await loadPipeline('text-classification', MODERATION_MODEL, { device: devicePreference, warmup: ['Thanks, the parcel arrived today.'] });
  return classifierFromPipeline(loaded.run as TextClassificationPipelineLike);
});

/** The assistant's generative model (a remote model the shopper said yes to), loaded once like the others. */
async function generator(spec: ModelSpec, approved: boolean, onProgress?: (info: ProgressInfo) => void): Promise<{ gen: TextGenerationPipelineLike; info: LoadedModelInfo }> {
  const loaded = await loadPipeline('text-generation', spec, {
    device: devicePreference,
    approved,
    dtype: spec.source === 'remote' ? weightsDtype(spec) : 'fp32',
    onProgress,
    warmup: [{ role: 'user', content: 'Hi' }],
    warmupOptions: { max_new_tokens: 1, do_sample: false },
  });
  return { gen: loaded.run as unknown as TextGenerationPipelineLike, info: loaded.info };
}

/** The answer being written now, so that Stop can interrupt it. */
let writing: InterruptableStoppingCriteria | null = null;

const api = {
  /** `modelsBase`: absolute URL of the app's models/ folder. */
  async configure(modelsBase: string, preference: DevicePreference = 'auto'): Promise<void> {
    store = new ModelStore({ modelsBase });
    devicePreference = preference;
    configureTransformers(store);
  },

  async status(): Promise<LanguageStatus> {
    return { device: await chooseDevice(devicePreference), models: await loadedPipelines() };
  },

  /** What loading a model would download (shown to the user before a remote download). */
  async plan(spec: ModelSpec): Promise<DownloadPlan> {
    return requireStore().plan(spec);
  },

  async loadEncoder(spec: ModelSpec = DEFAULT_ENCODER, approved = false, onProgress?: Progress): Promise<LoadedModelInfo> {
    try {
      return (await encoder(spec, approved, onProgress)).info;
    } finally {
      release(onProgress);
    }
  },

  /** Unit-length embeddings of the texts. */
  async embed(texts: string[], spec: ModelSpec = DEFAULT_ENCODER, approved = false): Promise<Float32Array[]> {
    const { extract } = await encoder(spec, approved);
    return embedTexts(extract, texts);
  },

  /**
   * The embedding of a search query as the recommender worker understood it: what the encoder should read (its
   * translations and synonyms where it does not know the shopper's words), or no vector when it does not know most of
   * them (src/shared/text/query.ts encoderView): then search by meaning stays out.
   */
  async embedQuery(understood: QueryUnderstanding, spec: ModelSpec = DEFAULT_ENCODER, approved = false): Promise<{ vector: Float32Array | null; view: EncoderView }> {
    const { extract } = await encoder(spec, approved);
    const view = encoderView(understood, knowerOf(extract));
    if (!view.usable) return { vector: null, view };
    const [vector] = await embedTexts(extract, [view.text]);
    return { vector, view };
  },

  /**
   * Embeds every product not yet in the cache; the recommender worker reads them from there. A stored catalog is read
   * here from IndexedDB (the page does not copy its products across).
   */
  async embedCatalog(source: ProductSource, spec: ModelSpec = DEFAULT_ENCODER, approved = false, onProgress?: ProxyOrClone<(done: number, total: number) => void>): Promise<CatalogEmbeddingReport & { model: string }> {
    try {
      const products = await productsOf(source);
      const report = await embedCatalog(async () => (await encoder(spec, approved)).extract, spec.id, products, onProgress ? (d, t) => void onProgress(d, t) : undefined);
      if (report.computed > 0) announce({ kind: ChangeKind.Embeddings, model: spec.id });
      return { ...report, model: spec.id };
    } finally {
      release(onProgress);
    }
  },

  /**
   * Moderates texts (reviews, questions, chat, listings): rules and the bundled classifier. Fails closed: if the
   * classifier cannot load or run, the decision is 'hold' with a message, never 'allow'.
   */
  async moderate(texts: string[], preset: ModerationPreset = 'review', config?: ModerationConfigInput): Promise<ModerationResult[]> {
    return moderateTexts(texts, { classifier, config: withPreset(preset, config), modelId: MODERATION_MODEL_ID });
  },

  /** The rule categories only, instantly (feedback while typing; never a verdict). */
  async checkRules(text: string, preset: ModerationPreset = 'review', config?: ModerationConfigInput): Promise<CategoryResult[]> {
    return checkRules(text, withPreset(preset, config));
  },

  /** Loads the moderation model now (so the first check is quick); rejects with what went wrong. */
  async loadModeration(): Promise<LoadedModelInfo> {
    await classifier.load();
    const infos = await loadedPipelines();
    return infos.find((i) => i.id === MODERATION_MODEL_ID)!;
  },

  /** Downloads (with the shopper's yes) and warms up the assistant's generative model. */
  async loadGenerator(spec: ModelSpec, approved = false, onProgress?: Progress): Promise<LoadedModelInfo> {
    try {
      return (await generator(spec, approved, onProgress ? (i) => void onProgress(i) : undefined)).info;
    } finally {
      release(onProgress);
    }
  },

  /**
   * Writes an answer with the generative model from the tool results in `request.messages`. Events: download
   * progress, the device, then each sentence that passed the grounding check and moderation, or that one was left out.
   */
  async generate(request: GenerateRequest, onEvent: ProxyOrClone<(e: GenerateEvent) => void>): Promise<GenerateSummary> {
    const stopper = new InterruptableStoppingCriteria();
    writing?.interrupt();
    writing = stopper;
    try {
      const emit = (e: GenerateEvent) => void onEvent(e);
      const { gen, info } = await generator(request.spec, request.approved, (p) => {
        if (p.status === 'progress') emit({ kind: 'progress', file: p.file, loaded: p.loaded, total: p.total });
      });
      emit({ kind: 'loaded', device: info.device, deviceReason: info.deviceReason, loadMs: info.loadMs });
      if (stopper.interrupted) return { tokens: 0, firstTokenMs: null, ms: 0, stopped: true, held: false, device: info.device };
      return await writeAnswer(gen, {
        messages: request.messages,
        grounding: request.grounding,
        maxNewTokens: request.maxNewTokens,
        moderate: async (text) => (await moderateTexts([text], { classifier, config: withPreset('chat'), modelId: MODERATION_MODEL_ID }))[0],
        onEvent: emit,
        stopper,
        device: info.device,
      });
    } finally {
      if (writing === stopper) writing = null;
      release(onEvent);
    }
  },

  /** Interrupts the answer being written (the chat's Stop): the model stops after its current token. */
  async stopGenerating(): Promise<void> {
    writing?.interrupt();
  },

  /** Removes a model's downloaded files from this device. */
  async removeModel(spec: ModelSpec): Promise<void> {
    unloadPipeline('feature-extraction', spec);
    unloadPipeline('text-generation', spec);
    await requireStore().remove(spec);
  },
};

expose(api);
export type LanguageApi = typeof api;
