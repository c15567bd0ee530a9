import { compilePattern, type SafePattern } from '../../regex';
import { fail, int, str, text, type Value } from '../values';
import type { FnSpec } from './types';

/** A user's regular expression, matched in linear time (RE2); a pattern RE2 refuses fails the row. */
export function userRegex(src: string): SafePattern {
  const r = compilePattern(src);
  return r.ok ? r.pattern : fail(r.message);
}

/** Longest text padding may make: more could never fit in one AEP record (1 MB), and would only fill memory. */
const MAX_PADDED = 1 << 20;

function pad(input: Value, count: Value, padding: Value, left: boolean): Value {
  const s = str(input);
  if (s === null) return null;
  const size = int(count, 'COUNT') ?? 0;
  if (size > MAX_PADDED) return fail(`COUNT ${size} is more than ${MAX_PADDED} characters, which no record of AEP's (1 MB at most) can hold`);
  let p = str(padding);
  if (p === null || p === '') p = ' ';
  const need = size - s.length;
  if (need <= 0) return s;
  const fill = p.repeat(Math.ceil(need / p.length)).slice(0, need);
  return left ? fill + s : s + fill;
}

export const STRING_FUNCTIONS: FnSpec[] = [
  {
    name: 'concat',
    family: 'string',
    params: ['...STRING'],
    description: 'Joins its arguments into one string; null arguments are skipped (null when all are null).',
    // A loop rather than filter/map/join: a calculated field runs it on every row.
    call: (args) => {
      let out: string | null = null;
      for (const a of args) if (a !== null) out = (out ?? '') + text(a);
      return out;
    },
  },
  {
    name: 'explode',
    family: 'string',
    params: ['STRING', 'REGEX?'],
    description: 'Splits a string on a regular expression (default ",") into an array.',
    call: ([s, re]) => {
      const v = str(s ?? null);
      if (v === null) return null;
      const r = re === undefined || re === null ? ',' : (str(re) ?? ',');
      return userRegex(r).split(v);
    },
  },
  {
    name: 'instr',
    family: 'string',
    params: ['INPUT', 'SUBSTRING', 'START_POSITION?', 'OCCURRENCE?'],
    description: 'Position (0-based) of the nth occurrence of a substring from a start position, or -1.',
    call: ([input, sub, start, occ]) => {
      const s = str(input!);
      const t = str(sub!);
      if (s === null || t === null) return null;
      let from = start === undefined || start === null ? 0 : (int(start, 'START_POSITION') ?? 0);
      let n = occ === undefined || occ === null ? 1 : (int(occ, 'OCCURRENCE') ?? 1);
      if (n < 1) return fail('OCCURRENCE must be 1 or more');
      // The empty text is found at every position, the last one again and again (as Java's
      // indexOf finds it): counted, not looped, since OCCURRENCE may be any number.
      if (t === '') return Math.min(Math.min(Math.max(from, 0), s.length) + n - 1, s.length);
      let at = -1;
      while (n-- > 0) {
        at = s.indexOf(t, from);
        if (at < 0) return -1;
        from = at + 1;
      }
      return at;
    },
  },
  {
    name: 'replacestr',
    family: 'string',
    params: ['INPUT', 'TO_FIND', 'TO_REPLACE'],
    description: 'Replaces every occurrence of a string with another.',
    call: ([input, find, repl]) => {
      const s = str(input!);
      if (s === null) return null;
      const f = str(find!);
      if (f === null || f === '') return s;
      return s.split(f).join(str(repl!) ?? '');
    },
  },
  {
    name: 'substr',
    family: 'string',
    params: ['INPUT', 'START_INDEX', 'LENGTH'],
    description: 'The part of a string from a 0-based start index, of at most the given length.',
    call: ([input, start, len]) => {
      const s = str(input!);
      if (s === null) return null;
      const from = int(start!, 'START_INDEX') ?? 0;
      const n = int(len!, 'LENGTH') ?? 0;
      if (from < 0 || n < 0) return fail('START_INDEX and LENGTH must not be negative');
      return s.substr(from, n);
    },
  },
  {
    name: 'lower',
    aliases: ['lcase'],
    family: 'string',
    params: ['INPUT'],
    description: 'The string in lowercase.',
    call: ([v]) => str(v!)?.toLowerCase() ?? null,
  },
  {
    name: 'upper',
    aliases: ['ucase'],
    family: 'string',
    params: ['INPUT'],
    description: 'The string in uppercase.',
    call: ([v]) => str(v!)?.toUpperCase() ?? null,
  },
  {
    name: 'split',
    family: 'string',
    params: ['INPUT', 'SEPARATOR'],
    description: 'Splits a string on any of the separator characters, dropping empty parts.',
    call: ([input, sep]) => {
      const s = str(input!);
      if (s === null) return null;
      const chars = new Set(str(sep!) ?? ' ');
      const out: string[] = [];
      let cur = '';
      for (const c of s) {
        if (chars.has(c)) {
          if (cur) out.push(cur);
          cur = '';
        } else cur += c;
      }
      if (cur) out.push(cur);
      return out;
    },
  },
  {
    name: 'join',
    family: 'string',
    params: ['SEPARATOR', '...OBJECTS'],
    description: 'Joins the items of an array (or the arguments) with a separator; nulls join as empty.',
    call: ([sep, ...rest]) => {
      const items = rest.length === 1 && Array.isArray(rest[0]) ? rest[0] : rest;
      return items.map((v) => (v === null ? '' : text(v))).join(str(sep!) ?? '');
    },
  },
  {
    name: 'lpad',
    family: 'string',
    params: ['INPUT', 'COUNT', 'PADDING'],
    description: 'Pads the start of a string to a length with a padding string.',
    call: ([a, b, c]) => pad(a!, b!, c!, true),
  },
  {
    name: 'rpad',
    family: 'string',
    params: ['INPUT', 'COUNT', 'PADDING'],
    description: 'Pads the end of a string to a length with a padding string.',
    call: ([a, b, c]) => pad(a!, b!, c!, false),
  },
  {
    name: 'left',
    family: 'string',
    params: ['STRING', 'COUNT'],
    description: 'The first n characters of a string.',
    call: ([s, n]) => {
      const v = str(s!);
      const k = int(n!, 'COUNT');
      return v === null || k === null ? null : v.slice(0, Math.max(0, k));
    },
  },
  {
    name: 'right',
    family: 'string',
    params: ['STRING', 'COUNT'],
    description: 'The last n characters of a string.',
    call: ([s, n]) => {
      const v = str(s!);
      const k = int(n!, 'COUNT');
      return v === null || k === null ? null : k <= 0 ? '' : v.slice(-k);
    },
  },
  {
    name: 'ltrim',
    family: 'string',
    params: ['STRING'],
    description: 'The string without leading whitespace.',
    call: ([v]) => str(v!)?.replace(/^\s+/, '') ?? null,
  },
  {
    name: 'rtrim',
    family: 'string',
    params: ['STRING'],
    description: 'The string without trailing whitespace.',
    call: ([v]) => str(v!)?.replace(/\s+$/, '') ?? null,
  },
  {
    name: 'trim',
    family: 'string',
    params: ['STRING'],
    description: 'The string without leading and trailing whitespace.',
    call: ([v]) => str(v!)?.trim() ?? null,
  },
  {
    name: 'equals',
    family: 'string',
    params: ['STRING1', 'STRING2'],
    description: 'Whether two strings are equal, case counting (also written STRING1.equals(STRING2)).',
    call: ([a, b]) => (a === null || b === null ? a === b : str(a!) === str(b!)),
  },
  {
    name: 'equalsIgnoreCase',
    family: 'string',
    params: ['STRING1', 'STRING2'],
    description: 'Whether two strings are equal, ignoring case (also written STRING1.equalsIgnoreCase(STRING2)).',
    call: ([a, b]) => (a === null || b === null ? a === b : str(a!)!.toLowerCase() === str(b!)!.toLowerCase()),
  },
];

export const REGEX_FUNCTIONS: FnSpec[] = [
  {
    name: 'extract_regex',
    family: 'regex',
    params: ['STRING', 'REGEX'],
    description: 'The whole match and each group of a regular expression, as an array (null when it does not match).',
    call: ([s, re]) => {
      const v = str(s!);
      const r = str(re!);
      if (v === null || r === null) return null;
      const m = userRegex(r).exec(v);
      return m ? [...m].map((g) => g ?? null) : null;
    },
  },
  {
    name: 'matches_regex',
    family: 'regex',
    params: ['STRING', 'REGEX'],
    description: 'Whether the whole string matches a regular expression.',
    call: ([s, re]) => {
      const v = str(s!);
      const r = str(re!);
      if (v === null || r === null) return false;
      return userRegex(r).matchesWhole(v);
    },
  },
];
