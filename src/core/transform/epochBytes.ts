import { ESCAPED } from '../csv/byteRows';
import { writeMillis } from './dateBytes';

/**
 * Unix times (`1505814335` in seconds, `1505814335000` in milliseconds) read from a field's
 * bytes and written as the ISO text the converter writes for them (`"2017-09-19T09:45:35Z"`,
 * or the date alone for a date field), without the number, the Date and the strings the row
 * evaluation makes for each cell. Only whole numbers of digits with an optional `-` are read;
 * a fraction, an exponent, a `+`, a space or an instant outside the years 1000 to 9999 gives
 * -1, and the row evaluation reads the field as before.
 */
export type EpochBytes = (src: Uint8Array, s: number, e: number, form: number, out: Uint8Array, o: number) => number;

/** More digits than any instant of the years the writer writes (and fewer than a double holds exactly). */
const LONGEST = 15;

export function epochBytes(unit: 'seconds' | 'milliseconds', output: 'date' | 'date-time'): EpochBytes {
  const factor = unit === 'seconds' ? 1000 : 1;
  const dateOnly = output === 'date';
  return (src, s, e, form, out, o) => {
    if (form === ESCAPED) return -1;
    let i = s;
    const negative = src[i] === 0x2d;
    if (negative) i++;
    if (i === e || e - i > LONGEST) return -1;
    let n = 0;
    for (; i < e; i++) {
      const d = src[i]! - 0x30;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    // Far inside the limit of a JavaScript date: the years written are 1000 to 9999.
    const end = writeMillis((negative ? -n : n) * factor, out, o);
    if (end < 0 || !dateOnly) return end;
    // `"yyyy-MM-dd` was written first: the date field takes it, closed by its quote.
    out[o + 11] = 0x22;
    return o + 12;
  };
}
