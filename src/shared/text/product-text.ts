/**
 * The text of a product that the sentence encoder embeds, and the hash that keys its embedding in the cache. One
 * definition for every thread, so that the language worker (which embeds) and the recommender worker (which looks the
 * vectors up) agree. The encoder's card recommends "<title>. <description>" with shop boilerplate removed (it was
 * trained on that view, and on "<title>. <category path>. <description>"); inputs are cut at 64 tokens, so the
 * boilerplate would otherwise crowd out the words that matter.
 */
import type { Product } from '../catalog/types.ts';

/** Characters of the description kept (the encoder reads 64 tokens, a few hundred characters). */
const DESCRIPTION_CHARS = 400;

/** Shop boilerplate that says nothing about the product (the encoder's training cleaned the same). */
const BOILERPLATE = [
  /Key Features of\s*/gi,
  /\bPrice:\s*Rs\.?\s*[\d,]+(?:\.\d+)?/gi,
  /\bRs\.?\s*[\d,]+(?:\.\d+)?/gi,
  /Only Genuine Products\.?/gi,
  /\d+ Day Replacement Guarantee\.?/gi,
  /Free Shipping\.?/gi,
  /Cash On Delivery!?/gi,
  /Great Discounts,?/gi,
  /(?:from|at|Only at) Flipkart\.com\.?/gi,
  /Online in India\.?/gi,
];

/** The description without the title echo, prices, shop boilerplate and the specification dump. */
export function cleanDescription(description: string, title: string): string {
  let text = description.replace(/[ \t\r]+/g, ' ');
  text = text.split(/,?Specifications of /)[0];
  text = text.replace(/\bBuy\b[\s\S]*?(?:Flipkart\.com|Online in India)\.?/g, ' ');
  for (const re of BOILERPLATE) text = text.replace(re, ' ');
  if (title) text = text.split(title).join(' ');
  // What is left of the shop's templated sales line ("Buy <product> for Rs.<price> online. <product> at best prices
  // with free shipping & cash on delivery") once the title and the price are gone.
  text = text.replace(/\bBuy\b[^.]*?\bonline\.?\s*[^.]*?\bat best prices\b[^.]*/gi, ' ');
  return text.replace(/\s+/g, ' ').replace(/^[\s\-,.;:]+|[\s\-,.;:]+$/g, '');
}

export function productText(p: Product): string {
  const description = cleanDescription(p.description, p.title).slice(0, DESCRIPTION_CHARS);
  const category = p.categoryPath.join(' ');
  return [p.title, category, description].filter(Boolean).join('. ');
}

/** Hex of the first 128 bits of the text's SHA-256. */
export async function textHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}
