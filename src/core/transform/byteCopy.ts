import { daysInMonth } from '../convert/dates';
import { ESCAPED } from '../csv/byteRows';
import { createDecoder } from '../csv/decode';
import type { CsvEncoding } from '../csv/encoding';

/**
 * The byte-level pieces of the direct writer: reading a field's text, recognising the
 * canonical forms a converter gives back unchanged, and copying text into JSON with its
 * escapes. Kept apart from the code generator so that each can be tested on its own.
 */

const utf8 = new TextEncoder();
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** JSON's short escapes for control characters; the others are written \u00XX. */
const SHORT_ESCAPE: Record<number, number> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72 };
const HEX = utf8.encode('0123456789abcdef');

export const TRUE = utf8.encode('true');
export const FALSE = utf8.encode('false');

/** True when `buf[at…]` holds `word`. */
export const matches = (buf: Uint8Array, at: number, word: Uint8Array): boolean => {
  for (let i = 0; i < word.length; i++) if (buf[at + i] !== word[i]) return false;
  return true;
};

/**
 * True when `buf[s, e)` is a decimal that JavaScript writes back exactly as it is: `-`?, no
 * leading zero, no trailing zero after a point, at most 15 significant digits (so it is the
 * shortest text of its double) and no more than five zeros after `0.` (smaller numbers are
 * written with an exponent).
 */
