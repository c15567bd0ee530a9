import { ALL_ROWS, ByteRowScanner, ESCAPED, lineBreakByte, rawTextEnd, type ScannedRow } from './byteRows';
import { cellDecoder, createDecoder, type StreamDecoder } from './decode';
import { CsvReader, fieldCountProblem } from './reader';
import type { Reading, RowConsumer } from './rowSource.types';
import type { Sniffed } from './sniff';
import { Utf8Check } from './utf8Check';

export type { Reading, RowConsumer } from './rowSource.types';

/** Bytes to look through for the header row before leaving the whole file to the text reader. */
const HEAD_LIMIT = 1 << 20;
/** A row still open after this many bytes (a long quoted field) is left to the text reader. */
const CARRY_LIMIT = 16 << 20;
/** Bytes of an odd row and the lines after it that the text reader may read before it reads on to the end. */
const ASIDE_BYTES = 1 << 20;
/** Rows of the first scan call (see scanRows). */
const WARM_ROWS = 256;

/**
 * The rows of a CSV file from its bytes, pushed in chunks of any size. Rows are scanned as
 * bytes (UTF-8 or a single-byte encoding, rows ending at `\n`, `\r\n` or `\r`) while the
 * consumer takes them so. A row the scanner is not sure about (text after a closing quote, a
 * quote still open at the end) goes to the text reader (papaparse), which reports it exactly
 * as it would have, with the lines papaparse reads into it; once the text reader has read its
 * lines into whole rows, the scanner goes on from the next line. (One odd quote early in a
 * large file once sent all the rest to papaparse, at less than half the speed.) Rows with the
 * wrong number of fields are rejected here, the same way for both readers; so are bytes that
 * are not UTF-8 counted.
 */
export class RowSource {
  readonly reading: Reading = { mode: 'text', textFromRow: null, textRows: 0, textToEnd: false, direct: 0 };
  private decoder: StreamDecoder;
  /**
   * `head` until the header row is found, then `bytes` or `text`; `away` while the byte rows
   * are read elsewhere (by mapping threads, see {@link handOff}).
   */
  private mode: 'head' | 'bytes' | 'text' | 'away';
  private carry: Uint8Array = new Uint8Array(0);
  /** In `bytes` mode, `carry` is the start of this buffer, reused from chunk to chunk. */
  private work: Uint8Array = new Uint8Array(0);
  private readonly scanner: ByteRowScanner | null;
  /** In `bytes` mode: the line the next row starts on, data rows so far, blank lines skipped. */
  private line = 1;
  private rows = 0;
  private blank = 0;
  /** Whether a scan of whole pieces was made yet. */
  private warmed = false;
  /** While the text reader reads from an odd row on ({@link readAside}): rows before it, bytes given it. */
  private aside: { rows: number; bytes: number } | null = null;
  /** How many times rows were read aside. */
  private asides = 0;
  /** Once the text reader reads on to the end: the data rows before it. */
  private toEndFrom = -1;
  private width = 0;
  private stopped = false;
  /** Decodes single cells and rejected rows of scanned bytes (no state between calls). */
  private readonly cells: StreamDecoder;
  private readonly reader: CsvReader;
  private readonly utf8: Utf8Check | null;
  private readonly allocate: (size: number) => Uint8Array;
  /** The byte rows end at (`\n`, or `\r` in a `\r` file). */
  private readonly lineBreak: number;

  constructor(
    private readonly sniffed: Sniffed,
    private readonly consumer: RowConsumer,
    /** `text` reads every row through the text reader. */
    reader: 'auto' | 'text' = 'auto',
    /** The platform's native UTF-8 check, if any (see {@link Utf8Check}). */
    isUtf8?: (bytes: Uint8Array) => boolean,
    /**
     * Memory for the bytes the scanner reads, from the platform where it has a faster kind:
     * Node's Buffer finds line breaks and quotes (indexOf) about twice as fast as a Uint8Array,
     * which made a whole `apply` ~10 % faster.
     */
    allocate: (size: number) => Uint8Array = (size) => new Uint8Array(size),
  ) {
    this.allocate = allocate;
    const { encoding, delimiter, lineEnding } = sniffed;
    this.decoder = createDecoder(encoding);
    // Encodings where every byte below 0x80 is ASCII: delimiters, quotes and line breaks are found as bytes.
    const asciiSafe = encoding === 'utf-8' || encoding === 'windows-1252' || encoding === 'macintosh';
    // Every line break papaparse is told of: `\r` too (old Mac exports), which once sent a whole file to papaparse at half the speed.
    const scannable = reader !== 'text' && asciiSafe;
    this.cells = cellDecoder(encoding);
    this.lineBreak = lineBreakByte(lineEnding);
    this.scanner = scannable ? new ByteRowScanner(delimiter.charCodeAt(0), lineEnding === '\r\n', this.lineBreak) : null;
    this.mode = scannable ? 'head' : 'text';
    this.utf8 = encoding === 'utf-8' ? new Utf8Check(this.lineBreak, undefined, isUtf8) : null;
    this.reader = new CsvReader(sniffed, {
      header: (h) => {
        this.width = h.columns.length;
        consumer.header(h);
      },
      row: (cells, row, line) => consumer.textRow(cells, row, line),
      reject: (e) => consumer.reject(e),
    });
  }

