import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readJsonl, tempDir, utf16le, writeTemp } from '../helpers/cli';
import { ROOT } from '../helpers/samples';

const SCHEMA = join(ROOT, 'test/fixtures/contacts/contacts.schema.json');
const MAPPING = join(ROOT, 'test/fixtures/contacts/contacts.mapping.json');
const HEADER = 'id,birth,seen,points,optin,email,tier,note';
const GOOD = 'c1,1990-01-31,2024-03-01T10:00:00Z,10,yes,a@example.com,gold,hello';

/** Each case: file content, rows in it, rows we expect rejected, and codes expected in errors.jsonl. */
const CASES: { name: string; content: string | Uint8Array; input: number; rejected: number; codes: string[]; fieldErrors?: number }[] = [
  {
    name: 'ragged rows',
    content: `${HEADER}\n${GOOD}\nc2,1990-01-01\n${GOOD},extra\n${GOOD},,\n`,
    input: 4,
    rejected: 2,
    codes: ['CSV_TOO_FEW_FIELDS', 'CSV_TOO_MANY_FIELDS'],
  },
  {
    name: 'unclosed quote',
    content: `${HEADER}\n${GOOD}\nc2,"1990-01-01,x,1,y,a@b.co,gold,n\n${GOOD}\n`,
    input: 3,
    rejected: 1,
    codes: ['CSV_UNCLOSED_QUOTE'],
  },
  {
    name: 'bad number',
    content: `${HEADER}\nc1,,,twelve,,,,\nc2,,,-5,,,,\nc3,,,99999999999,,,,\n`,
    input: 3,
    rejected: 1,
    codes: ['TYPE_INTEGER', 'SCHEMA_VIOLATION', 'TYPE_INTEGER_RANGE'],
    fieldErrors: 2,
  },
  {
    name: 'bad date',
    content: `${HEADER}\nc1,31/01/1990,,,,,,\nc2,1990-02-30,yesterday,,,,,\n`,
    input: 2,
    rejected: 0,
    codes: ['TYPE_DATE', 'TYPE_DATETIME'],
    fieldErrors: 3,
  },
  {
    name: 'bad boolean, email and enum',
    content: `${HEADER}\nc1,,,,maybe,,,\nc2,,,,,not-an-email,,\nc3,,,,,,platinum,\n`,
    input: 3,
    rejected: 2,
    codes: ['TYPE_BOOLEAN', 'SCHEMA_VIOLATION'],
    fieldErrors: 1,
  },
  { name: 'empty required field', content: `${HEADER}\n,1990-01-31,,,,,,\n   ,,,,,,,x\n${GOOD}\n`, input: 3, rejected: 1, codes: ['REQUIRED_MISSING'] },
  { name: 'duplicate and empty headers', content: `id,birth,seen,points,optin,email,tier,note,note,\n${GOOD},dup,\n`, input: 1, rejected: 0, codes: [] },
  { name: 'UTF-8 BOM', content: `\uFEFF${HEADER}\n${GOOD}\n`, input: 1, rejected: 0, codes: [] },
  { name: 'UTF-16 LE BOM', content: utf16le(`${HEADER}\r\n${GOOD}\r\nc2,,,,,,,Zoë\r\n`), input: 2, rejected: 0, codes: [] },
  { name: 'header only', content: `${HEADER}\n`, input: 0, rejected: 0, codes: [] },
  { name: 'a 1,000,000-character field', content: `${HEADER}\nc1,,,,,,,"${'x'.repeat(1_000_000)}"\n`, input: 1, rejected: 0, codes: [] },
  // AEP takes records of at most 1 MB: a longer one is rejected by name, not sent to fail there.
  { name: 'a record over 1 MB', content: `${HEADER}\nc1,,,,,,,"${'x'.repeat(1 << 20)}"\n${GOOD}\n`, input: 2, rejected: 1, codes: ['RECORD_TOO_LARGE'] },
  { name: 'blank lines and no final newline', content: `${HEADER}\n\n${GOOD}\n\nc2,,,,,,,`, input: 2, rejected: 0, codes: [] },
];

