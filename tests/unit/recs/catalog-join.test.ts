import { describe, expect, it } from 'vitest';
import { joinLogToCatalog, joinStats } from '../../../workers/recommender/eval/catalog-join.ts';
import { parseDataset } from '../../../workers/recommender/eval/datasets.ts';
import { itemsFingerprint, pretrainedMismatch } from '../../../src/shared/pretrained.ts';

const csv = ['user,item,timestamp', ...['u1', 'u2', 'u3', 'u4', 'u5', 'u6'].flatMap((u, k) => ['A', 'B', 'C', 'X'].map((i, j) => `${u},${i},${1000 + k * 10 + j}`))].join('\n');

describe('a log joined to a catalog', () => {
  it('re-indexes the log in the catalog order and says how much matched', () => {
    const d = parseDataset(csv, 'events-csv');
    const { dataset, stats } = joinLogToCatalog(d, ['C', 'B', 'A', 'Z'], 'shop.json');
    expect(stats).toEqual({ catalog: 'shop.json', products: 4, logItems: 4, matchedItems: 3, interactions: 24, matchedInteractions: 18, shoppers: 6 });
    expect(dataset.itemIds).toEqual(['C', 'B', 'A', 'Z']);
    expect([...dataset.sequences[0]]).toEqual([2, 1, 0]);
  });

  it('refuses a log whose items are not the catalog products, saying what to do', () => {
    const d = parseDataset(csv, 'events-csv');
    expect(joinStats(d, ['X', 'Q'], 'other.csv').matchedItems).toBe(1);
    expect(() => joinLogToCatalog(d, ['X', 'Q'], 'other.csv')).toThrow(/Only 1 of the log's 4 items .* import the catalog this log belongs to/);
  });
});

describe('pretrainedMismatch', () => {
  const spec = { textDim: 8, numCategories: 3, numPriceBands: 6 };
  const fit = { name: 'shop', size: 3, fingerprint: itemsFingerprint(['a', 'b', 'c']), spec };
  const config = (model: Record<string, unknown>) => ({ model: { numItems: 3, idEmbedding: false, content: spec, ...model }, train: {} });
  it('accepts a content model over the same products and feature sizes', () => {
    expect(pretrainedMismatch(config({}), { items: { count: 3, fingerprint: fit.fingerprint } }, fit)).toBeNull();
  });
  it('names what does not fit', () => {
    expect(pretrainedMismatch(config({ idEmbedding: true }), {}, fit)).toMatch(/by their ids/);
    expect(pretrainedMismatch(config({ numItems: 4 }), { catalog: 'old.csv' }, fit)).toMatch(/trained on 4 products \(it was trained for "old.csv"\) but the shop's catalog "shop" has 3/);
    expect(pretrainedMismatch(config({}), { items: { fingerprint: itemsFingerprint(['c', 'b', 'a']) } }, fit)).toMatch(/other products/);
    expect(pretrainedMismatch(config({}), {}, { ...fit, spec: { ...spec, textDim: 0 } })).toMatch(/not indexed its products by meaning yet/);
    expect(pretrainedMismatch(config({}), {}, { ...fit, spec: { ...spec, numCategories: 4 } })).toMatch(/3 categories/);
  });
});
