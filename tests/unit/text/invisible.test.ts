import { describe, expect, test } from 'vitest';
import { hasInvisible, stripInvisible } from '../../../src/shared/text/invisible.ts';

describe('invisible characters', () => {
  test('a right-to-left override, zero-width characters and control characters are removed', () => {
    expect(stripInvisible('\u202E999 ₹')).toBe('999 ₹');
    expect(stripInvisible('exa\u200Bmple\u2060.com\uFEFF')).toBe('example.com');
    expect(stripInvisible('a\u0000b\u0007c\u009Fd')).toBe('abcd');
    expect(stripInvisible('\u2066isolated\u2069 \u200Eltr\u200F')).toBe('isolated ltr');
  });

  test('tabs, line breaks, emoji with joiners kept apart, and ordinary text are left alone', () => {
    expect(stripInvisible('line one\nline two\r\n\tindented')).toBe('line one\nline two\r\n\tindented');
    expect(stripInvisible('Café mug, 手表 ₹1,999')).toBe('Café mug, 手表 ₹1,999');
  });

  test('hasInvisible answers the same on repeated calls (no regex state carried over)', () => {
    expect(hasInvisible('a\u200Bb')).toBe(true);
    expect(hasInvisible('a\u200Bb')).toBe(true);
    expect(hasInvisible('plain')).toBe(false);
    expect(hasInvisible('\u202E')).toBe(true);
  });
});
