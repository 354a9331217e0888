/**
 * Moderation types that cross the worker boundary (language worker, vision worker, page). Plain data only: every
 * value here survives structured cloning. The logic lives in workers/language/moderation/ and workers/vision/.
 */

/** Categories scored by the bundled classifier (models/aisle-moderation-v1). */
export const LEARNED_CATEGORIES = ['toxic', 'hate', 'spam'] as const;
export type LearnedCategory = (typeof LEARNED_CATEGORIES)[number];

/** Categories found by rules (plain code, English and Chinese). */
export const RULE_CATEGORIES = ['personal-data', 'links', 'incentivised', 'prohibited'] as const;
export type RuleCategory = (typeof RULE_CATEGORIES)[number];

export type ModerationCategory = LearnedCategory | RuleCategory;
export const MODERATION_CATEGORIES: readonly ModerationCategory[] = [...LEARNED_CATEGORIES, ...RULE_CATEGORIES];

export function isModerationCategory(value: string): value is ModerationCategory {
  return (MODERATION_CATEGORIES as readonly string[]).includes(value);
}

/** What happens to the text for one category: posted, posted with a warning / queued for review, or refused. */
export type Decision = 'allow' | 'flag' | 'block';
/**
 * The overall verdict. `hold` means the text could not be checked (a model failed to load or to run): it must not be
 * posted or sent, and the person is told why and that they can try again. Moderation fails closed.
 */
export type OverallDecision = Decision | 'hold';

/** A stretch of the ORIGINAL text, as UTF-16 offsets (`text.slice(start, end)`), with what was found there. */
export interface ModerationSpan {
  start: number;
  end: number;
  /** The text of the span, copied for display. */
  text: string;
  /** What kind of thing it is, e.g. 'email', 'phone', 'card', 'address', 'url', 'incentive', a prohibited rule id. */
  kind: string;
  /** A sentence a person understands: why this span matters. */
  reason: string;
}

export interface CategoryResult {
  category: ModerationCategory;
  /** 0..1: the classifier's probability for learned categories, the strongest finding's confidence for rules. */
  score: number;
  decision: Decision;
  spans: ModerationSpan[];
  /** Why this decision, for a person (empty when the category found nothing). */
  reason: string;
  /**
   * false when the category could not be judged on this text and its decision rests on the rules alone, e.g. the
   * learned categories on text that is mostly not in English. `reason` then says so.
   */
  assessed: boolean;
}

export interface ModerationResult {
  decision: OverallDecision;
  /** One entry per enabled category, in MODERATION_CATEGORIES order. */
  categories: CategoryResult[];
  /** The reasons behind the overall decision, most severe first, ready to show (empty when allowed). */
  reasons: string[];
  /** Set when decision is 'hold': what went wrong and what the person can do. */
  held?: { message: string; cause: string };
  /** The classifier's model id and version, when it ran. */
  model?: string;
}

/** Score thresholds for one category: decision is 'block' at score >= block, else 'flag' at score >= flag. */
export interface CategoryThresholds {
  flag: number;
  block: number;
}

/** One merchant-editable entry of the prohibited list. */
export interface ProhibitedRule {
  /** Stable id, e.g. 'weapons'; reported as the span kind. */
  id: string;
  /** What a person reads, e.g. 'weapons'. */
  label: string;
  /** Words or phrases, any language; Latin-script terms match whole words (plural s/es allowed), case-insensitive. */
  terms: string[];
  /** Optional regular expressions (JavaScript syntax, matched case-insensitively) for what terms cannot express. */
  patterns?: string[];
  /** 'block' (default) refuses the text; 'flag' lets it through with a warning for review. */
  severity?: 'flag' | 'block';
  /** Overrides the default reason, e.g. 'Medical claims need approval before they can appear in a listing.' */
  reason?: string;
}

/** What a caller may set; every field is optional and falls back to the defaults in moderation constants. */
export interface ModerationConfigInput {
  thresholds?: Partial<Record<ModerationCategory, Partial<CategoryThresholds>>>;
  /** Categories not checked at all (e.g. 'links' on a merchant's own listing). */
  disabled?: readonly ModerationCategory[];
  /** Replaces the default prohibited list. */
  prohibited?: readonly ProhibitedRule[];
  /** Added to the (default or given) prohibited list. */
  extraProhibited?: readonly ProhibitedRule[];
  /**
   * The longest text (in UTF-16 code units) that is checked; a longer one is held, with a message that says the
   * limit, and is not read at all (the rules' cost grows faster than the length on hostile text). Default 5,000.
   */
  maxChars?: number;
}

/** Classes of the nsfwjs image model, in its output order. */
export const NSFW_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;
export type NsfwClass = (typeof NSFW_CLASSES)[number];

export interface ImageModerationResult {
  decision: OverallDecision;
  /** Every class with its probability, highest first. */
  classes: Array<{ className: NsfwClass; probability: number }>;
  /** The unsafe score the decision rests on: Porn + Hentai, or Sexy alone, whichever crosses its threshold first. */
  score: number;
  reason: string;
  held?: { message: string; cause: string };
  /** The TF.js backend that ran the model (e.g. 'wasm'), for the console and benchmarks. */
  backend?: string;
}

export interface ImageThresholds {
  /** Porn + Hentai probability at or above which the image is blocked / flagged. */
  explicitBlock: number;
  explicitFlag: number;
  /** Sexy probability at or above which the image is flagged (suggestive, not explicit). */
  suggestiveFlag: number;
}
