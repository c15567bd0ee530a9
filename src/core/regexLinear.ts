/**
 * Which user patterns the built-in RegExp engine may match instead of RE2 (`regex.ts`): those
 * it provably matches in time linear in the text, written in a syntax that means the same to
 * both engines. RE2 in JavaScript costs about a microsecond per `^[A-Z]{2}$` test, where the
 * built-in engine takes a few dozen nanoseconds; on a million rows with such a field that is
 * most of a second.
 *
 * The syntax accepted (anything else stays with RE2): printable ASCII literals, the escapes
 * `\d \D \w \W \t \n \r \f \v` and escaped punctuation, classes of those and of ranges,
 * groups `( )` and `(?: )`, alternation, the greedy quantifiers `* + ? {n} {n,} {n,m}`, and
 * `^` first and `$` last. Left out on purpose: `.` and `\s` (RE2 and JavaScript disagree on
 * which line breaks and spaces they take), flags, named groups, POSIX and Unicode classes,
 * lazy quantifiers. The pattern is compiled with the `u` flag, so that both engines see code
 * points, not UTF-16 units.
 *
 * Linear time comes from determinism: at every choice the backtracking engine meets (loop
 * again or go on, take a branch, take an optional part), at most one way can match the next
 * character. A quantified part must not match the empty text, and the characters it can start
 * with must differ from those that can follow it; the branches of an alternation start with
 * different characters. Then a wrong choice fails on the next character, so the work is at
 * most the text's length times the pattern's. The start must be anchored with `^`: the search
 * for a match starting anywhere would try every start again.
 */

/** A set of code points as sorted, disjoint, inclusive ranges [lo0, hi0, lo1, hi1, …]. */
type CharSet = readonly number[];

const MAX = 0x10ffff;
const EMPTY: CharSet = [];
const DIGITS: CharSet = [0x30, 0x39];
const WORD: CharSet = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];

function union(a: CharSet, b: CharSet): CharSet {
  const pairs: [number, number][] = [];
  for (let i = 0; i < a.length; i += 2) pairs.push([a[i]!, a[i + 1]!]);
  for (let i = 0; i < b.length; i += 2) pairs.push([b[i]!, b[i + 1]!]);
  pairs.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    if (out.length && lo <= out[out.length - 1]! + 1) out[out.length - 1] = Math.max(out[out.length - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

function complement(a: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < a.length; i += 2) {
    if (a[i]! > next) out.push(next, a[i]! - 1);
    next = a[i + 1]! + 1;
  }
  if (next <= MAX) out.push(next, MAX);
  return out;
}

function overlaps(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < a.length; i += 2) for (let j = 0; j < b.length; j += 2) if (a[i]! <= b[j + 1]! && b[j]! <= a[i + 1]!) return true;
  return false;
}

type Node =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; branches: Node[] }
  | { kind: 'repeat'; body: Node; min: number; max: number };

/** Punctuation whose escape means the character itself in both engines (outside a class). */
const ESCAPABLE = new Set('\\^$.*+?()[]{}|/');
const CONTROL: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, v: 11 };
const SPECIAL = new Set('\\^$.*+?()[]{}|');

class Refused extends Error {}

