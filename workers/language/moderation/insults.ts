/**
 * Profanity, slurs and insults, the rule half of the toxic category (the classifier is the other half):
 * - English: the `obscenity` package's English data set and matcher (its transformers resolve leetspeak "sh1t", "b!tch",
 *   repeated letters "fuuuck", and its whitelists keep "Scunthorpe" and "assessment" clean), with the anatomical and
 *   sexual words a shop sells products for left out ("unisex", "anal thermometer", "boob tube"), and insults added
 *   (idiot, stupid, moron, dumbass ...). It reads the letters view of normalise.ts, so spaced letters ("s t u p i d"),
 *   lookalike letters and full-width forms are seen through too.
 * - Chinese: a small curated list of the common insults and their evasions: pinyin initials (sb, nmsl, cnm), homophones
 *   (草泥马, 煞笔, 沙比), mixed forms (傻b, 傻x), pinyin (shabi, caonima), with separators between the characters seen
 *   through ("傻 逼", "傻*逼").
 * Confidence follows what a word says about the writer's intent: an insult aimed at someone ("you are a stupid
 * idiot", "the seller is a moron", "fuck you") or a slur 0.95 (blocked by default); profanity on its own ("fucking
 * great") 0.75, a mild insult word on its own ("stupid zip") 0.7 (flagged: the writer is warned and may edit).
 * Pure; spans are offsets into the original text.
 */
import { benignIdiomSpans } from './idioms.ts';
import { DataSet, englishDataset, englishRecommendedTransformers, pattern, RegExpMatcher } from 'obscenity';
import { normaliseViews, type NormalisedViews } from './normalise.ts';
import type { RuleFinding } from './types.ts';

/** obscenity words that name body parts, sex or products a shop sells, or are ambiguous in reviews. */
const NOT_INSULTS = new Set(['anal', 'anus', 'boob', 'penis', 'sex', 'vagina', 'tit', 'semen', 'orgasm', 'masturbate', 'ejaculate',
  'hentai', 'porn', 'buttplug', 'dildo', 'doggystyle', 'fellatio', 'bestiality', 'incest', 'orgy', 'scat', 'lubejob', 'cum', 'cock',
  'arse', 'ass', 'piss', 'turd', 'bollocks', 'negro']);
/** Slurs against groups of people: always blocked, and counted as hate too. */
const SLURS = new Set(['abo', 'abeed', 'africoon', 'arabush', 'boonga', 'chingchong', 'chink', 'kike', 'nigger', 'fag', 'dyke', 'tranny',
  'retard', 'spastic', 'whore', 'slut']);
const MILD = new Set(['stupid', 'dumb', 'loser', 'jerk', 'pathetic person']);

type Meta = { originalWord: string };

function buildMatcher(): { matcher: RegExpMatcher; dataset: DataSet<Meta> } {
  const dataset = new DataSet<Meta>()
    .addAll(englishDataset)
    .removePhrasesIf((p) => NOT_INSULTS.has(p.metadata?.originalWord ?? ''))
    .addPhrase((p) => p.setMetadata({ originalWord: 'idiot' }).addPattern(pattern`idiot`).addPattern(pattern`idoit`).addPattern(pattern`idiat`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'stupid' }).addPattern(pattern`|stupid`).addPattern(pattern`|stoopid`).addPattern(pattern`|stupd|`).addPattern(pattern`|stpid|`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'moron' }).addPattern(pattern`|moron`).addWhitelistedTerm('sophomoron'))
    .addPhrase((p) => p.setMetadata({ originalWord: 'imbecile' }).addPattern(pattern`imbecil`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'dumbass' }).addPattern(pattern`dumbass`).addPattern(pattern`dumb ass`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'dumb' }).addPattern(pattern`|dumb|`).addPattern(pattern`|dumbo|`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'loser' }).addPattern(pattern`|loser|`).addPattern(pattern`|losers|`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'jackass' }).addPattern(pattern`jackass`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'scumbag' }).addPattern(pattern`|scum`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'douche' }).addPattern(pattern`|douche`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'cretin' }).addPattern(pattern`|cretin`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'nitwit' }).addPattern(pattern`|nitwit`).addPattern(pattern`|dimwit`).addPattern(pattern`|halfwit`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'numbskull' }).addPattern(pattern`|numbskull`).addPattern(pattern`|bonehead`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'kill yourself' }).addPattern(pattern`kill yourself`).addPattern(pattern`|kys|`).addPattern(pattern`go die`))
    // Masked with a symbol: "b*tch", "st*pid", "sh#t", "c*nt" (obscenity's "?" is any one character).
    .addPhrase((p) => p.setMetadata({ originalWord: 'bitch' }).addPattern(pattern`|b?tch`).addWhitelistedTerm('batch').addWhitelistedTerm('botch').addWhitelistedTerm('butch'))
    .addPhrase((p) => p.setMetadata({ originalWord: 'stupid' }).addPattern(pattern`|st?pid`).addPattern(pattern`|stup?d`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'shit' }).addPattern(pattern`|sh?t|`).addPattern(pattern`|sh?tty`).addWhitelistedTerm('shot').addWhitelistedTerm('shut').addWhitelistedTerm('shat'))
    .addPhrase((p) => p.setMetadata({ originalWord: 'cunt' }).addPattern(pattern`|c?nt|`).addWhitelistedTerm('cant').addWhitelistedTerm('cent').addWhitelistedTerm('cnt'))
    .addPhrase((p) => p.setMetadata({ originalWord: 'idiot' }).addPattern(pattern`|id?ot`).addPattern(pattern`|?diot`))
    .addPhrase((p) => p.setMetadata({ originalWord: 'moron' }).addPattern(pattern`|m?ron|`).addWhitelistedTerm('maron').addWhitelistedTerm('meron').addWhitelistedTerm('myron'))
    .addPhrase((p) => p.setMetadata({ originalWord: 'jerk' }).addPattern(pattern`|jerk|`).addPattern(pattern`|jerks|`));
  return { matcher: new RegExpMatcher({ ...dataset.build(), ...englishRecommendedTransformers }), dataset };
}

