import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteRowScanner, lineBreakByte } from '../../../src/core/csv/byteRows';
import { NEED_MORE, RowBoundary, UNSURE } from '../../../src/core/csv/rowBoundary';

const enc = new TextEncoder();

/** The ends of the rows the byte scanner reads in `buf` from 0 (just past each row's line break), and where it stopped. */
function scannerRows(buf: Uint8Array, nl: '\n' | '\r\n' | '\r') {
  const ends: number[] = [];
  const scanner = new ByteRowScanner(0x2c, nl === '\r\n', lineBreakByte(nl));
  let at = 0;
  const r = scanner.scan(buf, 0, false, (row) => {
    at += 0;
    ends.push(row.textStart);
  });
  // Row starts after the first are the ends of the rows before them; the last row ends at `next`.
  const rowEnds = [...ends.slice(1), r.next];
  return { rowEnds: ends.length ? rowEnds : [], stop: r.stop, next: r.next, at };
}

const cell = fc.constantFrom('a', 'bc', '', '"q"', '"q,r"', '"x""y"', '"l\nm"', '"l\r\nm"', '"l\rm"', 'in"side', '"', '""', '"odd"x', 'é', ' "sp"', 'n\nl');
const row = fc.array(cell, { minLength: 1, maxLength: 5 });

describe('RowBoundary', () => {
  it('cuts only where the byte scanner ends a row: the first row end past the target', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 25 }), fc.constantFrom<'\n' | '\r\n' | '\r'>('\n', '\r\n', '\r'), fc.nat(), (rows, nl, t) => {
        const buf = enc.encode(rows.map((r) => r.join(',') + nl).join(''));
        const target = buf.length ? t % buf.length : 0;
        const cut = new RowBoundary(0x2c, nl === '\r\n', lineBreakByte(nl)).rowEndAfter(buf, 0, target);
        const s = scannerRows(buf, nl);
        // The rows the scanner read to the end without doubt.
        const sure = s.rowEnds.filter((e) => e <= s.next);
        const expected = sure.find((e) => e > target);
        if (cut >= 0) expect(cut).toBe(expected);
        else if (expected !== undefined) {
          // Short of a row end the scanner found, only where the scanner itself stops unsure.
          expect(cut).toBe(UNSURE);
          expect(s.stop).toBe('odd');
        }
        if (s.stop === 'more' && s.next === buf.length && expected !== undefined) expect(cut).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('waits for more bytes inside a quoted field, and reads quotes in bare fields as text', () => {
    const b = new RowBoundary(0x2c, false);
    expect(b.rowEndAfter(enc.encode('a,"open\nstill'), 0, 1)).toBe(NEED_MORE);
    expect(b.rowEndAfter(enc.encode('a,"x\ny",b\nc\n'), 0, 3)).toBe(10);
    expect(b.rowEndAfter(enc.encode('5" screen,b\nc\n'), 0, 0)).toBe(12);
    expect(b.rowEndAfter(enc.encode('"closed" text,b\nc\n'), 0, 0)).toBe(UNSURE);
    // In a \r\n file a lone \n is text.
    const crlf = new RowBoundary(0x2c, true);
    expect(crlf.rowEndAfter(enc.encode('a\nb,c\r\nd\r\n'), 0, 0)).toBe(7);
    // In a \r file (old Mac line breaks) a \n is text too, and a \r ends the row.
    const cr = new RowBoundary(0x2c, false, 0x0d);
    expect(cr.rowEndAfter(enc.encode('a\nb,c\rd\r'), 0, 0)).toBe(6);
    expect(cr.rowEndAfter(enc.encode('a,"x\ry",b\rc\r'), 0, 3)).toBe(10);
  });
});
