/**
 * Shop idioms built on an insult or a violent word that praise a product: "idiot-proof", "foolproof", "stupidly
 * comfortable", "insanely fast", "killer battery life", "a beast of a phone". The classifier, trained on tweets and
 * forum posts, reads the insult word and not the idiom; as "numbers never count as spam on their own", these never
 * count as toxic or hateful on their own: a piece that scores toxic or hate with one of them is read again with the
 * idiom replaced by a plain word ("easy to use", "very", "great"), and keeps the lower score. An insult beside the
 * idiom ("you idiot, it's idiot-proof") still scores on the second reading, and the rules read the text unchanged.
 * Pure; runs in workers and in Node.
 */
import { canonicalText } from './normalise.ts';

const ADJECTIVES =
  'good|great|cheap|fast|easy|comfortable|comfy|simple|soft|light|lightweight|bright|loud|sharp|strong|well|quick|durable|cute|pretty|useful|handy|smooth|quiet|warm|powerful|accurate|nice|tasty|delicious|affordable|sturdy|clear|crisp|long|good-looking|addictive|fun|happy|satisfied|pleased|small|big|thin|portable|efficient|reliable|responsive|beautiful|well-made';
const KILLER_NOUNS = 'battery|feature|features|deal|deals|price|prices|sound|bass|app|camera|look|looks|value|combo|design|performance|display|screen|speakers?|product|phone|buy|offer';

const IDIOMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(?<![a-z])(?:idiot|fool|dummy|moron|child|kid)[\s-]?proof(?![a-z])/g, 'easy to use'],
  [new RegExp(String.raw`(?<![a-z])(?:stupid|stupidly|insane|insanely|ridiculous|ridiculously|crazy|absurdly|wicked|wickedly|stupendously)\s+(?=(?:${ADJECTIVES})(?![a-z]))`, 'g'), 'very '],
  [new RegExp(String.raw`(?<![a-z])killer\s+(?=(?:${KILLER_NOUNS})(?![a-z]))`, 'g'), 'great '],
  [/(?<![a-z])(?:a|an)\s+(?:absolute\s+)?(?:beast|monster)(?:\s+of\s+a)?(?![a-z])/g, 'a great'],
];

/** Where the idioms are in an already canonical text (for the insult rule, which leaves them alone). */
export function benignIdiomSpans(canonical: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const [re] of IDIOMS) for (const m of canonical.matchAll(re)) out.push([m.index!, m.index! + m[0].length]);
  return out;
}

/** Whether `text` has one of the idioms above. */
export function hasBenignIdiom(text: string): boolean {
  const t = canonicalText(text).text;
  return IDIOMS.some(([re]) => {
    re.lastIndex = 0;
    return re.test(t);
  });
}

/** `text` (canonical, lower case) with each idiom replaced by its plain word. */
export function maskBenignIdioms(text: string): string {
  let t = canonicalText(text).text;
  for (const [re, plain] of IDIOMS) t = t.replace(re, plain);
  return t;
}
