import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sniff } from '../../../src/core/csv/sniff';
import { readCsv } from '../../helpers/csv';

const enc = (s: string) => new TextEncoder().encode(s);

describe('sniff', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n4,5,6\n'],
    [';', 'a;b;c\n1,5;2;3\n4;5;6\n'],
    ['\t', 'a\tb\tc\n1, 2\t2\t3\n'],
    ['|', 'a|b|c\n1|2|3\n'],
  ])('detects the delimiter %j', (d, text) => {
    expect(sniff(enc(text)).delimiter).toBe(d);
  });

  it('ignores delimiters inside quotes when counting', () => {
    expect(sniff(enc('name;note\n"a,b,c";x\n"d,e,f";y\n')).delimiter).toBe(';');
  });

  it.each([
    ['\r\n', 'a,b\r\n1,2\r\n'],
    ['\n', 'a,b\n1,2\n'],
    ['\r', 'a,b\r1,2\r'],
  ])('detects the line ending %j', (nl, text) => {
    expect(sniff(enc(text)).lineEnding).toBe(nl);
  });

  it("honours Excel's sep= line and skips report preambles", () => {
    const s = sniff(enc('sep=|\na|b\n1|2\n'));
    expect([s.delimiter, s.skipLines]).toEqual(['|', 1]);
    const p = sniff(enc('Customer export\nGenerated 2024-01-02\nid,name,city\n1,a,x\n2,b,y\n3,c,z\n'));
    expect(p.skipLines).toBe(2);
    expect(readCsv('Customer export\nGenerated 2024-01-02\nid,name,city\n1,a,x\n2,b,y\n').header?.line).toBe(3);
  });

  it('lets every detection be overridden', () => {
    const s = sniff(enc('a;b\n1;2\n'), { delimiter: ',', encoding: 'windows-1252', lineEnding: '\r\n', skipLines: 1 });
    expect([s.delimiter, s.encoding, s.lineEnding, s.skipLines]).toEqual([',', 'windows-1252', '\r\n', 1]);
  });
});

describe('CsvReader', () => {
  it('reads quoted fields with delimiters, escaped quotes and newlines, with physical line numbers', () => {
    const r = readCsv('id,text,n\r\n1,"a, b",2\r\n2,"say ""hi""",3\r\n3,"two\r\nlines",4\r\n4,last,5');
    expect(r.header?.columns).toEqual(['id', 'text', 'n']);
    expect(r.rows).toEqual([
      { cells: ['1', 'a, b', '2'], row: 1, line: 2 },
      { cells: ['2', 'say "hi"', '3'], row: 2, line: 3 },
      { cells: ['3', 'two\r\nlines', '4'], row: 3, line: 4 },
      { cells: ['4', 'last', '5'], row: 4, line: 6 },
    ]);
  });

  it('reads CR-only files and files without a final newline', () => {
    expect(readCsv('a,b\r1,2\r3,4').rows.map((r) => r.cells)).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('rejects ragged rows with their line and raw text, and tolerates trailing empty fields', () => {
    const r = readCsv('a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n');
    expect(r.rejects.map((e) => [e.row, e.line, e.code, e._corrupt_record])).toEqual([
      [1, 2, 'CSV_TOO_FEW_FIELDS', '1,2'],
      [2, 3, 'CSV_TOO_MANY_FIELDS', '1,2,3,4'],
    ]);
    expect(r.rows).toEqual([{ cells: ['1', '2', '3'], row: 3, line: 4 }]);
  });

  it('rejects the line of an unclosed quote and goes on reading after it', () => {
    const r = readCsv('a,b\n1,"open\n2,x\n3,y\n');
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]).toMatchObject({ row: 1, line: 2, code: 'CSV_UNCLOSED_QUOTE', _corrupt_record: '1,"open', rejected: true });
    expect(r.rows.map((x) => [x.row, x.line, x.cells])).toEqual([
      [2, 3, ['2', 'x']],
      [3, 4, ['3', 'y']],
    ]);
  });

  it('rejects only the line of a malformed quote that would run on into the next rows', () => {
    // papaparse looks for the field's closing quote further on: here, in row 4's note.
    for (const chunk of [1, 7, 1000]) {
      const r = readCsv('id,name,note\n1,a,ok\n"2"x,b,\n3,c,ok\n4,d,"say ""hi"", then"\n5,e,ok\n', chunk);
      expect(r.rejects.map((e) => [e.row, e.line, e.code, e._corrupt_record])).toEqual([[2, 3, 'CSV_MALFORMED_QUOTE', '"2"x,b,']]);
      expect(r.rows.map((x) => [x.row, x.line, x.cells[0]])).toEqual([
        [1, 2, '1'],
        [3, 4, '3'],
        [4, 5, '4'],
        [5, 6, '5'],
      ]);
    }
    // With no quote further on, papaparse calls it unclosed: the same line alone is rejected.
    const alone = readCsv('a,b\n"x"y,1\n2,3\n');
    expect(alone.rejects.map((e) => [e.line, e.code])).toEqual([[2, 'CSV_UNCLOSED_QUOTE']]);
    expect(alone.rows.map((x) => x.cells)).toEqual([['2', '3']]);
  });

  it('names blank and duplicate headers and skips blank lines', () => {
    const r = readCsv('\uFEFFa,,a,b\n\n1,2,3,4\n\n');
    expect(r.header?.columns).toEqual(['a', 'column_2', 'a_2', 'b']);
    expect(r.header?.warnings).toHaveLength(2);
    expect(r.blankLines).toBe(2);
    expect(r.rows[0]).toEqual({ cells: ['1', '2', '3', '4'], row: 1, line: 3 });
  });

  it('reads a 1 MB quoted field in small chunks', () => {
    const big = 'x'.repeat(1 << 20);
    const r = readCsv(`a,b\n1,"${big}"\n2,z\n`, 4096);
    expect(r.rows.map((x) => x.cells[1]!.length)).toEqual([1 << 20, 1]);
  });

  it('gives the same rows whatever the chunk size (property)', () => {
    const cell = fc.oneof(fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r\n', ' ', 'é', '€') }), fc.constant(''));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 7 }), (rows, chunk) => {
        const quote = (c: string) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);
        const text = `h1,h2,h3\n${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`;
        const whole = readCsv(text, 1 << 20, { delimiter: ',', lineEnding: '\n' });
        const chunked = readCsv(text, chunk, { delimiter: ',', lineEnding: '\n' });
        expect(chunked.rows).toEqual(whole.rows);
        expect(whole.rows.map((r) => r.cells)).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
