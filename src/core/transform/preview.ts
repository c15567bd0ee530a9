import type { RowError } from '../types';
import type { CompiledMapping, XdmRecord } from './compile';

export interface PreviewRow {
  row: number;
  line: number;
  record: XdmRecord | null;
  errors: RowError[];
}

/** Runs a compiled mapping over sample rows: what the first records will look like. */
export function previewRows(compiled: CompiledMapping, rows: readonly { cells: string[]; row: number; line: number }[]): PreviewRow[] {
  return rows.map((r) => {
    const res = compiled.run(r.cells, r.row, r.line);
    const rejected = res.errors.some((e) => e.rejected);
    return { row: r.row, line: r.line, record: rejected ? null : res.record, errors: res.errors };
  });
}
