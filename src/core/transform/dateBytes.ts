import type { DateLayout } from '../convert/coerce';
import { daysInMonth } from '../convert/dates';

/** A stated date pattern compiled for bytes: the direct writer's fast way with `dd/MM/yyyy` and its kind. */
export interface DateBytes {
  /** True when `src[s, e)` is a valid date of the layout, one this writer writes itself. */
  test(src: Uint8Array, s: number, e: number): boolean;
  /** Writes the ISO text of a cell `test` accepted, quotes included, at `o`; returns the new end. */
  write(src: Uint8Array, s: number, out: Uint8Array, o: number): number;
}

type Part = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';

/**
 * Compiles a converter's fixed date layout once: where each part's digits and each literal
 * stand. A cell is read by position, checked as the converter checks it (month, day of that
 * month, hour, minute, second), and its ISO text is written by moving its digits, so no
 * string and no date is made. Null for a layout without a year, month and day, or with a part
 * twice; the converter reads those.
 */
export function dateBytes(layout: DateLayout): DateBytes | null {
  const at: Partial<Record<Part, number>> = {};
  const literals: [number, number][] = [];
  let length = 0;
  for (const p of layout.parts) {
    if ('literal' in p) {
      for (let i = 0; i < p.literal.length; i++) {
        const c = p.literal.charCodeAt(i);
        if (c >= 0x80) return null;
        literals.push([length + i, c]);
      }
      length += p.literal.length;
      continue;
    }
    if (at[p.part] !== undefined) return null;
    at[p.part] = length;
    length += p.width;
  }
  const { year, month, day, hour, minute, second } = at;
  if (year === undefined || month === undefined || day === undefined) return null;
  const digitsAt = [year, year + 1, year + 2, year + 3, month, month + 1, day, day + 1];
  for (const p of [hour, minute, second]) if (p !== undefined) digitsAt.push(p, p + 1);
  const dateTime = layout.output === 'date-time';
  const two = (src: Uint8Array, i: number) => (src[i]! - 0x30) * 10 + (src[i + 1]! - 0x30);
  return {
    test(src, s, e) {
      if (e - s !== length) return false;
      for (const [i, c] of literals) if (src[s + i] !== c) return false;
      for (const i of digitsAt) {
        const d = src[s + i]! - 0x30;
        if (d < 0 || d > 9) return false;
      }
      const y = two(src, s + year) * 100 + two(src, s + year + 2);
      const m = two(src, s + month);
      const d = two(src, s + day);
      // Years before 1000 are written through a date by the converter; it reads them.
      if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || (dateTime && y < 1000)) return false;
      return (
        (hour === undefined || two(src, s + hour) <= 23) &&
        (minute === undefined || two(src, s + minute) <= 59) &&
        (second === undefined || two(src, s + second) <= 59)
      );
    },
    write(src, s, out, o) {
      let p = o;
      out[p++] = 0x22;
      for (let i = 0; i < 4; i++) out[p++] = src[s + year + i]!;
      out[p++] = 0x2d;
      out[p++] = src[s + month]!;
      out[p++] = src[s + month + 1]!;
      out[p++] = 0x2d;
      out[p++] = src[s + day]!;
      out[p++] = src[s + day + 1]!;
      if (dateTime) {
        out[p++] = 0x54;
        for (const [k, part] of [hour, minute, second].entries()) {
          if (k) out[p++] = 0x3a;
          out[p++] = part === undefined ? 0x30 : src[s + part]!;
          out[p++] = part === undefined ? 0x30 : src[s + part + 1]!;
        }
        out[p++] = 0x5a;
      }
      out[p++] = 0x22;
      return p;
    },
  };
}

const MS_PER_DAY = 86_400_000;

/** Days from 1970-01-01 to a civil date (proleptic Gregorian). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Writes two digits. */
const put2 = (out: Uint8Array, p: number, v: number): number => {
  out[p] = 0x30 + Math.floor(v / 10);
  out[p + 1] = 0x30 + (v % 10);
  return p + 2;
};

/**
 * An ISO date-time with a numeric offset, `yyyy-MM-ddTHH:mm:ss±hh:mm` or with milliseconds
 * `…ss.SSS±hh:mm`, written as its instant in UTC (`"…Z"`, milliseconds only when not zero) at
 * `o`: what the converter writes, without a string or a Date. Returns the new end, or -1 for
 * any other text (or a result outside the years 1000 to 9999), which the converter then reads.
 */
