import { create } from 'zustand';
import { type ColumnProfile, profileColumns } from '../../core/csv/profile';
import { type CsvSample, readSample } from '../../core/csv/sample';
import { SNIFF_BYTES, type Sniffed, type SniffOverrides, sniff } from '../../core/csv/sniff';
import { createMappingDocument, loadMappingText } from '../../core/mapping/document';
import type { MappingDocument, MappingEntry } from '../../core/mapping/mapping.types';
import type { FieldTree } from '../../core/schema/field.types';
import { loadSchemaText } from '../../core/schema/loadSchema';
import { fieldIndex } from '../../core/suggest/fieldIndex';
import { applyRenames, type Reconciliation, reconcileColumns } from '../../core/suggest/reconcile';
import { suggestMappings } from '../../core/suggest/suggest';
import type { Suggestion } from '../../core/suggest/suggest.types';
import { suggestionsToDocument } from '../../core/suggest/toDocument';
import { compileValidator, type RecordValidator } from '../../core/validate/validator';

/** Rows read for profiles, suggestions and the preview. */
export const SAMPLE_ROWS = 100;
/** Bytes read from the start of a file: a 1 GB file opens as fast as a small one. */
export const SAMPLE_BYTES = 2 * 1024 * 1024;

export type Step = 'target' | 'source' | 'map' | 'preview' | 'finish';
export const STEPS: { id: Step; label: string }[] = [
  { id: 'target', label: 'Target' },
  { id: 'source', label: 'Source' },
  { id: 'map', label: 'Map' },
  { id: 'preview', label: 'Preview' },
  { id: 'finish', label: 'Finish' },
];

export interface SchemaState {
  name: string;
  text: string;
  tree: FieldTree;
  validator: RecordValidator;
}

export interface SourceState {
  name: string;
  size: number;
  /** The file itself, for the full run; null after a reload (only its first bytes are kept). */
  file: Blob | null;
  head: Uint8Array;
  sniffed: Sniffed;
  overrides: SniffOverrides;
  sample: CsvSample;
  profiles: ColumnProfile[];
}

export type Notice = { kind: 'error' | 'warning' | 'info'; text: string };

export interface SessionState {
  step: Step;
  schema: SchemaState | null;
  source: SourceState | null;
  mapping: MappingDocument | null;
  mappingOrigin: 'suggested' | 'loaded' | 'edited' | null;
  suggestions: Suggestion[] | null;
  /** A saved mapping compared with the current file: what disappeared, appeared, looks renamed. */
  reconciliation: Reconciliation | null;
  past: MappingDocument[];
  future: MappingDocument[];
  notices: Notice[];
  goto(step: Step): void;
  setSchemaText(name: string, text: string): boolean;
  setSource(name: string, file: Blob): Promise<boolean>;
  setOverrides(o: SniffOverrides): void;
  setMappingText(name: string, text: string): boolean;
  /** Changes the mapping as one undoable step. */
  edit(change: (doc: MappingDocument) => MappingDocument): void;
  undo(): void;
  redo(): void;
  applyRepairs(renames: { from: string; to: string }[]): void;
  resuggest(): void;
  notify(kind: Notice['kind'], text: string): void;
  dismiss(index: number): void;
  reset(): void;
  /** Puts back a session saved before a reload (see persist.ts); false when it no longer loads. */
  restore(saved: SavedSession): boolean;
}

