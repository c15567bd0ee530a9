import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BARE, ESCAPED, type ScannedRow } from '../../../src/core/csv/byteRows';
import { cellDecoder } from '../../../src/core/csv/decode';
import { scannedCells, textReader } from '../../../src/core/transform/cellText';

/**
 * A scanned field's text must be what the text path's decoder makes of its bytes, whichever
 * way it is read: sliced from the buffer decoded as ASCII, built character by character (short
 * fields), or decoded by the platform (long ones and malformed UTF-8).
 */
const encode = (s: string) => new TextEncoder().encode(s);

/** The bytes as one buffer of fields separated by a comma, with each field's range. */
function fields(list: Uint8Array[]): { buf: Uint8Array; ranges: [number, number][] } {
  const total = list.reduce((n, b) => n + b.length + 1, 0);
  const buf = new Uint8Array(total);
  const ranges: [number, number][] = [];
  let p = 0;
  for (const b of list) {
    buf.set(b, p);
    ranges.push([p, p + b.length]);
    p += b.length;
    buf[p++] = 0x2c;
  }
  return { buf, ranges };
}

describe('the text of a scanned field', () => {
  it('UTF-8: any bytes read as the cell decoder reads them (malformed, overlong, surrogates, BOM, 4-byte)', () => {
    const tricky = [
      [0xef, 0xbb, 0xbf, 0x41],
      [0xc3, 0xa9],
      [0xc3],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf0, 0x9f, 0x98, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
      [0x80],
      [0xff],
    ];
    const unit = fc.oneof(
      fc.integer({ min: 0, max: 255 }).map((b) => [b]),
      fc.constantFrom(...tricky),
      fc.constantFrom([0x61], [0x20], [0x22]),
    );
    const field = fc.array(unit, { maxLength: 14 }).map((parts) => Uint8Array.from(parts.flat()));
    const decoder = cellDecoder('utf-8');
    fc.assert(
      fc.property(fc.array(field, { minLength: 1, maxLength: 6 }), fc.boolean(), (list, asBuffer) => {
        const { buf, ranges } = fields(list);
        // A Node Buffer, as the command line reads files into, or a plain Uint8Array (the web app).
        const src = asBuffer ? Buffer.from(buf) : buf;
        const reader = textReader('utf-8');
        reader.source(src);
        for (const [s, e] of ranges) expect(reader.text(src, s, e, BARE)).toBe(decoder.decode(buf.subarray(s, e)));
      }),
      { numRuns: 3000 },
    );
    // Texts just under, at and past the length built character by character.
    for (const t of ['Ibáñez', 'Đorđe Dubo', 'Đorđe Dubois', 'Đorđe Duboiss', 'Zoë 😀', 'São Paulo, Brasil'])
      expect(textReader('utf-8').text(encode(t), 0, encode(t).length, BARE)).toBe(t);
  });

  it('single-byte encodings: each byte as the file decoder reads it', () => {
    for (const encoding of ['windows-1252', 'macintosh'] as const) {
      const decoder = cellDecoder(encoding);
      fc.assert(
        fc.property(fc.array(fc.uint8Array({ maxLength: 20 }), { minLength: 1, maxLength: 5 }), (list) => {
          const { buf, ranges } = fields(list);
          const reader = textReader(encoding);
          for (const [s, e] of ranges) expect(reader.text(buf, s, e, BARE)).toBe(decoder.decode(buf.subarray(s, e)));
        }),
        { numRuns: 1000 },
      );
    }
  });

  it('a quoted field has its doubled quotes undone, whichever way it is read', () => {
    for (const t of ['a""b', 'é""', '""Zoë Łukasz François""'])
      expect(textReader('utf-8').text(encode(t), 0, encode(t).length, ESCAPED)).toBe(t.replaceAll('""', '"'));
  });
});

describe('the cells of the row being written', () => {
  it('a column read twice in a row is decoded once; the next row reads its own cells', () => {
    const buf = encode('Zoë,12\nAda,7\n');
    const row: ScannedRow = {
      count: 2,
      starts: Int32Array.of(0, 5),
      ends: Int32Array.of(4, 7),
      forms: Uint8Array.of(BARE, BARE),
      blank: false,
      textStart: 0,
      textEnd: 7,
      breaks: 1,
    };
    let decodes = 0;
    const reader = textReader('utf-8');
    const counting = {
      ...reader,
      text: (...a: Parameters<typeof reader.text>) => {
        decodes++;
        return reader.text(...a);
      },
    };
    const cells = scannedCells(counting, 2);
    cells.next();
    cells.at(row, buf);
    expect([cells.text(0), cells.text(1), cells.text(0), cells.text(1)]).toEqual(['Zoë', '12', 'Zoë', '12']);
    expect(decodes).toBe(2);
    // The same row object refilled with the next row, as the scanner does.
    row.starts.set([8, 12]);
    row.ends.set([11, 13]);
    cells.next();
    cells.at(row, buf);
    expect([cells.text(0), cells.text(1)]).toEqual(['Ada', '7']);
    expect(decodes).toBe(4);
  });
});
