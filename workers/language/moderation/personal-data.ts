/**
 * Personal data in free text: e-mail addresses (plain and "name at gmail dot com"), phone numbers (international
 * +/00 forms; national forms of North America, the UK and Europe, India, China, Japan, Australia; 7-8 digit local
 * numbers next to a word like "call" or 电话), payment card numbers (length, issuer prefix and the Luhn check),
 * messaging handles (微信/WeChat, QQ, WhatsApp, Telegram ...), and street addresses (English, Indian and Chinese
 * forms, PO boxes). Pure; spans are offsets into the original text.
 *
 * The rules prefer missing an odd format to raising false alarms on what reviews are full of: prices, sizes, dates,
 * order, model and part numbers, PIN/ZIP codes. Numbers that follow such a word are never taken for a phone.
 */
import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js/min';
import { digitsOf, MappedText, normaliseViews, type NormalisedViews } from './normalise.ts';
import type { RuleFinding } from './types.ts';

const CATEGORY = 'personal-data' as const;

/** What the finders read: a view of the text (normalise.ts) and the original, for spans. */
interface Source {
  view: MappedText;
  original: string;
}

/** A finding at [start, end) of the view, reported at its place in the original text. */
function finding(src: Source, start: number, end: number, kind: string, reason: string, confidence: number): RuleFinding {
  const [s, e] = src.view.span(start, end);
  return { category: CATEGORY, kind, start: s, end: e, text: src.original.slice(s, e), reason, confidence };
}

/** Whether [start, end) of the view overlaps what `taken` (original offsets) already holds. */
function overlapsView(taken: Array<[number, number]>, src: Source, start: number, end: number): boolean {
  const [s, e] = src.view.span(start, end);
  return overlaps(taken, s, e);
}

// ---------------------------------------------------------------------------------------------------------- e-mail

const EMAIL = /(?<![a-z0-9._%+-])[a-z0-9](?:[a-z0-9._%+-]{0,63})@[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?){0,6}\.[a-z]{2,24}(?![a-z0-9-])/g;
const AT = String.raw`(?:\s{0,3}[\[({<]\s{0,3}at\s{0,3}[\])}>]\s{0,3}|\s{1,3}at\s{1,3})`;
const DOT = String.raw`(?:\s{0,3}[\[({<]\s{0,3}dot\s{0,3}[\])}>]\s{0,3}|\s{1,3}dot\s{1,3}|\.)`;
const OBFUSCATED_EMAIL = new RegExp(
  String.raw`(?<![a-z0-9._%+-])([a-z0-9][a-z0-9._%+-]{0,63})${AT}([a-z0-9][a-z0-9-]{0,62}(?:${DOT}[a-z0-9][a-z0-9-]{0,62}){0,6})${DOT}(com|net|org|edu|gov|io|co|in|cn|uk|de|fr|jp|au|ca|me|info|biz)(?![a-z0-9])`,
  'g',
);
/** Mail providers: with these, "john at gmail dot com" is an address even with the plain word "at". */
const MAIL_PROVIDERS = /^(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|aol|icloud|me|mac|proton|protonmail|gmx|mail|yandex|zoho|qq|163|126|sina|sohu|foxmail|yeah|rediffmail|rediff)(?:\W|$)/;

const PROVIDER_ONLY = /(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]{2,63}(?:\s{0,3}[\[({<]\s{0,3}at\s{0,3}[\])}>]\s{0,3}|\s{1,3}at\s{1,3}|\s{0,3}@\s{0,3})(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|icloud|protonmail|rediffmail|rediff|yandex|zoho|foxmail)(?![a-z0-9.])/g;

/** Where e-mail addresses are (plain or spelt out), as offsets of the original text, for other rules to leave alone. */
export function emailSpans(views: NormalisedViews): Array<[number, number]> {
  const out: RuleFinding[] = [];
  findEmails({ view: views.contact, original: views.original }, out);
  return out.map((f) => [f.start, f.end]);
}

