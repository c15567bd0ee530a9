import Papa from 'papaparse';
import type { RowError } from '../types';
import type { Delimiter, LineEnding } from './sniff';

export interface Dialect {
  delimiter: Delimiter;
  lineEnding: LineEnding;
  /** Physical lines to skip before the header row. */
  skipLines: number;
}

export interface HeaderInfo {
  /** Column names as used by mappings: duplicates and blanks made unique. */
  columns: string[];
  /** Names exactly as written in the file. */
  raw: string[];
  /** Physical line of the header. */
  line: number;
  warnings: string[];
}

export interface ReaderSink {
  header(h: HeaderInfo): void;
  /** A data row with exactly one cell per column. */
  row(cells: string[], row: number, line: number): void;
  /** A row that cannot be read as a row of the table. */
  reject(error: RowError): void;
}

export interface ReaderStats {
  /** Data rows seen, good or rejected (blank lines are not rows). */
  rows: number;
  blankLines: number;
}

const MALFORMED = 'a quoted field has text after its closing quote';

/** A quoted field longer than this is taken to be an unclosed quote; a longer line is not a row. */
const MAX_RECORD_CHARS = 64 * 1024 * 1024;
/** Characters of an over-long line kept in its error entry. */
const LONG_LINE_HEAD = 1000;

/**
 * Streaming CSV reader over papaparse's chunk parser. Text goes in with `push` in pieces of any
 * size; rows come out with their 1-based data row and the physical line they start on. Rows
 * that cannot be read (unclosed or malformed quotes, wrong field count) come out as rejections
 * carrying their raw text, and reading resumes on the next line: nothing is dropped silently.
 */
export class CsvReader {
  readonly stats: ReaderStats = { rows: 0, blankLines: 0 };
  private buf = '';
  /** Physical line number of the first character of `buf`. */
  private line = 1;
  private width = -1;
  private toSkip: number;
  private nextParseAt = 0;
  private readonly nl: string;
  private ended = false;
  /** A line past the limit being skipped to its end: its line number, start and length so far. */
  private skipping: { line: number; head: string; chars: number } | null = null;

  constructor(
    private readonly dialect: Dialect,
    private readonly sink: ReaderSink,
  ) {
    this.nl = dialect.lineEnding === '\r' ? '\r' : '\n';
    this.toSkip = dialect.skipLines;
  }

  push(text: string): void {
    if (this.ended) throw new Error('CsvReader: push after end');
    if (this.skipping) {
      // The over-long line ends in this text (what follows it is now `buf`), or goes on.
      if (!this.skipTo(text)) return;
    } else this.buf += text;
    // A long quoted field is re-scanned from its start on each push; waiting until the
    // buffer has doubled keeps that linear overall.
    if (this.buf.length < this.nextParseAt) return;
    while (this.consume(true) === 'spilled') this.rejectFirstLine('CSV_MALFORMED_QUOTE', MALFORMED);
    this.nextParseAt = this.buf.length * 2;
    if (this.buf.length > MAX_RECORD_CHARS) {
      const nl = this.indexOfNewline(this.buf, 0);
      if (nl === -1 || nl.start > MAX_RECORD_CHARS) {
        // The line itself is past the limit: it is one row that cannot be read, skipped to its end.
        const rest = this.buf;
        this.buf = '';
        this.skipping = { line: this.line, head: rest.slice(0, LONG_LINE_HEAD), chars: 0 };
        this.nextParseAt = 0;
        if (this.skipTo(rest)) this.push('');
      } else this.rejectFirstLine('CSV_UNCLOSED_QUOTE', `a quoted field runs past ${MAX_RECORD_CHARS} characters: its closing quote is missing`);
    }
  }

  /**
   * Drops the text of an over-long line up to its line break; true once it has ended (the line
   * rejected, `buf` holding what follows it).
   */
  private skipTo(text: string): boolean {
    const skip = this.skipping!;
    const nl = this.indexOfNewline(text, 0);
    if (nl === -1) {
      skip.chars += text.length;
      return false;
    }
    skip.chars += nl.start;
    this.buf = text.slice(nl.end);
    this.endSkip();
    return true;
  }

