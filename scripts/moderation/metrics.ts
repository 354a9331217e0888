/** Binary classification figures for the moderation evaluation. */
export interface BinaryCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface BinaryMetrics {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  n: number;
}

export function countBinary(truth: readonly boolean[], predicted: readonly boolean[]): BinaryCounts {
  if (truth.length !== predicted.length) throw new Error(`countBinary: ${truth.length} labels but ${predicted.length} predictions`);
  const c: BinaryCounts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  truth.forEach((t, i) => {
    const p = predicted[i];
    if (t && p) c.tp++;
    else if (!t && p) c.fp++;
    else if (t && !p) c.fn++;
    else c.tn++;
  });
  return c;
}

/** Precision, recall and F1 of the positive class (0 where undefined: no predicted or no actual positives). */
export function binaryMetrics(c: BinaryCounts): BinaryMetrics {
  const n = c.tp + c.fp + c.fn + c.tn;
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, accuracy: n > 0 ? (c.tp + c.tn) / n : 0, n };
}
