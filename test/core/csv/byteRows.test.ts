import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BARE, ByteRowScanner, ESCAPED, QUOTED } from '../../../src/core/csv/byteRows';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** A cell as written, with the form and the bytes between its quotes the scanner must report. */
const cell = fc.constantFrom(
  { text: 'a', form: BARE, inner: 'a' },
  { text: '', form: BARE, inner: '' },
  { text: 'in"side', form: BARE, inner: 'in"side' },
  { text: '"q"', form: QUOTED, inner: 'q' },
  { text: '"q,r"', form: QUOTED, inner: 'q,r' },
  { text: '"l\nm"', form: QUOTED, inner: 'l\nm' },
  { text: '"x""y"', form: ESCAPED, inner: 'x""y' },
  { text: '""', form: QUOTED, inner: '' },
);

/** Scans `bytes` cut at `cut` as a reader does: the first part, then what it left with the rest. */
function scanInTwo(bytes: Uint8Array, cut: number) {
  const scanner = new ByteRowScanner(0x2c, false);
  const rows: { forms: number[]; cells: string[] }[] = [];
  const take = (row: { count: number; starts: Int32Array; ends: Int32Array; forms: Uint8Array }, buf: Uint8Array) =>
    rows.push({
      forms: [...row.forms.subarray(0, row.count)],
      cells: Array.from({ length: row.count }, (_, k) => dec.decode(buf.subarray(row.starts[k]!, row.ends[k]!))),
    });
  const first = scanner.scan(bytes.subarray(0, cut), 0, false, take);
  const rest = bytes.slice(first.next);
  const second = scanner.scan(rest, 0, true, take);
  return { rows, stop: second.stop };
}

describe('ByteRowScanner', () => {
  it('reports each field as bare unless quoted, on rows after quoted ones and across the calls of a read', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), fc.nat(), (table, at) => {
        const bytes = enc.encode(table.map((r) => `${r.map((c) => c.text).join(',')}\n`).join(''));
        const { rows } = scanInTwo(bytes, at % (bytes.length + 1));
        expect(rows.map((r) => r.forms)).toEqual(table.map((r) => r.map((c) => c.form)));
        expect(rows.map((r) => r.cells)).toEqual(table.map((r) => r.map((c) => c.inner)));
      }),
      { numRuns: 400 },
    );
  });

  it('ends rows at \\r in a file of old Mac line breaks, where a \\n is text', () => {
    const scanner = new ByteRowScanner(0x2c, false, 0x0d);
    const got: { cells: string[]; breaks: number; text: string }[] = [];
    const bytes = enc.encode('id,note\r1,"two\rlines"\r2,lf\nkept\r\r3,"q"\r');
    const r = scanner.scan(bytes, 0, false, (row, buf) =>
      got.push({
        cells: Array.from({ length: row.count }, (_, k) => dec.decode(buf.subarray(row.starts[k]!, row.ends[k]!))),
        breaks: row.breaks,
        text: dec.decode(buf.subarray(row.textStart, row.textEnd)),
      }),
    );
    expect(r).toEqual({ next: bytes.length, stop: 'more' });
    expect(got).toEqual([
      { cells: ['id', 'note'], breaks: 1, text: 'id,note' },
      { cells: ['1', 'two\rlines'], breaks: 2, text: '1,"two\rlines"' },
      { cells: ['2', 'lf\nkept'], breaks: 1, text: '2,lf\nkept' },
      { cells: [''], breaks: 1, text: '' },
      { cells: ['3', 'q'], breaks: 1, text: '3,"q"' },
    ]);
  });

  it('reads a line of 40,000 fields, longer than a block of the scan, whole', () => {
    const fields = Array.from({ length: 40_000 }, (_, i) => (i % 3 ? String(i) : ''));
    const bytes = enc.encode(`${fields.join(',')}\n"q",b\n`);
    const { rows, stop } = scanInTwo(bytes, bytes.length);
    expect(stop).toBe('more');
    expect(rows.map((r) => r.cells.length)).toEqual([40_000, 2]);
    expect(rows[0]!.cells).toEqual(fields);
    expect(rows[1]!.forms).toEqual([QUOTED, BARE]);
  });
});
