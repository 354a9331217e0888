/**
 * Characters that change how text looks without being seen: bidirectional controls (a right-to-left override can
 * make "‮999 ₹" render as "₹ 999"), zero-width characters (a "title" of nothing but U+200B looks empty; a
 * zero-width space inside "exa​mple.com" hides a link from a naive check), and C0/C1 control characters.
 * One definition for the whole project: catalog validation strips them from display fields, URL checks refuse them,
 * and moderation removes them before every check. Pure; runs on every thread and in Node.
 */

/** Bidirectional formatting characters: LRM, RLM, ALM, embeddings, overrides and isolates. */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** Zero-width and invisible format characters: ZWSP, ZWNJ, ZWJ, word joiner, invisible operators, BOM, soft hyphen,
 * Mongolian vowel separator, and the Hangul/Khmer fillers that render as nothing. */
export const ZERO_WIDTH = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF\u115F\u1160\u17B4\u17B5\u3164\uFFA0]/gu;

/** C0 and C1 control characters other than tab, line feed and carriage return. */
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

const ANY_INVISIBLE = new RegExp(`${BIDI_CONTROLS.source}|${ZERO_WIDTH.source}|${CONTROL_CHARS.source}`, 'gu');

/** The text without bidi controls, zero-width characters and control characters (tab and line breaks kept). */
export function stripInvisible(text: string): string {
  return text.replace(ANY_INVISIBLE, '');
}

/** Whether the text holds any character that {@link stripInvisible} removes. */
export function hasInvisible(text: string): boolean {
  ANY_INVISIBLE.lastIndex = 0;
  return ANY_INVISIBLE.test(text);
}
