import { useMemo, useState } from 'react';
import { destinationForField } from '../../../core/mapping/edits';
import { ScrollRegion } from '../../steps/tables';
import { useSession } from '../../store/session';
import { useUi } from '../../store/ui';
import { usePending, useSuggestions } from '../../store/useDerived';
import type { Preview } from '../../usePreview';
import { confidenceText } from '../confidence';
import { FieldPicker } from '../FieldPicker';
import { fieldOfDestination } from '../lanes';
import { MiddleText } from '../MiddleText';
import { type MappingRow, mappingRows, type SortKey, sortRows } from './rows';

const HEADERS: { key: SortKey; label: string }[] = [
  { key: 'status', label: 'Status' },
  { key: 'source', label: 'Source' },
  { key: 'destination', label: 'Destination' },
  { key: 'type', label: 'Type' },
  { key: 'confidence', label: 'Confidence' },
  { key: 'reading', label: 'Reading' },
  { key: 'sample', label: 'Sample → output' },
];

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
  const [sort, setSort] = useState<{ key: SortKey; up: boolean }>({ key: 'status', up: true });
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<'all' | MappingRow['status']>('all');
  const [editing, setEditing] = useState<Editing>(null);
  const rows = useMemo(() => {
    if (!schema || !source || !mapping) return [];
    return mappingRows({ tree: schema.tree, source, mapping, pending, suggestions, preview });
  }, [schema, source, mapping, pending, suggestions, preview]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const kept = rows.filter((r) => (status === 'all' || r.status === status) && (!q || `${r.source} ${r.destination} ${r.sample}`.toLowerCase().includes(q)));
    return sortRows(kept, sort.key, sort.up);
  }, [rows, query, status, sort]);
  if (!schema || !source || !mapping) return null;
  const columns = source.sample.header?.columns ?? [];
  const counts = { mapped: 0, pending: 0, unmapped: 0 };
  for (const r of rows) counts[r.status]++;
  const showInGraph = (r: MappingRow) => {
    ui.setView('graph');
    if (r.column) ui.select({ kind: 'column', name: r.column });
    else if (r.destination) ui.select({ kind: 'field', path: fieldOfDestination(schema.tree, r.destination) });
  };
  return (
    <section className="mapping-table card" aria-label="The mapping as a table">
      <div className="table-tools">
        <label className="inline">
          <span>Filter</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="source, destination or sample…" data-undo="mapping" />
        </label>
        <label className="inline">
          <span>Status</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="all">all ({rows.length})</option>
            <option value="mapped">mapped ({counts.mapped})</option>
            <option value="pending">suggested ({counts.pending})</option>
            <option value="unmapped">not mapped ({counts.unmapped})</option>
          </select>
        </label>
        <span className="muted small">
          {shown.length} of {rows.length} rows
        </span>
      </div>
      <ScrollRegion className="tall" label="Mapping rows">
        <table className="grid mapping-grid">
          <thead>
            <tr>
              {HEADERS.map((h) => (
                <th key={h.key} scope="col" aria-sort={sort.key === h.key ? (sort.up ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className="sort" onClick={() => setSort((s) => ({ key: h.key, up: s.key === h.key ? !s.up : true }))}>
                    {h.label} {sort.key === h.key ? (sort.up ? '▲' : '▼') : ''}
                  </button>
                </th>
              ))}
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.key} className={`status-${r.status}`}>
                <td>
                  <span className={`tag ${r.status === 'mapped' ? 'ok' : r.status === 'pending' ? 'pending' : ''}`}>
                    {r.status === 'pending' ? 'suggested' : r.status === 'unmapped' ? 'not mapped' : 'mapped'}
                  </span>
                </td>
                <td>
                  {editing?.key === r.key && editing.cell === 'source' ? (
                    <select
                      // biome-ignore lint/a11y/noAutofocus: the person asked to edit this cell
                      autoFocus
                      aria-label={`Column for ${r.destination}`}
                      value={r.column ?? ''}
                      onBlur={() => setEditing(null)}
                      onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
                      onChange={(e) => {
                        setEditing(null);
                        if (e.target.value) act({ kind: 'map', column: e.target.value, destination: r.destination });
                      }}
                    >
                      {columns.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
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
                <td>{r.type}</td>
                <td>{r.confidence !== null ? confidenceText(r.confidence) : r.status === 'mapped' ? 'set' : ''}</td>
                <td>{r.reading}</td>
                <td className="sample">
                  <MiddleText text={r.sample} />
                </td>
                <td className="row-actions">
                  {r.status === 'pending' && r.pending ? (
                    <>
                      <button
                        type="button"
                        className="small-button"
                        onClick={() => act({ kind: 'accept', suggestions: [r.pending!] })}
                        aria-label={`Accept ${r.source} -> ${r.destination}`}
                      >
                        Accept
                      </button>
                      <button
                        type="button"
                        className="small-button"
                        onClick={() => act({ kind: 'reject', suggestions: [r.pending!] })}
                        aria-label={`Reject ${r.source} -> ${r.destination}`}
                      >
                        Reject
                      </button>
                    </>
                  ) : r.status === 'mapped' ? (
                    <button
                      type="button"
                      className="small-button"
                      onClick={() => act({ kind: 'unmap', destination: r.destination })}
                      aria-label={`Remove ${r.source} -> ${r.destination}`}
                    >
                      Remove
                    </button>
                  ) : null}
                  <button type="button" className="small-button" onClick={() => showInGraph(r)} aria-label={`Show ${r.source} in the graph`}>
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
