import type { Reader } from '../convert/coerce';
import { daysInMonth } from '../convert/dates';
import { BARE, ESCAPED, type ScannedRow } from '../csv/byteRows';
import { cellDecoder, createDecoder } from '../csv/decode';
import type { CsvEncoding } from '../csv/encoding';
import type { LinePlan, PlanNode } from './lines';

/** One mapping step as the byte writer sees it. */
export type ByteStep =
  | { kind: 'const'; text: string }
  | {
      kind: 'expr';
      /**
       * A calculated field, given a reader of the row's cells (null for an empty one): the JSON
       * text of its checked value, undefined when it gives nothing, null when it fails.
       */
      evaluate(cell: (column: number) => string | null): string | undefined | null;
    }
  | {
      kind: 'attr';
      col: number;
      /** The JSON type of its values; `string` for text and dates. */
      valueType: 'string' | 'number' | 'integer' | 'boolean';
      /** Text that goes in as it is (no conversion). */
      verbatim: boolean;
      read: Reader;
      /** For integers: the range of the field's width. */
      range?: readonly [number, number];
      /**
       * For dates read with the default patterns: the ISO shape (`yyyy-MM-dd` for `date`,
       * `yyyy-MM-ddTHH:mm:ssZ` for `date-time`) whose valid values are written as they are.
       */
      iso?: 'date' | 'date-time';
      /** False when the column's reading does not read canonical JSON text as itself (a decimal comma's `1.234` is 1234). */
      copies?: boolean;
    };

/**
 * Writes a record as JSON Lines bytes straight from a scanned CSV row: text cells are copied
 * byte for byte (escaped where JSON needs it), whole numbers already in canonical form too,
 * other cells are converted through the same readers as the text path. Any row that does not
 * convert and check cleanly is left to the full path, which says why.
 */
export interface ByteLineWriter {
  /** An upper bound of the bytes a row of `rowBytes` bytes can take, newline included. */
  bound(rowBytes: number): number;
  /**
   * Writes the row's record and its newline into `out` from `at`; returns the bytes written,
   * or -1 when the full path must handle the row.
   */
  write(row: ScannedRow, buf: Uint8Array, out: Uint8Array, at: number): number;
  /** Says that the rows written next come from `buf`, whose bytes are new (even if the buffer is not). */
  source(buf: Uint8Array): void;
}

const utf8 = new TextEncoder();
const OPEN = 0x7b;
const CLOSE = 0x7d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** JSON's short escapes for control characters; the others are written \u00XX. */
const SHORT_ESCAPE: Record<number, number> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72 };
const HEX = utf8.encode('0123456789abcdef');
const TRUE = utf8.encode('true');
const FALSE = utf8.encode('false');

const matches = (buf: Uint8Array, at: number, word: Uint8Array): boolean => {
  for (let i = 0; i < word.length; i++) if (buf[at + i] !== word[i]) return false;
  return true;
};

/**
 * True when `buf[s, e)` is a decimal that JavaScript writes back exactly as it is: `-`?, no
 * leading zero, no trailing zero after a point, at most 15 significant digits (so it is the
 * shortest text of its double) and no more than five zeros after `0.` (smaller numbers are
 * written with an exponent).
 */
