import { ByteRowScanner, ESCAPED, type ScannedRow } from '../csv/byteRows';
import { cellDecoder, createDecoder, type StreamDecoder } from '../csv/decode';
import { CsvReader, fieldCountProblem, type HeaderInfo } from '../csv/reader';
import type { Sniffed } from '../csv/sniff';
import type { MappingDocument } from '../mapping/mapping.types';
import type { FieldTree } from '../schema/field.types';
import type { ByteLineWriter } from '../transform/byteLines';
import { type CompiledMapping, type CompileProblem, compileMapping } from '../transform/compile';
import type { RowError } from '../types';
import type { RecordValidator } from '../validate/validator';
import { DEFAULT_FILE_SIZE, type FileSink, JsonLinesWriter, type WrittenFile } from './writer';

export const ERRORS_FILE = 'errors.jsonl';

/** Bytes to look through for the header row before leaving the whole file to the text reader. */
const HEAD_LIMIT = 1 << 20;
/** A row still open after this many bytes (a long quoted field) is left to the text reader. */
const CARRY_LIMIT = 16 << 20;
const LF = 0x0a;

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

export interface Reading {
  /**
   * `bytes`: rows scanned as UTF-8 bytes and records written straight as bytes (rows that do
   * not convert cleanly still go the full way); `text`: decoded and read by papaparse.
   */
  mode: 'bytes' | 'text';
  /** In `bytes` mode: the data row from which the text reader took over (an odd quote), or null. */
  textFromRow: number | null;
  /** Records written straight from bytes. */
  direct: number;
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
   * A one-byte-per-character decoder faster than TextDecoder('latin1'), where the platform has
   * one (Node's Buffer): the byte writer reads checked text cells through it.
   */
  decodeSingleByte?: (bytes: Uint8Array) => string;
}

/**
 * One run of a mapping over one file: bytes in (any chunk size), batch files and an error file
 * out through a {@link FileSink}. Every data row ends as a written record or as a rejection in
 * the error file; field errors of written rows are in the error file too. Pure core: the CLI
 * and the browser worker drive it with their own byte sources and sinks.
 */
export class ApplyRun {
  readonly counts: ApplyCounts = { input: 0, written: 0, rejected: 0, fieldErrors: 0, blankLines: 0, bytesRead: 0 };
  private decoder: StreamDecoder;
  /**
   * How bytes are read: `head` until the header row is found, then `bytes` (rows scanned as
   * UTF-8 and written as bytes) when the file and mapping allow it, else `text` (decoded and
   * read by papaparse). A row the scanner does not read sends the rest of the file to `text`.
   */
  private mode: 'head' | 'bytes' | 'text';
  private carry: Uint8Array = new Uint8Array(0);
  /** In `bytes` mode, `carry` is the start of this buffer, reused from chunk to chunk. */
  private work: Uint8Array = new Uint8Array(0);
  private readonly scanner: ByteRowScanner | null;
  private bytes: ByteLineWriter | null = null;
  /** In `bytes` mode: the line the next row starts on, data rows so far, blank lines skipped. */
  private line = 1;
  private rows = 0;
  private blankLines = 0;
  /** Decodes single cells and rejected rows of scanned bytes (no state between calls). */
  private readonly cells: StreamDecoder;
  private readonly reading: Reading = { mode: 'text', textFromRow: null, direct: 0 };
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
    const { encoding, delimiter, lineEnding } = init.sniffed;
    // Encodings where every byte below 0x80 is ASCII: delimiters, quotes and line breaks are found as bytes.
    const asciiSafe = encoding === 'utf-8' || encoding === 'windows-1252' || encoding === 'macintosh';
    const scannable = init.reader !== 'text' && asciiSafe && (lineEnding === '\n' || lineEnding === '\r\n');
    this.cells = cellDecoder(encoding);
    this.scanner = scannable ? new ByteRowScanner(delimiter.charCodeAt(0), lineEnding === '\r\n') : null;
    this.mode = scannable ? 'head' : 'text';
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
    if (this.mode === 'text') this.reader.push(this.decoder.decode(bytes, { stream: true }));
    else if (this.mode === 'head') {
      // A plain Uint8Array view even of a Node Buffer: the scanner then sees one kind of array.
      this.carry = concat(this.carry, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      this.findHeader();
      // The caller may reuse its buffer once this returns.
      if (this.mode === 'head' && this.carry === bytes) this.carry = bytes.slice();
    } else {
      this.append(bytes);
      this.scanRows(false);
    }
    await this.drain();
  }

