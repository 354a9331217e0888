/**
 * The merchant's policy/FAQ documents: read from Markdown (each heading, "Q:" line or bold line that ends in "?"
 * starts an entry; the text under it is the answer) or JSON (`{"questions": [{question, answer}]}`, a list of
 * `{question, answer}` or `{title, text}`), and searched for a shopper's question. Retrieval is lexical (BM25 over
 * the entry's question, twice, and its answer) on concepts, reranked by how much of the entry's own question (its
 * distinguishing terms, weighted by rarity among the questions) the shopper asked: English words stemmed and mapped to one concept per
 * policy topic ("send back" and "退货" both mean return), so a question phrased differently from the document, or
 * in Chinese, finds the entry. An optional vector per entry (the bundled encoder, from the page) adds meaning.
 * Pure: worker, CLI and tests.
 */
import type { PolicyDocument, PolicyEntry } from '../../src/shared/protocol/assistant.ts';
import { stem, tokenize } from '../../src/shared/text/tokenize.ts';

export const POLICY_LIMITS = { bytes: 2_000_000, entries: 2000, questionChars: 500, answerChars: 8000 } as const;

export class PolicyFileError extends Error {
  override name = 'PolicyFileError';
}

/** Reads a policy document; throws PolicyFileError saying what to fix. */
export function parsePolicies(doc: PolicyDocument): PolicyEntry[] {
  if (doc.text.length > POLICY_LIMITS.bytes) throw new PolicyFileError(`The policy file "${doc.name}" is ${doc.text.length} characters; at most ${POLICY_LIMITS.bytes} are read. Split it or shorten it.`);
  const entries = doc.format === 'json' ? fromJson(doc) : fromMarkdown(doc);
  if (entries.length === 0) throw new PolicyFileError(`The policy file "${doc.name}" has no entries. In Markdown, start each entry with a heading ("## What is your return policy?"); in JSON, give {"questions": [{"question": "...", "answer": "..."}]}.`);
  if (entries.length > POLICY_LIMITS.entries) throw new PolicyFileError(`The policy file "${doc.name}" has ${entries.length} entries; at most ${POLICY_LIMITS.entries} are read.`);
  return entries;
}

function entry(doc: PolicyDocument, i: number, question: string, answer: string): PolicyEntry {
  return { id: `${doc.name}#${i + 1}`, question: question.trim().slice(0, POLICY_LIMITS.questionChars), answer: answer.trim().slice(0, POLICY_LIMITS.answerChars), source: doc.name };
}

function fromJson(doc: PolicyDocument): PolicyEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(doc.text);
  } catch (err) {
    throw new PolicyFileError(`The policy file "${doc.name}" is not valid JSON (${(err as Error).message}). Fix the file, or give it as Markdown.`);
  }
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? ((raw as Record<string, unknown>).questions ?? (raw as Record<string, unknown>).entries ?? (raw as Record<string, unknown>).faq) : undefined;
  if (!Array.isArray(list)) throw new PolicyFileError(`The policy file "${doc.name}" must hold a list of entries: {"questions": [{"question": "...", "answer": "..."}]}.`);
  return list.map((e, i) => {
    const o = (e ?? {}) as Record<string, unknown>;
    const q = o.question ?? o.title ?? o.q;
    const a = o.answer ?? o.text ?? o.a;
    if (typeof q !== 'string' || typeof a !== 'string' || !q.trim() || !a.trim()) throw new PolicyFileError(`Entry ${i + 1} of "${doc.name}" needs a "question" and an "answer" (text).`);
    return entry(doc, i, q, a);
  });
}