describe('nothing is lost on broken CSV files', () => {
  it.each(CASES)('$name: input == written + rejected, each rejection names its line', async (c) => {
    const dir = tempDir();
    const file = writeTemp(dir, 'in.csv', c.content);
    const out = join(dir, 'out');
    const r = await cli('apply', '--mapping', MAPPING, '--schema', SCHEMA, file, '--out', out, '--max-errors', '100');
    expect(r.code, r.err).toBe(0);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.rows.input).toBe(c.input);
    expect(m.rows.rejected).toBe(c.rejected);
    expect(m.rows.input).toBe(m.rows.written + m.rows.rejected);
    const written = m.files.reduce((n: number, f: { path: string }) => n + readJsonl(join(out, f.path)).length, 0);
    expect(written).toBe(m.rows.written);
    const errors = readJsonl(join(out, 'errors.jsonl'));
    const rejectedRows = new Set(errors.filter((e) => e.rejected).map((e) => e.row));
    expect(rejectedRows.size).toBe(c.rejected);
    for (const e of errors) {
      expect(e.line).toBeGreaterThanOrEqual(2);
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['row', 'line', 'column', 'value', 'code', 'message']));
    }
    expect([...new Set(errors.map((e) => e.code))].sort()).toEqual([...c.codes].sort());
    if (c.fieldErrors !== undefined) expect(m.fieldErrors).toBe(c.fieldErrors);
  });

  it('keeps the raw text of unparsable rows as _corrupt_record, with their physical line', async () => {
    const dir = tempDir();
    const file = writeTemp(dir, 'in.csv', `${HEADER}\n${GOOD}\n"multi\nline",,,,,,,\nc2,"open,,,,,,\n${GOOD}\n`);
    const out = join(dir, 'out');
    await cli('apply', '--mapping', MAPPING, '--schema', SCHEMA, file, '--out', out, '--max-errors', '100');
    const errors = readJsonl(join(out, 'errors.jsonl'));
    expect(errors).toEqual([expect.objectContaining({ row: 3, line: 5, code: 'CSV_UNCLOSED_QUOTE', _corrupt_record: 'c2,"open,,,,,,' })]);
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(m.rows).toEqual({ input: 4, written: 3, rejected: 1 });
  });

  it('says which rows the careful reader read: those at a bad quote, or all from one on', async () => {
    const dir = tempDir();
    const quoted = (i: number) => `c${i},1990-01-31,,${i},yes,,gold,"note, ${i}"`;
    const rows = Array.from({ length: 200 }, (_, i) => quoted(i + 1));
    // Text after a closing quote: papaparse reads on to the next row's quote, rejects this line, and goes on.
    rows[9] = 'c10,"1990-01-31" late,,1,yes,,gold,x';
    const aside = writeTemp(dir, 'aside.csv', `${HEADER}\n${rows.join('\n')}\n`);
    const a = await cli('apply', '--mapping', MAPPING, '--schema', SCHEMA, aside, '--out', join(dir, 'a'), '--max-errors', '100');
    expect(a.err).toMatch(/note: \d rows, the first row 10, were read by the slower, careful reader .*; the fast reader read the others/);
    expect(readJsonl(join(dir, 'a', 'errors.jsonl'))).toEqual([expect.objectContaining({ row: 10, line: 11, code: 'CSV_MALFORMED_QUOTE' })]);
    // A quote that never closes: papaparse reads to the end of the file looking for it.
    const open = writeTemp(dir, 'open.csv', `${HEADER}\n${GOOD}\nc2,"1990-01-01,x,1,y,a@b.co,gold,n\n${GOOD}\n`);
    const o = await cli('apply', '--mapping', MAPPING, '--schema', SCHEMA, open, '--out', join(dir, 'o'), '--max-errors', '100');
    expect(o.err).toMatch(/note: from row 2 on, the file was read by the slower, careful reader/);
  });

  it('exits 1 when rejections exceed --max-errors, 0 within it', async () => {
    const dir = tempDir();
    const file = writeTemp(dir, 'in.csv', `${HEADER}\n${GOOD}\n,,,,,,,\n${GOOD}\n${GOOD}\n`);
    const over = await cli('apply', '--mapping', MAPPING, '--schema', SCHEMA, file, '--out', join(dir, 'a'));
    expect(over.code).toBe(1);
    expect(over.err).toMatch(/More than 5 % of rows were rejected/);
    const within = await cli('apply', '--mapping', MAPPING, '--schema', SCHEMA, file, '--out', join(dir, 'b'), '--max-errors', '25');
    expect(within.code).toBe(0);
  });
});
