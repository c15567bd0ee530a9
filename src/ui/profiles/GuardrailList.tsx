import type { GuardrailReport } from '../../core/identity/guardrails.types';

/** The guardrail report: every check with its count, what AEP does, and the first examples. */
export function GuardrailList({ report }: { report: GuardrailReport }) {
  return (
    <section className="card wide" aria-labelledby="pv-guardrails">
      <h2 id="pv-guardrails">Identity guardrails</h2>
      <p className="muted small">AEP Identity Service's documented limits, checked on every record before anything is ingested.</p>
      <ul className="pv-checks">
        {report.checks.map((c) => (
          <li key={c.code} className={c.count ? 'pv-bad' : 'pv-ok'}>
            <details open={c.count > 0}>
              <summary>
                <span className="pv-mark" aria-hidden="true">
                  {c.count ? '!' : '✓'}
                </span>
                <strong>{c.title}</strong>: {c.count.toLocaleString('en-US')} {c.unit}
                {c.count ? <span className="muted"> · {c.effect}</span> : null}
              </summary>
              {c.examples.length ? (
                <table className="plain pv-examples">
                  <thead>
                    <tr>
                      <th>where</th>
                      <th>identity</th>
                      <th>what</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.examples.map((e, k) => (
                      <tr key={`${c.code}-${k}`}>
                        <td>{e.at ? `${e.at.file} line ${e.at.line}` : '—'}</td>
                        <td className="pv-mono">{e.namespace ? `${e.namespace}:${e.id ?? ''}` : '—'}</td>
                        <td>
                          {e.code ? <span className="badge">{e.code}</span> : null} {e.detail}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
