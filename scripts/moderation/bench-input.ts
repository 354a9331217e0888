/**
 * The moderation benchmark's options and its reviews, shared by its Node half (scripts/bench-moderation.ts) and its
 * browser half (scripts/bench-moderation-browser.ts), so that both measure the same texts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCsv } from './csv.ts';

export function benchArgs(args = process.argv.slice(2)) {
  return parseArgs({
    args,
    options: {
      data: { type: 'string', default: '../shared/data/ott-deceptive-opinion-spam/deceptive-opinion.csv' },
      'text-column': { type: 'string', default: 'text' },
      limit: { type: 'string', default: '200' },
      images: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
      'node-only': { type: 'boolean', default: false },
    },
  }).values;
}

export function loadReviews(values: ReturnType<typeof benchArgs>): string[] {
  if (!existsSync(values.data)) {
    throw new Error(`No review data at ${values.data}. Pass --data FILE.csv --text-column NAME (any CSV of reviews).`);
  }
  const records = parseCsv(readFileSync(values.data, 'utf8'));
  const col = records[0]!.fields.indexOf(values['text-column']);
  if (col < 0) throw new Error(`${values.data} has no column "${values['text-column']}" (columns: ${records[0]!.fields.join(', ')}).`);
  return records.slice(1, 1 + Number(values.limit)).map((r) => r.fields[col]!);
}
