/**
 * An assistant answer's words, from its blocks, in the shopper's language: the messages (i18n/assistant.ts) frame
 * the tool results, and every name, price, attribute and policy sentence is the block's own data. No user text is
 * ever repeated (a request may hold personal data; the constraints shown are the catalog's names).
 */
import type { AnswerBlock, Constraints, Suggestion } from '../../shared/protocol/assistant.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

export function describeConstraints(c: Constraints, currency: string): string {
  const t = i18n.t.assistant;
  const price = (n: number) => i18n.price(n, currency);
  const parts: string[] = [];
  const zh = i18n.locale === 'zh';
  if (c.brand) parts.push(t.byBrand({ brand: c.brand }));
  // In Chinese, the Chinese words the request used for the colour and the category (红色 → 红色, not "red色").
  if (c.color) parts.push(zh && c.zh?.color ? c.zh.color : t.inColor({ color: c.color }));
  if (c.size) parts.push(t.sizeIs({ size: c.size }));
  if (c.priceMin !== undefined && c.priceMax !== undefined) parts.push(t.betweenPrice({ min: price(c.priceMin), max: price(c.priceMax) }));
  else if (c.priceMax !== undefined) parts.push(t.underPrice({ price: price(c.priceMax) }));
  else if (c.priceMin !== undefined) parts.push(t.overPrice({ price: price(c.priceMin) }));
  if (c.cheaper) parts.push(t.cheaperThanShown);
  const what = (zh && c.category ? c.zh?.category : undefined) ?? c.categoryPath?.at(-1) ?? c.category;
  if (zh) return `${parts.join('、')}${parts.length ? '的' : ''}${what ?? ''}`.trim() || t.anything;
  if (!what && !parts.length) return t.anything;
  return [what ?? i18n.t.assistant.products.other.replace('# ', ''), ...parts].join(' ');
}

/** The words of an answer, one paragraph per block that has words (product cards and tables have none). */
export function answerText(blocks: AnswerBlock[], currency: string): string {
  const t = i18n.t.assistant;
  const price = (n: number, cur = currency) => i18n.price(n, cur);
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'found': {
        let text = t.found({ total: b.total, shown: b.shown, what: describeConstraints(b.constraints, currency) });
        if (b.constraints.sort) text = `${text.replace(/[:：]$/, '')} (${t.sortedBy[b.constraints.sort]})${i18n.locale === 'zh' ? '：' : ':'}`;
        out.push(text);
        break;
      }
      case 'none':
        out.push(t.none({ what: describeConstraints(b.constraints, currency) }));
        break;
      case 'relaxed':
        out.push(t.relaxed({ constraint: t.relaxedNames[b.relaxed], total: b.total }));
        break;
      case 'products':
        break;
      case 'compare':
        out.push(t.compare);
        break;
      case 'policy':
        out.push(t.policyFrom({ source: b.entry.source, question: b.entry.question }), b.entry.answer);
        break;
      case 'no-policy':
        out.push(t.noPolicy);
        break;
      case 'spec':
        out.push(t.spec({ title: b.product.title, price: price(b.product.price, b.product.currency) }) + (b.product.inStock ? '' : ` ${t.outOfStock}`));
        if (b.description) out.push(b.description);
        break;
      case 'orders': {
        const [last, ...earlier] = b.orders;
        const total = last.lines.reduce((s, l) => s + l.price * l.quantity, 0);
        const lines = last.lines.map((l) => t.orderLine({ quantity: l.quantity, title: l.product.title, price: price(l.price, l.product.currency) })).join('; ');
        out.push(t.lastOrder({ date: i18n.date(last.at, { dateStyle: 'medium' }), lines, total: price(total, last.lines[0]?.product.currency) }));
        if (earlier.length) out.push(i18n.count(earlier.length, t.earlierOrders));
        break;
      }
      case 'no-orders':
        out.push(t.noOrders);
        break;
      case 'viewed':
        out.push(t.viewed({ title: b.product.title, price: price(b.product.price, b.product.currency), date: i18n.date(b.at, { dateStyle: 'medium' }) }));
        break;
      case 'no-history':
        out.push(t.noHistory);
        break;
      case 'add-to-cart':
        break;
      case 'explain':
        out.push(b.reason ? t.explain({ title: b.product.title, reason: i18n.reason(b.reason) }) : t.explainMatch({ title: b.product.title }));
        break;
      case 'need-products':
        out.push(t.needProducts);
        break;
      case 'greeting':
        out.push(t.greeting);
        break;
      case 'help':
        out.push(t.help);
        break;
      case 'withheld': {
        const s = i18n.t.assistantSafety;
        out.push(b.categories.length ? s.withheld({ parts: i18n.count(b.parts, s.parts), why: b.categories.map((c) => s.categories[c]).join(i18n.locale === 'zh' ? '、' : ', ') }) : s.unchecked);
        break;
      }
      default: {
        const _exhaustive: never = b;
        void _exhaustive;
      }
    }
  }
  return out.join('\n\n');
}

/** A suggestion's label, which is also what is sent when it is chosen. */
export function suggestionText(s: Suggestion): string {
  const t = i18n.t.assistant.suggest;
  switch (s.kind) {
    case 'cheaper':
      return t.cheaper;
    case 'color':
      return t.color({ color: s.color });
    case 'compare':
      return t.compare;
    case 'details':
      return t.details({ n: s.index });
    case 'category':
      return t.category({ category: s.category });
    case 'orders':
      return t.orders;
    case 'policy':
      return t.policy({ question: s.question });
  }
}

/** Pieces to reveal one at a time while an answer streams: words (and spaces) in English, short runs in Chinese. */
export function streamPieces(text: string): string[] {
  const seg = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(i18n.locale === 'zh' ? 'zh' : 'en', { granularity: 'word' }) : null;
  if (!seg) return text.split(/(\s+)/);
  const pieces: string[] = [];
  for (const s of seg.segment(text)) {
    if (!s.isWordLike && pieces.length) pieces[pieces.length - 1] += s.segment;
    else pieces.push(s.segment);
  }
  return pieces;
}