export function isCanonicalDecimal(buf: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (buf[i] === 0x2d) i++;
  const intStart = i;
  while (i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
  const intDigits = i - intStart;
  if (intDigits === 0 || (intDigits > 1 && buf[intStart] === 0x30)) return false;
  const zeroInt = intDigits === 1 && buf[intStart] === 0x30;
  let significant = zeroInt ? 0 : intDigits;
  if (i === e) return !(zeroInt && s !== intStart) && significant <= 15;
  if (buf[i] !== 0x2e) return false;
  i++;
  const fracStart = i;
  let leadingZeros = 0;
  let seenNonZero = !zeroInt;
  while (i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39) {
    if (buf[i] !== 0x30) seenNonZero = true;
    else if (!seenNonZero) leadingZeros++;
    if (seenNonZero) significant++;
    i++;
  }
  if (i !== e || i === fracStart || buf[e - 1] === 0x30) return false;
  return significant <= 15 && (!zeroInt || leadingZeros <= 5);
}

/**
 * Where the canonical text of the decimal `buf[s, e)` ends, or -1: a decimal written with
 * zeros after its point (`63.10`, `35.00`, as money is) reads as the number without them, so
 * its first bytes up to there are what JavaScript writes back for it when they are canonical.
 */
export function canonicalDecimalEnd(buf: Uint8Array, s: number, e: number): number {
  let end = e;
  if (buf[e - 1] === 0x30) {
    let point = -1;
    for (let i = s; i < e; i++)
      if (buf[i] === 0x2e) {
        point = i;
        break;
      }
    if (point >= 0) {
      while (end > point + 1 && buf[end - 1] === 0x30) end--;
      // Nothing but zeros after the point: the number is whole, written without it.
      if (end === point + 1) end = point;
    }
  }
  return isCanonicalDecimal(buf, s, end) ? end : -1;
}

/** A canonical whole number (no sign but `-`, no leading zero, at most 15 digits), or NaN. */
export function canonicalInteger(src: Uint8Array, s: number, e: number): number {
  let i = s;
  const negative = src[i] === 0x2d;
  if (negative) i++;
  const digits = e - i;
  if (digits < 1 || digits > 15 || (src[i] === 0x30 && (digits > 1 || negative))) return Number.NaN;
  let v = 0;
  for (; i < e; i++) {
    const d = src[i]! - 0x30;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return negative ? -v : v;
}

/**
 * Where the copied text of a whole number ends, or -1: a canonical whole number (as
 * canonicalInteger has it) within [min, max], as it stands or followed by a point and nothing
 * but zeros (`5.0`, as pandas writes the whole numbers of a column with blanks), which the
 * converter reads as the number before the point.
 */
export function integerCopyEnd(src: Uint8Array, s: number, e: number, min: number, max: number): number {
  let end = e;
  for (let i = s; i < e; i++)
    if (src[i] === 0x2e) {
      for (let j = i + 1; j < e; j++) if (src[j] !== 0x30) return -1;
      end = i;
      break;
    }
  const v = canonicalInteger(src, s, end);
  return v >= min && v <= max ? end : -1;
}

/**
 * Copies a field as a JSON string body into `out` at `o`, undoing doubled quotes and escaping
 * what JSON needs; returns the new end, or -1 when its bytes are not well-formed UTF-8 (the
 * row is then explained the full way, which decodes them).
 */
export function copyField(
  src: Uint8Array,
  vs: DataView,
  s: number,
  e: number,
  form: number,
  out: Uint8Array,
  vo: DataView,
  o: number,
  /** For a single-byte encoding: the UTF-8 bytes of each byte from 0x80 on; null for UTF-8 input. */
  high: readonly Uint8Array[] | null,
): number {
  const escaped = form === ESCAPED;
  let p = o;
  let i = s;
  while (i < e) {
    // Four bytes at a time while none needs a second look (non-ASCII, control, quote, backslash).
    for (; i + 4 <= e; i += 4, p += 4) {
      const w = vs.getUint32(i, true);
      const quote = w ^ 0x22222222;
      const slash = w ^ 0x5c5c5c5c;
      const special = (w & 0x80808080) | ((w - 0x20202020) & ~w) | ((quote - 0x01010101) & ~quote) | ((slash - 0x01010101) & ~slash);
      if ((special & 0x80808080) !== 0) break;
      vo.setUint32(p, w, true);
    }
    if (i >= e) break;
    const c = src[i]!;
    if (c >= 0x20 && c < 0x80 && c !== QUOTE && c !== BACKSLASH) {
      out[p++] = c;
      i++;
      continue;
    }
    if (c >= 0x80) {
      if (high) {
        const seq = high[c - 0x80]!;
        for (let k = 0; k < seq.length; k++) out[p++] = seq[k]!;
        i++;
        continue;
      }
      const n = utf8Length(src, i, e);
      if (n === 0) return -1;
      for (let k = 0; k < n; k++) out[p++] = src[i + k]!;
      i += n;
      continue;
    }
    out[p++] = BACKSLASH;
    if (c === QUOTE) {
      out[p++] = QUOTE;
      if (escaped) i++;
    } else if (c === BACKSLASH) out[p++] = BACKSLASH;
    else {
      const short = SHORT_ESCAPE[c];
      if (short !== undefined) out[p++] = short;
      else p = hexEscape(c, out, p);
    }
    i++;
  }
  return p;
}

/** Writes `\u00XX`-style escape digits after the backslash already written. */
function hexEscape(c: number, out: Uint8Array, p: number): number {
  out[p++] = 0x75;
  out[p++] = HEX[(c >> 12) & 15]!;
  out[p++] = HEX[(c >> 8) & 15]!;
  out[p++] = HEX[(c >> 4) & 15]!;
  out[p++] = HEX[c & 15]!;
  return p;
}

/** Length from which a string with nothing to escape is written by the platform's encoder. */
const NATIVE_FROM = 128;
/** Characters JSON escapes, and surrogates (a lone one is escaped, a pair is one code point). */
const NEEDS_LOOP = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * Writes a string as JSON text, quotes included, exactly as JSON.stringify writes it, into
 * `out` at `o` without passing `end`; returns the new end, or -1 when it does not fit.
 */
export function copyJsonString(t: string, out: Uint8Array, o: number, end: number): number {
  if (o + t.length * 6 + 2 > end) return -1;
  let p = o;
  out[p++] = QUOTE;
  // A long text with nothing to escape and no surrogate (which the encoder would replace) is
  // encoded natively: past a hundred or so characters one call costs less than a loop in JS.
  if (t.length >= NATIVE_FROM && !NEEDS_LOOP.test(t)) {
    p += utf8.encodeInto(t, out.subarray(p, end)).written;
    out[p++] = QUOTE;
    return p;
  }
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) out[p++] = c;
      else {
        out[p++] = BACKSLASH;
        const short = c === QUOTE ? QUOTE : c === BACKSLASH ? BACKSLASH : SHORT_ESCAPE[c];
        if (short !== undefined) out[p++] = short;
        else p = hexEscape(c, out, p);
      }
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = t.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        out[p++] = 0xf0 | (cp >> 18);
        out[p++] = 0x80 | ((cp >> 12) & 63);
        out[p++] = 0x80 | ((cp >> 6) & 63);
        out[p++] = 0x80 | (cp & 63);
        i++;
      } else {
        // A lone surrogate, which JSON.stringify writes as an escape.
        out[p++] = BACKSLASH;
        p = hexEscape(c, out, p);
      }
    } else {
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 63);
      out[p++] = 0x80 | (c & 63);
    }
  }
  out[p++] = QUOTE;
  return p;
}

