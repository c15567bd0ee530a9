import { useState } from 'react';
import { type CsvEncoding, ENCODING_LABELS } from '../../core/csv/encoding';
import type { ColumnProfile } from '../../core/csv/profile';
import { DELIMITER_LABELS, DELIMITERS, type Delimiter } from '../../core/csv/sniff';
import { formatSize } from '../format';
import { useSession } from '../store/session';
import { useReconciliation } from '../store/useDerived';
import { DropZone } from './DropZone';
import { ScrollRegion, SourceRowsTable } from './tables';

/** Step 2: the CSV file as read (dialect changeable), its first rows and a profile per column; a saved mapping to reuse. */
export function SourceStep() {
  const source = useSession((s) => s.source);
  const setSource = useSession((s) => s.setSource);
  const setMappingText = useSession((s) => s.setMappingText);
  const goto = useSession((s) => s.goto);
  const [paste, setPaste] = useState('');
  return (
    <div className="step-grid">
      <section className="card" aria-labelledby="pick-csv">
        <h2 id="pick-csv">The CSV file</h2>
        <DropZone
          label="Drop a CSV file or click to choose (only its first 2 MB are read now)"
          accept=".csv,.tsv,.txt,text/csv"
          onFile={(f) => setSource(f.name, f)}
          testId="csv-file"
        />
        <details>
          <summary>Or paste CSV text</summary>
          <textarea
            aria-label="CSV text"
            rows={5}
            value={paste}
            onChange={(e) => setPaste(e.target.value)}
            placeholder={'id,first_name,email\n1,Ada,ada@example.com'}
          />
          <button type="button" disabled={!paste.trim()} onClick={() => setSource('pasted.csv', new Blob([paste], { type: 'text/csv' }))}>
            Use this text
          </button>
        </details>
      </section>
      <section className="card" aria-labelledby="reuse">
        <h2 id="reuse">Reuse a saved mapping</h2>
        <p className="muted">
          An xdm-mapper mapping, an AEP mapping set or AEP's mapping template (.csv); columns that disappeared, appeared or look renamed are reported with
          repairs.
        </p>
        <DropZone
          label="Drop a mapping (.json or template .csv) or click to choose"
          accept=".json,application/json,.csv,text/csv"
          onFile={async (f) => setMappingText(f.name, await f.text())}
          testId="mapping-file"
        />
      </section>
      <Reconciliation />
      {source ? <SourceDetails /> : null}
      {source ? (
        <div className="wide">
          <button type="button" className="primary" onClick={() => goto('map')}>
            Next: map the columns
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The file as read: dialect (changeable), warnings, first rows, column profiles. */
function SourceDetails() {
  const source = useSession((s) => s.source);
  const setOverrides = useSession((s) => s.setOverrides);
  if (!source) return null;
  const { sniffed, sample, profiles } = source;
  const columns = sample.header?.columns ?? [];
  const warnings = [...sniffed.warnings, ...(sample.header?.warnings ?? [])];
  return (
    <section className="card wide" aria-labelledby="source-title">
      <h2 id="source-title">
        Source: {source.name} <span className="muted">({formatSize(source.size)})</span>
      </h2>
      {!source.file ? (
        <p className="notice warning">Only the first part of this file was kept after the page reloaded: choose the file again to run all of it.</p>
      ) : null}
      <div className="dialect">
        <label className="inline">
          <span>Encoding</span>
          <select aria-label="Encoding" value={sniffed.encoding} onChange={(e) => setOverrides({ encoding: e.target.value as CsvEncoding })}>
            {Object.entries(ENCODING_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span>Delimiter</span>
          <select aria-label="Delimiter" value={sniffed.delimiter} onChange={(e) => setOverrides({ delimiter: e.target.value as Delimiter })}>
            {DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {DELIMITER_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          <span>Header on line</span>
          <input
            aria-label="Header line"
            type="number"
            min={1}
            value={sniffed.skipLines + 1}
            onChange={(e) => setOverrides({ skipLines: Math.max(0, Number(e.target.value) - 1) })}
          />
        </label>
        <span className="muted">
          {columns.length} columns · {sample.rows.length}
          {sample.complete ? '' : '+'} rows {sample.complete ? 'in the file' : 'sampled'}
        </span>
      </div>
      {warnings.map((w) => (
        <p key={w} className="notice warning" role="status">
          <strong>Warning:</strong> {w}
        </p>
      ))}
      <ScrollRegion label="First rows of the file">
        <SourceRowsTable label="First rows" header={columns} rows={sample.rows.slice(0, 8)} />
      </ScrollRegion>
      <h3>Column profiles</h3>
      <div className="profiles">
        {profiles.map((p) => (
          <ProfileCard key={p.name} p={p} />
        ))}
      </div>
    </section>
  );
}

function ProfileCard({ p }: { p: ColumnProfile }) {
  const max = p.top[0]?.count ?? 1;
  return (
    <figure className="profile" aria-label={`Profile of ${p.name}`}>
      <figcaption>
        <strong>{p.name}</strong> <span className="kind">{p.kind}</span>
      </figcaption>
      {p.dateFormat ? <div className="muted date-pattern">{p.dateFormat}</div> : null}
      <div className="muted">
        {Math.round(p.fillRate * 100)}% filled · {p.distinct} distinct
      </div>
      <ul className="bars" aria-label={`Most frequent values of ${p.name}`}>
        {p.top.slice(0, 4).map((t) => (
          <li key={t.value} title={`${t.value}: ${t.count}`}>
            <span className="bar" style={{ width: `${Math.max(4, (60 * t.count) / max)}px` }} />
            <span className="bar-label">{t.value}</span> <span className="muted">{t.count}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** The mapping against this file: what changed, and one-click repairs for renamed columns. */
function Reconciliation() {
  const rec = useReconciliation();
  const act = useSession((s) => s.act);
  const mapping = useSession((s) => s.mapping);
  const origin = useSession((s) => s.mappingOrigin);
  const header = useSession((s) => s.source?.sample.header?.columns);
  if (!rec || !mapping || !header) return null;
  if (rec.sameHeader || (!rec.missing.length && !rec.added.length))
    return origin === 'loaded' ? <p className="card wide notice info">The saved mapping "{mapping.name}" was made for exactly these columns.</p> : null;
  if (origin !== 'loaded' && !rec.missing.length) return null;
  const repair = (renames: { from: string; to: string }[]) => act({ kind: 'rename', renames, header });
  return (
    <section className="card wide" aria-labelledby="rec-title">
      <h2 id="rec-title">The mapping and this file</h2>
      {rec.missing.length ? (
        <p>
          <strong>Columns the mapping reads but the file lacks:</strong> {rec.missing.map((c) => `"${c}"`).join(', ')}
        </p>
      ) : null}
      {rec.added.length ? (
        <p>
          <strong>New columns in the file:</strong> {rec.added.map((c) => `"${c}"`).join(', ')}
        </p>
      ) : null}
      {rec.renamed.length ? (
        <>
          <p>These look renamed:</p>
          <ul className="plain">
            {rec.renamed.map((r) => (
              <li key={r.from}>
                "{r.from}" → "{r.to}" <span className="muted">({r.score >= 0.8 ? 'the names share their words' : 'the names partly match'})</span>{' '}
                <button type="button" onClick={() => repair([r])}>
                  Read "{r.to}" instead
                </button>
              </li>
            ))}
          </ul>
          {rec.renamed.length > 1 ? (
            <button type="button" className="primary" onClick={() => repair(rec.renamed)}>
              Apply all {rec.renamed.length} repairs
            </button>
          ) : null}
        </>
      ) : rec.missing.length ? (
        <p className="muted">No renamed column found: map the missing ones by hand in the Map step.</p>
      ) : null}
    </section>
  );
}
