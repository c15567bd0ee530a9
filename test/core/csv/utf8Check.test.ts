import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Utf8Check } from '../../../src/core/csv/utf8Check';

/**
 * The check of a UTF-8 file's bytes may hand whole chunks to the platform's native validator
 * (Node's `buffer.isUtf8`). It must find the same places, with the same lines, as reading every
 * byte, whatever the bytes and however the file is cut into chunks.
 */
const VALID: number[][] = [
  [0x61],
  [0x0a],
  [0x2c],
  [0xc3, 0xa9], // é
  [0xe2, 0x82, 0xac], // €
  [0xf0, 0x9f, 0x98, 0x80], // 😀
];
const INVALID: number[][] = [
  [0x80], // a lone continuation byte
  [0xc0, 0xaf], // overlong
  [0xed, 0xa0, 0x80], // a surrogate
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0xf5],
  [0xe2, 0x82], // cut short
  [0xff],
];
// Mostly well-formed, as real files are, so that whole chunks pass the native check and only
// some hold a bad byte; multi-byte characters often enough that chunks end inside one.
const file = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(VALID[0]!) },
      { weight: 6, arbitrary: fc.constantFrom(...VALID) },
      { weight: 1, arbitrary: fc.oneof({ weight: 30, arbitrary: fc.constant(VALID[0]!) }, fc.constantFrom(...INVALID)) },
    ),
    { maxLength: 600, size: 'max' },
  )
  .map((p) => Uint8Array.from(p.flat()));
const cuts = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20, size: 'max' });

function check(bytes: Uint8Array, sizes: number[], native?: (b: Uint8Array) => boolean) {
  const c = new Utf8Check(0x0a, 5, native);
  let at = 0;
  for (let k = 0; at < bytes.length; k++) {
    const n = sizes[k % sizes.length]!;
    c.push(bytes.subarray(at, at + n));
    at += n;
  }
  c.end();
  return { count: c.count, places: c.places };
}

describe('Utf8Check with a native validator', () => {
  it('finds the same places and lines as reading every byte, for any bytes and chunks', () => {
    fc.assert(
      fc.property(file, cuts, (bytes, sizes) => {
        const byByte = check(bytes, sizes);
        expect(check(bytes, sizes, isUtf8)).toEqual(byByte);
        // The loop and Node's validator agree on what well-formed UTF-8 is.
        expect(byByte.count === 0).toBe(isUtf8(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('reports a bad byte far into a large file at its line and offset', () => {
    const line = new TextEncoder().encode('José,Zoë,€ 12\n');
    const bytes = new Uint8Array(line.length * 20_000 + 1);
    for (let i = 0; i < 20_000; i++) bytes.set(line, i * line.length);
    const at = line.length * 15_000 + 2;
    bytes[at] = 0xff;
    // Chunk sizes that cut the file at every place of its 18-byte lines, inside characters too.
    for (const sizes of [[1009], [65_537, 4091], [1 << 20]])
      for (const native of [undefined, isUtf8])
        expect(check(bytes.subarray(0, bytes.length - 1), sizes, native)).toEqual({ count: 1, places: [{ line: 15_001, offset: at }] });
  });
});
