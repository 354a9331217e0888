/**
 * The assistant's optional generative model, run by the language worker (and by Node tests on the same code):
 * Transformers.js text generation with the model's own chat template, streamed token by token, cut into sentences;
 * each sentence is shown only after it passed the grounding check (its prices and names are the tool results') and
 * moderation (the chat preset, fails closed). Interrupted by the chat's Stop (an InterruptableStoppingCriteria).
 */
import { InterruptableStoppingCriteria, TextStreamer } from '@huggingface/transformers';
import { checkSentence, takeSentences, type ChatTurn, type GenerateEvent, type GenerateSummary, type Grounding } from '../../src/shared/assistant-generation.ts';
import type { ModerationResult } from '../../src/shared/moderation.ts';

/** The parts of a Transformers.js text-generation pipeline used here. */
export interface TextGenerationPipelineLike {
  (messages: ChatTurn[], options: Record<string, unknown>): Promise<unknown>;
  tokenizer: ConstructorParameters<typeof TextStreamer>[0] & {
    apply_chat_template(messages: ChatTurn[], options: Record<string, unknown>): unknown;
  };
  model: { config: Record<string, unknown> };
}

export interface WriteOptions {
  messages: ChatTurn[];
  grounding: Grounding;
  maxNewTokens: number;
  /** Moderation of one sentence (the language worker's `moderate()`, chat preset). */
  moderate: (text: string) => Promise<ModerationResult>;
  onEvent: (event: GenerateEvent) => void;
  stopper: InterruptableStoppingCriteria;
  device: string;
}

/** The model's context length, from its config (GPT-2: n_positions; most others: max_position_embeddings). */
function contextLength(config: Record<string, unknown>): number {
  for (const key of ['max_position_embeddings', 'n_positions', 'n_ctx', 'max_sequence_length']) {
    const v = config[key];
    if (typeof v === 'number' && v > 0) return v;
  }
  return 2048;
}

function promptTokens(gen: TextGenerationPipelineLike, messages: ChatTurn[]): number {
  const out = gen.tokenizer.apply_chat_template(messages, { add_generation_prompt: true, tokenize: true, return_tensor: false }) as number[] | { input_ids: number[] };
  const ids = Array.isArray(out) ? out : out.input_ids;
  if (!Array.isArray(ids)) throw new Error("The model's tokenizer did not return token ids for its chat template.");
  return ids.length;
}

/**
 * The messages, with the system message's tool results shortened from the end (whole lines) until the prompt and
 * the answer fit the model's context. The first line (the rules) always stays.
 */
export function fitPrompt(gen: TextGenerationPipelineLike, messages: ChatTurn[], maxNewTokens: number): { messages: ChatTurn[]; tokens: number; cut: number } {
  const room = contextLength(gen.model.config) - maxNewTokens;
  let turns = messages.map((m) => ({ ...m }));
  let tokens = promptTokens(gen, turns);
  let cut = 0;
  const system = turns.find((m) => m.role === 'system');
  while (tokens > room && system) {
    const lines = system.content.split('\n');
    if (lines.length <= 1) {
      // Only the rules and the request are left: shorten the request itself.
      const user = turns.find((m) => m.role === 'user')!;
      if (user.content.length <= 20) break;
      user.content = user.content.slice(0, Math.floor(user.content.length / 2));
    } else {
      lines.pop();
      system.content = lines.join('\n');
      cut++;
    }
    tokens = promptTokens(gen, turns);
  }
  if (tokens > room) throw new Error(`The prompt does not fit the model's context (${tokens} tokens, room for ${room}).`);
  turns = turns.filter((m) => m.content.length > 0);
  return { messages: turns, tokens, cut };
}

/** Writes one answer: streams the model's words, shows (through `onEvent`) only the sentences that pass. */
export async function writeAnswer(gen: TextGenerationPipelineLike, options: WriteOptions): Promise<GenerateSummary> {
  const { grounding, onEvent, moderate, stopper } = options;
  const fitted = fitPrompt(gen, options.messages, options.maxNewTokens);
  let buffer = '';
  let tokens = 0;
  let firstTokenMs: number | null = null;
  let held = false;
  let queue: Promise<void> = Promise.resolve();
  const t0 = performance.now();

  const check = async (sentence: string) => {
    if (held) return;
    const text = sentence.trim();
    if (!text) return;
    const reason = checkSentence(text, grounding);
    if (reason) {
      onEvent({ kind: 'removed', reason });
      return;
    }
    let verdict: ModerationResult | null = null;
    try {
      verdict = await moderate(text);
    } catch {
      verdict = null;
    }
    if (held) return;
    if (!verdict || verdict.decision === 'hold') {
      // Fails closed: what could not be checked is not shown, and nothing after it either.
      held = true;
      stopper.interrupt();
      return;
    }
    if (verdict.decision !== 'allow') onEvent({ kind: 'removed', reason: 'moderation' });
    else onEvent({ kind: 'sentence', text: sentence.startsWith('\n') ? sentence.replace(/^\n+/, '\n') : sentence });
  };
  const push = (final: boolean) => {
    const { sentences, rest } = takeSentences(buffer, final);
    buffer = rest;
    for (const s of sentences) queue = queue.then(() => check(s));
  };

  const streamer = new TextStreamer(gen.tokenizer, {
    skip_prompt: true,
    skip_special_tokens: true,
    callback_function: (text: string) => {
      buffer += text;
      push(false);
    },
    token_callback_function: () => {
      tokens++;
      firstTokenMs ??= performance.now() - t0;
    },
  });
  await gen(fitted.messages, { max_new_tokens: options.maxNewTokens, do_sample: false, streamer, stopping_criteria: [stopper] });
  const stopped = stopper.interrupted && !held;
  push(true);
  await queue;
  return { tokens, firstTokenMs: firstTokenMs === null ? null : Math.round(firstTokenMs), ms: Math.round(performance.now() - t0), stopped, held, device: options.device };
}
