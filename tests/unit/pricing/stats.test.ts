/** Student's t and least squares against reference values (scipy.stats.t, numpy.linalg.lstsq). */
import { describe, expect, test } from 'vitest';
import { invertSpd, ols, quantileSorted, studentisedResiduals, studentTCdf, studentTQuantile } from '../../../workers/pricing/stats.ts';

describe("Student's t", () => {
  test.each([
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.1824463052837078],
    [4, 2.7764451051977934],
    [5, 2.5705818356363146],
    [10, 2.228138851986274],
    [30, 2.0422724563012378],
    [100, 1.9839715185235518],
  ])('the 97.5%% quantile with %i degrees of freedom', (df, expected) => {
    expect(studentTQuantile(0.975, df)).toBeCloseTo(expected, 8);
    expect(studentTQuantile(0.025, df)).toBeCloseTo(-expected, 8);
  });

  test('the CDF', () => {
    expect(studentTCdf(-1.3, 7)).toBeCloseTo(0.11738391769618862, 10);
    expect(studentTCdf(2.5, 3)).toBeCloseTo(0.9561466764959672, 10);
    expect(studentTCdf(0, 9)).toBeCloseTo(0.5, 12);
  });

  test('bad arguments are refused', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });
});

describe('least squares', () => {
  const x = [1, 2, 3, 4, 5, 6, 7, 8];
  const d = [0, 1, 0, 1, 0, 1, 1, 0];
  const y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1];

  test('coefficients and standard errors as numpy gives them', () => {
    const fit = ols(
      x.map((v, i) => [1, v, d[i]!]),
      y,
    )!;
    expect(fit.df).toBe(5);
    const expected = [0.11475903614457608, 2.002409638554218, -0.20120481927710732];
    const se = [0.12540940358587893, 0.023517134091497652, 0.1077690471027145];
    fit.coefficients.forEach((b, i) => expect(b).toBeCloseTo(expected[i]!, 10));
    fit.covariance.forEach((row, i) => expect(Math.sqrt(row[i]!)).toBeCloseTo(se[i]!, 10));
    expect(fit.leverage.reduce((s, h) => s + h, 0)).toBeCloseTo(3, 10);
  });

  test('a rank-deficient design or no degrees of freedom left give null', () => {
    expect(ols(x.map((v) => [1, v, 2 * v]), y)).toBeNull();
    expect(ols([[1, 1], [1, 2]], [1, 2])).toBeNull();
    expect(invertSpd([[1, 2], [2, 4]])).toBeNull();
  });

  test('an outlier stands out in the studentised residuals, the rest do not', () => {
    const yy = x.map((v) => 1 + 2 * v + (v % 2 ? 0.05 : -0.05));
    yy[4] = yy[4]! + 3;
    const t = studentisedResiduals(ols(x.map((v) => [1, v]), yy)!);
    expect(Math.abs(t[4]!)).toBeGreaterThan(10);
    for (const [i, v] of t.entries()) if (i !== 4) expect(Math.abs(v)).toBeLessThan(3);
  });

  test('quantiles of sorted values (type 7)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});
