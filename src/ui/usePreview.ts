import { useMemo } from 'react';
import { compileMapping } from '../core/transform/compile';
import { type PreviewRow, previewRows } from '../core/transform/preview';
import type { RowError } from '../core/types';
import { useSession } from './store/session';

export type Preview =
  | { ok: true; rows: PreviewRow[]; errors: RowError[]; byColumn: Map<string, number>; byDestination: Map<string, number> }
  | { ok: false; problems: string[] }
  | null;

/** The mapping compiled by the core against the schema and the file's header, run over the sample rows. */
export function usePreview(): Preview {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  return useMemo(() => {
    if (!schema || !source || !mapping || !source.sample.header) return null;
    const r = compileMapping(mapping, schema.tree, source.sample.header.columns, { validator: schema.validator });
    if (!r.ok) return { ok: false, problems: r.problems.map((p) => p.message) };
    const rows = previewRows(r.compiled, source.sample.rows);
    const errors = [...source.sample.rejects, ...rows.flatMap((x) => x.errors)];
    const byColumn = new Map<string, number>();
    const byDestination = new Map<string, number>();
    for (const e of errors) {
      if (e.column) byColumn.set(e.column, (byColumn.get(e.column) ?? 0) + 1);
      if (e.destination) {
        const field = e.destination.replace(/\[\d+\]/g, '[]');
        byDestination.set(field, (byDestination.get(field) ?? 0) + 1);
      }
    }
    return { ok: true, rows, errors, byColumn, byDestination };
  }, [schema, source, mapping]);
}
