import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/core/regex';
import { linearRegExp } from '../../src/core/regexLinear';

/** Patterns of the kinds schemas carry (country and currency codes, postcodes, SKUs, ids, phone numbers, versions). */
const FAST = [
  '^[A-Z]{2}$',
  '^[A-Z]{3}$',
  '^[a-z]{2}(-[A-Z]{2})?$',
  '^\\d{5}(-\\d{4})?$',
  '^[0-9]+$',
  '^\\d+(\\.\\d{1,2})?$',
  '^[A-Z]{2,3}-\\d{3,6}$',
  '^\\+?[1-9]\\d{1,14}$',
  '^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$',
  '^[a-z]+(?:-[a-z]+)*$',
  '^(red|green|blue)$',
  '^[^,]*$',
  '^\\w+$',
  '^\\W\\D$',
  '^[-a-z]+$',
  '^[a-z-]+$',
  '^\\t\\n$',
  '^a\\.b\\$',
  '^[A-Z]',
  '^',
  '[A-Z]{2}',
  'ab|cd',
  '^x{2,}y$',
  '^\\(\\d{3}\\) \\d{3}-\\d{4}$',
];

/** Patterns that stay with RE2: polynomial or exponential for a backtracking engine, or read differently by it. */
const SLOW = [
  '^(a+)+$',
  '^\\d*\\d*$',
  '^(a|ab)$',
  '^(a|a)*$',
  '^[a-z.]+\\.[a-z]+$',
  '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$',
  '^(a?)*$',
  '^a|b$',
  '^.{2}$',
  '^\\s+$',
  '(?i)^abc$',
  '^[[:alpha:]]+$',
  '^\\pL+$',
  '^[]a]$',
  '^a*?$',
  '^a{,3}$',
  '^\\bword$',
  '^é$',
  '^[a-z-0]$',
  '^\\-$',
  // Linear in fact, but its loop and what follows start alike: the check is conservative.
  '^(?:[a-z]+-)*[a-z]+$',
];

/** Texts made of the characters these patterns are about, and of those where the two engines could differ. */
const alphabet = [...'aAbBcdefxyzZ019_-.,+$()@ é\t\n\r\v\f', '\u2028', '\u00a0', '😀', '\ud800', '\udc00'];
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 20 }).map((cs) => cs.join(''));

describe('linear built-in RegExp for simple patterns', () => {
  it.each(FAST)('%s is matched by the built-in engine, with RE2 answers', (source) => {
    expect(linearRegExp(source)).not.toBeNull();
    const re = RE2JS.compile(source);
    const p = compilePattern(source);
    if (!p.ok) throw new Error(p.message);
    fc.assert(
      fc.property(text, (t) => {
        expect(p.pattern.test(t)).toBe(re.test(t));
        expect(p.pattern.matchesWhole(t)).toBe(re.testExact(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with RE2 on texts built from the pattern itself (matching ones included)', () => {
    // Random texts rarely match `^[a-f0-9]{8}-…$`; these are made of pieces that do.
    const pieces = fc.array(
      fc.constantFrom('1', '12', '12345', '1234', '-', 'ab', 'US', 'en', '-GB', '.5', '.25', '(555) ', '555-', 'x', 'xy', 'red', 'blue', '+', ''),
      {
        maxLength: 8,
      },
    );
    for (const source of FAST) {
      const re = RE2JS.compile(source);
      const p = compilePattern(source);
      if (!p.ok) throw new Error(p.message);
      fc.assert(
        fc.property(pieces, (ps) => {
          const t = ps.join('');
          expect(p.pattern.test(t)).toBe(re.test(t));
          expect(p.pattern.matchesWhole(t)).toBe(re.testExact(t));
        }),
        { numRuns: 1000 },
      );
    }
  });

  it.each(SLOW)('%s stays with RE2', (source) => {
    expect(linearRegExp(source)).toBeNull();
  });

  it('keeps the worst case of a refused pattern linear: RE2 still answers ^(a+)+$ on 5,000 characters', () => {
    const p = compilePattern('^(a+)+$');
    if (!p.ok) throw new Error(p.message);
    expect(p.pattern.test(`${'a'.repeat(5000)}!`)).toBe(false);
  });

  it('tests an unanchored pattern with RE2 and its whole match with the built-in engine', () => {
    const n = linearRegExp('[A-Z]{2}');
    expect(n?.test).toBeNull();
    expect(n?.whole.test('US')).toBe(true);
    expect(n?.whole.test('xUS')).toBe(false);
  });
});
