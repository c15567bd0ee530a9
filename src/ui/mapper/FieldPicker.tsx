import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Field, FieldTree } from '../../core/schema/field.types';
import { searchFields } from '../../core/suggest/searchFields';
import { MiddleText } from './MiddleText';

/**
 * Finds a destination by typing: fuzzy over field paths, titles and descriptions (fuse.js, in
 * the core). Arrow keys move, Enter picks. This is the ARIA combobox pattern: focus stays in
 * the input and aria-activedescendant names the option, so options need no focus of their own.
 */
export function FieldPicker({
  tree,
  onPick,
  label = 'Find a destination field',
  leavesOnly = true,
  autoFocus = false,
  onEscape,
}: {
  tree: FieldTree;
  onPick: (f: Field) => void;
  label?: string;
  leavesOnly?: boolean;
  autoFocus?: boolean;
  /** Escape in an empty picker: the caller puts focus back where the person came from. */
  onEscape?: () => void;
}) {
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);
  const hits = useMemo(() => (q.trim() ? searchFields(tree, q, 30).filter((h) => !leavesOnly || h.field.isLeaf) : []), [tree, q, leavesOnly]);
  const pick = (f: Field) => {
    onPick(f);
    setQ('');
  };
  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={q}
        ref={input}
        placeholder="e.g. postal code, birthDate, SKU"
        data-undo="mapping"
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={`${id}-list`}
        aria-activedescendant={hits[active] ? `${id}-${active}` : undefined}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && hits[active]) pick(hits[active]!.field);
          else if (e.key === 'Escape' && q) setQ('');
          else if (e.key === 'Escape' && onEscape) onEscape();
          else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      {hits.length ? (
        <ul id={`${id}-list`} role="listbox" className="picker-list" aria-label="Matching fields">
          {hits.map((h, i) => (
            <li
              key={h.field.path}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(h.field)}
            >
              <MiddleText text={h.field.path} className="code" /> <span className="muted">{h.field.title}</span> <span className="kind">{h.field.xdmType}</span>
              {h.field.requiredFromRoot ? <span className="tag req">required</span> : null}
            </li>
          ))}
        </ul>
      ) : q.trim() ? (
        <p className="muted">No field matches "{q}".</p>
      ) : null}
    </div>
  );
}