/** What survives a reload: texts and the first bytes of the file, never the whole file. */
export interface SavedSession {
  v: 1;
  step: Step;
  schema: { name: string; text: string } | null;
  source: { name: string; size: number; overrides: SniffOverrides; head: Uint8Array } | null;
  mapping: string | null;
  mappingOrigin: SessionState['mappingOrigin'];
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

/** A schema's text loaded and its validator compiled, or why it cannot be used. */
function schemaState(name: string, text: string): { ok: true; schema: SchemaState } | { ok: false; message: string } {
  const r = loadSchemaText(text);
  if (!r.ok) {
    const problems = r.problems
      .slice(0, 3)
      .map((p) => `${p.pointer || '/'}: ${p.message}`)
      .join('; ');
    return {
      ok: false,
      message: `The schema "${name}" cannot be used: ${problems}. Expected an XDM schema (xed-full JSON) or a JSON Schema. Nothing you had loaded was changed.`,
    };
  }
  const v = compileValidator(r.tree.jsonSchema, { trustDateFormats: true });
  if (!v.ok) return { ok: false, message: v.message };
  return { ok: true, schema: { name, text, tree: r.tree, validator: v.validator } };
}

type Core = Pick<SessionState, 'schema' | 'source' | 'mapping' | 'mappingOrigin'>;

/**
 * Suggestions for the current schema and file; the suggested mapping replaces the mapping only
 * while nobody has loaded or edited one. A loaded mapping is compared with the file instead.
 */
function derive(s: Core): Partial<SessionState> {
  const { schema, source } = s;
  if (!schema || !source?.sample.header) return { suggestions: null, reconciliation: null };
  const columns = source.sample.header.columns;
  const suggestions = suggestMappings(schema.tree, source.profiles);
  if (s.mappingOrigin === 'loaded' && s.mapping) return { suggestions, reconciliation: reconcileColumns(s.mapping, columns) };
  if (s.mappingOrigin === 'edited' && s.mapping) return { suggestions, reconciliation: null };
  const mapping = suggestionsToDocument(schema.tree, columns, suggestions, source.sniffed, source.name.replace(/\.[^.]+$/, ''));
  return { suggestions, mapping, mappingOrigin: 'suggested', reconciliation: null };
}

const EMPTY = {
  step: 'target' as Step,
  schema: null,
  source: null,
  mapping: null,
  mappingOrigin: null,
  suggestions: null,
  reconciliation: null,
  past: [],
  future: [],
  notices: [],
};

export const useSession = create<SessionState>()((set, get) => ({
  ...EMPTY,
  goto(step) {
    set({ step });
  },
  setSchemaText(name, text) {
    const r = schemaState(name, text);
    if (!r.ok) {
      get().notify('error', r.message);
      return false;
    }
    const schema = r.schema;
    // Built now, so that suggestions are instant when the file arrives.
    fieldIndex(schema.tree);
    set({ schema, ...derive({ ...get(), schema }) });
    return true;
  },
  async setSource(name, file) {
    const head = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
    const reason = notCsvReason(name, head);
    if (reason) {
      get().notify('error', `${reason} Nothing you had loaded was changed.`);
      return false;
    }
    const overrides: SniffOverrides = {};
    const source: SourceState = { name, size: file.size, file, head, overrides, ...analyse(head, file.size <= SAMPLE_BYTES, overrides) };
    if (!source.sample.header?.columns.length) {
      get().notify('error', `"${name}" has no header row: expected CSV text whose first line names the columns.`);
      return false;
    }
    set({ source, ...derive({ ...get(), source }) });
    return true;
  },
  setOverrides(o) {
    const s = get().source;
    if (!s) return;
    const overrides = { ...s.overrides, ...o };
    const source = { ...s, overrides, ...analyse(s.head, s.size <= SAMPLE_BYTES, overrides) };
    set({ source, ...derive({ ...get(), source }) });
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
    const s = get();
    const past = s.mapping ? [...s.past, s.mapping] : s.past;
    // A mapping that does not name its schema (AEP's template never does) is taken as made for this one.
    const t = s.schema?.tree;
    if (t && !r.doc.target.schemaId) r.doc.target = { schemaId: t.id, title: t.title, tenant: t.tenant };
    set({ mapping: r.doc, mappingOrigin: 'loaded', past, future: [], ...derive({ ...s, mapping: r.doc, mappingOrigin: 'loaded' }) });
    get().notify('info', `Loaded the mapping "${r.doc.name || name}" (${r.format}, ${r.doc.mappings.length} entries).`);
    return true;
  },
  edit(change) {
    const s = get();
    const base =
      s.mapping ??
      createMappingDocument({
        columns: s.source?.sample.header?.columns ?? [],
        schemaId: s.schema?.tree.id ?? '',
        schemaTitle: s.schema?.tree.title,
        tenant: s.schema?.tree.tenant,
      });
    const next = change(base);
    if (next === base) return;
    set({
      mapping: next,
      mappingOrigin: 'edited',
      past: [...s.past, base].slice(-100),
      future: [],
      reconciliation: s.source?.sample.header && s.mappingOrigin === 'loaded' ? reconcileColumns(next, s.source.sample.header.columns) : null,
    });
  },
  undo() {
    const s = get();
    const prev = s.past[s.past.length - 1];
    if (!prev || !s.mapping) return;
    set({ mapping: prev, past: s.past.slice(0, -1), future: [s.mapping, ...s.future], mappingOrigin: 'edited' });
  },
  redo() {
    const s = get();
    const next = s.future[0];
    if (!next || !s.mapping) return;
    set({ mapping: next, past: [...s.past, s.mapping], future: s.future.slice(1), mappingOrigin: 'edited' });
  },
  applyRepairs(renames) {
    const s = get();
    const header = s.source?.sample.header?.columns;
    if (!s.mapping || !header) return;
    const fixed = applyRenames(s.mapping, renames, header);
    set({ mapping: fixed, past: [...s.past, s.mapping], future: [], mappingOrigin: 'loaded', reconciliation: reconcileColumns(fixed, header) });
  },
  resuggest() {
    const s = get();
    set({ ...derive({ ...s, mappingOrigin: null }), past: s.mapping ? [...s.past, s.mapping] : s.past, future: [] });
  },
  notify(kind, text) {
    set((s) => ({ notices: [{ kind, text }, ...s.notices.filter((n) => n.text !== text)].slice(0, 4) }));
    // Information goes by itself; warnings and errors stay until dismissed.
    if (kind === 'info') setTimeout(() => set((s) => ({ notices: s.notices.filter((n) => n.text !== text) })), 8000);
  },
  dismiss(index) {
    set((s) => ({ notices: s.notices.filter((_, i) => i !== index) }));
  },
  reset() {
    set({ ...EMPTY });
  },
  restore(saved) {
    if (saved.v !== 1 || !saved.schema) return false;
    const r = schemaState(saved.schema.name, saved.schema.text);
    if (!r.ok) return false;
    const schema = r.schema;
    let source: SourceState | null = null;
    if (saved.source) {
      const { name, size, overrides, head } = saved.source;
      source = { name, size, file: null, head, overrides, ...analyse(head, size <= head.length, overrides) };
      if (!source.sample.header?.columns.length) source = null;
    }
    const loaded = saved.mapping ? loadMappingText(saved.mapping) : null;
    const mapping = loaded?.ok ? loaded.doc : null;
    const mappingOrigin = mapping ? saved.mappingOrigin : null;
    const core = { schema, source, mapping, mappingOrigin };
    set({ ...EMPTY, ...core, ...derive(core), step: source || saved.step === 'target' || saved.step === 'source' ? saved.step : 'source' });
    return true;
  },
}));

/** Mapping edits, as pure functions of the document. */
export const edits = {
  /** Maps a column (or a constant or formula) to a destination, replacing what wrote it before. */
  set(entry: MappingEntry) {
    return (doc: MappingDocument): MappingDocument => {
      const others = doc.mappings.filter((m) => m.destination !== entry.destination);
      return { ...doc, mappings: [...others, entry] };
    };
  },
  remove(destination: string) {
    return (doc: MappingDocument): MappingDocument => ({ ...doc, mappings: doc.mappings.filter((m) => m.destination !== destination) });
  },
  /** Leaves a column out of the mapping altogether. */
  dropColumn(column: string) {
    return (doc: MappingDocument): MappingDocument => ({
      ...doc,
      mappings: doc.mappings.filter((m) => !(m.sourceType === 'ATTRIBUTE' && m.source === column)),
    });
  },
  move(from: string, to: string) {
    return (doc: MappingDocument): MappingDocument => {
      const entry = doc.mappings.find((m) => m.destination === from);
      if (!entry || from === to) return doc;
      return { ...doc, mappings: [...doc.mappings.filter((m) => m.destination !== from && m.destination !== to), { ...entry, destination: to }] };
    };
  },
};