  private endSkip(): void {
    const { line, head, chars } = this.skipping!;
    this.skipping = null;
    const message = `the line has ${chars.toLocaleString('en-US')} characters, more than the ${MAX_RECORD_CHARS.toLocaleString('en-US')} a row may have; its first ${LONG_LINE_HEAD} are in _corrupt_record`;
    if (this.width < 0) {
      this.width = 1;
      this.sink.header({ columns: [head], raw: [head], line, warnings: [`The header row could not be read: ${message}.`] });
    } else {
      const row = ++this.stats.rows;
      this.sink.reject({ row, line, column: null, value: null, code: 'CSV_ROW_TOO_LONG', message, rejected: true, _corrupt_record: `${head}…` });
    }
    this.line = line + 1;
    this.nextParseAt = 0;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.skipping) this.endSkip();
    while (this.buf.length) {
      const stop = this.consume(false);
      if (stop === 'done') break;
      if (stop === 'spilled') this.rejectFirstLine('CSV_MALFORMED_QUOTE', MALFORMED);
      else this.rejectFirstLine('CSV_UNCLOSED_QUOTE', 'a quoted field is not closed before the end of the file');
    }
    if (this.width < 0 && this.toSkip === 0) this.sink.header({ columns: [], raw: [], line: this.line, warnings: ['The file has no header row.'] });
  }

  /**
   * Parses what is buffered. Stops at an unclosed quote (`unclosed`), or at a malformed quote
   * whose row ran on over the next lines (`spilled`): papaparse looks for a closing quote
   * further on, which would swallow the following rows into one rejection; the caller rejects
   * the row's first line only and reading goes on at the next.
   */
  private consume(ignoreLastRow: boolean): 'done' | 'unclosed' | 'spilled' {
    while (this.toSkip > 0) {
      const i = this.indexOfNewline(this.buf, 0);
      if (i === -1) return 'done';
      this.buf = this.buf.slice(i.end);
      this.line++;
      this.toSkip--;
    }
    let prev = 0;
    let stop: 'done' | 'unclosed' | 'spilled' = 'done';
    const buf = this.buf;
    const parser = new Papa.Parser({
      delimiter: this.dialect.delimiter,
      newline: this.dialect.lineEnding,
      step: (res: { data: string[][]; errors: { code: string }[]; meta: { cursor: number } }) => {
        if (stop !== 'done') return;
        const cursor = res.meta.cursor;
        const cells = res.data[0] ?? [];
        if (res.errors.some((e) => e.code === 'MissingQuotes')) {
          stop = 'unclosed';
          return;
        }
        if (res.errors.length > 0 && stripNewline(buf.slice(prev, cursor)).includes(this.nl)) {
          stop = 'spilled';
          parser.abort();
          return;
        }
        const start = prev;
        prev = cursor;
        const startLine = this.line;
        this.line += countNewlines(buf, start, cursor, this.nl);
        this.emit(cells, buf, start, cursor, startLine, res.errors.length > 0);
      },
    });
    parser.parse(buf, 0, ignoreLastRow);
    this.buf = buf.slice(prev);
    return stop;
  }

  /** One parsed row; its raw text is `buf[start, end)`, cut out only when it is rejected. */
  private emit(cells: string[], buf: string, start: number, end: number, line: number, malformed: boolean): void {
    if (cells.length === 1 && cells[0] === '' && (end - start <= 2 ? stripNewline(buf.slice(start, end)) === '' : false)) {
      // papaparse reports the end of a file that ends with a newline as one more empty row.
      if (end > start) this.stats.blankLines++;
      return;
    }
    // A lone CR left by mixed line endings is never data.
    const last = cells.length - 1;
    if (this.dialect.lineEnding === '\n' && cells[last]!.endsWith('\r')) cells[last] = cells[last]!.slice(0, -1);
    if (this.width < 0) {
      this.width = cells.length;
      this.sink.header(makeHeader(cells, line));
      return;
    }
    const row = ++this.stats.rows;
    const problem = this.shapeProblem(cells, malformed);
    if (problem) {
      this.sink.reject({
        row,
        line,
        column: null,
        value: null,
        code: problem[0],
        message: problem[1],
        rejected: true,
        _corrupt_record: stripNewline(buf.slice(start, end)),
      });
      return;
    }
    this.sink.row(cells, row, line);
  }

  /** Why a row cannot be a row of this table, or null; trims trailing empty extra fields. */
  private shapeProblem(cells: string[], malformed: boolean): [RowError['code'], string] | null {
    if (malformed) return ['CSV_MALFORMED_QUOTE', MALFORMED];
    let extraText = false;
    for (let k = this.width; k < cells.length; k++) if (cells[k] !== '') extraText = true;
    const problem = fieldCountProblem(cells.length, this.width, extraText);
    if (!problem && cells.length > this.width) cells.length = this.width;
    return problem;
  }

  /**
   * Whether every character pushed so far was read into whole rows: the next text pushed starts
   * a row, so another reader (the byte scanner) can go on from here instead.
   */
  get atRowEnd(): boolean {
    return this.buf.length === 0 && this.skipping === null && this.toSkip === 0;
  }

  /** The physical line the next row starts on, and the data rows read so far. */
  get position(): { line: number; rows: number } {
    return { line: this.line, rows: this.stats.rows };
  }

  /**
   * Goes on after rows that were read elsewhere (the byte scanner of `apply`): the next text
   * pushed starts a row on `line`, and `rows` data rows came before it.
   */
  resume(line: number, rows: number): void {
    this.line = line;
    this.stats.rows = rows;
    this.nextParseAt = 0;
  }

  /** Rejects the first physical line of the buffer as unreadable and resumes after it. */
  private rejectFirstLine(code: RowError['code'], message: string): void {
    const nl = this.indexOfNewline(this.buf, 0);
    const text = nl === -1 ? this.buf : this.buf.slice(0, nl.start);
    this.buf = nl === -1 ? '' : this.buf.slice(nl.end);
    if (this.width < 0) {
      // An unreadable header still names the columns as best it can.
      this.width = 1;
      this.sink.header({ columns: [text], raw: [text], line: this.line, warnings: [`The header row could not be read: ${message}.`] });
    } else {
      const row = ++this.stats.rows;
      this.sink.reject({ row, line: this.line, column: null, value: null, code, message, rejected: true, _corrupt_record: text });
    }
    this.line++;
    this.nextParseAt = 0;
  }

  private indexOfNewline(s: string, from: number): { start: number; end: number } | -1 {
    const i = s.indexOf(this.nl, from);
    if (i < 0) return -1;
    if (this.nl === '\n' && i > 0 && s[i - 1] === '\r') return { start: i - 1, end: i + 1 };
    return { start: i, end: i + 1 };
  }
}

