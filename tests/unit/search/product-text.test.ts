import { expect, test } from 'vitest';
import { cleanDescription, productText } from '../../../src/shared/text/product-text.ts';
import type { Product } from '../../../src/shared/catalog/types.ts';

test('the embedded text is title, category and the description without shop boilerplate', () => {
  const title = 'AW Bellies';
  const description =
    'Key Features of AW Bellies Sandals Wedges Heel Casuals,AW Bellies Price: Rs. 499 Material made of Synthetic Life Style, Comfort Fit. Buy AW Bellies at Rs. 499 from Flipkart.com. Only Genuine Products. 30 Day Replacement Guarantee. Free Shipping. Cash On Delivery!,Specifications of AW Bellies General Ideal For Women';
  expect(cleanDescription(description, title)).toBe('Sandals Wedges Heel Casuals, Material made of Synthetic Life Style, Comfort Fit');
  const p = { title, description, categoryPath: ['Footwear', "Women's Footwear", 'Ballerinas'] } as Product;
  expect(productText(p)).toBe("AW Bellies. Footwear Women's Footwear Ballerinas. Sandals Wedges Heel Casuals, Material made of Synthetic Life Style, Comfort Fit");
});
