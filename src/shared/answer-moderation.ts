/**
 * The assistant's answers pass moderation before they are shown. An answer is composed of texts the shop and the
 * shopper's history supplied (product titles, brands and attributes, descriptions, comparison rows, policy answers,
 * the recommender's reasons), and a merchant's product text can be abusive or carry personal data. `answerParts`
 * lists those texts; the page checks them with the language worker's `moderate()` (chat preset); `withholdParts`
 * takes out every part the check blocked or could not assess, and adds one `withheld` block that says how many
 * parts were left out and why (the categories). A flagged part (a warning, not a refusal) is shown. Pure: page and
 * tests.
 */
import type { ModerationCategory, ModerationConfigInput, ModerationResult } from './moderation.ts';
import type { AnswerBlock, AnswerProduct } from './protocol/assistant.ts';
import { reasonInEnglish } from './reasons.ts';

/** What the check said of one text: shown, or withheld for these categories (none: it could not be checked). */
export type PartVerdict = { withhold: false } | { withhold: true; categories: ModerationCategory[] };

/** One text of an answer, checked on its own (so a bad attribute does not take its product's title with it). */
export interface AnswerPart {
  text: string;
  /** Policy texts are the shop's own words to its customers: its contact details and links are meant to be there. */
  source: 'catalog' | 'policy' | 'reason';
}

const productTitle = (p: AnswerProduct) => [p.title, p.brand].filter(Boolean).join('\n');
const productAttributes = (p: AnswerProduct) => p.attributes.map(([k, v]) => `${k}: ${v}`).join('\n');
const rowText = (r: { attribute: string; values: string[] }) => `${r.attribute}: ${r.values.join('\n')}`;
const policyText = (e: { question: string; answer: string }) => `${e.question}\n${e.answer}`;

function products(b: AnswerBlock): AnswerProduct[] {
  switch (b.kind) {
    case 'products':
    case 'compare':
    case 'add-to-cart':
      return b.products;
    case 'spec':
    case 'viewed':
      return [b.product];
    case 'explain':
      return [b.product, ...b.because];
    case 'orders':
      return b.orders.flatMap((o) => o.lines.map((l) => l.product));
    default:
      return [];
  }
}

/** The texts of an answer that came from the shop or the history, once each, in order. */
export function answerParts(blocks: readonly AnswerBlock[]): AnswerPart[] {
  const out = new Map<string, AnswerPart>();
  const add = (text: string, source: AnswerPart['source']) => {
    if (text.trim() && !out.has(`${source}\u0000${text}`)) out.set(`${source}\u0000${text}`, { text, source });
  };
  for (const b of blocks) {
    for (const p of products(b)) {
      add(productTitle(p), 'catalog');
      add(productAttributes(p), 'catalog');
    }
    if (b.kind === 'spec') {
      add(b.description, 'catalog');
      for (const [k, v] of b.attributes) add(`${k}: ${v}`, 'catalog');
    }
    if (b.kind === 'compare') for (const r of b.rows) add(rowText(r), 'catalog');
    if (b.kind === 'policy') add(policyText(b.entry), 'policy');
    if (b.kind === 'explain' && b.reason) add(reasonInEnglish(b.reason), 'reason');
  }
  return [...out.values()];
}

/** A moderation result as a verdict on an answer part: withheld when blocked or when it could not be checked. */
export function partVerdict(result: ModerationResult | undefined): PartVerdict {
  if (!result || result.decision === 'hold') return { withhold: true, categories: [] };
  if (result.decision !== 'block') return { withhold: false };
  return { withhold: true, categories: result.categories.filter((c) => c.decision === 'block').map((c) => c.category) };
}

/**
 * The answer without the parts the check withheld (verdicts by `answerParts` text; a text without a verdict is
 * withheld: nothing is shown unchecked). A product whose title is withheld leaves the answer (cards, tables, orders
 * lines); one whose attributes are withheld is shown without them. When anything was left out, a `withheld` block
 * says how many parts and why; when everything was, that block is the whole answer.
 */
