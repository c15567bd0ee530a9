/**
 * The layout of one date text, before any column-level decision: which parts it has, in what
 * order, with which separators, widths, names, time and zone. A column's values are grouped by
 * layout (their `key`, which leaves out widths), and the dominant layout becomes Java patterns:
 * one, or one per possible order of its numbers when the layout alone cannot tell day from month.
 */

export type DateFamily = 'ymd' | 'xxy' | 'compact' | 'dmy-name' | 'mdy-name' | 'ymd-name';

export interface DateShape {
  key: string;
  family: DateFamily;
  /** Numbers of the date part in written order (for `compact`: the 8 digits as one number). */
  nums: number[];
  /** Digits of each number as written. */
  widths: number[];
  /** Pattern pieces between the parts, already quoted for Java (`/`, `. `, `' de '`). */
  seps: string[];
  /** The month name (name families) and a weekday name before the date, as written. */
  monthWord?: string;
  dayWord?: string;
  /** What follows the weekday name (`, ` or ` `). */
  daySep?: string;
  time?: { sep: string; hourWidth: number; seconds: boolean; fraction: number; ampm: string | null };
  zone?: { kind: 'X' | 'XX' | 'XXX' | 'Z' | 'z' | 'VV' | 'O'; space: string; text: string };
}

const quote = (s: string): string => (/[A-Za-z]/.test(s) ? `'${s.replace(/'/g, "''")}'` : s);
const D_SEP = '(\\.\\s*|\\s+de\\s+|\\s+|-|/)';
const M_SEP = '(,\\s*|\\.\\s*|\\s+de\\s+|\\s+|-|/)';
const NAME = '(\\p{L}{2,15}\\.?)';
const DATE_RES: { family: DateFamily; re: RegExp; named?: true }[] = [
  { family: 'ymd', re: /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/ },
  { family: 'xxy', re: /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/ },
  { family: 'compact', re: /^(\d{8})(?!\d)/ },
  { family: 'dmy-name', re: new RegExp(`^(?:${NAME}(,?\\s+))?(\\d{1,2})${D_SEP}${NAME}${M_SEP}(\\d{4}|\\d{2})(?!\\d)`, 'u'), named: true },
  { family: 'mdy-name', re: new RegExp(`^(?:${NAME}(,?\\s+))?${NAME}\\s+(\\d{1,2})(,?\\s+)(\\d{4})(?!\\d)`, 'u'), named: true },
  { family: 'ymd-name', re: new RegExp(`^(\\d{4})([-/.\\s])${NAME}\\2(\\d{1,2})(?!\\d)`, 'u'), named: true },
];
const TIME_RE = /^(T|\s+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(\s*)([AaPp][Mm]))?/;
const ZONE_RE = /^(\s*)(Z|[+-]\d{2}:\d{2}|[+-]\d{4}|[+-]\d{2}|GMT[+-]\d{1,2}(?::\d{2})?|[A-Z]{2,5}|[A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?)$/;

/** The layout of a text that looks like a date, or null. Values are checked later, by the patterns. */
export function dateShape(text: string): DateShape | null {
  const named = mayStartWithNamedDate(text);
  for (const { family, re, named: needsName } of DATE_RES) {
    if (needsName && !named) continue;
    const m = re.exec(text);
    if (!m) continue;
    const shape = datePart(family, m);
    if (!shape) continue;
    if (!tail(shape, text.slice(m[0].length))) continue;
    return shape;
  }
  return null;
}

/** Whether one of the month-name layouts matches the start of a text, the pre-check aside (for its test). */
export function startsWithNamedDate(text: string): boolean {
  return DATE_RES.some((d) => d.named && d.re.test(text));
}

/**
 * Whether a text can begin as one of the month-name layouts. Digits first: 1 to 4 digits,
 * separators, a word, a separator (`12 de mayo`, `2024-Mar-05`). A word first: the word, then
 * whitespace and a day followed by a word (`Tue, 5 Mar 2024`) or by a year (`March 5, 2024`),
 * or a second word before the day and year (`Tuesday, March 5, 2024`). A word here is 2 to 15 letters, counted in UTF-16 units (so up to 30).
 * Every text those layouts match passes (a property test holds it to that), and codes and
 * plain words (`LLMH09`, `24-UG06`, `Olivia 1/4 Zip Jacket`) fail at once: their Unicode-letter
 * patterns cost V8 ~10 ms of compiling the first time they run, a good part of a small run.
 */
export function mayStartWithNamedDate(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57) return /^\d{1,4}[-/.\s]+[^\d\s.,/-]+[-/.,\s]/.test(text);
  return /^[^\d\s,.]{2,30}\.?,?\s+(?:\d{1,2}(?:[-/.\s]+[^\d\s.,/-]|,?\s+\d{4})|[^\d\s,.]{2,30}\.?\s+\d{1,2},?\s+\d{4})/.test(text);
}

