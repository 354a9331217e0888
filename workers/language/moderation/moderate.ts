/**
 * The moderation engine: combines the classifier's scores (toxic, hate, spam) with the rule findings (personal
 * data, links, incentivised reviews, prohibited items; and profanity, insults and scam wording, which feed toxic,
 * hate and spam) into one result per category and an overall decision. Every check reads the text through
 * normalise.ts first. Pure apart from calling the injected classifier; runs in the language worker and in Node.
 *
 * Fails closed, for every script:
 * - every non-empty text goes to the classifier (it reads English and Chinese); when the classifier cannot be
 *   loaded, throws, or returns something malformed, the decision is 'hold', never 'allow';
 * - a text with letters of a script that neither the rules nor the classifier read (Cyrillic, Arabic, Devanagari,
 *   Korean ...; MIN_UNREAD_LETTERS or more of them) is held too, with a message that says so.
 * Rule results are still reported so the person can fix those.
 *
 * Decision policy: a category blocks only at a high score (its block threshold); below it, from the flag
 * threshold, the text is flagged: the writer sees the warning and the span and may edit, and a posted text carries a
 * note for the shop. Numbers never count as spam on their own: a spam score from the classifier must survive a second
 * reading with every number masked (prices, sizes, ISBNs, order and model numbers), and it stays below the flag
 * threshold for a text that asks nothing of the reader (no call, click, reply, contact, claim ...; spam.ts) and has
 * no contact detail or link.
 */
import { hasBenignIdiom, maskBenignIdioms } from './idioms.ts';
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
import { CATEGORY_LABELS, CLASSIFIER_BATCH, CLASSIFIER_CHUNK_CHARS, MIN_UNREAD_LETTERS, MODERATION_MODEL_ID } from './constants.ts';
import { findIncentivised } from './incentivised.ts';
import { findInsults } from './insults.ts';
import { findLinks } from './links.ts';
import { normaliseViews, unreadLetters, type NormalisedViews } from './normalise.ts';
import { findPersonalData } from './personal-data.ts';
import { findProhibited } from './prohibited.ts';
import { asksForAction, findSpam } from './spam.ts';
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

/** Every rule finding for the enabled categories (rule categories, and the rule half of toxic, hate and spam). */
export function findRuleFindings(text: string | NormalisedViews, config: ResolvedModerationConfig): RuleFinding[] {
  const views = typeof text === 'string' ? normaliseViews(text) : text;
  const on = (c: ModerationCategory) => config.enabled.includes(c);
  const personal = findPersonalData(views);
  const links = findLinks(views);
  const insults = on('toxic') || on('hate') ? findInsults(views).filter((f) => on(f.category)) : [];
  return [
    ...(on('personal-data') ? personal : []),
    ...(on('links') ? links : []),
    ...(on('incentivised') ? findIncentivised(views) : []),
    ...(on('prohibited') ? findProhibited(views, config.prohibited) : []),
    ...insults,
    ...(on('spam') ? findSpam(views, personal.length > 0 || links.length > 0) : []),
  ];
}

/** Replaces every number by "0", so that a spam score that rests on numbers alone goes away. */
export function maskNumbers(text: string): string {
  return text.replace(/\p{Nd}+(?:[.,:/-]\p{Nd}+)*/gu, '0');
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
  findings: RuleFinding[],
  config: ResolvedModerationConfig,
): CategoryResult {
  const t = config.thresholds[category];
  let modelScore = 0;
  const spans: ModerationSpan[] = [];
  const mine = findings.filter((f) => f.category === category);
  for (const f of mine) spans.push({ start: f.start, end: f.end, text: f.text, kind: f.kind, reason: f.reason });
  chunks.forEach((c, i) => {
    const s = scores[i]![category]!;
    modelScore = Math.max(modelScore, s);
    // A chunk is marked only when no rule already marked a word in it (the word says more than the sentence).
    if (s >= t.flag && !mine.some((f) => f.start >= c.start && f.end <= c.end)) {
      spans.push({ start: c.start, end: c.end, text: c.text, kind: category, reason: `${LEARNED_REASONS[category]} (score ${s.toFixed(2)})` });
    }
  });
  const ruleScore = mine.reduce((m, f) => Math.max(m, f.confidence), 0);
  const score = Math.max(modelScore, ruleScore);
  // The rules' confidences are on the rule scale (flag from 0.5, block from 0.9, like the rule categories), not the
  // classifier's probability scale; a category configured never to block (block 1) is not blocked by its rules either.
  const ruleThresholds = { flag: Math.min(RULE_SCALE.flag, t.flag), block: t.block >= 1 ? 1 : RULE_SCALE.block };
  const decision = worse(decide(modelScore, t), decide(ruleScore, ruleThresholds));
  const strongest = mine.reduce<RuleFinding | null>((a, b) => (a && a.confidence >= b.confidence ? a : b), null);
  const reason =
    decision === 'allow' ? '' : strongest && ruleScore >= modelScore ? strongest.reason : `${LEARNED_REASONS[category]} (score ${score.toFixed(2)})`;
  return { category, score, decision, spans: spans.sort((a, b) => a.start - b.start), reason, assessed: true };
}

