import { destinationForField } from '../../../core/mapping/edits';
import { columnReference } from '../../../core/mapping/editsRename';
import { useSession } from '../../store/session';
import { useUi } from '../../store/ui';
import { usePending, useSuggestions } from '../../store/useDerived';
import type { Preview } from '../../usePreview';
import { confidenceMeaning, confidenceText, confidenceWord } from '../confidence';
import { FieldPicker } from '../FieldPicker';
import { distinctTails, MiddleText } from '../MiddleText';
import { ReadingPanel } from '../ReadingPanel';

/** A column: what it holds, where it goes, what was suggested and why, and how to map it. */
export function ColumnPanel({ name, preview }: { name: string; preview: Preview }) {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const act = useSession((s) => s.act);
  const pending = usePending().find((p) => p.column === name);
  const suggestion = useSuggestions()?.find((s) => s.column === name);
  const mappingFrom = useUi((s) => s.mappingFrom);
  const ui = useUi.getState();
  if (!schema || !source || !mapping) return null;
  const profile = source.profiles.find((p) => p.name === name);
  const entries = mapping.mappings.filter((m) => m.sourceType === 'ATTRIBUTE' && m.source === name);
  const errors = preview?.ok ? preview.errors.filter((e) => e.column === name).slice(0, 3) : [];
  const options = [
    ...(suggestion?.destination ? [{ destination: suggestion.destination, confidence: suggestion.confidence, evidence: suggestion.evidence }] : []),
    ...(suggestion?.alternatives ?? []),
  ];
  const tails = distinctTails(options.map((o) => o.destination));
  const backToColumn = () => {
    ui.startMapping(null);
    ui.revealRow('columns', name, true);
  };
  return (
    <>
      <p className="muted small">
        {profile?.kind} · {Math.round((profile?.fillRate ?? 0) * 100)}% filled · {profile?.distinct} distinct · e.g. {profile?.samples.slice(0, 3).join(', ')}
      </p>
      <h3>Goes to</h3>
      {entries.length ? (
        <ul className="plain">
          {entries.map((m) => (
            <li key={m.destination}>
              <div className="line">
                <MiddleText text={m.destination} className="code" />
                <button type="button" className="link" onClick={() => act({ kind: 'unmap', destination: m.destination })}>
                  Remove
                </button>
              </div>
              <ReadingPanel key={`${m.destination}:${JSON.stringify(m.settings ?? {})}`} entry={m} />
            </li>
          ))}
        </ul>
      ) : (
        <p>Not mapped: this column will not be ingested.</p>
      )}
      {pending ? (
        <fieldset className={`pending-card ${confidenceWord(pending.confidence)}`}>
          <legend>Suggestion waiting for review</legend>
          <p>
            Suggested: <MiddleText text={pending.destination} className="code" /> <span className="conf">{confidenceText(pending.confidence)}</span>
            {pending.replaces ? (
              <span className="muted small">
                {' '}
                (replaces <code>{pending.replaces}</code>)
              </span>
            ) : null}
          </p>
          <p className="muted small">{pending.evidence.join('; ')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => act({ kind: 'accept', suggestions: [pending] })}>
              Accept
            </button>
            <button type="button" onClick={() => act({ kind: 'reject', suggestions: [pending] })}>
              Reject
            </button>
          </div>
        </fieldset>
      ) : null}
      <FieldPicker
        tree={schema.tree}
        autoFocus={mappingFrom === name}
        onPick={(f) => {
          act({ kind: 'map', column: name, destination: destinationForField(f.path) });
          if (mappingFrom === name) backToColumn();
        }}
        onEscape={mappingFrom === name ? backToColumn : undefined}
        label={mappingFrom === name ? `Map ${name} to… (type, then Enter; Escape goes back)` : 'Map this column to…'}
      />
      {options.length ? (
        <>
          <h3>Suggestions</h3>
          <ul className="plain suggestions">
            {options.map((a) => {
              const used = entries.some((m) => m.destination === a.destination);
              return (
                <li key={a.destination}>
                  <div className="line">
                    <MiddleText text={a.destination} tail={tails.get(a.destination)} className="code" />
                    <span className={`conf ${confidenceWord(a.confidence)}`} title={confidenceMeaning(a.confidence)}>
                      {confidenceText(a.confidence)}
                    </span>
                    {used ? (
                      <span className="tag ok">in use</span>
                    ) : (
                      <button type="button" className="small-button" onClick={() => act({ kind: 'map', column: name, destination: a.destination })}>
                        Use
                      </button>
                    )}
                  </div>
                  <div className="muted small">{a.evidence.join('; ')}</div>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="muted">{suggestion?.evidence[0] ?? 'No suggestion for this column.'}</p>
      )}
      {errors.length ? (
        <>
          <h3>Errors in the sample</h3>
          <ul className="plain">
            {errors.map((e) => (
              <li key={`${e.row}${e.code}`} className="small">
                row {e.row} (line {e.line}): <code>{e.value}</code> — {e.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="actions sticky-actions">
        <button type="button" disabled={!entries.length && !pending} onClick={() => act({ kind: 'drop', column: name })}>
          Leave unmapped
        </button>
        <button type="button" onClick={() => ui.openFormula({ mode: 'expression', destination: '', source: `trim(${columnReference(name)})` })}>
          Use in a formula…
        </button>
      </div>
    </>
  );
}
