/**
 * Prohibited items and claims from a merchant-editable list: each rule has words or phrases (any language) and
 * optional regular expressions. Latin-script terms match whole words, case-insensitively, with an optional plural
 * s/es ("gun" finds "Guns", not "begun"); terms in other scripts (中文) match anywhere. Matching runs on the canonical text
 * (normalise.ts), so full-width and lookalike letters match too; custom patterns run case-insensitively on the same
 * (lower-cased) text. Pure; spans are offsets into the original text.
 */
import { ConfigError } from '../../../src/shared/errors.ts';
import type { ProhibitedRule } from '../../../src/shared/moderation.ts';
import { canonicalText, normaliseViews, type NormalisedViews } from './normalise.ts';
import type { RuleFinding } from './types.ts';

const CATEGORY = 'prohibited' as const;

/** A rule list ready to match: built once per list by `compileProhibited` (it validates the list). */
export interface CompiledProhibited {
  rules: Array<{ rule: ProhibitedRule; matchers: RegExp[] }>;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function termMatcher(term: string): RegExp {
  const folded = canonicalText(term.trim()).text.replace(/\s+/g, ' ');
  const body = folded.split(' ').map(escapeRegExp).join(String.raw`[\s\-_]+`);
  const latinStart = /^[a-z0-9]/.test(folded);
  const latinEnd = /[a-z0-9]$/.test(folded);
  const plural = /[a-z]$/.test(folded) ? '(?:s|es)?' : '';
  return new RegExp(`${latinStart ? '(?<![a-z0-9])' : ''}${body}${plural}${latinEnd ? '(?![a-z0-9])' : ''}`, 'gu');
}

/** Validates and compiles a prohibited list. Throws ConfigError naming the rule and field at fault. */
export function compileProhibited(list: readonly ProhibitedRule[]): CompiledProhibited {
  const ids = new Set<string>();
  const rules = list.map((rule, i) => {
    const where = `Prohibited list entry ${i + 1}${rule && typeof rule.id === 'string' ? ` ("${rule.id}")` : ''}`;
    if (!rule || typeof rule.id !== 'string' || !rule.id.trim()) throw new ConfigError(`${where} needs an "id" (a short name such as "weapons").`);
    if (ids.has(rule.id)) throw new ConfigError(`${where}: the id "${rule.id}" is used twice; give each entry its own id.`);
    ids.add(rule.id);
    if (typeof rule.label !== 'string' || !rule.label.trim()) throw new ConfigError(`${where} needs a "label" that people read, such as "weapons".`);
    if (!Array.isArray(rule.terms)) throw new ConfigError(`${where}: "terms" must be a list of words or phrases (it may be empty when "patterns" is set).`);
    if (rule.severity !== undefined && rule.severity !== 'flag' && rule.severity !== 'block')
      throw new ConfigError(`${where}: "severity" must be "flag" or "block", not ${JSON.stringify(rule.severity)}.`);
    const matchers: RegExp[] = [];
    for (const term of rule.terms) {
      if (typeof term !== 'string' || !term.trim()) throw new ConfigError(`${where}: every term must be a non-empty string; remove the empty one.`);
      matchers.push(termMatcher(term));
    }
    for (const pattern of rule.patterns ?? []) {
      try {
        const re = new RegExp(pattern, 'giu');
        if (re.test('')) throw new ConfigError(`${where}: the pattern /${pattern}/ matches empty text, so it would match everything. Make it require at least one character.`);
        matchers.push(re);
      } catch (err) {
        if (err instanceof ConfigError) throw err;
        throw new ConfigError(`${where}: the pattern /${pattern}/ is not a valid regular expression (${(err as Error).message}). Fix or remove it.`);
      }
    }
    if (matchers.length === 0) throw new ConfigError(`${where} has no terms and no patterns, so it can never match. Add a term or remove the entry.`);
    return { rule, matchers };
  });
  return { rules };
}

export function findProhibited(text: string | NormalisedViews, compiled: CompiledProhibited): RuleFinding[] {
  const views = typeof text === 'string' ? normaliseViews(text) : text;
  const folded = views.canonical.text;
  const out: RuleFinding[] = [];
  for (const { rule, matchers } of compiled.rules) {
    const confidence = rule.severity === 'flag' ? 0.7 : 0.95;
    const reason = rule.reason ?? `This mentions ${rule.label}, which ${rule.severity === 'flag' ? 'the shop must check before it can appear' : 'is not allowed here'}.`;
    for (const re of matchers) {
      re.lastIndex = 0;
      for (const m of folded.matchAll(re)) {
        if (m[0].length === 0) continue;
        const [start, end] = views.canonical.span(m.index, m.index + m[0].length);
        if (out.some((f) => f.kind === rule.id && start < f.end && end > f.start)) continue;
        out.push({ category: CATEGORY, kind: rule.id, start, end, text: views.original.slice(start, end), reason, confidence });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
