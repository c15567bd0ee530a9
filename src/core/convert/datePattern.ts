/**
 * Java-style date patterns (`yyyy-MM-dd'T'HH:mm:ss.SSSX`), as Data Prep speaks them, compiled
 * once into a strict matcher. Parsing a cell is one regex exec (or a read by character position
 * for fixed layouts) plus range checks; no `Date` parsing of free text, which is both slow and
 * lenient in the wrong ways.
 */
import { type DateByteItem, type DatePart, fixedPartsOf, plainPart } from './dateParts';
import { type DateLanguage, monthOf, weekdayOf } from './monthNames';
import { isZone, type LocalDateTime, offsetOf, ZONES } from './zones';

export interface DateParts extends LocalDateTime {
  /** Offset from UTC in minutes, or null when the text carries no offset. */
  offsetMinutes: number | null;
  /** A zone named in the text (`VV`: `Europe/Paris`), or null. */
  zone: string | null;
  /** True when the pattern has a time part. */
  hasTime: boolean;
  /** The second's digits past its milliseconds (`SSSSSS` 339563: `563`), trailing zeros left out; written after them. */
  fraction: string;
}

export interface CompiledDatePattern {
  pattern: string;
  parse(text: string): DateParts | null;
  /** Whether the text has the pattern's shape (its regex), before any value is checked. */
  accepts(text: string): boolean;
  /** For patterns of literals and plain fixed-width numbers (dateParts.ts), their pieces, so a reader of bytes can be compiled. */
  fixedParts: readonly DatePart[] | null;
  /** Every pattern's pieces as a reader of bytes sees them (dateParts.ts), recorded as its regex is made. */
  byteItems: readonly DateByteItem[];
}

export type DatePatternResult = { ok: true; value: CompiledDatePattern } | { ok: false; message: string };

export interface DatePatternOptions {
  /**
   * Language of month and day names. Without it names are read as Java reads English ones
   * (`MMM` three letters or the full name, `MMMM` the full name); with it, any spelling of
   * that language (`März`, `mars`, `Sept.`, `janv.`).
   */
  language?: DateLanguage;
  /**
   * Two-digit years (`yy`) fall in the hundred years from this one: 1926 reads `85` as 1985 and
   * `10` as 2010 (Java's SimpleDateFormat calls it the two-digit year start). Without it, 2000
   * to 2099, as Java's DateTimeFormatter and so Data Prep read `yy`.
   */
  twoDigitYearStart?: number;
}

export const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
export const EN_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

type Parsing = DateParts & { pm?: boolean };
type LayoutItem = string | { width: number; set: (p: Parsing, v: number) => boolean | void };
/** Sets one part from its matched text; `false` means the text is not a valid value. */
type Setter = (p: Parsing, s: string) => boolean | void;

const fresh = (hasTime: boolean): Parsing => ({
  year: 1970,
  month: 1,
  day: 1,
  hour: 0,
  minute: 0,
  second: 0,
  millis: 0,
  offsetMinutes: null,
  zone: null,
  hasTime,
  fraction: '',
});
const TRAILING_ZEROS = /0+$/;
/** The digits past the milliseconds of an `n`-digit fraction read as the number `v`. */
const pastMillis = (v: number, n: number) =>
  String(v % 10 ** (n - 3))
    .padStart(n - 3, '0')
    .replace(TRAILING_ZEROS, '');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads a fixed-layout date by character position: literals compared, digits summed. */
function layoutParser(layout: LayoutItem[], zoneTail: RegExp | null, hasTime: boolean, valid: (p: Parsing) => DateParts | null) {
  let fixedLength = 0;
  for (const item of layout) fixedLength += typeof item === 'string' ? item.length : item.width;
  return (text: string): DateParts | null => {
    if (zoneTail ? text.length < fixedLength : text.length !== fixedLength) return null;
    const p = fresh(hasTime);
    let at = 0;
    for (let k = 0; k < layout.length; k++) {
      const item = layout[k]!;
      if (typeof item === 'string') {
        for (let j = 0; j < item.length; j++) if (text.charCodeAt(at + j) !== item.charCodeAt(j)) return null;
        at += item.length;
        continue;
      }
      let v = 0;
      for (let j = 0; j < item.width; j++) {
        const c = text.charCodeAt(at + j) - 48;
        if (c < 0 || c > 9) return null;
        v = v * 10 + c;
      }
      at += item.width;
      if (item.set(p, v) === false) return null;
    }
    if (zoneTail) {
      const tail = text.slice(at);
      if (!zoneTail.test(tail)) return null;
      p.offsetMinutes = offsetOf(tail);
      if (p.offsetMinutes === null) return null;
    }
    return valid(p);
  };
}

