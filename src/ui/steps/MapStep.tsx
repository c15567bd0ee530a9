import { schemaPathOf } from '../../core/mapping/paths';
import { Inspector } from '../mapper/Inspector';
import { MapperGraph } from '../mapper/MapperGraph';
import { useSession } from '../store/session';
import { type Filter, useUi } from '../store/ui';
import { usePreflight } from '../usePreflight';
import type { Preview } from '../usePreview';
import { requiredCount } from './blockers';

const FILTERS: { id: Filter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'unmapped', label: 'Unmapped' },
  { id: 'required', label: 'Required' },
  { id: 'errors', label: 'With errors' },
  { id: 'suggestions', label: 'With suggestions' },
];

/** Step 3: the node graph, its counters and filters, and the inspector beside it. */
export function MapStep({ preview }: { preview: Preview }) {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const resuggest = useSession((s) => s.resuggest);
  const ui = useUi();
  const pre = usePreflight();
  if (!schema || !source || !mapping) return <p className="card">Choose a schema and a CSV file first.</p>;
  const tree = schema.tree;
  const columns = source.sample.header?.columns ?? [];
  const mappedCols = new Set(mapping.mappings.filter((m) => m.sourceType === 'ATTRIBUTE').map((m) => m.source));
  const dests = new Set(mapping.mappings.map((m) => schemaPathOf(m.destination)));
  const required = requiredCount(tree, mapping);
  const identities = tree.identities.map((i) => i.path as string);
  const errors = preview?.ok ? preview.errors.length : 0;
  return (
    <div className="map-step">
      <div className="toolbar card" role="toolbar" aria-label="Mapper tools">
        <ul className="counters" aria-label="Counters">
          <li>
            <strong>{columns.filter((c) => mappedCols.has(c)).length}</strong>/{columns.length} columns mapped
          </li>
          <li className={required.filled < required.total ? 'warn' : ''}>
            <strong>{required.filled}</strong>/{required.total} required fields
          </li>
          <li>
            <strong>{identities.filter((p) => dests.has(p)).length}</strong>/{identities.length} identity fields
          </li>
          <li className={errors ? 'warn' : ''}>
            <strong>{preview?.ok === false ? '!' : errors}</strong> errors in the sample
          </li>
          <li
            className={pre?.warnings.length || pre?.blocked.length ? 'warn' : ''}
            title={[...(pre?.blocked ?? []), ...(pre?.warnings ?? [])].map((c) => c.message).join('\n')}
          >
            <strong>{(pre?.warnings.length ?? 0) + (pre?.blocked.length ?? 0)}</strong> warning
            {(pre?.warnings.length ?? 0) + (pre?.blocked.length ?? 0) === 1 ? '' : 's'}
            {pre?.blocked.length ? ` (${pre.blocked.length} reading${pre.blocked.length > 1 ? 's' : ''} to choose)` : ''}
          </li>
        </ul>
        <fieldset className="filters">
          <legend>Show</legend>
          {FILTERS.map((f) => (
            <label key={f.id} className="inline">
              <input type="radio" name="filter" checked={ui.filter === f.id} onChange={() => ui.setFilter(f.id)} /> {f.label}
            </label>
          ))}
        </fieldset>
        <label className="inline search">
          <span className="sr-only">Search fields</span>
          <input type="search" placeholder="Search fields…" value={ui.search} onChange={(e) => ui.setSearch(e.target.value)} aria-label="Search fields" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={ui.showSystem} onChange={(e) => ui.setShowSystem(e.target.checked)} /> system fields
        </label>
        <button type="button" onClick={resuggest} title="Replace the mapping with fresh suggestions (undo brings it back)">
          Suggest again
        </button>
      </div>
      {preview?.ok === false ? (
        <div className="notice error" role="alert">
          <strong>The mapping cannot run on this file:</strong> {preview.problems.join(' · ')}
        </div>
      ) : null}
      <div className="map-body">
        <MapperGraph preview={preview} />
        <Inspector preview={preview} />
      </div>
    </div>
  );
}
