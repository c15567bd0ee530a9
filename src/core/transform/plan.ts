import { type Converter, type CopyForm, converterFor, type DateLayout, type DateList, type Reader } from '../convert/coerce';
import type { NumberFormat } from '../convert/numbers';
import { INTEGER_RANGE } from '../convert/scalar';
import { type CompiledExpression, compileExpression } from '../expr/compile';
import { outputForDestination, outputValueForDestination, type Written } from '../expr/output';
import type { Value } from '../expr/values';
import type { EmptyCellPolicy, MappingDocument, MappingEntry } from '../mapping/mapping.types';
import { type PathSegment, parsePath, schemaPathOf } from '../mapping/paths';
import type { Field, FieldTree } from '../schema/field.types';
import { writeTypeOf } from '../schema/xdmType';
import type { RecordValidator } from '../validate/validator';
import { type DirectShape, outputTree, planDirect, type ShapeStep } from './shape';

/** AEP's limit on the fields of one row (batch ingestion guardrails). */
export const MAX_FIELDS_PER_ROW = 10_000;
/** Fields one structured expression value (an object or an array) may bring, as the direct writer's bound counts them. */
const FIELDS_PER_STRUCTURED_VALUE = 2048;
/** Longest column name a mapping can use: longer ones are a broken header, not a name. */
export const MAX_COLUMN_NAME = 4096;

interface StepBase {
  /** The step's number, its index in `Plan.steps`. */
  k: number;
  entry: MappingEntry;
  /** The entry's index among the mapping's entries. */
  entryIndex: number;
  field: Field;
  segments: PathSegment[];
}

/** A column copied into a field through its converter. */
export interface ColumnStep extends StepBase {
  source: 'column';
  column: number;
  read: Reader;
  convert: Converter;
  /** Texts the converter gives back unchanged, which a writer may copy as they are. */
  copies: CopyForm | null;
  /** For integer fields: the range of their width. */
  range: readonly [number, number] | undefined;
  /** For a date read with one stated fixed-layout pattern: its layout, for a byte reader compiled once. */
  dateLayout: DateLayout | undefined;
  /** For a date-time the converter reads ISO texts with offsets into: its instant in UTC may be computed from bytes. */
  isoOffsets: boolean;
  /** An empty cell is read like any other under the column's reading (a blank flag is false), not left out. */
  readsEmpty: boolean;
  /** For a flag: its words' keys and the flags they read as, for a byte reader. */
  flagKeys: ReadonlyMap<string, boolean> | undefined;
  /** For a date read without a zone: the converter's patterns in order, for a byte reader. */
  dateList: DateList | undefined;
  /** For a number or integer in a stated format (`1.234,56`): the format, for a byte reader. */
  numberFormat: NumberFormat | undefined;
  /** For a date read as Unix time: its unit and output, for a byte reader. */
  epoch: { unit: 'seconds' | 'milliseconds'; output: 'date' | 'date-time' } | undefined;
}

/** A constant, converted once. */
export interface ConstantStep extends StepBase {
  source: 'constant';
  value: string | number | boolean;
  /** Its JSON text. */
  json: string;
}

/** A calculated field: an expression over the row's cells, its value checked against the field. */
export interface ExpressionStep extends StepBase {
  source: 'expression';
  expr: CompiledExpression;
  output: (v: Value) => Written;
  /** The same output as `output` without a result object: the stored value, or undefined when it does not go in. */
  outputValue: (v: Value) => unknown;
  /** The field takes an object or an array (whose size the row decides). */
  structured: boolean;
  /** The field (or array item) takes text, which the expression's text values go into unchanged. */
  text: boolean;
}

export type PlanStep = ColumnStep | ConstantStep | ExpressionStep;

/**
 * A mapping compiled once against a schema and a file's header: every decision that does not
 * depend on a row. Both writers of records read it: the direct writer for rows that convert
 * and check cleanly, the record builder (with ajv) for rows that need explaining.
 */