export function isCanonicalDecimal(buf: Uint8Array, s: number, e: number): boolean {
  let i = s;
  if (buf[i] === 0x2d) i++;
  const intStart = i;
  while (i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
  const intDigits = i - intStart;
  if (intDigits === 0 || (intDigits > 1 && buf[intStart] === 0x30)) return false;
  const zeroInt = intDigits === 1 && buf[intStart] === 0x30;
  let significant = zeroInt ? 0 : intDigits;
  if (i === e) return !(zeroInt && s !== intStart) && significant <= 15;
  if (buf[i] !== 0x2e) return false;
  i++;
  const fracStart = i;
  let leadingZeros = 0;
  let seenNonZero = !zeroInt;
  while (i < e && buf[i]! >= 0x30 && buf[i]! <= 0x39) {
    if (buf[i] !== 0x30) seenNonZero = true;
    else if (!seenNonZero) leadingZeros++;
    if (seenNonZero) significant++;
    i++;
  }
  if (i !== e || i === fracStart || buf[e - 1] === 0x30) return false;
  return significant <= 15 && (!zeroInt || leadingZeros <= 5);
}

/**
 * Reads the text of fields (what the text path has as cells). The bytes being scanned are
 * decoded once as single-byte text, so that an ASCII field is a slice of it at the same
 * offsets; a field with other bytes goes through the file's own decoder. Doubled quotes of a
 * quoted field are undone.
 */
function textReader(
  encoding: CsvEncoding,
  decodeSingleByte?: (bytes: Uint8Array) => string,
): {
  source(buf: Uint8Array): void;
  text(src: Uint8Array, s: number, e: number, form: number): string;
} {
  const fileDecoder = cellDecoder(encoding);
  // windows-1252 (what 'latin1' means to TextDecoder) maps every byte to one UTF-16 unit: offsets match.
  const latin1 = new TextDecoder('latin1');
  const single = decodeSingleByte ?? ((bytes: Uint8Array) => latin1.decode(bytes));
  let bytes: Uint8Array | null = null;
  // The buffer is decoded in pieces as they are needed: pieces this small stay ordinary heap
  // strings (Node makes megabyte ones external, and their churn keeps the collector busy).
  let pieces: (string | undefined)[] = [];
  return {
    source(buf) {
      bytes = buf;
      pieces = [];
    },
    text(src, s, e, form) {
      let t: string | null = null;
      for (let i = s; i < e; i++)
        if (src[i]! >= 0x80) {
          t = fileDecoder.decode(src.subarray(s, e));
          break;
        }
      if (t === null) {
        if (src !== bytes) {
          bytes = src;
          pieces = [];
        }
        const k = s >>> PIECE_BITS;
        if (k !== (e - 1) >>> PIECE_BITS) t = single(src.subarray(s, e));
        else {
          const base = k << PIECE_BITS;
          let piece = pieces[k];
          if (piece === undefined) {
            piece = single(src.subarray(base, Math.min(src.length, base + (1 << PIECE_BITS))));
            pieces[k] = piece;
          }
          t = piece.slice(s - base, e - base);
        }
      }
      return form === ESCAPED ? t.replaceAll('""', '"') : t;
    },
  };
}
const PIECE_BITS = 18;

/** A canonical whole number (no sign but `-`, no leading zero, at most 15 digits), or NaN. */
export function canonicalInteger(src: Uint8Array, s: number, e: number): number {
  let i = s;
  const negative = src[i] === 0x2d;
  if (negative) i++;
  const digits = e - i;
  if (digits < 1 || digits > 15 || (src[i] === 0x30 && (digits > 1 || negative))) return Number.NaN;
  let v = 0;
  for (; i < e; i++) {
    const d = src[i]! - 0x30;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return negative ? -v : v;
}

/**
 * Copies a field as a JSON string body into `out` at `o`, undoing doubled quotes and escaping
 * what JSON needs; returns the new end, or -1 when its bytes are not well-formed UTF-8 (the
 * text path then decodes them, with replacement characters).
 */
function copyField(
  src: Uint8Array,
  vs: DataView,
  s: number,
  e: number,
  form: number,
  out: Uint8Array,
  vo: DataView,
  o: number,
  /** For a single-byte encoding: the UTF-8 bytes of each byte from 0x80 on; null for UTF-8 input. */
  high: readonly Uint8Array[] | null,
): number {
  const escaped = form === ESCAPED;
  let p = o;
  let i = s;
  // Four bytes at a time while none needs a second look (non-ASCII, control, quote, backslash).
  for (; i + 4 <= e; i += 4, p += 4) {
    const w = vs.getUint32(i, true);
    const quote = w ^ 0x22222222;
    const slash = w ^ 0x5c5c5c5c;
    const special = (w & 0x80808080) | ((w - 0x20202020) & ~w) | ((quote - 0x01010101) & ~quote) | ((slash - 0x01010101) & ~slash);
    if ((special & 0x80808080) !== 0) break;
    vo.setUint32(p, w, true);
  }
  for (; i < e; i++) {
    const c = src[i]!;
    if (c >= 0x20 && c < 0x80 && c !== QUOTE && c !== BACKSLASH) {
      out[p++] = c;
      continue;
    }
    if (c >= 0x80 && high) {
      const seq = high[c - 0x80]!;
      for (let k = 0; k < seq.length; k++) out[p++] = seq[k]!;
      continue;
    }
    if (c >= 0x80) {
      const n = utf8Length(src, i, e);
      if (n === 0) return -1;
      for (let k = 0; k < n; k++) out[p++] = src[i + k]!;
      i += n - 1;
      continue;
    }
    out[p++] = BACKSLASH;
    if (c === QUOTE) {
      out[p++] = QUOTE;
      if (escaped) i++;
    } else if (c === BACKSLASH) out[p++] = BACKSLASH;
    else {
      const short = SHORT_ESCAPE[c];
      if (short !== undefined) out[p++] = short;
      else {
        out[p++] = 0x75;
        out[p++] = 0x30;
        out[p++] = 0x30;
        out[p++] = HEX[c >> 4]!;
        out[p++] = HEX[c & 15]!;
      }
    }
  }
  return p;
}

/** Bytes set aside per calculated field; a longer value sends its row the full way. */
const EXPR_BUDGET = 4096;

/** Writes JSON text (well-formed UTF-16) as UTF-8, at most `budget` bytes; -1 if it needs more. */
function copyUtf8(t: string, out: Uint8Array, o: number, budget: number): number {
  if (t.length * 3 > budget) return -1;
  let p = o;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x80) out[p++] = c;
    else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 63);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (t.charCodeAt(++i) - 0xdc00);
      out[p++] = 0xf0 | (cp >> 18);
      out[p++] = 0x80 | ((cp >> 12) & 63);
      out[p++] = 0x80 | ((cp >> 6) & 63);
      out[p++] = 0x80 | (cp & 63);
    } else {
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 63);
      out[p++] = 0x80 | (c & 63);
    }
  }
  return p;
}

