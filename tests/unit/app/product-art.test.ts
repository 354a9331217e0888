/** The drawn product pictures: every demo product gets a picture of its own kind, colour and pattern. */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { artKind, productArt, type ArtShape } from '../../../src/app/components/product-art.ts';
import type { Product } from '../../../src/shared/catalog/types.ts';

const demo = JSON.parse(readFileSync('public/catalog/demo.json', 'utf8')) as { products: Product[] };
const base: Product = { id: 'x', title: '', description: '', categoryPath: [], price: 100, currency: 'INR', inStock: true, attributes: {} } as unknown as Product;
const product = (over: Partial<Product>): Product => ({ ...base, ...over });

function numbers(s: ArtShape): number[] {
  const { tag: _tag, fill: _fill, stroke: _stroke, ...rest } = s as ArtShape & { d?: string };
  const d = (rest as { d?: string }).d;
  const out = Object.values(rest).filter((v): v is number => typeof v === 'number');
  if (d) out.push(...(d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number));
  return out;
}

describe('product art', () => {
  test('the kind comes from the title, then the category', () => {
    expect(artKind(product({ title: 'Alisha Solid Women\'s Cycling Shorts', categoryPath: ['Clothing', "Women's Clothing", 'Sports & Gym Wear'] }))).toBe('trousers');
    expect(artKind(product({ title: 'Printed Round Neck T-Shirt', categoryPath: ['Clothing'] }))).toBe('top');
    expect(artKind(product({ title: 'Slim Fit Formal Shirt', categoryPath: ['Clothing'] }))).toBe('shirt');
    expect(artKind(product({ title: 'Carrel Printed Women\'s', categoryPath: ['Clothing', "Women's Clothing", 'Sports & Gym Wear'] }))).toBe('top');
    expect(artKind(product({ title: 'Something', categoryPath: ['Jewellery', 'Rings'] }))).toBe('ring');
    expect(artKind(product({ title: 'Unknown gadget', categoryPath: ['Automotive'] }))).toBe('box');
  });

  test('colour and pattern follow the catalog, not a category icon', () => {
    const black = productArt(product({ id: 'a', title: 'Analog Watch', categoryPath: ['Watches'], attributes: { Color: 'Black' } }));
    const gold = productArt(product({ id: 'b', title: 'Analog Watch', categoryPath: ['Watches'], attributes: { Color: 'Gold' } }));
    expect(black.main).not.toBe(gold.main);
    expect(productArt(product({ id: 'c', title: 'Striped Top', categoryPath: ['Clothing'] })).pattern).toBe('stripes');
    expect(productArt(product({ id: 'c', title: 'Solid Top', attributes: { Pattern: 'Solid' }, categoryPath: ['Clothing'] })).pattern).toBe('none');
  });

  test('every demo product is drawn with finite coordinates and palette colours only, and the same product the same way', () => {
    const kinds = new Map<string, number>();
    for (const p of demo.products) {
      const art = productArt(p);
      kinds.set(art.kind, (kinds.get(art.kind) ?? 0) + 1);
      expect(art.shapes.length).toBeGreaterThan(0);
      for (const s of art.shapes) {
        for (const n of numbers(s)) expect(Number.isFinite(n)).toBe(true);
        for (const c of [s.fill, s.stroke]) if (c && c !== 'none') expect(c).toMatch(/^#[0-9a-f]{6}$/);
      }
      expect(productArt(p)).toEqual(art);
    }
    // The demo's categories are drawn as what they are, not as boxes.
    expect(kinds.get('box') ?? 0).toBeLessThan(demo.products.length * 0.03);
    for (const k of ['watch', 'ring', 'mug', 'heel', 'sneaker', 'dress', 'top', 'trousers']) expect(kinds.get(k) ?? 0).toBeGreaterThan(0);
    // Pictures within a category differ (colour or shape), unlike one icon per category.
    const watches = demo.products.filter((p) => p.categoryPath[0] === 'Watches').map((p) => JSON.stringify(productArt(p).shapes));
    expect(new Set(watches).size).toBeGreaterThan(watches.length * 0.8);
  });
});
