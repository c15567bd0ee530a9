import { converterFor, type Reader } from '../convert/coerce';
import { INTEGER_RANGE } from '../convert/scalar';
import type { CsvEncoding } from '../csv/encoding';
import { type CompiledExpression, compileExpression, type RowAccess } from '../expr/compile';
import type { EvalContext } from '../expr/functions/types';
import { outputForDestination, type Written } from '../expr/output';
import type { Value } from '../expr/values';
import type { EmptyCellPolicy, MappingDocument, MappingEntry } from '../mapping/mapping.types';
import { type PathSegment, parsePath, schemaPathOf } from '../mapping/paths';
import type { Field, FieldTree } from '../schema/field.types';
import { writeTypeOf } from '../schema/xdmType';
import type { RowError } from '../types';
import type { RecordValidator } from '../validate/validator';
import { type ByteLineWriter, type ByteStep, byteLineWriter } from './byteLines';
import { type LinePlan, type LineStep, outputTree, planLines, type StepTexts } from './lines';

export type XdmRecord = Record<string, unknown>;

/** What one input row became: a record (maybe with field errors) or a rejection. */
export interface RowResult {
  record: XdmRecord | null;
  errors: RowError[];
}

/** A mapping compiled once against a schema and a header: one function per row. */
export interface CompiledMapping {
  run(cells: readonly string[], row: number, line: number): RowResult;
  /**
   * The row's record as one line of JSON when it converts and validates cleanly, written
   * without building it; null when it does not (or when the mapping cannot be written this
   * way): `run` then gives the record or the rejection, with its errors. For a row that `line`
   * writes, `JSON.stringify(run(...).record)` is the same text.
   */
  line(cells: readonly string[], row: number, line: number): string | null;
  /**
   * The same as `line` for rows scanned as UTF-8 bytes, writing bytes; null when the mapping
   * has steps that need whole rows as text (expressions) or cannot be written as lines.
   */
  bytes: ByteLineWriter | null;
  /** Destination -> the entry that writes it, for tracing errors. */
  entries: readonly CompiledEntry[];
}

export interface CompiledEntry {
  entry: MappingEntry;
  index: number;
  field: Field;
  /** Column index for ATTRIBUTE entries, -1 otherwise. */
  column: number;
  segments: PathSegment[];
}

export interface CompileProblem {
  mapping: number | null;
  message: string;
}

export interface CompileOptions {
  emptyCells?: EmptyCellPolicy;
  validator?: RecordValidator;
  /** Milliseconds since the epoch for now() and timestamp(); the real clock by default. */
  clock?: () => number;
  /** A fast one-byte-per-character decoder (Node's Buffer latin1), for the byte writer. */
  decodeSingleByte?: (bytes: Uint8Array) => string;
  /** The encoding of the rows the byte writer will be given (UTF-8 by default). */
  encoding?: CsvEncoding;
}

