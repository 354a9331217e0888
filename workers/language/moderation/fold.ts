/**
 * Text folding for the rules: a copy of the text with the SAME length (so every offset found in it is an offset in
 * the original), where full-width forms become ASCII (０１２ → 012, ＠ → @, ．→ .), the ideographic space becomes a
 * space, the ideographic full stop 。 becomes '.', and letters are lower-cased wherever that keeps one code unit.
 * Pure; runs in Node and in workers.
 */

const FULL_WIDTH_START = 0xff01; // ！
const FULL_WIDTH_END = 0xff5e; // ～
const FULL_WIDTH_OFFSET = 0xfee0;

export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let ch = text[i]!;
    if (code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) ch = String.fromCharCode(code - FULL_WIDTH_OFFSET);
    else if (code === 0x3000) ch = ' ';
    else if (code === 0x3002 || code === 0xff61) ch = '.'; // 。 ｡
    else if (code === 0x2010 || code === 0x2011 || code === 0x2012 || code === 0x2013 || code === 0x2014 || code === 0x2212)
      ch = '-'; // hyphens and dashes people type between digit groups
    else if (code === 0x00a0 || code === 0x202f || code === 0x2007) ch = ' '; // no-break spaces
    const lower = ch.toLowerCase();
    out += lower.length === 1 ? lower : ch;
  }
  return out;
}

/** Digits of a string (ASCII only: fold first). */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, '');
}

/** Share of letters (Unicode L*) that are Latin script, 0..1 (1 for text without letters). */
export function latinShare(text: string): number {
  let letters = 0;
  let latin = 0;
  for (const ch of text) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (/\p{Script=Latin}/u.test(ch)) latin++;
    }
  }
  return letters === 0 ? 1 : latin / letters;
}

/** `count` characters of context before `index` (folded), for keyword checks. */
export function before(folded: string, index: number, count: number): string {
  return folded.slice(Math.max(0, index - count), index);
}

export function after(folded: string, index: number, count: number): string {
  return folded.slice(index, index + count);
}
