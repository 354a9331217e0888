/**
 * Moderation defaults. The learned thresholds come from the validation split (models/aisle-moderation-v1/README.md,
 * training/choose-thresholds.py; config.json `aisle_thresholds` holds the same numbers and a unit test keeps them
 * equal): `flag` is the F1-best threshold there; `block` is where validation precision reaches 0.97, but never below
 * 0.9, since the model reads reviews and chat out of its training domain and refusing a text needs a sure score.
 * Rule findings carry a confidence (see each rule file); the rule thresholds map those onto decisions.
 */
import type { CategoryThresholds, ModerationCategory, ModerationConfigInput, ProhibitedRule } from '../../../src/shared/moderation.ts';
import type { ModerationPreset } from '../../../src/shared/protocol/language.ts';

export const MODERATION_MODEL_ID = 'aisle-moderation-v1';

export const DEFAULT_THRESHOLDS: Readonly<Record<ModerationCategory, Readonly<CategoryThresholds>>> = {
  toxic: { flag: 0.53, block: 0.96 },
  hate: { flag: 0.66, block: 0.99 },
  spam: { flag: 0.95, block: 0.95 },
  // e-mail 0.97, card 0.99, formatted phones 0.9+, handles 0.9 block; bare numbers 0.75, addresses 0.75-0.8 flag.
  'personal-data': { flag: 0.5, block: 0.85 },
  // URLs, short links, domains with a path, "dot com" 0.9+ block; bare domains 0.7-0.8 flag.
  links: { flag: 0.5, block: 0.85 },
  // Incentivised reviews are flagged for the merchant, never blocked by default (block 1 is out of reach).
  incentivised: { flag: 0.5, block: 1 },
  // Rules with severity 'block' score 0.95, 'flag' 0.7.
  prohibited: { flag: 0.5, block: 0.9 },
};

/**
 * Longest piece of text given to the classifier at once: about 100 tokens of English prose (95th percentile 107 over
 * 400-character pieces of the OTT hotel reviews, counted once with the model's tokenizer while choosing this; no
 * command here repeats it), which fills most of the model's 128-token window without truncating.
 */
export const CLASSIFIER_CHUNK_CHARS = 400;
/** Pieces sent to the classifier per call. */
export const CLASSIFIER_BATCH = 32;
/**
 * A text with this many letters or more in scripts that no check reads (normalise.ts `unreadLetters`: anything but
 * Latin and Chinese, once lookalike letters are folded) is held: it is not posted unchecked. Fewer are let through
 * to the other checks (a "µ", "Ω" or "β" in a spec).
 */
export const MIN_UNREAD_LETTERS = 3;
/**
 * The longest review, question or chat message that is checked (the review form's maxlength too); a listing's title
 * and description together may be twice as long (the demo catalog's longest is 5,154 characters). Longer texts are
 * held unread: the rules cost more than linear time on hostile text (repeated "a." or "1." patterns: 0.3 s at 5,000
 * characters, 5.9 s at 20,000 in Node), and a review that long is not one.
 */
export const MAX_TEXT_CHARS = 5_000;
export const MAX_LISTING_CHARS = 10_000;

/** Labels people read, per category. */
export const CATEGORY_LABELS: Readonly<Record<ModerationCategory, string>> = {
  toxic: 'insults and offensive language',
  hate: 'hate',
  spam: 'spam and scams',
  'personal-data': 'personal data',
  links: 'links',
  incentivised: 'incentivised review',
  prohibited: 'prohibited items and claims',
};

/**
 * The default prohibited list: a starting point a merchant edits in the console. Terms are chosen to avoid products
 * a shop may well sell (no bare "gun": glue guns, massage guns; no bare "silencer": motorcycle exhausts).
 */