export function isoInstant(src: Uint8Array, s: number, e: number, out: Uint8Array, o: number): number {
  const n = e - s;
  const millis = n === 29;
  if (!millis && n !== 25) return -1;
  const z = s + (millis ? 23 : 19);
  const sign = src[z];
  if ((sign !== 0x2b && sign !== 0x2d) || src[z + 3] !== 0x3a) return -1;
  if (src[s + 4] !== 0x2d || src[s + 7] !== 0x2d || src[s + 10] !== 0x54 || src[s + 13] !== 0x3a || src[s + 16] !== 0x3a) return -1;
  if (millis && src[s + 19] !== 0x2e) return -1;
  let bad = false;
  const num = (i: number, w: number): number => {
    let v = 0;
    for (let k = 0; k < w; k++) {
      const d = src[i + k]! - 0x30;
      if (d < 0 || d > 9) bad = true;
      v = v * 10 + d;
    }
    return v;
  };
  const y = num(s, 4);
  const mo = num(s + 5, 2);
  const d = num(s + 8, 2);
  const h = num(s + 11, 2);
  const mi = num(s + 14, 2);
  const sec = num(s + 17, 2);
  const ms = millis ? num(s + 20, 3) : 0;
  const oh = num(z + 1, 2);
  const om = num(z + 4, 2);
  if (bad || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) return -1;
  return writeInstant(y, mo, d, h, mi, sec, ms, (sign === 0x2d ? -1 : 1) * (oh * 60 + om), out, o);
}

/**
 * Writes the instant of a valid civil date and time at an offset (in minutes) as ISO text in
 * UTC, quoted, milliseconds only when not zero, as the converter writes it; -1 when the instant
 * falls outside the years 1000 to 9999.
 */
export function writeInstant(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  sec: number,
  ms: number,
  offset: number,
  out: Uint8Array,
  o: number,
): number {
  const minutes = h * 60 + mi - offset;
  // Most offsets keep the instant on its own day: the date is then the one read, and only the
  // hour and minute move (the day count and its inverse are a dozen divisions a value).
  if (minutes >= 0 && minutes < 1440) {
    if (y < 1000 || y > 9999) return -1;
    const hh = Math.floor(minutes / 60);
    return put(out, o, y, mo, d, hh, minutes - hh * 60, sec, ms);
  }
  return writeMillis(daysFromCivil(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + sec) * 1000 + ms - offset * 60_000, out, o);
}

/**
 * Writes an instant given in whole milliseconds since 1970 as ISO text in UTC, quoted,
 * milliseconds only when not zero, as the converter writes it; -1 outside the years 1000 to 9999.
 */
export function writeMillis(t: number, out: Uint8Array, o: number): number {
  const days = Math.floor(t / MS_PER_DAY);
  let rest = t - days * MS_PER_DAY;
  // Civil date of `days` (the inverse of daysFromCivil).
  const z0 = days + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dd = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mm = mp < 10 ? mp + 3 : mp - 9;
  const yy = yoe + era * 400 + (mm <= 2 ? 1 : 0);
  if (yy < 1000 || yy > 9999) return -1;
  const hh = Math.floor(rest / 3_600_000);
  rest -= hh * 3_600_000;
  const mn = Math.floor(rest / 60_000);
  rest -= mn * 60_000;
  const ss = Math.floor(rest / 1000);
  return put(out, o, yy, mm, dd, hh, mn, ss, rest - ss * 1000);
}

/** `"yyyy-MM-ddTHH:mm:ss[.SSS]Z"` at `o`; the new end. */
function put(out: Uint8Array, o: number, yy: number, mm: number, dd: number, hh: number, mn: number, ss: number, msOut: number): number {
  let p = o;
  out[p++] = 0x22;
  p = put2(out, p, Math.floor(yy / 100));
  p = put2(out, p, yy % 100);
  out[p++] = 0x2d;
  p = put2(out, p, mm);
  out[p++] = 0x2d;
  p = put2(out, p, dd);
  out[p++] = 0x54;
  p = put2(out, p, hh);
  out[p++] = 0x3a;
  p = put2(out, p, mn);
  out[p++] = 0x3a;
  p = put2(out, p, ss);
  if (msOut) {
    out[p++] = 0x2e;
    out[p++] = 0x30 + Math.floor(msOut / 100);
    p = put2(out, p, msOut % 100);
  }
  out[p++] = 0x5a;
  out[p++] = 0x22;
  return p;
}
