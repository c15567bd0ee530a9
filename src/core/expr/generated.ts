import type { Expr } from './ast';
import type { RowAccess } from './closures';
import { parseDate } from './functions/datetime';
import { FUNCTIONS } from './functions/index';
import { METHODS } from './functions/structure';
import type { EvalContext } from './functions/types';
import { eagerOperator, negate } from './operators';
import { fail, truthy, type Value } from './values';

/**
 * Trees nested deeper than this are left to the closures: a generated function recurses less
 * than they do, and a tree that overflows the stack must fail the same way whichever evaluates it.
 */
const MAX_DEPTH = 48;

/**
 * Turns a checked expression tree into one generated function (with `new Function`, as the
 * byte writer and ajv do). The closures run every node through the same few shared functions,
 * so V8 sees every library function at each call site and can inline none; here each call in
 * the tree is a call site of its own, which calls one function and can be inlined, its
 * argument array with it. The function evaluates exactly as the closures do: arguments left to
 * right, all of them before the call, only the branch taken of a condition, the same errors.
 * Only indexes go into the generated source; literals, names and functions are passed in.
 * Null for a tree with lambdas or maps, one deeper than MAX_DEPTH, or when the platform
 * forbids generated code: the closures evaluate those.
 */
export function generatedEvaluator(root: Expr, resolved: ReadonlyMap<Expr, number>): ((row: RowAccess, ctx: EvalContext) => Value) | null {
  const refs: unknown[] = [];
  const ref = (x: unknown): string => {
    refs.push(x);
    return `k${refs.length - 1}`;
  };
  let temps = 0;
  const args = (items: Expr[], depth: number): string | null => {
    const parts: string[] = [];
    for (const item of items) {
      const code = gen(item, depth + 1);
      if (code === null) return null;
      parts.push(code);
    }
    return `[${parts.join(', ')}]`;
  };
  function gen(e: Expr, depth: number): string | null {
    if (depth > MAX_DEPTH) return null;
    switch (e.type) {
      case 'literal':
        return ref(e.value);
      case 'date':
        return `PD(${ref(e.text)}, null)`;
      case 'field': {
        const at = resolved.get(e);
        return at === undefined ? `FAIL(${ref(`column "${e.path.join('.')}" is not in the row`)})` : `row.value(${at})`;
      }
      case 'call': {
        const a = args(e.args, depth);
        return a === null ? null : `${ref(FUNCTIONS.get(e.name)!)}.call(${a}, ctx)`;
      }
      case 'method': {
        const target = gen(e.target, depth + 1);
        const a = args(e.args, depth);
        return target === null || a === null ? null : `${ref(METHODS.get(e.name)!)}.call(${target}, ${a})`;
      }
      case 'unary': {
        const arg = gen(e.arg, depth + 1);
        if (arg === null) return null;
        return e.op === '!' ? `!TRUTHY(${arg})` : `NEG(${arg})`;
      }
      case 'conditional': {
        const test = gen(e.test, depth + 1);
        const then = gen(e.then, depth + 1);
        const otherwise = gen(e.else, depth + 1);
        return test === null || then === null || otherwise === null ? null : `(TRUTHY(${test}) ? ${then} : ${otherwise})`;
      }
      case 'array':
        return args(e.items, depth);
      case 'binary': {
        const l = gen(e.left, depth + 1);
        const r = gen(e.right, depth + 1);
        if (l === null || r === null) return null;
        if (e.op === '&&') return `(TRUTHY(${l}) && TRUTHY(${r}))`;
        if (e.op === '||') return `(TRUTHY(${l}) || TRUTHY(${r}))`;
        if (e.op === '?:') {
          const t = `t${temps++}`;
          return `(${t} = ${l}, TRUTHY(${t}) ? ${t} : ${r})`;
        }
        return `${ref(eagerOperator(e.op))}(${l}, ${r})`;
      }
      default:
        // Lambdas (and their parameters) and maps: left to the closures.
        return null;
    }
  }
  const body = gen(root, 0);
  if (body === null) return null;
  const names = refs.map((_, i) => `k${i}`);
  const source = [
    "'use strict';",
    names.length ? `const [${names.join(', ')}] = K;` : '',
    'return function evaluate(row, ctx) {',
    temps ? `let ${Array.from({ length: temps }, (_, i) => `t${i}`).join(', ')};` : '',
    `return ${body};`,
    '};',
  ].join('\n');
  try {
    return new Function('K', 'PD', 'FAIL', 'TRUTHY', 'NEG', source)(refs, parseDate, fail, truthy, negate);
  } catch {
    return null;
  }
}
