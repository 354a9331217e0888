/**
 * Evaluates text moderation on a labelled CSV with the app's own engine and bundled classifier, in Node.
 *
 *   npm run eval:moderation -- --data FILE.csv --text-column NAME --label-column NAME --positive LABEL[,LABEL...]
 *       [--category spam|toxic|hate|any|personal-data|links|incentivised|prohibited] [--json] [--limit N]
 *       [--delimiter tab|,|;] [--quote none|'"'] [--no-header] [--config moderation-config.json] [--show-errors N]
 *       [--models DIR]
 *
 * Rows whose label (trimmed, case-insensitive) is one of --positive are positives. A text counts as flagged when
 * the chosen category's decision is 'flag' or 'block' ('any': the overall decision is not 'allow'), or when the text is
 * held because it has letters of a script no check reads (it would not be posted either). Prints
 * precision, recall, F1 and accuracy of the positive class; --json prints one object {precision, recall, f1,
 * accuracy, n}. With --no-header, columns are numbers counting from 1. Tab-separated files are read without
 * quoting (as the SMS Spam Collection needs) unless --quote says otherwise. Examples (held-out splits written by
 * models/aisle-moderation-v1/training/prepare-data.py):
 *
 *   npm run eval:moderation -- --data models/aisle-moderation-v1/training/data/heldout/sms-test.csv \
 *       --text-column text --label-column label --positive spam --category spam
 *   npm run eval:moderation -- --data ../shared/data/sms-spam-collection/SMSSpamCollection --delimiter tab \
 *       --no-header --text-column 2 --label-column 1 --positive spam --category spam
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeError } from '../src/shared/errors.ts';
import { isModerationCategory, MODERATION_CATEGORIES, type ModerationConfigInput, type ModerationResult } from '../src/shared/moderation.ts';
import { HOLD_MESSAGE, moderateTexts } from '../workers/language/moderation/moderate.ts';
import { nodeClassifierLoader } from './moderation/node-classifier.ts';
import { parseCsv } from './moderation/csv.ts';
import { binaryMetrics, countBinary } from './moderation/metrics.ts';

class UsageError extends Error {
  override name = 'UsageError';
}

const USAGE =
  'Usage: npm run eval:moderation -- --data FILE.csv --text-column NAME --label-column NAME --positive LABEL[,LABEL...] ' +
  `[--category ${['any', ...MODERATION_CATEGORIES].join('|')}] [--json] [--limit N] [--delimiter tab] [--quote none] [--no-header] ` +
  '[--config FILE.json] [--show-errors N] [--models DIR]';

function parse() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      'text-column': { type: 'string' },
      'label-column': { type: 'string' },
      positive: { type: 'string' },
      category: { type: 'string', default: 'any' },
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      delimiter: { type: 'string', default: ',' },
      quote: { type: 'string' },
      'no-header': { type: 'boolean', default: false },
      config: { type: 'string' },
      'show-errors': { type: 'string', default: '0' },
      models: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  for (const k of ['data', 'text-column', 'label-column', 'positive'] as const) {
    if (!values[k]) throw new UsageError(`--${k} is required.\n${USAGE}`);
  }
  const category = values.category!;
  if (category !== 'any' && !isModerationCategory(category)) {
    throw new UsageError(`--category must be one of ${['any', ...MODERATION_CATEGORIES].join(', ')}, not "${category}".`);
  }
  const delimiter = values.delimiter === 'tab' || values.delimiter === '\\t' ? '\t' : values.delimiter!;
  const quote = values.quote === undefined ? (delimiter === '\t' ? null : '"') : values.quote === 'none' ? null : values.quote;
  const limit = values.limit === undefined ? Infinity : Number(values.limit);
  if (!(limit > 0)) throw new UsageError(`--limit must be a positive number, not "${values.limit}".`);
  const showErrors = Number(values['show-errors']);
  if (!(showErrors >= 0)) throw new UsageError(`--show-errors must be a number, not "${values['show-errors']}".`);
  return {
    data: values.data!,
    textColumn: values['text-column']!,
    labelColumn: values['label-column']!,
    positive: values.positive!.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    category: category as 'any' | (typeof MODERATION_CATEGORIES)[number],
    json: values.json!,
    limit,
    delimiter,
    quote,
    header: !values['no-header'],
    config: values.config,
    showErrors,
    models: values.models,
  };
}

function columnIndex(spec: string, header: string[] | null, what: string): number {
  if (header) {
    const byName = header.findIndex((h) => h.trim() === spec);
    if (byName >= 0) return byName;
  }
  if (/^\d+$/.test(spec)) {
    const i = Number(spec) - 1;
    if (i >= 0) return i;
  }
  throw new UsageError(
    header
      ? `The ${what} column "${spec}" is not in the header. Columns: ${header.map((h) => JSON.stringify(h)).join(', ')} (or give a number counting from 1).`
      : `With --no-header the ${what} column must be a number counting from 1, not "${spec}".`,
  );
}

function flagged(result: ModerationResult, category: 'any' | (typeof MODERATION_CATEGORIES)[number]): boolean {
  // Held (a script no check reads) is not posted: it counts as flagged in every category.
  if (category === 'any' || result.decision === 'hold') return result.decision !== 'allow';
  const c = result.categories.find((r) => r.category === category);
  if (!c) throw new UsageError(`The category "${category}" is disabled by the --config file, so it cannot be evaluated.`);
  return c.decision !== 'allow';
}

async function main() {
  const args = parse();
  let text: string;
  try {
    text = readFileSync(args.data, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read --data ${args.data}: ${describeError(err)}`);
  }
  const records = parseCsv(text, { delimiter: args.delimiter, quote: args.quote });
  if (records.length === 0) throw new UsageError(`${args.data} has no rows.`);
  const header = args.header ? records[0]!.fields : null;
  const rows = (args.header ? records.slice(1) : records).slice(0, args.limit);
  if (rows.length === 0) throw new UsageError(`${args.data} has a header but no rows.`);
  const ti = columnIndex(args.textColumn, header, 'text');
  const li = columnIndex(args.labelColumn, header, 'label');
  const texts: string[] = [];
  const truth: boolean[] = [];
  for (const r of rows) {
    if (r.fields.length <= Math.max(ti, li)) {
      throw new UsageError(
        `Line ${r.line} of ${args.data} has ${r.fields.length} field(s), but the text and label columns need ${Math.max(ti, li) + 1}. ` +
          'Check the --delimiter (tab-separated files need --delimiter tab) and the quoting.',
      );
    }
    texts.push(r.fields[ti]!);
    truth.push(args.positive.includes(r.fields[li]!.trim().toLowerCase()));
  }

  let config: ModerationConfigInput | undefined;
  if (args.config) config = JSON.parse(readFileSync(args.config, 'utf8')) as ModerationConfigInput;
  const classifier = nodeClassifierLoader({ modelsPath: args.models });

  const started = performance.now();
  const results: ModerationResult[] = [];
  const BATCH = 256;
  for (let i = 0; i < texts.length; i += BATCH) {
    const batch = await moderateTexts(texts.slice(i, i + BATCH), { classifier, config });
    const failed = batch.find((r) => r.decision === 'hold' && r.held?.message === HOLD_MESSAGE);
    if (failed) throw new Error(`Moderation held the texts instead of checking them: ${failed.held?.cause}`);
    results.push(...batch);
    if (!args.json && process.stderr.isTTY) process.stderr.write(`\r${results.length}/${texts.length}`);
  }
  const seconds = (performance.now() - started) / 1000;
  if (!args.json && process.stderr.isTTY) process.stderr.write('\r');

  const predicted = results.map((r) => flagged(r, args.category));
  const counts = countBinary(truth, predicted);
  const m = binaryMetrics(counts);
  if (args.json) {
    console.log(JSON.stringify({ precision: m.precision, recall: m.recall, f1: m.f1, accuracy: m.accuracy, n: m.n }));
    return;
  }
  const f = (x: number) => x.toFixed(4);
  console.log(`data: ${args.data}`);
  console.log(`category: ${args.category}; positives: label in {${args.positive.join(', ')}}; texts: ${m.n} (${truth.filter(Boolean).length} positive)`);
  console.log(`precision ${f(m.precision)}  recall ${f(m.recall)}  f1 ${f(m.f1)}  accuracy ${f(m.accuracy)}`);
  console.log(`tp ${counts.tp}  fp ${counts.fp}  fn ${counts.fn}  tn ${counts.tn}`);
  const held = results.filter((r) => r.decision === 'hold').length;
  if (held > 0) console.log(`held (letters of a script no check reads; counted as flagged): ${held}`);
  console.log(`time: ${seconds.toFixed(1)} s (${((1000 * seconds) / m.n).toFixed(1)} ms per text, batches of ${BATCH})`);
  if (args.showErrors > 0) {
    const show = (title: string, want: (t: boolean, p: boolean) => boolean) => {
      const idx = truth.map((t, i) => (want(t, predicted[i]!) ? i : -1)).filter((i) => i >= 0).slice(0, args.showErrors);
      console.log(`\n${title} (${idx.length} shown):`);
      for (const i of idx) {
        const r = results[i]!;
        const why = r.categories.filter((c) => c.decision !== 'allow').map((c) => `${c.category} ${c.score.toFixed(2)}`).join(', ');
        const top = args.category === 'any' ? '' : ` ${args.category} ${r.categories.find((c) => c.category === args.category)?.score.toFixed(3)}`;
        console.log(`- line ${rows[i]!.line}${top}${why ? ` [${why}]` : ''}: ${texts[i]!.slice(0, 160).replace(/\s+/g, ' ')}`);
      }
    };
    show('false positives', (t, p) => !t && p);
    show('false negatives', (t, p) => t && !p);
  }
}

main().catch((err: unknown) => {
  const name = (err as { name?: string })?.name;
  console.error(name === 'UsageError' || name === 'InvalidFileError' || name === 'ConfigError' ? `eval:moderation: ${describeError(err)}` : err);
  process.exit(1);
});
