import type { ApplyResult } from './applyRun';
import type { WrittenFile } from './writer';

/** What a run wrote, and from what: enough to audit it and to resume an upload. */
export interface Manifest {
  tool: { name: 'xdm-mapper'; version: string };
  createdAt: string;
  input: { path: string; bytes: number; encoding: string; delimiter: string; lineEnding: string; columns: string[] };
  mapping: { path: string; name: string; sha256: string };
  schema: { path: string; id: string; title: string; sha256: string };
  rows: { input: number; written: number; rejected: number };
  fieldErrors: number;
  blankLines: number;
  files: WrittenFile[];
  errors: WrittenFile | null;
  errorsByCode: Record<string, number>;
  warnings: string[];
}

export interface ManifestMeta {
  version: string;
  createdAt: Date;
  input: { path: string; encoding: string; delimiter: string; lineEnding: string };
  mapping: Manifest['mapping'];
  schema: Manifest['schema'];
}

export function buildManifest(result: ApplyResult, meta: ManifestMeta): Manifest {
  return {
    tool: { name: 'xdm-mapper', version: meta.version },
    createdAt: meta.createdAt.toISOString(),
    input: { ...meta.input, bytes: result.counts.bytesRead, columns: result.header?.columns ?? [] },
    mapping: meta.mapping,
    schema: meta.schema,
    rows: { input: result.counts.input, written: result.counts.written, rejected: result.counts.rejected },
    fieldErrors: result.counts.fieldErrors,
    blankLines: result.counts.blankLines,
    files: result.files,
    errors: result.errorsFile,
    errorsByCode: result.errorsByCode,
    warnings: result.warnings,
  };
}

/** Share of input rows rejected, in percent (0 for an empty input). */
export const rejectedPercent = (rows: { input: number; rejected: number }): number => (rows.input ? (100 * rows.rejected) / rows.input : 0);
