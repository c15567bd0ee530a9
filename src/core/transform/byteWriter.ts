import { BARE, type ScannedRow } from '../csv/byteRows';
import type { CsvEncoding } from '../csv/encoding';
import {
  canonicalDecimalEnd,
  canonicalInteger,
  copyAscii,
  copyField,
  copyJsonString,
  copyUtf8,
  FALSE,
  highBytes,
  integerCopyEnd,
  isIsoDate,
  isIsoDateTime,
  matches,
  TRUE,
} from './byteCopy';
import { checkWritten, proveWritten, takesNoBackslash, textProof } from './byteFormats';
import { type ByteTemplate, byteTemplate, TEMPLATE_HELPERS } from './byteTemplate';
import { cellReaders, readerHelpers, readStatements, usesScratch } from './cellReaders';
import { scannedCells, textReader } from './cellText';
import { FAILED, type RowEvaluator } from './evaluate';
import type { Plan } from './plan';
import { MAX_RECORD_BYTES } from './record';
import type { PlanNode } from './shape';
import { copiedEnd, copiedValue, copyTest, emitBytes } from './writerCode';

/**
 * Writes a clean row's record as JSON Lines bytes straight from a scanned CSV row, following
 * the plan: cells in a form their converter gives back unchanged are copied byte for byte
 * (text escaped where JSON needs it), others go through the row evaluation, and the plan's
 * checks, presence and required rules decide the rest. A row that does not convert and check
 * cleanly is left to the record builder, which says why.
 */
export interface DirectWriter {
  /** An upper bound of the bytes a row of `rowBytes` bytes can take, newline included. */
  bound(rowBytes: number): number;
  /**
   * Writes the row's record and its newline into `out` from `at` (with `bound` bytes free);
   * returns the bytes written, or -1 when the record builder must handle the row.
   */
  write(row: ScannedRow, buf: Uint8Array, out: Uint8Array, at: number): number;
  /**
   * Says that the rows written next come from `buf`, whose bytes are new (even if the buffer is
   * not); `length`: only its first bytes hold rows (a reused buffer of one row).
   */
  source(buf: Uint8Array, length?: number): void;
}

/** Bytes set aside per calculated field; a longer value sends its row the full way. */
const EXPR_BUDGET = 4096;
/** Converted values (numbers, dates) are short; this covers any of them. */
const VALUE_BUDGET = 40;
/** Presence and required tests are joined in groups, so that no expression nests deeper than this. */
const GROUP = 32;
/**
 * Plans with more steps than this are generated as several functions: V8 optimizes no function
 * past 60 KB of bytecode, and one function for a wide file's 80 columns is past it, so it would
 * run unoptimized on every row.
 */
const ONE_FUNCTION_STEPS = 24;
/** Steps read per generated function when the writer is split. */
const STEPS_PER_PIECE = 12;
const COMMA = 0x2c;
/** Where the generated source takes the writer's fixed room, known only once it is all generated. */
const FIXED_MARK = '__FIXED_ROOM__';
const FIXED_MARGIN = 64;
/** Scratch bytes per step for an instant computed from its cell (`"yyyy-MM-ddTHH:mm:ss.SSSZ"` is 26, 35 with nanoseconds). */
const INSTANT_ROOM = 40;
const QUOTE = 0x22;

/**
 * Compiles the direct writer of a plan into one function (with `new Function`, as ajv compiles
 * its validators): each step's cell is read into locals, then the record's bytes are written
 * with its keys as fixed byte stores, its objects present only when one of their fields is.
 * Only numbers derived from the plan (column and step indexes, byte values, integer ranges)
 * go into the generated source; names and values never do. Null when the plan has no direct
 * shape, the encoding is not scanned as bytes, or the platform forbids generated code.
 */
