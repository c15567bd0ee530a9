import { useEffect, useRef, useState } from 'react';
import { GuardrailList } from './GuardrailList';
import { datasetOf, groupFolders, type OpenedFolder, schemaFor } from './openFolder';
import { ProfilePanel } from './ProfilePanel';
import './profiles.css';
import { useProfiles } from './store';

/** Folders whose schema is not known yet: the user picks the schema file. */
function PendingSchemas({ pending, done }: { pending: OpenedFolder[]; done: (f: OpenedFolder, text: string) => void }) {
  return (
    <>
      {pending.map((f) => (
        <p key={f.name} className="notice warning">
          <strong>{f.name}</strong>: its manifest names the schema {f.manifest.schema?.title ? `"${f.manifest.schema.title}"` : ''} (
          {f.manifest.schema?.path ?? 'no path'}), which is not here. Choose it:{' '}
          <input
            type="file"
            accept=".json,application/json"
            aria-label={`Schema for ${f.name}`}
            onChange={async (e) => e.target.files?.[0] && done(f, await e.target.files[0].text())}
          />
        </p>
      ))}
    </>
  );
}

function Datasets() {
  const datasets = useProfiles((s) => s.datasets);
  const { move, remove, add } = useProfiles.getState();
  const [pending, setPending] = useState<OpenedFolder[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const accept = (f: OpenedFolder, text: string) => {
    const d = datasetOf(f, text);
    if ('error' in d) setProblems((p) => [...p, d.error]);
    else {
      add(d);
      setPending((p) => p.filter((x) => x !== f));
    }
  };
  const open = async (input: HTMLInputElement) => {
    const files = input.files ? [...input.files] : [];
    // Cleared, so that picking the same folder again (after a new run) is seen.
    input.value = '';
    if (!files.length) return;
    const { folders, problems } = await groupFolders(files);
    setProblems(problems);
    const waiting: OpenedFolder[] = [];
    for (const f of folders) {
      const text = await schemaFor(f);
      if (text) accept(f, text);
      else waiting.push(f);
    }
    setPending(waiting);
  };
  const dirInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    dirInput.current?.setAttribute('webkitdirectory', '');
  }, []);
  return (
    <section className="card wide" aria-labelledby="pv-datasets">
      <h2 id="pv-datasets">Datasets, in ingestion order</h2>
      <p className="muted small">
        Each is a run's output (manifest.json and its batch files). The order is the order of ingestion: under timestamp order a later dataset wins; under
        dataset precedence the first wins.
      </p>
      {datasets.length ? (
        <ol className="pv-datasets">
          {datasets.map((d, i) => (
            <li key={d.name}>
              <strong>{d.name}</strong>{' '}
              <span className="muted">
                · {d.schemaTitle} · {d.records.toLocaleString('en-US')} records · identities:{' '}
                {[...d.spec.fields.map((f) => `${f.namespace}${f.primary ? ' (primary)' : ''}`), ...(d.spec.identityMap ? ['identityMap'] : [])].join(', ') ||
                  'none'}
              </span>
              <span className="pv-row-actions">
                <button type="button" onClick={() => move(d.name, -1)} disabled={i === 0} aria-label={`Move ${d.name} earlier`}>
                  ↑
                </button>
                <button type="button" onClick={() => move(d.name, 1)} disabled={i === datasets.length - 1} aria-label={`Move ${d.name} later`}>
                  ↓
                </button>
                <button type="button" onClick={() => remove(d.name)} aria-label={`Remove ${d.name}`}>
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p>No dataset yet: run a mapping (Finish, then "Profiles of this run"), or open the output folders of earlier runs.</p>
      )}
      <div className="actions">
        <label className="button">
          Open output folders…
          <input
            ref={dirInput}
            type="file"
            multiple
            className="sr-only"
            aria-label="Open output folders"
            onChange={(e) => void open(e.target).then(() => undefined)}
          />
        </label>
        <label className="button">
          Open output files…
          <input
            type="file"
            multiple
            accept=".json,.jsonl"
            className="sr-only"
            aria-label="Open output files"
            onChange={(e) => void open(e.target).then(() => undefined)}
          />
        </label>
      </div>
      <PendingSchemas pending={pending} done={accept} />
      {problems.map((p) => (
        <p key={p} className="notice error" role="alert">
          {p}
        </p>
      ))}
    </section>
  );
}

function Lookup() {
  const graph = useProfiles((s) => s.graph);
  const building = useProfiles((s) => s.building);
  const notFound = useProfiles((s) => s.notFound);
  const lookup = useProfiles((s) => s.lookup);
  const namespaces = graph?.builder.table.namespaceNames ?? [];
  const [ns, setNs] = useState('');
  const [value, setValue] = useState('');
  const namespace = namespaces.includes(ns) ? ns : (namespaces[0] ?? '');
  if (building)
    return (
      <p className="card wide" role="status">
        Building the identity graph…
      </p>
    );
  if (!graph) return null;
  const s = graph.summary;
  return (
    <section className="card wide" aria-labelledby="pv-lookup">
      <h2 id="pv-lookup">Identity graph</h2>
      <div className="pv-summary" aria-live="polite">
        <span>
          <strong>{s.profiles.toLocaleString('en-US')}</strong> profiles
        </span>
        <span>
          <strong>{s.linkedGraphs.toLocaleString('en-US')}</strong> linked graphs
        </span>
        <span>
          <strong>{s.unlinkedRecords.toLocaleString('en-US')}</strong> unlinked records
        </span>
        <span>
          <strong>{s.identities.toLocaleString('en-US')}</strong> identities in <strong>{s.records.toLocaleString('en-US')}</strong> records
        </span>
        <span>
          <strong>{s.skippedRecords.toLocaleString('en-US')}</strong> skipped
        </span>
      </div>
      <form
        className="pv-lookup"
        onSubmit={(e) => {
          e.preventDefault();
          if (namespace && value.trim()) void useProfiles.getState().find(namespace, value.trim());
        }}
      >
        <label>
          Identity namespace{' '}
          <select value={namespace} onChange={(e) => setNs(e.target.value)}>
            {namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Identity value <input value={value} onChange={(e) => setValue(e.target.value)} placeholder="5625458" spellCheck={false} />
        </label>
        <button type="submit" className="primary" disabled={!value.trim()}>
          View profile
        </button>
      </form>
      {notFound && lookup ? (
        <p className="notice warning" role="status">
          No record carries {lookup.namespace}:{lookup.id}.
        </p>
      ) : null}
    </section>
  );
}

/** The Profiles view: datasets, the identity graph's numbers, a profile lookup and the guardrails. */
export function ProfilesView() {
  const graph = useProfiles((s) => s.graph);
  const error = useProfiles((s) => s.error);
  return (
    <div className="profiles-view">
      <div className="row-between">
        <h2 className="pv-title">Profiles before ingestion</h2>
        <button type="button" onClick={() => useProfiles.getState().show(false)}>
          Back to the mapper
        </button>
      </div>
      <Datasets />
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      <Lookup />
      <ProfilePanel />
      {graph ? <GuardrailList report={graph.guardrails} /> : null}
    </div>
  );
}
