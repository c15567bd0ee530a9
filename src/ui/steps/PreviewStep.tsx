import { useMemo, useState } from 'react';
import type { RowError } from '../../core/types';
import { download } from '../download';
import { useSession } from '../store/session';
import { useUi } from '../store/ui';
import { usePending } from '../store/useDerived';
import { usePreflight } from '../usePreflight';
import type { Preview } from '../usePreview';
import { unmappedRequired } from './blockers';
import { PreflightSummary } from './PreflightSummary';
import { ErrorTable, ScrollRegion, SourceRowsTable } from './tables';

type View = 'json' | 'table' | 'source';

/** Leaf paths of a nested record, in first-seen order: `a.b`, `list[0].c`. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) flatten(v, `${prefix}[${i}]`, out);
  } else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  else out.set(prefix, value);
}

/** Errors of the same code on the same column and field, counted: the shape of the problem at a glance. */
function groups(errors: readonly RowError[]): [string, number][] {
  const m = new Map<string, number>();
  for (const e of errors) {
    const key = `${e.code}${e.column ? ` in column ${e.column}` : ''}${e.destination ? ` → ${e.destination.replace(/\[\d+\]/g, '[]')}` : ''}${e.rejected ? ' (row rejected)' : ''}`;
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return [...m].sort((a, b) => b[1] - a[1]);
}

/** Errors as CSV, columns as in errors.jsonl; every cell quoted, inner quotes doubled. */
function errorsCsv(errors: readonly RowError[]): string {
  const cols = ['row', 'line', 'column', 'value', 'destination', 'code', 'message', 'rejected'] as const;
  const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  return `${[cols.join(','), ...errors.map((e) => cols.map((c) => cell(e[c])).join(','))].join('\r\n')}\r\n`;
}

const cellId = (row: number, column: string) => `src-${row}-${column.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** Step 4: the first records as they will land, errors pointing at the cells they came from. */
export function PreviewStep({ preview }: { preview: Preview }) {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const goto = useSession((s) => s.goto);
  const select = useUi((s) => s.select);
  const pre = usePreflight();
  const [view, setView] = useState<View>('json');
  const [focus, setFocus] = useState<string | null>(null);
  const pending = usePending();
  const flat = useMemo(() => {
    if (!preview?.ok) return null;
    const rows = preview.rows.map((r) => {
      const m = new Map<string, unknown>();
      if (r.record) flatten(r.record, '', m);
      return m;
    });
    const cols: string[] = [];
    const seen = new Set<string>();
    for (const m of rows) for (const k of m.keys()) if (!seen.has(k)) seen.add(k) && cols.push(k);
    return { rows, cols };
  }, [preview]);
  if (!schema || !source || !mapping || !preview) return <p className="card">Choose a schema, a CSV file and a mapping first.</p>;
  const blockers = unmappedRequired(schema.tree, mapping);
  const header = source.sample.header?.columns ?? [];

  const showCell = (e: RowError) => {
    if (!e.column) return;
    setView('source');
    const id = cellId(e.row, e.column);
    setFocus(id);
    requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView({ block: 'center', inline: 'center' }));
  };
  const blockersCard = blockers.length ? (
    <section className="card notice error" aria-labelledby="blockers-title">
      <h2 id="blockers-title">
        Finish is blocked: {blockers.length} required field{blockers.length > 1 ? 's are' : ' is'} not mapped
      </h2>
      <p>AEP rejects every record that lacks a required field. Map these, or add a constant:</p>
      <ul className="plain">
        {blockers.map((p) => (
          <li key={p}>
            <code>{p}</code>{' '}
            <button
              type="button"
              className="link"
              onClick={() => {
                select({ kind: 'field', path: p });
                goto('map');
              }}
            >
              Map it
            </button>
          </li>
        ))}
      </ul>
    </section>
  ) : null;

  if (!preview.ok)
    return (
      <div className="preview-step">
        {blockersCard}
        <section className="card notice error" role="alert">
          <h2>The mapping cannot run on this file</h2>
          <ul>
            {preview.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <button type="button" onClick={() => goto('map')}>
            Back to the mapper
          </button>
        </section>
      </div>
    );
  const written = preview.rows.filter((r) => r.record).length;
  const byRow = new Map<number, RowError[]>();
  for (const e of preview.errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  const sampleRows = source.sample.rows.slice(0, 100);
  return (
    <div className="preview-step">
      {blockersCard}
      {pending.length ? (
        <p className="card notice info">
          {pending.length} suggestion{pending.length > 1 ? 's are' : ' is'} still waiting for review in the Map step and {pending.length > 1 ? 'are' : 'is'} not
          in this preview.{' '}
          <button type="button" className="link" onClick={() => goto('map')}>
            Review them
          </button>
        </p>
      ) : null}
      <PreflightSummary />
      <section className="card" aria-labelledby="preview-title">
        <div className="row-between">
          <h2 id="preview-title">
            Preview: {Math.min(100, preview.rows.length)} records from the first rows{' '}
            <span className="muted">
              ({written} of {preview.rows.length} rows become records · {preview.errors.length} errors)
            </span>
          </h2>
          <button
            type="button"
            className="primary"
            disabled={blockers.length > 0 || !!pre?.blocked.length}
            onClick={() => goto('finish')}
            title={blockers.length ? 'Map the required fields listed above first' : pre?.blocked.length ? 'Choose the readings listed above first' : undefined}
          >
            Next: finish
          </button>
        </div>
        <div className="tabs" role="tablist" aria-label="Preview view">
          {(
            [
              ['json', 'Records as JSON'],
              ['table', 'Records as a table'],
              ['source', 'Source rows and errors'],
            ] as const
          ).map(([id, label]) => (
            <button key={id} type="button" role="tab" aria-selected={view === id} className={view === id ? 'tab on' : 'tab'} onClick={() => setView(id)}>
              {label}
            </button>
          ))}
        </div>
        {view === 'json' ? (
          <ScrollRegion className="tall" label="Records as JSON (scrolls)">
            <ol className="records" aria-label="First records">
              {preview.rows.slice(0, 100).map((r) => (
                <li key={r.row} className={r.record ? '' : 'rejected'}>
                  <span className="muted">
                    row {r.row} · line {r.line}
                    {r.errors.length ? ` · ${r.errors.length} error${r.errors.length > 1 ? 's' : ''}` : ''}
                  </span>
                  <pre>{r.record ? JSON.stringify(r.record, null, 2) : `✕ rejected: ${r.errors.find((e) => e.rejected)?.message ?? ''}`}</pre>
                </li>
              ))}
            </ol>
          </ScrollRegion>
        ) : null}
        {view === 'table' && flat ? (
          <ScrollRegion className="tall" label="Records as a table (scrolls)">
            <table className="grid" aria-label="Records as a table">
              <thead>
                <tr>
                  <th scope="col">row</th>
                  {flat.cols.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.slice(0, 100).map((r, i) => (
                  <tr key={r.row}>
                    <td className="muted">{r.row}</td>
                    {r.record ? (
                      flat.cols.map((c) => <td key={c}>{flat.rows[i]?.has(c) ? JSON.stringify(flat.rows[i]?.get(c)) : ''}</td>)
                    ) : (
                      <td colSpan={flat.cols.length}>✕ rejected</td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : null}
        {view === 'source' ? (
          <ScrollRegion className="tall" label="Source rows (scrolls)">
            <SourceRowsTable
              label="Source rows"
              header={header}
              rows={sampleRows}
              mark={(row, col) => {
                const err = byRow.get(row)?.find((e) => e.column === col);
                const id = cellId(row, col);
                return {
                  id,
                  className: `${err ? 'cell-error' : ''}${focus === id ? ' focus' : ''}`,
                  title: err ? `${err.code}: ${err.message}` : undefined,
                  prefix: err ? '⚠ ' : undefined,
                };
              }}
            />
          </ScrollRegion>
        ) : null}
      </section>
      <section className="card" aria-labelledby="errors-title">
        <div className="row-between">
          <h2 id="errors-title">Errors in the previewed rows ({preview.errors.length})</h2>
          {preview.errors.length ? (
            <div className="actions">
              <button
                type="button"
                onClick={() => download('preview-errors.jsonl', `${preview.errors.map((e) => JSON.stringify(e)).join('\n')}\n`, 'application/x-ndjson')}
              >
                Download as JSON Lines
              </button>
              <button type="button" onClick={() => download('preview-errors.csv', errorsCsv(preview.errors), 'text/csv')}>
                Download as CSV
              </button>
            </div>
          ) : null}
        </div>
        {preview.errors.length === 0 ? (
          <p>None: every previewed row converts and validates.</p>
        ) : (
          <>
            <ul className="plain error-groups" aria-label="Errors by kind">
              {groups(preview.errors).map(([key, n]) => (
                <li key={key}>
                  <strong>{n}</strong> × {key}
                </li>
              ))}
            </ul>
            <ScrollRegion className="tall" label="Errors (scrolls)">
              <ErrorTable label="Errors" errors={preview.errors.slice(0, 200)} onColumn={showCell} />
            </ScrollRegion>
          </>
        )}
      </section>
    </div>
  );
}
