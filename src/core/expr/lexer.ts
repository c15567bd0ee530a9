import type { ExprError } from './ast';

export type Token =
  | { kind: 'number'; value: number; text: string; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'date'; text: string; pos: number }
  | { kind: 'ident'; value: string; pos: number }
  | { kind: 'braced'; value: string; pos: number }
  | { kind: 'op'; value: string; pos: number }
  | { kind: 'eof'; pos: number };

const OPS = ['->', '&&', '||', '==', '!=', '<=', '>=', '?:', '+', '-', '*', '/', '%', '<', '>', '!', '(', ')', '[', ']', '{', '}', ',', '.', '?', ':'];
/** Word forms of operators, as in JEXL which Data Prep's language follows. */
export const WORD_OPS: Record<string, string> = { eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=', and: '&&', or: '||', not: '!', div: '/', mod: '%' };
/** Reserved words: a column named like one must be written `${name}`. */
export const RESERVED = new Set([
  'new',
  'mod',
  'or',
  'break',
  'var',
  'lt',
  'for',
  'false',
  'while',
  'eq',
  'gt',
  'div',
  'not',
  'null',
  'continue',
  'else',
  'and',
  'ne',
  'true',
  'le',
  'if',
  'ge',
  'return',
  '_errors',
  'do',
  'function',
  'empty',
  'size',
]);

/**
 * An ISO date-time written bare, as AEP's function reference does in its examples
 * (`zone_date_to_utc(2019-10-17T11:55:12 PST)`). Only with a `T`, so `2019-10-17` stays arithmetic.
 */
const BARE_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?(?: [A-Z]{2,5}\b)?/;

export function tokenize(src: string): { ok: true; tokens: Token[] } | { ok: false; error: ExprError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const bare = BARE_DATE.exec(src.slice(i));
      if (bare) {
        tokens.push({ kind: 'date', text: bare[0], pos: start });
        i += bare[0].length;
        continue;
      }
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[lLdDfF]?/.exec(src.slice(i))!;
      const text = m[0].replace(/[lLdDfF]$/, '');
      tokens.push({ kind: 'number', value: Number(text), text, pos: start });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let out = '';
      i++;
      for (;;) {
        if (i >= src.length) return { ok: false, error: { pos: start, message: `string starting at ${start} is not closed: expected ${c}` } };
        const ch = src[i]!;
        if (ch === c) {
          i++;
          break;
        }
        if (ch === '\\') {
          const n = src[i + 1];
          if (n === undefined) return { ok: false, error: { pos: i, message: 'a backslash ends the expression' } };
          if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
            out += String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          out += n === 'n' ? '\n' : n === 't' ? '\t' : n === 'r' ? '\r' : n === 'b' ? '\b' : n === 'f' ? '\f' : n;
          i += 2;
          continue;
        }
        out += ch;
        i++;
      }
      tokens.push({ kind: 'string', value: out, pos: start });
      continue;
    }
    if (c === '$' && src[i + 1] === '{') {
      // ${Any Column Name}; `\.` keeps a dot inside a name, `\}` a closing brace.
      let name = '';
      i += 2;
      for (;;) {
        if (i >= src.length) return { ok: false, error: { pos: start, message: `\${ at ${start} is not closed: expected }` } };
        const ch = src[i]!;
        if (ch === '\\' && i + 1 < src.length) {
          name += `\\${src[i + 1]}`;
          i += 2;
          continue;
        }
        if (ch === '}') {
          i++;
          break;
        }
        name += ch;
        i++;
      }
      tokens.push({ kind: 'braced', value: name, pos: start });
      continue;
    }
    if (/[\p{L}_$]/u.test(c)) {
      const m = /^[\p{L}_$][\p{L}\p{N}_$]*/u.exec(src.slice(i))!;
      tokens.push({ kind: 'ident', value: m[0], pos: start });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', value: op, pos: start });
      i += op.length;
      continue;
    }
    return { ok: false, error: { pos: i, message: `unexpected character "${c}" at ${i}` } };
  }
  tokens.push({ kind: 'eof', pos: src.length });
  return { ok: true, tokens };
}
