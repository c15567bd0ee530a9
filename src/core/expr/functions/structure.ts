import { compare, fail, fromJson, int, isObject, newObject, num, str, text, truthy, typeName, type Value, type ValueObject } from '../values';
import type { FnSpec } from './types';

/** Varargs or one array: `first("1", "2")` and `first(["1", "2"])` both read a list. */
const list = (args: Value[]): Value[] => (args.length === 1 && Array.isArray(args[0]) ? args[0] : args);

function keyOf(v: Value, what: string): string {
  const k = str(v, what);
  if (k === null) return fail(`${what} must not be null`);
  return k;
}

function splitPairs(s: string, valueDelim: string, fieldDelim: string): [string, string][] {
  const out: [string, string][] = [];
  for (const field of s.split(fieldDelim)) {
    if (field.trim() === '') continue;
    const at = field.indexOf(valueDelim);
    if (at < 0) out.push([field.trim(), '']);
    else out.push([field.slice(0, at).trim(), field.slice(at + valueDelim.length).trim()]);
  }
  return out;
}

export const OBJECT_FUNCTIONS: FnSpec[] = [
  {
    name: 'is_empty',
    family: 'objects',
    params: ['INPUT'],
    description: 'Whether a value is null, an empty string, an empty array or an empty object.',
    call: ([v]) => v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObject(v!) && Object.keys(v).length === 0),
  },
  {
    name: 'arrays_to_object',
    aliases: ['arrays_to_objects'],
    family: 'objects',
    params: ['...KEY_AND_ARRAY'],
    description: 'Zips key/array pairs into a list of objects: ("sku", [a, b], "price", [1, 2]) gives [{sku: a, price: 1}, {sku: b, price: 2}].',
    call: (args) => {
      if (args.length % 2) return fail('arrays_to_object takes key and array pairs');
      const cols: [string, Value[]][] = [];
      for (let i = 0; i < args.length; i += 2) {
        const arr = args[i + 1]!;
        cols.push([keyOf(args[i]!, 'KEY'), Array.isArray(arr) ? arr : arr === null ? [] : [arr]]);
      }
      const n = Math.max(0, ...cols.map(([, a]) => a.length));
      return Array.from({ length: n }, (_, i) => {
        const o = newObject();
        for (const [k, a] of cols) if (i < a.length) o[k] = a[i]!;
        return o;
      });
    },
  },
  {
    name: 'to_object',
    family: 'objects',
    params: ['...KEY_VALUE'],
    description: 'An object from a flat list of keys and values.',
    call: (args) => {
      if (args.length % 2) return fail('to_object takes key and value pairs');
      const o = newObject();
      for (let i = 0; i < args.length; i += 2) o[keyOf(args[i]!, 'KEY')] = args[i + 1]!;
      return o;
    },
  },
  {
    name: 'str_to_object',
    family: 'objects',
    params: ['STRING', 'VALUE_DELIMITER?', 'FIELD_DELIMITER?'],
    description: 'An object from "key:value,key:value" text, with the delimiters given (":" and "," by default).',
    call: ([s, vd, fd]) => {
      const t = str(s!);
      if (t === null) return null;
      const o = newObject();
      for (const [k, v] of splitPairs(t, (vd && str(vd)) || ':', (fd && str(fd)) || ',')) if (k !== '') o[k] = v;
      return o;
    },
  },
  {
    name: 'contains_key',
    aliases: ['is_set'],
    family: 'objects',
    params: ['INPUT'],
    description: 'Whether the source row has a value at this column or path.',
    call: ([p], ctx) => {
      const path = str(p!);
      return path === null ? false : ctx.hasField(path);
    },
  },
  { name: 'nullify', family: 'objects', params: [], description: 'null: leaves the destination empty.', call: () => null },
  {
    name: 'get_keys',
    family: 'objects',
    params: ['OBJECT'],
    description: 'The keys of an object.',
    call: ([o]) => (o === null ? null : isObject(o!) ? Object.keys(o) : fail(`get_keys needs an object, got ${typeName(o!)}`)),
  },
  {
    name: 'get_values',
    family: 'objects',
    params: ['STRING', 'KEY', 'VALUE_DELIMITER', 'FIELD_DELIMITER?'],
    description: 'The value of one key in "key - value , key - value" text (delimiters ":" and "," when null or empty).',
    call: ([s, k, vd, fd]) => {
      const t = str(s!);
      const key = str(k!);
      if (t === null || key === null) return null;
      const pairs = splitPairs(t, (vd && str(vd)) || ':', (fd && str(fd)) || ',');
      return pairs.find(([pk]) => pk === key)?.[1] ?? null;
    },
  },
];

