import type { ScannedRow } from '../csv/byteRows';
import type { HeaderInfo } from '../csv/reader';
import { type Reading, RowSource } from '../csv/rowSource';
import type { Sniffed } from '../csv/sniff';
import type { MappingDocument } from '../mapping/mapping.types';
import type { FieldTree } from '../schema/field.types';
import type { DirectWriter } from '../transform/byteWriter';
import { type CompiledMapping, type CompileProblem, compileMapping } from '../transform/compile';
import { MAX_RECORD_BYTES, type RowResult } from '../transform/record';
import type { RowError } from '../types';
import type { RecordValidator } from '../validate/validator';
import { DEFAULT_FILE_SIZE, type FileSink, JsonLinesWriter, type LineBuffer, type LineTarget, type WrittenFile } from './writer';

export type { Reading } from '../csv/rowSource';
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
  /** How the file was read, for benchmarks and diagnostics. */
  reading: Reading;
}

export interface ApplyRunInit {
  tree: FieldTree;
  doc: MappingDocument;
  sniffed: Sniffed;
  validator: RecordValidator;
  sink: FileSink;
  fileSize?: number;
  emptyCells?: 'omit' | 'null';
  /** `text` reads every row through the text reader (the byte scanner is for UTF-8 only anyway). */
  reader?: 'auto' | 'text';
  /**
   * `records` builds and validates every row's record whole, never writing one straight from
   * its cells: the slow way, which the direct writer is compared with.
   */
  writer?: 'auto' | 'records';
  /**
   * A one-byte-per-character decoder faster than TextDecoder('latin1'), where the platform has
   * one (Node's Buffer): the byte writer reads checked text cells through it.
   */
  decodeSingleByte?: (bytes: Uint8Array) => string;
  /** A native check that bytes are well-formed UTF-8, where the platform has one (Node's `buffer.isUtf8`). */
  isUtf8?: (bytes: Uint8Array) => boolean;
  /** Memory of the platform's fastest kind for the bytes the scanner reads (Node's Buffer), see {@link RowSource}. */
  allocateBytes?: (size: number) => Uint8Array;
  /** A mapping thread's buffer for the records of the pieces it maps ({@link ApplyRun.mapPiece}), instead of the sink's files. */
  recordsTo?: LineBuffer;
}

/** What a mapping thread made of one piece of whole rows ({@link ApplyRun.mapPiece}). */
export interface PieceResult {
  /** Bytes read as rows; short of the piece's end where the run must read on itself. */
  next: number;
  /** `odd`: the row at `next` is one the byte scanner does not read. */
  stop: 'more' | 'odd';
  /** Line breaks, data rows and blank lines in the bytes read. */
  lines: number;
  rows: number;
  blank: number;
  written: number;
  rejected: number;
  fieldErrors: number;
  direct: number;
  /** Numbered from the piece: its first row is row 1, on line 1. */
  errors: RowError[];
}

/**
 * One run of a mapping over one file: bytes in (any chunk size), batch files and an error file
 * out through a {@link FileSink}. Every data row ends as a written record or as a rejection in
 * the error file; field errors of written rows are in the error file too. A row is written
 * straight from its cells when it converts and checks cleanly, else its record is built and
 * checked whole, which names every error. Pure core: the CLI and the browser worker drive it
 * with their own byte sources and sinks.
 */
export class ApplyRun {
  readonly counts: ApplyCounts = { input: 0, written: 0, rejected: 0, fieldErrors: 0, blankLines: 0, bytesRead: 0 };
  private readonly source: RowSource;
  private readonly records: JsonLinesWriter;
  /** Where records' lines go: the batch files, or a mapping thread's buffer. */
  private readonly lines: LineTarget;
  private readonly errors: JsonLinesWriter;
  private compiled: CompiledMapping | null = null;
  private direct: DirectWriter | null = null;
  private problems: CompileProblem[] = [];
  private header: HeaderInfo | null = null;
  private readonly warnings: string[] = [];
  private readonly byCode: Record<string, number> = Object.create(null);
  private readonly byColumn: Record<string, number> = Object.create(null);
  private readonly encoder = new TextEncoder();
  /** While rows are mapped elsewhere: the line the next row starts on and the data rows so far. */
  private away: { line: number; rows: number } | null = null;
  private awayBlank = 0;
  /** While a piece is mapped: its errors, which the run that absorbs it numbers and writes. */
  private pieceErrors: RowError[] | null = null;

