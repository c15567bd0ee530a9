import type { MappingDocument } from '../mapping/mapping.types';
import type { MemoryEntry } from './suggest.types';

/** What saved mappings teach: each column they read and where it went. */
export function memoryFromDocuments(docs: readonly { doc: MappingDocument; source: string }[]): MemoryEntry[] {
  const out: MemoryEntry[] = [];
  for (const { doc, source } of docs)
    for (const m of doc.mappings) if (m.sourceType === 'ATTRIBUTE') out.push({ column: m.source, destination: m.destination, source });
  return out;
}