// ------------------------------------------------------------------------------------------------------------ engine

const SEVERITY: Record<Decision, number> = { allow: 0, flag: 1, block: 2 };
/** Where rule findings of the learned categories flag and block (see the confidences in insults.ts and spam.ts). */
const RULE_SCALE = { flag: 0.5, block: 0.9 };

function worse(a: Decision, b: Decision): Decision {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

function overall(categories: CategoryResult[]): { decision: Decision; reasons: string[] } {
  const hits = categories.filter((c) => c.decision !== 'allow').sort((a, b) => SEVERITY[b.decision] - SEVERITY[a.decision] || b.score - a.score);
  return { decision: hits[0]?.decision ?? 'allow', reasons: hits.map((c) => c.reason) };
}

/** The message for a text held because part of it is in a script no check reads. */
export function unreadMessage(scripts: readonly string[]): string {
  return (
    `This has not been posted: part of it is written in ${scripts.join(' and ')}, which the text checker cannot read yet ` +
    '(it reads English and Chinese), and nothing is posted unchecked. Please write it in English or Chinese.'
  );
}

/** The message for a text held because it is longer than the checker reads. */
export function tooLongMessage(length: number, maxChars: number): string {
  return (
    `This has not been posted: it is ${length.toLocaleString('en')} characters long, and the text checker reads at most ` +
    `${maxChars.toLocaleString('en')}. Shorten it (or split it in two) and try again.`
  );
}

function tooLongResult(length: number, config: ResolvedModerationConfig): ModerationResult {
  const message = tooLongMessage(length, config.maxChars);
  const categories: CategoryResult[] = ORDER.filter((c) => config.enabled.includes(c)).map((category) => ({
    category,
    score: 0,
    decision: 'allow',
    spans: [],
    reason: `Not checked for ${CATEGORY_LABELS[category]}: the text is too long.`,
    assessed: false,
  }));
  return { decision: 'hold', categories, reasons: [message], held: { message, cause: `${length} characters, over the limit of ${config.maxChars}` } };
}

/** Checks many texts with one pass of the classifier over all their pieces (the listing check, the eval CLI). */
export async function moderateTexts(texts: readonly string[], options: ModerateOptions): Promise<ModerationResult[]> {
  const config = resolveModerationConfig(options.config);
  throwIfAborted(options.signal);
  const learnedOn = LEARNED_CATEGORIES.filter((c) => config.enabled.includes(c));
  const ruleOn = RULE_CATEGORIES.filter((c) => config.enabled.includes(c));

  const perText = texts.map((text) => {
    if (text.length > config.maxChars) return { text, tooLong: true, findings: [], chunks: [], unread: { count: 0, scripts: [] }, spamPossible: false };
    const views = normaliseViews(text);
    const findings = findRuleFindings(views, config);
    // Every text, in every script, goes to the classifier; letters it cannot read are counted for the hold below.
    const chunks = learnedOn.length > 0 && text.trim() ? chunkForClassifier(text) : [];
    const unread = unreadLetters(views.canonical.text);
    // Spam asks the reader to do something (call, click, reply, contact ...): without any such request, and without
    // a contact detail or a link, the classifier's spam score alone stays below the flag threshold.
    const spamPossible = asksForAction(views) || findings.some((f) => f.category === 'spam' || f.category === 'personal-data' || f.category === 'links');
    return { text, tooLong: false, findings, chunks, unread, spamPossible };
  });

  let scores: Array<Record<string, number>> = [];
  let failure: unknown;
  const allChunks = perText.flatMap((p) => p.chunks.map((c) => c.text));
  if (allChunks.length > 0) {
    try {
      const classifier = options.classifier === null ? null : typeof options.classifier === 'function' ? options.classifier : await options.classifier.load();
      if (!classifier) throw new Error('no classifier was given');
      scores = await runClassifier(classifier, allChunks, options.signal);
      if (learnedOn.includes('spam')) await maskedSpamScores(classifier, allChunks, scores, config, options.signal);
      await idiomScores(classifier, allChunks, scores, config, options.signal);
    } catch (err) {
      if (isAbortError(err)) throw err;
      failure = err;
    }
  }
  throwIfAborted(options.signal);

  let offset = 0;
  const spamCap = Math.max(0, config.thresholds.spam.flag - 0.01);
  return perText.map(({ text, tooLong, findings, chunks, unread, spamPossible }) => {
    if (tooLong) return tooLongResult(text.length, config);
    const categories: CategoryResult[] = [];
    const mine = scores.slice(offset, offset + chunks.length).map((s) => (spamPossible ? s : { ...s, spam: Math.min(s.spam!, spamCap) }));
    offset += chunks.length;
    const failed = failure !== undefined && chunks.length > 0;
    for (const c of learnedOn) {
      if (failed) {
        categories.push({ category: c, score: 0, decision: 'allow', spans: [], reason: `Not checked for ${CATEGORY_LABELS[c]}: the text checker could not run.`, assessed: false });
      } else {
        categories.push(learnedResult(c, chunks, mine, findings, config));
      }
    }
    for (const c of ruleOn) categories.push(ruleResult(c, findings, config));
    categories.sort((a, b) => ORDER.indexOf(a.category) - ORDER.indexOf(b.category));
    const { decision, reasons } = overall(categories);
    if (failed) {
      return {
        decision: 'hold',
        categories,
        reasons: [HOLD_MESSAGE, ...reasons],
        held: { message: HOLD_MESSAGE, cause: describeError(failure) },
      };
    }
    if (unread.count >= MIN_UNREAD_LETTERS) {
      const message = unreadMessage(unread.scripts);
      for (const c of categories) {
        if (LEARNED_CATEGORIES.includes(c.category as LearnedCategory)) {
          c.assessed = false;
          if (c.decision === 'allow') c.reason = `Only partly checked for ${CATEGORY_LABELS[c.category]}: ${unread.count} letters are in ${unread.scripts.join(' and ')}.`;
        }
      }
      return {
        decision: 'hold',
        categories,
        reasons: [message, ...reasons],
        held: { message, cause: `${unread.count} letters in ${unread.scripts.join(', ')}, which no check reads` },
        model: chunks.length > 0 ? (options.modelId ?? MODERATION_MODEL_ID) : undefined,
      };
    }
    return { decision, categories, reasons, model: chunks.length > 0 ? (options.modelId ?? MODERATION_MODEL_ID) : undefined };
  });
}

/**
 * Reads again, rewritten, each piece that `needs` it, and keeps the lower of the two scores for `categories`: how
 * numbers and shop idioms are kept from counting on their own (below).
 */
async function rereadLower(
  classifier: TextClassifier,
  chunks: readonly string[],
  scores: Array<Record<string, number>>,
  needs: (chunk: string, score: Record<string, number>) => boolean,
  rewrite: (chunk: string) => string,
  categories: readonly string[],
  signal?: AbortSignal,
): Promise<void> {
  const again = chunks.map((c, i) => ({ c, i })).filter(({ c, i }) => needs(c, scores[i]!));
  if (again.length === 0) return;
  const reread = await runClassifier(classifier, again.map(({ c }) => rewrite(c)), signal);
  again.forEach(({ i }, k) => {
    const s = { ...scores[i]! };
    for (const cat of categories) s[cat] = Math.min(s[cat]!, reread[k]![cat]!);
    scores[i] = s;
  });
}

/**
 * Numbers never count as spam on their own: each piece the classifier scored as spam (at or above the flag
 * threshold) that has digits in it is read again with its numbers masked, and keeps the lower of the two scores.
 */
function maskedSpamScores(
  classifier: TextClassifier,
  chunks: readonly string[],
  scores: Array<Record<string, number>>,
  config: ResolvedModerationConfig,
  signal?: AbortSignal,
): Promise<void> {
  const flag = config.thresholds.spam.flag;
  return rereadLower(classifier, chunks, scores, (c, s) => s.spam! >= flag && /\p{Nd}/u.test(c), maskNumbers, ['spam'], signal);
}

/**
 * Shop idioms never count as toxic or hateful on their own ("idiot-proof", "stupidly comfortable", "killer battery"):
 * each piece scored toxic or hate at or above its flag threshold that has one is read again with the idioms replaced
 * by plain words (idioms.ts), and keeps the lower of the two scores for toxic and for hate.
 */
function idiomScores(
  classifier: TextClassifier,
  chunks: readonly string[],
  scores: Array<Record<string, number>>,
  config: ResolvedModerationConfig,
  signal?: AbortSignal,
): Promise<void> {
  const high = (s: Record<string, number>) => (s.toxic ?? 0) >= config.thresholds.toxic.flag || (s.hate ?? 0) >= config.thresholds.hate.flag;
  return rereadLower(classifier, chunks, scores, (c, s) => high(s) && hasBenignIdiom(c), maskBenignIdioms, ['toxic', 'hate'], signal);
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
  // Past the limit the text will be held anyway; the feedback covers what will be kept of it.
  const findings = findRuleFindings(normaliseViews(text.slice(0, resolved.maxChars)), resolved);
  return RULE_CATEGORIES.filter((c) => resolved.enabled.includes(c)).map((c) => ruleResult(c, findings, resolved));
}
