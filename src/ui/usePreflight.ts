import { useMemo } from 'react';
import { type Preflight, preflight } from '../core/batch/preflight';
import { useSession } from './store/session';

let last: { schema: unknown; source: unknown; mapping: unknown; result: Preflight } | null = null;

/** Rows of the file's start the pre-flight runs the mapping over, while the user edits. */
const PREFLIGHT_SAMPLE = 5000;
/** AEP's partial-ingestion default, as `--max-errors` has it. */
export const MAX_ERRORS = 5;

/**
 * The core's pre-flight of the current mapping on the file's first rows: the same result
 * `apply --check` prints (readings to choose, columns that do not fit, rows that would be
 * rejected against the limit, required fields nothing fills).
 */
export function usePreflight(): Preflight | null {
  const schema = useSession((s) => s.schema);
  const source = useSession((s) => s.source);
  const mapping = useSession((s) => s.mapping);
  return useMemo(() => {
    const columns = source?.sample.header?.columns;
    if (!schema || !source || !mapping || !columns) return null;
    // The Map step's counters, its graph and the Preview each ask: one pre-flight per state.
    const cached = last?.schema === schema && last.source === source && last.mapping === mapping ? last.result : null;
    if (cached) return cached;
    const result = preflight({
      doc: mapping,
      tree: schema.tree,
      columns,
      rows: source.checkRows.slice(0, PREFLIGHT_SAMPLE),
      profiles: source.profiles,
      validator: schema.validator,
      maxErrors: MAX_ERRORS,
    });
    last = { schema, source, mapping, result };
    return result;
  }, [schema, source, mapping]);
}