export const ARRAY_FUNCTIONS: FnSpec[] = [
  {
    name: 'coalesce',
    family: 'arrays',
    params: ['...INPUT'],
    description: 'The first value that is not null.',
    call: (args) => list(args).find((v) => v !== null) ?? null,
  },
  { name: 'first', family: 'arrays', params: ['...INPUT'], description: 'The first element.', call: (args) => list(args)[0] ?? null },
  {
    name: 'last',
    family: 'arrays',
    params: ['...INPUT'],
    description: 'The last element.',
    call: (args) => {
      const l = list(args);
      return l[l.length - 1] ?? null;
    },
  },
  {
    name: 'add_to_array',
    family: 'arrays',
    params: ['ARRAY', '...VALUES'],
    description: 'The array with the values appended.',
    call: ([a, ...rest]) => [...(Array.isArray(a) ? a : a === null || a === undefined ? [] : [a]), ...rest],
  },
  {
    name: 'join_arrays',
    family: 'arrays',
    params: ['ARRAY', '...VALUES'],
    description: 'The arrays joined into one.',
    call: (args) => args.flatMap((a) => (Array.isArray(a) ? a : a === null ? [] : [a])),
  },
  {
    name: 'to_array',
    family: 'arrays',
    params: ['INCLUDE_NULLS', '...VALUES'],
    description: 'An array of the values; nulls kept only when INCLUDE_NULLS is true.',
    call: ([inc, ...rest]) => (truthy(inc!) ? rest : rest.filter((v) => v !== null)),
  },
  {
    name: 'size_of',
    family: 'arrays',
    params: ['INPUT'],
    description: 'The number of elements of an array, keys of an object, or characters of a string.',
    call: ([v]) =>
      v === null
        ? 0
        : Array.isArray(v)
          ? v.length
          : isObject(v!)
            ? Object.keys(v).length
            : typeof v === 'string'
              ? v.length
              : fail(`size_of cannot measure ${typeName(v!)}`),
  },
  {
    name: 'upsert_array_append',
    family: 'arrays',
    params: ['ARRAY'],
    description: 'The array as given (appending to a stored profile array only applies to updates in AEP).',
    call: ([a]) => a ?? null,
  },
  {
    name: 'upsert_array_replace',
    family: 'arrays',
    params: ['ARRAY', 'INDEX?'],
    description: 'The array as given (replacing in a stored profile array only applies to updates in AEP).',
    call: ([a]) => a ?? null,
  },
];

export const LOGICAL_FUNCTIONS: FnSpec[] = [
  {
    name: 'decode',
    family: 'logical',
    params: ['KEY', '...OPTIONS'],
    description: 'The value paired with KEY in a flat key/value list; a last unpaired option is the default.',
    call: ([key, ...opts]) => {
      for (let i = 0; i + 1 < opts.length; i += 2)
        if (opts[i] === key || (opts[i] !== null && key !== null && text(opts[i]!) === text(key!))) return opts[i + 1]!;
      return opts.length % 2 ? opts[opts.length - 1]! : null;
    },
  },
  {
    name: 'iif',
    family: 'logical',
    params: ['EXPRESSION', 'TRUE_VALUE', 'FALSE_VALUE'],
    description: 'TRUE_VALUE when the condition holds, else FALSE_VALUE.',
    call: ([c, t, f]) => (truthy(c!) ? t! : f!),
  },
];

export const AGGREGATION_FUNCTIONS: FnSpec[] = [
  {
    name: 'min',
    family: 'aggregation',
    params: ['...OPTIONS'],
    description: 'The smallest of the values (numbers, text or dates), nulls ignored.',
    call: (args) =>
      list(args)
        .filter((v) => v !== null)
        .reduce<Value>((m, v) => (m === null || compare(v, m) < 0 ? v : m), null),
  },
  {
    name: 'max',
    family: 'aggregation',
    params: ['...OPTIONS'],
    description: 'The largest of the values (numbers, text or dates), nulls ignored.',
    call: (args) =>
      list(args)
        .filter((v) => v !== null)
        .reduce<Value>((m, v) => (m === null || compare(v, m) > 0 ? v : m), null),
  },
];