let built: ReturnType<typeof buildMatcher> | undefined;

/** Someone is addressed or named right before the word: "you (are a) ...", "the seller is a ...", "shut up ...". */
const AIMED_BEFORE = /(?:(?<![a-z])(?:you|u|ya|ye|ur|your|youre|you're|yall|y'all)(?![a-z])|(?<![a-z])(?:seller|sellers|vendor|shopkeeper|owner|staff|courier|delivery\s+(?:guy|boy|man|person|agent)|customer\s+(?:care|service|support)|support|agent|manager|he|she|they|this\s+(?:guy|man|woman|lady|person)|these\s+people|people)\s+(?:is|are|was|were|r|=)(?![a-z])|(?<![a-z])(?:shut\s+up|get\s+lost|listen|hey|oi)(?![a-z]))[^.!?\n]{0,30}$/;
/** ... or right after it: "fuck you", "idiot seller". */
const AIMED_AFTER = /^[\s,!*-]{0,3}(?:you|u|ya|off|yourself|urself|seller|vendor|owner|people)(?![a-z])/;

/** Chinese insults and their evasions. Strong (0.95) and mild (0.75) forms. */
const ZH_STRONG = [
  '操你妈', '草你妈', '艹你妈', '操尼玛', '草泥马', '曹尼玛', '肏你妈', '日你妈', '日尼玛', '你妈死了', '你妈逼', '你妈的逼', '妈了个逼', '妈了个巴子',
  '傻逼', '傻屄', '傻比', '傻b', '傻x', '傻叉', '煞笔', '煞比', '沙比', '沙雕玩意', '二逼', '装逼犯', '去死', '死全家', '全家死', '贱人', '贱货', '婊子',
  '狗日的', '王八蛋', '杂种', '畜生', '人渣', '滚你妈', '狗娘养的', '你全家', '脑残', '智障', '弱智',
];
const ZH_MILD = ['他妈的', '妈的', '卧槽', '我靠', '白痴', '废物', '傻子', '蠢货', '蠢猪', '滚蛋', '狗东西', '神经病', '有病', '尼玛', '垃圾玩意'];
/** Pinyin and pinyin initials, as whole tokens. The two-letter ones only count in a text with Chinese in it. */
const PINYIN_STRONG = /(?<![a-z])(?:nmsl|cnm|wcnm|nmb|mlgb|rnm|nmlgb|cnmb|caonima|cao\s+ni\s+ma|shabi|sha\s+bi|qusi|nima\s*si)(?![a-z])/g;
const PINYIN_SHORT = /(?<![a-z])(?:sb|tmd|nt|zz|nc)(?![a-z])/g;
/** An insult word after a person word: 垃圾卖家, 这个客服是傻子. */
const ZH_AIMED = /(?:垃圾|废物|傻|蠢|骗子|黑心)(?:卖家|商家|店家|客服|老板|快递员?)|(?:卖家|商家|店家|客服|老板|快递员?)(?:是|就是|真是|都是)?(?:个|一个)?(?:骗子|垃圾|废物|傻子|白痴|蠢货)/g;
const HAN = /\p{Script=Han}/u;
/**
 * Letters of a profanity replaced by symbols in a way the matcher does not undo: "a-hole", "a**hole", "a$$hole" (the
 * middle of the word masked, not one letter per symbol), "f-ing", "b-tch". At least one symbol, never only spaces
 * ("a hole in the sole" is not one).
 */