export function withholdParts(blocks: readonly AnswerBlock[], verdicts: ReadonlyMap<string, PartVerdict>): AnswerBlock[] {
  let withheld = 0;
  const why = new Set<ModerationCategory>();
  const ok = (text: string) => {
    if (!text.trim()) return true;
    const v = verdicts.get(text) ?? { withhold: true, categories: [] };
    if (!v.withhold) return true;
    withheld++;
    for (const c of v.categories) why.add(c);
    return false;
  };
  const seen = new Map<string, AnswerProduct | null>();
  const product = (p: AnswerProduct): AnswerProduct | null => {
    if (seen.has(p.id)) return seen.get(p.id)!;
    const kept = !ok(productTitle(p)) ? null : ok(productAttributes(p)) ? p : { ...p, attributes: [] };
    seen.set(p.id, kept);
    return kept;
  };
  const keep = (list: AnswerProduct[]) => list.map(product).filter((p): p is AnswerProduct => p !== null);
  const out: AnswerBlock[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'products':
      case 'add-to-cart': {
        const list = keep(b.products);
        if (list.length) out.push({ ...b, products: list });
        break;
      }
      case 'compare': {
        const kept = b.products.map(product);
        const products = kept.filter((p): p is AnswerProduct => p !== null);
        const rows = b.rows.filter((r) => ok(rowText(r))).map((r) => ({ ...r, values: r.values.filter((_, i) => kept[i] !== null) }));
        if (products.length >= 2) out.push({ ...b, products, rows });
        else if (products.length) out.push({ kind: 'products', products });
        break;
      }
      case 'spec': {
        const p = product(b.product);
        if (!p) break;
        out.push({ ...b, product: p, description: ok(b.description) ? b.description : '', attributes: b.attributes.filter(([k, v]) => ok(`${k}: ${v}`)) });
        break;
      }
      case 'viewed': {
        const p = product(b.product);
        if (p) out.push({ ...b, product: p });
        break;
      }
      case 'explain': {
        const p = product(b.product);
        if (p) out.push({ ...b, product: p, reason: b.reason && ok(reasonInEnglish(b.reason)) ? b.reason : null, because: keep(b.because) });
        break;
      }
      case 'orders': {
        const orders = b.orders.map((o) => ({ ...o, lines: o.lines.map((l) => ({ ...l, product: product(l.product) })).filter((l): l is typeof l & { product: AnswerProduct } => l.product !== null) })).filter((o) => o.lines.length);
        if (orders.length) out.push({ ...b, orders });
        break;
      }
      case 'policy':
        if (ok(policyText(b.entry))) out.push(b);
        break;
      default:
        out.push(b);
    }
  }
  if (!withheld) return out;
  // "Here are the first 6" counts what is shown.
  out.forEach((b, i) => {
    const next = out[i + 1];
    if (b.kind === 'found' && next?.kind === 'products') out[i] = { ...b, shown: next.products.length };
  });
  const notice: AnswerBlock = { kind: 'withheld', parts: withheld, categories: [...why] };
  // An answer left with only its framing ("I found 3 …:") says nothing true: the notice alone is shown.
  const content = out.filter((b) => !['found', 'relaxed', 'none'].includes(b.kind));
  return content.length ? [...out, notice] : [notice];
}

/** Checks texts of one source (the language worker's moderate(), chat preset; `ANSWER_POLICY_CONFIG` for policy texts). */
export type ModerateParts = (texts: string[], source: AnswerPart['source']) => Promise<ModerationResult[]>;

/** Policy texts: the shop's own contact details and links are meant to be shown; abuse and spam are still checked. */
export const ANSWER_POLICY_CONFIG = { disabled: ['incentivised', 'personal-data', 'links'] } as const satisfies ModerationConfigInput;

/** The most verdicts kept for texts already checked (product titles repeat from answer to answer). */
const CACHE_LIMIT = 5000;

/**
 * Moderates an answer's parts and returns the answer as it may be shown (withholdParts). Texts already checked are
 * not checked again (`cache`, by source and text). Fails closed: a check that throws withholds its parts.
 */
export async function moderateAnswer(blocks: readonly AnswerBlock[], moderate: ModerateParts, cache = new Map<string, PartVerdict>()): Promise<AnswerBlock[]> {
  const parts = answerParts(blocks);
  const verdicts = new Map<string, PartVerdict>();
  const key = (p: AnswerPart) => `${p.source}\u0000${p.text}`;
  const bySource = new Map<AnswerPart['source'], AnswerPart[]>();
  for (const p of parts) {
    const known = cache.get(key(p));
    if (known) verdicts.set(p.text, known);
    else bySource.set(p.source, [...(bySource.get(p.source) ?? []), p]);
  }
  await Promise.all(
    [...bySource].map(async ([source, list]) => {
      let results: ModerationResult[] = [];
      try {
        results = await moderate(list.map((p) => p.text), source);
      } catch (err) {
        if ((err as Error)?.name === 'AbortError') throw err;
      }
      list.forEach((p, i) => {
        const v = partVerdict(results.length === list.length ? results[i] : undefined);
        // A part withheld only because the check could not run is checked again next time.
        if (v.withhold && !v.categories.length) {
          if (!verdicts.has(p.text)) verdicts.set(p.text, v);
          return;
        }
        // A text that is both a catalog and a policy part is shown only if both checks allow it.
        if (!verdicts.get(p.text)?.withhold) verdicts.set(p.text, v);
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
        cache.set(key(p), v);
      });
    }),
  );
  return withholdParts(blocks, verdicts);
}

/**
 * An imported conversation message's check, as the live chat would have judged it: the shopper's message is shown
 * only when the check allows it (a live one that is not allowed is refused and never kept); an answer, like its
 * parts, is held when blocked or not checked.
 */
export function importedTurnVerdict(role: 'user' | 'assistant', result: ModerationResult | undefined): PartVerdict {
  if (role === 'assistant' || !result || result.decision === 'hold') return partVerdict(result);
  if (result.decision === 'allow') return { withhold: false };
  return { withhold: true, categories: result.categories.filter((c) => c.decision !== 'allow').map((c) => c.category) };
}
