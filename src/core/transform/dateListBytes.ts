import type { DateByteItem, DatePartName } from '../convert/dateParts';
import { type CompiledDatePattern, EN_DAYS, EN_MONTHS } from '../convert/datePattern';
import { daysInMonth, ZONES } from '../convert/dates';
import { hourOffsets } from '../convert/zones';
import { writeDate, writeDateTime } from './dateTexts';

/**
 * Reads a cell's bytes as a date under an ordered list of patterns (Data Prep's own list, or a
 * stated pattern of varying width such as `M/d/yyyy`) and writes the ISO text the converter
 * would write, quoted, at `o`; returns the new end, or -1 when the bytes cannot decide it.
 */
export type DateListBytes = (src: Uint8Array, s: number, e: number, out: Uint8Array, o: number) => number;

const PART: Record<DatePartName, number> = { year: 0, month: 1, day: 2, hour: 3, minute: 4, second: 5 };
const MILLIS = 6;
const LITERAL = 0;
const NUMBER = 1;
const THREE = 2;
const OFFSET = 3;
const AMPM = 4;
const NAME = 5;
const FRACTION = 6;
const ZONE = 7;
/** Digits of a fraction of the second this reader writes: the scratch room holds a date-time with nine. */
const MAX_FRACTION = 9;

interface Item {
  kind: typeof LITERAL | typeof NUMBER | typeof THREE | typeof OFFSET | typeof AMPM | typeof NAME | typeof FRACTION | typeof ZONE;
  bytes: Uint8Array;
  part: number;
  min: number;
  max: number;
  /** Offset shapes: `Z` alone, `±hh`, `±hhmm` / `±hh:mm`. */
  zulu: boolean;
  hoursOnly: boolean;
  /** An hour of a 12-hour clock (`h` 1 to 12, `K` 0 to 11), or none. */
  twelve: '' | 'h' | 'K';
  /** A two-digit year: the first year of its hundred, or -1. */
  yearStart: number;
  /** A month name: only the whole name (`MMMM`), and whether the next piece starts with a `.`. */
  full: boolean;
  dotNext: boolean;
  /** A day name (checked, no value), not a month's. */
  day: boolean;
}

