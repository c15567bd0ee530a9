import { createDecoder, type StreamDecoder } from '../csv/decode';
import { CsvReader, type HeaderInfo } from '../csv/reader';
import type { Sniffed } from '../csv/sniff';
import type { MappingDocument } from '../mapping/mapping.types';
import type { FieldTree } from '../schema/field.types';
import { type CompiledMapping, type CompileProblem, compileMapping } from '../transform/compile';
import type { RowError } from '../types';
import type { RecordValidator } from '../validate/validator';
import { DEFAULT_FILE_SIZE, type FileSink, JsonLinesWriter, type WrittenFile } from './writer';

export const ERRORS_FILE = 'errors.jsonl';

export interface ApplyCounts {
  /** Data rows read (blank lines are not rows). */
  input: number;
  written: number;
  rejected: number;
  /** Cell conversions that failed in rows that were still written. */
  fieldErrors: number;
  blankLines: number;
  bytesRead: number;
}

export interface ApplyResult {
  ok: boolean;
  /** Why nothing could run (a column the mapping needs is missing, …); empty when ok. */
  problems: CompileProblem[];
  counts: ApplyCounts;
  files: WrittenFile[];
  errorsFile: WrittenFile | null;
  header: HeaderInfo | null;
  warnings: string[];
  /** Error counts by code, and by column, for summaries. */
  errorsByCode: Record<string, number>;
  errorsByColumn: Record<string, number>;
}

export interface ApplyRunInit {
  tree: FieldTree;
  doc: MappingDocument;
  sniffed: Sniffed;
  validator: RecordValidator;
  sink: FileSink;
  fileSize?: number;
  emptyCells?: 'omit' | 'null';
}

/**
 * One run of a mapping over one file: bytes in (any chunk size), batch files and an error file
 * out through a {@link FileSink}. Every data row ends as a written record or as a rejection in
 * the error file; field errors of written rows are in the error file too. Pure core: the CLI
 * and the browser worker drive it with their own byte sources and sinks.
 */
export class ApplyRun {
  readonly counts: ApplyCounts = { input: 0, written: 0, rejected: 0, fieldErrors: 0, blankLines: 0, bytesRead: 0 };
  private readonly decoder: StreamDecoder;
  private readonly reader: CsvReader;
  private readonly records: JsonLinesWriter;
  private readonly errors: JsonLinesWriter;
  private compiled: CompiledMapping | null = null;
  private problems: CompileProblem[] = [];
  private header: HeaderInfo | null = null;
  private readonly warnings: string[] = [];
  private readonly byCode: Record<string, number> = Object.create(null);
  private readonly byColumn: Record<string, number> = Object.create(null);

  constructor(private readonly init: ApplyRunInit) {
    this.decoder = createDecoder(init.sniffed.encoding);
    this.records = new JsonLinesWriter(init.sink, init.fileSize ?? DEFAULT_FILE_SIZE);
    this.errors = new JsonLinesWriter(init.sink, Number.POSITIVE_INFINITY, () => ERRORS_FILE);
    this.warnings.push(...init.sniffed.warnings);
    this.reader = new CsvReader(init.sniffed, {
      header: (h) => this.onHeader(h),
      row: (cells, row, line) => this.onRow(cells, row, line),
      reject: (e) => this.onError(e),
    });
  }

  /** True once the mapping could not be compiled against the file: nothing more will be read. */
  get failed(): boolean {
    return this.problems.length > 0;
  }

  /** Feeds the next bytes of the file, then lets the sinks drain. */
  async push(bytes: Uint8Array): Promise<void> {
    if (this.failed) return;
    this.counts.bytesRead += bytes.length;
    this.reader.push(this.decoder.decode(bytes, { stream: true }));
    await this.drain();
  }

  async end(): Promise<ApplyResult> {
    if (!this.failed) {
      const rest = this.decoder.decode();
      if (rest) this.reader.push(rest);
      this.reader.end();
      this.counts.blankLines = this.reader.stats.blankLines;
    }
    if (!this.failed) this.errors.ensureFile();
    const files = await this.records.close();
    const errorFiles = await this.errors.close();
    if (this.counts.bytesRead === 0) this.warnings.push('The input file is empty (0 bytes): no rows to map.');
    return {
      ok: !this.failed,
      problems: this.problems,
      counts: this.counts,
      files,
      errorsFile: errorFiles[0] ?? null,
      header: this.header,
      warnings: this.warnings,
      errorsByCode: { ...this.byCode },
      errorsByColumn: { ...this.byColumn },
    };
  }

  private async drain(): Promise<void> {
    await this.records.flush();
    await this.errors.flush();
  }

  private onHeader(h: HeaderInfo): void {
    this.header = h;
    this.warnings.push(...h.warnings);
    if (h.columns.length === 0 && this.counts.bytesRead === 0) return;
    const r = compileMapping(this.init.doc, this.init.tree, h.columns, { validator: this.init.validator, emptyCells: this.init.emptyCells });
    if (r.ok) this.compiled = r.compiled;
    else this.problems = r.problems;
  }

  private onRow(cells: string[], row: number, line: number): void {
    this.counts.input = row;
    if (!this.compiled) return;
    const res = this.compiled.run(cells, row, line);
    let rejected = false;
    for (const e of res.errors) {
      this.onError(e, false);
      rejected ||= e.rejected;
    }
    if (res.record && !rejected) {
      this.records.writeLine(JSON.stringify(res.record));
      this.counts.written++;
      this.counts.fieldErrors += res.errors.length;
    } else this.counts.rejected++;
  }

  private onError(e: RowError, fromReader = true): void {
    if (fromReader) {
      this.counts.input = e.row;
      this.counts.rejected++;
    }
    this.byCode[e.code] = (this.byCode[e.code] ?? 0) + 1;
    const col = e.column ?? '(row)';
    this.byColumn[col] = (this.byColumn[col] ?? 0) + 1;
    this.errors.writeLine(JSON.stringify(e));
  }
}
