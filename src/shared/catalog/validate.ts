/**
 * Validation of raw catalog rows (from JSON or CSV) into `Product`s. Every problem is reported with its row, field
 * and a reason a merchant can act on. Pure: runs on the page, in workers and in Node.
 */
import type { RowIssue } from '../errors.ts';
import { hasInvisible, stripInvisible } from '../text/invisible.ts';
import { imageUrl, ownLocation } from '../url.ts';
import type { Product } from './types.ts';

export const LIMITS = {
  idLength: 200,
  titleLength: 500,
  descriptionLength: 20_000,
  brandLength: 200,
  categoryDepth: 10,
  categoryLength: 200,
  attributeCount: 100,
  attributeKeyLength: 200,
  attributeValueLength: 2_000,
  imageLength: 2_048,
  maxPrice: 1e10,
  /** Largest catalog file read (bytes of text). */
  fileLength: 200 * 1024 * 1024,
  rows: 500_000,
  /** Longest single CSV field: above every field limit, so an over-long field is reported by name. */
  csvFieldLength: 100_000,
} as const;

export interface ValidateOptions {
  /** Used when a row has no currency. Without it, a missing currency is an error. */
  defaultCurrency?: string;
  /**
   * What image paths are relative to, and whose origin they must stay on: the app's page (`document.baseURI`).
   * Defaults to this thread's location; in Node, to a placeholder origin that only relative paths share.
   */
  baseUrl?: string;
}

/** Where images are resolved when no base is given and there is no location (Node): only relative paths pass. */
const NO_BASE = 'https://aisle.invalid/';

/** A raw row: field name → value, as JSON gives it or as CSV columns were mapped. */
export type RawRow = Record<string, unknown>;

export type RowResult = { ok: true; product: Product; warnings: string[] } | { ok: false; issues: RowIssue[] };

const TRUE = new Set(['true', 'yes', 'y', '1', 'in stock', 'instock', 'in_stock', 'available']);
const FALSE = new Set(['false', 'no', 'n', '0', 'out of stock', 'outofstock', 'out_of_stock', 'unavailable', 'sold out']);

