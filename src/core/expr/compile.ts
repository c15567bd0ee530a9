import { compileDatePattern } from '../convert/dates';
import { compilePattern } from '../regex';
import { children, type Expr, type ExprError, walk } from './ast';
import { readAttributeNames } from './attributeNames';
import { closureEvaluator, type RowAccess } from './closures';
import { parseDate } from './functions/datetime';
import { FUNCTIONS, UNSUPPORTED } from './functions/index';
import { METHODS } from './functions/structure';
import { arity, type EvalContext } from './functions/types';
import { generatedEvaluator } from './generated';
import { parseExpression } from './parser';
import { ExprRuntimeError, type Value } from './values';
import { isZone } from './zoned';

export type { RowAccess } from './closures';

export interface CompiledExpression {
  source: string;
  /** The plain tree (for printing, SQL translation, the editor). */
  ast: Expr;
  /** Columns the expression reads, by name. */
  columns: string[];
  /** The column (index in the file's columns) a field node of `ast` reads; undefined without columns. */
  columnOf(e: Expr): number | undefined;
  evaluate(row: RowAccess, ctx: EvalContext): { ok: true; value: Value } | { ok: false; message: string };
  /**
   * The same evaluation without a result object: the value, or undefined when it fails
   * (`evaluate` then says why). A run calls this once per row and field.
   */
  tryEvaluate(row: RowAccess, ctx: EvalContext): Value | undefined;
}

export interface ExpressionOptions {
  /** The file's columns; when given, every column reference must be one of them. */
  columns?: readonly string[];
}

/** Argument positions that are usually literal and can be checked before any row is read. */
const LITERAL_CHECKS: Record<string, { index: number; kind: 'date-pattern' | 'regex' | 'zone' }[]> = {
  date: [{ index: 1, kind: 'date-pattern' }],
  format: [{ index: 1, kind: 'date-pattern' }],
  dformat: [{ index: 1, kind: 'date-pattern' }],
  explode: [{ index: 1, kind: 'regex' }],
  extract_regex: [{ index: 1, kind: 'regex' }],
  matches_regex: [{ index: 1, kind: 'regex' }],
  make_date_time: [{ index: 7, kind: 'zone' }],
  make_timestamp: [{ index: 7, kind: 'zone' }],
  zone_date_to_zone: [{ index: 1, kind: 'zone' }],
};

/**
 * Parses and checks an expression once: functions exist and get the right number of
 * arguments, methods exist, columns exist, literal date patterns, regular expressions and zones
 * are valid. Each row then only evaluates the tree.
 */
export function compileExpression(
  source: string,
  options: ExpressionOptions = {},
): { ok: true; compiled: CompiledExpression } | { ok: false; errors: ExprError[] } {
  const parsed = parseExpression(source);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const errors: ExprError[] = [];
  const columnIndex = new Map<string, number>();
  options.columns?.forEach((c, i) => {
    if (!columnIndex.has(c)) columnIndex.set(c, i);
  });
  // Resolved column per field node, kept beside the tree rather than in it.
  const resolved = new Map<Expr, number>();
  const used = new Set<string>();
  walk(parsed.expr, (e) => {
    if (e.type === 'call') {
      const spec = FUNCTIONS.get(e.name);
      if (options.columns) readAttributeNames(e, (n) => columnIndex.has(n));
      if (!spec) {
        const why = UNSUPPORTED.get(e.name);
        errors.push({ pos: e.pos, message: why ? `${e.name}() is not supported by xdm-mapper: ${why}` : `unknown function ${e.name}()` });
        return;
      }
      const { min, max } = arity(spec);
      if (e.args.length < min || e.args.length > max) {
        const want = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
        const plural = (min === max ? min : max === Number.POSITIVE_INFINITY ? min : max) === 1 ? '' : 's';
        errors.push({ pos: e.pos, message: `${e.name}(${spec.params.join(', ')}) takes ${want} argument${plural}, got ${e.args.length}` });
      }
      for (const check of LITERAL_CHECKS[e.name] ?? []) {
        const a = e.args[check.index];
        if (a?.type !== 'literal' || typeof a.value !== 'string') continue;
        if (check.kind === 'date-pattern') {
          const r = compileDatePattern(a.value);
          if (!r.ok) errors.push({ pos: a.pos, message: r.message });
        } else if (check.kind === 'regex') {
          const r = compilePattern(a.value);
          if (!r.ok) errors.push({ pos: a.pos, message: r.message });
        } else if (!isZone(a.value)) errors.push({ pos: a.pos, message: `unknown time zone "${a.value}"` });
      }
    } else if (e.type === 'method') {
      const m = METHODS.get(e.name);
      if (!m) errors.push({ pos: e.pos, message: `unknown method .${e.name}()` });
      else if (e.args.length !== m.params.length)
        errors.push({ pos: e.pos, message: `.${e.name}() takes ${m.params.length} argument${m.params.length === 1 ? '' : 's'}, got ${e.args.length}` });
    } else if (e.type === 'field') {
      const name = e.path.join('.');
      if (!options.columns) {
        used.add(name);
        return;
      }
      const at = columnIndex.get(name);
      if (at === undefined)
        errors.push({
          pos: e.pos,
          message: `the file has no column "${name}"${e.braced || /^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name) ? '' : ` (write \${${name}} for names with spaces or dots)`}`,
        });
      else {
        resolved.set(e, at);
        used.add(options.columns[at]!);
      }
    } else if (e.type === 'lambda') {
      // Checked by the call that receives it; a lambda anywhere else is an error below.
    } else if (e.type === 'date') {
      try {
        parseDate(e.text, null);
      } catch (err) {
        errors.push({ pos: e.pos, message: (err as Error).message });
      }
    }
  });
  const misplaced = misplacedLambda(parsed.expr);
  if (misplaced) errors.push({ pos: misplaced.pos, message: 'a lambda (x -> …) can only be an argument of filterArray or transformArray' });
  if (errors.length) return { ok: false, errors };
  const ast = parsed.expr;
  let run: (row: RowAccess, ctx: EvalContext) => Value;
  try {
    run = generatedEvaluator(ast, resolved) ?? closureEvaluator(ast, resolved);
  } catch (e) {
    // A tree too deep to turn into closures is too deep to evaluate: each row says so.
    if (!(e instanceof RangeError)) throw e;
    run = () => {
      throw e;
    };
  }
  return {
    ok: true,
    compiled: {
      source,
      ast,
      columns: [...used],
      columnOf: (e) => resolved.get(e),
      evaluate(row, ctx) {
        try {
          return { ok: true, value: run(row, ctx) };
        } catch (e) {
          if (e instanceof ExprRuntimeError) return { ok: false, message: e.message };
          if (e instanceof RangeError) return { ok: false, message: 'the expression is too deep to evaluate' };
          return { ok: false, message: `evaluation failed: ${(e as Error).message}` };
        }
      },
      tryEvaluate(row, ctx) {
        try {
          return run(row, ctx);
        } catch {
          return undefined;
        }
      },
    },
  };
}

const LAMBDA_TAKERS = new Set(['filterArray', 'transformArray']);

/** The first lambda that is not a direct argument of a function that takes one. */
function misplacedLambda(root: Expr): Expr | null {
  let found: Expr | null = null;
  const visit = (e: Expr, allowed: boolean) => {
    if (found) return;
    if (e.type === 'lambda') {
      if (!allowed) found = e;
      visit(e.body, false);
      return;
    }
    for (const c of children(e)) visit(c, e.type === 'call' && LAMBDA_TAKERS.has(e.name));
  };
  visit(root, false);
  return found;
}
