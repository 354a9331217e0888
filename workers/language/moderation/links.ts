/**
 * Links: URLs with a scheme or "www.", bare domains with a known top-level domain ("shop-deals.xyz", "bit.ly/abc"),
 * and domains written to dodge filters ("example dot com", "example[.]com", "example 点 com", full-width dots).
 * E-mail addresses are personal data, not links, and are skipped here. Pure; spans are offsets into the original.
 */
import { foldText } from './fold.ts';
import { emailSpans } from './personal-data.ts';
import type { RuleFinding } from './types.ts';

const CATEGORY = 'links' as const;

/**
 * Top-level domains recognised in bare domains. Generic ones people actually see in spam and shops, and country
 * codes, minus those that are common English words or file extensions after a dot ("it.is", "file.py" are not links).
 */
const GENERIC_TLDS = 'com|net|org|info|biz|shop|store|online|site|website|xyz|top|club|vip|app|dev|io|ai|co|me|tv|ly|gg|cc|link|click|live|life|world|today|space|fun|win|bid|loan|buzz|icu|cyou|asia|mobi|pro|name|tech|email|deals|sale|gov|edu';
const COUNTRY_TLDS = 'uk|us|ca|au|nz|ie|in|cn|hk|tw|sg|my|jp|kr|de|fr|es|nl|se|dk|fi|pl|pt|ru|ua|ch|cz|br|mx|ar|cl|za|ng|ke|eg|ae|sa|tr|ir|pk|bd|lk|np|ph|vn|th|id';
const SHORTENER_HOSTS = String.raw`bit\.ly|t\.co|tinyurl\.com|goo\.gl|ow\.ly|is\.gd|buff\.ly|rebrand\.ly|cutt\.ly|t\.cn|dwz\.cn|url\.cn|s\.click\.taobao\.com|amzn\.to|amzn\.eu|fkrt\.it|fkrt\.cc|wa\.me|t\.me|youtu\.be|shorturl\.at|tiny\.cc|rb\.gy`;
const SHORTENERS = new RegExp(`^(?:${SHORTENER_HOSTS})$`);
/** Short links whose top-level domain is not in the lists below (amzn.to, fkrt.it, t.me ...). */
const SHORT_LINK = new RegExp(String.raw`(?<![a-z0-9@._-])(?:${SHORTENER_HOSTS})\/[^\s<>"'，。！？、；：（）【】《》]+`, 'g');

const SCHEME_URL = /(?<![a-z0-9])(?:https?|ftp):\/\/[^\s<>"'`，。！？、；：（）【】《》]+|(?<![a-z0-9.])www\d?\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>"'`，。！？、；：（）【】《》]*/g;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const BARE_DOMAIN = new RegExp(
  String.raw`(?<![a-z0-9@._-])((?:${LABEL}\.)+(?:${GENERIC_TLDS}|${COUNTRY_TLDS}))(?![a-z0-9-]|\.[a-z0-9])(\/[^\s<>"'` + '`' + String.raw`，。！？、；：（）【】《》]*)?`,
  'g',
);
const DOT_WORD = String.raw`(?:\s*[\[({<]\s*(?:dot|\.|点)\s*[\])}>]\s*|\s+dot\s+|\s*点\s*)`;
const OBFUSCATED_DOMAIN = new RegExp(
  String.raw`(?<![a-z0-9@._-])(${LABEL}(?:${DOT_WORD}${LABEL})*)${DOT_WORD}(com|net|org|info|shop|store|xyz|top|co|io|cn|in|uk|me|cc|vip)(?![a-z0-9])`,
  'g',
);

function trimTrailingPunctuation(s: string): string {
  return s.replace(/[.,;:!?)\]}'"]+$/, '');
}

export function findLinks(text: string): RuleFinding[] {
  const folded = foldText(text);
  const out: RuleFinding[] = [];
  // E-mail addresses are personal data, reported there; their domains are not links.
  const taken: Array<[number, number]> = emailSpans(text, folded);
  const add = (start: number, end: number, kind: string, reason: string, confidence: number) => {
    if (taken.some(([s, e]) => start < e && end > s)) return;
    out.push({ category: CATEGORY, kind, start, end, text: text.slice(start, end), reason, confidence });
    taken.push([start, end]);
  };

  for (const m of folded.matchAll(SCHEME_URL)) {
    const url = trimTrailingPunctuation(m[0]);
    add(m.index, m.index + url.length, 'url', 'This is a web link. Links are not allowed here: remove it.', 0.95);
  }
  for (const m of folded.matchAll(SHORT_LINK)) {
    const link = trimTrailingPunctuation(m[0]);
    add(m.index, m.index + link.length, 'short-link', 'This is a shortened link, which hides where it leads. Links are not allowed here: remove it.', 0.95);
  }
  for (const m of folded.matchAll(BARE_DOMAIN)) {
    const domain = m[1]!;
    const path = m[2] ? trimTrailingPunctuation(m[2]) : '';
    // Part of an e-mail address (handled as personal data) or a number like 1.5.co? Skip.
    if (folded[m.index - 1] === '@' || /^\d+(?:\.\d+)+$/.test(domain.replace(/\.[a-z]+$/, ''))) continue;
    const tld = domain.slice(domain.lastIndexOf('.') + 1);
    const shortener = SHORTENERS.test(domain);
    const generic = new RegExp(`^(?:${GENERIC_TLDS})$`).test(tld);
    // A bare country-code domain ("amazon.in") is less certain than "deals.xyz" or a shortener.
    const confidence = shortener ? 0.95 : path ? 0.9 : generic ? 0.8 : 0.7;
    add(
      m.index,
      m.index + domain.length + path.length,
      shortener ? 'short-link' : 'domain',
      shortener
        ? 'This is a shortened link, which hides where it leads. Links are not allowed here: remove it.'
        : 'This is a web address. Links are not allowed here: remove it.',
      confidence,
    );
  }
  for (const m of folded.matchAll(OBFUSCATED_DOMAIN)) {
    add(
      m.index,
      m.index + m[0].length,
      'obfuscated-link',
      'This is a web address spelt out to get past the link filter ("dot com"). Links are not allowed here: remove it.',
      0.9,
    );
  }
  return out.sort((a, b) => a.start - b.start);
}
