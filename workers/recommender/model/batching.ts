/**
 * Training batches for next-item prediction. Each sequence s gives inputs s[0..n-2] and targets s[1..n-1] (the last
 * maxLen of them). Sequences of similar length go in the same batch, a batch holds at most `batchTargets` targets
 * and `batchSequences` sequences, and is padded only to its longest sequence: far less padding than one fixed length
 * (Amazon histories average 9 items against a maxLen of 50). The batches (and so the dropout masks drawn over them)
 * are the same on every backend, which keeps runs on different backends comparable step by step.
 */
import type { Rng } from './rng.ts';
import type { TrainBatch } from './types.ts';


/** Predicted positions of one sequence: min(n - 1, maxLen). */
export function targetsOf(length: number, maxLen: number): number {
  return Math.max(0, Math.min(length - 1, maxLen));
}

/** The batches of one epoch (lists of sequence indices), in a random order drawn from `rng`. */
export function planEpoch(
  sequences: readonly Int32Array[],
  maxLen: number,
  batchTargets: number,
  batchSequences: number,
  rng: Rng,
): Int32Array[] {
  const users: number[] = [];
  for (let u = 0; u < sequences.length; u++) if (sequences[u].length >= 2) users.push(u);
  rng.shuffle(users);
  // Stable sort by length keeps the random order among equal lengths.
  const len = (u: number) => targetsOf(sequences[u].length, maxLen);
  users.sort((a, b) => len(a) - len(b));
  const batches: Int32Array[] = [];
  let current: number[] = [];
  let targets = 0;
  for (const u of users) {
    const m = len(u);
    if (current.length > 0 && (current.length >= batchSequences || targets + m > batchTargets)) {
      batches.push(Int32Array.from(current));
      current = [];
      targets = 0;
    }
    current.push(u);
    targets += m;
  }
  if (current.length > 0) batches.push(Int32Array.from(current));
  return rng.shuffle(batches);
}

/**
 * The padded batch for the given sequences: inputs left-padded to the longest of them (≤ maxLen), and the flat
 * positions with their targets. `weights` (per sequence, per item) weigh each target by the target item's weight.
 */
export function makeTrainBatch(
  sequences: readonly Int32Array[],
  users: Int32Array,
  maxLen: number,
  weights?: readonly Float32Array[],
): TrainBatch {
  let longest = 1;
  for (const u of users) longest = Math.max(longest, targetsOf(sequences[u].length, maxLen));
  const length = Math.min(maxLen, longest);
  const size = users.length;
  const items = new Int32Array(size * length);
  const mask = new Float32Array(size * length);
  let total = 0;
  for (const u of users) total += targetsOf(sequences[u].length, maxLen);
  const positions = new Int32Array(total);
  const targets = new Int32Array(total);
  const w = weights ? new Float32Array(total) : undefined;
  let p = 0;
  for (let b = 0; b < size; b++) {
    const s = sequences[users[b]];
    const m = targetsOf(s.length, maxLen);
    const start = s.length - 1 - m; // first input index
    for (let j = 0; j < m; j++) {
      const col = length - m + j;
      items[b * length + col] = s[start + j];
      mask[b * length + col] = 1;
      positions[p] = b * length + col;
      targets[p] = s[start + j + 1];
      if (w && weights) w[p] = weights[users[b]][start + j + 1];
      p++;
    }
  }
  return w ? { size, length, items, mask, positions, targets, weights: w } : { size, length, items, mask, positions, targets };
}

/**
 * Candidates for a sampled softmax: the batch's target items plus `negatives` uniform draws, each item once.
 * Returns the candidate items and each target's row among them.
 */
export function sampleCandidates(
  targets: Int32Array,
  numItems: number,
  negatives: number,
  rng: Rng,
  slot: Int32Array = new Int32Array(numItems).fill(-1),
): { candidates: Int32Array; labels: Int32Array } {
  const cand: number[] = [];
  const labels = new Int32Array(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    if (slot[t] < 0) {
      slot[t] = cand.length;
      cand.push(t);
    }
    labels[i] = slot[t];
  }
  const wanted = Math.min(numItems, cand.length + negatives);
  // Uniform draws without replacement by rejection; when nearly every item is wanted, take them all.
  if (wanted >= numItems * 0.7) {
    for (let i = 0; i < numItems; i++) {
      if (slot[i] < 0) {
        slot[i] = cand.length;
        cand.push(i);
      }
    }
  } else {
    while (cand.length < wanted) {
      const i = rng.int(numItems);
      if (slot[i] < 0) {
        slot[i] = cand.length;
        cand.push(i);
      }
    }
  }
  const candidates = Int32Array.from(cand);
  for (const c of candidates) slot[c] = -1;
  return { candidates, labels };
}
