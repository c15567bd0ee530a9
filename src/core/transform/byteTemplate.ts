import { ESCAPED } from '../csv/byteRows';
import type { Expr } from '../expr/ast';
import { FUNCTIONS } from '../expr/functions/index';
import { canonicalInteger } from './byteCopy';

/**
 * Calculated text fields written from the cells' bytes: `concat(first_name, " ", last_name)`,
 * `upper(country)`, `iif(is_empty(points), "none", …)`. The common shapes of a calculated
 * field join cells and literals, change their case and choose between them; the row
 * evaluation would decode each cell into a string, build the result and encode it back. Here
 * the direct writer copies the cells' bytes into the JSON string instead. Each row is first
 * read: its conditions decided from bytes, its cells checked to be ones whose copy is the
 * text the evaluation would give. A row this cannot decide (a number that is not plainly
 * written, a non-ASCII cell whose case changes, a cell that trim would change) goes to the
 * row evaluation, so the output never differs from it.
 */
export interface ByteTemplate {
  /**
   * Generated statements that read the row into `into`: -1 when the row evaluation must decide
   * it, 0 when the expression is null (the field is left out), else 1 + the bits of its
   * conditions, which `write` reads back.
   */
  read(into: string): string;
  /**
   * Generated statements that write the quoted JSON string at `o` from `from` (what read left),
   * returning -1 from the generated function when it would pass `L` or a cell is not
   * well-formed UTF-8.
   */
  write(from: string): string;
}

/**
 * The names the generated statements use: `src` the row's buffer, `S`, `E`, `F` its field
 * starts, ends and forms, `out`, `o`, `V`, `VS`, `L`, `HB` as in the direct writer, and the
 * helpers of TEMPLATE_HELPERS.
 */
export const TEMPLATE_HELPERS = {
  /** A comparison's number side from a non-empty cell: its value, NaN when it is not plainly a whole number (in 32 bits for to_integer). */
  TN(src: Uint8Array, s: number, e: number, form: number, int32: boolean): number {
    // Doubled quotes are never part of a plainly written whole number.
    if (form === ESCAPED) return Number.NaN;
    const v = canonicalInteger(src, s, e);
    return int32 && (v < -2147483648 || v > 2147483647) ? Number.NaN : v;
  },
  /** `!`, `&&`, `||` over 1, 0 and -1 (undecided). */
  TNOT: (v: number): number => (v < 0 ? v : 1 - v),
  TAND: (l: number, r: number): number => (l < 0 || r < 0 ? -1 : l & r),
  TOR: (l: number, r: number): number => (l < 0 || r < 0 ? -1 : l | r),
  /** `==` and `!=` of two number sides (null for an empty cell) as `equal` has them. */
  TEQ: (l: number | null, r: number | null, negate: boolean): number => (Number.isNaN(l) || Number.isNaN(r) ? -1 : (l === r) !== negate ? 1 : 0),
  /** `<`, `<=`, `>`, `>=` (op 0–3): false when a side is null, as the operators have it. */
  TCMP(l: number | null, r: number | null, op: number): number {
    if (Number.isNaN(l) || Number.isNaN(r)) return -1;
    if (l === null || r === null) return 0;
    const d = l - r;
    return (op === 0 ? d < 0 : op === 1 ? d <= 0 : op === 2 ? d > 0 : d >= 0) ? 1 : 0;
  },
  /** True when every byte of the field is printable ASCII: its case changes byte by byte, and its JSON escapes hold no letter. */
  TPRINT(src: Uint8Array, s: number, e: number): boolean {
    for (let i = s; i < e; i++) if (src[i]! < 0x20 || src[i]! >= 0x7f) return false;
    return true;
  },
  /** True when trim() leaves the field as it is: it neither starts nor ends with a space, a control or a non-ASCII character. */
  TTRIMS: (src: Uint8Array, s: number, e: number): boolean => s === e || (src[s]! > 0x20 && src[s]! < 0x7f && src[e - 1]! > 0x20 && src[e - 1]! < 0x7f),
  TUP(out: Uint8Array, s: number, e: number): void {
    for (let i = s; i < e; i++) if (out[i]! >= 0x61 && out[i]! <= 0x7a) out[i] = out[i]! - 0x20;
  },
  TLO(out: Uint8Array, s: number, e: number): void {
    for (let i = s; i < e; i++) if (out[i]! >= 0x41 && out[i]! <= 0x5a) out[i] = out[i]! + 0x20;
  },
};