  constructor(private readonly init: ApplyRunInit) {
    this.records = new JsonLinesWriter(init.sink, init.fileSize ?? DEFAULT_FILE_SIZE);
    this.lines = init.recordsTo ?? this.records;
    this.errors = new JsonLinesWriter(init.sink, Number.POSITIVE_INFINITY, () => ERRORS_FILE);
    this.warnings.push(...init.sniffed.warnings);
    this.source = new RowSource(
      init.sniffed,
      {
        header: (h) => this.onHeader(h),
        takesBytes: () => this.direct !== null,
        bytesFrom: (buf) => this.direct!.source(buf),
        byteRow: (row, buf, n, line) => this.onByteRow(row, buf, n, line),
        textRow: (cells, n, line) => this.onTextRow(cells, n, line),
        reject: (e) => this.onError(e),
      },
      init.reader,
      init.isUtf8,
      init.allocateBytes,
    );
  }

  /** True once the mapping could not be compiled against the file: nothing more will be read. */
  get failed(): boolean {
    return this.problems.length > 0;
  }

  /** Feeds the next bytes of the file, then lets the sinks drain. */
  async push(bytes: Uint8Array): Promise<void> {
    if (this.failed) return;
    this.counts.bytesRead += bytes.length;
    this.source.push(bytes);
    await this.drain();
  }

  async end(): Promise<ApplyResult> {
    if (!this.failed) {
      this.source.end();
      this.counts.blankLines = this.source.blankLines + this.awayBlank;
      this.warnings.push(...this.source.warnings());
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
      reading: { ...this.source.reading },
    };
  }

  /**
   * Stops reading rows here, for mapping threads to map the rest in pieces ({@link mapPiece})
   * and this run to take their results in order ({@link absorb}): the bytes after the last
   * complete row, which start the next piece. Null when rows are not read as bytes (the
   * mapping cannot run, or the file goes to the text reader): the run then goes on by itself.
   */
  handOff(): { rest: Uint8Array; columns: string[] } | null {
    if (this.failed || !this.direct || !this.header) return null;
    const h = this.source.handOff();
    if (!h) return null;
    this.away = { line: h.line, rows: h.rows };
    return { rest: h.rest, columns: this.header.columns };
  }

  /** Takes the next piece's result, in the file's order: its records, errors and counts. */
  async absorb(r: PieceResult, records: Uint8Array): Promise<void> {
    const at = this.away!;
    for (const e of r.errors) {
      e.row += at.rows;
      e.line += at.line - 1;
      this.onError(e, false);
    }
    this.records.writeLines(records, r.written);
    at.line += r.lines;
    at.rows += r.rows;
    this.awayBlank += r.blank;
    const c = this.counts;
    c.input = at.rows;
    c.written += r.written;
    c.rejected += r.rejected;
    c.fieldErrors += r.fieldErrors;
    this.source.reading.direct += r.direct;
    await this.drain();
  }

  /** Reads rows here again, from `bytes` (pushed already), after the pieces absorbed. */
  resume(bytes: Uint8Array): void {
    const at = this.away!;
    this.away = null;
    this.source.resume(bytes, at.line, at.rows);
  }

  /**
   * Maps one piece of whole rows of the file as a mapping thread does, with the header's
   * columns: records into the thread's buffer (`recordsTo`), errors returned, numbered from the piece.
   */
  mapPiece(columns: string[], piece: Uint8Array, final: boolean): PieceResult {
    if (!this.compiled) this.onHeader({ columns, raw: columns, line: 1, warnings: [] });
    if (!this.direct) throw new Error(`the mapping cannot run: ${this.problems.map((p) => p.message).join('; ')}`);
    const c = this.counts;
    c.written = c.rejected = c.fieldErrors = 0;
    this.source.reading.direct = 0;
    const errors: RowError[] = [];
    this.pieceErrors = errors;
    const s = this.source.scanPiece(columns.length, piece, final);
    this.pieceErrors = null;
    return { ...s, written: c.written, rejected: c.rejected, fieldErrors: c.fieldErrors, direct: this.source.reading.direct, errors };
  }

