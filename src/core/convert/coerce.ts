import type { RowErrorCode } from '../types';
import type { DatePart } from './dateParts';
import { type CompiledDatePattern, compileDatePattern, datePatternReader, defaultDatePatterns, formatIsoDate, formatIsoDateTime } from './dates';
import { INTEGER_RANGE, isIntegerType } from './scalar';

export type Coerced = { ok: true; value: string | number | boolean } | { ok: false; code: RowErrorCode; message: string };
/** A converter chosen once per mapping entry, then called once per cell. */
export type Converter = (text: string) => Coerced;
/**
 * The same conversion without a result object: the value, or `undefined` when the text does
 * not convert. The hot path calls this once per cell and asks `convert` why only on failure.
 */
export type Reader = (text: string) => string | number | boolean | undefined;

const TRUE_WORDS = new Set(['y', 'yes', 'on', 'true']);
const FALSE_WORDS = new Set(['n', 'no', 'off', 'false']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * How one column's text is read into its field: the reading a user confirmed or the profile
 * inferred, stored with the mapping entry (`settings`). Every converter takes the whole object,
 * so a new kind of reading is added here and in the converters, not in every caller.
 */
export interface ReadingSettings {
  /** Java date pattern for reading this source into a date or date-time field. */
  dateFormat?: string;
}

/**
 * Texts a converter gives back exactly as they are, so that a writer may copy them without
 * converting: `text` any text; `integer` a whole number written as JavaScript writes it
 * (`-12`, no `+`, no leading zero, at most 15 digits) within the type's range; `decimal` a
 * number written as JavaScript writes it (no leading or trailing zero, at most 15 significant
 * digits, no exponent); `true-false` the words `true` and `false`; `iso-date` `yyyy-MM-dd`
 * from year 1000 on; `iso-date-time` `yyyy-MM-ddTHH:mm:ssZ` or `yyyy-MM-ddTHH:mm:ss.SSSZ`
 * (milliseconds other than `000`) from year 1000 on. A converter whose reading settings change
 * what such a text means (a decimal comma, a time zone) must not claim the form.
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

export type ConverterResult =
  | {
      ok: true;
      convert: Converter;
      read: Reader;
      copies: CopyForm | null;
      dateLayout?: DateLayout;
      /**
       * A date-time converter reading `yyyy-MM-ddTHH:mm:ss[.SSS]±hh:mm` as that instant written
       * in UTC (`…Z`), as Data Prep's list does, so that a reader of bytes may convert them.
       */
      isoOffsets?: boolean;
    }
  | { ok: false; message: string };

/** Reading settings this file knows to leave the copied forms alone; any other setting withdraws them. */
const FORM_SAFE_SETTINGS = new Set(['dateFormat']);
const plainSettings = (opts: ReadingSettings): boolean => Object.keys(opts).every((k) => FORM_SAFE_SETTINGS.has(k));

/** A converter from a reader and an explanation of its failures. */
function converter(read: Reader, why: (text: string) => { code: RowErrorCode; message: string }, copies: CopyForm | null): ConverterResult {
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

/**
 * Chooses the converter for a destination type, the way Data Prep converts strings: booleans
 * from y/yes/on/true and n/no/off/false in any case; integers with the range of their width;
 * numbers; dates from an explicit pattern or Data Prep's ordered list, written as ISO 8601;
 * strings exactly as they are (leading zeros kept).
 */
export function converterFor(type: string, opts: ReadingSettings = {}): ConverterResult {
  const plain = plainSettings(opts);
  if (type === 'string') return { ok: true, read: identity, convert: (t) => ({ ok: true, value: t }), copies: plain ? 'text' : null };
  if (type === 'boolean')
    return converter(
      (t) => {
        const w = t.trim().toLowerCase();
        return TRUE_WORDS.has(w) ? true : FALSE_WORDS.has(w) ? false : undefined;
      },
      (t) => ({ code: 'TYPE_BOOLEAN', message: `"${t}" is not a boolean (expected y, yes, on, true, n, no, off or false)` }),
      plain ? 'true-false' : null,
    );
  if (isIntegerType(type)) {
    const [min, max] = INTEGER_RANGE[type]!;
    const parse = (t: string): number => {
      const s = t.trim();
      return NUMBER.test(s) ? Number(s) : Number.NaN;
    };
    return converter(
      (t) => {
        const n = parse(t);
        return Number.isInteger(n) && n >= min && n <= max ? (n === 0 ? 0 : n) : undefined;
      },
      (t) =>
        Number.isInteger(parse(t))
          ? { code: 'TYPE_INTEGER_RANGE', message: `${t.trim()} is outside the range of ${type} (${min} to ${max})` }
          : { code: 'TYPE_INTEGER', message: `"${t}" is not a whole number` },
      plain ? 'integer' : null,
    );
  }
  if (type === 'number')
    return converter(
      (t) => {
        const s = t.trim();
        const n = NUMBER.test(s) ? Number(s) : Number.NaN;
        return Number.isFinite(n) ? (n === 0 ? 0 : n) : undefined;
      },
      (t) => ({ code: 'TYPE_NUMBER', message: `"${t}" is not a number` }),
      plain ? 'decimal' : null,
    );
  if (type === 'date' || type === 'date-time') {
    let patterns: readonly CompiledDatePattern[];
    if (opts.dateFormat) {
      const r = compileDatePattern(opts.dateFormat);
      if (!r.ok) return { ok: false, message: r.message };
      patterns = [r.value];
    } else patterns = defaultDatePatterns();
    const format = type === 'date' ? formatIsoDate : formatIsoDateTime;
    const readParts = datePatternReader(patterns);
    const code: RowErrorCode = type === 'date' ? 'TYPE_DATE' : 'TYPE_DATETIME';
    const expected = opts.dateFormat ? `the format ${opts.dateFormat}` : "any of Data Prep's date formats";
    const result = converter(
      remembered((t) => {
        const parts = readParts(t.trim());
        return parts ? format(parts) : undefined;
      }),
      (t) => ({ code, message: `"${t}" does not match ${expected}` }),
      // ISO text reads as itself under the default patterns (property-tested against `read`).
      plain && !opts.dateFormat ? (type === 'date' ? 'iso-date' : 'iso-date-time') : null,
    );
    const fixed = opts.dateFormat && plain ? patterns[0]!.fixedParts : null;
    if (fixed && result.ok) return { ...result, dateLayout: { parts: fixed, output: type } };
    return plain && !opts.dateFormat && type === 'date-time' && result.ok ? { ...result, isoOffsets: true } : result;
  }
  return { ok: false, message: `fields of type ${type} cannot take a single CSV value` };
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
