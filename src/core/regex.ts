import { RE2JS } from 're2js';
import { linearRegExp } from './regexLinear';

/**
 * Regular expressions written by users (in expressions, in CSV cells, in a schema's `pattern`)
 * are matched by RE2 (the re2js port), whose matching time grows linearly with the text, never
 * by the built-in backtracking engine, where `^(a+)+$` on 31 characters takes most of a minute.
 * RE2 refuses what it cannot match in linear time (back-references, look-around, possessive and
 * atomic groups) and patterns whose compiled program is too large; those are refused here with
 * a message saying so, when the mapping or schema loads, or for the one row that brought it.
 * A pattern the built-in engine provably matches in linear time, with the same meaning, is
 * tested by it instead (`regexLinear.ts`): `^[A-Z]{2}$` costs a few dozen nanoseconds there.
 */
export interface SafePattern {
  readonly source: string;
  /** Whether the pattern matches somewhere in the text (RegExp#test). */
  test(text: string): boolean;
  /** Whether the pattern matches the whole text (Java's String#matches). */
  matchesWhole(text: string): boolean;
  /** The first match and its groups (unmatched groups undefined), or null (RegExp#exec). */
  exec(text: string): (string | undefined)[] | null;
  /** Java's String#split: the text between matches, trailing empty parts removed. */
  split(text: string): string[];
}

export type PatternResult = { ok: true; pattern: SafePattern } | { ok: false; message: string };

/** Longer patterns are refused: matching costs up to (pattern size x text length). */
export const MAX_PATTERN_LENGTH = 2000;

const UNSUPPORTED =
  'back-references, look-around, possessive quantifiers and atomic groups cannot be matched in bounded time, and xdm-mapper matches every pattern with RE2';

/** Compiled patterns by source, shared by every caller; patterns from data make it bounded. */
const cache = new Map<string, PatternResult>();
const CACHE_SIZE = 512;

/** Compiles a user's pattern for linear-time matching, or says why it cannot be used. */
export function compilePattern(source: string): PatternResult {
  const known = cache.get(source);
  if (known) return known;
  const result = compile(source);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(source, result);
  return result;
}

function compile(source: string): PatternResult {
  if (source.length > MAX_PATTERN_LENGTH)
    return { ok: false, message: `regular expression of ${source.length} characters is longer than the ${MAX_PATTERN_LENGTH} allowed` };
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (e) {
    const why = String((e as Error).message ?? e).replace(/^error parsing regexp:\s*/, '');
    const hint = /unsupported Perl syntax|invalid escape sequence: `\\\d|invalid nested repetition/.test(why) ? ` (${UNSUPPORTED})` : '';
    return { ok: false, message: `invalid regular expression ${quote(source)}: ${why}${hint}` };
  }
  const native = linearRegExp(source);
  const test = native?.test;
  const whole = native?.whole;
  return {
    ok: true,
    pattern: {
      source,
      test: test ? (text) => test.test(text) : (text) => re.test(text),
      matchesWhole: whole ? (text) => whole.test(text) : (text) => re.testExact(text),
      exec: (text) => {
        const m = re.exec(text);
        return m ? [...m] : null;
      },
      split: (text) => (text === '' ? [''] : re.split(text)),
    },
  };
}

const quote = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/**
 * The pattern engine for ajv (`code.regExp`): a schema's `pattern` and `patternProperties` are
 * matched by RE2 too. A pattern RE2 refuses throws, so the schema fails to compile; callers
 * check the schema's patterns first with {@link compilePattern} to name where they are.
 */
export const ajvPatternEngine = Object.assign(
  (source: string, _flags: string) => {
    const r = compilePattern(source);
    if (!r.ok) throw new Error(r.message);
    // ajv keys the compiled patterns of a validator by this text.
    return { test: r.pattern.test, toString: () => `re2:${source}` };
  },
  { code: 'xdm-mapper re2 pattern engine' },
);