function findEmails(src: Source, out: RuleFinding[]): void {
  const folded = src.view.text;
  for (const m of folded.matchAll(EMAIL)) {
    const [s, e] = src.view.span(m.index, m.index + m[0].length);
    // "john.doe @ gmail . com" and "john (at) gmail" come back together in the contact view; plain " at " between a
    // word and a domain must look like an address ("paid $140 at hotels.com" is not one).
    const written = src.original.slice(s, e);
    if (!written.includes('@') && !/[\[({<]\s*at\s*[\])}>]|＠/i.test(written)) {
      const local = m[0].slice(0, m[0].indexOf('@'));
      const domain = m[0].slice(m[0].indexOf('@') + 1);
      const localLooksLikeAddress = /[a-z]/.test(local) && /[\d._%+-]/.test(local);
      if (/^\d+$/.test(local) || (!localLooksLikeAddress && !MAIL_PROVIDERS.test(domain))) continue;
      out.push(finding(src, m.index, m.index + m[0].length, 'email', 'This is an e-mail address written out in words. Remove it to keep it private.', 0.92));
      continue;
    }
    out.push(finding(src, m.index, m.index + m[0].length, 'email', 'This is an e-mail address. Reviews and messages are public: remove it to keep it private.', 0.97));
  }
  // "johndoe at gmail": a mail provider named without its domain.
  for (const m of folded.matchAll(PROVIDER_ONLY)) {
    if (overlapsView(out.map((f) => [f.start, f.end]), src, m.index, m.index + m[0].length)) continue;
    out.push(finding(src, m.index, m.index + m[0].length, 'email', 'This is an e-mail address written out in words. Remove it to keep it private.', 0.9));
  }
  for (const m of folded.matchAll(OBFUSCATED_EMAIL)) {
    if (overlapsView(out.map((f) => [f.start, f.end]), src, m.index, m.index + m[0].length)) continue;
    const bracketed = /[\[({<]\s*at\s*[\])}>]/.test(m[0]);
    // With a plain " at ", the part before it must look like a mailbox name (letters, plus digits or . _ + -),
    // not a word or a price: "john at gmail dot com" yes, "paid $140 at hotels.com" no.
    const local = m[1]!;
    const localLooksLikeAddress = /[a-z]/.test(local) && /[\d._%+-]/.test(local);
    if (!bracketed && /^\d+$/.test(local)) continue;
    if (!bracketed && !localLooksLikeAddress && !(/[a-z]/.test(local) && MAIL_PROVIDERS.test(m[2]!))) continue;
    out.push(finding(src, m.index, m.index + m[0].length, 'email', 'This is an e-mail address written out in words. Remove it to keep it private.', 0.92));
  }
}

// ------------------------------------------------------------------------------------------------------ card numbers

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The card network whose issuer prefix and length fit, or null. */
export function cardNetwork(digits: string): string | null {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === '4' && (n === 13 || n === 16 || n === 19)) return 'Visa';
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) return 'Mastercard';
  if ((p2 === 34 || p2 === 37) && n === 15) return 'American Express';
  if ((p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) && n >= 16 && n <= 19) return 'Discover';
  if (p2 === 62 && n >= 16 && n <= 19) return 'UnionPay';
  if (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) return 'JCB';
  if ((p2 === 36 || p2 === 38 || p2 === 39 || (p3 >= 300 && p3 <= 305)) && n >= 14 && n <= 19) return 'Diners Club';
  if ((p2 === 50 || (p2 >= 56 && p2 <= 69)) && n >= 12 && n <= 19) return 'Maestro';
  if ((p2 === 60 || p2 === 65 || p2 === 81 || p2 === 82 || p3 === 508 || p3 === 353 || p3 === 356) && n === 16) return 'RuPay';
  return null;
}

const CARD_RUN = /(?<![a-z0-9])\d(?:[ -]?\d){11,18}(?![a-z0-9]|[ -]\d)/g;

function findCards(src: Source, out: RuleFinding[], taken: Array<[number, number]>): void {
  const folded = src.view.text;
  for (const m of folded.matchAll(CARD_RUN)) {
    const digits = digitsOf(m[0]);
    const groups = m[0].split(/[ -]/).map((g) => g.length);
    const grouped = groups.length === 1 || groups.slice(0, -1).every((g) => g === 4) || (groups.length === 3 && groups[0] === 4 && groups[1] === 6);
    if (!grouped || !luhnValid(digits)) continue;
    const network = cardNetwork(digits);
    if (!network) continue;
    if (NOT_PERSONAL_BEFORE.test(beforeWords(folded, m.index))) continue;
    const f = finding(src, m.index, m.index + m[0].length, 'card', `This looks like a ${network} card number (it passes the card checksum). Never post card details.`, 0.99);
    out.push(f);
    taken.push([f.start, f.end]);
  }
}

