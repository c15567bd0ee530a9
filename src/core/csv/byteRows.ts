import type { LineEnding } from './sniff';

/**
 * A CSV row scanner over bytes (UTF-8 or a single-byte encoding), for the hot path of `apply`:
 * it finds rows and the byte range of each field without making strings. It reads CSV exactly
 * as the papaparse-based {@link CsvReader} does (quoted fields, doubled quotes, line breaks
 * inside quotes, a quote inside a bare field taken as text, `\n`, `\r\n` or `\r` rows, a stray
 * `\r` before `\n` dropped in a `\n` file) and stops at the first row it is not sure about (text after a closing
 * quote, a quote left open at the end): the caller hands the rest to {@link CsvReader}, which
 * knows how to report such rows.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/**
 * No limit on the rows of a scan: a small integer, as the limits a caller gives are (V8 threw
 * the scanner's optimized code away when the first call's limit was 256 and a later one
 * Infinity, a number of another kind).
 */
export const ALL_ROWS = 0x3fffffff;
/** Bytes of a stretch scanned between two checks for room in the row's arrays. */
const BLOCK = 1 << 14;

/** How a field was written (`ScannedRow.forms`): bare, quoted, or quoted with doubled quotes inside. */
export const BARE = 0;
export const QUOTED = 1;
export const ESCAPED = 2;

/** The byte a scanner of a file with these line breaks ends rows at. */
export const lineBreakByte = (lineEnding: LineEnding): number => (lineEnding === '\r' ? CR : LF);

export type ScanStop =
  /** Everything up to `next` was scanned; the rest is the start of an incomplete row. */
  | 'more'
  /** The row at `next` is one the scanner does not read: hand it over. */
  | 'odd';

export interface ScannedRow {
  /** Fields in the row (may differ from the header's count). */
  count: number;
  /** Byte ranges of the fields' contents (quotes excluded). */
  starts: Int32Array;
  ends: Int32Array;
  forms: Uint8Array;
  /** An empty line: no text at all before its line break. */
  blank: boolean;
  /** The row's text without its line break (for error records). */
  textStart: number;
  textEnd: number;
  /** Line breaks the row spans, its own included. */
  breaks: number;
}

export class ByteRowScanner {
  readonly row: ScannedRow = {
    count: 0,
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    forms: new Uint8Array(64),
    blank: false,
    textStart: 0,
    textEnd: 0,
    breaks: 0,
  };

  /** Fields of `row.forms` from 0 that may still hold the marks of the last quoted row. */
  private marks = 0;

  constructor(
    private readonly delimiter: number,
    private readonly crlf: boolean,
    /** The byte that ends a row: `\n` (also in a `\r\n` file), or `\r` in a file of old Mac line breaks. */
    private readonly lineBreak: number = LF,
  ) {}

