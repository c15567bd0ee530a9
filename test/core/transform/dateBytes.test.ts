import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { converterFor } from '../../../src/core/convert/coerce';
import { dateBytes, isoInstant } from '../../../src/core/transform/dateBytes';

/**
 * A stated date pattern compiled for bytes must write exactly what the converter writes, for
 * any pattern of fixed-width parts and any text: otherwise it must leave the cell to the converter.
 */
const PARTS = ['dd', 'MM', 'yyyy', 'HH', 'mm', 'ss'];
const pattern = fc
  .tuple(
    fc.shuffledSubarray(PARTS, { minLength: 3, maxLength: 6 }),
    fc.array(fc.constantFrom('/', '-', '.', ' ', '', ':', "'T'"), { minLength: 6, maxLength: 6 }),
  )
  .filter(([parts]) => ['dd', 'MM', 'yyyy'].every((p) => parts.includes(p)))
  .map(([parts, seps]) => parts.map((p, i) => (i ? seps[i]! : '') + p).join(''));

/** A text in the pattern's layout: digits near each part's limits, now and then a wrong character. */
const textFor = (p: string) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 8, maxLength: 8 }),
      fc.integer({ min: 0, max: 9999 }),
      fc.nat({ max: 30 }),
      fc.constantFrom('x', ' ', '/', '9'),
    )
    .map(([nums, year, spoil, ch]) => {
      let k = 0;
      let t = p
        .replace(/'T'/g, 'T')
        .replace('yyyy', String(year).padStart(4, '0'))
        .replace(/dd|MM|HH|mm|ss/g, (m) => String(m === 'dd' ? nums[k++]! % 33 : m === 'MM' ? nums[k++]! % 14 : nums[k++]! % 62).padStart(2, '0'));
      if (spoil < t.length && spoil % 5 === 0) t = t.slice(0, spoil) + ch + t.slice(spoil + 1);
      return t;
    });

describe('stated date patterns read as bytes', () => {
  it('write what the converter writes, or leave the cell to it', () => {
    let written = 0;
    fc.assert(
      fc.property(
        pattern.chain((p) => fc.tuple(fc.constant(p), textFor(p), fc.constantFrom<'date' | 'date-time'>('date', 'date-time'))),
        ([p, text, type]) => {
          const conv = converterFor(type, { dateFormat: p });
          if (!conv.ok) throw new Error(conv.message);
          expect(conv.dateLayout).toBeDefined();
          const reader = dateBytes(conv.dateLayout!)!;
          const src = new TextEncoder().encode(text);
          if (!reader.test(src, 0, src.length)) return;
          written++;
          const out = new Uint8Array(64);
          const end = reader.write(src, 0, out, 0);
          expect(new TextDecoder().decode(out.subarray(0, end))).toBe(JSON.stringify(conv.read(text)));
        },
      ),
      { numRuns: 4000 },
    );
    expect(written).toBeGreaterThan(400);
  });

  it('is offered only for fixed-width numeric patterns', () => {
    const layout = (f: string) => {
      const c = converterFor('date', { dateFormat: f });
      return c.ok ? c.dateLayout : undefined;
    };
    expect(layout('dd/MM/yyyy')).toBeDefined();
    for (const f of ['d/M/yyyy', 'dd-MMM-yyyy', 'yy-MM-dd', "yyyy-MM-dd'T'HH:mm:ssX", 'MM/dd/yyyy hh:mm a']) expect(layout(f)).toBeUndefined();
    expect(converterFor('date').ok && (converterFor('date') as { dateLayout?: unknown }).dateLayout).toBeUndefined();
  });
});

describe('ISO date-times with an offset read as bytes', () => {
  it('give the instant the converter gives, or leave the cell to it', () => {
    const conv = converterFor('date-time');
    if (!conv.ok) throw new Error(conv.message);
    expect(conv.isoOffsets).toBe(true);
    const d2 = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const text = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        d2(13),
        d2(32),
        d2(24),
        d2(60),
        d2(60),
        fc.oneof(
          fc.constant(''),
          fc.integer({ min: 0, max: 999 }).map((n) => `.${String(n).padStart(3, '0')}`),
        ),
        fc.constantFrom('+', '-', ' '),
        d2(24),
        d2(60),
        fc.constantFrom(':', ''),
      )
      .map(([y, mo, d, h, mi, s, ms, sign, oh, om, colon]) => `${String(y).padStart(4, '0')}-${mo}-${d}T${h}:${mi}:${s}${ms}${sign}${oh}${colon}${om}`);
    let written = 0;
    const out = new Uint8Array(64);
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          fc.constantFrom(
            '2019-03-14T23:30:00-05:00',
            '0999-12-31T23:00:00.500-02:00',
            '9999-12-31T23:59:59+01:00',
            // The edges of an instant kept on its own day: midnight, a minute before, the next midnight.
            '2019-03-14T00:00:00+00:00',
            '2019-03-14T00:29:00+00:30',
            '2019-03-14T23:30:00-00:30',
            '2019-03-14T23:29:59.999-00:30',
            '2020-02-29T12:00:00+12:00',
            '0999-06-01T10:00:00+00:00',
          ),
        ),
        (t) => {
          const src = new TextEncoder().encode(t);
          const end = isoInstant(src, 0, src.length, out, 0);
          if (end < 0) return;
          written++;
          expect(new TextDecoder().decode(out.subarray(0, end))).toBe(JSON.stringify(conv.read(t)));
        },
      ),
      { numRuns: 5000 },
    );
    expect(written).toBeGreaterThan(1000);
  });
});
