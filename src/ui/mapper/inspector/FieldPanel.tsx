import { destinationForField } from '../../../core/mapping/edits';
import type { Field } from '../../../core/schema/field.types';
import { useSession } from '../../store/session';
import { useUi } from '../../store/ui';
import { usePending } from '../../store/useDerived';
import { confidenceText } from '../confidence';
import { fieldOfDestination } from '../lanes';
import { ReadingPanel } from '../ReadingPanel';

/** A schema field: what it is, what fills it, and every way to fill it. */
export function FieldPanel({ path }: { path: string }) {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const act = useSession((s) => s.act);
  const pending = usePending();
  const ui = useUi.getState();
  if (!schema || !source || !mapping) return null;
  const tree = schema.tree;
  const field = tree.fields.get(path as Field['path']);
  if (!field) return <p>This field is not in the schema.</p>;
  const entry = mapping.mappings.find((m) => fieldOfDestination(tree, m.destination) === path);
  const suggested = pending.filter((p) => fieldOfDestination(tree, p.destination) === path);
  const destination = entry?.destination ?? destinationForField(path);
  const columns = source.sample.header?.columns ?? [];
  return (
    <>
      <p>
        {field.title ? <strong>{field.title}</strong> : null} <span className="kind">{field.xdmType}</span>{' '}
        {field.requiredFromRoot ? <span className="tag req">required</span> : null}
        {field.identity ? (
          <span className="tag id">
            identity: {field.identity.namespace}
            {field.identity.primary ? ', primary' : ''}
          </span>
        ) : null}
      </p>
      {field.description ? <p className="muted small">{field.description}</p> : null}
      {field.enum?.length ? <p className="small">Allowed values: {field.enum.slice(0, 12).join(', ')}</p> : null}
      {!field.isLeaf ? <p className="muted">An object: open it in the graph to map its fields, or fill it with a formula.</p> : null}
      <h3>Filled from</h3>
      {entry ? (
        <p className="line">
          <span>
            {entry.sourceType === 'ATTRIBUTE' ? 'column' : entry.sourceType === 'STATIC' ? 'constant' : 'formula'} <code>{entry.source}</code>
          </span>
          <button type="button" className="link" onClick={() => act({ kind: 'unmap', destination: entry.destination })}>
            Remove
          </button>
        </p>
      ) : (
        <p>Nothing yet.</p>
      )}
      {entry?.sourceType === 'ATTRIBUTE' ? <ReadingPanel key={`${entry.destination}:${JSON.stringify(entry.settings ?? {})}`} entry={entry} /> : null}
      {suggested.map((p) => (
        <fieldset key={p.column} className="pending-card">
          <legend>Suggestion waiting for review</legend>
          <p>
            Suggested: column <code>{p.column}</code> <span className="conf">{confidenceText(p.confidence)}</span>
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => act({ kind: 'accept', suggestions: [p] })}>
              Accept
            </button>
            <button type="button" onClick={() => act({ kind: 'reject', suggestions: [p] })}>
              Reject
            </button>
          </div>
        </fieldset>
      ))}
      {field.isLeaf && field.xdmType !== 'map' ? (
        <label className="field">
          <span>Map a column here</span>
          <select
            aria-label={`Column for ${path}`}
            value={entry?.sourceType === 'ATTRIBUTE' ? entry.source : ''}
            onChange={(e) =>
              e.target.value ? act({ kind: 'map', column: e.target.value, destination }) : entry && act({ kind: 'unmap', destination: entry.destination })
            }
          >
            <option value="">(none)</option>
            {columns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <div className="actions sticky-actions">
        <button
          type="button"
          onClick={() => ui.openFormula({ mode: 'expression', destination, source: entry?.sourceType === 'EXPRESSION' ? entry.source : '' })}
        >
          Calculated field…
        </button>
        <button
          type="button"
          disabled={!field.isLeaf}
          onClick={() => ui.openFormula({ mode: 'constant', destination, source: entry?.sourceType === 'STATIC' ? entry.source : '' })}
        >
          Constant…
        </button>
      </div>
    </>
  );
}
