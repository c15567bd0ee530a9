import type { PathSegment } from '../mapping/paths';
import type { RowError } from '../types';
import { type CellSource, FAILED, type RowEvaluator } from './evaluate';
import { MAX_FIELDS_PER_ROW, type Plan, type PlanStep } from './plan';

export type XdmRecord = Record<string, unknown>;

/** What one input row became: a record (maybe with field errors) or a rejection. */
export interface RowResult {
  record: XdmRecord | null;
  errors: RowError[];
}

/** AEP's limit on one record (batch ingestion guardrails: "the maximum size of a single record is 1 MB"). */
export const MAX_RECORD_BYTES = 1 << 20;

/**
 * The record builder: evaluates every step of a row, writes the values into a record (objects
 * without a prototype, so that no field name reaches a built-in), closes array holes, checks
 * the record with ajv and names every error with its column and value. Rows the direct writer
 * cannot vouch for come here; so does every row of a mapping it cannot write.
 */
export function recordBuilder(plan: Plan, rows: RowEvaluator): (cells: CellSource, row: number, line: number) => RowResult {
  const { steps, order, arrays, validator } = plan;
  const values: unknown[] = new Array(steps.length);
  // Without objects or arrays from expressions, a record has at most one field per step.
  const mayOverflow = steps.some((s) => s.source === 'expression' && s.structured);
  return (cells, row, line) => {
    const errors: RowError[] = [];
    for (let k = 0; k < steps.length; k++) {
      const v = rows.value(k, cells);
      if (v !== FAILED) {
        values[k] = v;
        continue;
      }
      values[k] = undefined;
      const s = steps[k]!;
      const why = rows.why(k, cells);
      if (s.source === 'expression') {
        const cols = s.expr.columns;
        const only = cols.length === 1 ? plan.columnIndex.get(cols[0]!) : undefined;
        errors.push({
          row,
          line,
          column: cols.length === 1 ? cols[0]! : cols.length ? cols.join(', ') : null,
          value: only === undefined ? null : cells.text(only),
          destination: s.entry.destination,
          code: why.code,
          message: `${why.message} (in ${s.entry.source})`,
          rejected: false,
        });
      } else
        errors.push({
          row,
          line,
          column: s.entry.source,
          value: s.source === 'column' ? cells.text(s.column) : null,
          destination: s.entry.destination,
          code: why.code,
          message: why.message,
          rejected: false,
        });
    }
    const record: XdmRecord = Object.create(null);
    for (const k of order) if (values[k] !== undefined) writeAt(record, steps[k]!.segments, values[k]);
    if (arrays.length) closeHoles(record, arrays);
    const reject = (e: Omit<RowError, 'row' | 'line' | 'rejected'>): RowResult => {
      errors.push({ row, line, ...e, rejected: true });
      return { record: null, errors };
    };
    if (validator) {
      const violations = validator.validate(record);
      if (violations.length) {
        for (const v of violations) {
          const s = traced(plan, v.path);
          const column = s?.entry.sourceType === 'ATTRIBUTE' ? s.entry.source : null;
          const failed = errors.find((e) => e.destination === s?.entry.destination);
          errors.push({
            row,
            line,
            column,
            value: s && s.source === 'column' ? cells.text(s.column) : null,
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
    const fields = mayOverflow ? countFields(record) : 0;
    if (fields > MAX_FIELDS_PER_ROW)
      return reject({
        column: null,
        value: null,
        code: 'RECORD_TOO_LARGE',
        message: `the record has ${fields.toLocaleString('en-US')} fields; AEP takes at most ${MAX_FIELDS_PER_ROW.toLocaleString('en-US')} per row`,
      });
    return { record, errors };
  };
}

/** Writes a value at its path, creating objects and arrays on the way; only own properties are ever read. */
function writeAt(record: XdmRecord, segments: readonly PathSegment[], value: unknown): void {
  let cur: Record<string, unknown> = record;
  const last = segments.length - 1;
  for (let k = 0; k <= last; k++) {
    const { key, index } = segments[k]!;
    if (index === undefined) {
      if (k === last) cur[key] = value;
      else cur = child(cur, key, () => Object.create(null)) as Record<string, unknown>;
      continue;
    }
    const arr = child(cur, key, () => []) as unknown[];
    if (k === last) arr[index] = value;
    else cur = (Object.hasOwn(arr, index) && arr[index] ? arr[index] : (arr[index] = Object.create(null))) as Record<string, unknown>;
  }
}

function child(obj: Record<string, unknown>, key: string, make: () => unknown): unknown {
  if (Object.hasOwn(obj, key)) return obj[key];
  const made = make();
  obj[key] = made;
  return made;
}

/** Items that no mapping filled leave holes; an array in a record has none. */
function closeHoles(record: XdmRecord, paths: readonly string[][]): void {
  const own = (o: unknown, key: string): unknown => (o && typeof o === 'object' && Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);
  for (const p of paths) {
    let parents: unknown[] = [record];
    for (let k = 0; k < p.length - 1; k++)
      parents = parents.flatMap((o) => {
        const v = own(o, p[k]!);
        return Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : [];
      });
    const key = p[p.length - 1]!;
    for (const o of parents) {
      const arr = own(o, key);
      if (Array.isArray(arr) && hasHole(arr)) (o as Record<string, unknown>)[key] = arr.filter((x) => x !== undefined);
    }
  }
}

function hasHole(arr: unknown[]): boolean {
  // Array#some skips holes, so look at every index.
  for (let i = 0; i < arr.length; i++) if (arr[i] === undefined) return true;
  return false;
}

/** Leaf values of a record (null included), stopping once past the limit. */
function countFields(value: unknown, limit = MAX_FIELDS_PER_ROW + 1): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length && n < limit) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') for (const k of Object.keys(v)) stack.push((v as Record<string, unknown>)[k]);
    else n++;
  }
  return n;
}

/** The step behind a violation: the exact destination, else the first step below that path. */
function traced(plan: Plan, path: string): PlanStep | undefined {
  const exact = plan.byDestination.get(path);
  if (exact) return exact;
  for (const [dest, s] of plan.byDestination) if (dest.startsWith(`${path}.`) || dest.startsWith(`${path}[`)) return s;
  return undefined;
}
