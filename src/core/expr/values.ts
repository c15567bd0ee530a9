import { ZonedDate } from './zoned';

/** What an expression computes: JSON values plus a date with its zone (and a lambda, as an argument). */
export type Value = null | string | number | boolean | Value[] | ValueObject | ZonedDate | Lambda;

/** `x -> body`, bound to its row; only functions such as filterArray accept one. */
export class Lambda {
  constructor(readonly apply: (arg: Value) => Value) {}
}
export interface ValueObject {
  [key: string]: Value;
}

/** A failure while evaluating one row: the destination is nulled and the error recorded. */
export class ExprRuntimeError extends Error {}

export const fail = (message: string): never => {
  throw new ExprRuntimeError(message);
};

export const isObject = (v: Value): v is ValueObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof ZonedDate) && !(v instanceof Lambda);

/** An object with no prototype: keys from data can never reach Object.prototype. */
export function newObject(): ValueObject {
  return Object.create(null) as ValueObject;
}

export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof ZonedDate) return 'date';
  if (v instanceof Lambda) return 'lambda';
  return typeof v === 'object' ? 'object' : typeof v;
}

/** Java-like text of a value, as string functions and concatenation see it. */
export function text(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return String(v);
  if (v instanceof ZonedDate) return v.toString();
  if (v instanceof Lambda) return '(lambda)';
  if (Array.isArray(v)) return `[${v.map(text).join(', ')}]`;
  return JSON.stringify(toJson(v));
}

export function numberText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return String(n);
}

/** A string argument, or null when the value is null. */
export function str(v: Value, what = 'argument'): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof ZonedDate) return text(v);
  return fail(`${what} must be text, got ${typeName(v)}`);
}

/** A number argument: numbers, and strings that read as numbers. */
export function num(v: Value, what = 'argument'): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const n = plainInteger(v);
    if (!Number.isNaN(n)) return n;
    const t = v.trim();
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
    return fail(`${what} must be a number, got "${v}"`);
  }
  if (typeof v === 'boolean') return fail(`${what} must be a number, got ${v}`);
  return fail(`${what} must be a number, got ${typeName(v)}`);
}

/**
 * The value of text that is only a sign and up to 15 ASCII digits (what most numeric cells
 * hold), or NaN for any other text. Such a value is exact as a double, so it is what `Number`
 * reads, -0 included; the caller's regular expression and `Number` decide every other text.
 */
export function plainInteger(t: string): number {
  const n = t.length;
  if (n === 0 || n > 16) return Number.NaN;
  let i = 0;
  const first = t.charCodeAt(0);
  const negative = first === 0x2d;
  if (negative || first === 0x2b) {
    if (n === 1) return Number.NaN;
    i = 1;
  } else if (n === 16) return Number.NaN;
  let v = 0;
  for (; i < n; i++) {
    const d = t.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return negative ? -v : v;
}

export function int(v: Value, what = 'argument'): number | null {
  const n = num(v, what);
  if (n === null) return null;
  if (!Number.isInteger(n)) return fail(`${what} must be a whole number, got ${numberText(n)}`);
  return n;
}

/** Truthiness as JEXL (Data Prep's evaluator) has it: null, false, 0, "" and "false" are false. */
export function truthy(v: Value): boolean {
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v !== '' && v !== 'false';
  return true;
}

/** A JSON value: dates become their ISO text. */
export function toJson(v: Value): unknown {
  if (v instanceof ZonedDate) return v.toString();
  if (v instanceof Lambda) return null;
  if (Array.isArray(v)) return v.map(toJson);
  if (isObject(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(o, k, { value: toJson(v[k]!), enumerable: true, writable: true, configurable: true });
    return o;
  }
  return v;
}

/** Converts parsed JSON into values whose objects have no prototype. */
export function fromJson(j: unknown): Value {
  if (j === null || typeof j === 'string' || typeof j === 'number' || typeof j === 'boolean') return j;
  if (Array.isArray(j)) return j.map(fromJson);
  if (typeof j === 'object') {
    const o = newObject();
    for (const [k, v] of Object.entries(j as Record<string, unknown>)) o[k] = fromJson(v);
    return o;
  }
  return null;
}

/** Natural ordering for min/max and comparisons: numbers, strings, dates, booleans. */
export function compare(a: Value, b: Value): number {
  if (a instanceof ZonedDate && b instanceof ZonedDate) return a.epochMs - b.epochMs;
  const an = typeof a === 'number' || (typeof a === 'string' && isNumeric(a));
  const bn = typeof b === 'number' || (typeof b === 'string' && isNumeric(b));
  if (an && bn && (typeof a === 'number' || typeof b === 'number')) return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return fail(`cannot compare ${typeName(a)} with ${typeName(b)}`);
}

export const isNumeric = (s: string): boolean => !Number.isNaN(plainInteger(s)) || /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(s);

/** Equality as `==` sees it: numbers by value (also numeric text), dates by instant, the rest strictly. */
export function equal(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  if (a instanceof ZonedDate && b instanceof ZonedDate) return a.epochMs === b.epochMs;
  if (typeof a === 'number' || typeof b === 'number') {
    const x = typeof a === 'number' ? a : typeof a === 'string' && isNumeric(a) ? Number(a) : Number.NaN;
    const y = typeof b === 'number' ? b : typeof b === 'string' && isNumeric(b) ? Number(b) : Number.NaN;
    return x === y;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]!));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k]!, b[k]!));
  }
  return a === b;
}
