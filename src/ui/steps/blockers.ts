import { requiredFields } from '../../core/batch/requiredFields';
import type { MappingDocument } from '../../core/mapping/mapping.types';
import { schemaPathOf } from '../../core/mapping/paths';
import type { FieldTree } from '../../core/schema/field.types';

/**
 * Required fields no mapping entry writes, as schema paths: the record's own, and those of every
 * object or array item the mapping writes into (`productListItems[].SKU` once an item is
 * written). AEP would reject every record.
 */
export function unmappedRequired(tree: FieldTree, mapping: MappingDocument | null): string[] {
  if (!mapping) return tree.required.filter((p) => tree.fields.get(p)?.isLeaf);
  return [...new Set(requiredFields(tree, mapping).gaps.map((g) => schemaPathOf(g.path)))];
}

/** How many required fields the mapping's records need (array items included), and how many are filled. */
export function requiredCount(tree: FieldTree, mapping: MappingDocument): { total: number; filled: number } {
  const r = requiredFields(tree, mapping);
  return { total: r.required.length, filled: r.required.length - r.gaps.length };
}
