import { describe, expect, test } from 'vitest';
import type { Product } from '../../../src/shared/catalog/types.ts';
import { groupVariants, onePerGroup } from '../../../src/shared/catalog/variants.ts';
import { TINY_CATALOG } from '../../fixtures/tiny-catalog.ts';

const base = TINY_CATALOG[0]!;
const p = (id: string, title: string, attributes: Record<string, string> = {}, brand: string | null = 'Alisha'): Product => ({ ...base, id, title, brand, attributes });

describe('variants', () => {
  test('same brand and title form a group, labelled by the first attribute that differs', () => {
    const out = groupVariants([p('a', 'Cycling Shorts', { Color: 'Navy' }), p('b', 'Cycling Shorts', { Color: 'Red' }), p('c', 'Other Shorts', { Color: 'Red' }), p('d', 'cycling  shorts', { Color: 'Black' })]);
    expect(out.map((x) => [x.id, x.group, x.variant])).toEqual([
      ['a', 'a', 'Color: Navy'],
      ['b', 'a', 'Color: Red'],
      ['c', undefined, undefined],
      ['d', 'a', 'Color: Black'],
    ]);
  });

  test('another brand is another product; a catalog that names its groups keeps them; no difference gives options', () => {
    const out = groupVariants([p('a', 'Mug'), p('b', 'Mug', {}, 'Other'), p('c', 'Tee'), p('d', 'Tee'), { ...p('e', 'Cap'), group: 'g1' }, { ...p('f', 'Cap'), group: 'g1' }]);
    expect(out[0]!.group).toBeUndefined();
    expect(out[1]!.group).toBeUndefined();
    expect([out[2]!.variant, out[3]!.variant]).toEqual(['Option 1', 'Option 2']);
    expect([out[4]!.group, out[5]!.group]).toEqual(['g1', 'g1']);
  });

  test('a list shows each group once, by its first member in the list\'s order', () => {
    expect(onePerGroup([{ id: 'b', group: 'a' }, { id: 'x' }, { id: 'a', group: 'a' }, { id: 'y' }]).map((x) => x.id)).toEqual(['b', 'x', 'y']);
  });
});
