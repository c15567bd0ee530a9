import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { converterFor } from '../../../src/core/convert/coerce';
import { ESCAPED, QUOTED } from '../../../src/core/csv/byteRows';
import {
  canonicalDecimalEnd,
  canonicalInteger,
  copyField,
  copyJsonString,
  integerCopyEnd,
  isCanonicalDecimal,
  isIsoDate,
  isIsoDateTime,
} from '../../../src/core/transform/byteCopy';
import { directAgainstRecords } from '../../helpers/directWriter';

/**
 * The direct writer copies a cell as it is when the converter names a form it gives back
 * unchanged and these tests find the cell in that form; each must only say so when the
 * converter would write exactly that text.
 */
const bytes = (s: string) => new TextEncoder().encode(s);
const read = (type: 'number' | 'long' | 'date' | 'date-time', text: string, settings = {}) => {
  const c = converterFor(type, settings);
  if (!c.ok) throw new Error(c.message);
  return c.read(text);
};
const formOf = (type: string, settings = {}) => {
  const c = converterFor(type, settings);
  if (!c.ok) throw new Error(c.message);
  return c.copies;
};
const copied = (test: (b: Uint8Array, s: number, e: number) => boolean, text: string) => test(bytes(text), 0, bytes(text).length);

describe('cells copied as they are', () => {
  it('decimals: only texts that JavaScript writes back unchanged', () => {
    const samples = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 8 })).map(([n, k]) => n.toFixed(k)),
      fc.stringMatching(/^-?\d{1,18}(\.\d{0,18})?$/),
    );
    fc.assert(
      fc.property(samples, (text) => {
        if (copied(isCanonicalDecimal, text)) expect(String(read('number', text))).toBe(text);
      }),
      { numRuns: 3000 },
    );
    for (const t of ['0', '12', '-0.25', '0.000001', '123456789012345', '522.86']) expect(copied(isCanonicalDecimal, t)).toBe(true);
    for (const t of ['-0', '007', '1.50', '3.', '.5', '0.0000001', '1234567890123456', '1e3', ' 1', '+1']) expect(copied(isCanonicalDecimal, t)).toBe(false);
  });

  it('decimals with zeros after the point: the text before them, when JavaScript writes the number so', () => {
    const samples = fc.oneof(
      fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 })).map(([n, k]) => n.toFixed(k)),
      fc.stringMatching(/^-?\d{1,17}(\.\d{0,6}0{0,4})?$/),
      fc.stringMatching(/^[-+.\d]{1,12}$/),
    );
    const endOf = (text: string) => canonicalDecimalEnd(bytes(text), 0, bytes(text).length);
    fc.assert(
      fc.property(samples, (text) => {
        const end = endOf(text);
        if (end >= 0) expect(String(read('number', text))).toBe(text.slice(0, end));
      }),
      { numRuns: 5000 },
    );
    const cases: [string, string | null][] = [
      ['63.10', '63.1'],
      ['35.00', '35'],
      ['0.50', '0.5'],
      ['0.0', '0'],
      ['100', '100'],
      ['1200.000', '1200'],
      ['0.00000100', '0.000001'],
      ['-0.00', null],
      ['.50', null],
      ['007.10', null],
      ['5.0.0', null],
      ['0.00000010', null],
      ['1234567890123456.0', null],
    ];
    for (const [text, canonical] of cases) expect(canonical === null ? endOf(text) : text.slice(0, endOf(text))).toBe(canonical ?? -1);
  });

  it('whole numbers: canonical ones read as their value, others are left to the converter', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer().map(String), fc.stringMatching(/^[-+]?\d{1,17}$/)), (text) => {
        const v = canonicalInteger(bytes(text), 0, bytes(text).length);
        if (!Number.isNaN(v)) {
          expect(read('long', text)).toBe(v);
          expect(String(v)).toBe(text);
        }
      }),
      { numRuns: 3000 },
    );
    expect(canonicalInteger(bytes('-0'), 0, 2)).toBeNaN();
    expect(canonicalInteger(bytes('007'), 0, 3)).toBeNaN();
  });

  it('whole numbers written with a point and zeros (5.0, as pandas writes them) copy as the number before the point', () => {
    const conv = converterFor('int', {});
    if (!conv.ok) throw new Error(conv.message);
    const [min, max] = [-2147483648, 2147483647];
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,11}(\.[05]{0,3})?$/), (text) => {
        const end = integerCopyEnd(bytes(text), 0, bytes(text).length, min, max);
        if (end >= 0) expect(JSON.stringify(conv.read(text))).toBe(text.slice(0, end));
      }),
      { numRuns: 3000 },
    );
    const endOf = (t: string) => integerCopyEnd(bytes(t), 0, bytes(t).length, min, max);
    expect(['5', '5.0', '-12.00', '5.', '0.0', '2147483647.0'].map(endOf)).toEqual([1, 1, 3, 1, 1, 10]);
    // Left to the converter: a fraction, a leading zero, -0, past the range, a second point.
    for (const t of ['5.5', '5.01', '05.0', '-0.0', '2147483648.0', '5.0.0', '.0', '5.0e1']) expect(endOf(t)).toBe(-1);
  });

  it('the direct writer writes such whole numbers as the record builder does, checks included', () => {
    const whole = fc.oneof(fc.stringMatching(/^-?\d{1,11}(\.0{0,3})?$/), fc.constantFrom('5.5', '-0.0', '05.0', '7.0', '', '3.'));
    const direct = directAgainstRecords(
      {
        qty: { type: 'integer', minimum: 0, maximum: 1000 },
        code: { type: 'integer', enum: [1, 7, 42] },
        big: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
      },
      [{ source: 'qty' }, { source: 'code' }, { source: 'big' }],
      fc.tuple(whole, fc.oneof(whole, fc.constantFrom('7.0', '42', '1.00')), whole),
      4000,
    );
    expect(direct).toBeGreaterThan(100);
  });

  it('ISO dates and date-times: valid ones convert to themselves', () => {
    // Parts around their valid ranges, so that both sides of each limit come up often.
    const d2 = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    // ... and now and then a character that is not a digit, anywhere.
    const spoil = (t: string) =>
      fc
        .tuple(fc.nat({ max: t.length - 1 }), fc.constantFrom('O', ' ', '/', '+', ':', '-', 'T', 'Z', 'é', '٣'), fc.nat({ max: 4 }))
        .map(([at, ch, chance]) => (chance === 0 ? t.slice(0, at) + ch + t.slice(at + 1) : t));
    const date = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), d2(13), d2(32))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${m}-${d}`)
      .chain(spoil);
    const millis = fc.oneof(
      fc.constant(''),
      fc.integer({ min: 0, max: 999 }).map((n) => `.${String(n).padStart(3, '0')}`),
    );
    const dateTime = fc
      .tuple(date, d2(25), d2(61), d2(61), millis)
      .map(([d, h, m, s, ms]) => `${d}T${h}:${m}:${s}${ms}Z`)
      .chain(spoil);
    fc.assert(
      fc.property(date, (text) => {
        if (!copied(isIsoDate, text)) return;
        expect(read('date', text)).toBe(text);
        // A stated ISO pattern claims the form too: it must read the text as itself.
        expect(read('date', text, { dateFormat: 'yyyy-MM-dd' })).toBe(text);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(dateTime, (text) => {
        if (copied(isIsoDateTime, text)) expect(read('date-time', text)).toBe(text);
      }),
      { numRuns: 5000 },
    );
    expect(copied(isIsoDate, '2000-02-29')).toBe(true);
    expect(copied(isIsoDate, '1900-02-29')).toBe(false);
    expect(copied(isIsoDate, '2O21-02-10')).toBe(false);
    expect(copied(isIsoDateTime, '2021-02-10T1O:00:00Z')).toBe(false);
    expect(copied(isIsoDateTime, '2021-02-03T04:05:06Z')).toBe(true);
    expect(copied(isIsoDateTime, '2021-02-03T24:05:06Z')).toBe(false);
    expect(copied(isIsoDateTime, '2021-02-03T04:05:06.789Z')).toBe(true);
    // Zero milliseconds are not written, so such a text is converted, not copied.
    expect(copied(isIsoDateTime, '2021-02-03T04:05:06.000Z')).toBe(false);
  });
});

describe('the forms each converter claims', () => {
  it('come from the converter, and go when a reading setting could change what a text means', () => {
    expect([formOf('string'), formOf('int'), formOf('number'), formOf('boolean'), formOf('date'), formOf('date-time')]).toEqual([
      'text',
      'integer',
      'decimal',
      'true-false',
      'iso-date',
      'iso-date-time',
    ]);
    // A stated pattern reads other texts; a setting this version does not know withdraws every form.
    expect(formOf('date', { dateFormat: 'dd/MM/yyyy' })).toBeNull();
    expect(formOf('date', { dateFormat: 'yyyy-MM-dd' })).toBe('iso-date');
    expect(formOf('date', { dateFormat: 'yyyy-MM-dd', timeZone: 'Europe/Paris' })).toBeNull();
    expect(formOf('number', { decimalSeparator: ',' })).toBeNull();
    expect(formOf('boolean', { trueWords: ['ja'] })).toBeNull();
  });
});

describe('text written as JSON strings', () => {
  it('is exactly what JSON.stringify writes, lone surrogates and control characters included', () => {
    const out = new Uint8Array(1 << 12);
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('"', '\\', '\u0000', '\u001f', '\n', '\u2028', '\ud800', '\udc00', 'é', '😀'),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
          ),
          maxLength: 40,
        }),
        (t) => {
          const end = copyJsonString(t, out, 0, out.length);
          expect(new TextDecoder().decode(out.subarray(0, end))).toBe(JSON.stringify(t));
        },
      ),
      { numRuns: 3000 },
    );
    expect(copyJsonString('x'.repeat(100), out, 0, 50)).toBe(-1);
  });

  it('long texts, which the platform encoder writes when nothing needs escaping: the same bytes', () => {
    const out = new Uint8Array(1 << 14);
    const plain = fc.string({ unit: fc.constantFrom('a', ' ', 'é', 'Ł', '€', '中'), minLength: 120, maxLength: 300 });
    // One character anywhere that the encoder must not be given: an escape, a lone surrogate, a pair.
    const odd = fc.constantFrom('', '"', '\\', '\u0000', '\u001f', '\n', '\ud800', '\udfff', '😀', '\u007f', '\u2028');
    fc.assert(
      fc.property(plain, odd, fc.nat(), (t, c, at) => {
        const i = at % (t.length + 1);
        const text = t.slice(0, i) + c + t.slice(i);
        const end = copyJsonString(text, out, 3, out.length);
        expect(out.subarray(3, end)).toEqual(new TextEncoder().encode(JSON.stringify(text)));
      }),
      { numRuns: 2000 },
    );
    expect(copyJsonString('é'.repeat(200), out, 0, 1000)).toBe(-1);
  });

  it('a cell copied from the bytes of a row: JSON.stringify of its text, nothing written outside it', () => {
    const out = new Uint8Array(1 << 12);
    const vo = new DataView(out.buffer);
    const unit = fc.oneof(
      fc.constantFrom('"', '\\', '\u0000', '\u001f', '\t', 'é', '😀', 'ab', 'abcd'),
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 30 }),
        fc.string({ unit, maxLength: 6 }),
        fc.string({ unit, maxLength: 6 }),
        fc.nat({ max: 40 }),
        fc.boolean(),
        (cell, before, after, o, quoted) => {
          // A quoted cell's quotes are doubled in the row, as CSV writes them.
          const raw = quoted ? cell.replaceAll('"', '""') : cell;
          const row = bytes(before + raw + after);
          const s = bytes(before).length;
          const e = s + bytes(raw).length;
          out.fill(0x7e);
          const form = !quoted ? 0 : raw === cell ? QUOTED : ESCAPED;
          const end = copyField(row, new DataView(row.buffer), s, e, form, out, vo, o, null);
          expect(new TextDecoder().decode(out.subarray(o, end))).toBe(JSON.stringify(cell).slice(1, -1));
          expect(out.subarray(0, o).every((b) => b === 0x7e)).toBe(true);
          expect(out.subarray(end, end + 8).every((b) => b === 0x7e)).toBe(true);
        },
      ),
      { numRuns: 4000 },
    );
  });
});
