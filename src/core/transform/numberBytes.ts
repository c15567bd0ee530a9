import type { NumberFormat } from '../convert/numbers';
import { ESCAPED } from '../csv/byteRows';
import { canonicalDecimalEnd, canonicalInteger, matches } from './byteCopy';

/**
 * Numbers in a stated format (`1.234,56`, `-12,5 €`, `19 %`) read from a field's bytes. The
 * row evaluation would decode the cell, take its plain form (`1234.56`), make a number of it
 * and write that number back as text; here the plain form is written from the bytes, and kept
 * only when it is already the text JavaScript writes for its number (no leading zero, no zero
 * after the point, at most 15 significant digits), so the bytes written are the same.
 *
 * Only the commonest shapes are read: a `-`, the currency before or after (one space at most
 * between), the digits with their groups of three, the decimal part, a `%`. Anything else (a
 * space at either end, `+`, `−`, parentheses, no-break spaces, doubled quotes, a number past 15
 * digits) gives -1, and the row evaluation reads the field as before.
 */
export type NumberBytes = (src: Uint8Array, s: number, e: number, form: number, out: Uint8Array, at: number) => number;

const MINUS = 0x2d;
const POINT = 0x2e;
const SPACE = 0x20;
const PERCENT = 0x25;
/** Longer fields are not read: no canonical number's text is this long. */
const LONGEST = 30;

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;

/**
 * The reader of a format's numbers, for a field of an integer type when `range` is given; null
 * when the format has a currency its bytes cannot be matched by (one with digits, signs or
 * separators in it, or past ASCII in a file not read as UTF-8).
 * It writes the number's text into `out` from `at` (at most 32 bytes) and returns its end, or -1.
 */
export function numberBytes(f: NumberFormat, range: readonly [number, number] | undefined, utf8Input: boolean): NumberBytes | null {
  const dec = f.decimalSeparator.charCodeAt(0);
  // A space separator also stands for no-break and thin spaces, which these bytes never take.
  const sep = f.thousandsSeparator ? f.thousandsSeparator.charCodeAt(0) : -1;
  // Settings checks refuse one character for both; a plan compiled without them is read by the converter.
  if (sep === dec) return null;
  let cur: Uint8Array | null = null;
  if (f.currency) {
    // A lone surrogate would be encoded as U+FFFD, which the converter's pattern does not hold.
    const lone = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
    if (/[0-9\s.,'’%()+\-\u2212]/.test(f.currency) || lone.test(f.currency) || (!utf8Input && /[^\x21-\x7e]/.test(f.currency))) return null;
    cur = new TextEncoder().encode(f.currency);
  }
  const percent = f.percent === true;
  return (src, s, e, form, out, at) => {
    if (form === ESCAPED || e - s > LONGEST) return -1;
    let i = s;
    let p = at;
    let minus = false;
    let currency = false;
    if (src[i] === MINUS) {
      minus = true;
      i++;
    }
    if (cur && i + cur.length <= e && matches(src, i, cur)) {
      currency = true;
      i += cur.length;
      if (src[i] === SPACE) i++;
      if (!minus && src[i] === MINUS) {
        minus = true;
        i++;
      }
    }
    if (minus) out[p++] = MINUS;
    // The whole part: digits, or groups of three after a first of one to three without a leading zero.
    const first = i;
    while (i < e && isDigit(src[i])) out[p++] = src[i++]!;
    if (i === first) return -1;
    if (sep >= 0 && i < e && src[i] === sep) {
      // A first group with a leading zero (`0.123`) is refused as well, by the canonical test below.
      if (i - first > 3) return -1;
      while (i < e && src[i] === sep) {
        if (i + 4 > e || !isDigit(src[i + 1]) || !isDigit(src[i + 2]) || !isDigit(src[i + 3])) return -1;
        out[p++] = src[i + 1]!;
        out[p++] = src[i + 2]!;
        out[p++] = src[i + 3]!;
        i += 4;
      }
    }
    if (i < e && src[i] === dec) {
      out[p++] = POINT;
      i++;
      while (i < e && isDigit(src[i])) out[p++] = src[i++]!;
    }
    if (cur && !currency && i < e) {
      const c = src[i] === SPACE ? i + 1 : i;
      if (c + cur.length <= e && matches(src, c, cur)) i = c + cur.length;
    }
    if (percent && i < e) {
      const c = src[i] === SPACE ? i + 1 : i;
      if (c < e && src[c] === PERCENT) i = c + 1;
    }
    if (i !== e) return -1;
    const end = canonicalDecimalEnd(out, at, p);
    if (end < 0) return -1;
    if (range) {
      const v = canonicalInteger(out, at, end);
      if (!(v >= range[0] && v <= range[1])) return -1;
    }
    return end;
  };
}
