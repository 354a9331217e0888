/** The evaluation command's CSV reader and metrics, and the command itself on a small generated file. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../../../scripts/moderation/csv.ts';
import { binaryMetrics, countBinary } from '../../../scripts/moderation/metrics.ts';

const run = promisify(execFile);

describe('parseCsv', () => {
  test('RFC 4180: quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF, BOM', () => {
    const text = '\ufeffid,text,label\r\n1,"Hello, ""world""",spam\r\n2,"two\nlines",ham\r\n3,plain,ham\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['id', 'text', 'label'] },
      { line: 2, fields: ['1', 'Hello, "world"', 'spam'] },
      { line: 3, fields: ['2', 'two\nlines', 'ham'] },
      { line: 5, fields: ['3', 'plain', 'ham'] },
    ]);
  });

  test('empty fields and a file without a final newline', () => {
    expect(parseCsv('a,,c\n,,').map((r) => r.fields)).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });

  test('tab-separated without quoting keeps quotes as characters (the SMS Spam Collection)', () => {
    const text = 'ham\t"Happy valentines day" I know its early\nspam\tFree entry "now"\n';
    expect(parseCsv(text, { delimiter: '\t', quote: null }).map((r) => r.fields)).toEqual([
      ['ham', '"Happy valentines day" I know its early'],
      ['spam', 'Free entry "now"'],
    ]);
  });

  test.each([
    ['a,b\n1,"never closed\n2,x\n', /Line 2: a quoted field starts here and is never closed/],
    ['a,b\n1,2\n3,"x"y\n', /Line 3: unexpected text after a closing "/],
    ['a,b\n1,say "hi"\n', /Line 2: a " inside an unquoted field/],
  ])('malformed input names the line: %j', (text, message) => {
    expect(() => parseCsv(text)).toThrow(message);
    try {
      parseCsv(text);
    } catch (err) {
      expect((err as Error).name).toBe('InvalidFileError');
    }
  });
});

describe('metrics', () => {
  test('precision, recall, F1 and accuracy of the positive class', () => {
    const c = countBinary([true, true, true, false, false, false, false, false], [true, true, false, true, false, false, false, false]);
    expect(c).toEqual({ tp: 2, fp: 1, fn: 1, tn: 4 });
    const m = binaryMetrics(c);
    expect(m.precision).toBeCloseTo(2 / 3, 10);
    expect(m.recall).toBeCloseTo(2 / 3, 10);
    expect(m.f1).toBeCloseTo(2 / 3, 10);
    expect(m.accuracy).toBeCloseTo(6 / 8, 10);
    expect(m.n).toBe(8);
  });

  test('no predicted positives gives 0, not NaN', () => {
    expect(binaryMetrics({ tp: 0, fp: 0, fn: 3, tn: 5 })).toEqual({ precision: 0, recall: 0, f1: 0, accuracy: 5 / 8, n: 8 });
  });
});

describe('npm run eval:moderation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aisle-eval-'));
  const tsx = join(process.cwd(), 'node_modules/.bin/tsx');

  test('prints one JSON object with precision, recall, f1, accuracy and n', async () => {
    const file = join(dir, 'mini.csv');
    writeFileSync(
      file,
      [
        'message,kind',
        '"WINNER!! You have won a £1000 cash prize. Call 09061701461 to claim, T&C apply",spam',
        '"FREE entry in our weekly draw, text WIN to 80086 now to win!",spam',
        '"Great kettle, boils fast and looks nice.",ham',
        '"Comfortable shoes, true to size.",ham',
        '"Sorry, I will call you later, in a meeting.",ham',
      ].join('\n'),
    );
    const { stdout } = await run(tsx, ['scripts/eval-moderation.ts', '--data', file, '--text-column', 'message', '--label-column', 'kind', '--positive', 'spam', '--category', 'spam', '--json']);
    const out = JSON.parse(stdout.trim()) as Record<string, number>;
    expect(Object.keys(out).sort()).toEqual(['accuracy', 'f1', 'n', 'precision', 'recall']);
    expect(out.n).toBe(5);
    expect(out.recall).toBe(1);
    expect(out.precision).toBe(1);
  });

  test('a TSV without a header is read with --delimiter tab --no-header and column numbers', async () => {
    const file = join(dir, 'mini.tsv');
    writeFileSync(file, 'spam\tURGENT! You have won a guaranteed £500 prize. Call 09066364349 now\nham\t"Ok" see you at 5\n');
    const { stdout } = await run(tsx, ['scripts/eval-moderation.ts', '--data', file, '--delimiter', 'tab', '--no-header', '--text-column', '2', '--label-column', '1', '--positive', 'spam', '--category', 'spam', '--json']);
    expect(JSON.parse(stdout.trim()).n).toBe(2);
  });

  test('a missing column is a clear error that lists the columns', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'text,label\nhello,ham\n');
    const err = (await run(tsx, ['scripts/eval-moderation.ts', '--data', file, '--text-column', 'body', '--label-column', 'label', '--positive', 'spam']).catch((e: unknown) => e)) as { stderr: string; code: number };
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/The text column "body" is not in the header. Columns: "text", "label"/);
  });

  test('malformed CSV names the line', async () => {
    const file = join(dir, 'broken.csv');
    writeFileSync(file, 'text,label\n"fine",ham\n"broken,ham\n');
    const err = (await run(tsx, ['scripts/eval-moderation.ts', '--data', file, '--text-column', 'text', '--label-column', 'label', '--positive', 'spam']).catch((e: unknown) => e)) as { stderr: string };
    expect(err.stderr).toMatch(/Line 3: a quoted field starts here and is never closed/);
  });
});
