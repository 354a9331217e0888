/**
 * The Chinese rules that keep a query word whole and in its own sense (src/shared/text/query.ts): re-joining across a
 * measure word, a head's own senses, a compound's modifier sense. A hand-written lexicon and catalog, so that the rules
 * do not depend on what the bundled lexicon keeps.
 */
import { describe, expect, test } from 'vitest';
import type { Product } from '../../../src/shared/catalog/types.ts';
import { SearchEngine } from '../../../workers/search/engine.ts';
import { handLexicon } from '../../fixtures/hand-lexicon.ts';

function product(id: string, title: string, categoryPath: string[]): Product {
  return { id, title, description: '', categoryPath, brand: null, price: 500, currency: 'INR', listPrice: null, image: null, attributes: {}, inStock: true, rating: null };
}

const CATALOG: Product[] = [
  product('m1', 'Riva Cotton Bath Mat Blue', ['Home Furnishing', 'Bath Linen', 'Bath Mats']),
  product('m2', 'Riva Loop Shag Bath Mat', ['Home Furnishing', 'Bath Linen', 'Bath Mats']),
  product('c1', 'AKUP Ceramic Mug', ['Kitchen & Dining', 'Coffee Mugs']),
  product('c2', 'Rockmantra Printed Ceramic Mug', ['Kitchen & Dining', 'Coffee Mugs']),
  product('h1', 'Catwalk Stiletto Heels Black', ['Footwear', "Women's Footwear", 'Heels']),
  product('n1', 'Designer A5 Notebook', ['Pens & Stationery', 'Diaries & Notebooks', 'Notebooks']),
  product('g1', 'Golf Balls Pack of 3', ['Sports & Fitness', 'Other Sports', 'Golf']),
  product('g2', 'Cricket Thigh Pads', ['Sports & Fitness', 'Team Sports', 'Cricket']),
  product('s1', 'Brass Ganesha Showpiece', ['Home Decor & Festive Needs', 'Showpieces']),
  product('w1', "Analog Watch - For Men", ['Watches', 'Wrist Watches']),
];

const FILE = handLexicon(
  {
    瑜伽: 'yoga',
    垫: 'mat',
    地垫: 'floor mat|mat',
    浴室: 'bath',
    摆件: 'showpiece',
    网: 'net',
    网球: 'tennis',
    球拍: 'racket',
    拍: 'bat',
    笔记本: 'notebook',
    电脑: 'computer',
    笔记本电脑: 'laptop|notebook',
    男: 'male',
    手表: 'watch',
  },
  { racket: 'sports|golf', male: 'men', laptop: 'computer' },
);
const engine = new SearchEngine(CATALOG, FILE);
const found = (q: string) => engine.search({ query: q }).hits.map((h) => h.itemId);

describe('Chinese words kept whole and in their own sense', () => {
  test('a measure word may end a re-joined word (摆|件 → 摆件 "showpiece"), never start one', () => {
    expect(engine.understand('摆件').concepts.map((c) => c.text)).toEqual(['摆件']);
    expect(found('摆件')).toEqual(['s1']);
  });

  test('a head none of whose own senses the catalog has is not stood in for by a related word (网球拍: 球拍 "racket" is not "sports")', () => {
    expect(found('网球拍')).toEqual([]);
    const [racket] = engine.understand('球拍').concepts;
    expect(racket.alternatives.some((a) => a.via === 'related')).toBe(false);
    expect(found('球拍')).toEqual([]);
    // A word that describes the head keeps its related words (男 "male" → men).
    expect(found('男手表')).toEqual(['w1']);
  });

  test('a sense that is its first part\'s (笔记本电脑 "laptop; notebook") is that modifier\'s: no notebooks for a laptop', () => {
    expect(found('笔记本电脑')).toEqual([]);
    expect(found('笔记本')).toEqual(['n1']);
  });
});
