import type { RowErrorCode } from '../types';
import type { DatePart } from './dateParts';
import { type CompiledDatePattern, compileDatePattern, datePatternReader, defaultDatePatterns, formatIsoDate, formatIsoDateTime, isoInstant } from './dates';
import { DATA_PREP_FALSE_WORDS, DATA_PREP_TRUE_WORDS, flagKeys, flagReader } from './flags';
import { DATE_LANGUAGES, type DateLanguage } from './monthNames';
import { type DecimalSeparator, describeNumberFormat, type NumberFormat, numberReader, type ThousandsSeparator } from './numbers';
import { INTEGER_RANGE, isIntegerType } from './scalar';
import { isZone } from './zones';

export type Coerced = { ok: true; value: string | number | boolean } | { ok: false; code: RowErrorCode; message: string };
/** A converter chosen once per mapping entry, then called once per cell. */
export type Converter = (text: string) => Coerced;
/**
 * The same conversion without a result object: the value, or `undefined` when the text does
 * not convert. The hot path calls this once per cell and asks `convert` why only on failure.
 */
export type Reader = (text: string) => string | number | boolean | undefined;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * How one column's text is read into its field: the reading a user confirmed or the profile
 * inferred, stored with the mapping entry (`settings`). Every converter takes the whole object,
 * so a new kind of reading is added here and in the converters, not in every caller. Each
 * setting applies to the field types it names and is ignored by the others.
 */
export interface ReadingSettings {
  /** Dates: the Java pattern the text is written in (`dd/MM/yyyy`, `yyyy-MM-dd HH:mm:ss Z`). */
  dateFormat?: string;
  /** Dates: the language of month and day names in `dateFormat` (`Mär`, `mars`); without it, Java's English. */
  dateLanguage?: DateLanguage;
  /** Dates: two-digit years fall in the hundred years from this one (1926: `85` is 1985); without it, 2000-2099. */
  twoDigitYearStart?: number;
  /** Date-times: the zone of texts that carry no offset (`Europe/Paris`, `-05:00`); without it, UTC. */
  timeZone?: string;
  /** Dates: the text is a Unix time, in seconds or milliseconds since 1970 (instead of `dateFormat`). */
  epoch?: 'seconds' | 'milliseconds';
  /** Numbers: the decimal separator (`,` in `1.234,56`); without it, `.`. */
  decimalSeparator?: DecimalSeparator;
  /** Numbers: the thousands separator (`.` `,` space `'`, or `""` for none); without it, none. */
  thousandsSeparator?: ThousandsSeparator;
  /** Numbers: a currency symbol or code written with the amount (`€`, `USD`), which is dropped. */
  currency?: string;
  /** Numbers: values may end with `%`, read as written (`19%` is 19). */
  percent?: boolean;
  /** Booleans: the words that mean true (any case); without them, Data Prep's `y yes on true`. */
  trueWords?: string[];
  /** Booleans: the words that mean false; `""` reads a blank cell as false. Without them, `n no off false`. */
  falseWords?: string[];
}

/**
 * Which settings each kind of field reads: a reading is complete for its field when it states
 * what the column needs, and the rest of a column's settings do not matter to it.
 */
export const SETTINGS_FOR: Record<'date' | 'number' | 'boolean', readonly (keyof ReadingSettings)[]> = {
  date: ['dateFormat', 'dateLanguage', 'twoDigitYearStart', 'timeZone', 'epoch'],
  number: ['decimalSeparator', 'thousandsSeparator', 'currency', 'percent'],
  boolean: ['trueWords', 'falseWords'],
};

/**
 * What is wrong with a set of settings, per setting: a pattern that does not compile, an
 * unknown zone, a separator used for two things, a word that means both true and false.
 */