  private async drain(): Promise<void> {
    await this.records.flush();
    await this.errors.flush();
  }

  private onHeader(h: HeaderInfo): void {
    this.header = h;
    this.warnings.push(...h.warnings);
    if (h.columns.length === 0 && this.counts.bytesRead === 0) return;
    const r = compileMapping(this.init.doc, this.init.tree, h.columns, {
      validator: this.init.validator,
      emptyCells: this.init.emptyCells,
      decodeSingleByte: this.init.decodeSingleByte,
      encoding: this.init.sniffed.encoding,
    });
    if (!r.ok) {
      this.problems = r.problems;
      this.source.stop();
      return;
    }
    this.compiled = r.compiled;
    if (this.init.writer !== 'records') this.direct = r.compiled.bytes;
  }

  /** Writes the row straight from its bytes, or hands it to the record builder. */
  private onByteRow(row: ScannedRow, buf: Uint8Array, n: number, line: number): void {
    this.counts.input = n;
    if (this.writeDirect(this.direct!, row, buf)) return;
    this.explain(this.compiled!.run(this.source.decodeCells(row, buf), n, line), n, line);
  }

  private onTextRow(cells: string[], n: number, line: number): void {
    this.counts.input = n;
    if (!this.compiled) return;
    const text = this.init.writer === 'records' ? null : this.compiled.text;
    if (text) {
      const { row, buf } = text.encode(cells);
      if (this.writeDirect(text.writer, row, buf)) return;
    }
    this.explain(this.compiled.run(cells, n, line), n, line);
  }

  private writeDirect(writer: DirectWriter, row: ScannedRow, buf: Uint8Array): boolean {
    const rowBytes = row.textEnd - row.textStart;
    // A row this long could make a record past AEP's limit: the record builder measures it.
    if (rowBytes > MAX_RECORD_BYTES) return false;
    const out = this.lines;
    const at = out.reserve(writer.bound(rowBytes));
    const size = writer.write(row, buf, out.buffer, at);
    if (size < 0) return false;
    out.commit(size);
    this.counts.written++;
    this.source.reading.direct++;
    return true;
  }

  /** A row the record builder made: written with its field errors, or rejected with its reasons. */
  private explain(res: RowResult, n: number, line: number): void {
    let rejected = false;
    for (const e of res.errors) rejected ||= e.rejected;
    let text = res.record && !rejected ? JSON.stringify(res.record) : null;
    if (text !== null && text.length * 3 > MAX_RECORD_BYTES && this.encoder.encode(text).length > MAX_RECORD_BYTES) {
      res.errors.push({
        row: n,
        line,
        column: null,
        value: null,
        code: 'RECORD_TOO_LARGE',
        message: `the record would take ${this.encoder.encode(text).length.toLocaleString('en-US')} bytes; AEP takes records of at most ${MAX_RECORD_BYTES.toLocaleString('en-US')} bytes (1 MB)`,
        rejected: true,
      });
      text = null;
    }
    for (const e of res.errors) this.onError(e, false);
    if (text !== null) {
      this.lines.writeLine(text);
      this.counts.written++;
      this.counts.fieldErrors += res.errors.length;
    } else this.counts.rejected++;
  }

  private onError(e: RowError, fromReader = true): void {
    if (fromReader) {
      this.counts.input = e.row;
      this.counts.rejected++;
    }
    if (this.pieceErrors) {
      this.pieceErrors.push(e);
      return;
    }
    this.byCode[e.code] = (this.byCode[e.code] ?? 0) + 1;
    const col = e.column ?? '(row)';
    this.byColumn[col] = (this.byColumn[col] ?? 0) + 1;
    this.errors.writeLine(JSON.stringify(e));
  }
}