  /**
   * Scans rows of `buf` from `from`, calling `onRow` for each complete one (blank lines
   * included, flagged `blank`), at most `maxRows` of them.
   * With `final`, the end of `buf` ends the last row.
   */
  scan(buf: Uint8Array, from: number, final: boolean, onRow: (row: ScannedRow, buf: Uint8Array) => void, maxRows = ALL_ROWS): { next: number; stop: ScanStop } {
    const to = buf.length;
    const delim = this.delimiter;
    const delims = Math.imul(delim, 0x01010101);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const crlf = this.crlf;
    const nl = this.lineBreak;
    const row = this.row;
    let { starts, ends, forms } = row;
    let p = from;
    let done = 0;
    // The next line break (`nl`) and the next quote at or after p (-1: none), found natively.
    let nextLf = -2;
    let nextQuote = -2;
    // Every way out sets these and leaves through the one return at the end: V8 optimizes this
    // loop while it runs, and a return it never saw run (the end of a piece comes once per
    // call) would throw its optimized code away there.
    let next = -1;
    let ending: ScanStop = 'more';
    let marks = this.marks;
    rows: while (p < to && done < maxRows) {
      const rowStart = p;
      let count = 0;
      if (marks !== 0) {
        for (let k = 0; k < marks; k++) forms[k] = BARE;
        marks = 0;
      }
      let breaks = 0;
      let textEnd = -1;
      // The row in stretches: bare fields split on delimiters alone up to the next quote or
      // line break, then one field read the careful way (quoted, or bare around a quote or a
      // lone line feed), then bare fields again; most rows are a single stretch.
      for (;;) {
        if (nextLf !== -1 && nextLf < p) nextLf = buf.indexOf(nl, p);
        if (nextQuote !== -1 && nextQuote < p) nextQuote = buf.indexOf(QUOTE, p);
        // No line break left: the row cannot end before more bytes come.
        if (nextLf === -1 && !final) {
          next = rowStart;
          break rows;
        }
        const lf = nextLf === -1 ? to : nextLf;
        const limit = nextQuote !== -1 && nextQuote < lf ? nextQuote : lf;
        let start = p;
        let i = p;
        // Four bytes at a time, every delimiter of a word taken from one reading of it: the high
        // bit of a byte of m is set exactly where the byte is the delimiter (no carry crosses
        // from one byte into the next, so no flag is false), lowest first. The stretch goes in
        // blocks, with room for as many delimiters as a block has bytes made before it: none is
        // checked for room one by one (a third of the scan of a 73-column export), and a very
        // long line does not make the arrays as long as itself.
        for (;;) {
          const blockEnd = limit - i > BLOCK ? i + BLOCK : limit;
          if (count + (blockEnd - i) + 4 > starts.length) ({ starts, ends, forms } = this.grow(count + (blockEnd - i) + 4));
          for (; i + 4 <= blockEnd; i += 4) {
            const x = view.getUint32(i, true) ^ delims;
            let m = ~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x | 0x7f7f7f7f);
            while (m !== 0) {
              const at = i + ((31 - Math.clz32(m & -m)) >> 3);
              starts[count] = start;
              ends[count] = at;
              count++;
              start = at + 1;
              m &= m - 1;
            }
          }
          if (blockEnd === limit) break;
        }
        // At most 3 bytes are left before the limit. The room made for the last block holds
        // their delimiters and the field that ends the stretch (at the line break, or the one
        // read the careful way below).
        for (; i < limit; i++)
          if (buf[i] === delim) {
            starts[count] = start;
            ends[count] = i;
            count++;
            start = i + 1;
          }
        p = start;
        // The line break came first, and ends the row (a \r\n one in a \r\n file).
        const lineEnd = limit !== lf || nextLf === -1 ? -1 : !crlf ? lf : lf > start && buf[lf - 1] === CR ? lf - 1 : -1;
        if (lineEnd >= 0) {
          starts[count] = start;
          ends[count] = lineEnd;
          count++;
          textEnd = lineEnd;
          breaks++;
          p = lf + 1;
          break;
        }
        let end: number;
        let form = BARE;
        if (p < to && buf[p] === QUOTE) {
          start = ++p;
          form = QUOTED;
          for (;;) {
            // The closing (or a doubled) quote, found natively; the line breaks before it counted.
            const q = buf.indexOf(QUOTE, p);
            const stop = q < 0 ? to : q;
            // The next line feed is known when none came since it was found.
            let j = nextLf === -1 ? -1 : nextLf >= p ? nextLf : buf.indexOf(nl, p);
            for (; j >= 0 && j < stop; j = buf.indexOf(nl, j + 1)) breaks++;
            nextLf = j;
            p = stop;
            if (p >= to) {
              next = rowStart;
              ending = final ? 'odd' : 'more';
              break rows;
            }
            if (p + 1 < to && buf[p + 1] === QUOTE) {
              form = ESCAPED;
              p += 2;
              continue;
            }
            break;
          }
          end = p++;
          // After the closing quote: a delimiter, the row's line break, or the end of the file.
          if (p >= to) {
            if (!final) {
              next = rowStart;
              break rows;
            }
            textEnd = to;
          } else if (buf[p] === delim) {
            p++;
          } else if (!crlf && buf[p] === nl) {
            textEnd = p++;
            breaks++;
          } else if (crlf && buf[p] === CR && p + 1 < to && buf[p + 1] === LF) {
            textEnd = p;
            p += 2;
            breaks++;
          } else {
            next = rowStart;
            ending = crlf && buf[p] === CR && p + 1 >= to && !final ? 'more' : 'odd';
            break rows;
          }
        } else {
          // A bare field with a quote in it (text, as papaparse reads it), a lone \n of a \r\n
          // file (text, and a line of its own), or the last field of the bytes. (In a \r file a
          // \n is text like any other byte, and its \r ends the row as a \n does in a \n file.)
          for (; p < to; p++) {
            const c = buf[p]!;
            if (c === delim || c === nl || (c === CR && crlf)) {
              if (c === LF && crlf) {
                breaks++;
                continue;
              }
              if (c === CR && crlf) {
                if (p + 1 >= to) {
                  if (!final) {
                    next = rowStart;
                    break rows;
                  }
                  continue;
                }
                if (buf[p + 1] !== LF) continue;
              }
              break;
            }
          }
          end = p;
          if (p >= to) {
            if (!final) {
              next = rowStart;
              break rows;
            }
            textEnd = to;
          } else {
            const c = buf[p]!;
            if (c === delim) p++;
            else if (c === nl) {
              textEnd = p++;
              breaks++;
            } else {
              textEnd = p;
              p += 2;
              breaks++;
            }
          }
        }
        starts[count] = start;
        ends[count] = end;
        // Only a quoted field's form is written: the others stay BARE, as the arrays are made
        // and as the start of the next row leaves them again (`marks`), one store less a field.
        if (form !== BARE) {
          forms[count] = form;
          marks = count + 1;
        }
        count++;
        if (textEnd >= 0) break;
      }
      row.blank = textEnd === rowStart;
      // A \r left before the \n of a \n file belongs to no field, nor to the row's text.
      if (!crlf && nl === LF) {
        if (textEnd > rowStart && buf[textEnd - 1] === CR) textEnd--;
        const last = count - 1;
        if (ends[last]! > starts[last]! && buf[ends[last]! - 1] === CR) ends[last] = ends[last]! - 1;
      }
      row.count = count;
      row.textStart = rowStart;
      row.textEnd = textEnd;
      row.breaks = breaks;
      this.marks = marks;
      onRow(row, buf);
      done++;
    }
    this.marks = marks;
    return { next: next < 0 ? p : next, stop: ending };
  }

  private grow(least = 0): ScannedRow {
    let n = this.row.starts.length * 2;
    while (n < least) n *= 2;
    const starts = new Int32Array(n);
    starts.set(this.row.starts);
    const ends = new Int32Array(n);
    ends.set(this.row.ends);
    const forms = new Uint8Array(n);
    forms.set(this.row.forms);
    this.row.starts = starts;
    this.row.ends = ends;
    this.row.forms = forms;
    return this.row;
  }
}

/**
 * Where a rejected row's raw text ends. The file's last row, ended by the file and not by a
 * line break, loses one trailing `\r\n`, `\n` or `\r` of any kind, as the text reader's does.
 */
export function rawTextEnd(row: ScannedRow, buf: Uint8Array): number {
  const end = row.textEnd;
  if (end !== buf.length || end === row.textStart) return end;
  const last = buf[end - 1];
  if (last === LF && end - 1 > row.textStart && buf[end - 2] === CR) return end - 2;
  return last === LF || last === CR ? end - 1 : end;
}
