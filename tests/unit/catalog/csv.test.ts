import { describe, expect, test } from 'vitest';
import { csvField, parseCsv } from '../../../src/shared/catalog/csv.ts';

describe('parseCsv', () => {
  test('reads quoted fields with delimiters, doubled quotes and line breaks, CRLF and a BOM', () => {
    const text = '\ufeffid,title\r\n1,"Shirt, blue"\r\n2,"He said ""hi"""\n3,"two\nlines"\n';
    const { records, errors } = parseCsv(text);
    expect(errors).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      ['id', 'title'],
      ['1', 'Shirt, blue'],
      ['2', 'He said "hi"'],
      ['3', 'two\nlines'],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4]);
  });

  test('counts lines across embedded line breaks', () => {
    const { records } = parseCsv('a,b\n"x\ny\nz",1\nlast,2');
    expect(records[2]).toEqual({ line: 5, fields: ['last', '2'] });
  });

  test('an unterminated quote is reported at the line where it starts, and parsing stops', () => {
    const { records, errors } = parseCsv('id,title\n1,ok\n2,"never closed\n3,more\n');
    expect(records).toHaveLength(2);
    expect(errors).toEqual([{ line: 3, reason: expect.stringContaining('never closed'), fatal: true }]);
  });

  test('a stray quote inside an unquoted field is a row error, and the next rows still parse', () => {
    const { records, errors } = parseCsv('id,title\n1,5" screen\n2,fine\n');
    expect(errors).toEqual([{ line: 2, reason: expect.stringContaining('" inside an unquoted field') }]);
    expect(records.map((r) => r.fields[0])).toEqual(['id', '2']);
  });

  test('text after a closing quote is reported', () => {
    const { errors } = parseCsv('a\n"x"y\n');
    expect(errors[0].reason).toMatch(/after a closing "/);
  });

  test('over-long fields are rejected, not loaded', () => {
    const { errors, records } = parseCsv(`a,b\n1,${'x'.repeat(50)}\n2,ok`, { maxFieldLength: 10 });
    expect(errors).toEqual([{ line: 2, reason: expect.stringContaining('over the limit of 10') }]);
    expect(records).toHaveLength(2);
  });

  test('other delimiters, and csvField quoting round-trips', () => {
    const values = ['plain', 'a,b', 'say "x"', 'multi\nline', ''];
    const line = values.map(csvField).join(',');
    expect(parseCsv(line).records[0].fields).toEqual(values);
    expect(parseCsv('a\tb\n1\t2', { delimiter: '\t' }).records[1].fields).toEqual(['1', '2']);
    // Quoting off: quotes are ordinary characters (tab-separated files such as the SMS Spam Collection).
    expect(parseCsv('ham\t"Happy" day\n', { delimiter: '\t', quote: null }).records[0].fields).toEqual(['ham', '"Happy" day']);
  });
});

describe('CSV output is safe to open in a spreadsheet (OWASP CSV injection)', () => {
  test('cells that start with = + - @ a tab or a carriage return are neutralised; numbers are left alone', async () => {
    const { csvField, toCsv } = await import('../../../src/shared/catalog/csv.ts');
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvField('+cmd|\' /C calc\'!A0')).toBe(`'+cmd|' /C calc'!A0`);
    expect(csvField('-2+3')).toBe(`'-2+3`);
    expect(csvField('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvField('\t=1')).toBe(`'\t=1`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField('Blue shirt, size M')).toBe('"Blue shirt, size M"');
    expect(toCsv([['id', 'title'], ['a', '=1+1']])).toBe("id,title\r\na,'=1+1\r\n");
  });
});
