import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react';
import { referencedColumns } from '../../core/expr/parser';
import { identityReport } from '../mapper/identities';
import { Inspector } from '../mapper/inspector/Inspector';
import { MapperGraph } from '../mapper/MapperGraph';
import { MappingTable } from '../mapper/table/MappingTable';
import { suggestionKey } from '../store/review';
import { useSession } from '../store/session';
import { type Filter, type MapView, useUi } from '../store/ui';
import { usePending, useSuggestions } from '../store/useDerived';
import { usePreflight } from '../usePreflight';
import type { Preview } from '../usePreview';
import { requiredCount, unmappedRequired } from './blockers';
import { Counter, ErrorsList, WarningsList } from './CounterPanels';

const FILTERS: { id: Filter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'pending', label: 'Suggested' },
  { id: 'unmapped', label: 'Unmapped' },
  { id: 'required', label: 'Required' },
  { id: 'identity', label: 'Identities' },
  { id: 'errors', label: 'With errors' },
];

const VIEWS: { id: MapView; label: string }[] = [
  { id: 'graph', label: 'Graph' },
  { id: 'table', label: 'Table' },
];

/** Step 3: counters and tools, the graph or the table of the mapping, and the inspector beside it. */
export function MapStep({ preview }: { preview: Preview }) {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const pending = usePending();
  const ui = useUi();
  // Performance marks for the browser tests: from the step's first render to its first frame drawn.
  useEffect(() => {
    performance.clearMarks('map:open');
    performance.mark('map:open');
    let frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        performance.clearMeasures('map:ready');
        performance.mark('map:ready');
      });
    });
    return () => cancelAnimationFrame(frame);
  }, []);
  const identities = useMemo(() => (schema && mapping ? identityReport(schema.tree, mapping) : null), [schema, mapping]);
  const pre = usePreflight();
  const [warningsOpen, setWarningsOpen] = useState(false);
  if (!schema || !source || !mapping) return <p className="card">Choose a schema and a CSV file first.</p>;
  const tree = schema.tree;
  const columns = source.sample.header?.columns ?? [];
  // A column counts as mapped when an entry or a formula reads it.
  const mappedCols = new Set(
    mapping.mappings.flatMap((m) => (m.sourceType === 'ATTRIBUTE' ? [m.source] : m.sourceType === 'EXPRESSION' ? referencedColumns(m.source) : [])),
  );
  const required = requiredCount(tree, mapping);
  const missing = unmappedRequired(tree, mapping);
  const mappedCount = columns.filter((c) => mappedCols.has(c)).length;
  const checks = [...(pre?.blocked ?? []), ...(pre?.warnings ?? [])];
  const warningCount = checks.length;
  // The required counter goes to the first required field nothing fills, and the start panel's list of them.
  const showRequired = () => {
    ui.select(null);
    if (ui.view === 'graph' && missing[0]) ui.revealRow('fields', missing[0]);
    requestAnimationFrame(() => document.getElementById('required-gaps')?.scrollIntoView({ block: 'nearest' }));
  };
  const fed = identities?.feeds.filter((f) => f.from.length).length ?? 0;
  const errors = preview?.ok ? preview.errors.length : 0;
  // Escape goes back to the start panel from anywhere in the step (a picker with text clears it first).
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    const t = e.target as HTMLElement;
    if (t.tagName === 'TEXTAREA' || (t instanceof HTMLInputElement && t.value)) return;
    if (ui.formula) ui.openFormula(null);
    else ui.select(null);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the step closes the inspector's panel
    <div className="map-step" onKeyDown={onKey}>
      <div className="toolbar card" role="toolbar" aria-label="Mapper tools">
        <ul className="counters" aria-label="Counters">
          <Counter filter="unmapped" hint={`Show only what is not mapped: the ${columns.length - mappedCount} columns and the fields nothing fills`}>
            <strong>{mappedCount}</strong>/{columns.length} columns mapped
          </Counter>
          <Counter filter="pending" className={pending.length ? 'pending' : ''} hint="Show only the suggestions waiting for review">
            <strong>{pending.length}</strong> to review
          </Counter>
          <Counter
            filter="required"
            className={required.filled < required.total ? 'warn' : ''}
            hint={
              missing.length
                ? `Show the required fields; go to the first not mapped (${missing.length} not mapped: ${missing.join(', ')})`
                : 'Show the required fields'
            }
            onShow={showRequired}
          >
            <strong>{required.filled}</strong>/{required.total} required fields
          </Counter>
          <Counter filter="identity" className={identities?.primaryUnmapped ? 'warn' : ''} hint="Show the identity fields">
            <strong>{fed}</strong>/{identities?.feeds.length ?? 0} identity fields
          </Counter>
          <Counter filter="errors" className={errors ? 'warn' : ''} hint="Show only the columns and fields with errors in the sample, and the errors by kind">
            <strong>{preview?.ok === false ? '!' : errors}</strong> errors in the sample
          </Counter>
          <li className={warningCount ? 'warn' : ''}>
            <button
              type="button"
              className="counter"
              aria-expanded={warningsOpen}
              aria-controls={warningsOpen ? 'map-warnings' : undefined}
              disabled={!warningCount}
              title={warningCount ? 'List the warnings, each with a link to its column' : 'No warnings'}
              onClick={() => setWarningsOpen(!warningsOpen)}
            >
              <strong>{warningCount}</strong> warning
              {warningCount === 1 ? '' : 's'}
              {pre?.blocked.length ? ` (${pre.blocked.length} reading${pre.blocked.length > 1 ? 's' : ''} to choose)` : ''}
            </button>
          </li>
        </ul>
        <fieldset className="segmented">
          <legend className="sr-only">View</legend>
          {VIEWS.map((v) => (
            <button key={v.id} type="button" aria-pressed={ui.view === v.id} className={ui.view === v.id ? 'on' : ''} onClick={() => ui.setView(v.id)}>
              {v.label}
            </button>
          ))}
        </fieldset>
        <fieldset className="filters">
          <legend>Show</legend>
          {FILTERS.map((f) => (
            <label key={f.id} className="inline">
              <input type="radio" name="filter" checked={ui.filter === f.id} onChange={() => ui.setFilter(f.id)} /> {f.label}
            </label>
          ))}
        </fieldset>
        <label className="inline">
          <input type="checkbox" checked={ui.showSystem} onChange={(e) => ui.setShowSystem(e.target.checked)} /> system fields
        </label>
        <button type="button" onClick={ui.fit} title="Close the groups that hold nothing mapped or suggested, and go back to the top of both lanes">
          Fit view
        </button>
        <SuggestAgain />
        {ui.view === 'graph' ? (
          <p className="edge-legend" aria-hidden="true">
            <span className="line set" /> in the mapping <span className="line pending" /> suggested, to review <span className="line warn" /> values do not fit
          </p>
        ) : null}
      </div>
      {warningsOpen && warningCount ? <WarningsList checks={checks} /> : null}
      {ui.filter === 'errors' && preview?.ok && preview.errors.length ? <ErrorsList errors={preview.errors} /> : null}
      {preview?.ok === false ? (
        <div className="notice error inline-notice" role="alert">
          <strong>The mapping cannot run on this file:</strong> {preview.problems.join(' · ')}
        </div>
      ) : null}
      {identities?.primaryUnmapped ? (
        <div className="notice warning inline-notice" role="status">
          <strong>The primary identity is not mapped:</strong> <code>{identities.primaryUnmapped.path}</code> (namespace {identities.primaryUnmapped.namespace}
          ).
        </div>
      ) : null}
      <div className="map-body">
        {ui.view === 'graph' ? <MapperGraph preview={preview} /> : <MappingTable preview={preview} />}
        <Inspector preview={preview} />
      </div>
    </div>
  );
}

