/**
 * Axis maths for the console's SVG charts (pure, tested in Node): a linear scale over a domain, and "nice" ticks
 * (1, 2, 2.5 or 5 × a power of ten) that cover it. Why no charting library: the console needs four small kinds of
 * chart (lines over time, points with a fitted curve and its band, grouped bars), each with axes, units and a text
 * alternative; Svelte draws those as plain SVG in about 200 lines, server-free, themeable with the app's CSS
 * variables, and without adding a dependency (uPlot draws to canvas, which a screen reader cannot read; Observable
 * Plot and LayerChart bring d3 along, more than all four charts together).
 */

export interface Ticks {
  min: number;
  max: number;
  step: number;
  values: number[];
}

/** Ticks covering [lo, hi], about `count` of them. A flat or empty domain gets a small span around its value. */
export function niceTicks(lo: number, hi: number, count = 5): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const min = Math.floor(lo / step + 1e-9) * step;
  const max = Math.ceil(hi / step - 1e-9) * step;
  const values: number[] = [];
  for (let v = min; v <= max + step * 1e-9; v += step) values.push(Number(v.toPrecision(12)));
  return { min, max, step, values };
}

/** A linear map from [d0, d1] to [r0, r1]. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** Digits a tick label needs so that neighbouring ticks read differently. */
export function tickDigits(step: number): number {
  if (!(step > 0)) return 0;
  return Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9) + (step / 10 ** Math.floor(Math.log10(step)) === 2.5 ? 1 : 0)));
}
