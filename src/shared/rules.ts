/**
 * Merchant rules for recommendation shelves: pin an item at a position, boost or hide what matches. They ship with
 * the catalog (`rules` in a JSON catalog) and apply after ranking. Pure.
 */
import { InvalidFileError } from './errors.ts';
import { underCategory } from './catalog/facets.ts';
import type { ShelfKind } from './protocol/recommender.ts';

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

/** Checks rules from a catalog file; throws InvalidFileError saying what is wrong. */
export function validateRules(raw: unknown): MerchantRules {
  if (raw === undefined || raw === null) return {};
  const fail = (why: string): never => {
    throw new InvalidFileError(`The catalog's "rules" are invalid: ${why}. See the README ("Merchant rules").`);
  };
  if (typeof raw !== 'object' || Array.isArray(raw)) fail('they must be an object with "pin", "boost" and/or "hide"');
  const r = raw as Record<string, unknown>;
  const match = (m: unknown, where: string): RuleMatch => {
    if (typeof m !== 'object' || m === null) fail(`${where} must be an object with "ids", "category" or "brand"`);
    const x = m as Record<string, unknown>;
    if (x.ids !== undefined && (!Array.isArray(x.ids) || x.ids.some((i) => typeof i !== 'string'))) fail(`${where}.ids must be a list of product ids`);
    if (x.category !== undefined && (!Array.isArray(x.category) || x.category.some((i) => typeof i !== 'string'))) fail(`${where}.category must be a list of category names`);
    if (x.brand !== undefined && typeof x.brand !== 'string') fail(`${where}.brand must be text`);
    if (x.ids === undefined && x.category === undefined && x.brand === undefined) fail(`${where} matches nothing (give ids, category or brand)`);
    return { ids: x.ids as string[] | undefined, category: x.category as string[] | undefined, brand: x.brand as string | undefined };
  };
  const out: MerchantRules = {};
  if (r.pin !== undefined) {
    if (!Array.isArray(r.pin)) fail('"pin" must be a list');
    out.pin = (r.pin as unknown[]).map((p, i) => {
      const x = p as Record<string, unknown>;
      if (typeof x?.itemId !== 'string' || typeof x.position !== 'number' || x.position < 0 || !Number.isInteger(x.position)) fail(`pin #${i + 1} needs an "itemId" and a whole-number "position" from 0`);
      return { itemId: x.itemId as string, position: x.position as number, shelf: x.shelf as ShelfKind | undefined };
    });
  }
  if (r.boost !== undefined) {
    if (!Array.isArray(r.boost)) fail('"boost" must be a list');
    out.boost = (r.boost as unknown[]).map((b, i) => {
      const x = b as Record<string, unknown>;
      if (typeof x?.factor !== 'number' || !(x.factor > 0) || x.factor > 100) fail(`boost #${i + 1} needs a "factor" between 0 and 100`);
      return { match: match(x.match, `boost #${i + 1}.match`), factor: x.factor as number };
    });
  }
  if (r.hide !== undefined) {
    if (!Array.isArray(r.hide)) fail('"hide" must be a list');
    out.hide = (r.hide as unknown[]).map((m, i) => match(m, `hide #${i + 1}`));
  }
  return out;
}
