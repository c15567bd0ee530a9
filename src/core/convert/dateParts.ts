/**
 * Which stated date patterns a reader of bytes may read by position: those made only of
 * literals and plain fixed-width numbers (`dd/MM/yyyy`, `yyyyMMdd HH:mm`). A number is plain
 * when its pattern letter stores the digits' value as it is into one part (`yy` adds 2000,
 * `hh` turns 12 into 0, `SSS` scales: none is plain); that is found by trying the letter's own
 * setter, so this list can never disagree with how the pattern is parsed.
 */

export type DatePartName = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second';
/** One piece of a fixed layout: a literal, or a part written with a fixed number of digits. */
export type DatePart = { literal: string } | { part: DatePartName; width: number };

const NAMES: readonly DatePartName[] = ['year', 'month', 'day', 'hour', 'minute', 'second'];
const PROBES = [0, 7, 12, 24, 59, 99];
/** Digits each part is written with for the reader of bytes: a four-digit year, two for the rest. */
const WIDTH: Record<DatePartName, number> = { year: 4, month: 2, day: 2, hour: 2, minute: 2, second: 2 };

type Probe = Record<DatePartName | 'millis' | 'offsetMinutes', number | null> & { hasTime: boolean; pm?: boolean };
type Item = string | { width: number; set: (p: never, v: number) => boolean | void };

const fresh = (): Probe => ({ year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millis: 0, offsetMinutes: null, hasTime: false });

/** The layout's pieces when every number in it is plain, else null. */
export function fixedPartsOf(layout: readonly Item[]): DatePart[] | null {
  const parts: DatePart[] = [];
  for (const item of layout) {
    if (typeof item === 'string') {
      parts.push({ literal: item });
      continue;
    }
    const name = plainPart(item.set);
    if (!name || item.width !== WIDTH[name]) return null;
    parts.push({ part: name, width: item.width });
  }
  return parts;
}

/** The one part a number's setter stores its value into as it is, or null when it is not plain. */
export function plainPart(setter: (p: never, v: number) => boolean | void): DatePartName | null {
  const set = setter as (p: Probe, v: number) => boolean | void;
  let names: DatePartName[] = [...NAMES];
  for (const v of PROBES) {
    const p = fresh();
    if (set(p, v) === false) return null;
    const before = fresh();
    // Nothing but one part may change, and only to the value given.
    for (const k of Object.keys(p) as (keyof Probe)[]) if (p[k] !== before[k] && !(NAMES.includes(k as DatePartName) && p[k] === v)) return null;
    names = names.filter((n) => p[n] === v);
  }
  return names.length === 1 ? names[0]! : null;
}

/**
 * A pattern's pieces in order, as a reader of bytes sees them (dateListBytes.ts): a literal; a
 * plain number of `min` to `max` digits; milliseconds as three digits, or a fraction of the
 * second of other widths; a numeric offset (the
 * letter says which shapes); a 12-hour hour, AM/PM, an English month name, a two-digit year;
 * a word, which needs a letter in the text (day names, month names in a stated language, zone
 * names); or anything else, which such a reader leaves to the pattern itself.
 */
export type DateByteItem =
  | { kind: 'literal'; text: string }
  | { kind: 'number'; part: DatePartName; min: number; max: number }
  | { kind: 'millis' }
  /** A fraction of the second of other than three digits (`S`, `SS`, `SSSSSS`): its first three are the milliseconds, the rest written after them. */
  | { kind: 'fraction'; digits: number }
  | { kind: 'offset'; letter: 'X' | 'x' | 'Z' }
  /** A zone abbreviation (`z`): one to five ASCII letters, any case, that name a zone of ZONES (`UTC`, `PST`). */
  | { kind: 'zone' }
  | { kind: 'word' }
  /** An hour of a 12-hour clock: `h` 1 to 12 (12 is 0), `K` 0 to 11. */
  | { kind: 'hour12'; letter: 'h' | 'K'; min: number; max: number }
  /** A two-digit year, in the hundred years from `start`. */
  | { kind: 'year2'; start: number }
  /** AM or PM, in any case. */
  | { kind: 'ampm' }
  /** An English month name in any case (`MMM`: its first three letters or the whole name; `MMMM`: the whole name), a `.` after it taken. */
  | { kind: 'month'; full: boolean }
  /** An English day name in any case (`E`–`EEE`: its first three letters; `EEEE`: the whole name), checked as a name only. */
  | { kind: 'day'; full: boolean }
  | { kind: 'opaque' };