/**
 * "Suggest again": offers the suggester's answer again for mapped columns where it differs,
 * keeping what the person rejected, and asking before it offers to replace a hand-made mapping.
 */
function SuggestAgain() {
  const mapping = useSession((s) => s.mapping);
  const decisions = useSession((s) => s.decisions);
  const act = useSession((s) => s.act);
  const notify = useSession((s) => s.notify);
  const suggestions = useSuggestions();
  const dialog = useRef<HTMLDialogElement>(null);
  const [ask, setAsk] = useState<{ others: string[]; manual: string[] } | null>(null);
  const run = () => {
    if (!mapping || !suggestions) return;
    const rejected = new Set(decisions.rejected);
    const manualSet = new Set(decisions.manual);
    const others: string[] = [];
    const manual: string[] = [];
    for (const s of suggestions) {
      if (!s.destination || rejected.has(suggestionKey(s.column, s.destination))) continue;
      const dests = mapping.mappings.filter((m) => m.sourceType === 'ATTRIBUTE' && m.source === s.column).map((m) => m.destination);
      if (!dests.length || dests.includes(s.destination) || decisions.reopened.includes(s.column)) continue;
      (manualSet.has(s.column) ? manual : others).push(s.column);
    }
    if (!others.length && !manual.length) {
      notify('edit', 'info', 'Suggest again: the suggestions agree with every mapped column (or were rejected); nothing new to review.');
      return;
    }
    if (!manual.length) {
      act({ kind: 'reopen', columns: others });
      return;
    }
    setAsk({ others, manual });
    requestAnimationFrame(() => dialog.current?.showModal());
  };
  const finish = (columns: string[] | null) => {
    dialog.current?.close();
    setAsk(null);
    if (columns?.length) act({ kind: 'reopen', columns });
  };
  return (
    <>
      <button type="button" onClick={run} title="Offer the suggestions again where they differ from the mapping; your decisions stay">
        Suggest again
      </button>
      <dialog ref={dialog} aria-labelledby="again-title" onClose={() => setAsk(null)}>
        {ask ? (
          <>
            <h2 id="again-title">Suggest again for columns you mapped yourself?</h2>
            <p>
              {ask.manual.length} column{ask.manual.length > 1 ? 's' : ''} you mapped by hand would get a different suggestion:{' '}
              {ask.manual.map((c) => `"${c}"`).join(', ')}. Suggestions only arrive for review; nothing changes until you accept one.
            </p>
            <div className="actions">
              <button type="button" className="primary" onClick={() => finish(ask.others)}>
                Keep my edits{ask.others.length ? ` (suggest for the other ${ask.others.length})` : ''}
              </button>
              <button type="button" onClick={() => finish([...ask.others, ...ask.manual])}>
                Suggest for them too
              </button>
              <button type="button" onClick={() => finish(null)}>
                Cancel
              </button>
            </div>
          </>
        ) : null}
      </dialog>
    </>
  );
}
