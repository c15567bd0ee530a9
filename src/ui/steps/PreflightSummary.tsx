import { describePreflight } from '../../core/batch/preflight';
import { useSession } from '../store/session';
import { useUi } from '../store/ui';
import { usePreflight } from '../usePreflight';

/**
 * The pre-flight as the Preview shows it: readings still to choose (they block Finish), columns
 * that do not fit their field, and how many rows of the file's start would be rejected against
 * the limit AEP applies (the same lines `apply --check` prints).
 */
export function PreflightSummary() {
  const pre = usePreflight();
  const goto = useSession((s) => s.goto);
  const select = useUi((s) => s.select);
  if (!pre) return null;
  const lines = describePreflight(pre);
  const verdict = lines.at(-1)!;
  const show = (column: string) => {
    select({ kind: 'column', name: column });
    goto('map');
  };
  return (
    <section className={`card preflight${pre.blocked.length || !pre.passes ? ' notice error' : ''}`} aria-labelledby="preflight-title">
      <h2 id="preflight-title">Before the run</h2>
      <p className={pre.passes ? '' : 'error-text'}>
        <strong>{verdict}</strong>
      </p>
      <p className="muted small">
        --max-errors is AEP's partial-ingestion threshold: a batch with more rejected rows fails. Counted on the first {pre.sampleRows} rows of the file.
      </p>
      {pre.blocked.length ? (
        <>
          <p>Finish is blocked until these columns have a reading: a value read the wrong way would change silently.</p>
          <ul className="plain">
            {pre.blocked.map((c) => (
              <li key={c.destination}>
                {c.message}{' '}
                <button type="button" className="link" onClick={() => show(c.column)}>
                  Choose a reading
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {pre.warnings.length ? (
        <ul className="plain small">
          {pre.warnings.map((c) => (
            <li key={c.destination}>
              Warning: {c.message}{' '}
              <button type="button" className="link" onClick={() => show(c.column)}>
                Show the column
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
