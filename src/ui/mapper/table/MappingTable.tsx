import { type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { destinationForField } from '../../../core/mapping/edits';
import { unmappedRequired } from '../../steps/blockers';
import { ScrollRegion } from '../../steps/tables';
import { useSession } from '../../store/session';
import { useUi } from '../../store/ui';
import { usePending, useSuggestions } from '../../store/useDerived';
import type { Preview } from '../../usePreview';
import { confidenceText } from '../confidence';
import { FieldPicker } from '../FieldPicker';
import { fieldOfDestination } from '../lanes';
import { MiddleText } from '../MiddleText';
import { type MappingRow, mappingRows, rowShows, type SortKey, sortRows } from './rows';

/** `extra`: a column hidden at narrow widths unless asked for (what it says is also on the row's other cells' hover). */
const HEADERS: { key: SortKey; label: string; extra?: boolean }[] = [
  { key: 'status', label: 'Status' },
  { key: 'source', label: 'Source' },
  { key: 'destination', label: 'Destination' },
  { key: 'type', label: 'Type', extra: true },
  { key: 'confidence', label: 'Confidence' },
  { key: 'reading', label: 'Reading', extra: true },
  { key: 'sample', label: 'Sample → output' },
];

const STATUS_TEXT: Record<MappingRow['status'], string> = { missing: 'required', mapped: 'mapped', pending: 'suggested', unmapped: 'not mapped' };
const STATUS_TAG: Record<MappingRow['status'], string> = { missing: 'req', mapped: 'ok', pending: 'pending', unmapped: '' };

/** Under this width the table leaves out the type and reading columns unless the person asks for them. */
const NARROW = 1150;

/** Whether the element is narrower than NARROW, followed as it resizes. */
function useNarrow<T extends HTMLElement>(): [RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([e]) => setNarrow((e?.contentRect.width ?? NARROW) < NARROW));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, narrow];
}

type Editing = { key: string; cell: 'source' | 'destination' } | null;

/**
 * The mapping as a table, as AEP's mapper shows it: one row per entry, per suggestion waiting
 * for review and per column left out; sortable, filterable and editable in place, through the
 * same session (and the same undo) as the graph. Every column and field is reachable here by
 * keyboard, however long the file or the schema.
 */
