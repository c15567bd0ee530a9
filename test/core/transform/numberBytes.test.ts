import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { converterFor, type ReadingSettings } from '../../../src/core/convert/coerce';
import { BARE, ESCAPED, QUOTED } from '../../../src/core/csv/byteRows';
import { numberBytes } from '../../../src/core/transform/numberBytes';
import { directAgainstRecords } from '../../helpers/directWriter';

/**
 * Numbers in a stated format read from bytes, against the converter the row evaluation uses:
 * whatever the bytes write must be the text of the number the converter reads (JSON.stringify
 * of it), and the direct writer must write what the record builder writes.
 */

const DIGIT = fc.constantFrom(...'0123456789');
const encode = (t: string) => new TextEncoder().encode(t);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

/** What the byte reader writes for a text, or null when it leaves the text to the converter. */
function fromBytes(settings: ReadingSettings, text: string, range?: [number, number], form = BARE): string | null {
  const c = converterFor(range ? 'int' : 'number', settings);
  if (!c.ok || !c.numberFormat) throw new Error('no format');
  const read = numberBytes(c.numberFormat, range, true);
  if (!read) return null;
  const b = encode(text);
  const out = new Uint8Array(40);
  const end = read(b, 0, b.length, form, out, 4);
  return end < 0 ? null : decode(out.subarray(4, end));
}

const settings: fc.Arbitrary<ReadingSettings> = fc
  .record({
    decimalSeparator: fc.constantFrom('.' as const, ',' as const),
    thousandsSeparator: fc.constantFrom('' as const, ',' as const, '.' as const, ' ' as const, "'" as const),
    currency: fc.constantFrom(undefined, '€', 'EUR', 'R$', '$', 'kr'),
    percent: fc.boolean(),
  })
  .filter((s) => s.thousandsSeparator !== s.decimalSeparator)
  .map((s) => ({ ...s, currency: s.currency, percent: s.percent || undefined }));

/** A number written in (or near) a format: groups, a decimal part, a sign, the currency, a percent. */
const written = (s: ReadingSettings): fc.Arbitrary<string> =>
  fc
    .record({
      int: fc.oneof(fc.integer({ min: 0, max: 9999999 }).map(String), fc.string({ unit: DIGIT, minLength: 1, maxLength: 18 })),
      group: fc.boolean(),
      frac: fc.option(fc.string({ unit: DIGIT, maxLength: 5 }), { nil: undefined }),
      minus: fc.constantFrom('', '', '-'),
      cur: fc.constantFrom('none', 'before', 'before ', 'after', ' after'),
      pct: fc.constantFrom('', '', '%', ' %'),
    })
    .map((n) => {
      let int = n.int;
      if (n.group && s.thousandsSeparator) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, s.thousandsSeparator);
      const body = `${int}${n.frac === undefined ? '' : `${s.decimalSeparator ?? '.'}${n.frac}`}`;
      const c = s.currency ?? '';
      const signed =
        n.cur === 'none' || !c
          ? `${n.minus}${body}`
          : n.cur.startsWith('before')
            ? `${n.minus}${c}${n.cur.endsWith(' ') ? ' ' : ''}${body}`
            : `${n.minus}${body}${n.cur}`.replace('after', c);
      return `${signed}${s.percent ? n.pct : ''}`;
    });
const spoil = (t: fc.Arbitrary<string>) =>
  fc.tuple(t, fc.nat(), fc.constantFrom(' ', '+', '\u2212', '(', ')', '.', ',', "'", '\u00a0', 'e', '0', '-', '%', '€', 'R', '"', '')).map(([text, at, ch]) => {
    const i = at % (text.length + 1);
    return ch === '' ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i);
  });

