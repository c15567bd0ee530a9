import { schemaPathOf } from '../../core/mapping/paths';
import { unmappedRequired } from '../steps/blockers';
import { edits, useSession } from '../store/session';
import { useUi } from '../store/ui';
import type { Preview } from '../usePreview';
import { confidenceLevel } from './ConfidenceEdge';
import { FieldPicker } from './FieldPicker';
import { FormulaEditor } from './FormulaEditor';
import { ReadingPanel } from './ReadingPanel';

/** The side panel: what is selected, why it was suggested, and every action as a button. */
export function Inspector({ preview }: { preview: Preview }) {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  const suggestions = useSession((s) => s.suggestions);
  const edit = useSession((s) => s.edit);
  const selection = useUi((s) => s.selection);
  const select = useUi((s) => s.select);
  const formula = useUi((s) => s.formula);
  const openFormula = useUi((s) => s.openFormula);
  if (!schema || !source || !mapping) return null;
  if (formula)
    return (
      <div className="inspector">
        <FormulaEditor key={`${formula.mode}:${formula.destination}`} />
      </div>
    );
  const columns = source.sample.header?.columns ?? [];
  const tree = schema.tree;

  if (selection?.kind === 'column') {
    const name = selection.name;
    const profile = source.profiles.find((p) => p.name === name);
    const entries = mapping.mappings.filter((m) => m.sourceType === 'ATTRIBUTE' && m.source === name);
    const s = suggestions?.find((x) => x.column === name);
    const errors = preview?.ok ? preview.errors.filter((e) => e.column === name).slice(0, 3) : [];
    return (
      <section className="inspector" aria-label={`Column ${name}`}>
        <h3>
          Column <code>{name}</code>
        </h3>
        <p className="muted">
          {profile?.kind} · {Math.round((profile?.fillRate ?? 0) * 100)}% filled · {profile?.distinct} distinct · e.g. {profile?.samples.slice(0, 3).join(', ')}
        </p>
        <h4>Goes to</h4>
        {entries.length ? (
          <ul className="plain">
            {entries.map((m) => (
              <li key={m.destination}>
                <code>{m.destination}</code>{' '}
                <button type="button" className="link" onClick={() => edit(edits.remove(m.destination))}>
                  Remove
                </button>
                <ReadingPanel key={`${m.destination}:${JSON.stringify(m.settings ?? {})}`} entry={m} />
              </li>
            ))}
          </ul>
        ) : (
          <p>Not mapped: this column will not be ingested.</p>
        )}
        {s?.destination || s?.alternatives.length ? (
          <>
            <h4>Suggestions</h4>
            <ul className="plain suggestions">
              {[...(s.destination ? [{ destination: s.destination, confidence: s.confidence, evidence: s.evidence }] : []), ...s.alternatives].map((a) => {
                const used = entries.some((m) => m.destination === a.destination);
                return (
                  <li key={a.destination}>
                    <code>{a.destination}</code>{' '}
                    <span className={`conf ${confidenceLevel(a.confidence).className}`}>
                      {Math.round(a.confidence * 100)}% {confidenceLevel(a.confidence).word}
                    </span>
                    <div className="muted small">{a.evidence.join('; ')}</div>
                    {used ? (
                      <span className="tag ok">in use</span>
                    ) : (
                      <button type="button" onClick={() => edit(edits.set({ sourceType: 'ATTRIBUTE', source: name, destination: a.destination }))}>
                        Use this
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <p className="muted">{s?.evidence[0] ?? 'No suggestion for this column.'}</p>
        )}
        <FieldPicker
          tree={tree}
          onPick={(f) => edit(edits.set({ sourceType: 'ATTRIBUTE', source: name, destination: f.path.replace(/\[\]/g, '[0]') }))}
          label="Map this column to…"
        />
        {errors.length ? (
          <>
            <h4>Errors in the sample</h4>
            <ul className="plain">
              {errors.map((e) => (
                <li key={`${e.row}${e.code}`} className="small">
                  row {e.row} (line {e.line}): <code>{e.value}</code> — {e.message}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <div className="actions">
          <button type="button" disabled={!entries.length} onClick={() => edit(edits.dropColumn(name))}>
            Leave this column unmapped
          </button>
          <button
            type="button"
            onClick={() =>
              openFormula({ mode: 'expression', destination: '', source: /^[A-Za-z_$][\w$]*$/.test(name) ? `trim(${name})` : `trim(\${${name}})` })
            }
          >
            Use in a formula…
          </button>
        </div>
      </section>
    );
  }

  if (selection?.kind === 'field') {
    const field = tree.fields.get(selection.path as never);
    if (!field) return null;
    const path = field.path;
    const entry = mapping.mappings.find((m) => schemaPathOf(m.destination) === path);
    const destination = path.replace(/\[\]/g, '[0]');
    return (
      <section className="inspector" aria-label={`Field ${path}`}>
        <h3>
          Field <code>{path}</code>
        </h3>
        <p>
          {field.title ? <strong>{field.title}</strong> : null} <span className="kind">{field.xdmType}</span>{' '}
          {field.requiredFromRoot ? <span className="tag req">required</span> : null}
          {field.identity ? <span className="tag id">identity ({field.identity.namespace})</span> : null}
        </p>
        {field.description ? <p className="muted small">{field.description}</p> : null}
        {field.enum?.length ? <p className="small">Allowed values: {field.enum.slice(0, 12).join(', ')}</p> : null}
        {!field.isLeaf ? <p className="muted">An object: open it in the graph to map its fields, or fill it with a formula.</p> : null}
        <h4>Filled from</h4>
        {entry ? (
          <p>
            {entry.sourceType === 'ATTRIBUTE' ? 'column' : entry.sourceType === 'STATIC' ? 'constant' : 'formula'} <code>{entry.source}</code>{' '}
            <button type="button" className="link" onClick={() => edit(edits.remove(entry.destination))}>
              Remove
            </button>
          </p>
        ) : (
          <p>Nothing yet.</p>
        )}
        {entry?.sourceType === 'ATTRIBUTE' ? <ReadingPanel key={`${entry.destination}:${JSON.stringify(entry.settings ?? {})}`} entry={entry} /> : null}
        {field.isLeaf ? (
          <label className="field">
            <span>Map a column here</span>
            <select
              aria-label={`Column for ${path}`}
              value={entry?.sourceType === 'ATTRIBUTE' ? entry.source : ''}
              onChange={(e) =>
                e.target.value
                  ? edit(edits.set({ sourceType: 'ATTRIBUTE', source: e.target.value, destination: entry?.destination ?? destination }))
                  : entry && edit(edits.remove(entry.destination))
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
        <div className="actions">
          <button
            type="button"
            onClick={() =>
              openFormula({
                mode: 'expression',
                destination: entry?.destination ?? destination,
                source: entry?.sourceType === 'EXPRESSION' ? entry.source : '',
              })
            }
          >
            Calculated field…
          </button>
          <button
            type="button"
            disabled={!field.isLeaf}
            onClick={() =>
              openFormula({ mode: 'constant', destination: entry?.destination ?? destination, source: entry?.sourceType === 'STATIC' ? entry.source : '' })
            }
          >
            Constant…
          </button>
        </div>
      </section>
    );
  }

  const missingRequired = unmappedRequired(tree, mapping);
  return (
    <section className="inspector" aria-label="How to map">
      <h3>Map columns to fields</h3>
      <ul className="small">
        <li>Drag from a column's handle to a field to map it; drag an edge's end to move it; select an edge and press Delete to remove it.</li>
        <li>Select a column to see why it was suggested, pick another suggestion, or find any field by name.</li>
        <li>Select a field to fill it from a column, a constant or a formula.</li>
        <li>Every action is also a button here; Ctrl+Z undoes, Ctrl+Y redoes.</li>
      </ul>
      <label className="field">
        <span>Select a column</span>
        <select aria-label="Select a column" value="" onChange={(e) => e.target.value && select({ kind: 'column', name: e.target.value })}>
          <option value="">Choose…</option>
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <FieldPicker tree={tree} leavesOnly={false} label="Find a field" onPick={(f) => select({ kind: 'field', path: f.path })} />
      {missingRequired.length ? (
        <>
          <h4>Required fields not mapped yet</h4>
          <ul className="plain">
            {missingRequired.map((p) => (
              <li key={p}>
                <button type="button" className="link" onClick={() => select({ kind: 'field', path: p })}>
                  {p}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="actions">
        <button type="button" onClick={() => openFormula({ mode: 'expression', destination: '', source: '' })}>
          Add a calculated field…
        </button>
        <button type="button" onClick={() => openFormula({ mode: 'constant', destination: '', source: '' })}>
          Add a constant…
        </button>
      </div>
    </section>
  );
}
