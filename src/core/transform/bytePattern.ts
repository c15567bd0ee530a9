import { ESCAPED } from '../csv/byteRows';
import { compilePattern } from '../regex';

/** True when the field `src[s, e)` is proved to match; false leaves it to the schema's own check. */
export type PatternProof = (src: Uint8Array, s: number, e: number, form: number) => boolean;

/** One piece of a pattern: a set of ASCII characters, taken `min` to `max` times. */
interface Piece {
  set: Uint8Array;
  min: number;
  max: number;
}

const DIGITS = '0123456789';
const WORD = `${DIGITS}ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_`;
/** The characters `.` takes in ASCII text: all but the line terminators. */
const DOT = Array.from({ length: 128 }, (_, c) => c).filter((c) => c !== 0x0a && c !== 0x0d);
/** Escaped characters that stand for themselves. */
const LITERAL_ESCAPES = new Set('.-+()[]{}/\\*?|^$'.split(''));
/** Characters that stand for themselves outside a class (anything else is refused, not guessed). */
const PLAIN = new Set(`${WORD} -@:,#%='"!&~<>;`.split(''));

const setOf = (codes: Iterable<number>): Uint8Array => {
  const set = new Uint8Array(128);
  for (const c of codes) set[c] = 1;
  return set;
};
const codes = (chars: string) => [...chars].map((c) => c.charCodeAt(0));

/** The pieces of `^…$` made of classes, `\d`, `\w`, `.` and literals with quantifiers; null for anything else. */
function piecesOf(pattern: string): Piece[] | null {
  if (pattern.length > 200 || !pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return null;
  const body = pattern.slice(1, -1);
  const pieces: Piece[] = [];
  let i = 0;
  while (i < body.length) {
    let set: Uint8Array | null = null;
    const ch = body[i]!;
    if (ch === '[') {
      const end = classEnd(body, i);
      if (end < 0) return null;
      set = classSet(body.slice(i + 1, end));
      i = end + 1;
    } else if (ch === '\\') {
      const next = body[i + 1];
      if (next === 'd') set = setOf(codes(DIGITS));
      else if (next === 'w') set = setOf(codes(WORD));
      else if (next !== undefined && LITERAL_ESCAPES.has(next)) set = setOf(codes(next));
      i += 2;
    } else if (ch === '.') {
      set = setOf(DOT);
      i++;
    } else if (PLAIN.has(ch)) {
      set = setOf(codes(ch));
      i++;
    }
    if (!set) return null;
    let min = 1;
    let max = 1;
    const q = body[i];
    if (q === '+' || q === '*' || q === '?') {
      min = q === '+' ? 1 : 0;
      max = q === '?' ? 1 : Number.POSITIVE_INFINITY;
      i++;
    } else if (q === '{') {
      const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(body.slice(i));
      if (!m) return null;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
      if (max < min) return null;
      i += m[0].length;
    }
    // A lazy or possessive quantifier, or a second one, is not of this subset.
    if (body[i] === '?' || body[i] === '+' || body[i] === '*' || body[i] === '{') return null;
    pieces.push({ set, min, max });
  }
  return pieces;
}

/** Where the class opened at `i` ends (its `]`), or -1. */
function classEnd(body: string, i: number): number {
  for (let k = i + 1; k < body.length; k++) {
    if (body[k] === '\\') k++;
    else if (body[k] === ']' && k > i + 1) return k;
  }
  return -1;
}

/** The ASCII set of a class's inside: ranges, single characters, `\d`, `\w`, escapes; `^` negates. */
function classSet(inside: string): Uint8Array | null {
  const negated = inside.startsWith('^');
  const chars = negated ? inside.slice(1) : inside;
  const set = new Uint8Array(128);
  let k = 0;
  const single = (): number | 'd' | 'w' | null => {
    const c = chars[k]!;
    if (c === '\\') {
      const n = chars[k + 1];
      k += 2;
      if (n === 'd' || n === 'w') return n;
      return n !== undefined && (LITERAL_ESCAPES.has(n) || n === ']') ? n.charCodeAt(0) : null;
    }
    k++;
    const code = c.charCodeAt(0);
    return code < 0x80 && c !== '[' ? code : null;
  };
  while (k < chars.length) {
    const a = single();
    if (a === null) return null;
    if (a === 'd' || a === 'w') {
      for (const c of codes(a === 'd' ? DIGITS : WORD)) set[c] = 1;
      continue;
    }
    if (chars[k] === '-' && k + 1 < chars.length) {
      k++;
      const b = single();
      if (b === null || b === 'd' || b === 'w' || b < a) return null;
      for (let c = a; c <= b; c++) set[c] = 1;
    } else set[a] = 1;
  }
  if (negated) for (let c = 0; c < 128; c++) set[c] = set[c] ? 0 : 1;
  return set;
}

/**
 * A schema `pattern` proved from a field's bytes, where the pattern is of a subset whose
 * matching needs no backtracking: anchored at both ends, classes and literals with quantifiers,
 * and every piece of varying length followed by what cannot take its characters (`^[A-Z]{2}$`,
 * `^[a-z0-9._-]+@[a-z]+$`). Each piece then takes exactly the run of its characters, as the
 * regex would. A field with a byte from 0x80 on, or with doubled quotes, is left to the check;
 * null for a pattern outside the subset. A pattern that takes every text takes every field.
 */
export function patternProof(pattern: string): PatternProof | null {
  if (matchesEveryText(pattern)) return () => true;
  const pieces = piecesOf(pattern);
  if (!pieces) return null;
  for (let k = 0; k < pieces.length; k++) {
    const p = pieces[k]!;
    if (p.min === p.max) continue;
    // What may come next: the following pieces up to the first one that must be there.
    for (let j = k + 1; j < pieces.length; j++) {
      const q = pieces[j]!;
      for (let c = 0; c < 128; c++) if (p.set[c] && q.set[c]) return null;
      if (q.min > 0) break;
    }
  }
  return (src, s, e, form) => {
    if (form === ESCAPED) return false;
    let at = s;
    for (let k = 0; k < pieces.length; k++) {
      const { set, min, max } = pieces[k]!;
      let n = 0;
      while (n < max && at + n < e) {
        const c = src[at + n]!;
        if (c >= 0x80 || set[c] === 0) break;
        n++;
      }
      if (n < min) return false;
      at += n;
    }
    return at === e;
  };
}

/** What makes a match depend on where it is: anchors and word boundaries (an escaped one too, to be safe). */
const CONTEXT = /[\^$]|\\[bBAz]/;

/**
 * A pattern without anchors or word boundaries that matches the empty text matches at the start
 * of every text, so it takes every value: XDM's `stateProvince` pattern
 * `([A-Z]{2}-[A-Z0-9]{1,3}|)` is one. Such a field needs no check at all.
 */
export function matchesEveryText(pattern: string): boolean {
  if (CONTEXT.test(pattern)) return false;
  const r = compilePattern(pattern);
  return r.ok && r.pattern.test('');
}
