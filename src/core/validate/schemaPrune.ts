/**
 * A schema cut down to the fields records can hold. A run's records hold only what its mapping
 * writes, and a schema pulled from AEP is the union of every field group of its class: the
 * 650 KB profile schema has thousands of fields, and compiling all of them with ajv took ~0.4 s
 * of every run's start. Checking a record against the cut schema gives the same answer and the
 * same errors in the same order, because a `properties` entry checks only a key the value has,
 * and every key a record can have is kept: no other keyword is touched (`required` stays, so a
 * required field nothing maps is still reported missing; `additionalProperties`,
 * `patternProperties` and the combinators stay whole). A schema with references is not cut
 * (a reference may point into a part that would go), nor is anything below a destination (an
 * expression may write a whole object or array there).
 */

/** Keys whose value is a schema a reference could name, or which name one themselves. */
const REFERENCE_KEYS = new Set(['$ref', '$dynamicRef', '$recursiveRef']);

/**
 * `schema` without the properties no record can have, given the key path of every destination
 * (array indices left out: `productListItems[0].SKU` is `['productListItems', 'SKU']`); null
 * when it cannot be cut safely, and the whole schema must be compiled.
 */
export function pruneToFields(schema: Record<string, unknown>, fields: readonly (readonly string[])[]): Record<string, unknown> | null {
  if (hasReference(schema, 0)) return null;
  const out = cut(schema, fields, 0);
  if (!out || typeof out !== 'object') return null;
  // The cut copy is compiled on the same ajv instance as parts of the original may be: its
  // own $id would be registered twice. Without references, the base URI names nothing.
  const { $id: _id, ...rest } = out as Record<string, unknown>;
  return rest;
}

function hasReference(node: unknown, depth: number): boolean {
  if (depth > 200) return true;
  if (typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return node.some((n) => hasReference(n, depth + 1));
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (REFERENCE_KEYS.has(k)) return true;
    if (hasReference(v, depth + 1)) return true;
  }
  return false;
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
