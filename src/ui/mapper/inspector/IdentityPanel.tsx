import { useMemo } from 'react';
import { useSession } from '../../store/session';
import { useUi } from '../../store/ui';
import { identityReport } from '../identities';
import { MiddleText } from '../MiddleText';

/** Which columns feed which identity (namespace, primary), and a warning when the primary one is unmapped. */
export function IdentityPanel() {
  const schema = useSession((s) => s.schema);
  const mapping = useSession((s) => s.mapping);
  const select = useUi((s) => s.select);
  const report = useMemo(() => (schema && mapping ? identityReport(schema.tree, mapping) : null), [schema, mapping]);
  if (!report || (!report.feeds.length && !report.primaryUnmapped)) return null;
  return (
    <section className="identities" aria-labelledby="identities-title">
      <h3 id="identities-title">Identities</h3>
      {report.primaryUnmapped ? (
        <p className="notice warning" role="status">
          <strong>The primary identity is not mapped:</strong> <code>{report.primaryUnmapped.path}</code> ({report.primaryUnmapped.namespace}). AEP's Profile
          needs it on every record.{' '}
          <button type="button" className="link" onClick={() => select({ kind: 'field', path: report.primaryUnmapped!.path })}>
            Map it
          </button>
        </p>
      ) : null}
      <ul className="plain identity-list">
        {report.feeds.map((f) => (
          <li key={`${f.via}:${f.destination}:${f.namespace}`}>
            <span className="tag id">
              {f.namespace}
              {f.primary ? ' · primary' : ''}
            </span>{' '}
            <span className="identity-feed">
              {f.from.length ? (
                <span className="identity-from" title={f.from.join(', ')}>
                  {f.from.join(', ')} →
                </span>
              ) : (
                <em>not mapped →</em>
              )}{' '}
              <MiddleText text={f.destination} className="code" />
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
