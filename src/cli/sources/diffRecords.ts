/** One field where two records disagree. */
export interface Difference {
  /** Dot path, with `[i]` for array items (`productListItems[0].SKU`). */
  field: string;
  /** AEP's value; undefined when AEP's record has no such field. */
  aep: unknown;
  ours: unknown;
  note?: string;
}

/** Leaf values of a record by path; empty objects and arrays count as values. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): void {
  if (Array.isArray(value) && value.length) {
    for (let i = 0; i < value.length; i++) leaves(value[i], `${path}[${i}]`, out);
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length)
    for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  else if (path) out.set(path, value);
}

/**
 * Field-by-field comparison of AEP's record with ours. Values are compared as JSON (so `5` and
 * `"5"` differ, as they would in the dataset); a field only one side wrote is a difference too.
 */
export function diffRecords(aep: unknown, ours: unknown): Difference[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  leaves(aep, '', a);
  leaves(ours, '', b);
  const out: Difference[] = [];
  for (const field of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const x = a.get(field);
    const y = b.get(field);
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ field, aep: x, ours: y });
  }
  return out;
}
