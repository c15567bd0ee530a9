/**
 * Where a file can be cut into pieces of whole rows, so that several threads can map the pieces
 * at once. It reads quotes the way the byte scanner ({@link ByteRowScanner}) does: a quote opens
 * a quoted field only as the first byte of a field, a quote inside a bare field is text, rows
 * end at `\n` (at `\r\n` in a `\r\n` file, at `\r` in a `\r` file) outside quoted fields. Only quotes and line breaks
 * are looked at, each found natively, so a cut costs little next to mapping the rows.
 *
 * A cut is a guess that the mapping threads confirm: the piece before it must scan to exactly
 * the cut. Where this reading and the scanner's could part (text after a closing quote), it
 * says `UNSURE` and the rest of the file is read in one piece, the way it always was.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** No row ends in the bytes given after the target: more bytes are needed. */
export const NEED_MORE = -1;
/** A quote the scanner would not read (text after a closing quote): cut no further. */
export const UNSURE = -2;

export class RowBoundary {
  constructor(
    private readonly delimiter: number,
    private readonly crlf: boolean,
    /** The byte that ends a row, as the scanner's (`\r` in a file of old Mac line breaks). */
    private readonly lineBreak: number = LF,
  ) {}

  /**
   * The end (just past the line break) of the first row that ends at or after `target`, reading
   * from `from`, which must be the start of a row; or {@link NEED_MORE} or {@link UNSURE}.
   */
  rowEndAfter(buf: Uint8Array, from: number, target: number): number {
    const to = buf.length;
    let p = from;
    // The first row-ending line break at or after the target; looked for again only once it
    // falls inside a quoted field.
    let end = this.lineEnd(buf, Math.max(p, target));
    for (;;) {
      if (end !== NEED_MORE && end <= p) end = this.lineEnd(buf, p);
      const q = buf.indexOf(QUOTE, p);
      // No quote before the line break: the row ends there.
      if (end !== NEED_MORE && (q < 0 || q >= end)) return end;
      if (q < 0) return NEED_MORE;
      if (!this.fieldStart(buf, from, q)) {
        p = q + 1;
        continue;
      }
      // A quoted field: its closing quote, past doubled ones.
      let c = buf.indexOf(QUOTE, q + 1);
      while (c >= 0 && c + 1 < to && buf[c + 1] === QUOTE) c = buf.indexOf(QUOTE, c + 2);
      if (c < 0 || c + 1 >= to) return NEED_MORE;
      const after = buf[c + 1];
      if (after === this.delimiter) {
        p = c + 2;
        continue;
      }
      let rowEnd: number;
      if (!this.crlf && after === this.lineBreak) rowEnd = c + 2;
      else if (this.crlf && after === CR) {
        if (c + 2 >= to) return NEED_MORE;
        if (buf[c + 2] !== LF) return UNSURE;
        rowEnd = c + 3;
      } else return UNSURE;
      if (rowEnd > target) return rowEnd;
      p = rowEnd;
    }
  }

  /** Just past the first line break at or after `at` that ends a row if it is outside quotes. */
  private lineEnd(buf: Uint8Array, at: number): number {
    for (let i = buf.indexOf(this.lineBreak, at); i >= 0; i = buf.indexOf(this.lineBreak, i + 1)) {
      // In a \r\n file a lone \n is text.
      if (!this.crlf || (i > 0 && buf[i - 1] === CR)) return i + 1;
    }
    return NEED_MORE;
  }

  /** Whether the quote at `q` is the first byte of a field (outside quoted fields). */
  private fieldStart(buf: Uint8Array, from: number, q: number): boolean {
    if (q === from) return true;
    const prev = buf[q - 1];
    if (prev === this.delimiter) return true;
    if (prev !== this.lineBreak) return false;
    return !this.crlf || (q >= 2 && buf[q - 2] === CR);
  }
}