/** Currency marks merchants put before or after a price: a symbol, a three-letter code, "Rs." */
const CURRENCY_MARK = /^(?:\p{Sc}|[A-Z]{3}|Rs\.?|Rs)\s*|\s*(?:\p{Sc}|[A-Z]{3}|Rs\.?|\/-)$/u;
/** Thousands separators besides "," and ".": spaces (plain, no-break, narrow no-break, thin) and the Swiss apostrophe. */
const SPACE_GROUP = /^\d{1,3}(?:[ \u00A0\u202F\u2009']\d{3})+(?:[.,]\d{1,2})?$/;

const HOW_TO_WRITE = 'write it as 1234.50 (a dot for decimals; thousands may be grouped as 1,234.50)';

/**
 * A number as merchants write it, or the reason it cannot be read without guessing. Accepted: plain (1234.5),
 * grouped with commas and a decimal dot (1,234.50; Indian 12,34,567.00), grouped with dots and a decimal comma
 * (1.234,50; 1.234.567), grouped with spaces or apostrophes (1 234,50; 1'234.50), a decimal comma alone (19,99),
 * with one currency mark before or after (₹1,999; Rs. 1,999; 19.99 USD). Refused, because they could mean two
 * numbers: "1.234" and "1,234,5"; and what is not a number at all ("1,2,3,4", "1e3").
 */
export function parseNumber(v: unknown): { value: number } | { problem: string } {
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { problem: 'is not a finite number' };
  if (typeof v !== 'string') return { problem: `must be a number, not ${describe(v)}` };
  let s = v.trim();
  for (let i = 0; i < 2; i++) s = s.replace(CURRENCY_MARK, '').trim();
  const sign = /^[+-]/.test(s) ? s[0] : '';
  s = s.slice(sign.length);
  let plain: string | null = null;
  if (/^\d+(?:\.\d+)?$/.test(s) || /^\.\d+$/.test(s)) plain = /^\d{1,3}\.\d{3}$/.test(s) ? null : s;
  else if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s) || /^\d{1,2}(?:,\d{2})*,\d{3}(?:\.\d+)?$/.test(s)) plain = s.replace(/,/g, '');
  else if (/^\d{1,3}(?:\.\d{3})+,\d{1,2}$/.test(s) || /^\d{1,3}(?:\.\d{3}){2,}$/.test(s)) plain = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d+,\d{1,2}$/.test(s)) plain = s.replace(',', '.');
  else if (SPACE_GROUP.test(s)) plain = s.replace(/[ \u00A0\u202F\u2009']/g, '').replace(',', '.');
  if (plain === null) {
    const ambiguous = /^\d{1,3}\.\d{3}$/.test(s) ? ` (it could mean ${s.replace('.', '')} or ${s})` : '';
    return { problem: `${describe(v)} is not a number Aisle can read without guessing${ambiguous}; ${HOW_TO_WRITE}` };
  }
  const value = Number(`${sign}${plain}`);
  return Number.isFinite(value) ? { value } : { problem: `${describe(v)} is not a finite number; ${HOW_TO_WRITE}` };
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

export function validateRow(raw: RawRow, row: number, options: ValidateOptions = {}): RowResult {
  const issues: RowIssue[] = [];
  const warnings: string[] = [];
  const bad = (field: string, reason: string) => issues.push({ row, field, reason });

  const stripped = new Set<string>();
  /** Display text: invisible formatting characters (bidi overrides, zero-width) removed, so text shows what it says. */
  const clean = (field: string, s: string): string => {
    if (!hasInvisible(s)) return s;
    stripped.add(field);
    return stripInvisible(s).trim();
  };
  const lost = (field: string, s: string) => {
    if (s.includes('\uFFFD')) warnings.push(`row ${row}: the ${field} contains "\uFFFD", a character that was lost when the file was saved; save the file as UTF-8 and load it again`);
  };
  const text = (field: string, value: unknown, max: number, required: boolean, display = true): string | null => {
    if (isBlank(value)) {
      if (required) bad(field, 'is missing; every product needs one');
      return null;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      bad(field, `must be text, not ${describe(value)}`);
      return null;
    }
    const raw = String(value).trim();
    if (raw.length > max) {
      bad(field, `is ${raw.length.toLocaleString('en')} characters long; the limit is ${max.toLocaleString('en')}`);
      return null;
    }
    if (!display) return raw;
    const s = clean(field, raw);
    if (s === '') {
      if (required) bad(field, 'has only invisible characters; every product needs one that can be read');
      return null;
    }
    lost(field, s);
    return s;
  };

  const id = text('id', raw.id, LIMITS.idLength, true, false);
  if (id !== null && hasInvisible(id)) bad('id', 'contains invisible characters (zero-width or direction controls), so it would look like another id; remove them');
  const title = text('title', raw.title, LIMITS.titleLength, true);
  const description = text('description', raw.description, LIMITS.descriptionLength, false) ?? '';
  const brand = text('brand', raw.brand, LIMITS.brandLength, false);
  const group = text('group', raw.group, LIMITS.idLength, false, false);
  const variant = text('variant', raw.variant, LIMITS.brandLength, false);

  // Category: an array of names, or one string "A > B > C" / "A >> B" / "A/B".
  let categoryPath: string[] = [];
  const cat = raw.categoryPath ?? raw.category;
  if (!isBlank(cat)) {
    const parts = Array.isArray(cat) ? cat : typeof cat === 'string' ? cat.split(/\s*(?:>>|>|\/|\|)\s*/) : null;
    if (!parts) bad('categoryPath', `must be a list of category names or text like "Clothing > Shirts", not ${describe(cat)}`);
    else if (parts.some((p) => typeof p !== 'string')) bad('categoryPath', 'every category name must be text');
    else {
      categoryPath = (parts as string[]).map((p) => clean('category', p.trim())).filter(Boolean);
      if (categoryPath.length > LIMITS.categoryDepth) bad('categoryPath', `has ${categoryPath.length} levels; the limit is ${LIMITS.categoryDepth}`);
      else if (categoryPath.some((p) => p.length > LIMITS.categoryLength)) bad('categoryPath', `a category name is longer than ${LIMITS.categoryLength} characters`);
    }
  }

  const money = (field: string, value: unknown, required: boolean): number | null => {
    if (isBlank(value)) {
      if (required) bad(field, 'is missing; every product needs a price');
      return null;
    }
    const parsed = parseNumber(value);
    if ('problem' in parsed) {
      bad(field, typeof value === 'string' ? parsed.problem : `must be a number like 1299 or 1299.50, not ${describe(value)}`);
      return null;
    }
    const x = parsed.value;
    if (x < 0) {
      bad(field, `cannot be negative (${x})`);
      return null;
    }
    if (x > LIMITS.maxPrice) {
      bad(field, `is implausibly large (${x})`);
      return null;
    }
    return Math.round(x * 100) / 100;
  };
  const price = money('price', raw.price, true);
  let listPrice = money('listPrice', raw.listPrice, false);
  if (price !== null && listPrice !== null) {
    if (listPrice < price) bad('listPrice', `(${listPrice}) is below the price (${price}); it is the price before any discount`);
    else if (listPrice === price) listPrice = null;
  }

  let currency: string | null = null;
  if (isBlank(raw.currency)) {
    if (options.defaultCurrency) currency = options.defaultCurrency;
    else bad('currency', 'is missing; give a three-letter code such as INR, USD or EUR (or set a default currency for the file)');
  } else if (typeof raw.currency !== 'string' || !/^[A-Za-z]{3}$/.test(raw.currency.trim())) {
    bad('currency', `must be a three-letter code such as INR, USD or EUR, not ${describe(raw.currency)}`);
  } else currency = raw.currency.trim().toUpperCase();

  let image: string | null = null;
  if (!isBlank(raw.image)) {
    const url = text('image', raw.image, LIMITS.imageLength, false, false);
    if (url !== null) {
      // Checked exactly as the browser will resolve it: the original text is kept, the page resolves it again.
      if (imageUrl(url, options.baseUrl ?? ownLocation() ?? NO_BASE)) image = url;
      else warnings.push(`row ${row}: the image ${JSON.stringify(truncate(url, 60))} is on another site or is not a plain web address, and will not be loaded (that would tell another site what the shopper looks at); a placeholder is shown instead`);
    }
  }

  let attributes: Record<string, string> = {};
  if (!isBlank(raw.attributes)) {
    let attrs = raw.attributes;
    if (typeof attrs === 'string') {
      try {
        attrs = JSON.parse(attrs);
      } catch {
        bad('attributes', 'must be a JSON object like {"Colour": "Navy"}; this text is not valid JSON');
        attrs = null;
      }
    }
    if (attrs !== null) {
      if (typeof attrs !== 'object' || Array.isArray(attrs)) bad('attributes', `must be an object of names and values, not ${describe(attrs)}`);
      else {
        const entries = Object.entries(attrs as Record<string, unknown>);
        if (entries.length > LIMITS.attributeCount) bad('attributes', `has ${entries.length} entries; the limit is ${LIMITS.attributeCount}`);
        for (const [k, v] of entries) {
          if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
            bad(`attributes.${k}`, `must be text or a number, not ${describe(v)}`);
          } else if (k.length > LIMITS.attributeKeyLength || String(v).length > LIMITS.attributeValueLength) {
            bad(`attributes.${truncate(k, 40)}`, `is too long (limits: ${LIMITS.attributeKeyLength} characters for a name, ${LIMITS.attributeValueLength} for a value)`);
          } else {
            const key = clean('attributes', k.trim());
            const value = clean('attributes', String(v).trim());
            if (key && value) attributes[key] = value;
          }
        }
      }
    }
  }
  if (issues.some((i) => i.field.startsWith('attributes'))) attributes = {};

  let inStock = true;
  if (!isBlank(raw.inStock)) {
    const v = raw.inStock;
    if (typeof v === 'boolean') inStock = v;
    else if (typeof v === 'number' && (v === 0 || v === 1)) inStock = v === 1;
    else if (typeof v === 'string' && TRUE.has(v.trim().toLowerCase())) inStock = true;
    else if (typeof v === 'string' && FALSE.has(v.trim().toLowerCase())) inStock = false;
    else bad('inStock', `must be true or false (or "in stock" / "out of stock"), not ${describe(v)}`);
  }

  let rating: number | null = null;
  if (!isBlank(raw.rating)) {
    const parsed = parseNumber(raw.rating);
    if ('problem' in parsed || parsed.value < 0 || parsed.value > 5) bad('rating', `must be a number from 0 to 5, not ${describe(raw.rating)}`);
    else rating = parsed.value;
  }
  let ratingCount: number | undefined;
  if (!isBlank(raw.ratingCount)) {
    const parsed = parseNumber(raw.ratingCount);
    if ('problem' in parsed || !Number.isInteger(parsed.value) || parsed.value < 0 || parsed.value > 1e9) bad('ratingCount', `must be a whole number of ratings, not ${describe(raw.ratingCount)}`);
    else ratingCount = parsed.value;
  }

  if (issues.length > 0 || id === null || title === null || price === null || currency === null) {
    return { ok: false, issues };
  }
  if (stripped.size) warnings.push(`row ${row}: invisible formatting characters (such as a right-to-left override or a zero-width space) were removed from the ${[...stripped].join(', ')}, so the text shows what it says`);
  return {
    ok: true,
    warnings,
    product: {
      id, title, description, categoryPath, brand, price, currency, listPrice, image, attributes, inStock, rating,
      ...(ratingCount !== undefined ? { ratingCount } : {}),
      ...(group ? { group } : {}),
      ...(variant ? { variant } : {}),
    },
  };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(truncate(v, 40));
  return `${typeof v} ${String(v)}`;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