/** Writes ASCII text that needs no escaping into `out` at `o`; -1 if it has anything else. */
function copyText(t: string, out: Uint8Array, o: number): number {
  let p = o;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x20 || c >= 0x80 || c === QUOTE || c === BACKSLASH) return -1;
    out[p++] = c;
  }
  return p;
}

const digit = (src: Uint8Array, i: number): number => {
  const d = src[i]! - 0x30;
  return d >= 0 && d <= 9 ? d : Number.NaN;
};
const two = (src: Uint8Array, i: number): number => digit(src, i) * 10 + digit(src, i + 1);

/** A valid `yyyy-MM-dd` date from year 1000 on at `src[s]`, which a date field stores as it is. */
export function isIsoDate(src: Uint8Array, s: number, e: number): boolean {
  if (e - s < 10 || src[s + 4] !== 0x2d || src[s + 7] !== 0x2d) return false;
  // A part that is not all digits is NaN, and every comparison with NaN is false.
  const year = two(src, s) * 100 + two(src, s + 2);
  const month = two(src, s + 5);
  const day = two(src, s + 8);
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A valid `yyyy-MM-ddTHH:mm:ssZ` from year 1000 on (20 bytes), which a date-time field stores as it is. */
export function isIsoDateTime(src: Uint8Array, s: number, e: number): boolean {
  if (e - s !== 20 || src[s + 10] !== 0x54 || src[s + 13] !== 0x3a || src[s + 16] !== 0x3a || src[s + 19] !== 0x5a) return false;
  return isIsoDate(src, s, s + 10) && two(src, s + 11) <= 23 && two(src, s + 14) <= 59 && two(src, s + 17) <= 59;
}

/** Statements that write fixed bytes at `o` and move it on. */
function emitBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  const at = (i: number) => `o${i ? ` + ${i}` : ''}`;
  const stores: string[] = [];
  let i = 0;
  // Four bytes per store through a DataView over the output block (any alignment).
  for (; i + 4 <= bytes.length; i += 4)
    stores.push(`V.setUint32(${at(i)}, ${(bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)) >>> 0}, true);`);
  for (; i < bytes.length; i++) stores.push(`out[${at(i)}] = ${bytes[i]};`);
  return `${stores.join(' ')} o += ${bytes.length};`;
}

