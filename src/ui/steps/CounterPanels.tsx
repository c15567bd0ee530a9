import type { ReactNode } from 'react';
import type { ColumnCheck } from '../../core/batch/preflight';
import type { RowError } from '../../core/types';
import { fieldOfDestination } from '../mapper/lanes';
import { useSession } from '../store/session';
import { type Filter, useUi } from '../store/ui';

/**
 * A counter that is also a filter: pressed, the lanes (and the table) show only what it counts;
 * pressed again, everything. `onShow` adds a jump (the required counter goes to the first gap).
 */
export function Counter({
  filter,
  className = '',
  hint,
  onShow,
  children,
}: {
  filter: Filter;
  className?: string;
  hint: string;
  onShow?: () => void;
  children: ReactNode;
}) {
  const on = useUi((s) => s.filter === filter);
  const setFilter = useUi((s) => s.setFilter);
  return (
    <li className={className}>
      <button
        type="button"
        className="counter"
        aria-pressed={on}
        title={on ? `${hint}. Pressed: click to show everything again` : hint}
        onClick={() => {
          setFilter(on ? 'all' : filter);
          if (!on) onShow?.();
        }}
      >
        {children}
      </button>
    </li>
  );
}

/** The pre-flight's warnings, each with a way to the column it is about. */
export function WarningsList({ checks }: { checks: readonly ColumnCheck[] }) {
  const select = useUi((s) => s.select);
  return (
    <section id="map-warnings" className="notice warning inline-notice counter-list" aria-label="Warnings">
      <ul className="plain">
        {checks.map((c) => (
          <li key={`${c.entry}:${c.column}`}>
            {c.message}{' '}
            <button type="button" className="link" onClick={() => select({ kind: 'column', name: c.column })}>
              Open "{c.column}"
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

const SHOWN = 6;

/**
 * The sample's errors by what they are about (a column, else a field) and code, most first: a
 * row rejected for a required field nothing fills has no column, so the lanes alone would
 * show nothing to click.
 */
export function ErrorsList({ errors }: { errors: readonly RowError[] }) {
  const tree = useSession((s) => s.schema?.tree);
  const goto = useSession((s) => s.goto);
  const select = useUi((s) => s.select);
  if (!tree) return null;
  const groups = new Map<string, { about: { column: string } | { field: string } | null; code: string; rows: Set<number>; example: string }>();
  for (const e of errors) {
    const about = e.column ? { column: e.column } : e.destination ? { field: fieldOfDestination(tree, e.destination) } : null;
    const key = `${about ? ('column' in about ? `c:${about.column}` : `f:${about.field}`) : '-'}\u0000${e.code}`;
    const g = groups.get(key) ?? { about, code: e.code, rows: new Set<number>(), example: e.message };
    g.rows.add(e.row);
    groups.set(key, g);
  }
  const sorted = [...groups.values()].sort((a, b) => b.rows.size - a.rows.size);
  return (
    <section className="notice error inline-notice counter-list" aria-label="Errors in the sample">
      <ul className="plain">
        {sorted.slice(0, SHOWN).map((g) => (
          <li key={`${JSON.stringify(g.about)}:${g.code}`}>
            <strong>
              {g.rows.size} row{g.rows.size > 1 ? 's' : ''}
            </strong>{' '}
            <code>{g.code}</code>: {g.example}{' '}
            {g.about ? (
              <button
                type="button"
                className="link"
                onClick={() => {
                  const a = g.about!;
                  select('column' in a ? { kind: 'column', name: a.column } : { kind: 'field', path: a.field });
                }}
              >
                Open {'column' in g.about ? `"${g.about.column}"` : g.about.field}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <button type="button" className="link" onClick={() => goto('preview')}>
        {sorted.length > SHOWN ? `${sorted.length - SHOWN} more kinds: see` : 'See'} every error on the Preview step
      </button>
    </section>
  );
}
