import { describe, expect, it } from 'vitest';
import { linear, niceTicks, tickDigits } from '../../../src/app/components/charts/scale.ts';

describe('chart scales', () => {
  it('nice ticks cover the domain with round steps', () => {
    const t = niceTicks(0.13, 9.7, 5);
    expect(t.step).toBe(2);
    expect(t.min).toBe(0);
    expect(t.max).toBe(10);
    expect(t.values).toEqual([0, 2, 4, 6, 8, 10]);
    const small = niceTicks(0.0012, 0.0488, 5);
    expect(small.step).toBeCloseTo(0.01, 10);
    expect(small.values[0]).toBe(0);
    expect(small.values.at(-1)).toBeCloseTo(0.05, 10);
  });

  it('a flat or reversed domain still gets a span', () => {
    const flat = niceTicks(3, 3);
    expect(flat.min).toBeLessThan(3);
    expect(flat.max).toBeGreaterThan(3);
    const zero = niceTicks(0, 0);
    expect(zero.values.length).toBeGreaterThan(1);
    expect(niceTicks(10, 0).min).toBe(0);
    expect(niceTicks(NaN, Infinity).values.length).toBeGreaterThan(1);
  });

  it('maps linearly, including a reversed range (SVG y grows down)', () => {
    const y = linear(0, 10, 100, 0);
    expect(y(0)).toBe(100);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(75);
  });

  it('tick labels have the digits their step needs', () => {
    expect(tickDigits(2)).toBe(0);
    expect(tickDigits(0.5)).toBe(1);
    expect(tickDigits(0.25)).toBe(2);
    expect(tickDigits(0.01)).toBe(2);
    expect(tickDigits(200)).toBe(0);
  });
});