const MASKED_MIDDLE = /(?<![a-z])(?:a\s?[-*$@#!%._]{1,3}\s?holes?|f[-*$@#!%_]{1,3}(?:ing|in|er|ers|ed)|b[-*$@#!%_]{1,3}tch(?:es)?|sh[-*$@#!%_]{1,3}t(?:ty)?)(?![a-z])/g;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
const ZH_STRONG_RE = new RegExp(ZH_STRONG.map(escape).join('|'), 'g');
const ZH_MILD_RE = new RegExp(ZH_MILD.map(escape).join('|'), 'g');

const AIMED_REASON = 'This insults someone. Reviews are about the product: please rephrase without the insult.';
const SLUR_REASON = 'This uses a slur against a group of people, which is not allowed.';
const PROFANITY_REASON = 'This uses offensive language. Please rephrase it.';
const MILD_REASON = 'This may read as insulting. Consider rephrasing it.';

/** Every profanity, slur and insult in the text, as toxic findings (slurs also as hate findings). */
export function findInsults(text: string | NormalisedViews): RuleFinding[] {
  const views = typeof text === 'string' ? normaliseViews(text) : text;
  const view = views.letters;
  const lower = view.text;
  built ??= buildMatcher();
  const out: RuleFinding[] = [];
  const add = (start: number, end: number, kind: string, reason: string, confidence: number, category: 'toxic' | 'hate' = 'toxic') => {
    const [s, e] = view.span(start, end);
    if (out.some((f) => f.category === category && f.start < e && f.end > s && f.confidence >= confidence)) return;
    out.push({ category, kind, start: s, end: e, text: views.original.slice(s, e), reason, confidence });
  };
  // Shop idioms that praise ("idiot-proof", "stupidly comfortable"): their insult word is not an insult (idioms.ts).
  const idioms = benignIdiomSpans(lower);
  for (const m of built.matcher.getAllMatches(lower, true)) {
    const word = built.dataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? '';
    const start = m.startIndex;
    const end = m.endIndex + 1;
    if (idioms.some(([s, e]) => start >= s && end <= e)) continue;
    const aimed = AIMED_BEFORE.test(lower.slice(Math.max(0, start - 60), start)) || AIMED_AFTER.test(lower.slice(end, end + 16));
    if (SLURS.has(word)) {
      add(start, end, 'slur', SLUR_REASON, 0.95);
      add(start, end, 'slur', SLUR_REASON, 0.8, 'hate');
    } else if (aimed) {
      add(start, end, 'insult', AIMED_REASON, 0.95);
    } else if (MILD.has(word)) {
      add(start, end, 'insult', MILD_REASON, 0.7);
    } else {
      add(start, end, 'profanity', PROFANITY_REASON, 0.75);
    }
  }
  for (const m of lower.matchAll(MASKED_MIDDLE)) {
    const start = m.index!;
    const end = start + m[0].length;
    const aimed = AIMED_BEFORE.test(lower.slice(Math.max(0, start - 60), start)) || AIMED_AFTER.test(lower.slice(end, end + 16));
    add(start, end, aimed ? 'insult' : 'profanity', aimed ? AIMED_REASON : PROFANITY_REASON, aimed ? 0.95 : 0.75);
  }
  const hasHan = HAN.test(lower);
  for (const m of lower.matchAll(ZH_STRONG_RE)) add(m.index!, m.index! + m[0].length, 'insult', AIMED_REASON, 0.95);
  for (const m of lower.matchAll(ZH_AIMED)) add(m.index!, m.index! + m[0].length, 'insult', AIMED_REASON, 0.92);
  for (const m of lower.matchAll(ZH_MILD_RE)) add(m.index!, m.index! + m[0].length, 'profanity', PROFANITY_REASON, 0.75);
  for (const m of lower.matchAll(PINYIN_STRONG)) add(m.index!, m.index! + m[0].length, 'insult', AIMED_REASON, 0.95);
  if (hasHan) for (const m of lower.matchAll(PINYIN_SHORT)) add(m.index!, m.index! + m[0].length, 'insult', AIMED_REASON, m[0] === 'sb' ? 0.92 : 0.75);
  return out.sort((a, b) => a.start - b.start);
}
