import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readJsonl, tempDir, writeTemp } from '../helpers/cli';

/**
 * Inputs an unlucky user or an attacker brings to `apply` (issue 13): lines longer than the
 * reader's limit, field names that are built-ins' names, sizes past AEP's limits, bytes that
 * are not UTF-8 far into a UTF-8 file. Each runs the real command; none may crash, invent a
 * row, lose one, or change anything outside its output.
 */

const mappingOf = (mappings: { sourceType: string; source: string; destination: string }[]) =>
  JSON.stringify({
    kind: 'xdm-mapper/mapping',
    version: 1,
    name: 'hostile',
    source: { columns: [] },
    target: { schemaId: 'https://example.com/hostile' },
    mappings,
  });
const schemaOf = (properties: Record<string, unknown>, required: string[] = []) =>
  JSON.stringify({ $id: 'https://example.com/hostile', title: 'Hostile', type: 'object', properties, required });

async function apply(files: { csv: string | Uint8Array; mapping: string; schema: string }, ...extra: string[]) {
  const dir = tempDir();
  const csv = writeTemp(dir, 'in.csv', files.csv);
  const mapping = writeTemp(dir, 'm.json', files.mapping);
  const schema = writeTemp(dir, 's.json', files.schema);
  const out = join(dir, 'out');
  const r = await cli('apply', '--mapping', mapping, '--schema', schema, csv, '--out', out, '--max-errors', '100', ...extra);
  const read = (name: string) => {
    try {
      return readJsonl(join(out, name));
    } catch {
      return [];
    }
  };
  return {
    ...r,
    out,
    records: read('part-00001.jsonl'),
    errors: read('errors.jsonl'),
    manifest: () => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')),
  };
}

const PLAIN = {
  mapping: mappingOf([
    { sourceType: 'ATTRIBUTE', source: 'a', destination: 'a' },
    { sourceType: 'ATTRIBUTE', source: 'b', destination: 'b' },
  ]),
  schema: schemaOf({ a: { type: 'string' }, b: { type: 'string' } }),
};

describe('a line longer than the reader takes', () => {
  it('is one rejected row, never cut into invented ones', async () => {
    // 70 million characters, past the 64 M a row may have, with no quote and no line break.
    const long = 'x'.repeat(70 * 1024 * 1024);
    const r = await apply({ ...PLAIN, csv: `a,b\nfirst,1\n${long},y\nlast,2\n` });
    expect(r.code, r.err).toBe(0);
    expect(r.records).toEqual([
      { a: 'first', b: '1' },
      { a: 'last', b: '2' },
    ]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 2, line: 3, code: 'CSV_ROW_TOO_LONG', rejected: true });
    // The error names the row without repeating 70 MB of it.
    expect(JSON.stringify(r.errors[0]).length).toBeLessThan(10_000);
    expect(r.manifest().rows).toEqual({ input: 3, written: 2, rejected: 1 });
  }, 60_000);
});

describe('field names that are the names of built-ins', () => {
  it('toString.call, valueOf and hasOwnProperty are fields like any other, on every path', async () => {
    const schema = schemaOf(
      {
        id: { type: 'string' },
        toString: { type: 'object', properties: { call: { type: 'string' }, name: { type: 'string' } } },
        valueOf: { type: 'string' },
        hasOwnProperty: { type: 'object', properties: { x: { type: 'integer' } } },
      },
      ['id'],
    );
    const mapping = mappingOf([
      { sourceType: 'ATTRIBUTE', source: 'id', destination: 'id' },
      { sourceType: 'ATTRIBUTE', source: 'greeting', destination: 'toString.call' },
      { sourceType: 'ATTRIBUTE', source: 'greeting', destination: 'toString.name' },
      { sourceType: 'ATTRIBUTE', source: 'v', destination: 'valueOf' },
      { sourceType: 'ATTRIBUTE', source: 'n', destination: 'hasOwnProperty.x' },
    ]);
    const nativeToString = Object.prototype.toString;
    // Row 2's bad number and row 3's missing id send them to the record builder.
    const csv = 'id,greeting,v,n\nc1,WORLD,1,5\nc2,WORLD,2,five\n,WORLD,3,7\n';
    const r = await apply({ csv, mapping, schema }, '--empty-cells', 'omit');
    expect(r.code, r.err).toBe(0);
    expect(Object.prototype.toString).toBe(nativeToString);
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    expect(Object.hasOwn(Object.prototype.hasOwnProperty, 'x')).toBe(false);
    expect(r.records).toEqual<unknown[]>([
      { id: 'c1', toString: { call: 'WORLD', name: 'WORLD' }, valueOf: '1', hasOwnProperty: { x: 5 } },
      { id: 'c2', toString: { call: 'WORLD', name: 'WORLD' }, valueOf: '2' },
    ]);
    expect(r.errors.map((e) => e.code)).toEqual(['TYPE_INTEGER', 'REQUIRED_MISSING']);
  });
});

