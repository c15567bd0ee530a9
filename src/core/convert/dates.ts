/**
 * Java-style date patterns (`yyyy-MM-dd'T'HH:mm:ss.SSSX`), as Data Prep speaks them, compiled
 * once into a strict matcher. Parsing a cell is one regex exec plus range checks; no `Date`
 * parsing of free text, which is both slow and lenient in the wrong ways.
 */

import { type DatePart, fixedPartsOf } from './dateParts';
export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  /** Offset from UTC in minutes, or null when the text carries no zone. */
  offsetMinutes: number | null;
  /** True when the pattern has a time part. */
  hasTime: boolean;
}

export interface CompiledDatePattern {
  pattern: string;
  fixedParts: readonly DatePart[] | null; // for patterns of literals and plain fixed-width numbers (dateParts.ts)
  parse(text: string): DateParts | null;
  /** Whether the text has the pattern's shape (its regex), before any value is checked. */
  accepts(text: string): boolean;
}

export type DatePatternResult = { ok: true; value: CompiledDatePattern } | { ok: false; message: string };

/** The formats Data Prep tries, in order, when a string goes into a date field with no format given. */
export const DATA_PREP_DATE_FORMATS: readonly string[] = [
  'yyyy-MM-dd HH:mm:ssZ',
  'yyyy-MM-dd HH:mm:ss.SSSZ',
  'yyyy-MM-dd HH:mm:ss.SSS',
  "yyyy-MM-dd'T'HH:mm:ss.SSSX",
  "yyyy-MM-dd'T'HH:mm:ss'Z'",
  'yyyy-MM-dd',
  'yyyy/MM/dd',
  'yyyy.MM.dd',
  'yyyy-MMM-dd',
  'yyyyMMdd',
  'MM-dd-yyyy',
  'MMddyyyy',
  'M/dd/yyyy',
  'dd.M.yyyy',
  'M/dd/yyyy hh:mm:ss a',
  'dd.M.yyyy hh:mm:ss a',
  'dd.MMM.yyyy',
  'dd-MMM-yyyy',
];

/**
 * Extra ISO 8601 shapes we accept after Data Prep's list: ISO date-times written without
 * milliseconds or with a numeric offset are what most exports contain, and rejecting them
 * would null every timestamp of such a file.
 */
export const EXTRA_ISO_FORMATS: readonly string[] = [
  "yyyy-MM-dd'T'HH:mm:ssX",
  "yyyy-MM-dd'T'HH:mm:ss",
  "yyyy-MM-dd'T'HH:mm:ss.SSS",
  "yyyy-MM-dd'T'HH:mm",
  'yyyy-MM-dd HH:mm:ss',
  'yyyy-MM-dd HH:mm',
];

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Zone abbreviations and their fixed offsets in minutes, as exports write them. */
export const ZONES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  UT: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  IST: 330,
  JST: 540,
  AEST: 600,
  AEDT: 660,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  HST: -600,
};

type LayoutItem = string | { width: number; set: (p: Parsing, v: number) => boolean | void };
type ZoneTail = RegExp;

