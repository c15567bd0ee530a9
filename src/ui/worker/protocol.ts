import type { ApplyResult } from '../../core/batch/applyRun';
import type { Manifest } from '../../core/batch/manifest';
import type { Sniffed } from '../../core/csv/sniff';
import type { RowError } from '../../core/types';

/** What the page asks the apply worker to do: run one mapping over one whole file. */
export interface RunRequest {
  file: Blob;
  fileName: string;
  schemaName: string;
  schemaText: string;
  /** The mapping's name as the manifest records it (`<name>.mapping.json`). */
  mappingName: string;
  mappingText: string;
  sniffed: Sniffed;
  fileSize?: number;
}

export interface RunProgress {
  type: 'progress';
  bytesRead: number;
  totalBytes: number;
  rows: number;
  written: number;
  rejected: number;
}

export interface OutputFile {
  path: string;
  blob: Blob;
  records: number;
  bytes: number;
}

export interface RunDone {
  type: 'done';
  ok: boolean;
  problems: string[];
  files: OutputFile[];
  errorsFile: OutputFile | null;
  manifest: Manifest | null;
  /** The first errors of each column and code, for the summary's example rows. */
  examples: RowError[];
  counts: ApplyResult['counts'];
  errorsByCode: Record<string, number>;
  errorsByColumn: Record<string, number>;
  seconds: number;
}

export interface RunFailed {
  type: 'failed';
  message: string;
}

export type WorkerMessage = RunProgress | RunDone | RunFailed;
