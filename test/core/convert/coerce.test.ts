import { describe, expect, it } from 'vitest';
import { type Coerced, converterFor } from '../../../src/core/convert/coerce';
import type { XdmType } from '../../../src/core/schema/field.types';

const conv = (t: XdmType, opts = {}) => {
  const r = converterFor(t, opts);
  if (!r.ok) throw new Error(r.message);
  return r.convert;
};
const value = (c: Coerced) => (c.ok ? c.value : c.code);

describe('converters, as Data Prep converts strings', () => {
  it('reads booleans from y/yes/on/true and n/no/off/false in any case', () => {
    const b = conv('boolean');
    expect(['y', 'YES', 'On', 'true', ' TRUE '].map((s) => value(b(s)))).toEqual([true, true, true, true, true]);
    expect(['n', 'No', 'OFF', 'False'].map((s) => value(b(s)))).toEqual([false, false, false, false]);
    expect(['1', 'maybe', 'si'].map((s) => value(b(s)))).toEqual(['TYPE_BOOLEAN', 'TYPE_BOOLEAN', 'TYPE_BOOLEAN']);
  });

  it('checks integer widths', () => {
    expect([value(conv('byte')('127')), value(conv('byte')('128')), value(conv('short')('-32768')), value(conv('short')('40000'))]).toEqual([
      127,
      'TYPE_INTEGER_RANGE',
      -32768,
      'TYPE_INTEGER_RANGE',
    ]);
    expect([
      value(conv('int')('2147483647')),
      value(conv('int')('2147483648')),
      value(conv('long')('9007199254740991')),
      value(conv('long')('9007199254740993')),
    ]).toEqual([2147483647, 'TYPE_INTEGER_RANGE', 9007199254740991, 'TYPE_INTEGER_RANGE']);
    expect(['1.5', 'abc', '0x10', ''].map((s) => value(conv('int')(s)))).toEqual(['TYPE_INTEGER', 'TYPE_INTEGER', 'TYPE_INTEGER', 'TYPE_INTEGER']);
    expect(value(conv('long')('42.0'))).toBe(42);
  });

  it('reads numbers and refuses what is not one', () => {
    const n = conv('number');
    expect(['69', '32.5', '-0.25', '1e3', '.5'].map((s) => value(n(s)))).toEqual([69, 32.5, -0.25, 1000, 0.5]);
    expect(['$5', '1,5', 'NaN', 'Infinity'].map((s) => value(n(s)))).toEqual(['TYPE_NUMBER', 'TYPE_NUMBER', 'TYPE_NUMBER', 'TYPE_NUMBER']);
  });

  it('keeps strings exact, leading zeros and spaces included', () => {
    expect(value(conv('string')(' 00501 '))).toBe(' 00501 ');
  });

  it('writes dates and date-times as ISO 8601, with an explicit format when given', () => {
    expect(value(conv('date')('12/31/2020'))).toBe('2020-12-31');
    expect(value(conv('date-time')('2024-03-01T10:12:00Z'))).toBe('2024-03-01T10:12:00Z');
    const dmy = conv('date', { dateFormat: 'dd/MM/yyyy' });
    expect([value(dmy('31/12/2020')), value(dmy('2020-12-31'))]).toEqual(['2020-12-31', 'TYPE_DATE']);
    expect(value(conv('date-time')('not a date'))).toBe('TYPE_DATETIME');
  });

  it('remembers repeated date texts without changing a single answer', () => {
    // Thousands of distinct dates (past the memory's size), then repeats and bad ones mixed in.
    const texts = Array.from({ length: 12_000 }, (_, i) => {
      const d = new Date(Date.UTC(1950, 0, 1) + (i % 9000) * 86_400_000);
      return i % 997 === 0
        ? `${i}/99/2020`
        : `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}/${d.getUTCFullYear()}`;
    });
    const reused = conv('date');
    const answers = texts.map((t) => value(reused(t)));
    expect(answers).toEqual(texts.map((t) => value(conv('date')(t))));
    expect(answers[1]).toBe('1950-01-02');
    expect(answers[997]).toBe('TYPE_DATE');
  });

  it('refuses types that a cell cannot fill', () => {
    expect(converterFor('object').ok).toBe(false);
    expect(converterFor('date', { dateFormat: 'qqq' }).ok).toBe(false);
  });
});
