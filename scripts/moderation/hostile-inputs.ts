/**
 * Hostile inputs for the moderation rules: long runs of what the patterns look for (dotted names, digit runs, "at"
 * and "dot" forms, spaced letters, Chinese addresses...), each ending in a character that makes a backtracking
 * pattern fail at the last moment. With a rule that backtracks (a nested or unbounded quantifier over overlapping
 * classes) such a text costs time growing with the square of its length; every rule is now linear, and
 * tests/unit/moderation/linear.test.ts and `npm run bench:moderation` check it on these.
 */
export const HOSTILE_UNITS: ReadonlyArray<readonly [unit: string, end: string]> = [
  ['a.', '5'],
  ['a.', 'x'],
  ['1.', 'x'],
  ['o.', 'x'],
  ['1o.', 'x'],
  ['a . ', 'x'],
  ['ab.', 'x'],
  ['1', 'x'],
  ['1 ', 'x'],
  ['1-', 'x'],
  ['1)', 'x'],
  ['(1) ', 'x'],
  ['+1 ', 'x'],
  ['1p', 'x'],
  ['one ', '5'],
  ['x at ', '.com'],
  ['a (at) ', '.com'],
  ['a@a.', 'x'],
  ['点a', '.com'],
  ['a$', 'x'],
  ['a*', 'x'],
  ['傻 ', 'x'],
  ['路1号', 'x'],
  ['好评返现', 'x'],
  ['Flat 1, ', 'x'],
  ['12 Aaaa ', 'x'],
  [' ', 'x'],
  ['http://a', 'x'],
];

/** `unit` repeated to `length` characters, ending in `end`. */
export function hostileText(unit: string, end: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length - end.length) + end;
}
