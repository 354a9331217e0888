/**
 * Incentivised reviews: the writer got the product free, discounted, refunded or paid for in return for a review
 * ("got it free for a review", "received this product in exchange for my honest review", "seller offered a refund
 * for a 5-star review", 好评返现, 免费送的…写评价). Shops must not publish these as ordinary reviews, so the finding
 * flags the review for the merchant (it is not necessarily dishonest). Pure; spans are offsets into the original.
 */
import { normaliseViews, type NormalisedViews } from './normalise.ts';
import type { RuleFinding } from './types.ts';

const CATEGORY = 'incentivised' as const;

const REVIEW = String.raw`(?:review|reviews|rating|feedback|opinion|evaluation|testimonial)`;
const ADJ = String.raw`(?:(?:honest|unbiased|fair|genuine|truthful|impartial|objective|candid|independent|positive|good|great|detailed|product|5[- ]?star|five[- ]?star)(?:,?\s+(?:and\s+)?)?){0,3}`;
const DET = String.raw`(?:(?:a|an|my|our|your|the|this|that|their)\s+)?`;
const SAME_SENTENCE = String.raw`[^.!?\n。！？]`;

interface Pattern {
  re: RegExp;
  confidence: number;
  reason: string;
}

const GIVEN_FOR_REVIEW =
  'This says the product was given, discounted or paid for in return for a review. The shop must check incentivised reviews before they can appear.';
const SOLICITING =
  'This offers a reward for reviews. Buying reviews is not allowed: the shop will check it.';
const SPONSORED = 'This marks the review as sponsored or gifted. The shop must check incentivised reviews before they can appear.';
const MAYBE_FREE = 'This says the product was free. If it was given in return for a review, that must be disclosed.';

