/** The interface every model of the evaluation shares: fit on training sequences, then score all items. */
import type { Ranker } from '../evaluate.ts';

export interface FitContext {
  numItems: number;
  /** Event times (seconds) per training sequence, when the data has them. */
  times?: readonly Float64Array[];
  seed: number;
  /** Called now and then during long fits: lets a worker stay responsive; throw to stop. */
  onProgress?: (fraction: number) => void | Promise<void>;
}

export interface SequentialModel extends Ranker {
  fit(train: readonly Int32Array[], context: FitContext): Promise<void>;
  /** The TF.js backend used, for models that use TF.js; "js" for plain TypeScript. */
  readonly backend: string;
  dispose?(): void;
}

/** Item counts over the training sequences (a tie-breaker and fallback for sparse models). */
export function itemCounts(train: readonly Int32Array[], numItems: number): Float32Array {
  const counts = new Float32Array(numItems);
  for (const s of train) for (let i = 0; i < s.length; i++) counts[s[i]] += 1;
  return counts;
}

/** counts scaled into [0, scale): adding it to integer scores breaks ties by popularity without reordering. */
export function tieBreaker(counts: Float32Array, scale: number): Float32Array {
  let max = 0;
  for (let i = 0; i < counts.length; i++) max = Math.max(max, counts[i]);
  const out = new Float32Array(counts.length);
  if (max > 0) for (let i = 0; i < counts.length; i++) out[i] = (counts[i] / (max + 1)) * scale;
  return out;
}
