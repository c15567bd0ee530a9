import { converterFor } from '../../../core/convert/coerce';
import type { MappingDocument, MappingEntry } from '../../../core/mapping/mapping.types';
import { parsePath } from '../../../core/mapping/paths';
import type { Field, FieldTree } from '../../../core/schema/field.types';
import { writeTypeOf } from '../../../core/schema/xdmType';
import type { Suggestion } from '../../../core/suggest/suggest.types';
import type { PendingSuggestion } from '../../store/review';
import type { SourceState } from '../../store/session';
import type { Filter } from '../../store/ui';
import type { Preview } from '../../usePreview';
import { fieldOfDestination } from '../lanes';

/**
 * One row of the mapping table: an entry, a suggestion waiting for review, a column left out,
 * or a required field nothing fills (`missing`).
 */
export interface MappingRow {
  key: string;
  status: 'missing' | 'mapped' | 'pending' | 'unmapped';
  /** The column it reads, when it reads one directly. */
  column: string | null;
  /** What it shows as the source: a column, `constant "web"`, `formula upper(Name)`. */
  source: string;
  destination: string;
  type: string;
  confidence: number | null;
  /** How the source is read: the entry's date pattern, else the pattern the column's values follow. */
  reading: string;
  /** The first sample value and what it becomes: `2025-05-11 09:55:16 -0400 → "2025-05-11T13:55:16Z"`. */
  sample: string;
  /** The sample's two halves, shown apart: the cell as read, and what the record holds (empty: nothing to show). */
  sampleIn: string;
  sampleOut: string;
  /** Why the output is not the record's own (its row is rejected for another field), when it is not. */
  sampleNote: string;
  pending: PendingSuggestion | null;
  /** Whether the destination is a required field, an identity field; errors the sample gives its column or field. */
  required: boolean;
  identity: boolean;
  errors: number;
}

/** The value at a destination in a record: `a.b[0].c`. */
function valueAt(record: unknown, destination: string): unknown {
  const p = parsePath(destination);
  if (!p.ok) return undefined;
  let v: unknown = record;
  for (const s of p.segments) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, s.key)) return undefined;
    v = (v as Record<string, unknown>)[s.key];
    if (s.index !== undefined) v = Array.isArray(v) ? v[s.index] : undefined;
  }
  return v;
}

const typeOf = (tree: FieldTree, destination: string) => {
  const f = tree.fields.get(fieldOfDestination(tree, destination) as Field['path']);
  return f ? (f.xdmType === 'array' ? `${f.itemType ?? 'string'}[]` : f.xdmType) : '';
};

/**
 * A cell as this entry alone reads it, for a row the schema rejects as a whole (another field
 * missing): the value the field would get, so the column is not blamed for the row.
 */
function cellAlone(tree: FieldTree, m: MappingEntry, text: string): { out: string; note: string } {
  const field = tree.fields.get(fieldOfDestination(tree, m.destination) as Field['path']);
  const conv = field ? converterFor(writeTypeOf(field), m.settings ?? {}) : null;
  if (!conv?.ok || text === '') return { out: '(row rejected)', note: '' };
  const r = conv.convert(text);
  return r.ok ? { out: JSON.stringify(r.value), note: 'its row is rejected: see Preview' } : { out: `error: ${r.message}`, note: '' };
}

