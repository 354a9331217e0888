/**
 * The labelled and ordinary text sets the moderation scripts measure on (Node only): rows of a CSV (the held-out
 * splits of prepare_data.py, the shared data sets), every k-th of them when capped, and the project's own suites.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseCsv } from '../../src/shared/catalog/csv.ts';
import { MAX_TEXT_CHARS } from '../../workers/language/moderation/constants.ts';

/** Where prepare_data.py writes the held-out test rows of every source. */
export const HELDOUT_DIR = '.tmp/aisle-moderation-v1/data/heldout';
/** The shared data folder (AISLE_SHARED_DATA, as the training scripts read it). */
export const SHARED_DATA = process.env.AISLE_SHARED_DATA ?? '../shared/data';

export interface LabelledText {
  text: string;
  label: string;
}

/** The non-empty texts of a CSV (at most the checker's length), with their label; every k-th row when capped. */
export function csvRows(path: string, textColumn: string, labelColumn: string, cap = Infinity): LabelledText[] {
  const [head, ...records] = parseCsv(readFileSync(path, 'utf8')).records;
  const ti = head!.fields.indexOf(textColumn);
  const li = head!.fields.indexOf(labelColumn);
  if (ti < 0 || li < 0) throw new Error(`${path} has no column "${ti < 0 ? textColumn : labelColumn}"`);
  const all = records
    .map((r) => ({ text: r.fields[ti] ?? '', label: r.fields[li] ?? '' }))
    .filter((r) => r.text.trim() && r.text.length <= MAX_TEXT_CHARS);
  if (!(cap < all.length)) return all;
  const step = Math.max(1, Math.floor(all.length / cap));
  return all.filter((_, i) => i % step === 0).slice(0, cap);
}

export interface SuiteRow {
  text: string;
  category?: string;
  part: string;
}

/** One of the project's suites (tests/fixtures/moderation/NAME). */
export function suite(name: string): SuiteRow[] {
  return readFileSync(new URL(`../../tests/fixtures/moderation/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SuiteRow);
}

/**
 * The questions and answers of the Amazon appliances Q&A set (research use, evaluation only): one Python dict
 * literal per line, read with a pattern for the two string fields rather than evaluated.
 */
export function amazonQa(cap = Infinity): string[] {
  const path = `${SHARED_DATA}/amazon-qa-appliances/qa_Appliances.json.gz`;
  if (!existsSync(path)) return [];
  const field = (line: string, name: string) => {
    const m = new RegExp(String.raw`'${name}': (?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")`).exec(line);
    return m ? (m[1] ?? m[2]!).replace(/\\(.)/g, '$1') : '';
  };
  const out: string[] = [];
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    for (const t of [field(line, 'question'), field(line, 'answer')]) if (t.trim() && t.length <= MAX_TEXT_CHARS) out.push(t);
  }
  if (!(cap < out.length)) return out;
  const step = Math.max(1, Math.floor(out.length / cap));
  return out.filter((_, i) => i % step === 0).slice(0, cap);
}