/** Reads a fixed-layout date by character position: literals compared, digits summed. */
function layoutParser(
  layout: LayoutItem[],
  zoneTail: ZoneTail | null,
  hasTime: boolean,
  valid: (p: Parsing) => DateParts | null,
): (text: string) => DateParts | null {
  let fixedLength = 0;
  for (const item of layout) fixedLength += typeof item === 'string' ? item.length : item.width;
  return (text) => {
    if (zoneTail ? text.length < fixedLength : text.length !== fixedLength) return null;
    const p: Parsing = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millis: 0, offsetMinutes: null, hasTime };
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

/** Sets one part from its matched text; `false` means the text is not a valid value. */
type Setter = (p: Parsing, s: string) => boolean | void;
type Parsing = DateParts & { pm?: boolean };
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const offsetOf = (s: string): number | null => {
  if (s === 'Z' || s === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(s);
  if (!m) return null;
  const v = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -v : v;
};

/** Longest date pattern accepted. */
const MAX_DATE_PATTERN = 200;
/** Most fields of varying width in a row, with no separator between them. */
const MAX_VARYING_RUN = 4;

/** Compiles a Java date pattern; unsupported letters are reported, never silently ignored. */
export function compileDatePattern(pattern: string): DatePatternResult {
  if (pattern.length > MAX_DATE_PATTERN)
    return { ok: false, message: `date pattern of ${pattern.length} characters is longer than the ${MAX_DATE_PATTERN} allowed` };
  let re = '';
  // Fields of varying width with nothing but other fields between them can split a text in
  // many ways, each tried by the regex: `dMdMdM…` on a long number takes minutes. A separator
  // (any character that is not a letter or a digit) ends such a run.
  let varyingRun = 0;
  const setters: Setter[] = [];
  let hasTime = false;
  let i = 0;
  // A fixed layout (every field of fixed width, literals between, maybe a zone at the end) is
  // read by position with no regex: the common ISO shapes, on the per-cell hot path.
  const layout: LayoutItem[] = [];
  let fixed = true;
  let zoneTail: ZoneTail | null = null;
  const num = (min: number, max: number, set: (p: Parsing, v: number) => boolean | void) => {
    re += `(\\d{${min},${max}})`;
    if (min !== max) varyingRun++;
    setters.push((p, s) => set(p, Number(s)));
    if (min !== max || zoneTail) fixed = false;
    else layout.push({ width: min, set });
  };
  const variable = () => {
    fixed = false;
    varyingRun++;
  };
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        re += "'";
        i += 2;
        continue;
      }
      if (end < 0) return { ok: false, message: `unclosed quote in date pattern "${pattern}"` };
      if (!/[\p{L}\p{N}]/u.test(pattern.slice(i + 1, end))) varyingRun = 0;
      re += escapeRe(pattern.slice(i + 1, end));
      if (zoneTail) fixed = false;
      else layout.push(pattern.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      if (!/[\p{L}\p{N}]/u.test(ch)) varyingRun = 0;
      re += escapeRe(ch);
      if (zoneTail) fixed = false;
      else layout.push(ch);
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    switch (ch) {
      case 'y':
      case 'u':
        if (n === 2)
          num(2, 2, (p, v) => {
            p.year = 2000 + v;
          });
        else
          num(n === 1 ? 1 : n, n === 1 ? 9 : n, (p, v) => {
            p.year = v;
          });
        break;
      case 'M':
      case 'L':
        if (n >= 3) {
          variable();
          re += `([A-Za-z]{3,9}\\.?)`;
          setters.push((p, s) => {
            const w = s.replace('.', '').toLowerCase();
            const idx = MONTHS.findIndex((m) => (n === 3 ? m.slice(0, 3) === w || (w.length > 3 && m === w) : m === w));
            if (idx < 0) return false;
            p.month = idx + 1;
            return true;
          });
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
        variable();
        re += `([A-Za-z]{3,9})`;
        setters.push((_p, s) => DAYS.some((d) => (n >= 4 ? d === s.toLowerCase() : d.slice(0, 3) === s.toLowerCase())));
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
        num(n, 2, (p, v) => {
          p.hour = ch === 'h' && v === 12 ? 0 : v;
          return ch === 'h' ? v >= 1 && v <= 12 : v <= 11;
        });
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
        re += `(\\d{${n}})`;
        setters.push((p, s) => {
          p.millis = Math.floor(Number(`0.${s}`) * 1000 + 1e-9);
        });
        const scale = 10 ** n;
        if (zoneTail) fixed = false;
        else
          layout.push({
            width: n,
            set: (p, v) => {
              p.millis = Math.floor((v / scale) * 1000 + 1e-9);
            },
          });
        break;
      }
      case 'a':
        variable();
        re += '([AaPp][Mm])';
        setters.push((p, s) => {
          p.pm = s.toLowerCase() === 'pm';
        });
        break;
      case 'X':
      case 'x':
      case 'Z':
        re += ch === 'X' ? '(Z|[+-]\\d{2}(?::?\\d{2})?)' : ch === 'x' ? '([+-]\\d{2}(?::?\\d{2})?)' : '(Z|[+-]\\d{2}:?\\d{2})';
        if (zoneTail) fixed = false;
        else zoneTail = ch === 'X' ? /^(Z|[+-]\d{2}(?::?\d{2})?)$/ : ch === 'x' ? /^([+-]\d{2}(?::?\d{2})?)$/ : /^(Z|[+-]\d{2}:?\d{2})$/;
        setters.push((p, s) => {
          p.offsetMinutes = offsetOf(s);
          return p.offsetMinutes !== null;
        });
        break;
      case 'z':
        variable();
        re += '([A-Za-z]{1,5})';
        setters.push((p, s) => {
          const z = ZONES[s.toUpperCase()];
          if (z === undefined) return false;
          p.offsetMinutes = z;
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
  const matcher = new RegExp(`^${re}$`);
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
    const p: Parsing = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millis: 0, offsetMinutes: null, hasTime };
    for (let k = 0; k < setters.length; k++) if (setters[k]!(p, m[k + 1]!) === false) return null;
    return valid(p);
  };
  const parse = fixed ? layoutParser(layout, zoneTail, hasTime, valid) : viaRegex;
  return { ok: true, value: { pattern, parse, accepts: (text) => matcher.test(text), fixedParts: fixed && !zoneTail ? fixedPartsOf(layout) : null } };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** "00" … "99": two-digit parts are looked up, not formatted, once per date cell. */
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const pad = (n: number, w = 2) => (w === 2 && n >= 0 && n < 100 ? TWO[n]! : String(n).padStart(w, '0'));

/** `yyyy-MM-dd` of the date as written (no zone shift: a date has none). */
export function formatIsoDate(p: DateParts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** ISO 8601 instant in UTC; a text without a zone is read as UTC, as Data Prep does. */
export function formatIsoDateTime(p: DateParts): string {
  if (!p.offsetMinutes && p.year >= 1000) {
    // No zone shift: the parts are already UTC, and need no Date to be written.
    const base = `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
    return p.millis ? `${base}.${pad(p.millis, 3)}Z` : `${base}Z`;
  }
  const ms = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millis) - (p.offsetMinutes ?? 0) * 60000;
  const d = new Date(ms);
  if (p.year < 100) d.setUTCFullYear(p.year);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return d.getUTCMilliseconds() ? `${base}.${pad(d.getUTCMilliseconds(), 3)}Z` : `${base}Z`;
}

let defaultList: CompiledDatePattern[] | null = null;
/** Data Prep's ordered list plus the extra ISO shapes, compiled once per process. */
export function defaultDatePatterns(): CompiledDatePattern[] {
  if (!defaultList) {
    defaultList = [...DATA_PREP_DATE_FORMATS, ...EXTRA_ISO_FORMATS].map((f) => {
      const r = compileDatePattern(f);
      if (!r.ok) throw new Error(`built-in date format ${f}: ${r.message}`);
      return r.value;
    });
  }
  return defaultList;
}

/**
 * A date reader for one column: the patterns in Data Prep's order, the first that reads the
 * value wins. Fixed-layout patterns reject a value of the wrong length at once, so trying the
 * list costs little more than the one pattern that matches.
 */
export function datePatternReader(patterns: readonly CompiledDatePattern[]): (text: string) => DateParts | null {
  const list = [...patterns];
  return (text) => {
    for (let i = 0; i < list.length; i++) {
      const parts = list[i]!.parse(text);
      if (parts) return parts;
    }
    return null;
  };
}

/** Tries the patterns in order; the first that matches wins, as in Data Prep. */
export function parseWithPatterns(text: string, patterns: readonly CompiledDatePattern[]): { parts: DateParts; pattern: string } | null {
  for (const p of patterns) {
    const parts = p.parse(text);
    if (parts) return { parts, pattern: p.pattern };
  }
  return null;
}
