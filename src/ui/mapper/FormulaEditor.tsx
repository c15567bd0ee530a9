import { useEffect, useMemo, useRef, useState } from 'react';
import { converterFor } from '../../core/convert/coerce';
import { compileExpression } from '../../core/expr/compile';
import { ALL_FUNCTIONS } from '../../core/expr/functions/index';
import { outputForDestination } from '../../core/expr/output';
import { toJson } from '../../core/expr/values';
import { destinationForField } from '../../core/mapping/edits';
import { schemaPathOf } from '../../core/mapping/paths';
import { writeTypeOf } from '../../core/schema/xdmType';
import { useSession } from '../store/session';
import { useUi } from '../store/ui';
import { FieldPicker } from './FieldPicker';

const IDENT = /[A-Za-z_$][\w$]*$/;

/**
 * Writes a calculated field (a Data Prep formula) or a constant: functions and columns complete
 * as you type, errors show where they are, and the result is computed on the first sample rows.
 */
export function FormulaEditor() {
  const formula = useUi((s) => s.formula);
  const openFormula = useUi((s) => s.openFormula);
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const act = useSession((s) => s.act);
  const [text, setText] = useState(formula?.source ?? '');
  const [destination, setDestination] = useState(formula?.destination ?? '');
  const [mode, setMode] = useState(formula?.mode ?? 'expression');
  const [cursor, setCursor] = useState(text.length);
  const area = useRef<HTMLTextAreaElement>(null);
  // Errors wait until the typing pauses: half a formula is not yet a mistake.
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const t = setTimeout(() => setSettled(text), 700);
    return () => clearTimeout(t);
  }, [text]);
  const columns = source?.sample.header?.columns ?? [];

  const compiled = useMemo(() => (mode === 'expression' && text.trim() ? compileExpression(text, { columns }) : null), [mode, text, columns]);
  const field =
    schema && destination
      ? (schema.tree.fields.get(schemaPathOf(destination) as never) ?? schema.tree.fields.get(`${schemaPathOf(destination)}[]` as never))
      : undefined;
  const results = useMemo(() => {
    if (!source) return [];
    const rows = source.sample.rows.slice(0, 5);
    if (mode === 'constant') {
      const conv = field ? converterFor(writeTypeOf(field)) : null;
      const r = conv?.ok ? conv.convert(text) : null;
      return [{ row: 0, text: r ? (r.ok ? JSON.stringify(r.value) : `error: ${r.message}`) : JSON.stringify(text), bad: r ? !r.ok : false }];
    }
    if (!compiled?.ok) return [];
    const write = field ? outputForDestination(field, destination) : null;
    return rows.map((r) => {
      const v = compiled.compiled.evaluate(
        { value: (i) => (r.cells[i] === '' ? null : (r.cells[i] ?? null)) },
        { now: () => Date.now(), uuid: () => crypto.randomUUID(), hasField: (p) => columns.includes(p) && r.cells[columns.indexOf(p)] !== '' },
      );
      // Written as the record gets it (a date-time as its UTC instant), by the run's own code.
      const out = v.ok && v.value !== null && write ? write(v.value) : null;
      if (out) return { row: r.row, text: out.ok ? JSON.stringify(out.value) : `error: ${out.message}`, bad: !out.ok };
      return { row: r.row, text: v.ok ? JSON.stringify(toJson(v.value)) : `error: ${v.message}`, bad: !v.ok };
    });
  }, [compiled, source, mode, text, field, columns, destination]);

  const prefix = mode === 'expression' ? (IDENT.exec(text.slice(0, cursor))?.[0] ?? '') : '';
  const completions =
    prefix.length >= 2
      ? [
          ...ALL_FUNCTIONS.map((f) => ({ insert: `${f.name}(`, label: `${f.name}(${f.params.join(', ')})`, hint: f.description })),
          ...columns.map((c) => ({ insert: /^[A-Za-z_$][\w$]*$/.test(c) ? c : `\${${c}}`, label: c, hint: 'column' })),
        ]
          .filter((c) => c.label.toLowerCase().startsWith(prefix.toLowerCase()))
          .slice(0, 8)
      : [];
  const complete = (insert: string) => {
    const before = text.slice(0, cursor - prefix.length);
    const next = `${before}${insert}${text.slice(cursor)}`;
    setText(next);
    const at = before.length + insert.length;
    setCursor(at);
    requestAnimationFrame(() => area.current?.setSelectionRange(at, at));
    area.current?.focus();
  };
  if (!formula || !schema) return null;
  const canSave = destination && text.trim() && (mode === 'constant' ? !results[0]?.bad : compiled?.ok);
  return (
    <section className="formula-editor">
      <div className="row">
        <strong>{mode === 'expression' ? 'Calculated field' : 'Constant'}</strong>
        <label className="inline">
          <input type="radio" name="mode" checked={mode === 'expression'} onChange={() => setMode('expression')} /> formula
        </label>
        <label className="inline">
          <input type="radio" name="mode" checked={mode === 'constant'} onChange={() => setMode('constant')} /> constant
        </label>
      </div>
      <label htmlFor="formula-text">{mode === 'expression' ? 'Formula (Data Prep syntax; ${Column Name} for names with spaces)' : 'Value'}</label>
      <textarea
        id="formula-text"
        ref={area}
        rows={3}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setCursor(e.target.selectionStart);
        }}
        onKeyUp={(e) => setCursor(e.currentTarget.selectionStart)}
        onBlur={() => setSettled(text)}
        onClick={(e) => setCursor(e.currentTarget.selectionStart)}
        onKeyDown={(e) => {
          if (e.key === 'Tab' && completions[0]) {
            e.preventDefault();
            complete(completions[0].insert);
          }
        }}
        placeholder={mode === 'expression' ? 'concat(upper(lastName), ", ", firstName)' : 'web'}
      />
      {completions.length ? (
        <ul className="completions" aria-label="Completions (Tab takes the first)">
          {completions.map((c) => (
            <li key={c.label}>
              <button type="button" className="link" onClick={() => complete(c.insert)} title={c.hint}>
                <code>{c.label}</code>
              </button>{' '}
              <span className="muted">{c.hint}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {compiled && !compiled.ok && settled === text
        ? compiled.errors.map((e) => (
            <p key={`${e.pos}${e.message}`} className="notice error" role="alert">
              <strong>Error at position {e.pos}:</strong> {e.message}
              <code className="caret">
                {text}
                {'\n'}
                {' '.repeat(e.pos)}^
              </code>
            </p>
          ))
        : null}
      {results.length ? (
        <table className="grid" aria-label="Result on the first sample rows">
          <thead>
            <tr>
              <th scope="col">Row</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.row} className={r.bad ? 'bad-row' : ''}>
                <td>{r.row || '(all)'}</td>
                <td>
                  <code>{r.text}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        Destination: {destination ? <code>{destination}</code> : <em>none yet</em>} {field ? <span className="kind">{field.xdmType}</span> : null}
      </p>
      <FieldPicker tree={schema.tree} leavesOnly={false} label="Choose the destination" onPick={(f) => setDestination(destinationForField(f.path))} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!canSave}
          onClick={() => {
            const replaces = formula.destination || undefined;
            const saved =
              mode === 'expression'
                ? act({ kind: 'expression', destination, expression: text, replaces })
                : act({ kind: 'constant', destination, value: text, replaces });
            if (saved) openFormula(null);
          }}
        >
          Save
        </button>
        {formula.destination ? (
          <button
            type="button"
            onClick={() => {
              act({ kind: 'unmap', destination: formula.destination });
              openFormula(null);
            }}
          >
            Remove
          </button>
        ) : null}
        <button type="button" onClick={() => openFormula(null)}>
          Cancel
        </button>
      </div>
    </section>
  );
}