/**
 * Compiles the writer for one mapping into a single function (with `new Function`, as ajv
 * compiles its validators): every step's cell is read into locals, then the record's bytes
 * are written with its keys as fixed byte stores, its objects present only when one of their
 * fields is. Only numbers derived from the mapping (column and step indexes, byte values,
 * integer ranges) are written into the generated source; names and values never are.
 * Null when the platform forbids generated code.
 */
export function byteLineWriter(
  plan: LinePlan,
  steps: readonly ByteStep[],
  options: {
    /** The file's encoding: UTF-8, or a single-byte one (Windows-1252, Mac Roman), whose bytes are transcoded. */
    encoding?: CsvEncoding;
    /** A faster one-byte-per-character decoder than TextDecoder, where the platform has one. */
    decodeSingleByte?: (bytes: Uint8Array) => string;
    /** Empty cells write null (`--empty-cells null`): a row with one goes the full way, which checks the null. */
    emptyIsNull?: boolean;
  } = {},
): ByteLineWriter | null {
  const encoding = options.encoding ?? 'utf-8';
  if (encoding !== 'utf-8' && encoding !== 'windows-1252' && encoding !== 'macintosh') return null;
  const checks = plan.checks;
  const cells = textReader(encoding, options.decodeSingleByte);
  const high = encoding === 'utf-8' ? null : highBytes(encoding);
  const reads = steps.map((s) => (s.kind === 'attr' ? s.read : null));
  // Calculated fields read cells of the row being written through one reader made here.
  let row: ScannedRow | null = null;
  let src: Uint8Array = new Uint8Array(0);
  const cell = (i: number): string | null => {
    const s = row!.starts[i]!;
    const e = row!.ends[i]!;
    return e === s ? null : cells.text(src, s, e, row!.forms[i]!);
  };
  const calculated = steps.map((s) =>
    s.kind === 'expr'
      ? (r: ScannedRow, b: Uint8Array) => {
          row = r;
          src = b;
          return s.evaluate(cell);
        }
      : null,
  );
  const lines: string[] = [];
  const add = (line: string): void => {
    lines.push(line);
  };
  let fixed = 2;

  // Step k leaves h{k}: 0 absent, 1 copy the cell (quoted if text), 2 bare text t{k},
  // 3 quoted text t{k}, 5 JSON text t{k} (a calculated field); constants are always written.
  add('const S = row.starts, E = row.ends, F = row.forms;');
  for (const [k, st] of steps.entries()) {
    if (st.kind === 'const') continue;
    if (st.kind === 'expr') {
      add(`let h${k} = 0, t${k} = '';`);
      add(`{ const v = X[${k}](row, src); if (v === null) return -1; if (v !== undefined) { t${k} = v; h${k} = 5; } }`);
      continue;
    }
    const c = st.col;
    const check = checks[k] ? `C[${k}]` : null;
    add(`let h${k} = 0, t${k} = '';`);
    add(`const s${k} = S[${c}], e${k} = E[${c}], f${k} = F[${c}];`);
    if (options.emptyIsNull) add(`if (e${k} === s${k}) return -1;`);
    add(`if (e${k} !== s${k}) {`);
    const text = `T(src, s${k}, e${k}, f${k})`;
    if (st.verbatim) {
      if (check) add(`  if (!${check}(${text})) return -1;`);
      add(`  h${k} = 1;`);
    } else {
      if (st.copies === false) {
        // Every cell goes through the reader.
      } else if (st.valueType === 'integer') {
        const [min, max] = st.range ?? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
        add(`  if (f${k} === ${BARE}) { const v = CI(src, s${k}, e${k}); if (v >= ${min} && v <= ${max}${check ? ` && ${check}(v)` : ''}) h${k} = 1; }`);
      } else if (st.valueType === 'number') add(`  if (f${k} === ${BARE} && CD(src, s${k}, e${k})${check ? ` && ${check}(Number(${text}))` : ''}) h${k} = 1;`);
      else if (st.iso)
        add(
          `  if (f${k} === ${BARE} && ${st.iso === 'date' ? `e${k} - s${k} === 10 && ISO_D` : 'ISO_DT'}(src, s${k}, e${k})${check ? ` && ${check}(${text})` : ''}) h${k} = 1;`,
        );
      else if (st.valueType === 'boolean')
        add(
          `  if (f${k} === ${BARE} && (e${k} - s${k} === 4 ? M(src, s${k}, TRUE) : e${k} - s${k} === 5 && M(src, s${k}, FALSE))${check ? ` && ${check}(e${k} - s${k} === 4)` : ''}) h${k} = 1;`,
        );
      add(`  if (h${k} === 0) {`);
      add(`    const v = R[${k}](${text});`);
      add(`    if (v === undefined${check ? ` || !${check}(v)` : ''}) return -1;`);
      add(`    if (typeof v === 'string') { t${k} = v; h${k} = 3; } else { t${k} = String(v); h${k} = 2; }`);
      add('  }');
    }
    add('}');
  }

  // "Some field under this node is present", one local per object and array, innermost first.
  const present = new Map<PlanNode, string>();
  const presence = (node: PlanNode): string => {
    const known = present.get(node);
    if (known) return known;
    let expr: string;
    if (node.kind === 'leaf') expr = steps[node.step]!.kind === 'const' ? 'true' : `h${node.step} !== 0`;
    else {
      const parts = (node.kind === 'object' ? node.children : node.items).map(presence);
      if (parts.includes('true')) expr = 'true';
      else {
        expr = `p${present.size}`;
        add(`const ${expr} = ${parts.join(' || ')};`);
      }
    }
    present.set(node, expr);
    return expr;
  };
  presence(plan.root);

  // Required fields: an object that is present must have them.
  const requireds = (node: PlanNode): void => {
    if (node.kind === 'leaf') return;
    if (node.kind === 'array') {
      node.items.forEach(requireds);
      return;
    }
    if (node.unwritable) add(`if (${node.root ? 'true' : presence(node)}) return -1;`);
    else if (node.mustHave.length) {
      const missing = node.mustHave.map((i) => `!(${presence(node.children[i]!)})`).join(' || ');
      add(`if (${node.root ? '' : `${presence(node)} && `}(${missing})) return -1;`);
    }
    node.children.forEach(requireds);
  };
  requireds(plan.root);

  add('let o = at;');
  let flags = 0;
  const value = (k: number): void => {
    const st = steps[k]!;
    fixed += 8;
    if (st.kind === 'const') {
      const bytes = utf8.encode(st.text);
      fixed += bytes.length;
      add(emitBytes(bytes));
      return;
    }
    if (st.kind === 'expr') {
      fixed += EXPR_BUDGET;
      add(`o = CU(t${k}, out, o, ${EXPR_BUDGET}); if (o < 0) return -1;`);
      return;
    }
    const copy = `o = CF(src, VS, s${k}, e${k}, f${k}, out, V, o, HB); if (o < 0) return -1;`;
    if (st.verbatim) {
      add(`out[o++] = ${QUOTE}; ${copy} out[o++] = ${QUOTE};`);
      return;
    }
    if (st.valueType === 'string') {
      add(`out[o++] = ${QUOTE}; if (h${k} === 1) { ${copy} } else { o = CT(t${k}, out, o); if (o < 0) return -1; } out[o++] = ${QUOTE};`);
      return;
    }
    add(`if (h${k} === 1) { ${copy} } else { o = CT(t${k}, out, o); if (o < 0) return -1; }`);
  };
  /** Writes a node known to be present. */
  const node = (n: PlanNode): void => {
    if (n.kind === 'leaf') {
      value(n.step);
      return;
    }
    const w = `w${flags++}`;
    add(`{ let ${w} = false;`);
    const children = n.kind === 'object' ? n.children : n.items;
    add(`out[o++] = ${n.kind === 'object' ? OPEN : 0x5b};`);
    fixed += 2;
    for (const [i, child] of children.entries()) {
      const key = n.kind === 'object' ? utf8.encode(n.keys[i]!) : new Uint8Array(0);
      fixed += key.length + 1;
      const present = presence(child);
      add(`if (${present}) {`);
      add(`if (${w}) out[o++] = ${COMMA}; else ${w} = true;`);
      add(emitBytes(key));
      node(child);
      add('}');
    }
    add(`out[o++] = ${n.kind === 'object' ? CLOSE : 0x5d}; }`);
  };
  node(plan.root);
  add(`out[o++] = ${0x0a};`);
  add('return o - at;');

  let write: ByteLineWriter['write'];
  try {
    const helpers = {
      T: cells.text,
      CI: canonicalInteger,
      CD: isCanonicalDecimal,
      CF: copyField,
      CT: copyText,
      M: matches,
      TRUE,
      FALSE,
      ISO_D: isIsoDate,
      ISO_DT: isIsoDateTime,
      CU: copyUtf8,
      X: calculated,
      HB: high,
    };
    const names = Object.keys(helpers).join(', ');
    const source = [
      `const { ${names} } = H;`,
      'let V = null, viewed = null, VS = null, scanned = null;',
      'return function write(row, src, out, at) {',
      'if (out !== viewed) { viewed = out; V = new DataView(out.buffer, out.byteOffset, out.byteLength); }',
      'if (src !== scanned) { scanned = src; VS = new DataView(src.buffer, src.byteOffset, src.byteLength); }',
      ...lines,
      '};',
    ].join('\n');
    write = new Function('R', 'C', 'H', source)(reads, checks, helpers);
  } catch {
    return null;
  }
  // Converted values (numbers, dates) are short; 40 bytes covers any of them.
  fixed += 40 * steps.length;
  return {
    // A byte of a cell becomes at most 6 (\u00XX).
    bound: (rowBytes) => fixed + 6 * rowBytes + 1,
    write,
    source: cells.source,
  };
}

/** The UTF-8 bytes of each byte 0x80..0xFF of a single-byte encoding, as its decoder reads it. */
function highBytes(encoding: CsvEncoding): Uint8Array[] {
  const decoder = createDecoder(encoding);
  return Array.from({ length: 128 }, (_, i) => utf8.encode(decoder.decode(Uint8Array.of(0x80 + i))));
}

/**
 * The length of the well-formed UTF-8 sequence at `buf[i]` (a byte >= 0x80) that ends before
 * `end`, or 0 when it is not one (what a strict decoder would reject).
 */
function utf8Length(buf: Uint8Array, i: number, end: number): number {
  const c = buf[i]!;
  let need: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) {
    need = 1;
    min = 0x80;
  } else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    min = 0x800;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    min = 0x10000;
  } else return 0;
  if (i + need >= end) return 0;
  let cp = c & (0x3f >> need);
  for (let k = 1; k <= need; k++) {
    const b = buf[i + k]!;
    if ((b & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return need + 1;
}
