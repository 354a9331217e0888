/**
 * Validation of raw catalog rows (from JSON or CSV) into `Product`s. Every problem is reported with its row, field
 * and a reason a merchant can act on. Pure: runs on the page, in workers and in Node.
 */
import type { RowIssue } from '../errors.ts';
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
}

/** A raw row: field name → value, as JSON gives it or as CSV columns were mapped. */
export type RawRow = Record<string, unknown>;

export type RowResult = { ok: true; product: Product; warnings: string[] } | { ok: false; issues: RowIssue[] };

const TRUE = new Set(['true', 'yes', 'y', '1', 'in stock', 'instock', 'in_stock', 'available']);
const FALSE = new Set(['false', 'no', 'n', '0', 'out of stock', 'outofstock', 'out_of_stock', 'unavailable', 'sold out']);

/** Parses "1,299.00", "₹1,299", 1299 into a number; returns NaN when it is not a price. */
export function parseNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return NaN;
  const s = v.trim().replace(/^[^\d.+-]{1,4}/, '').replace(/[\s,_]/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Image URLs that can be shown without telling a third party anything: relative paths and inline data images. */
function isLocalImage(url: string): boolean {
  if (/^data:image\/(png|jpeg|gif|webp|svg\+xml|avif);/i.test(url)) return true;
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//');
}

export function validateRow(raw: RawRow, row: number, options: ValidateOptions = {}): RowResult {
  const issues: RowIssue[] = [];
  const warnings: string[] = [];
  const bad = (field: string, reason: string) => issues.push({ row, field, reason });

  const text = (field: string, value: unknown, max: number, required: boolean): string | null => {
    if (isBlank(value)) {
      if (required) bad(field, 'is missing; every product needs one');
      return null;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      bad(field, `must be text, not ${describe(value)}`);
      return null;
    }
    const s = String(value).trim();
    if (s.length > max) {
      bad(field, `is ${s.length.toLocaleString('en')} characters long; the limit is ${max.toLocaleString('en')}`);
      return null;
    }
    return s;
  };

  const id = text('id', raw.id, LIMITS.idLength, true);
  const title = text('title', raw.title, LIMITS.titleLength, true);
  const description = text('description', raw.description, LIMITS.descriptionLength, false) ?? '';
  const brand = text('brand', raw.brand, LIMITS.brandLength, false);

  // Category: an array of names, or one string "A > B > C" / "A >> B" / "A/B".
  let categoryPath: string[] = [];
  const cat = raw.categoryPath ?? raw.category;
  if (!isBlank(cat)) {
    const parts = Array.isArray(cat) ? cat : typeof cat === 'string' ? cat.split(/\s*(?:>>|>|\/|\|)\s*/) : null;
    if (!parts) bad('categoryPath', `must be a list of category names or text like "Clothing > Shirts", not ${describe(cat)}`);
    else if (parts.some((p) => typeof p !== 'string')) bad('categoryPath', 'every category name must be text');
    else {
      categoryPath = (parts as string[]).map((p) => p.trim()).filter(Boolean);
      if (categoryPath.length > LIMITS.categoryDepth) bad('categoryPath', `has ${categoryPath.length} levels; the limit is ${LIMITS.categoryDepth}`);
      else if (categoryPath.some((p) => p.length > LIMITS.categoryLength)) bad('categoryPath', `a category name is longer than ${LIMITS.categoryLength} characters`);
    }
  }

  const money = (field: string, value: unknown, required: boolean): number | null => {
    if (isBlank(value)) {
      if (required) bad(field, 'is missing; every product needs a price');
      return null;
    }
    const x = parseNumber(value);
    if (!Number.isFinite(x)) {
      bad(field, `must be a number like 1299 or 1299.50, not ${describe(value)}`);
      return null;
    }
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
    const url = text('image', raw.image, LIMITS.imageLength, false);
    if (url !== null) {
      if (isLocalImage(url)) image = url;
      else warnings.push(`row ${row}: the image ${truncate(url, 60)} is on another site and will not be loaded (that would tell that site what the shopper looks at); a placeholder is shown instead`);
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
          } else if (k.trim() && String(v).trim()) attributes[k.trim()] = String(v).trim();
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
    const x = parseNumber(raw.rating);
    if (!Number.isFinite(x) || x < 0 || x > 5) bad('rating', `must be a number from 0 to 5, not ${describe(raw.rating)}`);
    else rating = x;
  }

  if (issues.length > 0 || id === null || title === null || price === null || currency === null) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    warnings,
    product: { id, title, description, categoryPath, brand, price, currency, listPrice, image, attributes, inStock, rating },
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