function fromMarkdown(doc: PolicyDocument): PolicyEntry[] {
  const out: Array<{ q: string; a: string[] }> = [];
  let section = '';
  for (const line of doc.text.split(/\r?\n/)) {
    const heading = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    const q = /^\s*(?:\*\*|__)?\s*(?:Q[:：.]|问[:：])\s*(.+?)(?:\*\*|__)?\s*$/i.exec(line) ?? /^\s*(?:\*\*|__)(.+\?)(?:\*\*|__)\s*$/.exec(line);
    if (heading && heading[1].length === 1) {
      section = heading[2];
      continue;
    }
    if (heading || q) {
      out.push({ q: (heading ? heading[2] : q![1]).replace(/\*\*|__/g, ''), a: [] });
      continue;
    }
    if (!out.length) continue;
    out[out.length - 1].a.push(line.replace(/^\s*(?:A[:：]|答[:：])\s*/i, ''));
  }
  void section;
  return out.filter((e) => e.a.join('').trim()).map((e, i) => entry(doc, i, e.q, e.a.join('\n').replace(/\n{3,}/g, '\n\n')));
}

/**
 * Policy topics: the words (English stems, Chinese words) that mean each one. Language, not the merchant's
 * content: a merchant's own words are matched as typed.
 */
const TOPICS: Record<string, string[]> = {
  return: ['return', 'returnable', 'returning', 'send back', 'send something back', 'send it back', 'sending back', 'give back', 'give it back', 'take back', 'take it back', 'bring it back', 'ship it back', '退', '退货', '退回', '退换'],
  refund: ['refund', 'money back', 'reimburse', 'refunded', '退款', '退钱', '返款', '到账'],
  exchange: ['exchange', 'swap', 'replace', 'replacement', '换货', '换', '更换', '调换'],
  ship: ['ship', 'shipping', 'shipped', 'deliver', 'delivery', 'arrive', 'dispatch', 'courier', 'transit', 'post', '发货', '配送', '送货', '快递', '到货', '能到', '送到', '运送', '寄', '运费'],
  fast: ['express', 'expedited', 'faster', 'fast', 'quick', 'quickly', 'next day', 'same day', 'overnight', 'urgent', '加急', '急', '当天', '次日', '快速', '加快'],
  mind: ['changed my mind', 'change my mind', 'dont like', "don't like", 'do not like', 'dont want it', 'not happy with', '不喜欢', '不想要', '后悔', '不满意'],
  message: ['message', 'note', 'greeting card', '贺卡', '留言', '卡片', '祝福'],
  cost: ['fee', 'charge', 'cost', 'free', 'price', 'extra', '运费', '收费', '费用', '包邮', '免费', '多少钱'],
  international: ['international', 'internationally', 'globally', 'abroad', 'overseas', 'outside india', 'outside the country', 'another country', 'other countries', 'different country', 'country', 'countries', 'worldwide', 'usa', 'us', 'uk', 'america', 'canada', 'australia', 'europe', 'dubai', 'singapore', '美国', '英国', '国际', '国外', '海外', '其他国家'],
  track: ['track', 'tracking', 'where', 'status', '物流', '查询', '怎么查', '查一下', '查我的', '追踪', '跟踪', '到哪'],
  // What is sent, one concept for its names: it says nothing about which question ("where is my parcel", "my
  // parcel is lost").
  parcel: ['package', 'parcel', 'shipment', 'consignment', '包裹'],
  // The thing bought, by any of its plain names.
  item: ['item', 'items', 'product', 'products', 'something', 'thing', 'things', 'stuff', '东西', '商品'],
  cancel: ['cancel', 'cancellation', 'call off', '取消', '撤销'],
  payment: ['pay', 'payment', 'payment method', 'payment option', 'card', 'credit', 'debit', 'paypal', 'upi', 'cod', 'cash on delivery', 'cash', 'net banking', 'netbanking', 'wallet', 'emi', '支付', '付款', '付钱', '信用卡', '货到付款', '支付宝', '微信'],
  secure: ['secure', 'security', 'safe', 'privacy', 'data', 'personal', 'detail', '安全', '隐私', '个人信息', '数据'],
  account: ['account', 'sign up', 'signing up', 'signup', 'register', 'registration', 'guest', 'as a guest', 'as guest', 'guest checkout', 'login', 'log in', '不注册', '不用注册', '免注册', '无需注册', '账号', '账户', '注册', '游客', '登录'],
  contact: ['contact', 'support', 'customer service', 'customer care', 'get in touch', 'speak to', 'talk to someone', 'real person', 'human', 'agent', 'helpline', 'help', 'phone', 'email', 'reach', 'talk', '客服', '联系', '电话', '人工'],
  damaged: ['damaged', 'broken', 'defective', 'faulty', 'lost', 'missing', 'never arrived', 'never came', 'never got', 'did not arrive', 'didnt arrive', 'not received', 'never received', 'never reached', '坏', '坏了', '破损', '损坏', '丢', '丢失', '质量问题'],
  wrong: ['wrong', 'incorrect', 'different item', 'different product', 'different thing', 'not what i ordered', 'did not order', 'didnt order', '发错', '错了', '不对'],
  // "the wrong address" asks about the address, not a wrong item.
  address: ['address', 'location', 'wrong address', 'incorrect address', 'address wrong', 'old address', 'new address', '地址', '改地址', '地址填错', '地址错了'],
  gift: ['gift', 'present', 'wrap', 'wrapping', '礼品', '礼物', '包装'],
  promo: ['promo', 'coupon', 'discount', 'code', 'voucher', '优惠', '优惠券', '折扣', '优惠码', '促销'],
  loyalty: ['loyalty', 'points', 'reward', 'member', 'membership', '会员', '积分', '奖励'],
  review: ['review', 'rating', 'rate', 'feedback', '评价', '评论', '点评'],
  invoice: ['invoice', 'receipt', 'bill', '发票', '收据', '小票'],
  stock: ['stock', 'available', 'availability', 'sold out', 'restock', 'backorder', 'pre order', 'preorder', '有货', '缺货', '补货', '预订', '预售', '售罄'],
  sale: ['sale', 'clearance', 'final', '特价', '清仓', '打折'],
  warranty: ['warranty', 'guarantee', 'repair', '保修', '保修期', '维修', '质保'],
  time: ['long', 'day', 'days', 'time', 'when', 'how soon', 'week', '多久', '几天', '时间', '多长', '快', '天'],
  size: ['size', 'fit', 'run small', 'run big', 'run large', 'runs small', 'runs big', 'true to size', '偏大', '偏小', '码数', '尺码', '尺寸', '大小'],
  price: ['price match', 'price adjustment', 'cheaper elsewhere', 'price dropped', 'price drop', 'price went down', 'price difference', 'difference back', 'cheaper now', 'now cheaper', 'price fell', 'price reduced', '价格保护', '比价', '降价'],
  custom: ['custom', 'customise', 'customize', 'customised', 'customized', 'personalised', 'personalized', 'personalise', 'personalize', 'made to order', '定制', '刻字'],
  install: ['install', 'installation', 'setup', 'assemble', '安装'],
  bulk: ['bulk', 'wholesale', 'pieces', 'large quantity', 'in quantity', '批发', '大量'],
  create: ['create', 'creating', 'make', 'open', 'set up', 'new', '创建', '开通', '新建'],
  without: ['without', 'as a guest', 'as guest', 'guest checkout', 'no longer have', "don't have", 'dont have', 'do not have', 'not have', '不注册', '不用注册', '免注册', '无需注册', '没有账号', '不用', '无需', '没有了'],
  broken: ['not working', 'doesnt work', "doesn't work", 'does not work', 'not work', 'invalid', 'rejected', '用不了', '不能用', '无效', '失效'],
};