describe("AEP's limits bound a record", () => {
  it('a padded value past 1 MB fails its field, and the row is not written past the limit', async () => {
    const mapping = mappingOf([
      { sourceType: 'ATTRIBUTE', source: 'a', destination: 'a' },
      { sourceType: 'EXPRESSION', source: 'lpad(a, to_integer(b), "ab")', destination: 'b' },
    ]);
    const r = await apply({ ...PLAIN, mapping, csv: 'a,b\nx,5\ny,400000000\nz,1048575\n' });
    expect(r.code, r.err).toBe(0);
    expect(r.records.map((x) => x.a)).toEqual(['x', 'y']);
    expect(r.records[0]!.b).toBe('ababx');
    expect(r.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'EXPRESSION_ERROR'],
      [3, 'RECORD_TOO_LARGE'],
    ]);
    expect(r.errors[0]!.message).toContain('400000000');
    expect(r.manifest().files[0].bytes).toBeLessThan(1 << 20);
  });

  it('50,000 mapping entries are refused, naming the entry past the 10,000 fields AEP takes per row', async () => {
    const n = 50_000;
    // The count is checked before any entry is looked up in the schema.
    const mapping = mappingOf(Array.from({ length: n }, (_, i) => ({ sourceType: 'ATTRIBUTE', source: 'a', destination: `f${i}` })));
    const r = await apply({ ...PLAIN, csv: 'a,b\nx,y\n', mapping });
    expect(r.code).toBe(2);
    expect(r.err).toContain('mapping 10000 (f10000)');
    expect(r.err).toContain('at most 10,000 fields per row');
  });

  it('a header name of 40 MB is a clear error naming the column', async () => {
    const dir = tempDir();
    const csv = join(dir, 'wide-name.csv');
    writeFileSync(csv, `a,${'N'.repeat(40 << 20)},b\n1,2,3\n`);
    const mapping = writeTemp(dir, 'm.json', PLAIN.mapping);
    const schema = writeTemp(dir, 's.json', PLAIN.schema);
    const r = await cli('apply', '--mapping', mapping, '--schema', schema, csv, '--out', join(dir, 'out'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('column 2 of the header has a name 41,943,040 characters long');
    // What it prints stays short: the name is not repeated back.
    expect(r.err.length).toBeLessThan(10_000);
  }, 60_000);
});

describe('bytes that are not UTF-8 after the first 256 KB', () => {
  it('are reported with their line and byte offset, and counted', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => `r${i},${'v'.repeat(20)}`);
    const head = new TextEncoder().encode(`a,b\n${rows.join('\n')}\n`);
    expect(head.length).toBeGreaterThan(256 * 1024);
    // Latin-1 bytes put in as they are: 0xFF and 0xFE never occur in UTF-8.
    const bad = Uint8Array.from(Array.from('bad1,x\u00ff\nbad2,\u00fe\u00fey\n', (c) => c.charCodeAt(0)));
    const csv = new Uint8Array(head.length + bad.length);
    csv.set(head);
    csv.set(bad, head.length);
    const r = await apply({ ...PLAIN, csv });
    expect(r.code, r.err).toBe(0);
    const warning = r.manifest().warnings.find((w: string) => w.includes('not valid UTF-8'));
    expect(warning).toContain('3 places');
    expect(warning).toContain(`line 12,002 (byte ${(head.length + 6).toLocaleString('en-US')})`);
    expect(warning).toContain('line 12,003');
    expect(r.err).toContain('not valid UTF-8');
  });
});
