import type { Field, XdmType } from '../schema/field.types';
import { INTEGER_RANGE, isIntegerType } from '../schema/xdmType';
import type { RowErrorCode } from '../types';
import { type CompiledDatePattern, compileDatePattern, datePatternReader, defaultDatePatterns, formatIsoDate, formatIsoDateTime } from './dates';

export type Coerced = { ok: true; value: string | number | boolean } | { ok: false; code: RowErrorCode; message: string };
/** A converter chosen once per mapping entry, then called once per cell. */
export type Converter = (text: string) => Coerced;

const TRUE_WORDS = new Set(['y', 'yes', 'on', 'true']);
const FALSE_WORDS = new Set(['n', 'no', 'off', 'false']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

const fail = (code: RowErrorCode, message: string): Coerced => ({ ok: false, code, message });

export type ConverterResult = { ok: true; convert: Converter } | { ok: false; message: string };

/**
 * Chooses the converter for a destination type, the way Data Prep converts strings: booleans
 * from y/yes/on/true and n/no/off/false in any case; integers with the range of their width;
 * numbers; dates from an explicit pattern or Data Prep's ordered list, written as ISO 8601;
 * strings exactly as they are (leading zeros kept).
 */
export function converterFor(type: XdmType, opts: { dateFormat?: string } = {}): ConverterResult {
  if (type === 'string') return { ok: true, convert: (t) => ({ ok: true, value: t }) };
  if (type === 'boolean')
    return {
      ok: true,
      convert: (t) => {
        const w = t.trim().toLowerCase();
        if (TRUE_WORDS.has(w)) return { ok: true, value: true };
        if (FALSE_WORDS.has(w)) return { ok: true, value: false };
        return fail('TYPE_BOOLEAN', `"${t}" is not a boolean (expected y, yes, on, true, n, no, off or false)`);
      },
    };
  if (isIntegerType(type)) {
    const [min, max] = INTEGER_RANGE[type]!;
    return {
      ok: true,
      convert: (t) => {
        const s = t.trim();
        const n = NUMBER.test(s) ? Number(s) : Number.NaN;
        if (!Number.isInteger(n)) return fail('TYPE_INTEGER', `"${t}" is not a whole number`);
        if (n < min || n > max) return fail('TYPE_INTEGER_RANGE', `${s} is outside the range of ${type} (${min} to ${max})`);
        return { ok: true, value: n === 0 ? 0 : n };
      },
    };
  }
  if (type === 'number')
    return {
      ok: true,
      convert: (t) => {
        const s = t.trim();
        const n = NUMBER.test(s) ? Number(s) : Number.NaN;
        if (!Number.isFinite(n)) return fail('TYPE_NUMBER', `"${t}" is not a number`);
        return { ok: true, value: n === 0 ? 0 : n };
      },
    };
  if (type === 'date' || type === 'date-time') {
    let patterns: readonly CompiledDatePattern[];
    if (opts.dateFormat) {
      const r = compileDatePattern(opts.dateFormat);
      if (!r.ok) return { ok: false, message: r.message };
      patterns = [r.value];
    } else patterns = defaultDatePatterns();
    const format = type === 'date' ? formatIsoDate : formatIsoDateTime;
    const read = datePatternReader(patterns);
    const code: RowErrorCode = type === 'date' ? 'TYPE_DATE' : 'TYPE_DATETIME';
    const expected = opts.dateFormat ? `the format ${opts.dateFormat}` : "any of Data Prep's date formats";
    return {
      ok: true,
      convert: (t) => {
        const parts = read(t.trim());
        if (!parts) return fail(code, `"${t}" does not match ${expected}`);
        return { ok: true, value: format(parts) };
      },
    };
  }
  return { ok: false, message: `fields of type ${type} cannot take a single CSV value` };
}

/** The type a value is written as: an array's item type for `name[]` destinations. */
export function writeTypeOf(field: Field): XdmType {
  return field.xdmType === 'array' ? (field.itemType ?? 'string') : field.xdmType;
}
