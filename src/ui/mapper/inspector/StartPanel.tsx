import { unmappedRequired } from '../../steps/blockers';
import type { PendingSuggestion } from '../../store/review';
import { useSession } from '../../store/session';
import { useUi } from '../../store/ui';
import { usePending } from '../../store/useDerived';
import { type ConfidenceWord, confidenceMeaning, confidenceText, confidenceWord } from '../confidence';
import { FieldPicker } from '../FieldPicker';
import { MiddleText } from '../MiddleText';
import { IdentityPanel } from './IdentityPanel';

/** The panel with nothing selected: the review of suggestions, identities, and the ways to start. */
export function StartPanel() {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const ui = useUi.getState();
  if (!schema || !source || !mapping) return null;
  const columns = source.sample.header?.columns ?? [];
  const missing = unmappedRequired(schema.tree, mapping);
  return (
    <>
      <ReviewPanel />
      <IdentityPanel />
      <label className="field">
        <span>Select a column</span>
        <select aria-label="Select a column" value="" onChange={(e) => e.target.value && ui.select({ kind: 'column', name: e.target.value })}>
          <option value="">Choose…</option>
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <FieldPicker tree={schema.tree} leavesOnly={false} label="Find a field" onPick={(f) => ui.select({ kind: 'field', path: f.path })} />
      {missing.length ? (
        <>
          <h3 id="required-gaps">Required fields not mapped yet</h3>
          <ul className="plain">
            {missing.map((p) => (
              <li key={p}>
                <button type="button" className="link" onClick={() => ui.select({ kind: 'field', path: p })}>
                  {p}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details className="help">
        <summary>How to map</summary>
        <ul className="small">
          <li>Drag from a column's handle onto a field's row; drag an edge's end to move it; select an edge and press Delete to remove it.</li>
          <li>Keyboard: Tab to the columns, arrows to move, Enter to map the column with the field picker; the right arrow goes to its edge.</li>
          <li>The wheel scrolls the lane under the pointer; each lane has its own search. Ctrl+Z undoes, Ctrl+Y redoes, wherever the focus is.</li>
        </ul>
      </details>
      <div className="actions sticky-actions">
        <button type="button" onClick={() => ui.openFormula({ mode: 'expression', destination: '', source: '' })}>
          New calculated field…
        </button>
        <button type="button" onClick={() => ui.openFormula({ mode: 'constant', destination: '', source: '' })}>
          New constant…
        </button>
      </div>
    </>
  );
}

const LEVELS: ConfidenceWord[] = ['high', 'medium', 'low'];

/** Where a suggestion goes, for grouping: the destination's first object (`billingAddress`, `commerce.order`). */
function groupOf(destination: string): string {
  const segs = destination.split('.');
  if (segs.length <= 1) return '(top level)';
  return segs.slice(0, Math.min(2, segs.length - 1)).join('.');
}

/** Suggestions waiting for review: all high at once, by level, by group, or one by one. */
export function ReviewPanel() {
  const pending = usePending();
  const act = useSession((s) => s.act);
  const select = useUi((s) => s.select);
  if (!pending.length) return <p className="muted small">No suggestions waiting for review.</p>;
  const byLevel = new Map<ConfidenceWord, PendingSuggestion[]>(LEVELS.map((l) => [l, []]));
  for (const p of pending) byLevel.get(confidenceWord(p.confidence))!.push(p);
  const groups = new Map<string, PendingSuggestion[]>();
  for (const p of pending) groups.set(groupOf(p.destination), [...(groups.get(groupOf(p.destination)) ?? []), p]);
  const high = byLevel.get('high')!;
  return (
    <section className="review" aria-labelledby="review-title">
      <h3 id="review-title">
        {pending.length} suggestion{pending.length > 1 ? 's' : ''} to review
      </h3>
      <p className="muted small">Drawn dashed in purple; not in the mapping until accepted.</p>
      <div className="actions">
        <button type="button" className="primary" disabled={!high.length} onClick={() => act({ kind: 'accept', suggestions: high })}>
          Accept all high ({high.length})
        </button>
      </div>
      <table className="review-levels">
        <caption className="sr-only">Pending suggestions by confidence</caption>
        <tbody>
          {LEVELS.map((level) => {
            const list = byLevel.get(level)!;
            return (
              <tr key={level}>
                <th scope="row">
                  <span className={`conf ${level}`}>{level}</span>
                </th>
                <td>{list.length}</td>
                <td>
                  <button type="button" className="small-button" disabled={!list.length} onClick={() => act({ kind: 'accept', suggestions: list })}>
                    Accept
                  </button>{' '}
                  <button type="button" className="small-button" disabled={!list.length} onClick={() => act({ kind: 'reject', suggestions: list })}>
                    Reject
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {[...groups].map(([group, list]) => (
        <details key={group} className="review-group">
          <summary>
            <span className="code">{group}</span> <span className="muted">({list.length})</span>
          </summary>
          <div className="actions">
            <button
              type="button"
              className="small-button"
              onClick={() => act({ kind: 'accept', suggestions: list })}
              aria-label={`Accept group ${group} (${list.length} suggestions)`}
            >
              Accept group
            </button>
            <button
              type="button"
              className="small-button"
              onClick={() => act({ kind: 'reject', suggestions: list })}
              aria-label={`Reject group ${group} (${list.length} suggestions)`}
            >
              Reject group
            </button>
          </div>
          <ul className="plain">
            {list.map((p) => (
              <li key={p.column} className="review-item">
                <span className="review-main">
                  <button type="button" className="link" onClick={() => select({ kind: 'column', name: p.column })}>
                    {p.column}
                  </button>{' '}
                  <span className={`conf ${confidenceWord(p.confidence)}`} title={confidenceMeaning(p.confidence)}>
                    {confidenceText(p.confidence)}
                  </span>
                </span>
                <span className="review-dest">
                  → <MiddleText text={p.destination} className="code" />
                </span>
                <span className="item-actions">
                  <button
                    type="button"
                    className="small-button"
                    aria-label={`Accept ${p.column} -> ${p.destination}`}
                    onClick={() => act({ kind: 'accept', suggestions: [p] })}
                  >
                    ✓
                  </button>
                  <button
                    type="button"
                    className="small-button"
                    aria-label={`Reject ${p.column} -> ${p.destination}`}
                    onClick={() => act({ kind: 'reject', suggestions: [p] })}
                  >
                    ✕
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