/** A random v4 UUID from the platform (browser, worker and Node all have crypto.randomUUID). */
function randomUuid(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  const h = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16));
  h[12] = '4';
  h[16] = ((Number.parseInt(h[16]!, 16) & 3) | 8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

type Writer = (record: XdmRecord, value: unknown) => void;
type ConvertFn = Extract<ReturnType<typeof converterFor>, { ok: true }>['convert'];

/**
 * Compiles a mapping document against the schema's field tree and the file's columns. Every
 * check that does not depend on a row happens here, once: destinations exist and take a
 * value, columns exist, constants convert, converters and path writers are chosen.
 */
export function compileMapping(
  doc: MappingDocument,
  tree: FieldTree,
  columns: readonly string[],
  options: CompileOptions = {},
): { ok: true; compiled: CompiledMapping } | { ok: false; problems: CompileProblem[] } {
  const problems: CompileProblem[] = [];
  const columnIndex = new Map<string, number>();
  columns.forEach((c, i) => {
    if (!columnIndex.has(c)) columnIndex.set(c, i);
  });
  const emptyCells = options.emptyCells ?? doc.options?.emptyCells ?? 'omit';
  const compiled: CompiledEntry[] = [];
  type Step = { write: Writer; segments: PathSegment[]; lineStep: LineStep } & (
    | {
        kind: 'attr';
        col: number;
        read: Reader;
        convert: (text: string) => ReturnType<ConvertFn>;
        readsEmpty?: boolean;
        serialize: (v: unknown) => string;
        byteStep: ByteStep;
        ce: CompiledEntry;
      }
    | { kind: 'const'; value: unknown; text: string }
    | { kind: 'expr'; expr: CompiledExpression; output: (v: Value) => Written; ce: CompiledEntry }
  );
  // The row being transformed, read by expressions through `rowAccess` and `ctx`: cells of the
  // text path, or the byte writer's reader of the scanned row's cells.
  let current: readonly string[] = [];
  let scannedCell: ((column: number) => string | null) | null = null;
  const rowAccess: RowAccess = {
    value: (i) => {
      if (scannedCell) return scannedCell(i);
      const c = current[i] ?? '';
      return c === '' ? null : c;
    },
  };
  const ctx: EvalContext = {
    now: options.clock ?? (() => Date.now()),
    uuid: randomUuid,
    hasField: (p) => {
      const i = columnIndex.get(p);
      return i !== undefined && rowAccess.value(i) !== null;
    },
  };
  const steps: Step[] = [];
  const arrays = new Set<string>();

  for (const [i, entry] of doc.mappings.entries()) {
    const p = (message: string): void => {
      problems.push({ mapping: i, message: `mapping ${i} (${entry.source} -> ${entry.destination}): ${message}` });
    };
    const parsed = parsePath(entry.destination);
    if (!parsed.ok) {
      p(parsed.message);
      continue;
    }
    const isExpr = entry.sourceType === 'EXPRESSION';
    const field = lookupField(tree, entry.destination);
    if (!field) {
      p(`"${entry.destination}" is not a field of the schema "${tree.title}"`);
      continue;
    }
    if (!field.isLeaf && !isExpr) {
      p(`"${entry.destination}" is an object; map to one of its fields instead, or fill it with an expression`);
      continue;
    }
    if (field.xdmType === 'map' && !isExpr) {
      p(`"${entry.destination}" is a map field, which a single column cannot fill (an expression such as to_object() can)`);
      continue;
    }
    const wholeArray = isExpr && field.xdmType === 'array' && !/\]$/.test(entry.destination);
    const missingIndex = indexProblem(entry.destination, parsed.segments, field, wholeArray);
    if (missingIndex) {
      p(missingIndex);
      continue;
    }
    for (let k = 0; k < parsed.segments.length; k++)
      if (parsed.segments[k]!.index !== undefined)
        arrays.add(
          parsed.segments
            .slice(0, k + 1)
            .map((s) => s.key)
            .join('.'),
        );
    const ce: CompiledEntry = { entry, index: i, field, column: -1, segments: parsed.segments };
    const write = makeWriter(parsed.segments);
    if (isExpr) {
      const r = compileExpression(entry.source, { columns });
      if (!r.ok) {
        for (const e of r.errors) p(`expression error at position ${e.pos}: ${e.message}`);
        continue;
      }
      steps.push({
        kind: 'expr',
        expr: r.compiled,
        output: outputForDestination(field, entry.destination),
        write,
        segments: parsed.segments,
        lineStep: { valueType: null },
        ce,
      });
      compiled.push(ce);
      continue;
    }
    const writeType = writeTypeOf(field);
    const conv = converterFor(writeType, entry.settings ?? {});
    if (!conv.ok) {
      p(conv.message);
      continue;
    }
    const valueType = jsonTypeOf(writeType);
    const lineStep: LineStep = { valueType };
    if (entry.sourceType === 'STATIC') {
      const r = conv.convert(entry.source);
      if (!r.ok) {
        p(`the constant ${r.message}`);
        continue;
      }
      steps.push({ kind: 'const', value: r.value, text: JSON.stringify(r.value), write, segments: parsed.segments, lineStep });
    } else {
      const col = columnIndex.get(entry.source);
      if (col === undefined) {
        p(`the file has no column "${entry.source}"`);
        continue;
      }
      ce.column = col;
      const serialize = valueType === 'string' ? quote : String;
      const byteStep: ByteStep = {
        kind: 'attr',
        col,
        valueType: valueType!,
        verbatim: writeType === 'string',
        read: conv.read,
        range: INTEGER_RANGE[writeType],
        iso: writeType === 'date' || writeType === 'date-time' ? writeType : undefined,
        copies: conv.copiesCanonical,
      };
      steps.push({
        kind: 'attr',
        col,
        read: conv.read,
        convert: conv.convert,
        readsEmpty: conv.readsEmpty,
        serialize,
        byteStep,
        write,
        segments: parsed.segments,
        lineStep,
        ce,
      });
    }
    compiled.push(ce);
  }
  if (problems.length) return { ok: false, problems };
  const validator = options.validator;
  const byPath = traceIndex(compiled);
  const arrayPaths = [...arrays].map((a) => a.split('.'));
  const shape = outputTree(steps.map((s) => s.segments));
  // Fields are written in tree order, so that a record's keys do not depend on which cells are empty.
  const order = shape ? shape.order : steps.map((_, k) => k);
  const values: unknown[] = new Array(steps.length);
  const plan = shape && !steps.some((s) => s.kind === 'attr' && s.readsEmpty) ? linePlan(shape, steps, validator) : null;
  const texts: StepTexts = new Array(steps.length);

  const run = (cells: readonly string[], row: number, line: number): RowResult => {
    const record: XdmRecord = {};
    const errors: RowError[] = [];
    current = cells;
    scannedCell = null;
    values.fill(undefined);
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k]!;
      if (s.kind === 'const') {
        values[k] = s.value;
        continue;
      }
      if (s.kind === 'expr') {
        const r = s.expr.evaluate(rowAccess, ctx);
        const out = r.ok ? (r.value === null ? null : s.output(r.value)) : ({ ok: false, code: 'EXPRESSION_ERROR', message: r.message } as const);
        if (out === null) continue;
        if (out.ok) values[k] = out.value;
        else {
          const cols = s.expr.columns;
          errors.push({
            row,
            line,
            column: cols.length === 1 ? cols[0]! : cols.length ? cols.join(', ') : null,
            value: cols.length === 1 ? (cells[columnIndex.get(cols[0]!)!] ?? null) : null,
            destination: s.ce.entry.destination,
            code: out.code,
            message: `${out.message} (in ${s.ce.entry.source})`,
            rejected: false,
          });
        }
        continue;
      }
      const text = cells[s.col] ?? '';
      if (text === '') {
        // A reading where a blank cell has a value (a blank flag is false) reads it like any other.
        if (s.readsEmpty) values[k] = s.read('');
        else if (emptyCells === 'null') values[k] = null;
        continue;
      }
      const r = s.convert(text);
      if (r.ok) values[k] = r.value;
      else
        errors.push({
          row,
          line,
          column: s.ce.entry.source,
          value: text,
          destination: s.ce.entry.destination,
          code: r.code,
          message: r.message,
          rejected: false,
        });
    }
    for (const k of order) if (values[k] !== undefined) steps[k]!.write(record, values[k]);
    if (arrayPaths.length) compactArrays(record, arrayPaths);
    if (validator) {
      const violations = validator.validate(record);
      if (violations.length) {
        for (const v of violations) {
          const ce = findEntry(byPath, v.path);
          const column = ce?.entry.sourceType === 'ATTRIBUTE' ? ce.entry.source : null;
          const failed = errors.find((e) => e.destination === ce?.entry.destination);
          errors.push({
            row,
            line,
            column,
            value: ce && ce.column >= 0 ? (cells[ce.column] ?? '') : null,
            destination: v.path,
            code: v.keyword === 'required' ? 'REQUIRED_MISSING' : 'SCHEMA_VIOLATION',
            message: failed
              ? `${v.message} (its value failed conversion: ${failed.message})`
              : column && v.keyword === 'required'
                ? `${v.message}: column "${column}" is empty`
                : v.message,
            rejected: true,
          });
        }
        return { record: null, errors };
      }
    }
    return { record, errors };
  };

  const line = (cells: readonly string[]): string | null => {
    if (!plan) return null;
    current = cells;
    scannedCell = null;
    const checks = plan.checks;
    for (let k = 0; k < steps.length; k++) {
      const s = steps[k]!;
      let v: unknown;
      if (s.kind === 'attr') {
        const text = cells[s.col] ?? '';
        if (text === '') {
          // A null the schema may refuse: the full path writes it and checks the record.
          if (emptyCells === 'null') return null;
          texts[k] = undefined;
          continue;
        }
        v = s.read(text);
        if (v === undefined) return null;
      } else if (s.kind === 'const') {
        texts[k] = s.text;
        continue;
      } else {
        const r = s.expr.evaluate(rowAccess, ctx);
        if (!r.ok) return null;
        if (r.value === null) {
          texts[k] = undefined;
          continue;
        }
        const out = s.output(r.value);
        if (!out.ok) return null;
        v = out.value;
      }
      const check = checks[k];
      if (check && !check(v)) return null;
      texts[k] = s.kind === 'attr' ? s.serialize(v) : JSON.stringify(v);
    }
    return plan.write(texts);
  };
  /** A calculated field for the byte writer: its value's JSON text, undefined when empty, null when it fails. */
  const evaluateScanned = (s: Step & { kind: 'expr' }, k: number) => (cell: (column: number) => string | null) => {
    scannedCell = cell;
    try {
      const r = s.expr.evaluate(rowAccess, ctx);
      if (!r.ok) return null;
      if (r.value === null) return undefined;
      const out = s.output(r.value);
      if (!out.ok) return null;
      const check = plan!.checks[k];
      return check && !check(out.value) ? null : JSON.stringify(out.value);
    } finally {
      scannedCell = null;
    }
  };
  const bytes = plan
    ? byteLineWriter(
        plan,
        steps.map((s, k): ByteStep => {
          if (s.kind === 'attr') return s.byteStep;
          if (s.kind === 'const') return { kind: 'const', text: s.text };
          return { kind: 'expr', evaluate: evaluateScanned(s, k) };
        }),
        { encoding: options.encoding, decodeSingleByte: options.decodeSingleByte, emptyIsNull: emptyCells === 'null' },
      )
    : null;
  return { ok: true, compiled: { run, line, bytes, entries: compiled } };
}

