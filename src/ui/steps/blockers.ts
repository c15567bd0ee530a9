import type { MappingDocument } from '../../core/mapping/mapping.types';
import { schemaPathOf } from '../../core/mapping/paths';
import type { FieldTree } from '../../core/schema/field.types';

/** Required leaf fields no mapping entry writes: AEP would reject every record. */
export function unmappedRequired(tree: FieldTree, mapping: MappingDocument | null): string[] {
  const dests = new Set((mapping?.mappings ?? []).map((m) => schemaPathOf(m.destination)));
  return tree.required.filter((p) => tree.fields.get(p)?.isLeaf && !dests.has(p));
}