export function MappingTable({ preview }: { preview: Preview }) {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const act = useSession((s) => s.act);
  const pending = usePending();
  const suggestions = useSuggestions();
  const ui = useUi.getState();
  const filter = useUi((s) => s.filter);
  const [sort, setSort] = useState<{ key: SortKey; up: boolean }>({ key: 'status', up: true });
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [frame, narrow] = useNarrow<HTMLElement>();
  // null: as the width decides; else what the person chose.
  const [extraAsked, setExtraAsked] = useState<boolean | null>(null);
  const extra = extraAsked ?? !narrow;
  const rows = useMemo(() => {
    if (!schema || !source || !mapping) return [];
    return mappingRows({ tree: schema.tree, source, mapping, pending, suggestions, preview, missing: unmappedRequired(schema.tree, mapping) });
  }, [schema, source, mapping, pending, suggestions, preview]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const kept = rows.filter((r) => rowShows(r, filter) && (!q || `${r.source} ${r.destination} ${r.sample}`.toLowerCase().includes(q)));
    return sortRows(kept, sort.key, sort.up);
  }, [rows, query, filter, sort]);
  if (!schema || !source || !mapping) return null;
  const columns = source.sample.header?.columns ?? [];
  const headers = HEADERS.filter((h) => extra || !h.extra);
  const showInGraph = (r: MappingRow) => {
    ui.setView('graph');
    if (r.column) ui.select({ kind: 'column', name: r.column });
    else if (r.destination) ui.select({ kind: 'field', path: fieldOfDestination(schema.tree, r.destination) });
  };
  return (
    <section className="mapping-table card" aria-label="The mapping as a table" ref={frame}>
      <div className="table-tools">
        <label className="inline">
          <span>Filter</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="source, destination or sample…" data-undo="mapping" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={extra} onChange={(e) => setExtraAsked(e.target.checked)} /> type and reading columns
        </label>
        <span className="muted small">
          {shown.length} of {rows.length} rows{filter !== 'all' ? ' (the filter above is on)' : ''}
        </span>
      </div>
      <ScrollRegion className="tall" label="Mapping rows">
        <table className={`grid mapping-grid${extra ? ' with-extra' : ''}${extra && narrow ? ' scroll-x' : ''}`}>
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h.key} scope="col" className={`col-${h.key}`} aria-sort={sort.key === h.key ? (sort.up ? 'ascending' : 'descending') : 'none'}>
                  <button
                    type="button"
                    className="sort"
                    title={`Sort by ${h.label.toLowerCase()}`}
                    onClick={() => setSort((s) => ({ key: h.key, up: s.key === h.key ? !s.up : true }))}
                  >
                    {h.label} {sort.key === h.key ? (sort.up ? '▲' : '▼') : ''}
                  </button>
                </th>
              ))}
              <th scope="col" className="col-actions">
                Actions
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key} className={`status-${r.status}`}>
                <td>
                  <span
                    className={`tag ${STATUS_TAG[r.status]}`}
                    title={r.status === 'missing' ? 'A required field nothing fills: choose its column' : undefined}
                  >
                    {STATUS_TEXT[r.status]}
                  </span>
                </td>
                <td>
                  {editing?.key === r.key && editing.cell === 'source' ? (
                    <select
                      // biome-ignore lint/a11y/noAutofocus: the person asked to edit this cell
                      autoFocus
                      aria-label={`Column for ${r.destination}`}
                      value={r.column ?? ''}
                      className="cell-select"
                      onBlur={() => setEditing(null)}
                      onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                      onChange={(e) => {
                        setEditing(null);
                        if (e.target.value) act({ kind: 'map', column: e.target.value, destination: r.destination });
                      }}
                    >
                      {r.column ? null : <option value="">choose…</option>}
                      {columns.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  ) : r.status === 'missing' ? (
                    <button
                      type="button"
                      className="cell-edit"
                      onClick={() => setEditing({ key: r.key, cell: 'source' })}
                      aria-label={`choose a column… (the source for ${r.destination})`}
                    >
                      <em>choose a column…</em>
                    </button>
                  ) : r.status === 'mapped' && r.column ? (
                    <button
                      type="button"
                      className="cell-edit"
                      onClick={() => setEditing({ key: r.key, cell: 'source' })}
                      aria-label={`Source ${r.source}: change the column for ${r.destination}`}
                    >
                      <MiddleText text={r.source} />
                    </button>
                  ) : (
                    <MiddleText text={r.source} />
                  )}
                </td>
                <td>
                  {editing?.key === r.key && editing.cell === 'destination' ? (
                    <FieldPicker
                      tree={schema.tree}
                      autoFocus
                      label={`Destination for ${r.source}`}
                      onEscape={() => setEditing(null)}
                      onPick={(f) => {
                        setEditing(null);
                        const to = destinationForField(f.path);
                        if (r.status === 'mapped') act({ kind: 'move', from: r.destination, to });
                        else if (r.column) act({ kind: 'map', column: r.column, destination: to });
                      }}
                    />
                  ) : r.status === 'missing' ? (
                    <MiddleText text={r.destination} className="code" />
                  ) : (
                    <button
                      type="button"
                      className="cell-edit"
                      onClick={() => setEditing({ key: r.key, cell: 'destination' })}
                      aria-label={r.destination ? `Destination ${r.destination}: change it` : `choose a field… (the destination for ${r.source})`}
                    >
                      {r.destination ? <MiddleText text={r.destination} className="code" /> : <em>choose a field…</em>}
                    </button>
                  )}
                </td>
                {extra ? (
                  <td>
                    <MiddleText text={r.type} />
                  </td>
                ) : null}
                <td>{r.confidence !== null ? confidenceText(r.confidence) : r.status === 'mapped' ? 'set' : ''}</td>
                {extra ? (
                  <td>
                    <MiddleText text={r.reading} />
                  </td>
                ) : null}
                <td className="sample">
                  <SampleCell row={r} />
                </td>
                <td className="row-actions">
                  {r.status === 'pending' && r.pending ? (
                    <>
                      <button
                        type="button"
                        className="small-button"
                        onClick={() => act({ kind: 'accept', suggestions: [r.pending!] })}
                        aria-label={`Accept ${r.source} -> ${r.destination}`}
                        title="Accept the suggestion"
                      >
                        ✓
                      </button>
                      <button
                        type="button"
                        className="small-button"
                        onClick={() => act({ kind: 'reject', suggestions: [r.pending!] })}
                        aria-label={`Reject ${r.source} -> ${r.destination}`}
                        title="Reject the suggestion"
                      >
                        ✕
                      </button>
                    </>
                  ) : r.status === 'mapped' ? (
                    <button
                      type="button"
                      className="small-button"
                      onClick={() => act({ kind: 'unmap', destination: r.destination })}
                      aria-label={`Remove ${r.source} -> ${r.destination}`}
                      title="Remove this mapping"
                    >
                      ✕
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="small-button"
                    onClick={() => showInGraph(r)}
                    aria-label={`Show ${r.source || r.destination} in the graph`}
                    title="Show it in the graph"
                  >
                    Show
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

/** The first sample value and what the record holds, each giving way in the middle; a note when its row is rejected. */
function SampleCell({ row }: { row: MappingRow }) {
  return (
    <span className="sample-cell">
      {row.sampleIn ? <MiddleText text={row.sampleIn} className="sample-in" /> : null}
      {row.sampleIn && row.sampleOut ? (
        <span className="arrow">
          <span aria-hidden="true">→</span>
          <span className="sr-only"> becomes </span>
        </span>
      ) : null}
      {row.sampleOut ? <MiddleText text={row.sampleOut} className="sample-out" /> : null}
      {row.sampleNote ? (
        <span className="note-mark" title={row.sampleNote}>
          <span aria-hidden="true">⚠</span>
          <span className="sr-only">({row.sampleNote})</span>
        </span>
      ) : null}
    </span>
  );
}