/** Longest date pattern accepted. */
const MAX_DATE_PATTERN = 200;
/** Most fields of varying width in a row, with no separator between them. */
const MAX_VARYING_RUN = 4;

/** Compiles a Java date pattern; unsupported letters are reported, never silently ignored. */
export function compileDatePattern(pattern: string, options: DatePatternOptions = {}): DatePatternResult {
  if (pattern.length > MAX_DATE_PATTERN)
    return { ok: false, message: `date pattern of ${pattern.length} characters is longer than the ${MAX_DATE_PATTERN} allowed` };
  const lang = options.language;
  let re = '';
  // Fields of varying width with nothing but other fields between them can split a text in
  // many ways, each tried by the regex: `dMdMdM…` on a long number takes minutes. A separator
  // (any character that is not a letter or a digit) ends such a run.
  let varyingRun = 0;
  const setters: Setter[] = [];
  let hasTime = false;
  let i = 0;
  // A fixed layout (every field of fixed width, literals between, maybe an offset at the end) is
  // read by position with no regex: the common ISO shapes, on the per-cell hot path.
  const layout: LayoutItem[] = [];
  let fixed = true;
  let zoneTail: RegExp | null = null;
  const byteItems: DateByteItem[] = [];
  const num = (min: number, max: number, set: (p: Parsing, v: number) => boolean | void, item?: DateByteItem) => {
    const part = plainPart(set);
    byteItems.push(item ?? (part ? { kind: 'number', part, min, max } : { kind: 'opaque' }));
    re += `(\\d{${min},${max}})`;
    if (min !== max) varyingRun++;
    setters.push((p, s) => set(p, Number(s)));
    if (min !== max || zoneTail) fixed = false;
    else layout.push({ width: min, set });
  };
  const literal = (s: string) => {
    byteItems.push({ kind: 'literal', text: s });
    if (!/[\p{L}\p{N}]/u.test(s)) varyingRun = 0;
    re += escapeRe(s);
    if (zoneTail) fixed = false;
    else layout.push(s);
  };
  const word = `(\\p{L}[\\p{L}-]{0,14}\\.?)`;
  const variable = (item: DateByteItem = { kind: 'word' }) => {
    byteItems.push(item);
    fixed = false;
    varyingRun++;
  };
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        literal("'");
        i += 2;
        continue;
      }
      if (end < 0) return { ok: false, message: `unclosed quote in date pattern "${pattern}"` };
      literal(pattern.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      literal(ch);
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    // As Java's formatter says: a day, hour, minute or second has at most two digits.
    if (n > 2 && 'dHkhKms'.includes(ch)) return { ok: false, message: `"${ch.repeat(n)}" in "${pattern}": too many pattern letters (at most ${ch}${ch})` };
    // And a fraction of the second at most nine (nanoseconds).
    if (n > 9 && ch === 'S') return { ok: false, message: `"${ch.repeat(n)}" in "${pattern}": too many pattern letters (at most SSSSSSSSS)` };
    switch (ch) {
      case 'y':
      case 'u':
        if (n === 2) {
          const start = options.twoDigitYearStart ?? 2000;
          num(
            2,
            2,
            (p, v) => {
              p.year = start + ((v - (start % 100) + 100) % 100);
            },
            { kind: 'year2', start },
          );
        } else
          num(n === 1 ? 1 : n, n === 1 ? 9 : n, (p, v) => {
            p.year = v;
          });
        break;
      case 'M':
      case 'L':
        if (n >= 3) {
          variable(lang ? { kind: 'word' } : { kind: 'month', full: n > 3 });
          if (lang) {
            re += word;
            setters.push((p, s) => {
              p.month = monthOf(s, lang);
              return p.month > 0;
            });
          } else {
            re += '([A-Za-z]{3,9}\\.?)';
            setters.push((p, s) => {
              const w = s.replace('.', '').toLowerCase();
              const idx = EN_MONTHS.findIndex((m) => (n === 3 ? m.slice(0, 3) === w || (w.length > 3 && m === w) : m === w));
              if (idx < 0) return false;
              p.month = idx + 1;
              return true;
            });
          }
        } else
          num(n, 2, (p, v) => {
            p.month = v;
          });
        break;
      case 'd':
        num(n, 2, (p, v) => {
          p.day = v;
        });
        break;
      case 'E':
        variable(lang ? undefined : { kind: 'day', full: n >= 4 });
        if (lang) {
          re += word;
          setters.push((_p, s) => weekdayOf(s, lang) > 0);
        } else {
          re += '([A-Za-z]{3,9})';
          setters.push((_p, s) => EN_DAYS.some((d) => (n >= 4 ? d === s.toLowerCase() : d.slice(0, 3) === s.toLowerCase())));
        }
        break;
      case 'H':
      case 'k':
        hasTime = true;
        num(n, 2, (p, v) => {
          p.hour = ch === 'k' && v === 24 ? 0 : v;
        });
        break;
      case 'h':
      case 'K':
        hasTime = true;
        num(
          n,
          2,
          (p, v) => {
            p.hour = ch === 'h' && v === 12 ? 0 : v;
            return ch === 'h' ? v >= 1 && v <= 12 : v <= 11;
          },
          { kind: 'hour12', letter: ch, min: n, max: 2 },
        );
        break;
      case 'm':
        hasTime = true;
        num(n, 2, (p, v) => {
          p.minute = v;
        });
        break;
      case 's':
        hasTime = true;
        num(n, 2, (p, v) => {
          p.second = v;
        });
        break;
      case 'S': {
        hasTime = true;
        byteItems.push(n === 3 ? { kind: 'millis' } : { kind: 'fraction', digits: n });
        re += `(\\d{${n}})`;
        setters.push((p, s) => {
          p.millis = Math.floor(Number(`0.${s}`) * 1000 + 1e-9);
          if (n > 3) p.fraction = s.slice(3).replace(TRAILING_ZEROS, '');
        });
        const scale = 10 ** n;
        if (zoneTail) fixed = false;
        else
          layout.push({
            width: n,
            set: (p, v) => {
              p.millis = Math.floor((v / scale) * 1000 + 1e-9);
              if (n > 3) p.fraction = pastMillis(v, n);
            },
          });
        break;
      }
      case 'a':
        variable({ kind: 'ampm' });
        re += '([AaPp][Mm])';
        setters.push((p, s) => {
          p.pm = s.toLowerCase() === 'pm';
        });
        break;
      case 'X':
      case 'x':
      case 'Z': {
        byteItems.push({ kind: 'offset', letter: ch });
        const shape = ch === 'X' ? 'Z|[+-]\\d{2}(?::?\\d{2})?' : ch === 'x' ? '[+-]\\d{2}(?::?\\d{2})?' : 'Z|[+-]\\d{2}:?\\d{2}';
        re += `(${shape})`;
        if (zoneTail) fixed = false;
        else zoneTail = new RegExp(`^(${shape})$`);
        setters.push((p, s) => {
          p.offsetMinutes = offsetOf(s);
          return p.offsetMinutes !== null;
        });
        break;
      }
      case 'O':
        variable();
        re += '(GMT(?:[+-]\\d{1,2}(?::\\d{2})?)?)';
        setters.push((p, s) => {
          const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(s)!;
          p.offsetMinutes = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
        });
        break;
      case 'z':
        variable({ kind: 'zone' });
        re += '([A-Za-z]{1,5})';
        setters.push((p, s) => {
          const z = s.toUpperCase();
          if (!Object.hasOwn(ZONES, z)) return false;
          p.offsetMinutes = ZONES[z]!;
          return true;
        });
        break;
      case 'V':
        if (n !== 2) return { ok: false, message: `"${'V'.repeat(n)}" in "${pattern}": a zone ID is written VV` };
        variable();
        re += '([A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*)';
        setters.push((p, s) => {
          if (!isZone(s)) return false;
          p.zone = s;
          return true;
        });
        break;
      default:
        return { ok: false, message: `date pattern letter "${ch}" in "${pattern}" is not supported` };
    }
    if (varyingRun > MAX_VARYING_RUN)
      return {
        ok: false,
        message: `date pattern "${pattern}" has more than ${MAX_VARYING_RUN} fields of varying width (d, M, H, y, MMM, E, a, z) with no separator between them: a text cannot be read against it unambiguously`,
      };
  }
  const matcher = new RegExp(`^${re}$`, 'u');
  const valid = (p: Parsing): DateParts | null => {
    // AM/PM may come before or after the hour in a pattern.
    if (p.pm !== undefined) {
      if (p.pm) p.hour += 12;
      delete p.pm;
    }
    if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysInMonth(p.year, p.month)) return null;
    if (p.hour > 23 || p.minute > 59 || p.second > 59) return null;
    return p;
  };
  const viaRegex = (text: string): DateParts | null => {
    const m = matcher.exec(text);
    if (!m) return null;
    const p = fresh(hasTime);
    for (let k = 0; k < setters.length; k++) if (setters[k]!(p, m[k + 1]!) === false) return null;
    return valid(p);
  };
  const parse = fixed ? layoutParser(layout, zoneTail, hasTime, valid) : viaRegex;
  return {
    ok: true,
    value: { pattern, parse, accepts: (text) => matcher.test(text), fixedParts: fixed && !zoneTail ? fixedPartsOf(layout) : null, byteItems },
  };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