export function checkReadingSettings(s: ReadingSettings): { key: keyof ReadingSettings; message: string }[] {
  const out: { key: keyof ReadingSettings; message: string }[] = [];
  if (s.dateFormat) {
    const r = compileDatePattern(s.dateFormat, { language: s.dateLanguage, twoDigitYearStart: s.twoDigitYearStart });
    if (!r.ok) out.push({ key: 'dateFormat', message: r.message });
  }
  if (s.dateFormat && s.epoch) out.push({ key: 'epoch', message: 'a Unix time has no date format: state dateFormat or epoch, not both' });
  if (s.timeZone !== undefined && !isZone(s.timeZone))
    out.push({ key: 'timeZone', message: `unknown time zone "${s.timeZone}" (use an IANA name such as Europe/Paris, UTC, or an offset such as +02:00)` });
  if (s.thousandsSeparator && s.thousandsSeparator === (s.decimalSeparator ?? '.'))
    out.push({ key: 'thousandsSeparator', message: `"${s.thousandsSeparator}" cannot separate both thousands and decimals` });
  if (s.trueWords?.some((w) => w.trim() === '')) out.push({ key: 'trueWords', message: 'a blank cell can only mean false (an empty word in falseWords)' });
  const falseKeys = new Set((s.falseWords ?? []).map((w) => w.trim().toLowerCase()));
  const both = (s.trueWords ?? []).filter((w) => falseKeys.has(w.trim().toLowerCase()));
  if (both.length) out.push({ key: 'falseWords', message: `"${both[0]}" cannot mean both true and false` });
  return out;
}

/**
 * Texts a converter gives back exactly as they are, so that a writer may copy them without
 * converting: `text` any text; `integer` a whole number written as JavaScript writes it
 * (`-12`, no `+`, no leading zero, at most 15 digits) within the type's range; `decimal` a
 * number written as JavaScript writes it (no leading or trailing zero, at most 15 significant
 * digits, no exponent); `true-false` the words `true` and `false`; `iso-date` `yyyy-MM-dd`
 * from year 1000 on; `iso-date-time` `yyyy-MM-ddTHH:mm:ssZ` or `yyyy-MM-ddTHH:mm:ss.SSSZ`
 * (milliseconds other than `000`) from year 1000 on. A converter whose reading changes what
 * such a text means (a decimal comma: `1.234` is 1234; flag words without `true`; Unix time)
 * does not claim the form.
 */
export type CopyForm = 'text' | 'integer' | 'decimal' | 'true-false' | 'iso-date' | 'iso-date-time';

/**
 * A date converter with one stated pattern of fixed-width numbers and literals: the pattern's
 * pieces and what a valid text becomes (ISO `yyyy-MM-dd`, or `yyyy-MM-ddTHH:mm:ssZ` read as
 * UTC), so that a reader of bytes can be compiled for it.
 */
export interface DateLayout {
  parts: readonly DatePart[];
  output: 'date' | 'date-time';
}

/** A date converter's patterns in the order it tries them, and what it writes. */
export interface DateList {
  patterns: readonly CompiledDatePattern[];
  output: 'date' | 'date-time';
  /** The stated zone of texts that carry none (`timeZone`), else UTC. */
  zone?: string;
}

export type ConverterResult =
  | {
      ok: true;
      convert: Converter;
      read: Reader;
      copies: CopyForm | null;
      /** True when an empty cell has a value of its own under this reading (a blank flag is false). */
      readsEmpty?: boolean;
      dateLayout?: DateLayout;
      /**
       * A date-time converter reading `yyyy-MM-ddTHH:mm:ss[.SSS]±hh:mm` as that instant written
       * in UTC (`…Z`), as Data Prep's list does, so that a reader of bytes may convert them.
       */
      isoOffsets?: boolean;
      /** A flag reading's words: each word's key (trimmed, lower case) and the flag it reads as. */
      flagKeys?: ReadonlyMap<string, boolean>;
      /** A date converter's patterns, tried in order, when it reads texts without a zone: a reader of bytes may follow them. */
      dateList?: DateList;
      /** A number or integer converter's stated format, so that a reader of bytes may follow it. */
      numberFormat?: NumberFormat;
      /** A date converter reading Unix times: their unit and what it writes, so that a reader of bytes may read them. */
      epoch?: { unit: 'seconds' | 'milliseconds'; output: 'date' | 'date-time' };
    }
  | { ok: false; message: string };

/** A converter from a reader and an explanation of its failures. */
function converter(read: Reader, why: (text: string) => { code: RowErrorCode; message: string }, copies: CopyForm | null): ConverterResult & { ok: true } {
  return {
    ok: true,
    read,
    copies,
    convert: (t) => {
      const value = read(t);
      return value === undefined ? { ok: false, ...why(t) } : { ok: true, value };
    },
  };
}