/** Characters JSON text must escape; surrogates are left to JSON.stringify, which pairs them. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON text: the same as JSON.stringify, about twice as fast for plain text. */
function quote(v: unknown): string {
  const s = v as string;
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/** The JSON type every converted value of an XDM type has. */
function jsonTypeOf(type: string): LineStep['valueType'] {
  if (type === 'boolean') return 'boolean';
  if (type === 'number') return 'number';
  if (type === 'byte' || type === 'short' || type === 'int' || type === 'long') return 'integer';
  return 'string';
}

/** A plan for writing rows straight as JSON; constants are checked once, here. */
function linePlan(
  shape: NonNullable<ReturnType<typeof outputTree>>,
  steps: readonly { lineStep: LineStep; kind: string; value?: unknown }[],
  validator: RecordValidator | undefined,
): LinePlan | null {
  const plan = planLines(
    shape,
    steps.map((s) => s.lineStep),
    validator,
  );
  if (!plan) return null;
  for (const [k, s] of steps.entries()) if (s.kind === 'const' && plan.checks[k] && !plan.checks[k]!(s.value)) return null;
  return plan;
}

/**
 * The schema field a destination names. A destination that forgot an array index still finds
 * its field, so that the message can say which index is missing.
 */
function lookupField(tree: FieldTree, destination: string): Field | undefined {
  const p = schemaPathOf(destination);
  const exact = tree.fields.get(p as Field['path']) ?? tree.fields.get(`${p}[]` as Field['path']);
  if (exact) return exact;
  const loose = p.replace(/\[\]/g, '');
  for (const f of tree.fields.values()) if (f.path.replace(/\[\]/g, '') === loose) return f;
  return undefined;
}

/** Array-of-object fields need an index in the destination; scalars inside arrays too. */
function indexProblem(destination: string, segments: PathSegment[], field: Field, wholeArray = false): string | null {
  const schemaSegs = field.path.split('.');
  for (let k = 0; k < schemaSegs.length && k < segments.length; k++) {
    if (wholeArray && k === schemaSegs.length - 1) break;
    const wantsIndex = schemaSegs[k]!.endsWith('[]');
    const hasIndex = segments[k]!.index !== undefined;
    if (wantsIndex && !hasIndex)
      return `"${segments[k]!.key}" is an array: write an index, e.g. ${destination.replace(segments[k]!.key, `${segments[k]!.key}[0]`)}`;
    if (!wantsIndex && hasIndex) return `"${segments[k]!.key}" is not an array and takes no index`;
  }
  return null;
}

/** A writer that walks a fixed list of segments, creating objects and array items on the way. */
function makeWriter(segments: PathSegment[]): Writer {
  const last = segments.length - 1;
  return (record, value) => {
    let cur: Record<string, unknown> | unknown[] = record;
    for (let k = 0; k <= last; k++) {
      const { key, index } = segments[k]!;
      const obj = cur as Record<string, unknown>;
      if (index === undefined) {
        if (k === last) obj[key] = value;
        else cur = (obj[key] ??= {}) as Record<string, unknown>;
      } else {
        const arr = (obj[key] ??= []) as unknown[];
        if (k === last) arr[index] = value;
        else cur = (arr[index] ??= {}) as Record<string, unknown>;
      }
    }
  };
}

/** Items that no mapping filled leave holes; an array in a record has none. */
function compactArrays(record: XdmRecord, paths: string[][]): void {
  for (const p of paths) {
    let parents: unknown[] = [record];
    for (let k = 0; k < p.length - 1; k++)
      parents = parents.flatMap((o) => {
        const v = (o as Record<string, unknown>)[p[k]!];
        return Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : [];
      });
    for (const o of parents) {
      const arr = (o as Record<string, unknown> | undefined)?.[p[p.length - 1]!];
      if (Array.isArray(arr) && hasHole(arr)) (o as Record<string, unknown>)[p[p.length - 1]!] = arr.filter((x) => x !== undefined);
    }
  }
}

function hasHole(arr: unknown[]): boolean {
  // Array#some skips holes, so look at every index.
  for (let i = 0; i < arr.length; i++) if (arr[i] === undefined) return true;
  return false;
}

function traceIndex(entries: CompiledEntry[]): Map<string, CompiledEntry> {
  const m = new Map<string, CompiledEntry>();
  for (const ce of entries) m.set(ce.entry.destination, ce);
  return m;
}

/** The entry behind a violation: the exact destination, else the first entry below that path. */
function findEntry(byPath: Map<string, CompiledEntry>, path: string): CompiledEntry | undefined {
  const exact = byPath.get(path);
  if (exact) return exact;
  for (const [dest, ce] of byPath) if (dest.startsWith(`${path}.`) || dest.startsWith(`${path}[`)) return ce;
  return undefined;
}