/** Case applied to what a part writes: none, upper, lower. */
type Case = 0 | 1 | 2;
type Part =
  | { t: 'lit'; json: Uint8Array }
  | { t: 'cell'; col: number; case: Case; trim: boolean }
  | { t: 'concat'; parts: Part[] }
  | { t: 'if'; bit: number; yes: Part; no: Part };
type Num = { t: 'cell'; col: number; int32: boolean } | { t: 'lit'; value: number };
type Cond =
  | { t: 'empty'; col: number }
  | { t: 'not'; c: Cond }
  | { t: 'and' | 'or'; l: Cond; r: Cond }
  | { t: 'cmp'; op: string; l: Num; r: Num }
  | { t: 'eq'; col: number; text: Uint8Array; negate: boolean };

/** Condition bits kept in one small integer. */
const MAX_CONDITIONS = 30;
/** Text compared with a cell is compared byte by byte in the generated code: this long at most. */
const MAX_EQUAL_BYTES = 64;
const CMP_OPS = ['<', '<=', '>', '>='];
const QUOTE = 0x22;
const utf8 = new TextEncoder();
const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);
/** A surrogate in a literal could pair with its neighbour once joined, which JSON writes differently. */
const hasSurrogate = (s: string) => /[\ud800-\udfff]/.test(s);
const fn = (e: Expr): string | undefined => (e.type === 'call' ? FUNCTIONS.get(e.name)?.name : undefined);

/**
 * The byte template of an expression whose value goes into a text field unchecked; null when
 * the expression is not of the shapes above. `columnOf` gives the column a field node reads.
 */