function datePart(family: DateFamily, m: RegExpExecArray): DateShape | null {
  const n = (s: string) => Number(s);
  switch (family) {
    case 'ymd':
    case 'xxy':
      return { key: '', family, nums: [n(m[1]!), n(m[3]!), n(m[4]!)], widths: [m[1]!.length, m[3]!.length, m[4]!.length], seps: [m[2]!, m[2]!] };
    case 'compact':
      return { key: '', family, nums: [n(m[1]!)], widths: [8], seps: [] };
    case 'dmy-name':
      return {
        key: '',
        family,
        nums: [n(m[3]!), n(m[7]!)],
        widths: [m[3]!.length, m[7]!.length],
        seps: [quote(m[4]!), quote(m[6]!)],
        monthWord: m[5]!,
        dayWord: m[1],
        daySep: m[2],
      };
    case 'mdy-name':
      return {
        key: '',
        family,
        nums: [n(m[4]!), n(m[6]!)],
        widths: [m[4]!.length, m[6]!.length],
        seps: [' ', m[5]!],
        monthWord: m[3]!,
        dayWord: m[1],
        daySep: m[2],
      };
    case 'ymd-name':
      return { key: '', family, nums: [n(m[1]!), n(m[4]!)], widths: [4, m[4]!.length], seps: [quote(m[2]!), quote(m[2]!)], monthWord: m[3]! };
  }
}

/** Reads the time and zone after the date part; false when something else follows. */
function tail(shape: DateShape, rest: string): boolean {
  let r = rest;
  const t = TIME_RE.exec(r);
  if (t) {
    shape.time = {
      sep: t[1] === 'T' ? "'T'" : t[1]!,
      hourWidth: t[2]!.length,
      seconds: t[4] !== undefined,
      fraction: t[5]?.length ?? 0,
      ampm: t[7] ? (t[6] ?? '') : null,
    };
    r = r.slice(t[0].length);
  }
  if (r) {
    if (!shape.time && shape.family !== 'compact') return false;
    const z = ZONE_RE.exec(r);
    if (!z) return false;
    const text = z[2]!;
    const kind =
      text === 'Z'
        ? 'X'
        : /^[+-]\d{2}:\d{2}$/.test(text)
          ? 'XXX'
          : /^[+-]\d{4}$/.test(text)
            ? 'Z'
            : /^[+-]\d{2}$/.test(text)
              ? 'X'
              : text.startsWith('GMT') && text.length > 3
                ? 'O'
                : text.includes('/')
                  ? 'VV'
                  : 'z';
    shape.zone = { kind, space: z[1]!, text };
  }
  const time = shape.time;
  shape.key = [
    shape.family,
    shape.seps.join('|'),
    shape.dayWord === undefined ? '' : `E${shape.daySep}`,
    time ? `${time.sep}${time.seconds ? 's' : ''}${time.fraction ? `.${time.fraction}` : ''}${time.ampm === null ? '' : `a${time.ampm}`}` : '',
    shape.zone ? `${shape.zone.space}${shape.zone.kind === 'XXX' || shape.zone.kind === 'Z' || shape.zone.kind === 'X' ? '±' : shape.zone.kind}` : '',
  ].join(';');
  return true;
}

/** The zone letters for a column's offsets: `XXX` when any is `+02:00`, `Z` for `-0700` alone, `XX` with `Z` among them. */
export function offsetLetters(kinds: ReadonlySet<string>): string {
  if (kinds.has('XXX')) return 'XXX';
  if (kinds.has('Z')) return kinds.has('X') ? 'XX' : 'Z';
  return 'X';
}

/** Java pattern letters for a number part: doubled when every value writes it with two digits. */
export const letters = (ch: string, minWidth: number): string => (minWidth >= 2 ? ch + ch : ch);
