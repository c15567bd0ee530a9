/**
 * A schema cut down to the fields records can hold. A run's records hold only what its mapping
 * writes, and a schema pulled from AEP is the union of every field group of its class: the
 * 650 KB profile schema has thousands of fields, and compiling all of them with ajv took ~0.4 s
 * of every run's start. Checking a record against the cut schema gives the same answer and the
 * same errors in the same order, because a `properties` entry checks only a key the value has,
 * and every key a record can have is kept: no other keyword is touched (`required` stays, so a
 * required field nothing maps is still reported missing; `additionalProperties`,
 * `patternProperties` and the combinators stay whole). A schema with references or with ids
 * below its root is not cut (a reference may point into a part that would go; an id resolves
 * against its parents'), nor is anything below a destination (an expression may write a whole
 * object or array there).
 */

/** Keys that name a schema or point at one: where any is, a cut could change what they resolve to. */
const REFERENCE_KEYS = new Set(['$ref', '$dynamicRef', '$recursiveRef', '$anchor', '$dynamicAnchor', '$recursiveAnchor']);

/**
 * Schemas with fewer fields than this are compiled whole: the cut saves a few milliseconds at
 * most there. AEP's mid-sized schemas are past it (the commerce event schema's 209 fields took
 * ~110 ms to compile whole, ~10 ms cut).
 */
export const CUT_FROM_FIELDS = 50;

/**
 * `schema` without the properties no record can have, given the key path of every destination
 * (array indices left out: `productListItems[0].SKU` is `['productListItems', 'SKU']`); null
 * when it is not cut (small, or with references or ids below its root), and the whole schema
 * must be compiled.
 */
export function pruneToFields(schema: Record<string, unknown>, fields: readonly (readonly string[])[]): Record<string, unknown> | null {
  const survey = { fields: 0, blocked: false };
  walk(schema, 0, survey);
  if (survey.blocked || survey.fields < CUT_FROM_FIELDS) return null;
  const out = cut(schema, fields, 0);
  if (!out || typeof out !== 'object') return null;
  // The cut copy is compiled on the same ajv instance as the whole schema may be after it: its
  // own $id would be registered twice. With no reference and no id below it, the root's base
  // URI names nothing.
  const { $id: _id, ...rest } = out as Record<string, unknown>;
  return rest;
}

/** Counts the schema's properties; blocked when it holds a reference, an anchor or an id below its root. */
function walk(node: unknown, depth: number, survey: { fields: number; blocked: boolean }): void {
  if (survey.blocked) return;
  if (depth > 200) {
    survey.blocked = true;
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, depth + 1, survey);
    return;
  }
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (REFERENCE_KEYS.has(k) || ((k === '$id' || k === 'id') && depth > 0 && typeof v === 'string')) {
      survey.blocked = true;
      return;
    }
    if (k === 'properties' && typeof v === 'object' && v !== null) survey.fields += Object.keys(v).length;
    walk(v, depth + 1, survey);
  }
}

/** A copy with own properties only (a key such as `__proto__` stays a plain key). */
function assign(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The node with `properties` kept only where `paths` lead, below it likewise. */
function cut(node: unknown, paths: readonly (readonly string[])[], depth: number): unknown {
  // A path that ends here: a destination's own schema, kept whole.
  if (depth > 200 || paths.some((p) => p.length === 0)) return node;
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const o = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'properties' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const props = v as Record<string, unknown>;
      const kept: Record<string, unknown> = {};
      const wanted = new Set(paths.map((p) => p[0]!));
      // In the schema's order, which is the order ajv checks them and reports in.
      for (const key of Object.keys(props)) {
        if (!wanted.has(key)) continue;
        assign(
          kept,
          key,
          cut(
            props[key],
            paths.filter((p) => p[0] === key).map((p) => p.slice(1)),
            depth + 1,
          ),
        );
      }
      assign(out, k, kept);
    } else if (k === 'items' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      // An array's items are reached by an index, which the paths leave out.
      assign(out, k, cut(v, paths, depth + 1));
    } else assign(out, k, v);
  }
  return out;
}
