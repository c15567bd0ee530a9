import { useMemo } from 'react';
import type { AttributeView, Source } from '../../core/identity/profileView';
import { policyDifferences, profileView } from '../../core/identity/profileView';
import { IdentityGraphView, records } from './IdentityGraphView';
import { type PolicyKind, policyOf, useProfiles } from './store';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const src = (s: Source) => `${s.dataset} #${s.record}`;
const POLICY_LABEL: Record<PolicyKind, string> = {
  timestamp: 'Timestamp ordered (later ingestion wins)',
  'dataset-precedence': 'Dataset precedence (the order above: first wins)',
};

const BEAT_SHOWN = 3;

/** The values an attribute's winner beat: the first few, the rest behind a disclosure. */
function Beaten({ beat }: { beat: AttributeView['beat'] }) {
  const item = (b: AttributeView['beat'][number]) => (
    <span key={src(b.from)} className="pv-beat" title={`${b.from.file} line ${b.from.line}`}>
      <s>{show(b.value)}</s> ({src(b.from)})
    </span>
  );
  if (beat.length <= BEAT_SHOWN + 1) return <>{beat.map(item)}</>;
  return (
    <>
      {beat.slice(0, BEAT_SHOWN).map(item)}
      <details className="pv-more">
        <summary>{beat.length - BEAT_SHOWN} more</summary>
        {beat.slice(BEAT_SHOWN).map(item)}
      </details>
    </>
  );
}

/** One looked-up profile as AEP's profile viewer shows it, under the chosen merge policy. */
export function ProfilePanel() {
  const fragments = useProfiles((s) => s.fragments);
  const lookup = useProfiles((s) => s.lookup);
  const datasets = useProfiles((s) => s.datasets);
  const policy = useProfiles((s) => s.policy);
  const setPolicy = useProfiles((s) => s.setPolicy);
  const names = useMemo(() => datasets.map((d) => d.name), [datasets]);
  const view = useMemo(() => (fragments ? profileView(names, fragments, policyOf(policy, datasets)) : null), [fragments, names, policy, datasets]);
  const other: PolicyKind = policy === 'timestamp' ? 'dataset-precedence' : 'timestamp';
  const changes = useMemo(
    () => (fragments ? policyDifferences(names, fragments, policyOf(policy, datasets), policyOf(other, datasets)) : []),
    [fragments, names, policy, other, datasets],
  );
  if (!view || !lookup) return null;
  const focus = `${lookup.namespace}:${lookup.id}`;
  return (
    <section className="card wide" aria-labelledby="pv-profile">
      <div className="row-between">
        <h2 id="pv-profile">
          Profile of <span className="pv-mono">{focus}</span>{' '}
          <span className="muted">
            ({view.identities.length} identities, {view.fragments.length} fragments)
          </span>
        </h2>
        <fieldset className="pv-policy">
          <legend>Merge policy</legend>
          {(['timestamp', 'dataset-precedence'] as const).map((p) => (
            <label key={p}>
              <input type="radio" name="pv-policy" value={p} checked={policy === p} onChange={() => setPolicy(p)} /> {POLICY_LABEL[p]}
            </label>
          ))}
        </fieldset>
      </div>
      {view.identities.length > 50 ? (
        <p className="notice warning">
          This graph holds {view.identities.length} identities, over AEP's limit of 50: Identity Service would delete the {view.identities.length - 50} oldest,
          and a shared value here may be merging different people (see the guardrails below).
        </p>
      ) : null}
      <div className="pv-changes" role="status" aria-label="What the other merge policy changes">
        {changes.length ? (
          <>
            <strong>Under {POLICY_LABEL[other].toLowerCase()} instead:</strong>
            <ul>
              {changes.map((c) => (
                <li key={c.path}>
                  <span className="pv-mono">{c.path}</span> would be <strong>{show(c.b.value)}</strong> ({src(c.b.from)}) instead of {show(c.a.value)} (
                  {src(c.a.from)})
                </li>
              ))}
            </ul>
          </>
        ) : (
          <span className="muted">The other merge policy would give the same profile.</span>
        )}
      </div>
      <div className="pv-body">
        <IdentityGraphView view={view} focus={focus} />
        <div className="pv-side">
          <h3>Identities</h3>
          <table className="plain pv-identities" aria-label="Identities">
            <thead>
              <tr>
                <th scope="col">namespace</th>
                <th scope="col">value</th>
                <th scope="col">from</th>
              </tr>
            </thead>
            <tbody>
              {view.identities.map((i) => (
                <tr key={`${i.namespace}:${i.id}`}>
                  <td>{i.namespace}</td>
                  <td className="pv-mono">{i.id}</td>
                  <td>
                    {i.from.length > 3 ? (
                      records(i.from)
                    ) : (
                      <ul className="pv-from">
                        {i.from.map((f) => (
                          <li key={src(f)}>
                            {src(f)}
                            {f.primary ? ' (primary)' : ''}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <h3>Merged attributes</h3>
      <table className="plain pv-attributes" aria-label="Merged attributes">
        <thead>
          <tr>
            <th>attribute</th>
            <th>value</th>
            <th>won by</th>
            <th>beat</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(view.attributes).map(([path, a]) => (
            <tr key={path} className={changes.some((c) => c.path === path) ? 'pv-changed' : undefined}>
              <td className="pv-mono">{path}</td>
              <td>
                <strong>{show(a.value)}</strong>
              </td>
              <td>
                <span className="pv-winner" title={`${a.from.file} line ${a.from.line}`}>
                  ★ {src(a.from)}
                </span>
              </td>
              <td>
                <Beaten beat={a.beat} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>Merged record (JSON)</summary>
        <pre className="pv-json">{JSON.stringify(view.profile, null, 2)}</pre>
      </details>
    </section>
  );
}
