import { create } from 'zustand';
import { notCsvReason } from '../../core/csv/fileKind';
import { type ColumnProfile, profileColumns } from '../../core/csv/profile';
import { type CsvSample, readSample } from '../../core/csv/sample';
import { SNIFF_BYTES, type Sniffed, type SniffOverrides, sniff } from '../../core/csv/sniff';
import { createMappingDocument, loadMappingText } from '../../core/mapping/document';
import { withInferredReading } from '../../core/mapping/entryReadings';
import type { MappingDocument } from '../../core/mapping/mapping.types';
import type { FieldTree } from '../../core/schema/field.types';
import { loadSchemaText } from '../../core/schema/loadSchema';
import { fieldIndex } from '../../core/suggest/fieldIndex';
import { compileValidator, type RecordValidator } from '../../core/validate/validator';
import { suggestionsFor } from './derive';
import { type Notice, type NoticeTopic, withNotice, withoutNotice } from './notices';
import { applyAction, type Decisions, type MapAction, NO_DECISIONS, type Snapshot, unchanged } from './review';

export type { Notice, NoticeTopic } from './notices';

/** Rows read for profiles, suggestions and the preview. */
export const SAMPLE_ROWS = 100;
/** Rows of the file's first bytes that profiles, readings and the pre-flight read. */
export const CHECK_ROWS = 20_000;
/** Bytes read from the start of a file: a 1 GB file opens as fast as a small one. */
export const SAMPLE_BYTES = 2 * 1024 * 1024;
/** Undo steps kept. */
export const HISTORY = 100;

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
  /** The file itself, for the full run; null after a reload when only its start was kept. */
  file: Blob | null;
  head: Uint8Array;
  sniffed: Sniffed;
  overrides: SniffOverrides;
  sample: CsvSample;
  profiles: ColumnProfile[];
  /** The rows of the file's first bytes (up to CHECK_ROWS), for readings and the pre-flight. */
  checkRows: string[][];
}

/** Where the mapping came from: a saved mapping the person loaded, or made here for this file. */
export type MappingOrigin = 'loaded' | 'new';

export interface SessionState {
  step: Step;
  schema: SchemaState | null;
  source: SourceState | null;
  mapping: MappingDocument | null;
  mappingOrigin: MappingOrigin | null;
  decisions: Decisions;
  past: Snapshot[];
  future: Snapshot[];
  notices: Notice[];
  goto(step: Step): void;
  setSchemaText(name: string, text: string): boolean;
  setSource(name: string, file: Blob): Promise<boolean>;
  setOverrides(o: SniffOverrides): void;
  setMappingText(name: string, text: string): boolean;
  /** One change to the mapping and the review, as one undoable step; false when refused. */
  act(action: MapAction): boolean;
  undo(): void;
  redo(): void;
  notify(topic: NoticeTopic, kind: Notice['kind'], text: string): void;
  clearNotice(topic: NoticeTopic): void;
  reset(): void;
  /** Puts back a session saved before a reload (see persist.ts); false when it no longer loads. */
  restore(saved: SavedSession): boolean;
}

/** What survives a reload: texts, the file (whole when small, else its start), the review and its history. */
export interface SavedSession {
  step: Step;
  schema: { name: string; text: string } | null;
  source: { name: string; size: number; overrides: SniffOverrides; head: Uint8Array } | null;
  mapping: string | null;
  mappingOrigin: MappingOrigin | null;
  decisions: Decisions;
  past: Snapshot[];
  future: Snapshot[];
}

