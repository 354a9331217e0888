/**
 * Merchant rules for recommendation shelves: pin an item at a position, boost or hide what matches. They ship with
 * the catalog (`rules` in a JSON catalog) and apply after ranking. Pure.
 */
import { InvalidFileError } from './errors.ts';
import { underCategory } from './catalog/facets.ts';
import { SHELVES, type ShelfKind } from './protocol/recommender.ts';

/** What a rule applies to: any of the listed ids, or products under a category path prefix, or of a brand. */
export interface RuleMatch {
  ids?: string[];
  category?: string[];
  brand?: string;
}

export interface MerchantRules {
  /** Put an item at a position (0-based) of a shelf, or of every shelf when `shelf` is omitted. */
  pin?: Array<{ itemId: string; position: number; shelf?: ShelfKind }>;
  /** Multiply the score of matching items (> 1 lifts, < 1 lowers). */
  boost?: Array<{ match: RuleMatch; factor: number }>;
  /** Never recommend matching items. */
  hide?: RuleMatch[];
}

export function matchesRule(p: { id: string; categoryPath: string[]; brand: string | null }, m: RuleMatch): boolean {
  if (m.ids?.includes(p.id)) return true;
  if (m.category?.length && underCategory(p.categoryPath, m.category)) return true;
  if (m.brand && p.brand === m.brand) return true;
  return false;
}

/** The most entries of each kind of rule, and the furthest a pin may place an item. */
export const RULE_LIMITS = { entries: 1_000, position: 100, factor: 100, ids: 10_000 } as const;

/**
 * Checks rules from a catalog file; throws InvalidFileError naming the path of what is wrong
 * (`rules.pin[0].shelf: "frontpage" is not a shelf; use one of …`). Unknown fields are refused, not ignored: a
 * misspelt "shelve" would otherwise pin an item on every shelf.
 */
export function validateRules(raw: unknown): MerchantRules {
  if (raw === undefined || raw === null) return {};
  const fail = (path: string, why: string): never => {
    throw new InvalidFileError(`The catalog's rules are invalid at ${path}: ${why}. See the README ("Merchant rules").`);
  };
  const object = (v: unknown, path: string, fields: readonly string[], what: string): Record<string, unknown> => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, `must be an object with ${what}`);
    for (const k of Object.keys(v as object)) if (!fields.includes(k)) fail(path, `unknown field ${JSON.stringify(k)} (the fields are ${fields.join(', ')})`);
    return v as Record<string, unknown>;
  };
  const list = (v: unknown, path: string): unknown[] => {
    if (!Array.isArray(v)) fail(path, 'must be a list');
    if ((v as unknown[]).length > RULE_LIMITS.entries) fail(path, `has ${(v as unknown[]).length} entries; the limit is ${RULE_LIMITS.entries}`);
    return v as unknown[];
  };
  const strings = (v: unknown, path: string, what: string): string[] => {
    if (!Array.isArray(v) || v.some((i) => typeof i !== 'string' || i.length > 500)) fail(path, `must be a list of ${what}`);
    if ((v as string[]).length > RULE_LIMITS.ids) fail(path, `has more than ${RULE_LIMITS.ids} entries`);
    return v as string[];
  };
  const match = (m: unknown, path: string): RuleMatch => {
    const x = object(m, path, ['ids', 'category', 'brand'], '"ids", "category" or "brand"');
    if (x.ids === undefined && x.category === undefined && x.brand === undefined) fail(path, 'matches nothing (give ids, category or brand)');
    const out: RuleMatch = {};
    if (x.ids !== undefined) out.ids = strings(x.ids, `${path}.ids`, 'product ids');
    if (x.category !== undefined) out.category = strings(x.category, `${path}.category`, 'category names');
    if (x.brand !== undefined) {
      if (typeof x.brand !== 'string' || x.brand.length > 500) fail(`${path}.brand`, 'must be text');
      out.brand = x.brand as string;
    }
    return out;
  };
  const r = object(raw, 'rules', ['pin', 'boost', 'hide'], '"pin", "boost" and/or "hide"');
  const out: MerchantRules = {};
  if (r.pin !== undefined) {
    out.pin = list(r.pin, 'rules.pin').map((p, i) => {
      const path = `rules.pin[${i}]`;
      const x = object(p, path, ['itemId', 'position', 'shelf'], '"itemId", "position" and optionally "shelf"');
      if (typeof x.itemId !== 'string' || x.itemId === '') fail(`${path}.itemId`, 'must be a product id');
      if (typeof x.position !== 'number' || !Number.isInteger(x.position) || x.position < 0 || x.position > RULE_LIMITS.position) fail(`${path}.position`, `must be a whole number from 0 to ${RULE_LIMITS.position}, not ${JSON.stringify(x.position)}`);
      if (x.shelf !== undefined && !(SHELVES as readonly unknown[]).includes(x.shelf)) fail(`${path}.shelf`, `${JSON.stringify(x.shelf)} is not a shelf; use one of ${SHELVES.join(', ')} (or leave it out for every shelf)`);
      const pin: { itemId: string; position: number; shelf?: ShelfKind } = { itemId: x.itemId as string, position: x.position as number };
      if (x.shelf !== undefined) pin.shelf = x.shelf as ShelfKind;
      return pin;
    });
  }
  if (r.boost !== undefined) {
    out.boost = list(r.boost, 'rules.boost').map((b, i) => {
      const path = `rules.boost[${i}]`;
      const x = object(b, path, ['match', 'factor'], '"match" and "factor"');
      if (typeof x.factor !== 'number' || !Number.isFinite(x.factor) || !(x.factor > 0) || x.factor > RULE_LIMITS.factor) fail(`${path}.factor`, `must be a number above 0 and at most ${RULE_LIMITS.factor} (above 1 lifts, below 1 lowers), not ${JSON.stringify(x.factor)}`);
      return { match: match(x.match, `${path}.match`), factor: x.factor as number };
    });
  }
  if (r.hide !== undefined) out.hide = list(r.hide, 'rules.hide').map((m, i) => match(m, `rules.hide[${i}]`));
  return out;
}