export interface Plan {
  steps: readonly PlanStep[];
  columns: readonly string[];
  columnIndex: ReadonlyMap<string, number>;
  emptyCells: EmptyCellPolicy;
  /** Step numbers in the order their fields are written: tree order, so keys never depend on which cells are empty. */
  order: readonly number[];
  /** Paths of the arrays written by index: items no step filled leave holes, which are closed. */
  arrays: readonly string[][];
  /** How clean rows are written straight as JSON; null when every row must be built and validated whole. */
  direct: DirectShape | null;
  validator: RecordValidator | undefined;
  /** Destination -> step, for tracing schema violations back to their source. */
  byDestination: ReadonlyMap<string, PlanStep>;
}

export interface PlanProblem {
  mapping: number | null;
  message: string;
}

export interface PlanOptions {
  emptyCells?: EmptyCellPolicy;
  validator?: RecordValidator;
}

/**
 * Compiles a mapping document against the schema's field tree and the file's columns. Every
 * check that does not depend on a row happens here, once: destinations exist and take a value,
 * columns exist, constants convert, converters are chosen, the output shape and its checks are
 * planned, and the limits AEP puts on a row are kept.
 */
export function compilePlan(
  doc: MappingDocument,
  tree: FieldTree,
  columns: readonly string[],
  options: PlanOptions = {},
): { ok: true; plan: Plan } | { ok: false; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  for (const [i, c] of columns.entries())
    if (c.length > MAX_COLUMN_NAME)
      problems.push({
        mapping: null,
        message: `column ${i + 1} of the header has a name ${c.length.toLocaleString('en-US')} characters long (at most ${MAX_COLUMN_NAME}): the header row is broken (an unclosed quote, a missing line break?)`,
      });
  if (doc.mappings.length > MAX_FIELDS_PER_ROW)
    problems.push({
      mapping: MAX_FIELDS_PER_ROW,
      message: `mapping ${MAX_FIELDS_PER_ROW} (${clip(doc.mappings[MAX_FIELDS_PER_ROW]!.destination)}): the mapping has ${doc.mappings.length.toLocaleString('en-US')} entries; AEP takes at most ${MAX_FIELDS_PER_ROW.toLocaleString('en-US')} fields per row`,
    });
  if (problems.length) return { ok: false, problems };
  const columnIndex = new Map<string, number>();
  columns.forEach((c, i) => {
    if (!columnIndex.has(c)) columnIndex.set(c, i);
  });
  const steps: PlanStep[] = [];
  const shapeSteps: ShapeStep[] = [];
  const arrays = new Map<string, string[]>();

  for (const [i, entry] of doc.mappings.entries()) {
    const p = (message: string): void => {
      problems.push({ mapping: i, message: `mapping ${i} (${clip(entry.source)} -> ${clip(entry.destination)}): ${message}` });
    };
    const parsed = parsePath(entry.destination);
    if (!parsed.ok) {
      p(parsed.message);
      continue;
    }
    const isExpr = entry.sourceType === 'EXPRESSION';
    const field = lookupField(tree, entry.destination);
    if (!field) {
      p(`"${clip(entry.destination)}" is not a field of the schema "${tree.title}"`);
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
    const segments = parsed.segments;
    for (let k = 0; k < segments.length; k++)
      if (segments[k]!.index !== undefined) {
        const path = segments.slice(0, k + 1).map((s) => s.key);
        arrays.set(path.join('.'), path);
      }
    const base = { k: steps.length, entry, entryIndex: i, field, segments };
    if (isExpr) {
      const r = compileExpression(entry.source, { columns });
      if (!r.ok) {
        for (const e of r.errors) p(`expression error at position ${e.pos}: ${e.message}`);
        continue;
      }
      const elementOfArray = field.xdmType === 'array' && !wholeArray;
      const target = elementOfArray ? { ...field, xdmType: field.itemType ?? 'string' } : field;
      const structured = target.xdmType === 'object' || target.xdmType === 'map' || target.xdmType === 'array';
      steps.push({
        ...base,
        source: 'expression',
        expr: r.compiled,
        output: outputForDestination(field, entry.destination),
        outputValue: outputValueForDestination(field, entry.destination),
        structured,
        text: target.xdmType === 'string',
      });
      // The output of a scalar field gives values of its JSON type only (text for a string field, an int in its width).
      const scalar = SCALAR_OUTPUT.has(target.xdmType);
      shapeSteps.push({ valueType: scalar ? jsonTypeOf(target.xdmType) : null, range: scalar ? INTEGER_RANGE[target.xdmType] : undefined });
      continue;
    }
    const writeType = writeTypeOf(field);
    const conv = converterFor(writeType, entry.settings ?? {});
    if (!conv.ok) {
      p(conv.message);
      continue;
    }
    const valueType = jsonTypeOf(writeType);
    if (entry.sourceType === 'STATIC') {
      const r = conv.convert(entry.source);
      if (!r.ok) {
        p(`the constant ${r.message}`);
        continue;
      }
      steps.push({ ...base, source: 'constant', value: r.value, json: JSON.stringify(r.value) });
    } else {
      const column = columnIndex.get(entry.source);
      if (column === undefined) {
        p(`the file has no column "${clip(entry.source)}"`);
        continue;
      }
      steps.push({
        ...base,
        source: 'column',
        column,
        read: conv.read,
        convert: conv.convert,
        copies: conv.copies,
        range: INTEGER_RANGE[writeType],
        dateLayout: conv.dateLayout,
        isoOffsets: conv.isoOffsets === true,
        readsEmpty: conv.readsEmpty === true,
        flagKeys: conv.flagKeys,
        dateList: conv.dateList,
        numberFormat: conv.numberFormat,
        epoch: conv.epoch,
      });
    }
    shapeSteps.push({ valueType, range: entry.sourceType === 'STATIC' ? undefined : INTEGER_RANGE[writeType] });
  }
  if (problems.length) return { ok: false, problems };
  const shape = outputTree(steps.map((s) => s.segments));
  const validator = options.validator;
  let direct = shape ? planDirect(shape, shapeSteps, validator) : null;
  // A constant the schema refuses breaks every record: each row then says so, the full way.
  if (direct && steps.some((s) => s.source === 'constant' && direct!.checks[s.k] && !direct!.checks[s.k]!(s.value))) direct = null;
  // Objects and arrays from expressions could bring the row past AEP's field limit unseen.
  const structured = steps.filter((s) => s.source === 'expression' && s.structured).length;
  if (steps.length + structured * FIELDS_PER_STRUCTURED_VALUE > MAX_FIELDS_PER_ROW) direct = null;
  const byDestination = new Map<string, PlanStep>();
  for (const s of steps) byDestination.set(s.entry.destination, s);
  return {
    ok: true,
    plan: {
      steps,
      columns,
      columnIndex,
      emptyCells: options.emptyCells ?? doc.options?.emptyCells ?? 'omit',
      order: shape ? shape.order : steps.map((s) => s.k),
      arrays: [...arrays.values()],
      direct,
      validator,
      byDestination,
    },
  };
}

/** Names and paths in messages are cut short: a message must not repeat a megabyte of header. */
const clip = (s: string): string => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

/** XDM types whose expression output (`outputFor`) is always one JSON type: that of `jsonTypeOf`. */
const SCALAR_OUTPUT = new Set(['string', 'boolean', 'number', 'byte', 'short', 'int', 'long']);

/** The JSON type every converted value of an XDM type has. */
function jsonTypeOf(type: string): ShapeStep['valueType'] {
  if (type === 'boolean') return 'boolean';
  if (type === 'number') return 'number';
  if (type === 'byte' || type === 'short' || type === 'int' || type === 'long') return 'integer';
  return 'string';
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
