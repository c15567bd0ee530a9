import type { RowAccess } from '../expr/compile';
import type { EvalContext } from '../expr/functions/types';
import type { RowErrorCode } from '../types';
import type { Plan, PlanStep } from './plan';

/**
 * Where a row's cells come from: decoded text cells (the text reader, a row being explained)
 * or a row scanned as bytes, whose cells are decoded only when a step asks for their text.
 */
export interface CellSource {
  /** The cell's text; '' for an empty or missing one. */
  text(column: number): string;
}

/** Cells already decoded, one string per column. */
export class TextCells implements CellSource {
  cells: readonly string[] = [];
  text(column: number): string {
    return this.cells[column] ?? '';
  }
}

/** A step's value for a row that could not be had: the cell does not convert, the expression fails. */
export const FAILED: unique symbol = Symbol('failed');

/** Why a step failed, for the error entry. */
export interface StepFailure {
  code: RowErrorCode;
  message: string;
}

export interface RowEvaluator {
  /**
   * The value step `k` gives for the row in `cells`: undefined when it gives nothing (an empty
   * cell, a null expression), null for an empty cell written as null, FAILED when it fails.
   */
  value(k: number, cells: CellSource): unknown;
  /**
   * `value` of step `k` as a function of its own, made once: no look-up of the step and its
   * kind per row (the direct writer calls each step's from a call site of its own).
   */
  stepValue(k: number): (cells: CellSource) => unknown;
  /** Why step `k` failed on this row (called only after `value` said FAILED). */
  why(k: number, cells: CellSource): StepFailure;
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

/**
 * The one evaluation of a row's steps, over either cell source: empty cells, conversions and
 * expressions with their output checks are decided here and nowhere else. Expressions read
 * the row through the source being evaluated.
 */
export function rowEvaluator(plan: Plan, clock: () => number = () => Date.now()): RowEvaluator {
  let current: CellSource = new TextCells();
  const rowAccess: RowAccess = {
    value: (i) => {
      const c = current.text(i);
      return c === '' ? null : c;
    },
  };
  const ctx: EvalContext = {
    now: clock,
    uuid: randomUuid,
    hasField: (p) => {
      const i = plan.columnIndex.get(p);
      return i !== undefined && current.text(i) !== '';
    },
  };
  const nullForEmpty = plan.emptyCells === 'null';
  const steps = plan.steps;
  const evaluate = (s: PlanStep & { source: 'expression' }, cells: CellSource) => {
    current = cells;
    return s.expr.evaluate(rowAccess, ctx);
  };
  const stepValue = (s: PlanStep): ((cells: CellSource) => unknown) => {
    if (s.source === 'column') {
      const { column, read } = s;
      // A reading where a blank cell has a value (a blank flag is false) reads it like any other.
      const blank = s.readsEmpty ? undefined : nullForEmpty ? null : undefined;
      const skipsBlank = !s.readsEmpty;
      return (cells) => {
        const text = cells.text(column);
        if (text === '' && skipsBlank) return blank;
        const v = read(text);
        return v === undefined ? FAILED : v;
      };
    }
    if (s.source === 'constant') {
      const value = s.value;
      return () => value;
    }
    // A calculated field's value, or FAILED; no result objects on the way (`why` makes them).
    const { expr, outputValue } = s;
    return (cells) => {
      current = cells;
      const v = expr.tryEvaluate(rowAccess, ctx);
      if (v === undefined) return FAILED;
      if (v === null) return undefined;
      const out = outputValue(v);
      return out === undefined ? FAILED : out;
    };
  };
  const byStep = steps.map(stepValue);
  return {
    value: (k, cells) => byStep[k]!(cells),
    stepValue: (k) => byStep[k]!,
    why(k, cells) {
      const s = steps[k]!;
      if (s.source === 'column') {
        const r = s.convert(cells.text(s.column));
        return r.ok ? { code: 'SCHEMA_VIOLATION', message: 'the value changed between two readings' } : r;
      }
      if (s.source === 'constant') return { code: 'SCHEMA_VIOLATION', message: 'a constant cannot fail' };
      const r = evaluate(s, cells);
      if (!r.ok) return { code: 'EXPRESSION_ERROR', message: r.message };
      const out = r.value === null ? null : s.output(r.value);
      return out && !out.ok ? out : { code: 'EXPRESSION_ERROR', message: 'the expression gave a different value when evaluated again' };
    },
  };
}
