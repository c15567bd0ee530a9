import type { BinaryOp } from './ast';
import { compare, equal, fail, isNumeric, num, text, type Value } from './values';

/**
 * The binary operators that evaluate both sides before they apply (all but `&&`, `||` and
 * `?:`), as functions of the two values: the closures and the generated evaluator share them,
 * so that an operator means the same whichever evaluates it.
 */
export function eagerOperator(op: Exclude<BinaryOp, '&&' | '||' | '?:'>): (l: Value, r: Value) => Value {
  switch (op) {
    case '==':
      return equal;
    case '!=':
      return (l, r) => !equal(l, r);
    case '<':
      return (l, r) => l !== null && r !== null && compare(l, r) < 0;
    case '<=':
      return (l, r) => l !== null && r !== null && compare(l, r) <= 0;
    case '>':
      return (l, r) => l !== null && r !== null && compare(l, r) > 0;
    case '>=':
      return (l, r) => l !== null && r !== null && compare(l, r) >= 0;
    default:
      return (l, r) => arith(op, l, r);
  }
}

/** `-x`: null stays null. */
export function negate(v: Value): Value {
  const n = num(v, 'operand');
  return n === null ? null : -n;
}

function arith(op: string, a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  if (op === '+') {
    // JEXL: two strings concatenate; otherwise add as numbers when both read as numbers.
    if (typeof a === 'string' && typeof b === 'string') return a + b;
    const na = typeof a === 'number' ? a : typeof a === 'string' && isNumeric(a) ? Number(a) : null;
    const nb = typeof b === 'number' ? b : typeof b === 'string' && isNumeric(b) ? Number(b) : null;
    if (na !== null && nb !== null) return na + nb;
    return text(a) + text(b);
  }
  const x = num(a, 'left operand')!;
  const y = num(b, 'right operand')!;
  switch (op) {
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? fail('division by zero') : x / y;
    case '%':
      return y === 0 ? fail('division by zero') : x % y;
  }
  return fail(`unknown operator ${op}`);
}
