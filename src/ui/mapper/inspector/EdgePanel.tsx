import { useSession } from '../../store/session';
import { useUi } from '../../store/ui';
import { useSuggestions } from '../../store/useDerived';
import { confidenceText } from '../confidence';
import { fieldOfDestination } from '../lanes';
import { ReadingPanel } from '../ReadingPanel';

/** One mapping entry (a selected edge): its two ends, why it is there, and how to change it. */
export function EdgePanel({ destination }: { destination: string }) {
  const schema = useSession((s) => s.schema);
  const mapping = useSession((s) => s.mapping);
  const act = useSession((s) => s.act);
  const suggestions = useSuggestions();
  const ui = useUi.getState();
  const entry = mapping?.mappings.find((m) => m.destination === destination);
  if (!schema || !entry) return <p>Nothing fills this destination any more.</p>;
  const agreed = entry.sourceType === 'ATTRIBUTE' ? suggestions?.find((s) => s.column === entry.source && s.destination === destination) : undefined;
  const path = fieldOfDestination(schema.tree, destination);
  return (
    <>
      <p>
        {entry.sourceType === 'ATTRIBUTE' ? 'Column' : entry.sourceType === 'STATIC' ? 'Constant' : 'Formula'} <code>{entry.source}</code> →{' '}
        <code>{destination}</code>
      </p>
      <p className="muted small">{agreed ? `${confidenceText(agreed.confidence)}: ${agreed.evidence.join('; ')}` : 'Set by you or by the saved mapping.'}</p>
      {entry.sourceType === 'ATTRIBUTE' ? <ReadingPanel key={`${destination}:${JSON.stringify(entry.settings ?? {})}`} entry={entry} /> : null}
      <div className="actions sticky-actions">
        {entry.sourceType === 'ATTRIBUTE' ? (
          <button type="button" onClick={() => ui.select({ kind: 'column', name: entry.source })}>
            Open the column
          </button>
        ) : (
          <button
            type="button"
            onClick={() => ui.openFormula({ mode: entry.sourceType === 'STATIC' ? 'constant' : 'expression', destination, source: entry.source })}
          >
            Edit…
          </button>
        )}
        <button type="button" onClick={() => ui.select({ kind: 'field', path })}>
          Open the field
        </button>
        <button type="button" onClick={() => act({ kind: 'unmap', destination })}>
          Remove
        </button>
      </div>
    </>
  );
}