export function byteTemplate(root: Expr, columnOf: (e: Expr) => number | undefined, emit: (bytes: Uint8Array) => string): ByteTemplate | null {
  const conds: Cond[] = [];
  /** Cells whose copy must be ASCII text without control characters (their case changes). */
  const cased = new Set<number>();
  const trimmed = new Set<number>();
  const column = (e: Expr): number | null => (e.type === 'field' ? (columnOf(e) ?? null) : null);

  const num = (e: Expr): Num | null => {
    if (e.type === 'literal' && typeof e.value === 'number' && Number.isFinite(e.value)) return { t: 'lit', value: e.value };
    if (e.type === 'unary' && e.op === '-' && e.arg.type === 'literal' && typeof e.arg.value === 'number' && Number.isFinite(e.arg.value))
      return { t: 'lit', value: -e.arg.value };
    const c = column(e);
    if (c !== null) return { t: 'cell', col: c, int32: false };
    if (fn(e) === 'to_integer' && e.type === 'call') {
      const a = column(e.args[0]!);
      return a === null ? null : { t: 'cell', col: a, int32: true };
    }
    return null;
  };
  const cond = (e: Expr): Cond | null => {
    const name = fn(e);
    if (name === 'is_empty' && e.type === 'call') {
      const c = column(e.args[0]!);
      return c === null ? null : { t: 'empty', col: c };
    }
    if (e.type === 'unary' && e.op === '!') {
      const c = cond(e.arg);
      return c && { t: 'not', c };
    }
    if (e.type !== 'binary') return null;
    if (e.op === '&&' || e.op === '||') {
      const l = cond(e.left);
      const r = cond(e.right);
      return l && r && { t: e.op === '&&' ? 'and' : 'or', l, r };
    }
    if (e.op === '==' || e.op === '!=') {
      // A cell against ASCII text: equal as bytes exactly when equal as text.
      for (const [a, b] of [
        [e.left, e.right],
        [e.right, e.left],
      ] as const) {
        const c = column(a);
        if (c !== null && b.type === 'literal' && typeof b.value === 'string' && isAscii(b.value) && b.value.length <= MAX_EQUAL_BYTES)
          return { t: 'eq', col: c, text: utf8.encode(b.value), negate: e.op === '!=' };
      }
    }
    if (!['<', '<=', '>', '>=', '==', '!='].includes(e.op)) return null;
    const l = num(e.left);
    const r = num(e.right);
    // Two cells compare as text unless one is read as a number: left to the evaluation.
    if (!l || !r || (l.t === 'cell' && r.t === 'cell' && !l.int32 && !r.int32)) return null;
    return { t: 'cmp', op: e.op, l, r };
  };
  const part = (e: Expr, mode: Case): Part | null => {
    if (e.type === 'literal' && typeof e.value === 'string') {
      if (hasSurrogate(e.value) || (mode !== 0 && !isAscii(e.value))) return null;
      const text = mode === 1 ? e.value.toUpperCase() : mode === 2 ? e.value.toLowerCase() : e.value;
      return { t: 'lit', json: utf8.encode(JSON.stringify(text).slice(1, -1)) };
    }
    const c = column(e);
    if (c !== null) {
      if (mode !== 0) cased.add(c);
      return { t: 'cell', col: c, case: mode, trim: false };
    }
    const name = fn(e);
    if (e.type === 'call' && (name === 'upper' || name === 'lower'))
      // The outer change of case decides (upper(lower(x)) is upper(x) for ASCII text).
      return part(e.args[0]!, mode !== 0 ? mode : name === 'upper' ? 1 : 2);
    if (e.type === 'call' && name === 'trim') {
      const t = column(e.args[0]!);
      if (t === null) return null;
      trimmed.add(t);
      if (mode !== 0) cased.add(t);
      return { t: 'cell', col: t, case: mode, trim: true };
    }
    if (e.type === 'call' && name === 'concat') {
      const parts: Part[] = [];
      for (const a of e.args) {
        const p = part(a, mode);
        if (!p) return null;
        parts.push(p);
      }
      return { t: 'concat', parts };
    }
    const test = e.type === 'call' && name === 'iif' ? e.args[0] : e.type === 'conditional' ? e.test : undefined;
    if (test && (e.type === 'call' || e.type === 'conditional')) {
      const [thenE, elseE] = e.type === 'call' ? [e.args[1]!, e.args[2]!] : [e.then, e.else];
      const c = cond(test);
      if (!c || conds.length >= MAX_CONDITIONS) return null;
      const bit = conds.length;
      conds.push(c);
      const a = part(thenE, mode);
      const b = part(elseE, mode);
      return a && b && { t: 'if', bit, yes: a, no: b };
    }
    return null;
  };

  let top: Part | null;
  try {
    top = part(root, 0);
  } catch (e) {
    // A tree too deep to walk is left to the evaluation, which says so per row.
    if (e instanceof RangeError) return null;
    throw e;
  }
  if (!top) return null;
  const tree = top;
  const casedCols = [...cased];
  const trimmedCols = [...trimmed];

  const cell = (c: number) => ({ s: `S[${c}]`, e: `E[${c}]`, f: `F[${c}]` });
  const numberCode = (n: Num): string => {
    if (n.t === 'lit') return `(${String(n.value)})`;
    const { s, e, f } = cell(n.col);
    return `(${e} === ${s} ? null : TN(src, ${s}, ${e}, ${f}, ${n.int32}))`;
  };
  /** A condition as generated code giving 1, 0 or -1 (undecided). */
  const condCode = (c: Cond): string => {
    switch (c.t) {
      case 'empty': {
        const { s, e } = cell(c.col);
        return `(${e} === ${s} ? 1 : 0)`;
      }
      case 'not':
        return `TNOT(${condCode(c.c)})`;
      case 'and':
        return `TAND(${condCode(c.l)}, ${condCode(c.r)})`;
      case 'or':
        return `TOR(${condCode(c.l)}, ${condCode(c.r)})`;
      case 'eq': {
        const { s, e, f } = cell(c.col);
        const bytes = Array.from(c.text, (b, i) => ` && src[${s} + ${i}] === ${b}`).join('');
        const yes = c.negate ? 0 : 1;
        return `(${e} === ${s} ? ${1 - yes} : ${f} === ${ESCAPED} ? -1 : ${e} - ${s} === ${c.text.length}${bytes} ? ${yes} : ${1 - yes})`;
      }
      case 'cmp':
        return c.op === '==' || c.op === '!='
          ? `TEQ(${numberCode(c.l)}, ${numberCode(c.r)}, ${c.op === '!='})`
          : `TCMP(${numberCode(c.l)}, ${numberCode(c.r)}, ${CMP_OPS.indexOf(c.op)})`;
    }
  };
  const bit = (from: string, j: number) => `((${from} - 1) >>> ${j} & 1)`;
  /** Whether the part is null, as a generated boolean (bits read from `from`). */
  const nullCode = (p: Part, from: string): string => {
    switch (p.t) {
      case 'lit':
        return 'false';
      case 'cell':
        return `${cell(p.col).e} === ${cell(p.col).s}`;
      case 'concat':
        return p.parts.length ? `(${p.parts.map((q) => nullCode(q, from)).join(' && ')})` : 'true';
      case 'if':
        return `(${bit(from, p.bit)} ? ${nullCode(p.yes, from)} : ${nullCode(p.no, from)})`;
    }
  };
  const roomCode = (p: Part, from: string): string => {
    switch (p.t) {
      case 'lit':
        return String(p.json.length);
      case 'cell':
        return `6 * (${cell(p.col).e} - ${cell(p.col).s})`;
      case 'concat':
        return p.parts.length ? `(${p.parts.map((q) => roomCode(q, from)).join(' + ')})` : '0';
      case 'if':
        return `(${bit(from, p.bit)} ? ${roomCode(p.yes, from)} : ${roomCode(p.no, from)})`;
    }
  };
  const putCode = (p: Part, from: string): string => {
    switch (p.t) {
      case 'lit':
        return emit(p.json);
      case 'cell': {
        const { s, e, f } = cell(p.col);
        const copy = `o = CF(src, VS, ${s}, ${e}, ${f}, out, V, o, HB); if (o < 0) return -1;`;
        // Read made sure a cased cell is printable ASCII: its copy holds no escape with a letter.
        const cased = p.case === 0 ? '' : ` ${p.case === 1 ? 'TUP' : 'TLO'}(out, q, o);`;
        return `if (${e} !== ${s}) { const q = o; ${copy}${cased} }`;
      }
      case 'concat':
        return p.parts.map((q) => putCode(q, from)).join('\n');
      case 'if':
        return `if (${bit(from, p.bit)}) {\n${putCode(p.yes, from)}\n} else {\n${putCode(p.no, from)}\n}`;
    }
  };
  return {
    read(into) {
      const lines = [`${into} = 1;`];
      conds.forEach((c, j) => {
        // Once a condition is undecided, the row is the evaluation's: later ones are not read.
        lines.push(`if (${into} > 0) { const d = ${condCode(c)}; if (d < 0) ${into} = -1; else ${into} += d << ${j}; }`);
      });
      for (const c of casedCols) lines.push(`if (${into} > 0 && !TPRINT(src, S[${c}], E[${c}])) ${into} = -1;`);
      for (const c of trimmedCols) lines.push(`if (${into} > 0 && !TTRIMS(src, S[${c}], E[${c}])) ${into} = -1;`);
      lines.push(`if (${into} > 0 && ${nullCode(tree, into)}) ${into} = 0;`);
      return lines.join('\n');
    },
    write(from) {
      return [`if (o + ${roomCode(tree, from)} + 2 > L) return -1;`, `out[o++] = ${QUOTE};`, putCode(tree, from), `out[o++] = ${QUOTE};`].join('\n');
    },
  };
}