  /** No more rows are wanted (the mapping cannot run): what is pushed from now on is ignored. */
  stop(): void {
    this.stopped = true;
  }

  /** Blank lines skipped so far. */
  get blankLines(): number {
    return this.reader.stats.blankLines + this.blank;
  }

  /** Warnings about the bytes read (not UTF-8 where UTF-8 was expected). */
  warnings(): string[] {
    const w = this.utf8?.warning();
    return w ? [w] : [];
  }

  /** Feeds the next bytes of the file. */
  push(bytes: Uint8Array): void {
    if (this.stopped) return;
    this.utf8?.push(bytes);
    if (this.mode === 'away') return;
    if (this.mode === 'text') this.reader.push(this.decoder.decode(bytes, { stream: true }));
    else if (this.mode === 'head') {
      // Copied into memory of the platform's kind: the scanner then sees one kind of array.
      this.carry = this.concat(this.carry, bytes);
      this.findHeader();
    } else {
      this.append(bytes);
      this.scanRows(false);
    }
  }

  /** The end of the file: the last row needs no line break. */
  end(): void {
    if (this.stopped) return;
    this.utf8?.end();
    if (this.mode === 'head') this.toText(this.carry);
    else if (this.mode === 'bytes') this.scanRows(true);
    else if (this.mode === 'away') this.mode = 'bytes';
    if (this.mode === 'text' && !this.stopped) {
      const rest = this.decoder.decode();
      if (rest) this.reader.push(rest);
    }
    if (!this.stopped) this.reader.end();
    if (this.toEndFrom >= 0) this.reading.textRows += this.reader.stats.rows - this.toEndFrom;
  }

  /**
   * Stops reading rows, for them to be read elsewhere from here on: the bytes after the last
   * complete row, the line the next row starts on and the data rows so far. Null unless rows
   * are being scanned as bytes. Bytes pushed from now on are only checked (UTF-8).
   */
  handOff(): { rest: Uint8Array; line: number; rows: number } | null {
    if (this.mode !== 'bytes' || this.stopped || this.aside) return null;
    // A copy (a Buffer's slice() would be a view of the reused buffer).
    const rest = new Uint8Array(this.carry);
    this.carry = new Uint8Array(0);
    this.mode = 'away';
    return { rest, line: this.line, rows: this.rows };
  }

  /**
   * Reads rows again after a {@link handOff}, from `bytes` (already pushed, so not checked
   * again), whose first row starts on `line` after `rows` data rows read elsewhere.
   */
  resume(bytes: Uint8Array, line: number, rows: number): void {
    if (this.mode !== 'away') throw new Error('resume() follows handOff()');
    this.mode = 'bytes';
    this.line = line;
    this.rows = rows;
    this.append(bytes);
    this.scanRows(false);
  }

  /**
   * Scans one piece of whole rows as bytes, for a mapping thread: the header's width is given,
   * the piece's first row is data row 1 on line 1, and nothing is handed to the text reader:
   * the scan stops where the scanner is not sure (`odd`) or where the piece ends inside a row
   * (`next` short of its end), and the caller reads on from there the ordinary way.
   */
  scanPiece(width: number, piece: Uint8Array, final: boolean): { next: number; stop: 'more' | 'odd'; lines: number; rows: number; blank: number } {
    if (!this.scanner) throw new Error('this file is not read as bytes');
    this.mode = 'bytes';
    this.width = width;
    this.line = 1;
    this.rows = 0;
    this.blank = 0;
    this.consumer.bytesFrom(piece);
    const r = this.scanner.scan(piece, 0, final, this.onByteRow);
    return { next: r.next, stop: r.stop, lines: this.line - 1, rows: this.rows, blank: this.blank };
  }

  /** The text of a scanned row's cells, for rows that must be explained. */
  decodeCells(row: ScannedRow, buf: Uint8Array): string[] {
    const cells: string[] = new Array(this.width);
    for (let k = 0; k < this.width; k++) {
      const t = this.cells.decode(buf.subarray(row.starts[k]!, row.ends[k]!));
      cells[k] = row.forms[k] === ESCAPED ? t.replaceAll('""', '"') : t;
    }
    return cells;
  }

