import type { Sniffed } from '../csv/sniff';
import { createMappingDocument } from '../mapping/document';
import type { MappingDocument } from '../mapping/mapping.types';
import type { FieldTree } from '../schema/field.types';
import type { Suggestion } from './suggest.types';

/** A mapping document from suggestions: one ATTRIBUTE entry per suggested column, in column order. */
export function suggestionsToDocument(tree: FieldTree, columns: string[], suggestions: readonly Suggestion[], sniffed?: Sniffed, name = ''): MappingDocument {
  return createMappingDocument({
    name,
    columns,
    delimiter: sniffed?.delimiter,
    encoding: sniffed?.encoding,
    schemaId: tree.id,
    schemaTitle: tree.title,
    tenant: tree.tenant,
    mappings: suggestions.filter((s) => s.destination).map((s) => ({ sourceType: 'ATTRIBUTE' as const, source: s.column, destination: s.destination! })),
  });
}
