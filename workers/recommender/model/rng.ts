/**
 * A small seeded random number generator (SplitMix32-style state, xorshift-multiply output). Training uses it for
 * shuffling, negative sampling, dropout seeds and weight initialisation, so a run is reproducible from its seed on
 * any backend. The state is one 32-bit integer, saved in checkpoints so that a resumed run continues the same stream.
 */
export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = (seed | 0) ^ 0x9e3779b9;
    // Warm up so that nearby seeds diverge at once.
    for (let i = 0; i < 4; i++) this.nextUint32();
  }

  get state(): number {
    return this.s;
  }

  static fromState(state: number): Rng {
    const r = new Rng(0);
    r.s = state | 0;
    return r;
  }

  nextUint32(): number {
    this.s = (this.s + 0x9e3779b9) | 0;
    let z = this.s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** In-place Fisher-Yates shuffle. */
  shuffle<T extends { length: number; [i: number]: unknown }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}

/** Truncated normal values (resampled beyond 2 standard deviations), as Keras' truncatedNormal does. */
export function truncatedNormal(rng: Rng, n: number, std: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let x = rng.normal();
    while (x < -2 || x > 2) x = rng.normal();
    out[i] = x * std;
  }
  return out;
}

/** Glorot/Xavier uniform for a fanIn × fanOut matrix. */
export function glorotUniform(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = (rng.next() * 2 - 1) * limit;
  return out;
}