export function directWriter(
  plan: Plan,
  rows: RowEvaluator,
  options: {
    /** The encoding of the bytes: UTF-8, or a single-byte one (Windows-1252, Mac Roman), transcoded as copied. */
    encoding?: CsvEncoding;
    /** A faster one-byte-per-character decoder than TextDecoder, where the platform has one. */
    decodeSingleByte?: (bytes: Uint8Array) => string;
    /** Steps per generated read function; by default one function up to ONE_FUNCTION_STEPS steps, pieces of STEPS_PER_PIECE past it. */
    piece?: number;
  } = {},
): DirectWriter | null {
  const shape = plan.direct;
  const encoding = options.encoding ?? 'utf-8';
  if (!shape || (encoding !== 'utf-8' && encoding !== 'windows-1252' && encoding !== 'macintosh')) return null;
  const { checks } = shape;
  const steps = plan.steps;
  // The row evaluation reads the scanned row's cells through this source.
  const scanned = scannedCells(textReader(encoding, options.decodeSingleByte), plan.columns.length);
  // Each step's evaluation, called from the generated code as EV{k}(SC) after AT(row, src).
  const stepValues = steps.map((st) => rows.stepValue(st.k));
  const lines: string[] = [];
  let target = lines;
  const add = (line: string): void => {
    target.push(line);
  };
  let fixed = 2;
  const piece = options.piece ?? (steps.length > ONE_FUNCTION_STEPS ? STEPS_PER_PIECE : steps.length);
  const split = piece < steps.length;
  /** Generated functions the split writer calls: read pieces, and one value writer per step. */
  const functions: string[] = [];
  // A split writer keeps each step's results in arrays between its functions; one function keeps them in locals.
  const h = (k: number) => (split ? `HS[${k}]` : `h${k}`);

  // Step k leaves h{k}: 0 absent, 1 copy the cell, 2 ASCII text t{k} as it is, 3 string t{k}
  // to write as JSON, 4 a date moved from the cell's digits, 5 JSON text t{k}, 6 a value (an
  // instant, a date, a number) written from the cell's bytes into the scratch bytes up to v{k},
  // 7 a calculated text written from the cells' bytes by its template (v{k}: what its read
  // gave), 8 a flag read from the cell's bytes (v{k}: 1 true, 0 false). Constants are always written.
  const high = encoding === 'utf-8' ? null : highBytes(encoding);
  const readers = cellReaders(steps, (k) => !!checks[k], high === null);
  const scratch = new Uint8Array(INSTANT_ROOM * steps.length);
  // Text checks the cell's bytes can pass without decoding it (the check still decides the rest).
  const proofs = shape.textRules.map((rule) => (rule ? textProof(rule) : null));
  // A calculated text whose field has a check is written by its template too when the check's
  // rule can be proved on the written bytes (a concat into `_id`, a uri-reference).
  const templates: (ByteTemplate | null)[] = steps.map((st) =>
    st.source === 'expression' && st.text && (!checks[st.k] || proofs[st.k]) ? byteTemplate(st.expr.ast, st.expr.columnOf, emitBytes) : null,
  );
  const evaluated = (k: number) => {
    add(`  AT(row, src); const v = EV${k}(SC);`);
    add(`  if (v === FAILED || v === null${checks[k] ? ` || (v !== undefined && !C[${k}](v))` : ''}) return -1;`);
    add(`  if (typeof v === 'string') { t${k} = v; h${k} = 3; }`);
    add(`  else if (typeof v === 'number' || typeof v === 'boolean') { t${k} = String(v); h${k} = 2; }`);
    add(`  else if (v !== undefined) { t${k} = JSON.stringify(v); h${k} = 5; }`);
  };
  const read = (st: (typeof steps)[number]): void => {
    const k = st.k;
    if (st.source === 'constant') return;
    add(`let h${k} = 0, t${k} = ''${templates[k] ? `, v${k} = 0` : ''};`);
    if (st.source === 'expression') {
      add('{');
      const template = templates[k];
      if (template) {
        add(template.read(`v${k}`));
        add(`if (v${k} > 0) h${k} = 7; else if (v${k} < 0) {`);
        evaluated(k);
        add('}');
      } else evaluated(k);
      add('}');
      return;
    }
    const c = st.column;
    add(`const s${k} = S[${c}], e${k} = E[${c}], f${k} = F[${c}]; let v${k} = 0;`);
    // An empty cell gives nothing, or a null the schema may refuse: the record builder decides.
    // A blank read as a value (a blank flag is false) is left to the record builder too.
    add(`if (e${k} === s${k}) { ${plan.emptyCells === 'null' || st.readsEmpty ? 'return -1;' : ''} } else {`);
    const check = checks[k] ? `C[${k}]` : null;
    // A rule the bytes can prove (most emails, web addresses, enum texts) skips decoding the cell for ajv.
    const proof = proofs[k] ? `PROOF[${k}](src, s${k}, e${k}, f${k}) || ` : '';
    if (st.copies === 'text') add(`  ${check ? `if (!(${proof}${check}(T(src, s${k}, e${k}, f${k})))) return -1; ` : ''}h${k} = 1;`);
    else {
      const test = copyTest(k, st.copies, st.range);
      if (test) add(`  if (${test}${check ? ` && ${check}(${copiedValue(k, st.copies!)})` : ''}) h${k} = 1;`);
      for (const line of readStatements(readers, k, INSTANT_ROOM * k)) add(line);
      add(`  if (h${k} === 0) {`);
      evaluated(k);
      add('  }');
    }
    add('}');
  };
  const rowArrays = 'const S = row.starts, E = row.ends, F = row.forms;';
  add('NEXT();');
  const computed = steps.filter((st) => st.source !== 'constant');
  if (!split) {
    add(rowArrays);
    computed.forEach(read);
  } else
    for (let i = 0; i < computed.length; i += piece) {
      const body: string[] = [];
      target = body;
      add(`function R${i}(row, src) {`);
      add(rowArrays);
      for (const st of computed.slice(i, i + piece)) {
        read(st);
        add(`HS[${st.k}] = h${st.k}; TS[${st.k}] = t${st.k};${st.source === 'column' || templates[st.k] ? ` VV[${st.k}] = v${st.k};` : ''}`);
      }
      add('return 0; }');
      functions.push(body.join('\n'));
      target = lines;
      add(`if (R${i}(row, src) < 0) return -1;`);
    }

  // "Some field under this node is present", one local per object and array, innermost first.
  const present = new Map<PlanNode, string>();
  let locals = 0;
  const anyOf = (parts: string[]): string => {
    const name = `p${locals++}`;
    add(`let ${name} = ${parts.slice(0, GROUP).join(' || ') || 'false'};`);
    for (let i = GROUP; i < parts.length; i += GROUP) add(`${name} = ${name} || ${parts.slice(i, i + GROUP).join(' || ')};`);
    return name;
  };
  const presence = (node: PlanNode): string => {
    const known = present.get(node);
    if (known) return known;
    let expr: string;
    if (node.kind === 'leaf') expr = steps[node.step]!.source === 'constant' ? 'true' : `${h(node.step)} !== 0`;
    else {
      const parts = (node.kind === 'object' ? node.children : node.items).map(presence);
      expr = parts.includes('true') ? 'true' : anyOf(parts);
    }
    present.set(node, expr);
    return expr;
  };
  presence(shape.root);

  // Required fields: an object that is present must have them.
  const requireds = (node: PlanNode): void => {
    if (node.kind === 'leaf') return;
    if (node.kind === 'array') {
      node.items.forEach(requireds);
      return;
    }
    const here = node.root ? 'true' : presence(node);
    if (node.unwritable) add(`if (${here}) return -1;`);
    else if (node.mustHave.length) {
      const missing = anyOf(node.mustHave.map((i) => `!(${presence(node.children[i]!)})`));
      add(`if (${here} && ${missing}) return -1;`);
    }
    node.children.forEach(requireds);
  };
  requireds(shape.root);

  add('let o = at;');
  const utf8 = new TextEncoder();
  let flags = 0;
  const value = (k: number): void => {
    const st = steps[k]!;
    fixed += 8;
    if (st.source === 'constant') {
      const b = utf8.encode(st.json);
      fixed += b.length;
      add(emitBytes(b));
      return;
    }
    fixed += st.source === 'expression' ? EXPR_BUDGET : VALUE_BUDGET;
    const written = `if (h${k} === 2) o = CA(t${k}, out, o); else { o = h${k} === 3 ? CS(t${k}, out, o, L) : CU(t${k}, out, o, L); if (o < 0) return -1; }`;
    let code = written;
    const template = templates[k];
    // The written text is proved from its bytes (between its quotes), or the row goes the full way.
    const proof = proofs[k];
    // A proof that takes no backslash is asked first on the written bytes: its yes needs no look for an escape.
    // When it says no, the check decides on the text, without the proof asked a second time.
    const test =
      proof && takesNoBackslash(proof)
        ? `PROOF[${k}](out, q${k} + 1, o - 1, ${BARE}) || TCHECK(out, q${k} + 1, o - 1, C[${k}])`
        : `TPROVE(out, q${k} + 1, o - 1, PROOF[${k}], C[${k}])`;
    const proved = checks[k] ? `if (!(${test})) return -1;` : '';
    if (template) code = `if (h${k} === 7) {\nconst q${k} = o;\n${template.write(`v${k}`)}\n${proved}} else { ${written} }`;
    if (st.source === 'column') {
      const copy = `o = CF(src, VS, s${k}, ${copiedEnd(k, st.copies)}, f${k}, out, V, o, HB); if (o < 0) return -1;`;
      const quoted = st.copies === 'text' || st.copies === 'iso-date' || st.copies === 'iso-date-time';
      const date =
        (readers.dates[k] ? `if (h${k} === 4) o = D[${k}].write(src, s${k}, out, o); else ` : '') +
        (usesScratch(readers, k) ? `if (h${k} === 6) { for (let i = ${INSTANT_ROOM * k}; i < v${k}; i++) out[o++] = SCR[i]; } else ` : '') +
        (readers.flags[k] ? `if (h${k} === 8) { if (v${k}) { ${emitBytes(TRUE)} } else { ${emitBytes(FALSE)} } } else ` : '');
      code = `if (h${k} === 1) { ${quoted ? `out[o++] = ${QUOTE}; ${copy} out[o++] = ${QUOTE};` : copy} } else ${date}{ ${written} }`;
    }
    if (!split) {
      add(code);
      return;
    }
    // Its own small function, which reads back what the step's read piece left.
    const cell =
      st.source === 'column'
        ? `, v${k} = VV[${k}], s${k} = row.starts[${st.column}], e${k} = row.ends[${st.column}], f${k} = row.forms[${st.column}]`
        : template
          ? `, v${k} = VV[${k}], S = row.starts, E = row.ends, F = row.forms`
          : '';
    functions.push(`function W${k}(row, src, out, o, L) { const h${k} = HS[${k}], t${k} = TS[${k}]${cell};\n${code}\nreturn o; }`);
    add(`o = W${k}(row, src, out, o, L); if (o < 0) return -1;`);
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
    add(`out[o++] = ${n.kind === 'object' ? 0x7b : 0x5b};`);
    fixed += 2;
    for (const [i, child] of children.entries()) {
      const key = n.kind === 'object' ? utf8.encode(n.keys[i]!) : new Uint8Array(0);
      fixed += key.length + 1;
      add(`if (${presence(child)}) {`);
      add(`if (${w}) out[o++] = ${COMMA}; else ${w} = true;`);
      add(emitBytes(key));
      node(child);
      add('}');
    }
    add(`out[o++] = ${n.kind === 'object' ? 0x7d : 0x5d}; }`);
  };
  node(shape.root);
  add(`out[o++] = ${0x0a};`);
  // A record past AEP's size limit is rejected by the record builder, which names it.
  add(`return o - at > ${MAX_RECORD_BYTES + 1} ? -1 : o - at;`);

  let write: DirectWriter['write'];
  try {
    const helpers = {
      T: scanned.reader.text,
      CI: canonicalInteger,
      CIE: integerCopyEnd,
      CDE: canonicalDecimalEnd,
      CF: copyField,
      CS: copyJsonString,
      CU: copyUtf8,
      CA: copyAscii,
      M: matches,
      TRUE,
      FALSE,
      ISO_D: isIsoDate,
      ISO_DT: isIsoDateTime,
      EVS: stepValues,
      SC: scanned,
      AT: scanned.at,
      NEXT: scanned.next,
      SCR: scratch,
      FAILED,
      HB: high,
      ...TEMPLATE_HELPERS,
      PROOF: proofs,
      TPROVE: proveWritten,
      TCHECK: checkWritten,
      ...readerHelpers(readers),
    };
    const names = Object.keys(helpers).join(', ');
    const source = [
      "'use strict';",
      `const { ${names} } = H;`,
      `const [${steps.map((st) => `EV${st.k}`).join(', ')}] = EVS;`,
      'let V = null, viewed = null, VS = null, scanned = null;',
      `const HS = new Int32Array(${steps.length}), TS = new Array(${steps.length}).fill(''), VV = new Float64Array(${steps.length});`,
      ...functions,
      'function writeRow(row, src, out, at) {',
      // The end of the room reserved for this row: values written past it send the row the full way.
      `const L = at + ${FIXED_MARK} + 6 * (row.textEnd - row.textStart) + 1;`,
      ...lines,
      '}',
      // The views of a new buffer are made outside the row's function: V8 optimizes that large
      // function before a second buffer comes, and a branch it never saw run would throw its
      // optimized code away there (twice a run, each a recompile of ~50-100 ms during which
      // rows ran unoptimized); this small function is cheap to optimize again.
      'return function write(row, src, out, at) {',
      'if (out !== viewed) { viewed = out; V = new DataView(out.buffer, out.byteOffset, out.byteLength); }',
      'if (src !== scanned) { scanned = src; VS = new DataView(src.buffer, src.byteOffset, src.byteLength); }',
      'return writeRow(row, src, out, at);',
      '};',
    ]
      .join('\n')
      .replace(FIXED_MARK, String(fixed + FIXED_MARGIN));
    write = new Function('C', 'D', 'H', source)(checks, readers.dates, helpers);
  } catch {
    return null;
  }
  const room = fixed + FIXED_MARGIN;
  return {
    // A byte of a cell becomes at most 6 (\u00XX).
    bound: (rowBytes) => room + 6 * rowBytes + 1,
    write,
    source: scanned.reader.source,
  };
}