/** Parses the accepted syntax; throws Refused at anything outside it. */
class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): { anchoredStart: boolean; inner: string; node: Node } {
    const anchoredStart = this.s[0] === '^';
    const start = anchoredStart ? 1 : 0;
    this.i = start;
    let end = this.s.length;
    // `$` last, unless it is escaped (an odd run of backslashes before it).
    if (this.s.endsWith('$')) {
      let slashes = 0;
      for (let k = this.s.length - 2; k >= 0 && this.s[k] === '\\'; k--) slashes++;
      if (slashes % 2 === 0) end--;
    }
    const node = this.alternation(end);
    if (this.i !== end) throw new Refused();
    // `^a|b$` is `(^a)|(b$)`: the anchors belong to the branches, not to the whole.
    if (node.kind === 'alt' && (anchoredStart || end < this.s.length)) throw new Refused();
    return { anchoredStart, inner: this.s.slice(start, end), node };
  }

  private alternation(end: number): Node {
    const branches = [this.sequence(end)];
    while (this.i < end && this.s[this.i] === '|') {
      this.i++;
      branches.push(this.sequence(end));
    }
    return branches.length === 1 ? branches[0]! : { kind: 'alt', branches };
  }

  private sequence(end: number): Node {
    const items: Node[] = [];
    while (this.i < end && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom(end);
      items.push(this.quantified(atom, end));
    }
    return { kind: 'seq', items };
  }

  private quantified(body: Node, end: number): Node {
    const c = this.s[this.i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.s.slice(this.i, end));
      if (!m) throw new Refused();
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (max < min) throw new Refused();
    } else return body;
    // A lazy or possessive mark, or a quantifier on a quantifier.
    if (this.i < end && '*+?{'.includes(this.s[this.i]!)) throw new Refused();
    return { kind: 'repeat', body, min, max };
  }

  private atom(end: number): Node {
    const c = this.s[this.i]!;
    if (c === '(') {
      this.i++;
      if (this.s[this.i] === '?') {
        if (this.s[this.i + 1] !== ':') throw new Refused();
        this.i += 2;
      }
      const inner = this.alternation(end);
      if (this.s[this.i] !== ')') throw new Refused();
      this.i++;
      return inner;
    }
    if (c === '[') return { kind: 'chars', set: this.charClass(end) };
    if (c === '\\') return { kind: 'chars', set: this.escape(end, false) };
    if (SPECIAL.has(c)) throw new Refused();
    this.i++;
    return { kind: 'chars', set: literal(c) };
  }

  /** An escape at `i` (a backslash): its characters. */
  private escape(end: number, inClass: boolean): CharSet {
    const e = this.s[this.i + 1];
    if (e === undefined || this.i + 1 >= end) throw new Refused();
    this.i += 2;
    if (e === 'd') return DIGITS;
    if (e === 'D') return complement(DIGITS);
    if (e === 'w') return WORD;
    if (e === 'W') return complement(WORD);
    if (e in CONTROL) return [CONTROL[e]!, CONTROL[e]!];
    if (ESCAPABLE.has(e) || (inClass && e === '-')) return [e.charCodeAt(0), e.charCodeAt(0)];
    throw new Refused();
  }

  private charClass(end: number): CharSet {
    this.i++;
    const negated = this.s[this.i] === '^';
    if (negated) this.i++;
    // `[]…]` and `[^]…]` read differently in the two engines.
    if (this.s[this.i] === ']') throw new Refused();
    let set: CharSet = EMPTY;
    while (this.i < end && this.s[this.i] !== ']') {
      const from = this.classAtom(end);
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== ']') {
        this.i++;
        const to = this.classAtom(end);
        if (from.length !== 2 || to.length !== 2 || from[0] !== from[1] || to[0] !== to[1] || to[0]! < from[0]!) throw new Refused();
        set = union(set, [from[0]!, to[0]!]);
      } else set = union(set, from);
    }
    if (this.s[this.i] !== ']') throw new Refused();
    this.i++;
    if (!set.length) throw new Refused();
    return negated ? complement(set) : set;
  }

  private classAtom(end: number): CharSet {
    const c = this.s[this.i];
    if (c === undefined || this.i >= end) throw new Refused();
    if (c === '\\') return this.escape(end, true);
    // `[[:alpha:]]` is a POSIX class to RE2 and two characters to JavaScript.
    if (c === '[') throw new Refused();
    // A dash other than first or last in the class is read as a range, or refused, differently by the two engines.
    if (c === '-' && this.s[this.i - 1] !== '[' && this.s[this.i + 1] !== ']') throw new Refused();
    this.i++;
    return literal(c);
  }
}

function literal(c: string): CharSet {
  const u = c.charCodeAt(0);
  if (u < 0x20 || u > 0x7e) throw new Refused();
  return [u, u];
}

function nullable(n: Node): boolean {
  if (n.kind === 'chars') return false;
  if (n.kind === 'seq') return n.items.every(nullable);
  if (n.kind === 'alt') return n.branches.some(nullable);
  return n.min === 0 || nullable(n.body);
}

function first(n: Node): CharSet {
  if (n.kind === 'chars') return n.set;
  if (n.kind === 'alt') return n.branches.map(first).reduce(union, EMPTY);
  if (n.kind === 'repeat') return n.max === 0 ? EMPTY : first(n.body);
  let out: CharSet = EMPTY;
  for (const item of n.items) {
    out = union(out, first(item));
    if (!nullable(item)) break;
  }
  return out;
}

/** Whether every choice in `n` is decided by the next character, given what may follow it. */
function deterministic(n: Node, follow: CharSet): boolean {
  if (n.kind === 'chars') return true;
  if (n.kind === 'seq') {
    let after = follow;
    for (let k = n.items.length - 1; k >= 0; k--) {
      const item = n.items[k]!;
      if (!deterministic(item, after)) return false;
      after = nullable(item) ? union(first(item), after) : first(item);
    }
    return true;
  }
  if (n.kind === 'alt') {
    if (n.branches.some(nullable)) return false;
    const firsts = n.branches.map(first);
    for (let a = 0; a < firsts.length; a++) for (let b = a + 1; b < firsts.length; b++) if (overlaps(firsts[a]!, firsts[b]!)) return false;
    return n.branches.every((b) => deterministic(b, follow));
  }
  if (n.max === 0 || nullable(n.body)) return false;
  const own = first(n.body);
  if (n.max > n.min && overlaps(own, follow)) return false;
  return deterministic(n.body, n.max > 1 ? union(own, follow) : follow);
}

/** Longer patterns are left to RE2: the analysis is quadratic in the pattern's length. */
const MAX_SOURCE = 500;

/**
 * Built-in RegExps that accept exactly what RE2 accepts for `source` and run in linear time:
 * `test` for a match anywhere (null unless the pattern starts with `^`), `whole` for a match
 * of the whole text; null when the pattern is not provably both (RE2 then matches it).
 */
export function linearRegExp(source: string): { test: RegExp | null; whole: RegExp } | null {
  if (source.length > MAX_SOURCE) return null;
  let parsed: ReturnType<Parser['parse']>;
  try {
    parsed = new Parser(source).parse();
  } catch (e) {
    if (e instanceof Refused) return null;
    throw e;
  }
  if (!deterministic(parsed.node, EMPTY)) return null;
  try {
    return { test: parsed.anchoredStart ? new RegExp(source, 'u') : null, whole: new RegExp(`^(?:${parsed.inner})$`, 'u') };
  } catch {
    return null;
  }
}