/**
 * Why a row of `count` fields is not a row of a `width`-column table, or null. Extra fields
 * that are all empty (a spreadsheet's trailing delimiters) carry no data and are dropped.
 */
export function fieldCountProblem(count: number, width: number, extraText: boolean): [RowError['code'], string] | null {
  const fields = `the row has ${count} fields; the header has ${width}`;
  if (count < width) return ['CSV_TOO_FEW_FIELDS', fields];
  if (count > width && extraText) return ['CSV_TOO_MANY_FIELDS', fields];
  return null;
}

/** Line breaks in `s[start, end)`. */
function countNewlines(s: string, start: number, end: number, nl: string): number {
  let n = 0;
  for (let i = s.indexOf(nl, start); i >= 0 && i < end; i = s.indexOf(nl, i + 1)) n++;
  return n;
}

function stripNewline(s: string): string {
  if (s.endsWith('\r\n')) return s.slice(0, -2);
  if (s.endsWith('\n') || s.endsWith('\r')) return s.slice(0, -1);
  return s;
}

/** Column names a mapping can use: blanks get `column_N`, duplicates get `_2`, `_3`. */
export function makeHeader(raw: string[], line: number): HeaderInfo {
  const warnings: string[] = [];
  const used = new Set<string>();
  const columns = raw.map((name, i) => {
    let base = i === 0 ? name.replace(/^\uFEFF/, '') : name;
    if (base.trim() === '') {
      base = `column_${i + 1}`;
      warnings.push(`Column ${i + 1} has no name; it is called "${base}".`);
    }
    let unique = base;
    for (let k = 2; used.has(unique); k++) unique = `${base}_${k}`;
    if (unique !== base) warnings.push(`Column ${i + 1} repeats the name "${base}"; it is called "${unique}".`);
    used.add(unique);
    return unique;
  });
  return { columns, raw, line, warnings };
}
