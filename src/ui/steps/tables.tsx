import type { ReactNode } from 'react';
import type { RowError } from '../../core/types';

export interface CellMark {
  id?: string;
  className?: string;
  title?: string;
  /** Text before the value: a marker that does not rely on colour. */
  prefix?: string;
}

/** Source rows as read, with their physical line; `mark` flags cells (errors, focus). */
export function SourceRowsTable({
  label,
  header,
  rows,
  mark,
}: {
  label: string;
  header: readonly string[];
  rows: readonly { row: number; line: number; cells: readonly string[] }[];
  mark?: (row: number, column: string) => CellMark | undefined;
}) {
  return (
    <table className="grid" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">line</th>
          {header.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.row}>
            <td className="muted">{r.line}</td>
            {r.cells.map((v, i) => {
              const col = header[i] ?? String(i);
              const m = mark?.(r.row, col);
              return (
                <td key={col} id={m?.id} className={m?.className} title={m?.title}>
                  {m?.prefix}
                  {v}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Errors as the error file holds them; `onColumn` makes each column a link to its cell. */
export function ErrorTable({ label, errors, onColumn }: { label: string; errors: readonly RowError[]; onColumn?: (e: RowError) => void }) {
  return (
    <table className="grid errors" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Row</th>
          <th scope="col">Line</th>
          <th scope="col">Column</th>
          <th scope="col">Value</th>
          <th scope="col">Field</th>
          <th scope="col">Code</th>
          <th scope="col">Problem</th>
        </tr>
      </thead>
      <tbody>
        {errors.map((e, i) => (
          <tr key={`${e.row}-${e.code}-${e.destination ?? ''}-${i}`}>
            <td>{e.row}</td>
            <td>{e.line}</td>
            <td>
              {e.column && onColumn ? (
                <button type="button" className="link" onClick={() => onColumn(e)} aria-label={`Show line ${e.line}, column ${e.column}`}>
                  {e.column}
                </button>
              ) : (
                (e.column ?? '(whole row)')
              )}
            </td>
            <td>
              <code>{e.value ?? ''}</code>
            </td>
            <td>
              <code>{e.destination ?? ''}</code>
            </td>
            <td>
              {e.code}
              {e.rejected ? ' · row rejected' : ' · field left out'}
            </td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A box that scrolls its table: a named region in the Tab order, so keyboards can scroll it too. */
export function ScrollRegion({ label, className = '', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section className={`table-scroll ${className}`} tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
