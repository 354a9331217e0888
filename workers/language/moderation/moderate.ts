/**
 * The moderation engine: combines the classifier's scores (toxic, hate, spam) with the rule findings (personal
 * data, links, incentivised reviews, prohibited items) into one result per category and an overall decision.
 * Pure apart from calling the injected classifier; runs in the language worker and in Node (tests, eval CLI).
 *
 * Fails closed: when the classifier cannot be loaded, throws, or returns something malformed, the overall decision
 * is 'hold' with a message to show, never 'allow'. Rule results are still reported so the person can fix those.
 */
import { describeError, throwIfAborted, isAbortError } from '../../../src/shared/errors.ts';
import {
  LEARNED_CATEGORIES,
  RULE_CATEGORIES,
  type CategoryResult,
  type Decision,
  type LearnedCategory,
  type ModerationCategory,
  type ModerationConfigInput,
  type ModerationResult,
  type ModerationSpan,
  type RuleCategory,
} from '../../../src/shared/moderation.ts';
import { resolveModerationConfig, type ResolvedModerationConfig } from './config.ts';
import { CATEGORY_LABELS, CLASSIFIER_BATCH, CLASSIFIER_CHUNK_CHARS, MIN_LATIN_SHARE, MODERATION_MODEL_ID } from './constants.ts';
import { latinShare } from './fold.ts';
import { findIncentivised } from './incentivised.ts';
import { findLinks } from './links.ts';
import { findPersonalData } from './personal-data.ts';
import { findProhibited } from './prohibited.ts';
import type { RuleFinding, TextClassifier } from './types.ts';

export interface ModerateOptions {
  /** The classifier, or a function that loads it (called on every check; cache it, e.g. createClassifierLoader). */
  classifier: TextClassifier | { load: () => Promise<TextClassifier> } | null;
  config?: ModerationConfigInput;
  signal?: AbortSignal;
  /** Reported in results; defaults to the bundled model's id. */
  modelId?: string;
}

/** A piece of the text sent to the classifier, with its place in the original. */
export interface TextChunk {
  start: number;
  end: number;
  text: string;
}

export const HOLD_MESSAGE =
  'This has not been posted: the text checker could not run, and nothing is posted unchecked. ' +
  'Try again in a moment; if it keeps happening, reload the page.';

// ------------------------------------------------------------------------------------------------------------ rules

/** Every rule finding for the enabled rule categories. */
export function findRuleFindings(text: string, config: ResolvedModerationConfig): RuleFinding[] {
  const on = (c: RuleCategory) => config.enabled.includes(c);
  return [
    ...(on('personal-data') ? findPersonalData(text) : []),
    ...(on('links') ? findLinks(text) : []),
    ...(on('incentivised') ? findIncentivised(text) : []),
    ...(on('prohibited') ? findProhibited(text, config.prohibited) : []),
  ];
}

function decide(score: number, t: { flag: number; block: number }): Decision {
  return score >= t.block ? 'block' : score >= t.flag ? 'flag' : 'allow';
}

const KIND_NAMES: Record<string, [string, string]> = {
  email: ['an e-mail address', 'e-mail addresses'],
  phone: ['a phone number', 'phone numbers'],
  card: ['a card number', 'card numbers'],
  address: ['a street address', 'street addresses'],
  'contact-handle': ['a messaging account', 'messaging accounts'],
  'contact-request': ['a request to be contacted outside the shop', 'requests to be contacted outside the shop'],
  url: ['a link', 'links'],
  domain: ['a web address', 'web addresses'],
  'short-link': ['a shortened link', 'shortened links'],
  'obfuscated-link': ['a spelt-out web address', 'spelt-out web addresses'],
};

function ruleResult(category: RuleCategory, findings: RuleFinding[], config: ResolvedModerationConfig): CategoryResult {
  const mine = findings.filter((f) => f.category === category);
  const score = mine.reduce((s, f) => Math.max(s, f.confidence), 0);
  const decision = decide(score, config.thresholds[category]);
  const spans: ModerationSpan[] = mine.map(({ start, end, text, kind, reason }) => ({ start, end, text, kind, reason }));
  let reason = '';
  if (mine.length > 0) {
    const strongest = mine.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    if (category === 'personal-data' || category === 'links') {
      const counts = new Map<string, number>();
      for (const f of mine) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
      const parts = [...counts].map(([kind, n]) => {
        const [one, many] = KIND_NAMES[kind] ?? [kind, kind];
        return n === 1 ? one : `${n} ${many}`;
      });
      const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
      reason =
        category === 'personal-data'
          ? `Contains ${list}. Reviews and messages are public: remove personal details to keep them private.`
          : `Contains ${list}. Links are not allowed here: remove them.`;
    } else if (category === 'prohibited') {
      const labels = [...new Set(mine.map((f) => f.reason))];
      reason = labels.join(' ');
    } else {
      reason = strongest.reason;
    }
  }
  return { category, score, decision, spans, reason, assessed: true };
}