const identity: Reader = (t) => t;

/** A number converter with the format its settings state, when they state one. */
function withFormat(c: ConverterResult & { ok: true }, s: ReadingSettings): ConverterResult {
  const f = numberFormatOf(s);
  return f ? { ...c, numberFormat: f } : c;
}

/** The number format the settings state, or null when they state none (plain `1234.5`). */
export function numberFormatOf(s: ReadingSettings): NumberFormat | null {
  if (!s.decimalSeparator && !s.thousandsSeparator && !s.currency && !s.percent) return null;
  return { decimalSeparator: s.decimalSeparator ?? '.', thousandsSeparator: s.thousandsSeparator ?? '', currency: s.currency, percent: s.percent };
}

/** A reader of numbers: the stated format, or Data Prep's plain decimals with an exponent. */
function numbers(s: ReadingSettings): { read: (t: string) => number | undefined; expected: string } {
  const f = numberFormatOf(s);
  if (f) return { read: numberReader(f), expected: ` written as ${describeNumberFormat(f)}` };
  return {
    read: (t) => {
      const x = t.trim();
      if (!NUMBER.test(x)) return undefined;
      const n = Number(x);
      return Number.isFinite(n) ? (n === 0 ? 0 : n) : undefined;
    },
    expected: '',
  };
}

/**
 * Chooses the converter for a destination type and a column's reading, the way Data Prep
 * converts strings: booleans from y/yes/on/true and n/no/off/false in any case (or the stated
 * words); integers with the range of their width; numbers (plain, or in the stated format);
 * dates from the stated pattern, Unix time, or Data Prep's ordered list, written as ISO 8601;
 * strings exactly as they are (leading zeros kept).
 */
export function converterFor(type: string, opts: ReadingSettings = {}): ConverterResult {
  if (type === 'string') return { ok: true, copies: 'text', read: identity, convert: (t) => ({ ok: true, value: t }) };
  if (type === 'boolean') {
    const read = flagReader(opts.trueWords, opts.falseWords);
    const words = opts.trueWords || opts.falseWords;
    const list = words
      ? [...(opts.trueWords ?? DATA_PREP_TRUE_WORDS), ...(opts.falseWords ?? DATA_PREP_FALSE_WORDS)].map((w) => (w === '' ? 'a blank cell' : w)).join(', ')
      : 'y, yes, on, true, n, no, off or false';
    const c = converter(
      read,
      (t) => ({ code: 'TYPE_BOOLEAN', message: `"${t}" is not a boolean (expected ${list})` }),
      read('true') === true && read('false') === false ? 'true-false' : null,
    );
    const flags = { ...c, flagKeys: flagKeys(opts.trueWords, opts.falseWords) };
    return (opts.falseWords ?? []).includes('') ? { ...flags, readsEmpty: true } : flags;
  }
  if (isIntegerType(type)) {
    const [min, max] = INTEGER_RANGE[type]!;
    const { read: parse, expected } = numbers(opts);
    const c = converter(
      (t) => {
        const n = parse(t);
        return n !== undefined && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
      },
      (t) => {
        const n = parse(t);
        return n !== undefined && Number.isInteger(n)
          ? { code: 'TYPE_INTEGER_RANGE', message: `${t.trim()} is outside the range of ${type} (${min} to ${max})` }
          : { code: 'TYPE_INTEGER', message: `"${t}" is not a whole number${expected}` };
      },
      numberFormatOf(opts) ? null : 'integer',
    );
    return withFormat(c, opts);
  }
  if (type === 'number') {
    const { read, expected } = numbers(opts);
    return withFormat(
      converter(read, (t) => ({ code: 'TYPE_NUMBER', message: `"${t}" is not a number${expected}` }), numberFormatOf(opts) ? null : 'decimal'),
      opts,
    );
  }
  if (type === 'date' || type === 'date-time') return dateConverter(type, opts);
  return { ok: false, message: `fields of type ${type} cannot take a single CSV value` };
}

