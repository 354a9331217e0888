/**
 * One request → an intent and constraints, with the conversation so far: slots by rules over the catalog's names
 * (slots.ts), the intent by the trained model (intent-model.ts) with a few rules where a word decides it (an
 * ordinal points into the last answer, "why" asks for an explanation), and multi-turn refinement: a request that
 * only adds or changes a constraint ("cheaper ones?", "in black?", "便宜点的") keeps the previous ones.
 */
import type { ChatContext, Constraints, Intent, Understanding } from '../../src/shared/protocol/assistant.ts';
import { IntentModel, type IntentModelFile } from './intent-model.ts';
import { extractSlots } from './slots.ts';
import type { CatalogTerms } from './terms.ts';

const HAN = /\p{Script=Han}/u;

const ORDINALS: Array<[RegExp, number]> = [
  [/\b(?:first|1st|#\s*1|number\s*1|no\.?\s*1)\b|第一|第1/iu, 0],
  [/\b(?:second|2nd|#\s*2|number\s*2|no\.?\s*2)\b|第二|第2/iu, 1],
  [/\b(?:third|3rd|#\s*3|number\s*3|no\.?\s*3)\b|第三|第3/iu, 2],
  [/\b(?:fourth|4th|#\s*4|number\s*4)\b|第四|第4/iu, 3],
  [/\b(?:fifth|5th|#\s*5|number\s*5)\b|第五|第5/iu, 4],
];
const LAST = /\b(?:last\s+one|the\s+last)\b|最后一个/iu;
const BOTH = /\b(?:both|these\s+two|the\s+two)\b|这两个|两个都/iu;
const TOP_N = /\b(?:first|top)\s+(two|three|2|3)\b|前(两|三|2|3)个/iu;
const CHEAPER = /\bcheaper\b|\bless\s+expensive\b|\blower\s+price\b|便宜(?:点|一点|一些|些)?的?|更便宜|还有便宜|实惠点/iu;
const PRICIER = /\b(?:more\s+expensive|pricier|higher\s+end|premium)\b|贵一点|更贵|高档一点/iu;
const VIEWED = /\b(?:i\s+(?:looked\s+at|viewed|saw|was\s+looking\s+at)|i've\s+seen|recently\s+viewed)\b|看过|看的那个|浏览/iu;
const ORDERED = /\b(?:i\s+(?:ordered|bought|purchased|got)|(?:did|have)\s+i\s+(?:order|buy|bought|purchase|get)|i've\s+(?:ordered|bought)|my\s+(?:last\s+)?orders?|my\s+purchases?|order\s+history|previous\s+order|last\s+order)\b|买过|上次买|订单|买了什么|上一单/iu;
const REORDER = /\b(?:order\s+(?:that|it|them)\s+again|buy\s+(?:that|it|them)\s+again|reorder|same\s+again)\b|再买一次|再来一单|再买|重新下单/iu;

export class Understander {
  readonly model: IntentModel;

  constructor(
    readonly terms: CatalogTerms,
    modelFile: IntentModelFile,
  ) {
    this.model = new IntentModel(modelFile);
  }

  understand(text: string, context: ChatContext): Understanding {
    const slots = extractSlots(text, this.terms);
    const c = slots.constraints;
    const { intent: modelIntent, confidence } = this.model.classify(slots.masked);
    let intent: Intent = modelIntent;
    const language = HAN.test(text) && [...text].filter((ch) => HAN.test(ch)).length * 3 >= text.replace(/\s/g, '').length ? 'zh' : 'en';
    const refers: number[] = [];
    const top = TOP_N.exec(text);
    if (top) {
      const n = /three|3|三/.test(top[1] ?? top[2] ?? '') ? 3 : 2;
      for (let i = 0; i < n; i++) refers.push(i);
    } else {
      for (const [re, i] of ORDINALS) if (re.test(text)) refers.push(i);
      if (LAST.test(text) && context.shown.length) refers.push(context.shown.length - 1);
      if (BOTH.test(text) && !refers.length) refers.push(0, 1);
    }
    const history = VIEWED.test(text) ? 'viewed' : ORDERED.test(text) && !REORDER.test(text) ? 'ordered' : undefined;
    const action = REORDER.test(text) ? 'reorder' : intent === 'cart' ? 'add' : undefined;

    // A request that names no kind of thing but refines: keeps what the previous search asked for.
    const refines = (CHEAPER.test(text) || PRICIER.test(text) || slots.named.size > 0) && !slots.named.has('category') && context.intent !== null && ['search', 'recommend'].includes(context.intent) && Object.keys(context.constraints).length > 0;
    let constraints: Constraints = { ...c };
    let followUp = false;
    if ((intent === 'search' || intent === 'recommend') && refines && !history) {
      followUp = true;
      constraints = { ...context.constraints, ...c };
      // The Chinese names follow the slot they name: a new category or colour brings its own (or none).
      const zh = { category: c.category ? c.zh?.category : context.constraints.zh?.category, color: c.color ? c.zh?.color : context.constraints.zh?.color };
      if (zh.category || zh.color) constraints.zh = Object.fromEntries(Object.entries(zh).filter(([, v]) => v));
      else delete constraints.zh;
      if (!c.words) delete constraints.words;
      if (c.words) constraints.words = [context.constraints.words, c.words].filter(Boolean).join(' ');
    }
    if (CHEAPER.test(text) && c.priceMax === undefined && c.sort === undefined) {
      constraints.sort = 'price_asc';
      if (!slots.named.has('priceMax')) constraints.cheaper = true;
    } else if (PRICIER.test(text) && c.priceMin === undefined && c.sort === undefined) constraints.sort = 'price_desc';
    if (constraints.words) constraints.words = cleanWords(constraints.words);
    if (!constraints.words) delete constraints.words;
    // The model gets the intent; a few words decide it over the model.
    if (REORDER.test(text)) intent = 'cart';
    else if (/^\s*(?:why\b|为什么)/iu.test(text)) intent = 'explain';
    // "i bought …" is the order history, unless the model reads a story about it that asks a policy question ("i
    // bought it yesterday and the price dropped").
    else if (history === 'ordered' && intent !== 'cart' && intent !== 'recommend' && intent !== 'faq' && !slots.masked.includes('TOPIC')) intent = 'orders';
    return { intent, confidence: intent === modelIntent ? confidence : 1, constraints, refers: [...new Set(refers)], followUp, history, action, language };
  }
}

/** Words that only ask ("show me", "ones", "please"), left out of what is searched for. */
const ASKING = new Set(
  'show me i want need looking look for find search get buy any some something anything ones one please pls plz can you do have got give see more options like the a an is are there what about only and also in of to my me some other please list all browse just products items cheaper less expensive price lower higher'.split(' '),
);

function cleanWords(words: string): string {
  return words
    .split(/[\s?!.,，。？！]+/u)
    .filter((w) => w && !ASKING.has(w.toLowerCase()) && !/^(?:有没有|有|吗|呢|的|我想买|我想|想要|找|看看|给我|帮我|还有|便宜|点|一点|更|请|我要|要)$/u.test(w))
    .join(' ');
}
