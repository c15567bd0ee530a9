import { useState } from 'react';
import { ENCODING_LABELS } from '../../core/csv/encoding';
import { toAepMappingSet } from '../../core/mapping/aep';
import { toAepTemplate } from '../../core/mapping/aepTemplate';
import { serializeMapping } from '../../core/mapping/document';
import { destinationType } from '../../core/mapping/entryReadings';
import type { RowError } from '../../core/types';
import { download } from '../download';
import { formatSize } from '../format';
import { RunProfilesButton } from '../profiles/RunProfilesButton';
import { SAMPLE_SCHEMAS } from '../samples';
import { useRun } from '../store/run';
import { useSession } from '../store/session';
import { MAX_ERRORS, usePreflight } from '../usePreflight';
import type { RunDone } from '../worker/protocol';
import { unmappedRequired } from './blockers';
import { ErrorTable } from './tables';

const slug = (s: string) =>
  s
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase() || 'mapping';

/** A file name as a shell word: quoted when it holds anything but safe characters. */
const shellWord = (s: string) => (/^[\w./@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The schema as a file the command line can read: a sample's path in the repository, else the name it was opened under. */
const schemaFile = (name: string) => {
  const sample = SAMPLE_SCHEMAS.find((x) => x.label === name);
  return sample ? `public${sample.url}` : name;
};

/** Step 5: the mapping to keep, and the whole file run through a worker into batch files. */
export function FinishStep() {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const goto = useSession((s) => s.goto);
  const run = useRun();
  const pre = usePreflight();
  if (!schema || !source || !mapping) return <p className="card">Choose a schema, a CSV file and a mapping first.</p>;
  const blockers = unmappedRequired(schema.tree, mapping);
  const name = slug(mapping.name || source.name.replace(/\.[^.]+$/, ''));
  const p = run.progress;
  const pct = p?.totalBytes ? Math.min(100, (100 * p.bytesRead) / p.totalBytes) : 0;
  const secs = run.status === 'running' ? (performance.now() - run.startedAt) / 1000 : 0;

  const start = () => {
    if (!source.file) return;
    run.start({
      file: source.file,
      fileName: source.name,
      schemaName: schema.name,
      schemaText: schema.text,
      mappingName: `${name}.mapping.json`,
      mappingText: serializeMapping(mapping),
      sniffed: source.sniffed,
    });
  };
  return (
    <div className="step-grid">
      <section className="card" aria-labelledby="keep-title">
        <h2 id="keep-title">Keep the mapping</h2>
        <p className="muted">
          Commit it next to your data pipeline; the CLI and this app read every one of these formats. AEP's mapping screen uploads the template (Import
          mappings, Upload template).
        </p>
        <div className="actions column">
          <button type="button" onClick={() => download(`${name}.mapping.json`, serializeMapping(mapping), 'application/json')}>
            Download mapping (xdm-mapper)
          </button>
          <button
            type="button"
            onClick={() =>
              download(
                `${name}.aep-mapping-set.json`,
                `${JSON.stringify(
                  toAepMappingSet(mapping, (d) => destinationType(schema.tree, d)),
                  null,
                  2,
                )}\n`,
                'application/json',
              )
            }
          >
            Download as AEP mapping set
          </button>
          <button
            type="button"
            onClick={() =>
              download(
                `${name}.aep-template.csv`,
                toAepTemplate(mapping, (d) => destinationType(schema.tree, d)),
                'text/csv',
              )
            }
          >
            Download as AEP mapping template (CSV)
          </button>
        </div>
        <p className="muted small">
          Same run on the command line:{' '}
          <code className="command-line">
            {/* Each word kept whole: the browser would otherwise break a file name at its hyphens. */}
            {[
              'npx',
              'xdm-mapper',
              'apply',
              '--mapping',
              `${name}.mapping.json`,
              '--schema',
              shellWord(schemaFile(schema.name)),
              shellWord(source.name),
              '--out',
              'out/',
            ].map((word, i) => (
              <span key={i}>
                {i > 0 && ' '}
                <span className="word">{word}</span>
              </span>
            ))}
          </code>
        </p>
      </section>
      <section className="card" aria-labelledby="run-title">
        <h2 id="run-title">Map the whole file</h2>
        <p>
          {source.name} · {formatSize(source.size)} · {ENCODING_LABELS[source.sniffed.encoding]}
        </p>
        {blockers.length ? (
          <div className="notice error" role="alert">
            Required fields are not mapped:{' '}
            {blockers.map((b) => (
              <code key={b}>{b} </code>
            ))}
            <button type="button" className="link" onClick={() => goto('preview')}>
              See the preview
            </button>
          </div>
        ) : null}
        {!source.file ? (
          <p className="notice warning">After a reload only the start of the file is kept: choose the file again in the Source step to run all of it.</p>
        ) : null}
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={blockers.length > 0 || !!pre?.blocked.length || !source.file || run.status === 'running'}
            onClick={start}
          >
            {run.status === 'done' ? 'Run again' : 'Run and create batch files'}
          </button>
          {run.status === 'running' ? (
            <button type="button" onClick={run.cancel}>
              Cancel
            </button>
          ) : null}
        </div>
        {run.status === 'running' && p ? (
          <div className="progress-block">
            <progress max={100} value={pct} aria-label="Progress of the run" />
            <p role="status" aria-live="polite">
              {pct.toFixed(0)} % · {formatSize(p.bytesRead)} of {formatSize(p.totalBytes)} · {p.rows.toLocaleString('en-US')} rows (
              {p.written.toLocaleString('en-US')} written, {p.rejected.toLocaleString('en-US')} rejected)
              {secs > 1 ? ` · ${(p.bytesRead / 1024 / 1024 / secs).toFixed(1)} MB/s` : ''}
            </p>
          </div>
        ) : null}
        {run.message ? (
          <p className={`notice ${run.status === 'failed' ? 'error' : 'info'}`} role={run.status === 'failed' ? 'alert' : 'status'}>
            {run.message}
          </p>
        ) : null}
      </section>
      {run.status === 'done' && run.result ? <Summary r={run.result} /> : null}
    </div>
  );
}

const rejectedShare = (rejected: number, input: number) => (100 * rejected) / input;
/** A share in percent as people read it: 0.02, 3.1, 12. */
const formatShare = (p: number) => (p === 0 ? '0' : p < 1 ? p.toFixed(2) : p < 10 ? p.toFixed(1) : p.toFixed(0));

function Summary({ r }: { r: RunDone }) {
  const [shown, setShown] = useState<{ label: string; examples: RowError[] } | null>(null);
  const { input, written, rejected } = r.counts;
  const w = input ? (100 * written) / input : 0;
  const byColumn = Object.entries(r.errorsByColumn).sort((a, b) => b[1] - a[1]);
  const byCode = Object.entries(r.errorsByCode).sort((a, b) => b[1] - a[1]);
  const max = Math.max(1, ...byColumn.map((x) => x[1]), ...byCode.map((x) => x[1]));
  const bars = (title: string, list: [string, number][], pick: (k: string) => (e: RowError) => boolean) => (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      {list.length === 0 ? <p className="muted">none</p> : null}
      <ul className="hbars">
        {list.slice(0, 12).map(([k, n]) => (
          <li key={k}>
            <button
              type="button"
              className="link"
              onClick={() => setShown({ label: `${title}: ${k}`, examples: r.examples.filter(pick(k)) })}
              aria-label={`Example rows for ${k}`}
            >
              {k || '(whole row)'}
            </button>
            <span className="hbar" style={{ width: `${Math.max(2, (100 * n) / max)}%` }} />
            <span className="num">{n.toLocaleString('en-US')}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
  return (
    <section className="card wide" aria-labelledby="summary-title">
      <h2 id="summary-title">
        Run summary <span className="muted">({r.seconds.toFixed(1)} s)</span>
      </h2>
      <div className="stacked" role="img" aria-label={`${written} rows written, ${rejected} rejected, of ${input}`}>
        <span className="written" style={{ width: `${w}%` }} />
        <span className="rejected" style={{ width: `${100 - w}%`, minWidth: rejected ? 4 : 0 }} />
      </div>
      <p className="summary-line">
        <span>
          <span className="key written" /> <strong>{written.toLocaleString('en-US')}</strong> rows written
        </span>
        <span>
          <span className="key rejected" /> <strong>{rejected.toLocaleString('en-US')}</strong> rejected
        </span>
        <span>
          of <strong>{input.toLocaleString('en-US')}</strong> rows · {r.counts.fieldErrors.toLocaleString('en-US')} field errors in written rows
        </span>
        {input ? (
          <span className={rejectedShare(rejected, input) > MAX_ERRORS ? 'warn' : 'muted'}>
            {formatShare(rejectedShare(rejected, input))} % rejected: {rejectedShare(rejected, input) > MAX_ERRORS ? 'more than' : 'within'} AEP's {MAX_ERRORS}{' '}
            % partial-ingestion threshold
          </span>
        ) : null}
      </p>
      <div className="downloads actions">
        {r.files.map((f) => (
          <button key={f.path} type="button" className="primary" onClick={() => download(f.path, f.blob, 'application/x-ndjson')}>
            Download {f.path} ({f.records.toLocaleString('en-US')} records, {formatSize(f.bytes)})
          </button>
        ))}
        {r.errorsFile ? (
          <button
            type="button"
            disabled={r.errorsFile.bytes === 0}
            title={r.errorsFile.bytes === 0 ? 'No row was rejected and no field left out: the file is empty' : undefined}
            onClick={() => r.errorsFile && download('errors.jsonl', r.errorsFile.blob, 'application/x-ndjson')}
          >
            Download errors.jsonl ({formatSize(r.errorsFile.bytes)})
          </button>
        ) : null}
        <RunProfilesButton run={r} />
        {r.manifest ? (
          <button type="button" onClick={() => download('manifest.json', `${JSON.stringify(r.manifest, null, 2)}\n`, 'application/json')}>
            Download manifest.json
          </button>
        ) : null}
      </div>
      <div className="charts">
        {bars('Errors by column', byColumn, (k) => (e) => (e.column ?? '') === k)}
        {bars('Errors by code', byCode, (k) => (e) => e.code === k)}
      </div>
      {shown ? (
        <section className="examples" aria-label="Example rows">
          <h3>
            {shown.label} <span className="muted">(first examples)</span>
          </h3>
          <ErrorTable label="Example errors" errors={shown.examples} />
        </section>
      ) : null}
    </section>
  );
}
