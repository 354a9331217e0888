/** Sizes and counts in words, one definition for every screen, message and tool. Pure; runs everywhere. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A byte count for people: "512 B", "18 KB", "2.4 MB" (binary multiples, as the browser's storage figures are). */
export function formatBytes(bytes: number | null | undefined, unknown = 'unknown size'): string {
  if (bytes == null || !Number.isFinite(bytes) || bytes < 0) return unknown;
  let n = bytes;
  let unit = 0;
  while (n >= 1024 && unit < UNITS.length - 1) {
    n /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${n.toFixed(unit === 1 ? 0 : 1)} ${UNITS[unit]}`;
}

/** The word for a count: `plural(1, 'item')` is "item", `plural(3, 'entry', 'entries')` is "entries". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return count === 1 ? one : many;
}

/** A count with its word: "1 item", "3 entries". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${plural(n, one, many)}`;
}