// ------------------------------------------------------------------------------------------------------- classifier

/**
 * Splits text into pieces of at most CLASSIFIER_CHUNK_CHARS at sentence ends (then spaces), so long reviews are
 * read whole (the model reads 128 tokens at most) and a flagged piece can be shown to the writer.
 */
export function chunkForClassifier(text: string, maxChars = CLASSIFIER_CHUNK_CHARS): TextChunk[] {
  const sentences: Array<[number, number]> = [];
  for (const m of text.matchAll(/[^.!?。！？\n]+(?:[.!?。！？]+|\n+|$)\s*/g)) {
    if (m[0].trim()) sentences.push([m.index, m.index + m[0].length]);
  }
  const pieces: Array<[number, number]> = [];
  for (const [s, e] of sentences) {
    let start = s;
    while (e - start > maxChars) {
      const window = text.slice(start, start + maxChars);
      const cut = window.lastIndexOf(' ');
      const end = start + (cut > maxChars / 2 ? cut + 1 : maxChars);
      pieces.push([start, end]);
      start = end;
    }
    if (e > start) pieces.push([start, e]);
  }
  const chunks: TextChunk[] = [];
  for (const [s, e] of pieces) {
    const last = chunks.at(-1);
    if (last && e - last.start <= maxChars) {
      last.end = e;
      last.text = text.slice(last.start, e);
    } else {
      chunks.push({ start: s, end: e, text: text.slice(s, e) });
    }
  }
  // Trim each chunk's span to its visible text.
  return chunks
    .map((c) => {
      const lead = c.text.length - c.text.trimStart().length;
      const trail = c.text.length - c.text.trimEnd().length;
      return { start: c.start + lead, end: c.end - trail, text: c.text.trim() };
    })
    .filter((c) => c.text.length > 0);
}

async function runClassifier(classifier: TextClassifier, texts: string[], signal?: AbortSignal): Promise<Array<Record<string, number>>> {
  const out: Array<Record<string, number>> = [];
  for (let i = 0; i < texts.length; i += CLASSIFIER_BATCH) {
    throwIfAborted(signal);
    const batch = texts.slice(i, i + CLASSIFIER_BATCH);
    const scores = await classifier(batch);
    if (!Array.isArray(scores) || scores.length !== batch.length) {
      throw new Error(`the classifier returned ${Array.isArray(scores) ? scores.length : 'no'} results for ${batch.length} texts`);
    }
    for (const s of scores) {
      for (const label of LEARNED_CATEGORIES) {
        const v = s?.[label];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) {
          throw new Error(`the classifier returned no valid "${label}" score (got ${JSON.stringify(v)})`);
        }
      }
      out.push(s);
    }
  }
  return out;
}

const LEARNED_REASONS: Record<LearnedCategory, string> = {
  toxic: 'This reads as insulting or offensive. Please rephrase it.',
  hate: 'This reads as hateful towards a group of people.',
  spam: 'This reads like spam or a scam (adverts, prizes, "call or text this number").',
};

function learnedResult(
  category: LearnedCategory,
  chunks: TextChunk[],
  scores: Array<Record<string, number>>,
  config: ResolvedModerationConfig,
  assessed: boolean,
): CategoryResult {
  const t = config.thresholds[category];
  let score = 0;
  const spans: ModerationSpan[] = [];
  chunks.forEach((c, i) => {
    const s = scores[i]![category]!;
    score = Math.max(score, s);
    if (assessed && s >= t.flag) {
      spans.push({ start: c.start, end: c.end, text: c.text, kind: category, reason: `${LEARNED_REASONS[category]} (score ${s.toFixed(2)})` });
    }
  });
  if (!assessed) {
    return {
      category,
      score,
      decision: 'allow',
      spans: [],
      reason: `Not checked for ${CATEGORY_LABELS[category]}: that check reads English only. The rules still ran.`,
      assessed: false,
    };
  }
  const decision = decide(score, t);
  return { category, score, decision, spans, reason: decision === 'allow' ? '' : `${LEARNED_REASONS[category]} (score ${score.toFixed(2)})`, assessed: true };
}