/** Dates and date-times: Unix time, a stated pattern (in a language), or Data Prep's list; a zone for zone-less texts. */
function dateConverter(type: 'date' | 'date-time', opts: ReadingSettings): ConverterResult {
  const code: RowErrorCode = type === 'date' ? 'TYPE_DATE' : 'TYPE_DATETIME';
  const zone = opts.timeZone;
  if (zone !== undefined && !isZone(zone))
    return { ok: false, message: `unknown time zone "${zone}" (use an IANA name such as Europe/Paris, UTC, or an offset such as +02:00)` };
  if (opts.dateLanguage !== undefined && !DATE_LANGUAGES.includes(opts.dateLanguage))
    return { ok: false, message: `unknown date language "${opts.dateLanguage}" (one of ${DATE_LANGUAGES.join(', ')})` };
  if (opts.epoch) {
    const factor = opts.epoch === 'seconds' ? 1000 : 1;
    const epoch = { unit: opts.epoch, output: type };
    const c = converter(
      (t) => {
        const x = t.trim();
        if (!NUMBER.test(x)) return undefined;
        const ms = Number(x) * factor;
        if (!(Math.abs(ms) <= 8.64e15)) return undefined;
        const iso = isoInstant(ms);
        return type === 'date' ? iso.slice(0, 10) : iso;
      },
      (t) => ({ code, message: `"${t}" is not a Unix time in ${opts.epoch}` }),
      null,
    );
    return { ...c, epoch };
  }
  let patterns: readonly CompiledDatePattern[];
  if (opts.dateFormat) {
    const r = compileDatePattern(opts.dateFormat, { language: opts.dateLanguage, twoDigitYearStart: opts.twoDigitYearStart });
    if (!r.ok) return { ok: false, message: r.message };
    patterns = [r.value];
  } else patterns = defaultDatePatterns();
  const readParts = datePatternReader(patterns);
  const expected = opts.dateFormat ? `the format ${opts.dateFormat}` : "any of Data Prep's date formats";
  const result = converter(
    remembered((t) => {
      const parts = readParts(t.trim());
      if (!parts) return undefined;
      return (type === 'date' ? formatIsoDate(parts) : formatIsoDateTime(parts, zone)) ?? undefined;
    }),
    (t) => ({ code, message: `"${t}" does not match ${expected}` }),
    // ISO text reads as itself under Data Prep's list (property-tested against `read`). The
    // byte writer's forms are claimed only for the plain reading: a stated zone is left to `read`.
    zone !== undefined
      ? null
      : !opts.dateFormat
        ? type === 'date'
          ? 'iso-date'
          : 'iso-date-time'
        : // A stated `yyyy-MM-dd` reads an ISO date as itself, as the list does.
          type === 'date' && opts.dateFormat === 'yyyy-MM-dd'
          ? 'iso-date'
          : null,
  );
  // A stated pattern of fixed-width numbers, read as UTC: a reader of bytes may take it.
  const fixed = opts.dateFormat && zone === undefined ? patterns[0]!.fixedParts : null;
  if (fixed) return { ...result, dateLayout: { parts: fixed, output: type } };
  if (zone !== undefined) return { ...result, dateList: { patterns, output: type, zone } };
  const listed = { ...result, dateList: { patterns, output: type } };
  return !opts.dateFormat && type === 'date-time' ? { ...listed, isoOffsets: true } : listed;
}

/** Texts remembered per column before the memory starts over. */
const REMEMBERED = 4096;

/**
 * A date column repeats its values (a day, a birth date): reading one means trying patterns
 * and formatting, so the last few thousand texts are remembered. A column whose values hardly
 * repeat (timestamps to the second) stops remembering after its first few thousand cells.
 */
function remembered(read: Reader): Reader {
  let memory: Map<string, string | number | boolean | undefined> | null = new Map();
  let lookups = 0;
  let hits = 0;
  return (t) => {
    if (!memory) return read(t);
    lookups++;
    const known = memory.get(t);
    if (known !== undefined || memory.has(t)) {
      hits++;
      return known;
    }
    const v = read(t);
    if (memory.size >= REMEMBERED) {
      // Fewer than one cell in ten was a repeat: remembering costs more than it saves.
      if (hits * 10 < lookups) memory = null;
      else memory.clear();
    }
    memory?.set(t, v);
    return v;
  };
}
