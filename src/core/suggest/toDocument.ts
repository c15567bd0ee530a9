import type { ColumnProfile } from '../csv/profile';
import type { Sniffed } from '../csv/sniff';
import { createMappingDocument } from '../mapping/document';
import { withInferredReading } from '../mapping/entryReadings';
import type { MappingDocument } from '../mapping/mapping.types';
import type { FieldTree } from '../schema/field.types';
import type { Suggestion } from './suggest.types';

/**
 * A mapping document from suggestions: one ATTRIBUTE entry per suggested column, in column
 * order, each with its column's decided reading in `settings` when profiles are given.
 */
export function suggestionsToDocument(
  tree: FieldTree,
  columns: string[],
  suggestions: readonly Suggestion[],
  sniffed?: Sniffed,
  name = '',
  profiles?: readonly ColumnProfile[],
): MappingDocument {
  return createMappingDocument({
    name,
    columns,
    delimiter: sniffed?.delimiter,
    encoding: sniffed?.encoding,
    schemaId: tree.id,
    schemaTitle: tree.title,
    tenant: tree.tenant,
    mappings: suggestions
      .filter((s) => s.destination)
      .map((s) =>
        withInferredReading(
          { sourceType: 'ATTRIBUTE', source: s.column, destination: s.destination! },
          profiles?.find((p) => p.name === s.column)?.readings,
          tree,
        ),
      ),
  });
}