export const DEFAULT_PROHIBITED: readonly ProhibitedRule[] = [
  {
    id: 'weapons',
    label: 'weapons',
    terms: ['firearm', 'handgun', 'assault rifle', 'ammunition', 'ghost gun', 'bump stock', 'switchblade', 'brass knuckles', 'knuckle duster', 'gun suppressor', '枪支', '手枪', '步枪', '弹药', '仿真枪', '管制刀具'],
    patterns: [String.raw`(?<![a-z])(?:buy|sell|selling|order)\s+(?:a\s+|an\s+)?(?:guns?|rifles?|pistols?|grenades?)(?![a-z])`],
    severity: 'block',
  },
  {
    id: 'drugs',
    label: 'illegal drugs',
    terms: ['cocaine', 'heroin', 'methamphetamine', 'crystal meth', 'fentanyl', 'mdma', 'ecstasy pills', 'lsd tabs', 'magic mushrooms', 'psilocybin', '冰毒', '海洛因', '可卡因', '摇头丸', 'k粉', '麻古'],
    severity: 'block',
  },
  {
    id: 'medical-claims',
    label: 'claims that a product cures or prevents disease',
    terms: ['miracle cure', 'cure for cancer', 'anti-cancer miracle', '包治百病', '药到病除', '抗癌神药'],
    patterns: [
      String.raw`(?<![a-z])(?:cures?|cured|curing|heals?|healed|reverses?)\s+(?:your\s+|my\s+|all\s+)?(?:cancer|tumou?rs?|diabetes|covid(?:-?19)?|coronavirus|hiv|aids|alzheimer'?s|arthritis|autism|all\s+diseases)(?![a-z])`,
      String.raw`(?<![a-z])(?:prevents?|treats?|kills?)\s+(?:cancer|covid(?:-?19)?|coronavirus|hiv|aids)(?![a-z])`,
      '(?:治愈|根治|治好|治疗|预防)(?:癌症|肿瘤|糖尿病|新冠|艾滋病|高血压)',
    ],
    severity: 'block',
    reason: 'Claims that a product cures, treats or prevents a disease are not allowed without approval.',
  },
  {
    id: 'counterfeit',
    label: 'counterfeit goods',
    terms: ['counterfeit', 'first copy', 'master copy', '1:1 replica', 'aaa replica', '高仿', 'a货', '仿牌', '精仿'],
    patterns: [String.raw`(?<![a-z])(?:fake|knock-?off|replica|copy)\s+(?:rolex|gucci|louis\s+vuitton|lv|nike|adidas|chanel|prada|hermes|cartier|omega|iphone|airpods|yeezy|jordans?)(?![a-z])`],
    severity: 'flag',
  },
  {
    id: 'wildlife',
    label: 'protected wildlife products',
    terms: ['ivory', 'rhino horn', 'tiger bone', 'pangolin scales', 'shark fin', '象牙', '犀牛角', '虎骨', '穿山甲', '鱼翅'],
    severity: 'block',
  },
];

/**
 * Starting configurations per place of use (pass one as `config`, or spread it and override). Measured reasons:
 * - review: the defaults.
 * - chat: a question to the shop assistant is not a review, so incentivised-review wording is not checked.
 * - listing: a merchant's own product text is promotional by nature; the spam classifier (trained on SMS) flags
 *   28% of real listing descriptions (flipkart-catalog; the model card gives the eval:moderation command), so spam is
 *   off; insult/hate scores on spec-sheet text are unreliable (2.0% and 1.2% false flags, e.g. colour names), so they flag for review and never block;
 *   links are flagged, not blocked (a merchant may link their own pages).
 */
export const MODERATION_PRESETS = {
  review: {},
  chat: { disabled: ['incentivised'] },
  listing: {
    maxChars: MAX_LISTING_CHARS,
    disabled: ['spam', 'incentivised'],
    thresholds: { toxic: { block: 1 }, hate: { block: 1 }, links: { block: 1 } },
  },
} as const satisfies Record<ModerationPreset, ModerationConfigInput>;