function analyse(head: Uint8Array, whole: boolean, overrides: SniffOverrides) {
  const sniffed = sniff(head.subarray(0, SNIFF_BYTES), overrides);
  const sample = readSample(head, sniffed, SAMPLE_ROWS, whole);
  // Profiles and readings come from every row of the file's first bytes, not only the preview's.
  const checkRows = readSample(head, sniffed, CHECK_ROWS, whole).rows.map((r) => r.cells);
  const profiles = profileColumns(sample.header?.columns ?? [], checkRows);
  return { sniffed, sample, profiles, checkRows };
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

/** An empty mapping for this schema and file: suggestions arrive pending, not in it. */
function newMapping(schema: SchemaState | null, source: SourceState | null): MappingDocument | null {
  if (!schema || !source?.sample.header) return null;
  return createMappingDocument({
    name: source.name.replace(/\.[^.]+$/, ''),
    columns: source.sample.header.columns,
    delimiter: source.sniffed.delimiter,
    encoding: source.sniffed.encoding,
    schemaId: schema.tree.id,
    schemaTitle: schema.tree.title,
    tenant: schema.tree.tenant,
  });
}

/** A mapping made here that nobody has touched yet follows a new schema or file; anything else stays. */
function untouched(s: Pick<SessionState, 'mapping' | 'mappingOrigin' | 'decisions'>): boolean {
  if (!s.mapping) return true;
  const d = s.decisions;
  return s.mappingOrigin === 'new' && s.mapping.mappings.length === 0 && !d.rejected.length && !d.manual.length && !d.reopened.length;
}

const EMPTY = {
  step: 'target' as Step,
  schema: null,
  source: null,
  mapping: null,
  mappingOrigin: null,
  decisions: NO_DECISIONS,
  past: [],
  future: [],
  notices: [],
};

const snapshotOf = (s: SessionState): Snapshot | null => (s.mapping ? { mapping: s.mapping, decisions: s.decisions } : null);

export const useSession = create<SessionState>()((set, get) => ({
  ...EMPTY,
  goto(step) {
    // What went well was said on the step it happened on; only problems follow to the next one.
    const s = get();
    const notices = step === s.step ? s.notices : s.notices.filter((n) => n.kind !== 'info');
    set(notices.length === s.notices.length ? { step } : { step, notices });
  },
  setSchemaText(name, text) {
    const r = schemaState(name, text);
    if (!r.ok) {
      get().notify('schema', 'error', r.message);
      return false;
    }
    const schema = r.schema;
    // Built now, so that suggestions are instant when the file arrives.
    fieldIndex(schema.tree);
    const s = get();
    const fresh = untouched(s) ? { mapping: newMapping(schema, s.source), mappingOrigin: s.source ? ('new' as const) : null } : {};
    set({ schema, ...fresh, notices: withoutNotice(s.notices, 'schema') });
    return true;
  },
  async setSource(name, file) {
    const head = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
    const reason = notCsvReason(name, head);
    if (reason) {
      get().notify('source', 'error', `${reason.message} Nothing you had loaded was changed.`);
      return false;
    }
    const overrides: SniffOverrides = {};
    const source: SourceState = { name, size: file.size, file, head, overrides, ...analyse(head, file.size <= SAMPLE_BYTES, overrides) };
    if (!source.sample.header?.columns.length) {
      get().notify('source', 'error', `"${name}" has no header row: expected CSV text whose first line names the columns.`);
      return false;
    }
    const s = get();
    const fresh = untouched(s) ? { mapping: newMapping(s.schema, source), mappingOrigin: s.schema ? ('new' as const) : null } : {};
    set({ source, ...fresh, notices: withoutNotice(s.notices, 'source') });
    if (s.schema) suggestionsFor(s.schema.tree, source.profiles);
    return true;
  },
  setOverrides(o) {
    const s = get();
    if (!s.source) return;
    const overrides = { ...s.source.overrides, ...o };
    const source = { ...s.source, overrides, ...analyse(s.source.head, s.source.size <= SAMPLE_BYTES, overrides) };
    const fresh = untouched(s) ? { mapping: newMapping(s.schema, source), mappingOrigin: s.schema ? ('new' as const) : null } : {};
    set({ source, ...fresh });
  },
  setMappingText(name, text) {
    const r = loadMappingText(text);
    if (!r.ok) {
      const problems = r.problems
        .slice(0, 3)
        .map((p) => `${p.pointer || '/'}: ${p.message}`)
        .join('; ');
      get().notify('mapping', 'error', `The mapping "${name}" cannot be used: ${problems}.`);
      return false;
    }
    const s = get();
    const was = snapshotOf(s);
    // A mapping that does not name its schema (AEP's template never does) is taken as made for this one.
    const t = s.schema?.tree;
    if (t && !r.doc.target.schemaId) r.doc.target = { schemaId: t.id, title: t.title, tenant: t.tenant };
    set({
      mapping: r.doc,
      mappingOrigin: 'loaded',
      decisions: NO_DECISIONS,
      past: was ? [...s.past, was].slice(-HISTORY) : s.past,
      future: [],
      notices: withoutNotice(s.notices, 'mapping'),
    });
    get().notify('mapping', 'info', `Loaded the mapping "${r.doc.name || name}" (${r.format}, ${r.doc.mappings.length} entries).`);
    return true;
  },
  act(action) {
    const s = get();
    const was =
      snapshotOf(s) ??
      (() => {
        const m = newMapping(s.schema, s.source);
        return m ? { mapping: m, decisions: s.decisions } : null;
      })();
    if (!was) return false;
    const suggestions = s.schema && s.source ? suggestionsFor(s.schema.tree, s.source.profiles) : null;
    const r = applyAction(was, action, suggestions);
    if (!r.ok) {
      get().notify('edit', 'error', `${r.message}. The mapping was not changed.`);
      return false;
    }
    let notices = withoutNotice(s.notices, 'edit');
    if (r.warnings.length) notices = withNotice(notices, { topic: 'edit', kind: 'warning', text: r.warnings.join(' ') });
    if (unchanged(was, r.snapshot)) {
      set({ notices });
      return true;
    }
    set({
      mapping: withReadingsOfNewEntries(was.mapping, r.snapshot.mapping, s),
      decisions: r.snapshot.decisions,
      mappingOrigin: s.mappingOrigin ?? 'new',
      past: [...s.past, was].slice(-HISTORY),
      future: [],
      notices,
    });
    return true;
  },
  undo() {
    const s = get();
    const prev = s.past[s.past.length - 1];
    const now = snapshotOf(s);
    if (!prev || !now) return;
    set({ mapping: prev.mapping, decisions: prev.decisions, past: s.past.slice(0, -1), future: [now, ...s.future].slice(0, HISTORY) });
  },
  redo() {
    const s = get();
    const next = s.future[0];
    const now = snapshotOf(s);
    if (!next || !now) return;
    set({ mapping: next.mapping, decisions: next.decisions, past: [...s.past, now].slice(-HISTORY), future: s.future.slice(1) });
  },
  notify(topic, kind, text) {
    set((s) => ({ notices: withNotice(s.notices, { topic, kind, text }) }));
    // Information goes by itself; warnings and errors stay until the problem is gone or dismissed.
    if (kind === 'info') setTimeout(() => set((s) => ({ notices: s.notices.filter((n) => n.text !== text) })), 8000);
  },
  clearNotice(topic) {
    set((s) => ({ notices: withoutNotice(s.notices, topic) }));
  },
  reset() {
    set({ ...EMPTY });
  },
  restore(saved) {
    if (!saved.schema) return false;
    const r = schemaState(saved.schema.name, saved.schema.text);
    if (!r.ok) return false;
    const schema = r.schema;
    let source: SourceState | null = null;
    if (saved.source) {
      const { name, size, overrides, head } = saved.source;
      const whole = size <= head.length;
      // A file kept whole comes back whole: it can be run again without choosing it.
      source = { name, size, file: whole ? new Blob([head as BlobPart]) : null, head, overrides, ...analyse(head, whole, overrides) };
      if (!source.sample.header?.columns.length) source = null;
    }
    const loaded = saved.mapping ? loadMappingText(saved.mapping) : null;
    const mapping = loaded?.ok ? loaded.doc : newMapping(schema, source);
    const mappingOrigin = loaded?.ok ? saved.mappingOrigin : mapping ? 'new' : null;
    const keep = loaded?.ok;
    set({
      ...EMPTY,
      schema,
      source,
      mapping,
      mappingOrigin,
      decisions: keep ? saved.decisions : NO_DECISIONS,
      past: keep ? saved.past : [],
      future: keep ? saved.future : [],
      step: source || saved.step === 'target' || saved.step === 'source' ? saved.step : 'source',
    });
    return true;
  },
}));

/**
 * A column newly mapped to a field gets the reading its values show (as suggestions do); an
 * entry that was there before keeps the settings the user gave it, even none.
 */
function withReadingsOfNewEntries(before: MappingDocument, after: MappingDocument, s: Pick<SessionState, 'schema' | 'source'>): MappingDocument {
  const tree = s.schema?.tree;
  if (!tree || !s.source) return after;
  const known = new Set(before.mappings.map((m) => `${m.sourceType}\u0000${m.source}\u0000${m.destination}`));
  let touched = false;
  const mappings = after.mappings.map((m) => {
    if (known.has(`${m.sourceType}\u0000${m.source}\u0000${m.destination}`) || m.settings) return m;
    const r = withInferredReading(m, s.source!.profiles.find((p) => p.name === m.source)?.readings, tree);
    if (r !== m) touched = true;
    return r;
  });
  return touched ? { ...after, mappings } : after;
}
