import { fail, isObject, Lambda, newObject, str, text, truthy, typeName, type Value, type ValueObject } from '../values';
import type { FnSpec } from './types';

function asMap(v: Value, what = 'MAP'): ValueObject | null {
  if (v === null) return null;
  if (isObject(v)) return v;
  return fail(`${what} must be a map or object, got ${typeName(v)}`);
}

/** A key or a list of keys; other primitives count as their text. */
function keys(v: Value): string[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v.filter((k) => k !== null).map(text);
  return [text(v)];
}

function pairsToMap(args: Value[]): ValueObject {
  if (args.length % 2) return fail('expected key and value pairs');
  const o = newObject();
  for (let i = 0; i < args.length; i += 2) {
    const k = args[i]!;
    if (k === null) return fail('a map key is null');
    o[text(k)] = args[i + 1]!;
  }
  return o;
}

/** Objects of an array keyed by one of their attributes. */
function keyedBy(list: Value, attr: Value): Value {
  if (list === null) return null;
  if (!Array.isArray(list)) return fail(`expected an array of objects, got ${typeName(list)}`);
  const key = str(attr, 'KEY');
  if (key === null) return fail('KEY must not be null');
  const o = newObject();
  for (const item of list) {
    if (!isObject(item)) continue;
    const k = Object.hasOwn(item, key) ? item[key]! : null;
    if (k !== null && !Object.hasOwn(o, text(k))) o[text(k)] = item;
  }
  return o;
}

export const MAP_FUNCTIONS: FnSpec[] = [
  {
    name: 'map_get_values',
    family: 'maps',
    params: ['MAP', 'KEY'],
    description: 'The entries of a map for one key or a list of keys, as a map.',
    call: ([m, k]) => {
      const map = asMap(m!);
      if (map === null) return null;
      const out = newObject();
      for (const key of keys(k!)) if (Object.hasOwn(map, key) && !Object.hasOwn(out, key)) out[key] = map[key]!;
      return out;
    },
  },
  {
    name: 'map_has_keys',
    family: 'maps',
    params: ['MAP', 'KEY'],
    description: 'Whether a map has the key, or any of a list of keys.',
    call: ([m, k]) => {
      const map = asMap(m!);
      return map !== null && keys(k!).some((key) => Object.hasOwn(map, key));
    },
  },
  {
    name: 'add_to_map',
    family: 'maps',
    params: ['MAP', '...MAPS'],
    description: 'One map with the entries of all; a repeated key keeps its first value.',
    call: (args) => {
      const out = newObject();
      for (const a of args) {
        const map = asMap(a);
        if (map) for (const k of Object.keys(map)) if (!Object.hasOwn(out, k)) out[k] = map[k]!;
      }
      return out;
    },
  },
  {
    name: 'object_to_map',
    family: 'maps',
    params: ['...INPUT'],
    description: 'A map from key/value pairs, from an object, or from an array of objects keyed by one attribute.',
    call: (args) => {
      if (args.length === 1) return args[0] === null ? null : asMap(args[0]!, 'OBJECT');
      if (args.length === 2 && Array.isArray(args[0])) return keyedBy(args[0], args[1]!);
      return pairsToMap(args);
    },
  },
  {
    name: 'array_to_map',
    family: 'maps',
    params: ['INPUTS', 'KEY'],
    description: 'A map of the objects of an array, keyed by one of their attributes.',
    call: ([l, k]) => keyedBy(l!, k!),
  },
  { name: 'to_map', family: 'maps', params: ['...KEY_VALUE'], description: 'A map from a flat list of keys and values.', call: (args) => pairsToMap(args) },
];

function flatten(v: Value, out: Value[]): Value[] {
  if (Array.isArray(v)) for (const x of v) flatten(x, out);
  else out.push(v);
  return out;
}

function lambdaArg(v: Value): Lambda {
  return v instanceof Lambda ? v : fail('expected a lambda such as x -> x > 0');
}

export const ARRAY_EXPORT_FUNCTIONS: FnSpec[] = [
  {
    name: 'array_to_string',
    family: 'arrays',
    params: ['SEPARATOR', 'ARRAY'],
    description: 'The text of every element of an array (flattened first), joined with a separator.',
    call: ([sep, a]) =>
      a === null
        ? null
        : flatten(a!, [])
            .map((x) => (x === null ? '' : text(x)))
            .join(str(sep!) ?? ''),
  },
  { name: 'flattenArray', family: 'arrays', params: ['...ARRAY'], description: 'Nested arrays flattened into one.', call: (args) => flatten(args, []) },
  {
    name: 'filterArray',
    family: 'arrays',
    params: ['ARRAY', 'PREDICATE'],
    description: 'The elements for which the lambda is true: filterArray(list, x -> x > 0).',
    call: ([a, p]) => {
      const f = lambdaArg(p!);
      return a === null ? null : Array.isArray(a) ? a.filter((x) => truthy(f.apply(x))) : fail('ARRAY must be an array');
    },
  },
  {
    name: 'transformArray',
    family: 'arrays',
    params: ['ARRAY', 'FUNCTION'],
    description: 'Each element passed through the lambda: transformArray(list, x -> x + 1).',
    call: ([a, p]) => {
      const f = lambdaArg(p!);
      return a === null ? null : Array.isArray(a) ? a.map((x) => f.apply(x)) : fail('ARRAY must be an array');
    },
  },
];
