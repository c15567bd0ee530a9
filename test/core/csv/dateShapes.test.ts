import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateShape, mayStartWithNamedDate, startsWithNamedDate } from '../../../src/core/csv/dateShapes';

/**
 * The month-name layouts are tried only on texts that pass a cheap pre-check. The pre-check may
 * let through texts that are not dates, never hold back one that is: for any text the layouts
 * match, it must say yes.
 */
const WORDS = ['1/4', 'March', 'Mar.', 'mars', 'März', 'Mär', 'de', 'Dienstag', 'Tue', 'sept.', 'août', 'Août', 'maio', 'oct', '𝐀𝐁', 'Ωμέγα', 'x', 'LLMH'];
const SEPS = [' ', '  ', ', ', ',', '.', '. ', ' de ', '-', '/', '\t', '\u00a0', ''];
const piece = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.integer({ min: 0, max: 99999 }).map(String),
  fc.constantFrom(...SEPS),
  fc.string({ maxLength: 3, unit: 'grapheme' }),
);
const text = fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));

describe('the month-name pre-check', () => {
  it('never holds back a text a month-name layout matches', () => {
    fc.assert(
      fc.property(text, (t) => {
        if (startsWithNamedDate(t)) expect(mayStartWithNamedDate(t)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('passes real month-name dates and turns away codes and plain words', () => {
    for (const t of [
      '5 March 2024',
      '12 de mayo de 2024',
      '2024-Mar-05',
      'March 5, 2024',
      'Tue, 5 Mar 2024',
      '05. März 2024',
      'Sept. 5, 2024',
      'Tuesday, March 5, 2024',
      'mardi 5 mars 2024',
      '5 Mar, 2024',
      '2024/Mar/05',
      '2024 mars 05',
    ])
      expect([t, mayStartWithNamedDate(t), dateShape(t)?.family]).toEqual([t, true, expect.stringMatching(/-name$/)]);
    for (const t of [
      'LLMH09',
      '24-MB01',
      '24-UG06',
      'Joust Duffle Bag',
      'Strive Shoulder Pack',
      'simple',
      '34.00',
      'WJ08',
      'New York',
      'Olivia 1/4 Zip Light Jacket',
      'Pack of 12 pens',
      'Room 101, 2nd floor',
    ])
      expect([t, mayStartWithNamedDate(t)]).toEqual([t, false]);
  });
});