// ------------------------------------------------------------------------------------------------------------ engine

const SEVERITY: Record<Decision, number> = { allow: 0, flag: 1, block: 2 };

function overall(categories: CategoryResult[]): { decision: Decision; reasons: string[] } {
  const hits = categories.filter((c) => c.decision !== 'allow').sort((a, b) => SEVERITY[b.decision] - SEVERITY[a.decision] || b.score - a.score);
  return { decision: hits[0]?.decision ?? 'allow', reasons: hits.map((c) => c.reason) };
}

/** Checks many texts with one pass of the classifier over all their pieces (the listing check, the eval CLI). */
export async function moderateTexts(texts: readonly string[], options: ModerateOptions): Promise<ModerationResult[]> {
  const config = resolveModerationConfig(options.config);
  throwIfAborted(options.signal);
  const learnedOn = LEARNED_CATEGORIES.filter((c) => config.enabled.includes(c));
  const ruleOn = RULE_CATEGORIES.filter((c) => config.enabled.includes(c));

  const perText = texts.map((text) => {
    const findings = findRuleFindings(text, config);
    // Text the model cannot read (mostly non-Latin script) is not sent to it; its learned results say so.
    const assessed = latinShare(text) >= MIN_LATIN_SHARE;
    const chunks = learnedOn.length > 0 && assessed && text.trim() ? chunkForClassifier(text) : [];
    return { text, findings, chunks, assessed };
  });

  let scores: Array<Record<string, number>> = [];
  let failure: unknown;
  const allChunks = perText.flatMap((p) => p.chunks.map((c) => c.text));
  if (allChunks.length > 0) {
    try {
      const classifier = options.classifier === null ? null : typeof options.classifier === 'function' ? options.classifier : await options.classifier.load();
      if (!classifier) throw new Error('no classifier was given');
      scores = await runClassifier(classifier, allChunks, options.signal);
    } catch (err) {
      if (isAbortError(err)) throw err;
      failure = err;
    }
  }
  throwIfAborted(options.signal);

  let offset = 0;
  return perText.map(({ findings, chunks, assessed }) => {
    const categories: CategoryResult[] = [];
    const mine = scores.slice(offset, offset + chunks.length);
    offset += chunks.length;
    for (const c of learnedOn) {
      if (failure !== undefined && chunks.length > 0) {
        categories.push({ category: c, score: 0, decision: 'allow', spans: [], reason: `Not checked for ${CATEGORY_LABELS[c]}: the text checker could not run.`, assessed: false });
      } else {
        categories.push(learnedResult(c, chunks, mine, config, assessed));
      }
    }
    for (const c of ruleOn) categories.push(ruleResult(c, findings, config));
    categories.sort((a, b) => ORDER.indexOf(a.category) - ORDER.indexOf(b.category));
    const { decision, reasons } = overall(categories);
    if (failure !== undefined && chunks.length > 0) {
      return {
        decision: 'hold',
        categories,
        reasons: [HOLD_MESSAGE, ...reasons],
        held: { message: HOLD_MESSAGE, cause: describeError(failure) },
      };
    }
    return { decision, categories, reasons, model: chunks.length > 0 ? (options.modelId ?? MODERATION_MODEL_ID) : undefined };
  });
}

const ORDER: readonly ModerationCategory[] = [...LEARNED_CATEGORIES, ...RULE_CATEGORIES];

/** Checks one text (a review, a chat message, a listing). */
export async function moderateText(text: string, options: ModerateOptions): Promise<ModerationResult> {
  const [result] = await moderateTexts([text], options);
  return result!;
}

/**
 * The rule categories only, synchronously: for feedback while the person types (highlight an e-mail address as it
 * is typed). Never a final verdict: the learned categories are not in it; post only after `moderateText`.
 */
export function checkRules(text: string, config?: ModerationConfigInput): CategoryResult[] {
  const resolved = resolveModerationConfig(config);
  const findings = findRuleFindings(text, resolved);
  return RULE_CATEGORIES.filter((c) => resolved.enabled.includes(c)).map((c) => ruleResult(c, findings, resolved));
}
