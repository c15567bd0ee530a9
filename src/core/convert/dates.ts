/**
 * Dates as Data Prep reads them: its ordered list of formats for a text with no format given,
 * and ISO 8601 text for what is written. Patterns themselves are compiled in datePattern.ts.
 */
import { type CompiledDatePattern, compileDatePattern, type DateParts } from './datePattern';
import { localToEpoch, utcMillisOf } from './zones';

export { type CompiledDatePattern, compileDatePattern, type DateParts, type DatePatternResult, daysInMonth } from './datePattern';
export { ZONES } from './zones';

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

/** "00" … "99": two-digit parts are looked up, not formatted, once per date cell. */
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const pad = (n: number, w = 2) => (w === 2 && n >= 0 && n < 100 ? TWO[n]! : String(n).padStart(w, '0'));

/** `yyyy-MM-dd` of the date as written (no zone shift: a date has none). */
export function formatIsoDate(p: DateParts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * ISO 8601 instant in UTC. An offset or zone in the text wins; a text without one is read in
 * `zone` (a mapping's time zone setting), or as UTC as Data Prep does. Null only for a zone
 * that is not known (settings are checked when a mapping loads).
 */
export function formatIsoDateTime(p: DateParts, zone?: string): string | null {
  if (!p.offsetMinutes && p.zone === null && !zone && p.year >= 1000) {
    // No zone shift: the parts are already UTC, and need no Date to be written.
    const base = `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
    return p.millis || p.fraction ? `${base}.${pad(p.millis, 3)}${p.fraction}Z` : `${base}Z`;
  }
  const ms = instantOf(p, zone);
  return ms === null ? null : isoInstant(ms, p.fraction);
}

/** Milliseconds since 1970 of parsed parts: their offset, else their named zone, else `zone`, else UTC. */
export function instantOf(p: DateParts, zone?: string): number | null {
  if (p.offsetMinutes !== null) return utcMillisOf(p) - p.offsetMinutes * 60000;
  const z = p.zone ?? zone;
  return z ? localToEpoch(p, z) : utcMillisOf(p);
}

/**
 * `2024-03-01T10:12:00Z` (milliseconds only when there are some) of an instant; `fraction`, the
 * second's digits past its milliseconds as the text wrote them, follows them (`.339563Z`).
 */
export function isoInstant(ms: number, fraction = ''): string {
  const d = new Date(ms);
  const base = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return d.getUTCMilliseconds() || fraction ? `${base}.${pad(d.getUTCMilliseconds(), 3)}${fraction}Z` : `${base}Z`;
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
