import { describe, expect, test } from 'vitest';
import type { SequenceDataset } from '../../../workers/recommender/eval/datasets.ts';
import { historyFor, leaveOneOut, targetFor } from '../../../workers/recommender/eval/split.ts';

const data: SequenceDataset = {
  numItems: 10,
  itemIds: Array.from({ length: 10 }, (_, i) => String(i)),
  userIds: ['a', 'b', 'c'],
  sequences: [Int32Array.from([1, 2, 3, 4, 5]), Int32Array.from([6, 7]), Int32Array.from([8, 9, 0])],
  times: [Float64Array.from([1, 2, 3, 4, 5]), Float64Array.from([1, 2]), Float64Array.from([7, 8, 9])],
};

describe('leave-one-out', () => {
  const split = leaveOneOut(data);
  test('last item is the test target, second-to-last the validation target', () => {
    expect(Array.from(split.train[0])).toEqual([1, 2, 3]);
    expect(split.validItem[0]).toBe(4);
    expect(split.testItem[0]).toBe(5);
    expect(Array.from(split.train[2])).toEqual([8]);
    expect(split.validItem[2]).toBe(9);
    expect(split.testItem[2]).toBe(0);
    expect(Array.from(split.trainTimes![0])).toEqual([1, 2, 3]);
  });
  test('users with fewer than 3 items only train', () => {
    expect(Array.from(split.train[1])).toEqual([6, 7]);
    expect(split.validItem[1]).toBe(-1);
    expect(Array.from(split.evalUsers)).toEqual([0, 2]);
  });
  test('the test history includes the validation item; the validation history does not', () => {
    expect(Array.from(historyFor(split, 0, 'valid'))).toEqual([1, 2, 3]);
    expect(Array.from(historyFor(split, 0, 'test'))).toEqual([1, 2, 3, 4]);
    expect(targetFor(split, 0, 'valid')).toBe(4);
    expect(targetFor(split, 0, 'test')).toBe(5);
  });
});
