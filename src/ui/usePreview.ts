import { useMemo } from 'react';
import { compileMapping } from '../core/transform/compile';
import { type PreviewRow, previewRows } from '../core/transform/preview';
import { useSession } from './store/session';

export type Preview = { ok: true; rows: PreviewRow[] } | { ok: false; problems: string[] } | null;

/** The mapping compiled against the schema and the file's header, run over the sample rows. */
export function usePreview(): Preview {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  return useMemo(() => {
    if (!schema || !source || !mapping || !source.sample.header) return null;
    const r = compileMapping(mapping, schema.tree, source.sample.header.columns, { validator: schema.validator });
    if (!r.ok) return { ok: false, problems: r.problems.map((p) => p.message) };
    return { ok: true, rows: previewRows(r.compiled, source.sample.rows) };
  }, [schema, source, mapping]);
}
