import { describe, expect, test } from 'vitest';
import {
  alignToCatalog,
  itemsFingerprint,
  packSequences,
  parseDataset,
  parseEventsCsv,
  parseMovielens,
  parseS3rec,
  parseTimestamp,
  unpackSequences,
} from '../../../workers/recommender/eval/datasets.ts';

function errorOf(f: () => unknown): { name: string; message: string; issues?: Array<{ row: number }> } {
  try {
    f();
  } catch (err) {
    return err as { name: string; message: string; issues?: Array<{ row: number }> };
  }
  throw new Error('expected an error');
}

describe('s3rec parser', () => {
  test('reads users and items in order, indexing items by first appearance', () => {
    const d = parseS3rec('1 10 20 30\n2 20 40\n\n3 50 10 20\n');
    expect(d.userIds).toEqual(['1', '2', '3']);
    expect(d.itemIds).toEqual(['10', '20', '30', '40', '50']);
    expect(d.sequences.map((s) => Array.from(s))).toEqual([[0, 1, 2], [1, 3], [4, 0, 1]]);
    expect(d.times).toBeUndefined();
  });
  test('a line without items is an error naming the line', () => {
    const e = errorOf(() => parseS3rec('1 10 20\n2\n3 4 5\n'));
    expect(e.name).toBe('InvalidFileError');
    expect(e.message).toContain('line 2');
    expect(e.issues?.[0].row).toBe(2);
  });
  test('a user on two lines is an error naming both lines', () => {
    const e = errorOf(() => parseS3rec('1 10\n2 20\n1 30\n'));
    expect(e.message).toMatch(/line 3: user "1" appears again \(first on line 1\)/);
  });
  test('an empty file is an error', () => {
    expect(errorOf(() => parseS3rec('\n\n')).name).toBe('InvalidFileError');
  });
});

describe('MovieLens u.data parser', () => {
  test('orders each user by timestamp, file order breaking ties', () => {
    const d = parseMovielens('1\t5\t3\t300\n1\t6\t4\t100\n2\t5\t1\t50\n1\t7\t2\t100\n');
    expect(d.userIds).toEqual(['1', '2']);
    expect(d.sequences[0].length).toBe(3);
    expect(Array.from(d.sequences[0]).map((i) => d.itemIds[i])).toEqual(['6', '7', '5']);
    expect(Array.from(d.times![0])).toEqual([100, 100, 300]);
  });
  test('a bad timestamp is an error naming the line and the field', () => {
    const e = errorOf(() => parseMovielens('1\t5\t3\t300\n1\t6\t4\tyesterday\n'));
    expect(e.message).toContain('line 2');
    expect(e.message).toContain('yesterday');
  });
  test('a wrong number of fields is an error', () => {
    expect(errorOf(() => parseMovielens('1\t5\t3\n')).message).toContain('expected 4 fields');
  });
});

describe('events CSV parser', () => {
  test('finds columns by alias, reads ISO dates and quoted fields', () => {
    const csv = 'Customer_ID,sku,when,ignored\n"u,1",A,2024-01-02 10:00:00,x\nu2,B,1700000000,y\n"u,1",B,2024-01-01T00:00:00Z,z\n';
    const d = parseEventsCsv(csv, { columns: { timestamp: 'when' } });
    expect(d.userIds).toEqual(['u,1', 'u2']);
    expect(Array.from(d.sequences[0]).map((i) => d.itemIds[i])).toEqual(['B', 'A']);
  });
  test('a missing column is an error that lists the header and says how to fix it', () => {
    const e = errorOf(() => parseEventsCsv('who,what\na,b\n'));
    expect(e.name).toBe('InvalidFileError');
    expect(e.message).toContain('line 1');
    expect(e.message).toContain('--columns');
  });
  test('a malformed row is an error naming its line', () => {
    const e = errorOf(() => parseEventsCsv('user,item,timestamp\na,b,1\na,c,not-a-date\n'));
    expect(e.message).toContain('line 3');
  });
  test('empty users are skipped only when asked', () => {
    const csv = 'user,item,timestamp\n,b,1\na,c,2\n';
    expect(errorOf(() => parseEventsCsv(csv)).message).toContain('line 2: the user is empty');
    expect(parseEventsCsv(csv, { skipEmptyUsers: true }).userIds).toEqual(['a']);
  });
  test("CSV quoting (through the app's one CSV reader) and timestamps", () => {
    const quoted = parseEventsCsv('user,item,timestamp\na,"b ""c""",1\n"d\ne",f,2\n');
    expect(quoted.itemIds).toEqual(['b "c"', 'f']);
    expect(quoted.userIds).toEqual(['a', 'd\ne']);
    const open = errorOf(() => parseEventsCsv('user,item,timestamp\na,b,1\na,"open,2\n'));
    expect(open.message).toMatch(/line 3: .*never closed/);
    expect(parseTimestamp('1700000000000')).toBe(1700000000);
    expect(parseTimestamp('2010-12-01 08:26:00')).toBe(Date.parse('2010-12-01T08:26:00') / 1000);
    expect(parseTimestamp('soon')).toBeNull();
  });
  test('parseDataset dispatches on the format', () => {
    expect(parseDataset('1 2 3', 's3rec').numItems).toBe(2);
  });
});