export function mappingRows(i: {
  tree: FieldTree;
  source: SourceState;
  mapping: MappingDocument;
  pending: readonly PendingSuggestion[];
  suggestions: readonly Suggestion[] | null;
  preview: Preview;
  /** Required fields nothing fills (schema paths), each a row to map from. */
  missing: readonly string[];
}): MappingRow[] {
  const { tree, source, mapping } = i;
  const header = source.sample.header?.columns ?? [];
  const firstCell = (column: string) => {
    const at = header.indexOf(column);
    const row = source.sample.rows.find((r) => (r.cells[at] ?? '') !== '');
    return { value: row?.cells[at] ?? '', row: row?.row };
  };
  const profile = new Map(source.profiles.map((p) => [p.name, p]));
  const agreed = new Map((i.suggestions ?? []).map((s) => [s.column, s]));
  const records = i.preview?.ok ? new Map(i.preview.rows.map((r) => [r.row, r.record])) : null;
  const byColumn = i.preview?.ok ? i.preview.byColumn : null;
  const byDestination = i.preview?.ok ? i.preview.byDestination : null;
  const fieldAt = (destination: string) => tree.fields.get(fieldOfDestination(tree, destination) as Field['path']);
  const marks = (column: string | null, destination: string) => {
    const f = destination ? fieldAt(destination) : undefined;
    const errors = (column ? (byColumn?.get(column) ?? 0) : 0) + (f ? (byDestination?.get(f.path) ?? 0) : 0);
    return { required: Boolean(f?.requiredFromRoot), identity: Boolean(f?.identity), errors };
  };
  const rows: MappingRow[] = [];
  const mappedColumns = new Set<string>();
  for (const m of mapping.mappings) {
    const column = m.sourceType === 'ATTRIBUTE' ? m.source : null;
    if (column) mappedColumns.add(column);
    const s = column ? agreed.get(column) : undefined;
    const cell = column ? firstCell(column) : { value: '', row: source.sample.rows[0]?.row };
    const record = cell.row !== undefined ? records?.get(cell.row) : undefined;
    const out = record ? valueAt(record, m.destination) : undefined;
    const result = !records
      ? { out: '', note: '' }
      : record === null
        ? column
          ? cellAlone(tree, m, cell.value)
          : { out: '(row rejected)', note: '' }
        : { out: out === undefined ? '(not written)' : JSON.stringify(out), note: '' };
    const sampleIn = column ? cell.value || '(empty)' : '';
    rows.push({
      key: `m:${m.destination}`,
      status: 'mapped',
      column,
      source: column ?? (m.sourceType === 'STATIC' ? `constant ${JSON.stringify(m.source)}` : `formula ${m.source}`),
      destination: m.destination,
      type: typeOf(tree, m.destination),
      confidence: s?.destination === m.destination ? s.confidence : null,
      reading: m.settings?.dateFormat ?? (column ? (profile.get(column)?.dateFormat ?? '') : ''),
      sample: `${sampleIn ? `${sampleIn} → ` : ''}${result.out}${result.note ? ` (${result.note})` : ''}`,
      sampleIn,
      sampleOut: result.out,
      sampleNote: result.note,
      pending: null,
      ...marks(column, m.destination),
    });
  }
  const pendingColumns = new Set<string>();
  for (const p of i.pending) {
    pendingColumns.add(p.column);
    rows.push({
      key: `p:${p.column}\u0000${p.destination}`,
      status: 'pending',
      column: p.column,
      source: p.column,
      destination: p.destination,
      type: typeOf(tree, p.destination),
      confidence: p.confidence,
      reading: profile.get(p.column)?.dateFormat ?? '',
      sample: firstCell(p.column).value || '(empty)',
      sampleIn: firstCell(p.column).value || '(empty)',
      sampleOut: '',
      sampleNote: '',
      pending: p,
      ...marks(p.column, p.destination),
    });
  }
  for (const c of header) {
    if (mappedColumns.has(c) || pendingColumns.has(c)) continue;
    rows.push({
      key: `u:${c}`,
      status: 'unmapped',
      column: c,
      source: c,
      destination: '',
      type: profile.get(c)?.kind ?? '',
      confidence: null,
      reading: profile.get(c)?.dateFormat ?? '',
      sample: firstCell(c).value || '(empty)',
      sampleIn: firstCell(c).value || '(empty)',
      sampleOut: '',
      sampleNote: '',
      pending: null,
      ...marks(c, ''),
    });
  }
  for (const path of i.missing) {
    rows.push({
      key: `r:${path}`,
      status: 'missing',
      column: null,
      source: '',
      destination: path,
      type: typeOf(tree, path),
      confidence: null,
      reading: '',
      sample: '',
      sampleIn: '',
      sampleOut: '',
      sampleNote: '',
      pending: null,
      ...marks(null, path),
      required: true,
    });
  }
  return rows;
}

/** Whether a row shows under the Map step's filter (the counters and the "Show" choices). */
export function rowShows(r: MappingRow, filter: Filter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'pending':
      return r.status === 'pending';
    case 'unmapped':
      return r.status === 'unmapped' || r.status === 'missing';
    case 'required':
      return r.required;
    case 'identity':
      return r.identity;
    case 'errors':
      return r.errors > 0;
  }
}

export type SortKey = 'status' | 'source' | 'destination' | 'type' | 'confidence' | 'reading' | 'sample';
const STATUS_ORDER = { missing: 0, pending: 1, mapped: 2, unmapped: 3 };

export function sortRows(rows: readonly MappingRow[], key: SortKey, up: boolean): MappingRow[] {
  const dir = up ? 1 : -1;
  const cmp = (a: MappingRow, b: MappingRow): number => {
    if (key === 'status') return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.source.localeCompare(b.source);
    if (key === 'confidence') return (a.confidence ?? -1) - (b.confidence ?? -1);
    return String(a[key]).localeCompare(String(b[key]));
  };
  return [...rows].sort((a, b) => dir * cmp(a, b));
}