  /** Reads the header through the text reader once its row is complete, then picks the mode. */
  private findHeader(): void {
    const buf = this.carry;
    const utf8Bom = this.init.sniffed.encoding === 'utf-8' && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    let p = utf8Bom ? 3 : 0;
    for (let k = 0; k < this.init.sniffed.skipLines; k++) {
      const i = buf.indexOf(LF, p);
      if (i < 0) {
        this.waitOrText(buf);
        return;
      }
      p = i + 1;
    }
    let blank = true;
    while (blank) {
      const at = p;
      const r = this.scanner!.scan(
        buf,
        p,
        false,
        (row) => {
          blank = row.blank;
        },
        1,
      );
      if (r.stop === 'odd') {
        this.toText(buf);
        return;
      }
      if (r.next === at) {
        this.waitOrText(buf);
        return;
      }
      p = r.next;
    }
    this.reader.push(this.decoder.decode(buf.subarray(0, p), { stream: true }));
    const rest = buf.subarray(p);
    if (!this.failed && this.compiled?.bytes) {
      this.mode = 'bytes';
      this.reading.mode = 'bytes';
      this.bytes = this.compiled.bytes;
      ({ line: this.line, rows: this.rows } = this.reader.position);
      this.carry = new Uint8Array(0);
      this.append(rest);
      this.scanRows(false);
    } else this.toText(rest);
  }

  private waitOrText(buf: Uint8Array): void {
    if (buf.length > HEAD_LIMIT) this.toText(buf);
  }

  /** Leaves `rest` and everything after it to the text reader. */
  private toText(rest: Uint8Array): void {
    this.mode = 'text';
    this.carry = new Uint8Array(0);
    if (!this.failed) this.reader.push(this.decoder.decode(rest, { stream: true }));
  }

  /**
   * Puts the next bytes after the unfinished row in one reused buffer: one copy per chunk and
   * no new buffer per chunk, which would keep the garbage collector busy on a large file.
   */
  private append(bytes: Uint8Array): void {
    const need = this.carry.length + bytes.length;
    if (this.work.length < need) {
      const bigger = new Uint8Array(Math.max(need, this.work.length * 2));
      bigger.set(this.carry);
      this.work = bigger;
    } else if (this.carry.byteOffset !== this.work.byteOffset || this.carry.buffer !== this.work.buffer) this.work.set(this.carry);
    this.work.set(bytes, this.carry.length);
    this.carry = this.work.subarray(0, need);
  }

  private scanRows(final: boolean): void {
    this.bytes!.source(this.carry);
    const r = this.scanner!.scan(this.carry, 0, final, this.onByteRow);
    if (r.stop === 'odd' || this.carry.length - r.next > CARRY_LIMIT) {
      // The text reader goes on from this row, with a decoder of its own.
      this.reader.resume(this.line, this.rows);
      this.reading.textFromRow = this.rows + 1;
      this.decoder = cellDecoder(this.init.sniffed.encoding);
      this.toText(this.carry.subarray(r.next));
    } else {
      // The unfinished row moves to the start of the buffer.
      this.work.copyWithin(0, r.next, this.carry.length);
      this.carry = this.work.subarray(0, this.carry.length - r.next);
    }
  }

  private readonly onByteRow = (row: ScannedRow, buf: Uint8Array): void => {
    const line = this.line;
    this.line += row.breaks;
    if (row.blank) {
      this.blankLines++;
      return;
    }
    const n = ++this.rows;
    this.counts.input = n;
    const width = this.header!.columns.length;
    if (row.count !== width) {
      let extraText = false;
      for (let k = width; k < row.count; k++) if (row.ends[k]! > row.starts[k]!) extraText = true;
      const problem = fieldCountProblem(row.count, width, extraText);
      if (problem) {
        const text = this.cells.decode(buf.subarray(row.textStart, row.textEnd));
        this.onError({ row: n, line, column: null, value: null, code: problem[0], message: problem[1], rejected: true, _corrupt_record: text });
        return;
      }
    }
    const at = this.records.reserve(this.bytes!.bound(row.textEnd - row.textStart));
    const size = this.bytes!.write(row, buf, this.records.buffer, at);
    if (size >= 0) {
      this.records.commit(size);
      this.counts.written++;
      this.reading.direct++;
      return;
    }
    const cells: string[] = new Array(width);
    for (let k = 0; k < width; k++) {
      const t = this.cells.decode(buf.subarray(row.starts[k]!, row.ends[k]!));
      cells[k] = row.forms[k] === ESCAPED ? t.replaceAll('""', '"') : t;
    }
    this.onRow(cells, n, line);
  };

  async end(): Promise<ApplyResult> {
    if (!this.failed) {
      if (this.mode === 'head') this.toText(this.carry);
      else if (this.mode === 'bytes') this.scanRows(true);
      if (this.mode === 'text') {
        const rest = this.decoder.decode();
        if (rest) this.reader.push(rest);
      }
      this.reader.end();
      this.counts.blankLines = this.reader.stats.blankLines + this.blankLines;
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
      reading: { ...this.reading },
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
    const r = compileMapping(this.init.doc, this.init.tree, h.columns, {
      validator: this.init.validator,
      emptyCells: this.init.emptyCells,
      decodeSingleByte: this.init.decodeSingleByte,
      encoding: this.init.sniffed.encoding,
    });
    if (r.ok) this.compiled = r.compiled;
    else this.problems = r.problems;
  }

  private onRow(cells: string[], row: number, line: number): void {
    this.counts.input = row;
    if (!this.compiled) return;
    const text = this.compiled.line(cells, row, line);
    if (text !== null) {
      this.records.writeLine(text);
      this.counts.written++;
      return;
    }
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

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
