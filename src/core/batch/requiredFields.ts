/**
 * Required fields a mapping leaves empty. A required field is required within its object: the
 * record's own fields always, those of an object or array item only when the mapping writes
 * that object or item. `productListItems[].SKU` is required in every product list item, so a
 * mapping that writes `productListItems[0].name` and no `productListItems[0].SKU` has every
 * row rejected, exactly like one that leaves out a required top-level field.
 */
import type { MappingDocument } from '../mapping/mapping.types';
import { schemaPathOf } from '../mapping/paths';
import type { FieldTree } from '../schema/field.types';

export interface RequiredGap {
  /** The field nothing writes, with the index of the item it belongs to: `productListItems[0].SKU`. */
  path: string;
  /** The object or item that requires it (`productListItems[0]`), or `''` for the record itself. */
  within: string;
  /** Why it is needed, in a sentence. */
  message: string;
}

/** Every object instance the destinations write into, with one destination that writes there. */
function instancesOf(destinations: readonly string[]): Map<string, string> {
  const out = new Map<string, string>([['', destinations[0] ?? '']]);
  for (const d of destinations) {
    const parts = d.split('.');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (!out.has(prefix)) out.set(prefix, d);
    }
  }
  return out;
}

/** Required fields nothing fills, in the record and in every object and array item the mapping writes. */
export function requiredGaps(tree: FieldTree, doc: MappingDocument): RequiredGap[] {
  return requiredFields(tree, doc).gaps;
}

/**
 * Every required field the mapping's records need (with item indices: `productListItems[0].SKU`),
 * and those nothing fills.
 */
export function requiredFields(tree: FieldTree, doc: MappingDocument): { required: string[]; gaps: RequiredGap[] } {
  const destinations = doc.mappings.map((m) => m.destination);
  const writes = (path: string) => destinations.some((d) => d === path || d.startsWith(`${path}.`) || d.startsWith(`${path}[`));
  const gaps: RequiredGap[] = [];
  const required: string[] = [];
  for (const [instance, example] of instancesOf(destinations)) {
    const key = schemaPathOf(instance);
    const children = instance === '' ? tree.roots : (tree.fields.get(key as never) ?? tree.fields.get(key.replace(/\[\]$/, '') as never))?.children;
    if (!children) continue;
    const item = /\[\d+\]$/.test(instance);
    const why =
      instance === ''
        ? 'is required in every record and nothing maps to it: every row would be rejected'
        : `is required in ${item ? `each item of ${instance.replace(/\[\d+\]$/, '')}` : `the ${instance} object`} the mapping writes (it writes ${example}), and nothing maps to it: every row that fills ${instance} would be rejected`;
    // A required object nothing writes into needs its own required fields: those are named.
    const visit = (child: string, path: string) => {
      const f = tree.fields.get(child as never);
      if (!f?.required) return;
      if (!f.isLeaf && f.xdmType === 'object' && f.children.some((c) => tree.fields.get(c)?.required)) {
        // Written into: its own fields are counted when its instance is. Not written: they are named here.
        if (!writes(path)) for (const c of f.children) visit(c, `${path}.${tree.fields.get(c)!.key}`);
        return;
      }
      required.push(path);
      if (!writes(path)) gaps.push({ path, within: instance, message: `${path} ${why}` });
    };
    for (const child of children) {
      const f = tree.fields.get(child);
      if (f) visit(child, instance ? `${instance}.${f.key}` : f.key);
    }
  }
  return { required, gaps };
}
