import { create } from 'zustand';
import { type ColumnProfile, profileColumns } from '../../core/csv/profile';
import type { CsvSample } from '../../core/csv/sample';
import { readSample } from '../../core/csv/sample';
import { SNIFF_BYTES, type Sniffed, type SniffOverrides, sniff } from '../../core/csv/sniff';
import { loadMappingText } from '../../core/mapping/document';
import type { MappingDocument } from '../../core/mapping/mapping.types';
import type { FieldTree } from '../../core/schema/field.types';
import { loadSchemaText } from '../../core/schema/loadSchema';
import { fieldIndex } from '../../core/suggest/fieldIndex';
import { suggestMappings } from '../../core/suggest/suggest';
import type { Suggestion } from '../../core/suggest/suggest.types';
import { suggestionsToDocument } from '../../core/suggest/toDocument';
import { compileValidator, type RecordValidator } from '../../core/validate/validator';

/** Rows read for profiles and the preview; a 1 GB file opens as fast as a small one. */
export const SAMPLE_ROWS = 100;
/** Bytes read from the start of a file for the sample. */
export const SAMPLE_BYTES = 4 * 1024 * 1024;

export interface SchemaState {
  name: string;
  tree: FieldTree;
  validator: RecordValidator;
}

export interface SourceState {
  name: string;
  size: number;
  /** The file itself, kept for the full run. */
  file: Blob;
  head: Uint8Array;
  sniffed: Sniffed;
  overrides: SniffOverrides;
  sample: CsvSample;
  profiles: ColumnProfile[];
}

export interface SessionState {
  schema: SchemaState | null;
  source: SourceState | null;
  mapping: MappingDocument | null;
  /** Where the mapping came from: the suggester (recomputed when the file or schema changes) or a file. */
  mappingOrigin: 'suggested' | 'loaded' | null;
  /** The suggester's answer for the current file and schema, with confidence and evidence. */
  suggestions: Suggestion[] | null;
  /** Messages for the person, newest first: what went wrong and what was expected. */
  notices: { kind: 'error' | 'warning' | 'info'; text: string }[];
  setSchemaText(name: string, text: string): boolean;
  setSource(name: string, file: Blob): Promise<boolean>;
  setOverrides(o: SniffOverrides): void;
  setMappingText(name: string, text: string): boolean;
  setMapping(doc: MappingDocument): void;
  notify(kind: 'error' | 'warning' | 'info', text: string): void;
  dismiss(index: number): void;
  reset(): void;
}

function analyse(head: Uint8Array, whole: boolean, overrides: SniffOverrides) {
  const sniffed = sniff(head.subarray(0, SNIFF_BYTES), overrides);
  const sample = readSample(head, sniffed, SAMPLE_ROWS, whole);
  const profiles = profileColumns(
    sample.header?.columns ?? [],
    sample.rows.map((r) => r.cells),
  );
  return { sniffed, sample, profiles };
}

/** Bytes that say "this is not a CSV file": a zip (xlsx), a PDF, or binary zeros. */
export function notCsvReason(name: string, head: Uint8Array): string | null {
  if (head.length === 0) return `"${name}" is empty (0 bytes): expected a CSV file with a header row.`;
  if (head[0] === 0x50 && head[1] === 0x4b)
    return `"${name}" is a zip archive (an Excel .xlsx workbook?), not CSV text: save it from your spreadsheet as CSV first.`;
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return `"${name}" is a PDF, not CSV text.`;
  const probe = head.subarray(0, 4096);
  const utf16 = (probe[0] === 0xff && probe[1] === 0xfe) || (probe[0] === 0xfe && probe[1] === 0xff);
  if (!utf16 && probe.includes(0)) return `"${name}" holds binary data, not CSV text.`;
  return null;
}

/** Suggestions (and, unless a mapping was loaded, the mapping) for the current schema and file. */
function withSuggestions(state: Pick<SessionState, 'schema' | 'source' | 'mapping' | 'mappingOrigin'>): Partial<SessionState> {
  const { schema, source } = state;
  if (!schema || !source?.sample.header) return { suggestions: null };
  const suggestions = suggestMappings(schema.tree, source.profiles);
  if (state.mappingOrigin === 'loaded') return { suggestions };
  const mapping = suggestionsToDocument(schema.tree, source.sample.header.columns, suggestions, source.sniffed, source.name.replace(/\.[^.]+$/, ''));
  return { suggestions, mapping, mappingOrigin: 'suggested' };
}

export const useSession = create<SessionState>()((set, get) => ({
  schema: null,
  source: null,
  mapping: null,
  mappingOrigin: null,
  suggestions: null,
  notices: [],
  setSchemaText(name, text) {
    const r = loadSchemaText(text);
    if (!r.ok) {
      get().notify(
        'error',
        `The schema "${name}" cannot be used: ${r.problems
          .slice(0, 3)
          .map((p) => `${p.pointer || '/'}: ${p.message}`)
          .join('; ')}. Expected an XDM schema (xed-full JSON) or a JSON Schema.`,
      );
      return false;
    }
    const v = compileValidator(r.tree.jsonSchema);
    if (!v.ok) {
      get().notify('error', v.message);
      return false;
    }
    // Built now, so that suggestions are instant when the file arrives.
    fieldIndex(r.tree);
    const schema = { name, tree: r.tree, validator: v.validator };
    set({ schema, ...withSuggestions({ ...get(), schema }) });
    return true;
  },
  async setSource(name, file) {
    const head = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
    const reason = notCsvReason(name, head);
    if (reason) {
      get().notify('error', reason);
      return false;
    }
    const overrides: SniffOverrides = {};
    const source = { name, size: file.size, file, head, overrides, ...analyse(head, file.size <= SAMPLE_BYTES, overrides) };
    set({ source, ...withSuggestions({ ...get(), source }) });
    return true;
  },
  setOverrides(o) {
    const s = get().source;
    if (!s) return;
    const overrides = { ...s.overrides, ...o };
    const source = { ...s, overrides, ...analyse(s.head, s.size <= SAMPLE_BYTES, overrides) };
    set({ source, ...withSuggestions({ ...get(), source }) });
  },
  setMappingText(name, text) {
    const r = loadMappingText(text);
    if (!r.ok) {
      get().notify(
        'error',
        `The mapping "${name}" cannot be used: ${r.problems
          .slice(0, 3)
          .map((p) => `${p.pointer || '/'}: ${p.message}`)
          .join('; ')}.`,
      );
      return false;
    }
    set({ mapping: r.doc, mappingOrigin: 'loaded' });
    return true;
  },
  setMapping(doc) {
    set({ mapping: doc, mappingOrigin: 'loaded' });
  },
  notify(kind, text) {
    set((s) => ({ notices: [{ kind, text }, ...s.notices].slice(0, 5) }));
  },
  dismiss(index) {
    set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
  },
  reset() {
    set({ schema: null, source: null, mapping: null, mappingOrigin: null, suggestions: null, notices: [] });
  },
}));
