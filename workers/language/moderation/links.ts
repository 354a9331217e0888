/**
 * Links: URLs with a scheme or "www.", bare domains ("shop-deals.xyz", "bit.ly/abc"), and domains written to dodge
 * filters ("example dot com", "example[.]com", "example 点 com", "ехаmрlе.com" with Cyrillic letters, a zero-width
 * space or U+2024 for the dot: normalise.ts reads through those). Found by linkify-it (the markdown-it project's
 * link recogniser, fuzzy links on), with every host checked against the Public Suffix List by tldts (a real ICANN
 * top-level domain, so "file.py" or "it.is" are not links). E-mail addresses are personal data, not links, and are
 * skipped here. Pure; spans are offsets into the original.
 */
import { LinkifyIt } from 'linkify-it';
import { parse } from 'tldts';
import { normaliseViews, type NormalisedViews } from './normalise.ts';
import { emailSpans } from './personal-data.ts';
import type { RuleFinding } from './types.ts';

const CATEGORY = 'links' as const;

/** Generic top-level domains seen in shops and spam, beyond linkify-it's default list (which has every 2-letter one). */
const EXTRA_TLDS = ['store', 'online', 'site', 'website', 'xyz', 'top', 'club', 'vip', 'app', 'dev', 'link', 'click', 'live',
  'life', 'world', 'today', 'space', 'fun', 'win', 'bid', 'loan', 'buzz', 'icu', 'cyou', 'mobi', 'tech', 'email', 'deals',
  'sale', 'shopping', 'market', 'money', 'cash', 'bet', 'casino', 'sex', 'porn', 'xxx', 'ltd', 'group', 'agency', 'best'];
const SHORTENERS = new Set(['bit.ly', 't.co', 'tinyurl.com', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 't.cn',
  'dwz.cn', 'url.cn', 'amzn.to', 'amzn.eu', 'fkrt.it', 'fkrt.cc', 'wa.me', 't.me', 'youtu.be', 'shorturl.at', 'tiny.cc', 'rb.gy']);
/**
 * Country-code TLDs that are also common words or file extensions after a dot in ordinary writing ("it.is", "file.py",
 * "Node.js", "report.pdf" is no TLD at all): a bare name ending in one is a link only with a path or a known host.
 */
const AMBIGUOUS_TLDS = new Set(['is', 'it', 'at', 'be', 'to', 'me', 'no', 'so', 'us', 'am', 'an', 'as', 'do', 'go', 'in', 'my', 'by',
  'py', 'js', 'sh', 'pl', 'rs', 'md', 'ai', 'ps', 'cs', 'mp', 'st', 'tv', 'fm', 'im', 'ms', 'pm', 'ok', 'hi', 'id', 'la', 'mk']);
/** Hosts people name in reviews ("bought it on amazon.in"): still links, but not ambiguous ones. */
const KNOWN_SHOP_HOSTS = /^(?:amazon|flipkart|myntra|ajio|meesho|snapdeal|nykaa|ebay|etsy|walmart|taobao|tmall|jd|pinduoduo|aliexpress|alibaba|shopee|lazada)\./;

/**
 * Written to dodge a filter: a spelt-out or spaced dot, a hidden character, or letters of another script standing
 * in for Latin ones (full-width Latin letters are only another width of the same letters, not a dodge).
 */
const DODGED = new RegExp(
  String.raw`\s|dot|点|[\[({<]|[·•∙⋅]|[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]|${'['}\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u2024]`,
  'iu',
);
/** Only spaces around a plain dot ("great . love"), which may be sloppy typing rather than a dodge. */
const SPACED_DOT_ONLY = /^[^\[({<]*?\s\.|\.\s/u;

let linkify: LinkifyIt | undefined;
function recogniser(): LinkifyIt {
  if (!linkify) {
    linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: true });
    linkify.tlds(EXTRA_TLDS, true);
  }
  return linkify;
}

const URL_REASON = 'This is a web link. Links are not allowed here: remove it.';
const SHORT_REASON = 'This is a shortened link, which hides where it leads. Links are not allowed here: remove it.';
const DOMAIN_REASON = 'This is a web address. Links are not allowed here: remove it.';
const OBFUSCATED_REASON = 'This is a web address written to get past the link filter ("dot com", lookalike letters or hidden characters). Links are not allowed here: remove it.';

export function findLinks(text: string | NormalisedViews): RuleFinding[] {
  const views = typeof text === 'string' ? normaliseViews(text) : text;
  const view = views.links;
  const original = views.original;
  const out: RuleFinding[] = [];
  // E-mail addresses are personal data, reported there; their domains are not links.
  const taken: Array<[number, number]> = emailSpans(views);
  // linkify-it wants a break before a link: Chinese text runs straight into it ("网址:www…", "店铺shop.com"), so
  // Chinese characters and a colon not after a letter become spaces (same length: offsets stay the same).
  const input = view.text.replace(/[\p{Script=Han}\u3000-\u303f]+|(?<![a-z0-9]):/gu, (m) => ' '.repeat(m.length));
  const matches = recogniser().match(input) ?? [];
  for (const m of matches) {
    let raw = m.raw.replace(/[.,;:!?)\]}'"]+$/, '');
    const [start, end] = view.span(m.index, m.index + raw.length);
    if (taken.some(([s, e]) => start < e && end > s)) continue;
    if (original[start - 1] === '@' || view.text[m.index - 1] === '@') continue;
    const schemed = m.schema !== '' || /^www\d?\./.test(raw);
    const url = /^[a-z][a-z0-9+.-]*:/i.test(m.url) ? m.url : `http://${m.url}`;
    let host: string | null = null;
    let path = '';
    try {
      const u = new URL(url);
      host = u.hostname;
      path = u.pathname.length > 1 || u.search ? `${u.pathname}${u.search}` : '';
    } catch {
      continue;
    }
    const info = parse(host);
    const isIp = info.isIp === true;
    if (!isIp && (!info.isIcann || !info.domain)) continue;
    // Digits-only labels before the TLD: a version or a price ("1.5.co"), not a host.
    if (!isIp && /^[\d.]+$/.test(host.replace(/\.[a-z]+$/, ''))) continue;
    const tld = info.publicSuffix ?? '';
    const shortener = SHORTENERS.has(info.hostname ?? '');
    if (!schemed && !shortener && !path && AMBIGUOUS_TLDS.has(tld) && !KNOWN_SHOP_HOSTS.test(host)) continue;
    if (!schemed && isIp) continue;
    raw = original.slice(start, end);
    const writtenOut = DODGED.test(raw);
    let kind: string;
    let reason: string;
    let confidence: number;
    if (writtenOut) {
      kind = 'obfuscated-link';
      reason = OBFUSCATED_REASON;
      // Spaced dots alone ("great . love it") may be sloppy typing: flagged; a spelt-out dot or hidden letters block.
      confidence = SPACED_DOT_ONLY.test(raw) && !schemed ? 0.75 : 0.9;
    } else if (schemed) {
      kind = 'url';
      reason = URL_REASON;
      confidence = 0.95;
    } else if (shortener) {
      kind = 'short-link';
      reason = SHORT_REASON;
      confidence = 0.95;
    } else {
      kind = 'domain';
      reason = DOMAIN_REASON;
      // A bare country-code domain ("amazon.in") is less certain than "deals.xyz" or a name with a path.
      confidence = path ? 0.9 : tld.length > 2 ? 0.8 : 0.7;
    }
    out.push({ category: CATEGORY, kind, start, end, text: raw, reason, confidence });
    taken.push([start, end]);
  }
  return out.sort((a, b) => a.start - b.start);
}