describe('packed sequences', () => {
  test('round-trip and validation', () => {
    const p = packSequences([Int32Array.from([0, 1]), Int32Array.from([2])], 3);
    expect(Array.from(p.offsets)).toEqual([0, 2, 3]);
    const d = unpackSequences(p);
    expect(d.sequences.map((s) => Array.from(s))).toEqual([[0, 1], [2]]);
    expect(errorOf(() => unpackSequences({ ...p, numItems: 2 })).message).toContain('outside 0..1');
    const weighted = unpackSequences({ ...p, weights: Float32Array.from([1, 3, 0.5]) });
    expect(weighted.weights?.map((w) => Array.from(w))).toEqual([[1, 3], [0.5]]);
    expect(errorOf(() => unpackSequences({ ...p, weights: Float32Array.from([1, -1, 1]) })).message).toContain('≥ 0');
    expect(errorOf(() => unpackSequences({ ...p, weights: Float32Array.from([1]) })).message).toContain('1 weights for 3 items');
  });
});

describe('sequences JSON parser', () => {
  test('reads each user\'s items in order, indexing items by first appearance (numbers or strings)', () => {
    const d = parseDataset('{"u1": [3, 7, 2], "u2": ["7", "x"]}', 'sequences-json');
    expect(d.userIds).toEqual(['u1', 'u2']);
    expect(d.itemIds).toEqual(['3', '7', '2', 'x']);
    expect(d.sequences.map((s) => Array.from(s))).toEqual([[0, 1, 2], [1, 3]]);
  });
  test('a user without a list of items is an error naming the user', () => {
    const e = errorOf(() => parseDataset('{"a": [1, 2], "b": [], "c": 5}', 'sequences-json'));
    expect(e.name).toBe('InvalidFileError');
    expect(e.message).toMatch(/user "b" has no items/);
    expect(e.message).toMatch(/and 1 more problem/);
  });
  test('an item that is not an id is an error', () => {
    expect(errorOf(() => parseDataset('{"a": [1, null]}', 'sequences-json')).message).toMatch(/item 2 is null/);
  });
  test('not JSON, or not an object, is an error that says what is expected', () => {
    expect(errorOf(() => parseDataset('u1 1 2 3', 'sequences-json')).message).toMatch(/not valid JSON/);
    expect(errorOf(() => parseDataset('[[1, 2]]', 'sequences-json')).message).toMatch(/must be an object/);
  });
});

describe('aligning a log to a catalog', () => {
  test('items take the catalog\'s order; events on unknown items and users left empty are dropped', () => {
    const d = parseDataset('user,item,time\na,p2,1\na,zz,2\na,p1,3\nb,zz,1\nc,p3,5\n', 'events-csv');
    const { dataset, droppedEvents, unknownItems, droppedUsers } = alignToCatalog(d, ['p1', 'p2', 'p3', 'p4']);
    expect(dataset.numItems).toBe(4);
    expect(dataset.userIds).toEqual(['a', 'c']);
    expect(dataset.sequences.map((s) => Array.from(s))).toEqual([[1, 0], [2]]);
    expect(Array.from(dataset.times![0])).toEqual([1, 3]);
    expect({ droppedEvents, unknownItems, droppedUsers }).toEqual({ droppedEvents: 2, unknownItems: 1, droppedUsers: 1 });
  });
  test('a log with no item of the catalog is an error that says the ids must match', () => {
    expect(errorOf(() => alignToCatalog(parseS3rec('1 10 20\n'), ['a', 'b'])).message).toMatch(/must be the catalog's product ids/);
  });
  test('the items fingerprint changes with the order of the ids', () => {
    expect(itemsFingerprint(['a', 'b'])).not.toBe(itemsFingerprint(['b', 'a']));
    expect(itemsFingerprint(['ab'])).not.toBe(itemsFingerprint(['a', 'b']));
    expect(itemsFingerprint(['a', 'b'])).toBe(itemsFingerprint(['a', 'b']));
  });
});