/** Writes JSON text (well-formed UTF-16, as JSON.stringify gives) as UTF-8, without passing `end`; -1 if it does not fit. */
export function copyUtf8(t: string, out: Uint8Array, o: number, end: number): number {
  if (o + t.length * 3 > end) return -1;
  return o + utf8.encodeInto(t, out.subarray(o, end)).written;
}

/** Writes ASCII text that needs no escaping (a number, a boolean) into `out` at `o`. */
export function copyAscii(t: string, out: Uint8Array, o: number): number {
  let p = o;
  for (let i = 0; i < t.length; i++) out[p++] = t.charCodeAt(i);
  return p;
}

const digit = (src: Uint8Array, i: number): number => {
  const d = src[i]! - 0x30;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};
const two = (src: Uint8Array, i: number): number => digit(src, i) * 10 + digit(src, i + 1);

/** A valid `yyyy-MM-dd` date from year 1000 on at `src[s]`, which a date field stores as it is. */
export function isIsoDate(src: Uint8Array, s: number, e: number): boolean {
  if (e - s < 10 || src[s + 4] !== 0x2d || src[s + 7] !== 0x2d) return false;
  // A part that is not all digits is NaN, and every comparison with NaN is false.
  const year = two(src, s) * 100 + two(src, s + 2);
  const month = two(src, s + 5);
  const day = two(src, s + 8);
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * A valid `yyyy-MM-ddTHH:mm:ssZ` (20 bytes) or `yyyy-MM-ddTHH:mm:ss.SSSZ` with milliseconds
 * other than `000` (24 bytes) from year 1000 on, which a date-time field stores as it is.
 */
export function isIsoDateTime(src: Uint8Array, s: number, e: number): boolean {
  const n = e - s;
  if (n === 24) {
    const ms = digit(src, s + 20) * 100 + two(src, s + 21);
    if (src[s + 19] !== 0x2e || !(ms >= 1)) return false;
  } else if (n !== 20) return false;
  if (src[s + 10] !== 0x54 || src[s + 13] !== 0x3a || src[s + 16] !== 0x3a || src[e - 1] !== 0x5a) return false;
  return isIsoDate(src, s, s + 10) && two(src, s + 11) <= 23 && two(src, s + 14) <= 59 && two(src, s + 17) <= 59;
}

/** The UTF-8 bytes of each byte 0x80..0xFF of a single-byte encoding, as its decoder reads it. */
export function highBytes(encoding: CsvEncoding): Uint8Array[] {
  const decoder = createDecoder(encoding);
  return Array.from({ length: 128 }, (_, i) => utf8.encode(decoder.decode(Uint8Array.of(0x80 + i))));
}

/**
 * The length of the well-formed UTF-8 sequence at `buf[i]` (a byte >= 0x80) that ends before
 * `end`, or 0 when it is not one (what a strict decoder would reject).
 */
export function utf8Length(buf: Uint8Array, i: number, end: number): number {
  const c = buf[i]!;
  let need: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) {
    need = 1;
    min = 0x80;
  } else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    min = 0x800;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    min = 0x10000;
  } else return 0;
  if (i + need >= end) return 0;
  let cp = c & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    const b = buf[i + k]!;
    if ((b & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return need + 1;
}
