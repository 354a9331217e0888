/**
 * The statistics the demand model needs, small and exact enough: Student's t distribution (for 95% intervals with
 * few observations) and ordinary least squares with its covariance and leverages. Pure; worker and Node.
 */

/** log Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
export function logGamma(x: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(x, a, b)) / a : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The p-quantile of Student's t with `df` degrees of freedom (bisection on the CDF; |error| < 1e-10). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) throw new RangeError(`studentTQuantile needs 0 < p < 1 and df > 0 (got p = ${p}, df = ${df}).`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const t975 = new Map<number, number>();

/** The two-sided 95% critical value of Student's t with `df` degrees of freedom (cached: fits reuse a few df). */
export function tCritical95(df: number): number {
  let t = t975.get(df);
  if (t === undefined) {
    t = studentTQuantile(0.975, df);
    if (t975.size < 10_000) t975.set(df, t);
  }
  return t;
}

export interface OlsFit {
  coefficients: number[];
  /** Covariance of the coefficients: s²·(XᵀX)⁻¹. */
  covariance: number[][];
  /** (XᵀX)⁻¹, for leverages and predictions. */
  xtxInverse: number[][];
  residuals: number[];
  /** Diagonal of the hat matrix. */
  leverage: number[];
  /** Residual variance s² = RSS / df. */
  s2: number;
  df: number;
  rss: number;
  rSquared: number;
}

/** Inverse of a symmetric positive definite matrix by Cholesky, or null when it is singular (relative pivot < 1e-10). */
export function invertSpd(a: readonly (readonly number[])[]): number[][] | null {
  const k = a.length;
  const l = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const scale = Math.max(...a.map((row, i) => Math.abs(row[i]!)), 1e-300);
  for (let j = 0; j < k; j++) {
    let d = a[j]![j]!;
    for (let m = 0; m < j; m++) d -= l[j]![m]! ** 2;
    if (!(d > 1e-10 * scale)) return null;
    const ljj = Math.sqrt(d);
    l[j]![j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i]![j]!;
      for (let m = 0; m < j; m++) s -= l[i]![m]! * l[j]![m]!;
      l[i]![j] = s / ljj;
    }
  }
  // L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹.
  const li = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let c = 0; c < k; c++) {
    for (let i = c; i < k; i++) {
      let s = i === c ? 1 : 0;
      for (let m = c; m < i; m++) s -= l[i]![m]! * li[m]![c]!;
      li[i]![c] = s / l[i]![i]!;
    }
  }
  const inv = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let m = i; m < k; m++) s += li[m]![i]! * li[m]![j]!;
      inv[i]![j] = s;
      inv[j]![i] = s;
    }
  }
  return inv;
}

/**
 * Least squares of y on the columns of X (rows are observations; include a column of ones for an intercept).
 * `absorbed` counts parameters already taken out of the data (fixed effects removed by demeaning), so that the
 * residual degrees of freedom are n − k − absorbed. Null when X is rank-deficient or no degree of freedom is left.
 */
export function ols(x: readonly (readonly number[])[], y: readonly number[], options: { absorbed?: number; intercept?: boolean } = {}): OlsFit | null {
  const n = y.length;
  const k = x[0]?.length ?? 0;
  const df = n - k - (options.absorbed ?? 0);
  if (k === 0 || df <= 0) return null;
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let r = 0; r < n; r++) {
    const row = x[r]!;
    for (let i = 0; i < k; i++) {
      xty[i]! += row[i]! * y[r]!;
      for (let j = 0; j <= i; j++) xtx[i]![j]! += row[i]! * row[j]!;
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) xtx[j]![i] = xtx[i]![j]!;
  const inv = invertSpd(xtx);
  if (!inv) return null;
  const coefficients = inv.map((row) => row.reduce((s, v, j) => s + v * xty[j]!, 0));
  const residuals = new Array<number>(n);
  const leverage = new Array<number>(n);
  let rss = 0;
  for (let r = 0; r < n; r++) {
    const row = x[r]!;
    let fitted = 0;
    for (let i = 0; i < k; i++) fitted += row[i]! * coefficients[i]!;
    const e = y[r]! - fitted;
    residuals[r] = e;
    rss += e * e;
    let h = 0;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) h += row[i]! * inv[i]![j]! * row[j]!;
    leverage[r] = h;
  }
  const mean = options.intercept === false ? 0 : y.reduce((s, v) => s + v, 0) / n;
  const tss = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  const s2 = rss / df;
  return {
    coefficients,
    covariance: inv.map((row) => row.map((v) => v * s2)),
    xtxInverse: inv,
    residuals,
    leverage,
    s2,
    df,
    rss,
    rSquared: tss > 0 ? 1 - rss / tss : 0,
  };
}

/**
 * Externally studentised residuals: each residual over the residual spread of the fit without that observation.
 * Beyond about ±4 an observation is far outside what the rest of the data makes likely.
 */
export function studentisedResiduals(fit: OlsFit): number[] {
  const p = fit.df;
  return fit.residuals.map((e, i) => {
    const h = Math.min(fit.leverage[i]!, 1 - 1e-12);
    const s2i = (fit.rss - (e * e) / (1 - h)) / (p - 1);
    return s2i > 0 ? e / Math.sqrt(s2i * (1 - h)) : 0;
  });
}

/** The q-quantile of sorted values (linear interpolation between order statistics, as R's type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  return quantileOf((i) => sorted[i]!, sorted.length, q);
}

/** The q-quantile of n sorted values read through `at` (type 7). */
export function quantileOf(at: (i: number) => number, n: number, q: number): number {
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return at(lo) + (at(hi) - at(lo)) * (pos - lo);
}