/** Java's Float.toString: the shortest decimal that reads back to the same 32-bit float. */
function float32(n: number): number {
  const f = Math.fround(n);
  for (let p = 1; p <= 9; p++) {
    const d = Number(f.toPrecision(p));
    if (Math.fround(d) === f) return d;
  }
  return f;
}

export const CONVERSION_FUNCTIONS: FnSpec[] = [
  { name: 'to_bigint', family: 'conversion', params: ['STRING'], description: 'A number from text (exact up to 2^53).', call: ([v]) => num(v!, 'STRING') },
  { name: 'to_decimal', family: 'conversion', params: ['STRING'], description: 'A double-precision number from text.', call: ([v]) => num(v!, 'STRING') },
  {
    name: 'to_float',
    family: 'conversion',
    params: ['STRING'],
    description: 'A single-precision number from text.',
    call: ([v]) => {
      const n = num(v!, 'STRING');
      return n === null ? null : float32(n);
    },
  },
  {
    name: 'to_integer',
    family: 'conversion',
    params: ['STRING'],
    description: 'A 32-bit whole number from text.',
    call: ([v]) => {
      const n = int(v!, 'STRING');
      if (n === null) return null;
      return n < -2147483648 || n > 2147483647 ? fail(`${n} is outside the integer range`) : n;
    },
  },
];

export const JSON_FUNCTIONS: FnSpec[] = [
  {
    name: 'json_to_object',
    family: 'json',
    params: ['STRING'],
    description: 'The value a JSON text describes.',
    call: ([v]) => {
      if (v === null || isObject(v!) || Array.isArray(v)) return v ?? null;
      const s = str(v!);
      if (s === null) return null;
      try {
        return fromJson(JSON.parse(s));
      } catch (e) {
        return fail(`not valid JSON: ${(e as Error).message}`);
      }
    },
  },
];

export const SPECIAL_FUNCTIONS: FnSpec[] = [
  { name: 'uuid', aliases: ['guid'], family: 'special', params: [], description: 'A random UUID (version 4).', call: (_a, ctx) => ctx.uuid() },
];

export interface MethodSpec {
  params: string[];
  call(target: Value, args: Value[]): Value;
}

/** Methods callable as `value.name(args)`, as Data Prep allows on strings and objects. */
const METHOD_TABLE: Record<string, MethodSpec> = {
  equals: { params: ['OTHER'], call: (t, [o]) => (t === null || o === null ? t === o : text(t) === text(o!)) },
  equalsIgnoreCase: { params: ['OTHER'], call: (t, [o]) => (t === null || o === null ? t === o : text(t).toLowerCase() === text(o!).toLowerCase()) },
  get: {
    params: ['KEY'],
    call: (t, [k]) => {
      if (t === null) return null;
      if (Array.isArray(t)) {
        const i = int(k!, 'INDEX');
        return i === null ? null : (t[i < 0 ? t.length + i : i] ?? null);
      }
      if (isObject(t)) {
        const key = str(k!, 'KEY');
        return key !== null && Object.hasOwn(t, key) ? (t as ValueObject)[key]! : null;
      }
      return fail(`get() needs an object or an array, got ${typeName(t)}`);
    },
  },
  startsWith: { params: ['PREFIX'], call: (t, [p]) => (t === null ? null : text(t).startsWith(text(p!))) },
  endsWith: { params: ['SUFFIX'], call: (t, [p]) => (t === null ? null : text(t).endsWith(text(p!))) },
  contains: { params: ['PART'], call: (t, [p]) => (t === null ? null : text(t).includes(text(p!))) },
  length: { params: [], call: (t) => (t === null ? null : typeof t === 'string' ? t.length : fail('length() needs text')) },
  toLowerCase: { params: [], call: (t) => (t === null ? null : text(t).toLowerCase()) },
  toUpperCase: { params: [], call: (t) => (t === null ? null : text(t).toUpperCase()) },
  trim: { params: [], call: (t) => (t === null ? null : text(t).trim()) },
  isEmpty: { params: [], call: (t) => t === null || t === '' || (Array.isArray(t) && t.length === 0) },
};

/** A Map, so that a method named "constructor" or "__proto__" is simply unknown. */
export const METHODS: ReadonlyMap<string, MethodSpec> = new Map(Object.entries(METHOD_TABLE));