  /** Reads the header through the text reader once its row is complete, then picks the mode. */
  private findHeader(): void {
    const buf = this.carry;
    const utf8Bom = this.sniffed.encoding === 'utf-8' && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
    let p = utf8Bom ? 3 : 0;
    for (let k = 0; k < this.sniffed.skipLines; k++) {
      const i = buf.indexOf(this.lineBreak, p);
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
    if (!this.stopped && this.consumer.takesBytes()) {
      this.mode = 'bytes';
      this.reading.mode = 'bytes';
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
    if (!this.stopped) this.reader.push(this.decoder.decode(rest, { stream: true }));
  }

  /**
   * Puts the next bytes after the unfinished row in one reused buffer: one copy per chunk and
   * no new buffer per chunk, which would keep the garbage collector busy on a large file.
   */
  private append(bytes: Uint8Array): void {
    const need = this.carry.length + bytes.length;
    if (this.work.length < need) {
      const bigger = this.allocate(Math.max(need, this.work.length * 2));
      bigger.set(this.carry);
      this.work = bigger;
    } else if (this.carry.byteOffset !== this.work.byteOffset || this.carry.buffer !== this.work.buffer) this.work.set(this.carry);
    this.work.set(bytes, this.carry.length);
    this.carry = this.work.subarray(0, need);
  }

  private scanRows(final: boolean): void {
    let from = 0;
    for (;;) {
      if (this.aside) {
        from = this.readAside(from, final);
        if (from < 0 || this.stopped) return;
      }
      this.consumer.bytesFrom(this.carry);
      let r = this.scanner!.scan(this.carry, from, final, this.onByteRow, this.warmed ? ALL_ROWS : WARM_ROWS);
      // The first bytes are scanned in two calls: the second starts and ends the scan with V8's
      // notes of the first already kept, so the code V8 then optimizes has seen both ends run.
      if (!this.warmed && !this.stopped) {
        this.warmed = true;
        if (r.stop === 'more') r = this.scanner!.scan(this.carry, r.next, final, this.onByteRow);
      }
      if (this.stopped) return;
      if (r.stop === 'odd' && this.mayReadAside()) {
        // The text reader reads the odd row (and what it spans), then the scanner goes on.
        this.textFromHere();
        this.aside = { rows: this.rows, bytes: 0 };
        this.asides++;
        from = r.next;
        continue;
      }
      if (r.stop === 'odd' || this.carry.length - r.next > CARRY_LIMIT) {
        // The text reader goes on from this row to the end.
        this.textFromHere();
        this.toEnd(this.rows);
        this.toText(this.carry.subarray(r.next));
      } else this.keep(r.next);
      return;
    }
  }

  /** Whether the next odd row is read aside: not where they are common (a parse each would cost more). */
  private mayReadAside(): boolean {
    return this.asides < 16 || this.asides * 64 < this.rows;
  }

  /**
   * Gives the text reader the lines from `from`, one at a time, until it has read them into
   * whole rows (papaparse reads an odd quote its own way, over more lines maybe): the byte
   * scanner goes on from the byte returned. -1 when more bytes are needed (kept in `carry`),
   * or when the text reader now reads the rest of the file: its odd row runs on past
   * ASIDE_BYTES (an unclosed quote, most likely), or the file ends in it.
   */
  private readAside(from: number, final: boolean): number {
    const aside = this.aside!;
    const buf = this.carry;
    let at = from;
    for (;;) {
      const nl = aside.bytes > ASIDE_BYTES ? -1 : buf.indexOf(this.lineBreak, at);
      if (nl < 0) {
        // Waiting for a line break holds what came so far: no more than ASIDE_BYTES of it.
        if (!final && aside.bytes + buf.length - at <= ASIDE_BYTES) this.keep(at);
        else {
          this.aside = null;
          this.toEnd(aside.rows);
          this.toText(buf.subarray(at));
        }
        return -1;
      }
      this.reader.push(this.decoder.decode(buf.subarray(at, nl + 1), { stream: true }));
      aside.bytes += nl + 1 - at;
      at = nl + 1;
      if (this.stopped) return -1;
      if (this.reader.atRowEnd) {
        ({ line: this.line, rows: this.rows } = this.reader.position);
        this.reading.textRows += this.rows - aside.rows;
        this.aside = null;
        return at;
      }
    }
  }

  /** The text reader reads the next rows, with a decoder of its own. */
  private textFromHere(): void {
    this.reader.resume(this.line, this.rows);
    this.reading.textFromRow ??= this.rows + 1;
    this.decoder = cellDecoder(this.sniffed.encoding);
  }

  /** The text reader reads on to the end, from the row after `rows`. */
  private toEnd(rows: number): void {
    this.reading.textToEnd = true;
    this.toEndFrom = rows;
  }

  /** The unfinished row (from `next`) moves to the start of the buffer. */
  private keep(next: number): void {
    this.work.copyWithin(0, next, this.carry.length);
    this.carry = this.work.subarray(0, this.carry.length - next);
  }

  private concat(a: Uint8Array, b: Uint8Array): Uint8Array {
    const out = this.allocate(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  }

  private readonly onByteRow = (row: ScannedRow, buf: Uint8Array): void => {
    const line = this.line;
    this.line += row.breaks;
    if (row.blank) {
      this.blank++;
      return;
    }
    const n = ++this.rows;
    const width = this.width;
    if (row.count !== width) {
      let extraText = false;
      for (let k = width; k < row.count; k++) if (row.ends[k]! > row.starts[k]!) extraText = true;
      const problem = fieldCountProblem(row.count, width, extraText);
      if (problem) {
        const text = this.cells.decode(buf.subarray(row.textStart, rawTextEnd(row, buf)));
        this.consumer.reject({ row: n, line, column: null, value: null, code: problem[0], message: problem[1], rejected: true, _corrupt_record: text });
        return;
      }
    }
    this.consumer.byteRow(row, buf, n, line);
  };
}
