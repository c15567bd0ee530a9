import { writeInstant } from './dateBytes';

/**
 * What the date list reader (dateListBytes.ts) writes once a cell is read: the ISO text the
 * converter writes for a date or a date-time, quoted, at `o`; each returns the new end, or -1
 * for a year the converter writes another way.
 */

const two = (out: Uint8Array, o: number, x: number) => {
  out[o] = 0x30 + Math.floor(x / 10);
  out[o + 1] = 0x30 + (x % 10);
};

/** `"yyyy-MM-dd` at `o` (an offset in the text changes nothing of a date); the new end. */
function writeDay(y: number, mo: number, d: number, out: Uint8Array, o: number): number {
  out[o] = 0x22;
  two(out, o + 1, Math.floor(y / 100));
  two(out, o + 3, y % 100);
  out[o + 5] = 0x2d;
  two(out, o + 6, mo);
  out[o + 8] = 0x2d;
  two(out, o + 9, d);
  return o + 11;
}

export function writeDate(
  y: number,
  mo: number,
  d: number,
  _h: number,
  _mi: number,
  _se: number,
  _ms: number,
  _off: number,
  out: Uint8Array,
  o: number,
): number {
  if (y > 9999) return -1;
  const p = writeDay(y, mo, d, out, o);
  out[p] = 0x22;
  return p + 1;
}

/**
 * As the converter writes a date-time: in UTC, milliseconds only when not zero, and after them
 * the second's further digits `src[fs, fe)` when there are some.
 */
export function writeDateTime(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  se: number,
  ms: number,
  off: number,
  out: Uint8Array,
  o: number,
  src: Uint8Array,
  fs: number,
  fe: number,
): number {
  const p = writeSecond(y, mo, d, h, mi, se, ms, off, out, o);
  if (p < 0 || fe === fs) return p;
  // `…ss.SSSZ"` (or `…ssZ"` when the milliseconds are 0): the digits go before its `Z"`.
  let z = p - 2;
  if (ms === 0) {
    out[z] = 0x2e;
    out[z + 1] = 0x30;
    out[z + 2] = 0x30;
    out[z + 3] = 0x30;
    z += 4;
  }
  for (let i = fs; i < fe; i++) out[z++] = src[i]!;
  out[z] = 0x5a;
  out[z + 1] = 0x22;
  return z + 2;
}

function writeSecond(y: number, mo: number, d: number, h: number, mi: number, se: number, ms: number, off: number, out: Uint8Array, o: number): number {
  if (y > 9999) return -1;
  if (off !== 0) return writeInstant(y, mo, d, h, mi, se, ms, off, out, o);
  // Years before 1000 are written through a Date by the converter; it reads them.
  if (y < 1000) return -1;
  let p = writeDay(y, mo, d, out, o);
  out[p] = 0x54;
  two(out, p + 1, h);
  out[p + 3] = 0x3a;
  two(out, p + 4, mi);
  out[p + 6] = 0x3a;
  two(out, p + 7, se);
  p += 9;
  if (ms) {
    out[p] = 0x2e;
    out[p + 1] = 0x30 + Math.floor(ms / 100);
    two(out, p + 2, ms % 100);
    p += 4;
  }
  out[p] = 0x5a;
  out[p + 1] = 0x22;
  return p + 2;
}
