import type { ReactNode } from 'react';
import { useSession } from '../../store/session';
import { useUi } from '../../store/ui';
import type { Preview } from '../../usePreview';
import { FormulaEditor } from '../FormulaEditor';
import { MiddleText } from '../MiddleText';
import { ColumnPanel } from './ColumnPanel';
import { EdgePanel } from './EdgePanel';
import { FieldPanel } from './FieldPanel';
import { StartPanel } from './StartPanel';

/**
 * The side panel: what is selected and every action on it as a button. It is made of small
 * panels (start, column, field, mapping, formula) so more can be slotted in; each has a way
 * back to the start panel (the close button, Escape, a click on the empty canvas).
 */
export function Inspector({ preview }: { preview: Preview }) {
  const ready = useSession((s) => Boolean(s.schema && s.source && s.mapping));
  const selection = useUi((s) => s.selection);
  const formula = useUi((s) => s.formula);
  if (!ready) return null;
  if (formula)
    return (
      <InspectorFrame title={formula.mode === 'expression' ? 'Calculated field' : 'Constant'}>
        <FormulaEditor key={`${formula.mode}:${formula.destination}`} />
      </InspectorFrame>
    );
  if (selection?.kind === 'column')
    return (
      <InspectorFrame title="Column" subject={selection.name}>
        <ColumnPanel key={selection.name} name={selection.name} preview={preview} />
      </InspectorFrame>
    );
  if (selection?.kind === 'field')
    return (
      <InspectorFrame title="Field" subject={selection.path}>
        <FieldPanel key={selection.path} path={selection.path} />
      </InspectorFrame>
    );
  if (selection?.kind === 'edge')
    return (
      <InspectorFrame title="Mapping" subject={selection.destination}>
        <EdgePanel key={selection.destination} destination={selection.destination} />
      </InspectorFrame>
    );
  return (
    <InspectorFrame title="Map columns to fields">
      <StartPanel />
    </InspectorFrame>
  );
}

/** The panel's frame: a heading with the close button, a body that scrolls on its own. */
function InspectorFrame({ title, subject, children }: { title: string; subject?: string; children: ReactNode }) {
  const select = useUi((s) => s.select);
  const openFormula = useUi((s) => s.openFormula);
  const formula = useUi((s) => s.formula);
  const closable = Boolean(subject || formula);
  const close = () => (formula ? openFormula(null) : select(null));
  return (
    <section className="inspector" aria-label={subject ? `${title} ${subject}` : title}>
      <header className="inspector-head">
        <h2>
          {title} {subject ? <MiddleText text={subject} className="code" /> : null}
        </h2>
        {closable ? (
          <button type="button" className="close" onClick={close} aria-label="Close: back to the start panel (Escape)" title="Back to the start panel (Escape)">
            ✕
          </button>
        ) : null}
      </header>
      {/* A new subject opens at the top: a new body, rather than scrolling the old one, which
          would have the browser lay the page out in the middle of the update. */}
      <div className="inspector-body" key={`${title}\u0000${subject ?? ''}`}>
        {children}
      </div>
    </section>
  );
}
