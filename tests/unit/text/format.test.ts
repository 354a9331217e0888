import { describe, expect, test } from 'vitest';
import { count, formatBytes, plural } from '../../../src/shared/format.ts';

describe('format', () => {
  test('bytes in binary multiples, with one decimal from MB up', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(18 * 1024 + 100)).toBe('18 KB');
    expect(formatBytes(2.4 * 1048576)).toBe('2.4 MB');
    expect(formatBytes(3 * 1073741824)).toBe('3.0 GB');
    expect(formatBytes(null)).toBe('unknown size');
    expect(formatBytes(Number.NaN, 'unknown')).toBe('unknown');
  });

  test('plurals and counts', () => {
    expect(plural(1, 'item')).toBe('item');
    expect(plural(0, 'item')).toBe('items');
    expect(count(3, 'entry', 'entries')).toBe('3 entries');
    expect(count(1, 'database')).toBe('1 database');
  });
});