describe('numbers in a stated format read from bytes', () => {
  const comma = { decimalSeparator: ',' as const };
  const german = { decimalSeparator: ',' as const, thousandsSeparator: '.' as const };

  it('writes the plain number of the commonest shapes', () => {
    expect(fromBytes(comma, '63,10')).toBe('63.1');
    expect(fromBytes(comma, '-0,5')).toBe('-0.5');
    expect(fromBytes(comma, '1200,00')).toBe('1200');
    expect(fromBytes(german, '1.234.567,8')).toBe('1234567.8');
    expect(fromBytes(german, '1234,5', undefined, QUOTED)).toBe('1234.5');
    expect(fromBytes({ ...german, currency: '€' }, '-1.234,50 €')).toBe('-1234.5');
    expect(fromBytes({ ...comma, currency: '€' }, '€-3,5')).toBe('-3.5');
    expect(fromBytes({ thousandsSeparator: ',', currency: 'R$' }, 'R$ 12,345.25')).toBe('12345.25');
    expect(fromBytes({ ...comma, percent: true }, '19,5 %')).toBe('19.5');
    expect(fromBytes({ thousandsSeparator: "'" }, "1'000", [0, 2147483647])).toBe('1000');
  });

  it('leaves to the converter what it would read otherwise, or refuse', () => {
    // Leading zeros, a lone zero's sign, too many digits, spaces, other signs, wrong groups.
    for (const t of ['007,5', '-0', '-0,0', '1234567890123456', ' 5', '5 ', '+5', '\u22125', '(5)', '1.2345', '0.123', ',5', '5,', '1.234,5.6', ''])
      expect([t, fromBytes(german, t)]).toEqual([t, null]);
    // An integer field: a decimal part, or a value past its range.
    expect(fromBytes(comma, '12,5', [0, 100])).toBeNull();
    expect(fromBytes(comma, '120', [0, 100])).toBeNull();
    expect(fromBytes(comma, '12,0', [0, 100])).toBe('12');
    expect(fromBytes(comma, '5', undefined, ESCAPED)).toBeNull();
    // A currency with a separator in it cannot be told from the number's bytes.
    expect(numberBytes({ decimalSeparator: ',', thousandsSeparator: '', currency: 'k.' }, undefined, true)).toBeNull();
    // A lone surrogate is written as U+FFFD, which the converter's pattern does not hold (found by a review).
    expect(numberBytes({ decimalSeparator: ',', thousandsSeparator: '', currency: '\ud800' }, undefined, true)).toBeNull();
    // One character for both separators, which the settings checks refuse, is the converter's to read.
    expect(numberBytes({ decimalSeparator: '.', thousandsSeparator: '.' }, undefined, true)).toBeNull();
    // Past ASCII, the currency's bytes are those of the file's own encoding: only UTF-8 is matched.
    expect(numberBytes({ decimalSeparator: ',', thousandsSeparator: '', currency: '€' }, undefined, false)).toBeNull();
  });

  it('never writes another number than the converter reads, for any format', () => {
    let read = 0;
    fc.assert(
      fc.property(
        settings.chain((s) =>
          fc.tuple(
            fc.constant(s),
            fc.boolean(),
            fc.array(fc.oneof({ arbitrary: written(s), weight: 3 }, { arbitrary: spoil(written(s)), weight: 2 }), { minLength: 1, maxLength: 8 }),
          ),
        ),
        ([s, integer, texts]) => {
          const range: [number, number] | undefined = integer ? [-2147483648, 2147483647] : undefined;
          const conv = converterFor(integer ? 'int' : 'number', s);
          if (!conv.ok) throw new Error(conv.message);
          const reader = conv.numberFormat && numberBytes(conv.numberFormat, range, true);
          if (!reader) throw new Error('no reader');
          const out = new Uint8Array(40);
          for (const t of texts) {
            const b = encode(t);
            const end = reader(b, 0, b.length, BARE, out, 4);
            if (end < 0) continue;
            const bytes = decode(out.subarray(4, end));
            read++;
            const v = conv.read(t);
            expect([t, bytes]).toEqual([t, v === undefined ? 'refused' : JSON.stringify(v)]);
          }
        },
      ),
      { numRuns: 4000 },
    );
    // Seen ~5,300 read over 4,000 runs: a third leaves room for chance, not for a reader that reads nothing.
    expect(read).toBeGreaterThan(2000);
  });
});

describe('the direct writer with numbers in a stated format', () => {
  it('writes what the record builder writes', () => {
    const price = { decimalSeparator: ',', thousandsSeparator: '.', currency: '€' } as const;
    const stock = { thousandsSeparator: ' ' } as const;
    const level = { decimalSeparator: ',', percent: true } as const;
    const cell = (s: ReadingSettings) =>
      fc.oneof({ arbitrary: written(s), weight: 4 }, { arbitrary: spoil(written(s)), weight: 1 }, { arbitrary: fc.constant(''), weight: 1 });
    const direct = directAgainstRecords(
      { price: { type: 'number' }, stock: { type: 'integer', minimum: -2147483648, maximum: 2147483647 }, level: { type: 'number' } },
      [
        { source: 'price', settings: price },
        { source: 'stock', settings: stock },
        { source: 'level', settings: level },
      ],
      fc.tuple(cell(price), cell(stock), cell(level)),
      4000,
    );
    // Seen ~1,050 of 4,000 rows written directly: the others have a cell no converter reads (spoiled, past the range).
    expect(direct).toBeGreaterThan(400);
  });
});
