import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { converterFor } from '../../../src/core/convert/coerce';
import { dateBytes } from '../../../src/core/transform/dateBytes';

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
