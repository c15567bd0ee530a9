import { profileColumns } from '../core/csv/profile';
import { readSample } from '../core/csv/sample';
import { SNIFF_BYTES, type SniffOverrides, sniff } from '../core/csv/sniff';
import type { MappingDocument } from '../core/mapping/mapping.types';
import type { FieldTree } from '../core/schema/field.types';
import { memoryFromDocuments } from '../core/suggest/memory';
import { suggestMappings } from '../core/suggest/suggest';
import type { Suggestion } from '../core/suggest/suggest.types';
import { suggestionsToDocument } from '../core/suggest/toDocument';

/** What {@link suggest} reads: the start of a CSV file (a few MB are plenty), as bytes or text. */
export interface SuggestInput {
  /** The file's first bytes (or its text); give `whole: true` when that is the entire file. */
  csv: Uint8Array | string;
  whole?: boolean;
  /** Rows sampled for value evidence (default 1000). */
  rows?: number;
  /** Below this confidence a column is left unmapped (default 0.5). */
  threshold?: number;
  /** Saved mappings whose columns are suggested the same way again, with the name they are known by. */
  memory?: readonly { doc: MappingDocument; source: string }[];
  /** How the CSV is read, when detection should be overridden. */
  overrides?: SniffOverrides;
  /** The name written into the suggested document. */
  name?: string;
}

export interface SuggestResult {
  /** A mapping document with one ATTRIBUTE entry per column that could be placed. */
  document: MappingDocument;
  /** Per column: the destination or null (left unmapped rather than guessed), confidence, evidence, alternatives. */
  suggestions: Suggestion[];
  /** The file's columns, in order. */
  columns: string[];
}

/**
 * Suggests a mapping of a CSV file onto a schema from its column names and a sample of its
 * values, as `xdm-mapper suggest` and the web app do. Columns that fit no field well enough
 * stay unmapped.
 */
export function suggest(schema: FieldTree, input: SuggestInput): SuggestResult {
  const bytes = typeof input.csv === 'string' ? new TextEncoder().encode(input.csv) : input.csv;
  const whole = input.whole ?? typeof input.csv === 'string';
  const sniffed = sniff(bytes.subarray(0, SNIFF_BYTES), input.overrides);
  const sample = readSample(bytes, sniffed, input.rows ?? 1000, whole);
  const columns = sample.header?.columns ?? [];
  const profiles = profileColumns(
    columns,
    sample.rows.map((r) => r.cells),
  );
  const suggestions = suggestMappings(schema, profiles, { memory: memoryFromDocuments(input.memory ?? []), threshold: input.threshold });
  return { document: suggestionsToDocument(schema, columns, suggestions, sniffed, input.name, profiles), suggestions, columns };
}