// ---------------------------------------------------------------------------------------------------- phone numbers

/**
 * Words right before a number that say it is not a phone number (order, model, part, tracking, PIN/ZIP codes,
 * prices ...). Checked on the ~24 folded characters before the number.
 */
const NOT_PERSONAL_BEFORE = /(?:(?<![a-z])(?:order|ord|invoice|inv|receipt|tracking|track|awb|shipment|consignment|sku|asin|upc|ean|gtin|isbn|imei|serial|s\/n|sn|model|part|item|product|article|ref|reference|batch|lot|ticket|case|booking|pnr|transaction|txn|utr|account|a\/c|ifsc|gstin|gst|pin|pincode|zip|zipcode|postcode|postal code|zip code|pin code|style|catalog|catalogue)|订单|单号|运单|快递|型号|编号|货号|批号|序列号|邮编|邮政编码|发票)[\s.:#：-]*(?:(?:no|number|num|id|code|#|号码?|码)[\s.:#：-]*)?(?:(?<![a-z])(?:is|was)\s*)?$/;
const CURRENCY_BEFORE = /(?:[$€£¥₹₩₽￥]|(?<![a-z])(?:rs\.?|inr|usd|eur|gbp|cny|rmb|aud|cad|jpy|price|cost|costs|mrp|paid|pay))\s*[:：]?\s*$/;
const UNIT_AFTER = /^(?:\s*(?:mm|cm|m|km|inch|inches|ft|kg|g|lb|lbs|oz|ml|l|mah|wh|w|kw|v|hz|mhz|ghz|gb|mb|tb|kb|px|dpi|rpm|%|x|pcs|元|块|円|年|月|日|号(?!码)|次|个|件|张|天|小时|分钟|秒)(?![a-z])|in(?![a-z])|")/;
const PHONE_CONTEXT = /(?:(?<![a-z])(?:call|ring|phone|telephone|tel|mobile|mob|cell|cellphone|contact|whatsapp|text|sms|viber|fax|helpline|hotline|dial|(?:my|our|his|her|their) (?:number|no))|电话|手机|手机号|联系|致电|拨打|热线|座机|号码|微信)(?:[\s.:#：是为-]|(?<![a-z])(?:me|us|at|on|to|via|number|no|is|now|him|her)(?![a-z]))*(?:\+|\()?$/;

const NUMBER_OF_SOMETHING = /(?:发票|订单|运单|快递单?|物流单?|编|型|货|批|序列|工单|退款单?)号码?[\s:：#]*$/;

function beforeWords(folded: string, index: number): string {
  return folded.slice(Math.max(0, index - 24), index);
}

/** A maximal phone-like run: digit groups joined by one separator ("-", "/", ".", a space, parentheses). */
const PHONE_RUN = /(?<![a-z0-9_+])(?:\+[ ]?|(?<!\d)00[ ]?)?(?:\(\s?\d{1,5}\s?\)[ ]?|\d)(?:\d|[ ]?[-/][ ]?(?=[\d(])|\.(?=\d)|[ ](?=[\d(])|\)[ ]?(?=\d)|[ ]?\((?=\d)){0,40}(?<=\d)(?![a-z0-9_])/g;

interface PhoneVerdict {
  kind: 'phone';
  confidence: number;
  what: string;
}

/** Dates typed with separators: 2023-04-05, 05/12/2023, 05.12.23, 12-05-2023. */
function looksLikeDate(run: string, groups: number[]): boolean {
  if (!/^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(run.replace(/\s/g, ''))) return false;
  return (groups[0] === 4 && groups[1]! <= 2 && groups[2]! <= 2) || (groups[0]! <= 2 && groups[1]! <= 2 && (groups[2] === 2 || groups[2] === 4));
}

function judgePhone(run: string, context: { phoneWord: boolean }): PhoneVerdict | null {
  const digits = digitsOf(run);
  const groups = run.split(/\D+/).filter(Boolean).map((g) => g.length);
  const n = digits.length;
  const separated = groups.length > 1;
  const international = /^\+/.test(run) || /^00[ ]?[1-9]/.test(run);
  if (looksLikeDate(run, groups)) return null;
  if (/^\d{1,3}(?:,\d{3})+/.test(run)) return null;
  if (groups.length > 1 && groups.slice(1).every((g) => g === 3) && groups[0]! <= 3 && /^\d{1,3}(?:[ .]\d{3})+$/.test(run)) {
    // 1 299 999 / 1.299.999: thousands groups (prices, counts) unless a phone word says otherwise
    if (!context.phoneWord) return null;
  }
  if (international) {
    const national = run.startsWith('+') ? n : n - 2;
    if (national >= 8 && national <= 15 && groups.every((g) => g <= 8)) return { kind: 'phone', confidence: 0.95, what: 'an international phone number' };
    return null;
  }
  // China mobile: 1[3-9]x xxxx xxxx, eleven digits, plain or 3-4-4 / 3-8.
  if (/^1[3-9]\d{9}$/.test(digits) && (!separated || sameShape(groups, [3, 4, 4]) || sameShape(groups, [3, 8])))
    return { kind: 'phone', confidence: 0.93, what: 'a Chinese mobile number' };
  // India mobile: [6-9]xxxx xxxxx, ten digits, plain or 5-5 / 3-3-4 / 4-3-3; also with 91 or 0 in front.
  const indian = digits.replace(/^(?:91|0)(?=[6-9]\d{9}$)/, '');
  if (/^[6-9]\d{9}$/.test(indian) && (digits.length === 10 || digits.length === 11 || digits.length === 12)) {
    const tail = digits.length === 10 ? groups : groups.slice(1);
    const first = digits.length === 10 ? [] : [groups[0]!];
    if (first.length === 0 || first[0] === digits.length - 10 || groups.length === 1) {
      if (!separated || sameShape(tail, [5, 5]) || sameShape(tail, [3, 3, 4]) || sameShape(tail, [4, 3, 3]) || sameShape(tail, [10]))
        return { kind: 'phone', confidence: separated || context.phoneWord ? 0.92 : 0.85, what: 'an Indian mobile number' };
    }
  }
  // North America: (NXX) NXX-XXXX, NXX-NXX-XXXX, NXX.NXX.XXXX, 1-NXX-NXX-XXXX.
  const nanp = digits.replace(/^1(?=\d{10}$)/, '');
  if (/^[2-9]\d{2}[2-9]\d{6}$/.test(nanp) && separated) {
    const shape = digits.length === 11 ? groups.slice(1) : groups;
    if ((digits.length === 10 || groups[0] === 1) && sameShape(shape, [3, 3, 4]))
      return { kind: 'phone', confidence: 0.92, what: 'a North American phone number' };
  }
  // National numbers with a trunk 0 (UK, Europe, India and China landlines, Japan, Australia): 9-12 digits.
  if (/^0[1-9]/.test(digits) && n >= 9 && n <= 12 && groups.every((g) => g <= 8)) {
    if (separated && groups.length <= 6 && groups[0]! >= 2) return { kind: 'phone', confidence: 0.9, what: 'a phone number' };
    if (!separated) return { kind: 'phone', confidence: context.phoneWord ? 0.9 : 0.75, what: 'what looks like a phone number' };
  }
  // Anything else of phone length needs a phone word right before it ("call 555 0199", "电话 8765 4321").
  if (context.phoneWord && n >= 7 && n <= 15 && groups.every((g) => g <= 8)) return { kind: 'phone', confidence: 0.88, what: 'a phone number' };
  return null;
}

/**
 * The countries whose national numbers are read without a "+": the demo shop's (India) and the other national forms
 * reviews in English are most often written with. Chinese numbers are judged by `judgePhone` (China's landline
 * lengths vary so much that, read as Chinese, sizes and dates pass as numbers).
 */
const NATIONAL_COUNTRIES: readonly CountryCode[] = ['IN', 'US', 'GB', 'AU'];

/**
 * libphonenumber-js (Google's libphonenumber metadata, `min` build; findPhoneNumbersInText, which keeps only valid numbers) on one candidate run: a valid number of one of
 * NATIONAL_COUNTRIES, or any valid international (+, 00) number, that covers the whole run.
 */
function libraryVerdict(run: string): PhoneVerdict | null {
  const digits = digitsOf(run).length;
  const international = /^(?:\+|00[ ]?[1-9])/.test(run);
  // National numbers with their area code have ten digits or more in these countries; shorter runs are left to
  // judgePhone, which wants a phone word before them.
  if (digits < (international ? 8 : 10) || digits > 15) return null;
  const groups = run.split(/\D+/).filter(Boolean).map((g) => g.length);
  if (looksLikeDate(run, groups) || /^\d{1,3}(?:,\d{3})+$/.test(run) || ascendingList(run)) return null;
  const input = international && run.startsWith('00') ? `+${run.replace(/^00[ ]?/, '')}` : run;
  for (const country of NATIONAL_COUNTRIES) {
    for (const m of findPhoneNumbersInText(input, { defaultCountry: country })) {
      if (digitsOf(input.slice(m.startsAt, m.endsAt)).length >= digitsOf(input).length - (international ? 0 : 1)) {
        return international
          ? { kind: 'phone', confidence: 0.95, what: 'an international phone number' }
          : { kind: 'phone', confidence: 0.92, what: country === 'IN' ? 'an Indian phone number' : 'a phone number' };
      }
    }
    if (international) break;
  }
  return null;
}

/** Four or more small numbers in increasing order: a size list ("6 8 10 12 14 16", "32 34 36 38 40"), not a phone. */
function ascendingList(run: string): boolean {
  const values = run.split(/\D+/).filter(Boolean);
  if (values.length < 4 || values.some((v) => v.length > 3)) return false;
  return values.every((v, i) => i === 0 || Number(v) > Number(values[i - 1]));
}

function sameShape(groups: number[], shape: number[]): boolean {
  return groups.length === shape.length && groups.every((g, i) => g === shape[i]);
}

const CHINESE_DIGITS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 两: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

function findPhones(src: Source, out: RuleFinding[], taken: Array<[number, number]>): void {
  const folded = src.view.text;
  const add = (start: number, end: number, verdict: PhoneVerdict) => {
    const f = finding(src, start, end, 'phone', `This is ${verdict.what}. Reviews and messages are public: remove it to keep it private.`, verdict.confidence);
    out.push(f);
    taken.push([f.start, f.end]);
  };
  for (const m of folded.matchAll(PHONE_RUN)) {
    let start = m.index;
    let run = m[0];
    // A leading "(" only belongs to the number when it encloses an area code.
    if (run.startsWith('(') && !/^\(\s?\d{1,5}\s?\)/.test(run)) {
      run = run.slice(1);
      start += 1;
    }
    const end = start + run.length;
    // No phone number has more than 15 digits (E.164); two typed together at most 30. Longer runs are tables of
    // numbers, and judging every split of them would take quadratic time.
    if (digitsOf(run).length > 30) continue;
    if (overlapsView(taken, src, start, end)) continue;
    const pre = beforeWords(folded, start);
    if (NOT_PERSONAL_BEFORE.test(pre) && !PHONE_CONTEXT.test(pre)) continue;
    if (CURRENCY_BEFORE.test(pre) || UNIT_AFTER.test(folded.slice(end, end + 8))) continue;
    // 发票号码, 订单号码, order number: the phone word names another number.
    if (NUMBER_OF_SOMETHING.test(pre)) continue;
    const phoneWord = PHONE_CONTEXT.test(pre);
    const verdict = libraryVerdict(run) ?? judgePhone(run, { phoneWord });
    if (verdict) {
      add(start, end, verdict);
      continue;
    }
    // Two numbers typed one after the other ("020 7946 0958 / 07700 900123"): try each whitespace split.
    const splits = [...run.matchAll(/ (?:[-/] )?/g)];
    for (const s of splits) {
      const left = run.slice(0, s.index);
      const right = run.slice(s.index + s[0].length);
      const lv = judgePhone(left, { phoneWord });
      const rv = judgePhone(right, { phoneWord: false });
      if (lv && rv) {
        add(start, start + left.length, lv);
        add(start + s.index + s[0].length, end, rv);
        break;
      }
    }
  }
  // Numbers spelt in Chinese numerals to dodge filters: 一三八零零一三八零零零.
  for (const m of folded.matchAll(/[〇零一幺二两三四五六七八九]{7,}/g)) {
    const digits = [...m[0]].map((c) => CHINESE_DIGITS[c]).join('');
    const phoneWord = PHONE_CONTEXT.test(beforeWords(folded, m.index));
    if (/^1[3-9]\d{9}$/.test(digits) || (phoneWord && digits.length >= 7 && digits.length <= 12)) {
      add(m.index, m.index + m[0].length, { kind: 'phone', confidence: 0.88, what: 'a phone number written in Chinese numerals' });
    }
  }
}

function overlaps(taken: Array<[number, number]>, start: number, end: number): boolean {
  return taken.some(([s, e]) => start < e && end > s);
}

// ------------------------------------------------------------------------------------------------- messaging handles

const HANDLE = /(?:(?:加我|加|add me on|add me|find me on|message me on|dm me on|contact me on)\s{0,3})?(?<![a-z])(?:微信号?|微信|威信|薇信|v信|vx|wx|wechat(?: id)?|qq号?|whatsapp|telegram|tg|line id|kakao(?:talk)?(?: id)?|skype(?: id)?|snapchat|signal)(?![a-z])\s{0,3}(?:号|id|账号)?\s{0,3}[:：是为]?\s{0,3}(@?[a-z][a-z0-9_.-]{4,29}|\d{5,12}|@[a-z0-9_]{3,30})(?![a-z0-9_])/g;
const ADD_ME = /(?:加我(?:微信|qq|vx|v信|wx)|私聊|私信我|加v|加微|(?:add|message|text|dm|contact) me (?:on|via|at) (?:wechat|whatsapp|telegram|qq|line|signal|kakao))/g;

function findHandles(src: Source, out: RuleFinding[], taken: Array<[number, number]>): void {
  const folded = src.view.text;
  for (const m of folded.matchAll(HANDLE)) {
    const lead = m[0].length - m[0].trimStart().length;
    const start = m.index + lead;
    const end = m.index + m[0].length;
    // Only the handle itself may overlap a number found as a phone; the phone finding already covers it.
    const handleStart = end - m[1]!.length;
    if (overlapsView(taken, src, handleStart, end)) continue;
    if (/^(?:号码|number)$/.test(m[1]!)) continue;
    const f = finding(src, start, end, 'contact-handle', 'This is a messaging account (WeChat, QQ, WhatsApp ...). Contact details must stay private: remove it.', 0.9);
    out.push(f);
    taken.push([f.start, f.end]);
  }
  for (const m of folded.matchAll(ADD_ME)) {
    if (overlapsView(taken, src, m.index, m.index + m[0].length)) continue;
    out.push(finding(src, m.index, m.index + m[0].length, 'contact-request', 'This asks people to contact the writer outside the shop, which is not allowed in reviews and chat.', 0.7));
  }
}

// ---------------------------------------------------------------------------------------------------------- addresses

const STREET_TYPES = 'Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Terr|Close|Crescent|Cres|Highway|Hwy|Parkway|Pkwy|Square|Sq|Circle|Cir|Trail|Trl|Row|Mews|Grove|Gardens|Walk|Marg|Nagar|Salai|Strasse|Straße';
/** Words that make "200 Miles Down The Road" a distance, not an address. */
const COUNT_WORDS = '(?:[Mm]iles?|[Kk]m|[Kk]ilomet(?:er|re)s?|[Mm]et(?:er|re)s?|[Ff]eet|[Ff]oot|[Tt]imes|[Dd]ays?|[Nn]ights?|[Ww]eeks?|[Mm]onths?|[Yy]ears?|[Hh]ours?|[Mm]inutes?|[Ss]tars?|[Pp]ieces?|[Pp]cs|[Pp]ercent|[Dd]ollars?|[Rr]upees?|[Pp]ounds?|[Ss]teps?|[Pp]eople|[Uu]nits|[Oo]ut)';
const STREET = new RegExp(
  String.raw`(?<![\p{L}\d.,])\d{1,5}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?)?,?(?!\s+(?:${COUNT_WORDS})\b)\s+(?:(?:[NSEW]|North|South|East|West)\.?\s+)?(?:(?:[A-Z][\p{L}'’.-]*|\d{1,3}(?:st|nd|rd|th))\s+){0,3}(?:[A-Z][\p{L}'’.-]*|\d{1,3}(?:st|nd|rd|th))\s+(?:${STREET_TYPES})\b\.?(?:\s+(?:[NS][EW]|N|S|E|W)\b)?(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Flat|Floor|Fl|#)\.?\s*#?[A-Za-z0-9-]{1,6})?`,
  'gu',
);
const PO_BOX = /(?<![\p{L}])(?:P\.?\s?O\.?\s?Box|Post Office Box|Postfach)\s+\d{1,7}/giu;
const INDIAN_HOUSE = /(?<![\p{L}])(?:flat|house|h\.?\s?no|plot|door|shop)\s*(?:no\.?|number|#)?\s*[:.\-]?\s*[a-z]?-?\d{1,5}[a-z]?(?:[-/]\d{1,5}[a-z]?)?\s*,[^\n.!?。]{3,80}(?:(?<![\p{L}])(?:road|rd|street|st|colony|sector|marg|layout|cross|main|block|lane|society|apartments?|enclave|vihar|bagh)|nagar|puram|pet|halli|(?<!\d)\d{6})(?![\p{L}\d])/giu;
const CHINESE_ADDRESS = /(?:[\p{Script=Han}]{1,8}(?:省|自治区))?(?:[\p{Script=Han}]{1,8}(?:市|州|盟))?(?:[\p{Script=Han}]{1,8}(?:区|县|旗|镇|乡))?[\p{Script=Han}]{1,12}(?:路|街|大道|大街|巷|弄|胡同|里)[0-9一二三四五六七八九十百]{1,5}号(?:院)?(?:[0-9A-Za-z一二三四五六七八九十]{1,4}(?:号楼|栋|幢|座|单元|层|楼|室|号))*|[\p{Script=Han}]{2,10}(?:小区|花园|公寓|大厦|苑|新村)[0-9A-Za-z一二三四五六七八九十]{1,4}(?:号楼|栋|幢|座)(?:[0-9A-Za-z一二三四五六七八九十]{1,4}(?:单元|层|楼|室|号))*/gu;

const CHINESE_ADDRESS_LEAD = /^(?:请|麻烦)?(?:(?:邮?寄|送|发|快递|寄送)(?:到|往|至)|住在|我家在|我家住|我住|收货地址|地址|位于|家在|在)[:：]?/;

function findAddresses(src: Source, out: RuleFinding[], taken: Array<[number, number]>): void {
  // English and Indian addresses are told by their capitals, so they are read in the original text.
  const text = src.original;
  const plain: Source = { view: MappedText.identity(text), original: text };
  const addIn = (from: Source, start: number, end: number, confidence: number) => {
    if (overlapsView(taken, from, start, end)) return;
    const f = finding(from, start, end, 'address', 'This looks like a street address. Reviews and messages are public: remove it to keep it private.', confidence);
    out.push(f);
    taken.push([f.start, f.end]);
  };
  const add = (start: number, end: number, confidence: number) => addIn(plain, start, end, confidence);
  const folded = src.view.text;
  for (const m of text.matchAll(INDIAN_HOUSE)) add(m.index, m.index + m[0].length, 0.75);
  for (const m of text.matchAll(STREET)) add(m.index, m.index + m[0].length, 0.75);
  for (const m of text.matchAll(PO_BOX)) add(m.index, m.index + m[0].length, 0.75);
  // Chinese: read in the normalised view so full-width digits count. The pattern cannot tell
  // where a place name starts, so words that lead into an address (寄到, 地址：) are trimmed off.
  for (const m of folded.matchAll(CHINESE_ADDRESS)) {
    const lead = CHINESE_ADDRESS_LEAD.exec(m[0])?.[0].length ?? 0;
    if (m[0].length - lead >= 4) addIn(src, m.index + lead, m.index + m[0].length, 0.8);
  }
}

// -------------------------------------------------------------------------------------------------------------- all

/**
 * Every piece of personal data in the text, in order of position. Reads the contact view (normalise.ts), so digits of
 * any script, spelled-out digits, "at"/"dot" forms and lookalike letters are seen through; spans are in the original.
 */
export function findPersonalData(text: string | NormalisedViews): RuleFinding[] {
  const views = typeof text === 'string' ? normaliseViews(text) : text;
  const src: Source = { view: views.contact, original: views.original };
  const out: RuleFinding[] = [];
  const taken: Array<[number, number]> = [];
  findEmails(src, out);
  for (const f of out) taken.push([f.start, f.end]);
  findCards(src, out, taken);
  findPhones(src, out, taken);
  findHandles(src, out, taken);
  findAddresses(src, out, taken);
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
