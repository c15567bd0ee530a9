import type { ZonedDate } from './zoned';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export type FormatResult = { ok: true; text: string } | { ok: false; message: string };

/** Day of the year, 1-based. */
export function dayOfYear(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86400000) + 1;
}

/** Writes a date with a Java pattern (`yyyy-MM-dd'T'HH:mm:ss.SSSX`) in the date's own zone. */
export function formatJava(date: ZonedDate, pattern: string): FormatResult {
  const l = date.local();
  const off = date.offsetMinutes();
  const pad = (n: number, w: number) => String(Math.abs(n)).padStart(w, '0');
  const offset = (withColon: boolean, minutes: 'always' | 'nonzero', zeroAsZ: boolean) => {
    if (off === 0 && zeroAsZ) return 'Z';
    const sign = off < 0 ? '-' : '+';
    const h = pad(Math.floor(Math.abs(off) / 60), 2);
    const m = pad(Math.abs(off) % 60, 2);
    if (minutes === 'nonzero' && m === '00') return `${sign}${h}`;
    return withColon ? `${sign}${h}:${m}` : `${sign}${h}${m}`;
  };
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      if (end < 0) return { ok: false, message: `unclosed quote in date pattern "${pattern}"` };
      out += pattern.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    const h12 = l.hour % 12 === 0 ? 12 : l.hour % 12;
    switch (ch) {
      case 'G':
        out += n >= 4 ? 'Anno Domini' : 'AD';
        break;
      case 'y':
      case 'u':
        out += n === 2 ? pad(l.year % 100, 2) : pad(l.year, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[l.month - 1] : n === 3 ? MONTHS[l.month - 1]!.slice(0, 3) : pad(l.month, n);
        break;
      case 'd':
        out += pad(l.day, n);
        break;
      case 'D':
        out += pad(dayOfYear(l.year, l.month, l.day), n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[l.isoWeekday - 1] : DAYS[l.isoWeekday - 1]!.slice(0, 3);
        break;
      case 'a':
        out += l.hour < 12 ? 'AM' : 'PM';
        break;
      case 'H':
        out += pad(l.hour, n);
        break;
      case 'k':
        out += pad(l.hour === 0 ? 24 : l.hour, n);
        break;
      case 'K':
        out += pad(l.hour % 12, n);
        break;
      case 'h':
        out += pad(h12, n);
        break;
      case 'm':
        out += pad(l.minute, n);
        break;
      case 's':
        out += pad(l.second, n);
        break;
      case 'S':
        out += pad(l.millis, 3).padEnd(n, '0').slice(0, n);
        break;
      case 'X':
        out += offset(n >= 3, n === 1 ? 'nonzero' : 'always', true);
        break;
      case 'x':
        out += offset(n >= 3, n === 1 ? 'nonzero' : 'always', false);
        break;
      case 'Z':
        out += n === 5 ? offset(true, 'always', true) : n === 4 ? `GMT${off === 0 ? '' : offset(true, 'always', false)}` : offset(false, 'always', false);
        break;
      case 'z':
      case 'V':
        out += date.zone;
        break;
      default:
        return { ok: false, message: `date pattern letter "${ch}" in "${pattern}" is not supported` };
    }
  }
  return { ok: true, text: out };
}
