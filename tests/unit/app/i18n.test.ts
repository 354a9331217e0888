/**
 * Both languages have every message: the same keys, a function where English has one (reading the same named values),
 * plural forms with an "other" form, and no empty text. A message added in English only fails here (and in tsc).
 */
import { describe, expect, test } from 'vitest';
import { en } from '../../../src/app/i18n/en.ts';
import { count, formatMoney, preferredLocale } from '../../../src/app/i18n/format.ts';
import { zh } from '../../../src/app/i18n/zh.ts';

type Tree = { [k: string]: unknown };

/** The named values a message function reads. */
function reads(fn: (p: Record<string, unknown>) => unknown): string[] {
  const seen = new Set<string>();
  const proxy = new Proxy({}, { get: (_t, k) => (typeof k === 'string' && seen.add(k), 'x') });
  fn(proxy as Record<string, unknown>);
  return [...seen].sort();
}

function walk(a: Tree, b: Tree, path: string[], problems: string[]): void {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const at = [...path, key].join('.');
    const x = a[key];
    const y = b[key];
    if (y === undefined) problems.push(`${at}: missing in Chinese`);
    else if (x === undefined) problems.push(`${at}: only in Chinese`);
    else if (typeof x === 'function') {
      if (typeof y !== 'function') problems.push(`${at}: English is a function of values, Chinese is not`);
      else if (reads(x as never).join() !== reads(y as never).join()) problems.push(`${at}: reads ${reads(x as never)} in English, ${reads(y as never)} in Chinese`);
    } else if (typeof x === 'string') {
      if (typeof y !== 'string' || y.trim() === '') problems.push(`${at}: empty or not text in Chinese`);
    } else if (typeof x === 'object' && x !== null && 'other' in x) {
      if (typeof (y as Tree).other !== 'string') problems.push(`${at}: plural forms without "other" in Chinese`);
    } else walk(x as Tree, y as Tree, [...path, key], problems);
  }
}

describe('messages', () => {
  test('Chinese has every English message, of the same kind', () => {
    const problems: string[] = [];
    walk(en as unknown as Tree, zh as unknown as Tree, [], problems);
    expect(problems).toEqual([]);
  });

  test('plurals, prices and the browser language', () => {
    expect(count('en', 1, en.units.item)).toBe('1 item');
    expect(count('en', 1200, en.units.item)).toBe('1,200 items');
    expect(count('zh', 3, zh.units.item)).toBe('3 件商品');
    expect(formatMoney('en', 2000, 'INR')).toBe('₹2,000');
    expect(formatMoney('zh', 2000, 'INR')).toMatch(/2,000/);
    expect(preferredLocale(['zh-CN', 'en'])).toBe('zh');
    expect(preferredLocale(['fr-FR', 'en-GB'])).toBe('en');
    expect(preferredLocale([])).toBe('en');
  });
});
