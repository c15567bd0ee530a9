import { converterFor } from '../../../core/convert/coerce';
import type { MappingDocument, MappingEntry } from '../../../core/mapping/mapping.types';
import { parsePath } from '../../../core/mapping/paths';
import type { Field, FieldTree } from '../../../core/schema/field.types';
import { writeTypeOf } from '../../../core/schema/xdmType';
import type { Suggestion } from '../../../core/suggest/suggest.types';
import type { PendingSuggestion } from '../../store/review';
import type { SourceState } from '../../store/session';
import type { Preview } from '../../usePreview';
import { fieldOfDestination } from '../lanes';

/** One row of the mapping table: an entry, a suggestion waiting for review, or a column left out. */
export interface MappingRow {
  key: string;
  status: 'mapped' | 'pending' | 'unmapped';
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
  pending: PendingSuggestion | null;
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
function cellAlone(tree: FieldTree, m: MappingEntry, text: string): string {
  const field = tree.fields.get(fieldOfDestination(tree, m.destination) as Field['path']);
  const conv = field ? converterFor(writeTypeOf(field), m.settings ?? {}) : null;
  if (!conv?.ok || text === '') return '(row rejected)';
  const r = conv.convert(text);
  return r.ok ? `${JSON.stringify(r.value)} (its row is rejected: see Preview)` : `error: ${r.message}`;
}

export function mappingRows(i: {
  tree: FieldTree;
  source: SourceState;
  mapping: MappingDocument;
  pending: readonly PendingSuggestion[];
  suggestions: readonly Suggestion[] | null;
  preview: Preview;
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
      ? ''
      : record === null
        ? column
          ? cellAlone(tree, m, cell.value)
          : '(row rejected)'
        : out === undefined
          ? '(not written)'
          : JSON.stringify(out);
    rows.push({
      key: `m:${m.destination}`,
      status: 'mapped',
      column,
      source: column ?? (m.sourceType === 'STATIC' ? `constant ${JSON.stringify(m.source)}` : `formula ${m.source}`),
      destination: m.destination,
      type: typeOf(tree, m.destination),
      confidence: s?.destination === m.destination ? s.confidence : null,
      reading: m.settings?.dateFormat ?? (column ? (profile.get(column)?.dateFormat ?? '') : ''),
      sample: `${column ? `${cell.value || '(empty)'} → ` : ''}${result}`,
      pending: null,
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
      pending: p,
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
      pending: null,
    });
  }
  return rows;
}

export type SortKey = 'status' | 'source' | 'destination' | 'type' | 'confidence' | 'reading' | 'sample';
const STATUS_ORDER = { pending: 0, mapped: 1, unmapped: 2 };

export function sortRows(rows: readonly MappingRow[], key: SortKey, up: boolean): MappingRow[] {
  const dir = up ? 1 : -1;
  const cmp = (a: MappingRow, b: MappingRow): number => {
    if (key === 'status') return STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.source.localeCompare(b.source);
    if (key === 'confidence') return (a.confidence ?? -1) - (b.confidence ?? -1);
    return String(a[key]).localeCompare(String(b[key]));
  };
  return [...rows].sort((a, b) => dir * cmp(a, b));
}
