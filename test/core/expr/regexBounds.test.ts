import { describe, expect, it } from 'vitest';
import { compileDatePattern } from '../../../src/core/convert/dates';
import { compileExpression } from '../../../src/core/expr/compile';
import { compilePattern, MAX_PATTERN_LENGTH } from '../../../src/core/regex';
import { run } from '../../helpers/expr';

/**
 * Patterns that make a backtracking engine run for minutes or longer on short texts (issue 13,
 * #7). With the built-in RegExp the first takes about 55 s on 31 characters and doubles with
 * each one more; here every case must finish (a bound far below what backtracking needs on these
 * lengths, and far above what a linear match of them takes even on a loaded machine).
 */
const EVIL = ['^(a+)+$', '(a|a)*b', '(a|aa)+$', '(.*a){12}', '([a-z]+)*[0-9]', '(\\w+\\s?)*$', '^(([a-z])+.)+[A-Z]([a-z])+$'];
const HOSTILE_TEXT = `${'a'.repeat(5000)}!`;
const BOUND_MS = 2000;

function timed<T>(f: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = f();
  return { value, ms: performance.now() - started };
}

describe('regular expressions run in bounded time per cell', () => {
  it.each(EVIL)('matches_regex, extract_regex and explode with %s on a hostile value', (pattern) => {
    for (const fn of ['matches_regex(v, p)', 'extract_regex(v, p)', 'explode(v, p)']) {
      const r = timed(() => run(fn, { v: HOSTILE_TEXT, p: pattern }));
      expect(r.ms, `${fn} with ${pattern}`).toBeLessThan(BOUND_MS);
      expect(r.value.error).toBeUndefined();
    }
    expect(run('matches_regex(v, p)', { v: HOSTILE_TEXT, p: pattern }).value).toBe(false);
  });

  it('a literal pattern written in the expression is matched the same way', () => {
    const r = timed(() => run('matches_regex(v, "^(a+)+$")', { v: `${'a'.repeat(31)}b` }));
    expect(r.value).toEqual({ value: false });
    expect(r.ms).toBeLessThan(BOUND_MS);
  });

  it('gives the results of Java for ordinary patterns', () => {
    expect(run('extract_regex(v, "(?<year>\\\\d{4})-(\\\\d\\\\d)")', { v: 'on 2024-05-01' }).value).toEqual(['2024-05', '2024', '05']);
    expect(run('extract_regex(v, "(x)?y")', { v: 'y' }).value).toEqual(['y', null]);
    expect(run('explode(v, "\\\\s*;\\\\s*")', { v: 'a ; b;c;;' }).value).toEqual(['a', 'b', 'c']);
    expect(run('explode("", ";")').value).toEqual(['']);
    expect(run('matches_regex(v, "[0-9]+")', { v: '123' }).value).toBe(true);
    expect(run('matches_regex(v, "[0-9]+")', { v: '123a' }).value).toBe(false);
    expect(run('matches_regex(v, "(?i)abc")', { v: 'ABC' }).value).toBe(true);
  });

  it('refuses a literal pattern RE2 cannot match in linear time when the expression is compiled, naming where', () => {
    for (const [pattern, why] of [
      ['(a)\\\\1', /back-references/],
      ['a(?=b)', /look-around/],
      ['a*+', /possessive/],
      ['(?>a)', /atomic/],
      ['(x{1,1000}){1,1000}', /expression too large|repeat count/],
    ] as const) {
      const c = compileExpression(`matches_regex(v, "${pattern}")`, { columns: ['v'] });
      expect(c.ok, pattern).toBe(false);
      if (!c.ok) {
        expect(c.errors[0]!.message).toMatch(why);
        expect(c.errors[0]!.pos).toBe(17);
      }
    }
  });

  it('a refused pattern taken from a column fails that row only, saying why', () => {
    expect(run('matches_regex(v, p)', { v: 'aa', p: '(a)\\1' }).error).toMatch(/invalid regular expression "\(a\)\\\\1".*back-references/);
    expect(run('matches_regex(v, p)', { v: 'aa', p: 'a+' }).value).toBe(true);
    expect(run('explode(v, p)', { v: 'a', p: 'x'.repeat(MAX_PATTERN_LENGTH + 1) }).error).toMatch(/longer than the 2000 allowed/);
  });

  it('caches compiled patterns without growing past its bound', () => {
    for (let i = 0; i < 600; i++) expect(compilePattern(`p${i}[0-9]+`).ok).toBe(true);
    expect(compilePattern('p1[0-9]+')).toBe(compilePattern('p1[0-9]+'));
  });
});

describe('date patterns are read in bounded time', () => {
  it('refuses a run of fields of varying width with no separator, the pattern that took 113 s', () => {
    const evil = 'dM'.repeat(30);
    const r = compileDatePattern(evil);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/more than 4 fields of varying width/);
    const c = compileExpression(`date(v, "${evil}")`, { columns: ['v'] });
    expect(c.ok).toBe(false);
    expect(run(`date(v, p)`, { v: '1'.repeat(71), p: evil }).error).toMatch(/varying width/);
  });

  it('keeps every pattern people write, and reads them', () => {
    for (const p of [
      'dd/MM/yyyy',
      'd/M/yyyy',
      'M/d/yyyy h:mm a',
      'yyyyMMdd',
      'dMyyyy',
      'd.M.yy H:mm',
      'EEE, d MMM yyyy HH:mm:ss z',
      "yyyy-MM-dd'T'HH:mm:ssXXX",
    ])
      expect(compileDatePattern(p).ok, p).toBe(true);
    expect(run('date(v, "dMyyyy")', { v: '1122024' }).error).toBeUndefined();
  });

  it('a long pattern of separated fields stays fast on a value that does not match', () => {
    const p = Array.from({ length: 30 }, () => 'd').join('-');
    const r = timed(() => run('date(v, p)', { v: '1'.repeat(71), p }));
    expect(r.value.error).toMatch(/does not match/);
    expect(r.ms).toBeLessThan(BOUND_MS);
  });
});
