/**
 * The text of a product that the sentence encoder embeds, and the hash that keys its embedding in the cache. One
 * definition for every thread, so that the language worker (which embeds) and the recommender worker (which looks
 * the vectors up) agree. The encoder was trained on title, category and description text (see its model card).
 */
import type { Product } from '../catalog/types.ts';

/** Characters of the description that are embedded (the encoder's inputs are truncated anyway). */
const DESCRIPTION_CHARS = 400;

export function productText(p: Product): string {
  const category = p.categoryPath.length ? p.categoryPath.slice(-2).join(' ') : '';
  const traits = Object.entries(p.attributes)
    .filter(([k, v]) => /colou?r|material|fabric|type|ideal|pattern|occasion/i.test(k) && v.length < 40)
    .slice(0, 4)
    .map(([, v]) => v)
    .join(' ');
  const description = p.description.replace(/\s+/g, ' ').slice(0, DESCRIPTION_CHARS);
  return [p.title, p.brand ?? '', category, traits, description].filter(Boolean).join('. ');
}

/** Hex of the first 128 bits of the text's SHA-256. */
export async function textHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).subarray(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}