const PATTERNS: Pattern[] = [
  { re: new RegExp(String.raw`in\s+(?:exchange|return)\s+for\s+${DET}${ADJ}\s*${REVIEW}`, 'g'), confidence: 0.92, reason: GIVEN_FOR_REVIEW },
  {
    re: new RegExp(
      String.raw`(?<![a-z])(?:free(?:\s+of\s+charge)?|for\s+free|discount(?:ed)?|complimentary|at\s+no\s+(?:cost|charge)|at\s+a\s+(?:reduced|discounted)\s+(?:price|rate)|(?:a\s+)?(?:free\s+)?samples?|gifted|gratis)(?![a-z])${SAME_SENTENCE}{0,60}?(?<![a-z])(?:for|in\s+return\s+for|to\s+(?:write|leave|post|give|do)|so\s+(?:i|that\s+i)\s+(?:would|could|will|can)\s+(?:write|leave|post|give))\s+${DET}${ADJ}\s*${REVIEW}`,
      'g',
    ),
    confidence: 0.9,
    reason: GIVEN_FOR_REVIEW,
  },
  {
    re: new RegExp(
      String.raw`(?<![a-z])(?:refund(?:ed)?|rebate|cash\s?back|gift\s?cards?|coupons?|vouchers?|paid|payment|compensat\w*|reimburs\w*|money\s+back|bonus|reward(?:ed)?|discount\s+codes?)(?![a-z])${SAME_SENTENCE}{0,60}?(?<![a-z])(?:for|after|if\s+(?:i|you|we)|once\s+(?:i|you)|when\s+(?:i|you)|in\s+return\s+for|in\s+exchange\s+for)(?![a-z])${SAME_SENTENCE}{0,40}?(?:${REVIEW}|5[- ]?stars?|five[- ]?stars?)`,
      'g',
    ),
    confidence: 0.9,
    reason: GIVEN_FOR_REVIEW,
  },
  {
    re: /(?<![a-z])(?:leave|write|post|give)\s+(?:us\s+)?(?:a|an)?\s*(?:5|five)[- ]?star\s+review\s+(?:and|to)\s+(?:get|receive|claim|win)/g,
    confidence: 0.92,
    reason: SOLICITING,
  },
  {
    re: new RegExp(
      String.raw`(?<![a-z])(?:the\s+)?(?:seller|company|brand|manufacturer|vendor|store|shop|merchant)\s+(?:sent|gave|provided|offered|asked|promised|paid)(?![a-z])${SAME_SENTENCE}{0,60}?(?<![a-z])(?:review|rating|feedback|5[- ]?stars?|five[- ]?stars?)`,
      'g',
    ),
    confidence: 0.85,
    reason: GIVEN_FOR_REVIEW,
  },
  {
    re: /(?<![a-z])(?:amazon\s+)?vine\s+(?:voice|program|programme|member|reviewer|customer\s+review)|(?<![a-z0-9])#(?:ad|sponsored|gifted|freebie|partner)(?![a-z])|(?<![a-z])(?:sponsored|paid)\s+(?:review|post|partnership)(?![a-z])/g,
    confidence: 0.85,
    reason: SPONSORED,
  },
  // Chinese: 好评返现 (cash back for a good review), 免费送的…写评价 (given free … write a review), 商家…送…好评.
  {
    re: /(?:好评|五星|评价|晒图|追评)(?:就|即|可|后)?(?:返现|返钱|返红包|返利|送|有礼|有奖|领|返)|(?:返现|红包|返钱|现金|奖励).{0,10}?(?:好评|五星|评价|晒图)/g,
    confidence: 0.92,
    reason: SOLICITING,
  },
  {
    // Also mixed: 免费送的 for a review.
    re: /(?:免费|白送|赠送|送的|试用).{0,16}?(?:评价|好评|评论|测评|写评|五星|(?<![a-z])(?:for|in exchange for|to write)\s+(?:a\s+|an\s+|my\s+)?(?:honest\s+|good\s+|positive\s+)?review)/g,
    confidence: 0.9,
    reason: GIVEN_FOR_REVIEW,
  },
  {
    // Mixed the other way: "Free sample, 为了写好评".
    re: /(?<![a-z])(?:free(?:\s+sample)?|for\s+free|gifted|discount(?:ed)?)(?![a-z])[^.!?\n。！？]{0,16}?(?:写|给|留|打|换)(?:个|一个)?(?:好评|评价|五星|测评)/g,
    confidence: 0.9,
    reason: GIVEN_FOR_REVIEW,
  },
  {
    re: /(?:商家|卖家|店家|客服|厂家)(?:.{0,12}?)(?:送|给|返|退|补偿).{0,16}?(?:好评|评价|五星|五分)/g,
    confidence: 0.88,
    reason: GIVEN_FOR_REVIEW,
  },
  {
    re: /(?:要求|让我|叫我|请我)(?:写|给|打|留)?(?:个|一个)?(?:好评|五星|五分)/g,
    confidence: 0.75,
    reason: GIVEN_FOR_REVIEW,
  },
  // Weak on its own: "I received this for free" (a gift is not a review deal), below the default flag threshold.
  {
    re: /(?<![a-z])(?:received|got|was\s+given|was\s+sent|were\s+sent)\s+(?:this|it|these|them|the\s+\w+)\s+(?:for\s+free|free(?:\s+of\s+charge)?|as\s+a\s+free\s+sample|at\s+no\s+(?:cost|charge)|at\s+a\s+discount)(?![a-z])/g,
    confidence: 0.45,
    reason: MAYBE_FREE,
  },
];

export function findIncentivised(text: string | NormalisedViews): RuleFinding[] {
  const views = typeof text === 'string' ? normaliseViews(text) : text;
  const folded = views.canonical.text;
  const candidates: RuleFinding[] = [];
  for (const { re, confidence, reason } of PATTERNS) {
    for (const m of folded.matchAll(re)) {
      const [start, end] = views.canonical.span(m.index, m.index + m[0].length);
      candidates.push({ category: CATEGORY, kind: 'incentive', start, end, text: views.original.slice(start, end), reason, confidence });
    }
  }
  // Overlapping matches of different patterns: keep the most confident one (one sweep, in order of position).
  candidates.sort((a, b) => a.start - b.start || b.confidence - a.confidence);
  const out: RuleFinding[] = [];
  for (const c of candidates) {
    const last = out.at(-1);
    if (last && c.start < last.end) {
      if (c.confidence > last.confidence) out[out.length - 1] = c;
      continue;
    }
    out.push(c);
  }
  return out;
}
