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