const PHRASES: Array<[string, string]> = [];
const WORDS = new Map<string, string>();
for (const [topic, words] of Object.entries(TOPICS)) {
  for (const w of words) {
    if (/\p{Script=Han}/u.test(w) || w.includes(' ')) PHRASES.push([w, topic]);
    else WORDS.set(stem(w), topic);
  }
}
PHRASES.sort((a, b) => b[0].length - a[0].length);
const PHRASE_TOPICS = new Map<string, string[]>();
for (const [phrase, topic] of PHRASES) PHRASE_TOPICS.set(phrase, [...(PHRASE_TOPICS.get(phrase) ?? []), topic]);

const STOP = new Set('a an the is are am i my me you your we our us it this that of to for in on at by with do does did can could would should will be have has how what when where which who why if or and any there their them they so as about from take get put like dont want need know tell please pls have got offer provide 吗 呢 的 了 我 你 是 可以 能 怎么 吧 什么 有 没有 要 请问 吗？'.split(' '));

/** The concepts of a text: topic names where a policy word is used, else the stemmed word itself. */
export function policyConcepts(text: string): string[] {
  // "send stuff back", "give the shoes back": one word between the verb and "back" still means returning it.
  let s = ` ${text.toLowerCase().normalize('NFKC')} `.replace(/\b(send|give|take|bring|ship)\s+(?!it\b|something\b)[a-z']+\s+back\b/g, '$1 it back');
  const out: string[] = [];
  for (const [phrase] of PHRASES) {
    if (s.includes(phrase)) {
      // A phrase two topics share ("不注册": without, account) gives both.
      for (const t2 of PHRASE_TOPICS.get(phrase)!) out.push(`#${t2}`);
      s = s.split(phrase).join(' ');
    }
  }
  for (const w of tokenize(s)) {
    const st = stem(w);
    // A policy word first ("where", "when" ask about tracking and time), else a word that says nothing is left out.
    if (WORDS.has(st)) out.push(`#${WORDS.get(st)}`);
    else if (!STOP.has(w)) out.push(st);
  }
  return out;
}

export interface PolicyMatch {
  entry: PolicyEntry;
  score: number;
  /** The entry's own question names a policy topic the shopper's question names ("give back" and "return policy"). */
  topical: boolean;
}

/** BM25 over concepts, the question counted twice; with vectors, a cosine term from the encoder. */
export class PolicyIndex {
  readonly entries: PolicyEntry[];
  readonly #docs: Array<Map<string, number>>;
  readonly #lengths: number[];
  readonly #df = new Map<string, number>();
  readonly #avg: number;
  #vectors: Float32Array[] | null = null;

  constructor(entries: PolicyEntry[]) {
    this.entries = entries;
    this.#docs = entries.map((e) => {
      const tf = new Map<string, number>();
      for (const c of policyConcepts(e.question)) tf.set(c, (tf.get(c) ?? 0) + 2);
      for (const c of policyConcepts(e.answer.slice(0, 1200))) tf.set(c, (tf.get(c) ?? 0) + 1);
      return tf;
    });
    this.#lengths = this.#docs.map((d) => [...d.values()].reduce((a, b) => a + b, 0));
    for (const d of this.#docs) for (const c of d.keys()) this.#df.set(c, (this.#df.get(c) ?? 0) + 1);
    this.#avg = this.#lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.#lengths.length);
    // Each entry's distinguishing terms: its question's concepts, weighted by how rare they are among the questions.
    const qdf = new Map<string, number>();
    const questions = entries.map((e) => new Set(policyConcepts(e.question).filter((c) => !FRAMING.has(c))));
    for (const q of questions) for (const c of q) qdf.set(c, (qdf.get(c) ?? 0) + 1);
    this.#questionTerms = questions.map((q) => new Map([...q].map((c) => [c, Math.log(1 + entries.length / (qdf.get(c) ?? 1))])));
  }

  readonly #questionTerms: Array<Map<string, number>> = [];

  /** Entry vectors from the bundled encoder (same order as `entries`), for meaning. */
  setVectors(vectors: Float32Array[] | null): void {
    this.#vectors = vectors && vectors.length === this.entries.length ? vectors : null;
  }

  search(question: string, limit = 3, vector?: Float32Array | null): PolicyMatch[] {
    const q = [...new Set(policyConcepts(question))];
    const N = this.entries.length;
    const k1 = 1.2;
    const b = 0.6;
    const scores = this.#docs.map((d, i) => {
      let s = 0;
      for (const c of q) {
        const tf = d.get(c);
        if (!tf) continue;
        const df = this.#df.get(c) ?? 0;
        const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
        s += (idf * (tf * (k1 + 1))) / (tf + k1 * (1 - b + (b * this.#lengths[i]) / this.#avg));
      }
      return s;
    });
    const max = Math.max(1e-9, ...scores);
    // Reranking by the entry's own question: the share of its distinguishing terms (rarity-weighted) the shopper's
    // question has. Of two entries the words match alike ("create an account" / "order without creating an
    // account"), the one whose question says nothing the shopper did not ask wins.
    const qset = new Set(q);
    const coverage = this.#questionTerms.map((terms) => {
      let all = 0;
      let hit = 0;
      for (const [c, w] of terms) {
        all += w;
        if (qset.has(c)) hit += w;
      }
      return all ? hit / all : 0;
    });
    const combined = scores.map((s0, i) => {
      const s = s0 > 0 ? s0 + RERANK_WEIGHT * max * coverage[i] : 0;
      const lexical = s / max;
      if (!vector || !this.#vectors) return { i, score: lexical, raw: s0 };
      let dot = 0;
      const v = this.#vectors[i];
      for (let k = 0; k < v.length; k++) dot += v[k] * vector[k];
      return { i, score: 0.6 * lexical + 0.4 * Math.max(0, dot), raw: s0 };
    });
    return combined
      .filter((c) => c.raw > 0)
      .sort((a, b2) => b2.score - a.score)
      .slice(0, limit)
      .map((c) => ({ entry: this.entries[c.i], score: c.raw, topical: [...this.#questionTerms[c.i].keys()].some((t) => t.startsWith('#') && qset.has(t)) }));
  }
}

/** Topics that only policy questions use: the intent model reads them as one placeholder (TOPIC). */
export const POLICY_TOPICS = new Set(['return', 'refund', 'exchange', 'ship', 'international', 'track', 'cancel', 'payment', 'secure', 'account', 'contact', 'damaged', 'wrong', 'address', 'promo', 'loyalty', 'invoice', 'warranty', 'install', 'bulk', 'broken']);

/** The policy words of a text that name a policy-only topic, as written (for masking). */
export function policyWords(text: string): string[] {
  const s = text.toLowerCase().normalize('NFKC');
  const out: string[] = [];
  for (const [phrase, topic] of PHRASES) if (POLICY_TOPICS.has(topic) && s.includes(phrase)) out.push(phrase);
  for (const w of tokenize(s)) {
    const topic = WORDS.get(stem(w));
    if (topic && POLICY_TOPICS.has(topic)) out.push(w);
  }
  return out;
}

/**
 * Words that frame a policy question without saying which one ("What is your return *policy*?"): not counted among
 * an entry's distinguishing terms, so the general entry is not out-ranked by a specific one ("Can I return a product
 * if it was a final sale item?") for a question that names no special case.
 */
const FRAMING = new Set(['policy', 'policies', 'rule', 'rules', 'process', 'procedure', 'option', 'options', 'terms', '政策', '规定', '规则'].map((w) => stem(w)));

/** How much the question-coverage reranker adds, as a share of the best BM25 score. */
const RERANK_WEIGHT = 0.5;

/**
 * A best match below this BM25 score is no answer, unless its question names the topic the shopper asked about: the
 * assistant then says it has no policy on that. (BM25 scores shrink with the file: in a merchant's file of three
 * entries a single topic word scores about 1.5, in the demo's dozens about 4.)
 */
export const POLICY_FLOOR = 1.5;

/** Whether a best match answers the question (see POLICY_FLOOR). */
export function answersQuestion(match: PolicyMatch | undefined): match is PolicyMatch {
  return !!match && (match.score >= POLICY_FLOOR || match.topical);
}
