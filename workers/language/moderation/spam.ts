/**
 * Spam and scam wording, the rule half of the spam category (the classifier is the other half): phrases that only
 * spam and scams use, in English and Chinese: prize claims ("you have won", "claim your prize", "text WIN to 80086"),
 * premium-rate calls, fake jobs and easy money ("earn Rs 5,000 daily from home", 兼职刷单, 日赚), loans without
 * checks, guaranteed returns, account-suspension phishing, paid followers and reviews, "add me on WeChat for a
 * discount" (加微信领红包). A number, a price, a size, an order or model number is never a cue on its own: every cue
 * is words. One cue flags (0.75); two different cues, or one with a link or a contact detail, block (0.92).
 * Pure; spans are offsets into the original text.
 */
import { normaliseViews, type NormalisedViews } from './normalise.ts';
import type { RuleFinding } from './types.ts';

interface Cue {
  id: string;
  re: RegExp;
}

const CUES: Cue[] = [
  { id: 'prize', re: /(?<![a-z])(?:you(?:'ve|\s+have)?\s+(?:been\s+selected|won(?![a-z'])|been\s+chosen)|you\s+are\s+(?:a|our|the)\s+(?:lucky\s+)?winner|claim\s+(?:your|the|a)\s+(?:free\s+)?(?:prize|reward|gift|cash|voucher|bonus)|lucky\s+draw|free\s+entry|prize\s+(?:draw|money)|cash\s+prize)(?![a-z])/g },
  { id: 'reply-to-shortcode', re: /(?<![a-z])(?:text|txt|sms|reply)\s+(?:["']?[a-z]{2,10}["']?\s+)?to\s+\d{4,6}(?!\d)/g },
  { id: 'premium-call', re: /(?<![a-z])(?:call|dial|ring)\s+(?:now\s+)?(?:on\s+)?09\d{2}[\s-]?\d{3}[\s-]?\d{3,4}|(?<!\d)\d{1,4}p\s{0,3}\/\s{0,3}min|(?<![a-z])per\s+min(?:ute)?\s+(?:call|charge)/g },
  { id: 'easy-money', re: /(?<![a-z])(?:work(?:s|ing)?|earn(?:s|ing)?|jobs?)\s+(?:from|at)\s+(?:your\s+)?home(?![a-z])|(?<![a-z])(?:make|making)\s+(?:up\s+to\s+)?(?:[$₹£€]|rs\.?|inr)\s?[\d,]{1,15}k?\s{0,3}(?:\/|per|a|every)\s{0,3}(?:day|week|month|hour)(?![a-z])|(?<![a-z])earn\s+(?:up\s+to\s+)?(?:[$₹£€]|rs\.?|inr)?\s?[\d,]{1,15}k?\s{0,3}(?:\/|per|a|every)?\s{0,3}(?:day|daily|week|weekly|month|hour)|(?<![a-z])(?:no\s+investment|part[\s-]time\s+job.{0,30}(?:daily|per\s+day))(?![a-z])/g },
  { id: 'loan', re: /(?<![a-z])(?:instant|pre[\s-]?approved|guaranteed)\s+(?:personal\s+)?loan|loan.{0,30}(?:no\s+documents|without\s+(?:documents|cibil|credit\s+check)|0%\s+interest)/g },
  { id: 'returns', re: /(?<![a-z])(?:guaranteed\s+(?:returns?|profits?|income)|double\s+your\s+money|\d{2,4}%\s+(?:profit|returns?)|sure[\s-]shot\s+tips)(?![a-z])/g },
  { id: 'phishing', re: /(?<![a-z])(?:your\s+(?:bank\s+)?account\s+(?:has\s+been|will\s+be|is)\s+(?:suspended|blocked|locked|on\s+hold)|verify\s+your\s+(?:account|details|identity|kyc)|update\s+your\s+kyc|(?:share|send|reply\s+with)\s+(?:your\s+)?(?:otp|upi\s+pin|cvv|bank\s+details))(?![a-z])/g },
  { id: 'followers', re: /(?<![a-z])buy\s+(?:instagram\s+|youtube\s+)?(?:followers|likes|views|reviews)|(?<![a-z])(?:(?<![\d,])\d[\d,]{0,15}\s{1,3})?followers\s+for\s+(?:just|only)(?![a-z])/g },
  { id: 'urgency', re: /(?<![a-z])(?:act\s+now|limited\s+time\s+only|offer\s+ends\s+(?:today|tonight)|(?:call|text|click|reply)\s+now\s+to\s+(?:claim|win|get|collect))(?![a-z])/g },
  // A delivery problem told to the reader ("your parcel is on hold"): the parcel-fee scam. A shopper writes "my parcel".
  { id: 'parcel-scam', re: /(?<![a-z])(?:your|ur)\s+(?:parcel|package|shipment|consignment|delivery|courier)\s+(?:(?:is|has\s+been|was)\s+(?:on\s+hold|held\s+(?:at|by|for)|suspended|undeliverable)|could\s+not\s+be\s+delivered)(?![a-z])/g },
  { id: 'dating', re: /(?<![a-z])(?:hot|lonely|sexy)\s+(?:singles|girls|women|ladies|housewives)|(?<![a-z])(?:meet|date)\s+(?:hot\s+)?(?:singles|girls)\s+(?:near|in)(?![a-z])/g },
  { id: 'threat', re: /(?<![a-z])(?:final\s+(?:notice|warning)|face\s+(?:arrest|legal\s+action)|will\s+be\s+(?:arrested|disconnected\s+tonight))(?![a-z])/g },
  { id: 'contact-for-deal', re: /(?<![a-z])(?:whatsapp|telegram|dm|message|contact)\s+(?:me|us)\s+(?:on|at|for)\s+.{0,20}(?:cheap|discount|deal|offer|price|refund|job|earn)/g },
  { id: 'zh-prize', re: /(?:恭喜[您你].{0,10}(?:获得|中奖|中了|被选中)|中奖|领取.{0,6}(?:奖品|红包|大奖)|幸运(?:大奖|用户|抽奖))/g },
  { id: 'zh-easy-money', re: /(?:兼职|刷单|日赚|日入|月入过?万|在家(?:就能)?赚钱|零投资|轻松赚|网络赚钱|躺赚)/g },
  { id: 'zh-loan', re: /(?:无抵押|免息|秒批|当天放款|黑户也能|套现|提额)(?:.{0,6}贷款)?/g },
  { id: 'zh-returns', re: /(?:稳赚不赔|保本|高收益|月收益\d|投资理财.{0,6}(?:稳|高)|博彩|首充送)/g },
  { id: 'zh-contact', re: /(?:加(?:我)?(?:微信|薇信|威信|v信|vx|wx|qq|扣扣)|私聊|加群|扫码).{0,12}(?:领|送|优惠|便宜|红包|返|赚)/g },
  // Share-to-get scams: 转发朋友圈, 集赞 for a free gift.
  { id: 'zh-share', re: /(?:(?:只需|只要|即可)(?:转发|分享|集赞|关注)|(?:转发|分享)(?:到)?朋友圈.{0,8}(?:领|送|得|抽)|免费(?:领|送|拿).{0,12}(?:转发|分享|集赞)|集满?\d{1,3}个?赞)/g },
  { id: 'zh-fake', re: /(?:代开发票|刷信誉|刷好评|高仿|一比一|减肥神药|不反弹)/g },
  { id: 'zh-phishing', re: /(?:账户(?:存在风险|异常|将被冻结)|点击链接.{0,6}(?:验证|领取|提现)|立即提现)/g },
];

/**
 * What every spam and scam asks of the reader: to call, text, click, visit, reply, claim, join, contact, register...
 * (English and Chinese). A text that asks nothing of anyone (a review that says "saved ₹300 with the bank offer") is
 * not spam, whatever the classifier makes of its numbers and prices.
 */
const ACTION = /(?<![a-z])(?:call|ring|text|txt|reply|sms|click|tap|visit|go\s+to|dial|whatsapp|telegram|contact|register|sign\s+up|subscribe|claim|join|apply|download|install|log\s*in|verify|update\s+your|send\s+(?:me|us|your)|dm|message\s+(?:me|us)|win|won|winner|prize|reward|free\s+entry|earn|invest|loan)(?![a-z'])|https?:|www\.|@|加(?:我|群|微|v|vx|wx|qq)|联系|点击|私聊|私信|扫码|关注|领取|拨打|致电|打开|进群|下载|注册|报名|咨询|回复|中奖|赚|贷款|投资/;

export function asksForAction(text: string | NormalisedViews): boolean {
  const views = typeof text === 'string' ? normaliseViews(text) : text;
  return ACTION.test(views.contact.text);
}

const REASON = 'This reads like spam or a scam (prizes, easy money, "text this number", "add me for a deal").';

/** Spam cues; `contactOrLink` says whether the text also has a contact detail or a link (found by the other rules). */
export function findSpam(text: string | NormalisedViews, contactOrLink = false): RuleFinding[] {
  const views = typeof text === 'string' ? normaliseViews(text) : text;
  const view = views.contact;
  const hits: Array<{ id: string; start: number; end: number }> = [];
  for (const { id, re } of CUES) {
    for (const m of view.text.matchAll(re)) {
      const [start, end] = view.span(m.index!, m.index! + m[0].length);
      hits.push({ id, start, end });
    }
  }
  if (hits.length === 0) return [];
  const distinct = new Set(hits.map((h) => h.id)).size;
  const confidence = distinct >= 2 || contactOrLink ? 0.92 : 0.75;
  return hits
    .sort((a, b) => a.start - b.start)
    .map((h) => ({ category: 'spam' as const, kind: h.id, start: h.start, end: h.end, text: views.original.slice(h.start, h.end), reason: REASON, confidence }));
}
