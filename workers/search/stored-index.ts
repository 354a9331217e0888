/**
 * The lexical index as one ArrayBuffer, to keep between visits (src/storage/search-index.ts keeps it in Cache Storage),
 * and the catalog fingerprint it is stored under: a returning visit with the same catalog reads the index back instead
 * of indexing every product again, and a catalog that changed in anything the index reads gets a new fingerprint, so a
 * stale index is never used. Pure: runs in a worker and in Node.
 */
import type { Product } from '../../src/shared/catalog/types.ts';
import type { LexicalIndexData } from './lexical.ts';
import type { TermIndexData } from './term-index.ts';

const MAGIC = 0x31584941; // "AIX1"
/** Bump when the index's contents or this layout change: older stored indexes are then built again. */
export const STORED_INDEX_VERSION = 1;
const HEADER_WORDS = 16;

const pad8 = (n: number) => (n + 7) & ~7;

/**
 * A fingerprint of everything the lexical index reads from the catalog (ids, titles, brands, categories, attributes,
 * descriptions, their order), and of this index format: two 32-bit FNV-1a hashes with different seeds, over the text
 * as it is (no tokenizing), so it costs a small part of building the index.
 */
export function catalogFingerprint(products: readonly Product[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  const mix = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x5bd1e995);
  };
  mix(`v${STORED_INDEX_VERSION}:${products.length}`);
  for (const p of products) {
    mix(p.id);
    mix(p.title);
    mix(p.brand ?? '\u0000');
    for (const c of p.categoryPath) mix(c);
    mix('\u0002');
    for (const [k, v] of Object.entries(p.attributes)) {
      mix(k);
      mix(v);
    }
    mix('\u0003');
    mix(p.description ?? '');
  }
  const hex = (x: number) => (x >>> 0).toString(16).padStart(8, '0');
  return `${hex(a)}${hex(b)}-${products.length}`;
}

/** The index as bytes (see decodeLexicalIndex). */
export function encodeLexicalIndex(data: LexicalIndexData): ArrayBuffer {
  const t = data.terms;
  const text = new TextEncoder();
  const termBytes = text.encode(t.terms.join('\u0000'));
  const wordKeys = [...data.words.keys()];
  const wordBytes = text.encode(wordKeys.join('\u0000'));
  const wordCounts = Uint32Array.from(data.words.values());
  const sections: ArrayBufferView[] = [t.averageFieldLengths, t.offsets, t.postingDocs, wordCounts, t.postingFreqs, t.fieldLengths, termBytes, wordBytes];
  let size = HEADER_WORDS * 4;
  for (const s of sections) size += pad8(s.byteLength);
  const out = new Uint8Array(size);
  const header = new Uint32Array(out.buffer, 0, HEADER_WORDS);
  header.set([MAGIC, STORED_INDEX_VERSION, t.docs, t.fields, t.terms.length, t.postingDocs.length, t.postingFreqs.BYTES_PER_ELEMENT, t.fieldLengths.BYTES_PER_ELEMENT, termBytes.length, wordKeys.length, wordBytes.length]);
  let at = HEADER_WORDS * 4;
  for (const s of sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at += pad8(s.byteLength);
  }
  return out.buffer;
}

/** Reads bytes written by encodeLexicalIndex; throws, saying so, when they are not such an index or are cut short. */
export function decodeLexicalIndex(buffer: ArrayBuffer): LexicalIndexData {
  if (buffer.byteLength < HEADER_WORDS * 4) throw new Error('This stored search index is cut short. It will be built again from the catalog.');
  const [magic, version, docs, fields, termCount, postings, freqBytes, lengthBytes, termBytes, wordCount, wordBytes] = new Uint32Array(buffer, 0, HEADER_WORDS);
  if (magic !== MAGIC) throw new Error('This is not a stored Aisle search index. It will be built again from the catalog.');
  if (version !== STORED_INDEX_VERSION) throw new Error(`This stored search index is version ${version}; this Aisle reads version ${STORED_INDEX_VERSION}. It will be built again from the catalog.`);
  let at = HEADER_WORDS * 4;
  const take = <T>(make: (offset: number, length: number) => T, length: number, bytesPer: number): T => {
    const bytes = length * bytesPer;
    if (at + bytes > buffer.byteLength) throw new Error('This stored search index is cut short. It will be built again from the catalog.');
    const view = make(at, length);
    at += pad8(bytes);
    return view;
  };
  const u32 = (length: number) => take((o, n) => new Uint32Array(buffer, o, n), length, 4);
  const narrow = (length: number, bytesPer: number) => (bytesPer === 2 ? take((o, n) => new Uint16Array(buffer, o, n), length, 2) : u32(length));
  const averageFieldLengths = take((o, n) => new Float64Array(buffer, o, n), fields, 8);
  const offsets = u32(termCount * fields + 1);
  const postingDocs = u32(postings);
  const counts = u32(wordCount);
  const postingFreqs = narrow(postings, freqBytes);
  const fieldLengths = narrow(docs * fields, lengthBytes);
  const decoder = new TextDecoder();
  const termText = decoder.decode(take((o, n) => new Uint8Array(buffer, o, n), termBytes, 1));
  const wordText = decoder.decode(take((o, n) => new Uint8Array(buffer, o, n), wordBytes, 1));
  const terms = termCount ? termText.split('\u0000') : [];
  const wordKeys = wordCount ? wordText.split('\u0000') : [];
  if (terms.length !== termCount || wordKeys.length !== wordCount) throw new Error('This stored search index is damaged (its words do not add up). It will be built again from the catalog.');
  const words = new Map<string, number>();
  for (let i = 0; i < wordCount; i++) words.set(wordKeys[i], counts[i]);
  const termData: TermIndexData = { docs, fields, terms, offsets, postingDocs, postingFreqs, fieldLengths, averageFieldLengths };
  return { terms: termData, words };
}
