import type { BinaryOp, Expr } from './ast';
import { parseDate } from './functions/datetime';
import { FUNCTIONS } from './functions/index';
import { METHODS } from './functions/structure';
import type { EvalContext } from './functions/types';
import { eagerOperator, negate } from './operators';
import { fail, Lambda, newObject, str, truthy, type Value } from './values';

/** How an expression reads its row: a value per resolved column. */
export interface RowAccess {
  value(column: number): Value;
}

/** One node of a checked tree, turned into a function of the evaluation under way. */
type Node = () => Value;

/** Values of the lambda parameters in scope while a lambda body is evaluated. */
let lambdaScope = new Map<string, Value>();

/**
 * Turns a checked expression tree into closures, once: each node's function, column and
 * operator are looked up here instead of on every row (a row of a large file evaluates every
 * node). The closures evaluate exactly as a walk of the tree does: arguments left to right,
 * all of them before the call, the same errors thrown. The row and context of the evaluation
 * under way are kept beside them, so that an evaluation makes no closure.
 */
export function closureEvaluator(root: Expr, resolved: ReadonlyMap<Expr, number>): (row: RowAccess, ctx: EvalContext) => Value {
  let row: RowAccess;
  let ctx: EvalContext;
  const all = (nodes: Expr[]): (() => Value[]) => {
    const fs = nodes.map(node);
    if (fs.length === 0) return () => [];
    if (fs.length === 1) {
      const [a] = fs as [Node];
      return () => [a()];
    }
    if (fs.length === 2) {
      const [a, b] = fs as [Node, Node];
      return () => {
        const x = a();
        return [x, b()];
      };
    }
    if (fs.length === 3) {
      const [a, b, c] = fs as [Node, Node, Node];
      return () => {
        const x = a();
        const y = b();
        return [x, y, c()];
      };
    }
    return () => fs.map((f) => f());
  };
  function node(e: Expr): Node {
    switch (e.type) {
      case 'literal': {
        const v = e.value;
        return () => v;
      }
      case 'date': {
        const t = e.text;
        return () => parseDate(t, null);
      }
      case 'field': {
        const at = resolved.get(e);
        if (at === undefined) {
          const message = `column "${e.path.join('.')}" is not in the row`;
          return () => fail(message);
        }
        return () => row.value(at);
      }
      case 'call': {
        const spec = FUNCTIONS.get(e.name)!;
        // The usual small calls make their argument array themselves: one closure fewer per call.
        const fs = e.args.map(node);
        if (fs.length === 1) {
          const [a] = fs as [Node];
          return () => spec.call([a()], ctx);
        }
        if (fs.length === 2) {
          const [a, b] = fs as [Node, Node];
          return () => {
            const x = a();
            return spec.call([x, b()], ctx);
          };
        }
        if (fs.length === 3) {
          const [a, b, c] = fs as [Node, Node, Node];
          return () => {
            const x = a();
            const y = b();
            return spec.call([x, y, c()], ctx);
          };
        }
        return () =>
          spec.call(
            fs.map((f) => f()),
            ctx,
          );
      }
      case 'method': {
        const spec = METHODS.get(e.name)!;
        const target = node(e.target);
        const args = all(e.args);
        return () => {
          const t = target();
          return spec.call(t, args());
        };
      }
      case 'unary': {
        const arg = node(e.arg);
        if (e.op === '!') return () => !truthy(arg());
        return () => negate(arg());
      }
      case 'conditional': {
        const test = node(e.test);
        const then = node(e.then);
        const otherwise = node(e.else);
        return () => (truthy(test()) ? then() : otherwise());
      }
      case 'array':
        return all(e.items);
      case 'lambda': {
        const body = node(e.body);
        const param = e.param;
        return () => {
          const outer = lambdaScope;
          return new Lambda((arg) => {
            const saved = lambdaScope;
            lambdaScope = new Map(outer);
            lambdaScope.set(param, arg);
            try {
              return body();
            } finally {
              lambdaScope = saved;
            }
          });
        };
      }
      case 'param': {
        const name = e.name;
        return () => lambdaScope.get(name) ?? null;
      }
      case 'object': {
        const entries = e.entries.map(({ key, value }) => ({ key: node(key), value: node(value) }));
        return () => {
          const o = newObject();
          for (const { key, value } of entries) {
            const k = str(key(), 'map key');
            if (k === null) return fail('a map key is null');
            o[k] = value();
          }
          return o;
        };
      }
      case 'binary':
        return binary(e.op, node(e.left), node(e.right));
    }
  }
  const run = node(root);
  return (r, c) => {
    row = r;
    ctx = c;
    return run();
  };
}

function binary(op: BinaryOp, left: Node, right: Node): Node {
  switch (op) {
    case '&&':
      return () => truthy(left()) && truthy(right());
    case '||':
      return () => truthy(left()) || truthy(right());
    case '?:':
      return () => {
        const l = left();
        return truthy(l) ? l : right();
      };
    default: {
      const apply = eagerOperator(op);
      return () => {
        const l = left();
        return apply(l, right());
      };
    }
  }
}