interface Pattern {
  items: Item[];
  /** A day name, a month name in a stated language or a zone name: it needs a letter in the text. */
  words: boolean;
  /** A piece this reader does not follow (`k` hours, a name next to a letter, …): the pattern itself decides. */
  undecided: boolean;
  min: number;
  max: number;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Whether a run of letters (a name, a zone) is read right as the whole run before this piece:
 * only when it cannot start with a letter. Pieces known to start with a digit, or a literal
 * without a letter first, are safe; any other (a kind added later too) is left to the pattern.
 */
const endsLetters = (next: DateByteItem | undefined): boolean =>
  next === undefined ||
  next.kind === 'number' ||
  next.kind === 'hour12' ||
  next.kind === 'year2' ||
  next.kind === 'millis' ||
  next.kind === 'fraction' ||
  (next.kind === 'literal' && !/^[A-Za-z]/.test(next.text));

/** One pattern's pieces, or how it must be treated when they cannot all be read from bytes. */
function compile(items: readonly DateByteItem[]): Pattern {
  const out: Item[] = [];
  let words = false;
  let undecided = false;
  let min = 0;
  let max = 0;
  const base = {
    bytes: new Uint8Array(0),
    part: 0,
    min: 0,
    max: 0,
    zulu: false,
    hoursOnly: false,
    twelve: '' as const,
    yearStart: -1,
    full: false,
    dotNext: false,
    day: false,
  };
  items.forEach((it, i) => {
    if (it.kind === 'word') words = true;
    else if (it.kind === 'opaque') undecided = true;
    else if (it.kind === 'literal') {
      if ([...it.text].some((ch) => ch.charCodeAt(0) >= 0x80)) undecided = true;
      const bytes = Uint8Array.from(it.text, (c) => c.charCodeAt(0) & 0x7f);
      out.push({ ...base, kind: LITERAL, bytes });
      min += bytes.length;
      max += bytes.length;
    } else if (it.kind === 'number' || it.kind === 'hour12') {
      // A number of varying width is read as the whole run of digits: right only when what
      // follows cannot start with a digit (the regex could otherwise split the run elsewhere).
      // Pieces known not to start with a digit; any other (a kind added later too) counts as one that may.
      const next = items[i + 1];
      const digitNext = !(
        next === undefined ||
        next.kind === 'word' ||
        next.kind === 'month' ||
        next.kind === 'day' ||
        next.kind === 'zone' ||
        next.kind === 'ampm' ||
        next.kind === 'offset' ||
        (next.kind === 'literal' && !isDigit(next.text.charCodeAt(0)))
      );
      if (it.min !== it.max && digitNext) undecided = true;
      const twelve = it.kind === 'hour12' ? it.letter : '';
      out.push({ ...base, kind: NUMBER, part: it.kind === 'hour12' ? PART.hour : PART[it.part], min: it.min, max: it.max, twelve });
      min += it.min;
      max += it.max;
    } else if (it.kind === 'month' || it.kind === 'day') {
      // The name is the run of letters up to the next piece.
      const next = items[i + 1];
      if (!endsLetters(next)) undecided = true;
      const day = it.kind === 'day';
      out.push({ ...base, kind: NAME, min: 3, max: day ? 9 : 10, full: it.full, day, dotNext: !day && next?.kind === 'literal' && next.text.startsWith('.') });
      min += 3;
      max += day ? 9 : 10;
    } else if (it.kind === 'year2') {
      // Settings checks keep the start within 1000 to 9899; any other start is the converter's to write.
      if (!Number.isInteger(it.start) || it.start < 1000 || it.start > 9899) undecided = true;
      out.push({ ...base, kind: NUMBER, part: PART.year, min: 2, max: 2, yearStart: it.start });
      min += 2;
      max += 2;
    } else if (it.kind === 'ampm') {
      out.push({ ...base, kind: AMPM, min: 2, max: 2 });
      min += 2;
      max += 2;
    } else if (it.kind === 'millis') {
      out.push({ ...base, kind: THREE, part: MILLIS, min: 3, max: 3 });
      min += 3;
      max += 3;
    } else if (it.kind === 'zone') {
      // The regex's run of one to five letters, read as the whole run, as for a name.
      if (!endsLetters(items[i + 1])) undecided = true;
      out.push({ ...base, kind: ZONE, min: 1, max: 5 });
      min += 1;
      max += 5;
    } else if (it.kind === 'fraction') {
      if (it.digits > MAX_FRACTION) undecided = true;
      out.push({ ...base, kind: FRACTION, part: MILLIS, min: it.digits, max: it.digits });
      min += it.digits;
      max += it.digits;
    } else {
      // An offset is read to the end of the text only.
      if (i !== items.length - 1) undecided = true;
      out.push({ ...base, kind: OFFSET, zulu: it.letter !== 'x', hoursOnly: it.letter !== 'Z' });
      min += 1;
      max += 6;
    }
  });
  return { items: out, words, undecided, min, max };
}

/**
 * The reader for `patterns`, tried in order as the converter tries them: a pattern whose
 * pieces do not fit the bytes is passed over, the first that fits and gives a valid date wins.
 * A text with space at either end, a text no pattern fits, and a list that reaches a pattern
 * this reader cannot follow (one with a name, when the text has a letter) are left to the
 * converter. Generated once per list (with `new Function`, as the direct writer is): read
 * piece by piece from an interpreted list, a date took 400 ns; generated, each pattern is a
 * few comparisons.
 */
export function dateListBytes(patterns: readonly CompiledDatePattern[], output: 'date' | 'date-time', zone?: string): DateListBytes | null {
  const list = patterns.map((p) => compile(p.byteItems));
  // Offered only when some pattern can be written before one the bytes cannot follow.
  const first = list.findIndex((p) => !p.words && !p.undecided);
  const stop = list.findIndex((p) => p.undecided && !p.words);
  if (first < 0 || (stop >= 0 && stop < first)) return null;
  const lines: string[] = [];
  const add = (l: string) => lines.push(l);
  add('const n = e - s;');
  add('if (n === 0 || n > 64) return -1;');
  // What trim() would take away: such a text is left to the converter.
  add('let c = src[s]; if (c === 32 || (c >= 9 && c <= 13)) return -1;');
  add('c = src[e - 1]; if (c === 32 || (c >= 9 && c <= 13)) return -1;');
  if (list.some((p) => p.words)) {
    // A name needs a letter; a byte past ASCII may be one.
    add('let letters = false;');
    // Most dates are digits and separators, all below 0x40: one pass of ORs tells so, and only
    // a text with a byte from 0x40 on is looked at byte by byte (a third of a date's read).
    add('{ let a = 0; for (let i = s; i < e; i++) a |= src[i];');
    add('  if (a >= 64) for (let i = s; i < e; i++) { const l = src[i] | 32; if (l >= 97 && l <= 122 || l >= 128) { letters = true; break; } } }');
  }
  add('let y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, ms = 0, off = 0, at = 0, x = 0, k = 0, q = 0, pm = false, fs = 0, fe = 0;');
  const NAMES = ['y', 'mo', 'd', 'h', 'mi', 'se', 'ms'];
  const DEFAULTS = ['1970', '1', '1', '0', '0', '0', '0'];
  for (const [i, p] of list.entries()) {
    if (p.words) {
      add('if (letters) return -1;');
      continue;
    }
    if (p.undecided) {
      add('return -1;');
      break;
    }
    const label = `P${i}`;
    const fail = `break ${label};`;
    // The literals at a fixed place (before any piece of varying width) are compared first: most
    // patterns of the list are told apart by a separator, before any digit is read.
    const guards: string[] = [];
    let offset = 0;
    for (const it of p.items) {
      if (it.kind === LITERAL) for (const [j, c] of it.bytes.entries()) guards.push(`src[s + ${offset + j}] === ${c}`);
      else if (it.kind === OFFSET || it.min !== it.max) break;
      offset += it.kind === LITERAL ? it.bytes.length : it.min;
    }
    add(`${label}: if (n >= ${p.min} && n <= ${p.max}${guards.length ? ` && ${guards.join(' && ')}` : ''}) {`);
    const set = new Set(p.items.filter((it) => it.kind === NUMBER || it.kind === THREE || it.kind === FRACTION).map((it) => it.part));
    const defaults = NAMES.map((v, j) => (set.has(j) ? '' : `${v} = ${DEFAULTS[j]};`)).join(' ');
    const ampm = p.items.some((it) => it.kind === AMPM);
    add(`  ${defaults} off = 0; at = s;${ampm ? ' pm = false;' : ''}${p.items.some((it) => it.kind === FRACTION) ? ' fs = 0; fe = 0;' : ''}`);
    for (const it of p.items) {
      if (it.kind === LITERAL) {
        const b = [...it.bytes];
        if (!b.length) continue;
        add(`  if (at + ${b.length} > e || ${b.map((c, j) => `src[at + ${j}] !== ${c}`).join(' || ')}) ${fail} at += ${b.length};`);
      } else if (it.kind === NUMBER || it.kind === THREE) {
        const v = NAMES[it.part]!;
        if (it.min === it.max) {
          add(`  if (at + ${it.min} > e) ${fail} x = 0;`);
          for (let j = 0; j < it.min; j++) add(`  q = src[at + ${j}] - 48; if (q < 0 || q > 9) ${fail} x = x * 10 + q;`);
          add(`  at += ${it.min}; ${v} = x;`);
        } else {
          add(`  x = 0; k = at; while (k < e && k - at <= ${it.max}) { q = src[k] - 48; if (q < 0 || q > 9) break; x = x * 10 + q; k++; }`);
          add(`  if (k - at < ${it.min} || k - at > ${it.max}) ${fail} at = k; ${v} = x;`);
        }
        // A two-digit year is the one of its hundred years from the stated start, as the converter reads it.
        if (it.yearStart >= 0) add(`  y = ${it.yearStart} + ((x - ${it.yearStart % 100} + 100) % 100);`);
        // The converter's 12-hour hour: 1 to 12 with 12 as 0 (`h`), or 0 to 11 (`K`).
        if (it.twelve === 'h') add(`  if (x < 1 || x > 12) ${fail} if (x === 12) h = 0;`);
        if (it.twelve === 'K') add(`  if (x > 11) ${fail}`);
      } else if (it.kind === ZONE) {
        // The letters packed (1 to 26 each, any case) and looked up among the zones the converter knows.
        add(`  x = at; k = 0; while (at < e && at - x < 6) { q = src[at] | 32; if (q < 97 || q > 122) break; k = k * 27 + q - 96; at++; }`);
        add(`  if (at - x < 1 || at - x > 5) ${fail} q = ZN.get(k); if (q === undefined) ${fail} off = q;`);
      } else if (it.kind === FRACTION) {
        // The first three digits are the milliseconds (`S` 5 is 500); those past them are written
        // after them as the text has them, trailing zeros left out, as the converter writes them.
        const lead = Math.min(it.min, 3);
        add(`  if (at + ${it.min} > e) ${fail} x = 0;`);
        for (let j = 0; j < it.min; j++) add(`  q = src[at + ${j}] - 48; if (q < 0 || q > 9) ${fail}${j < lead ? ' x = x * 10 + q;' : ''}`);
        add(`  ms = x * ${10 ** (3 - lead)};`);
        if (it.min > 3) add(`  fs = at + 3; fe = at + ${it.min}; while (fe > fs && src[fe - 1] === 48) fe--;`);
        add(`  at += ${it.min};`);
      } else if (it.kind === NAME && it.day) {
        // The regex's run of 3 to 9 ASCII letters, a day's name or its first three letters.
        add(`  x = at; while (at < e && at - x < 10) { q = src[at] | 32; if (q < 97 || q > 122) break; at++; }`);
        add(`  if (at - x < 3 || at - x > 9 || !DN(src, x, at - x, ${it.full})) ${fail}`);
      } else if (it.kind === NAME) {
        // The regex's run of 3 to 9 ASCII letters, then the `.` it may take.
        add(`  x = at; while (at < e && at - x < 10) { q = src[at] | 32; if (q < 97 || q > 122) break; at++; }`);
        add(`  if (at - x < 3 || at - x > 9) ${fail} mo = MN(src, x, at - x, ${it.full}); if (mo === 0) ${fail}`);
        // Before a `.` of the pattern, the regex takes this one only when another follows ("Sep..2019"): the converter reads that.
        if (it.dotNext) add('  if (at + 1 < e && src[at] === 46 && src[at + 1] === 46) return -1;');
        else add('  if (at < e && src[at] === 46) at++;');
      } else if (it.kind === AMPM) {
        // AM or PM in any case: the letters' bytes with the case bit set.
        add(`  if (at + 2 > e) ${fail} c = src[at] | 32; if ((c !== 97 && c !== 112) || (src[at + 1] | 32) !== 109) ${fail} pm = c === 112; at += 2;`);
      } else {
        add('  q = e - at; c = src[at];');
        add(`  if (q === 1 && c === 90) { ${it.zulu ? '' : fail} }`);
        add(
          `  else { if ((c !== 43 && c !== 45) || ${it.hoursOnly ? '' : 'q === 3 || '}(q !== 3 && q !== 5 && q !== 6) || (q === 6 && src[at + 3] !== 58)) ${fail}`,
        );
        add(`    x = src[at + 1] - 48; k = src[at + 2] - 48; if (x < 0 || x > 9 || k < 0 || k > 9) ${fail} off = (x * 10 + k) * 60;`);
        add(
          `    if (q !== 3) { const m = q === 6 ? at + 4 : at + 3; x = src[m] - 48; k = src[m + 1] - 48; if (x < 0 || x > 9 || k < 0 || k > 9) ${fail} off += x * 10 + k; }`,
        );
        add('    if (c === 45) off = -off; }');
        add('  at = e;');
      }
    }
    if (ampm) add('  if (pm) h += 12;');
    add(`  if (at !== e || mo < 1 || mo > 12 || d < 1 || d > DIM(y, mo) || h > 23 || mi > 59 || se > 59) ${fail}`);
    // A text without a zone of its own is read in the stated one: its hour's offset, unless a clock change falls in it.
    if (zone !== undefined && output === 'date-time' && !p.items.some((it) => it.kind === OFFSET || it.kind === ZONE))
      add('  off = ZO(y, mo, d, h); if (off !== off) return -1;');
    add(`  return W(y, mo, d, h, mi, se, ms, off, out, o${p.items.some((it) => it.kind === FRACTION && it.min > 3) ? ', src, fs, fe' : ', src, 0, 0'});`);
    add('}');
  }
  add('return -1;');
  const write = output === 'date' ? writeDate : writeDateTime;
  try {
    return new Function('DIM', 'W', 'MN', 'DN', 'ZN', 'ZO', `'use strict'; return function readDate(src, s, e, out, o) {\n${lines.join('\n')}\n};`)(
      daysInMonth,
      write,
      monthName,
      dayName,
      ZONE_CODES,
      zone === undefined ? null : hourOffsets(zone),
    );
  } catch {
    return null;
  }
}

/** The zone abbreviations of ZONES by their letters packed as the generated reader packs them, with their offsets. */
const ZONE_CODES = new Map<number, number>(
  Object.entries(ZONES)
    .filter(([name]) => /^[A-Z]{1,5}$/.test(name))
    .map(([name, minutes]) => [[...name].reduce((k, ch) => k * 27 + ch.charCodeAt(0) - 64, 0), minutes]),
);

const DAYS = EN_DAYS.map((d) => Uint8Array.from(d, (c) => c.charCodeAt(0)));

/** Whether the `n` letters at `src[a]` are an English day name in any case (`full`) or its first three letters. */
function dayName(src: Uint8Array, a: number, n: number, full: boolean): boolean {
  for (const name of DAYS) {
    if (full ? n !== name.length : n !== 3) continue;
    let i = 0;
    while (i < n && (src[a + i]! | 32) === name[i]) i++;
    if (i === n) return true;
  }
  return false;
}

const MONTHS = EN_MONTHS.map((m) => Uint8Array.from(m, (c) => c.charCodeAt(0)));

/**
 * The month of the `n` letters at `src[a]` as the converter reads an English name in any case:
 * `MMM` takes a name's first three letters or the whole name, `MMMM` the whole name; 0 for none.
 */
function monthName(src: Uint8Array, a: number, n: number, full: boolean): number {
  for (let m = 0; m < 12; m++) {
    const name = MONTHS[m]!;
    if (n !== name.length && (full || n !== 3)) continue;
    let i = 0;
    while (i < n && (src[a + i]! | 32) === name[i]) i++;
    if (i === n) return m + 1;
  }
  return 0;
}
