/**
 * Finds the bytes of a UTF-8 file that are not well-formed UTF-8, as the file streams by:
 * the decoder turns each into U+FFFD, which would change a value without a word. Only the
 * first few places are kept (line and byte offset), with a count of all of them.
 */
export class Utf8Check {
  /** Places found: 1-based physical line and 0-based byte offset in the file. */
  readonly places: { line: number; offset: number }[] = [];
  count = 0;
  private offset = 0;
  private line = 1;
  /** Bytes of a sequence cut by the end of the last chunk. */
  private pending: number[] = [];

  constructor(
    /** The byte that ends a physical line (`\n`, or `\r` in a file of `\r` lines). */
    private readonly lineBreak: number,
    private readonly keep = 5,
    /**
     * A native check that bytes are well-formed UTF-8, where the platform has one (Node's
     * `buffer.isUtf8`, ~50 times faster than the loop below): a chunk it passes is not read
     * byte by byte. Places are still found by the loop, so they are the same either way.
     */
    private readonly isUtf8?: (bytes: Uint8Array) => boolean,
  ) {}

  /** Checks the next bytes of the file. */
  push(bytes: Uint8Array): void {
    let from = 0;
    if (this.pending.length) {
      // Complete the cut sequence with the first bytes of this chunk.
      const head = Uint8Array.from([...this.pending, ...bytes.subarray(0, 4 - this.pending.length)]);
      const n = sequence(head, 0, head.length);
      const start = this.offset - this.pending.length;
      if (n > 0) from = n - this.pending.length;
      else if (n === -1 && head.length < 4 && bytes.length < 4) {
        this.pending = [...head];
        this.offset += bytes.length;
        return;
      } else {
        this.found(start);
        from = Math.max(0, 1 - this.pending.length);
      }
      this.pending = [];
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let lineFrom = 0;
    const lineAt = (i: number): number => {
      for (let j = bytes.indexOf(this.lineBreak, lineFrom); j >= 0 && j < i; j = bytes.indexOf(this.lineBreak, j + 1)) this.line++;
      lineFrom = i;
      return this.line;
    };
    let i = from;
    const end = bytes.length;
    if (this.isUtf8 && end - i > 64) {
      // The last sequence may be cut by the end of the chunk: it is left to the loop.
      let cut = end;
      for (let k = end - 1; k >= end - 4 && k >= i; k--)
        if ((bytes[k]! & 0xc0) !== 0x80) {
          if (bytes[k]! >= 0xc0) cut = k;
          break;
        }
      if (this.isUtf8(bytes.subarray(i, cut))) i = cut;
    }
    while (i < end) {
      // ASCII four bytes at a time.
      if (i + 4 <= end && (view.getUint32(i, true) & 0x80808080) === 0) {
        i += 4;
        continue;
      }
      if (bytes[i]! < 0x80) {
        i++;
        continue;
      }
      const n = sequence(bytes, i, end);
      if (n > 0) i += n;
      else if (n === -1) {
        // Cut by the end of the chunk: finished by the next one.
        this.pending = [...bytes.subarray(i)];
        break;
      } else {
        if (this.places.length < this.keep) this.places.push({ line: lineAt(i), offset: this.offset + i });
        this.count++;
        i++;
      }
    }
    lineAt(end);
    this.offset += bytes.length;
  }

  /** The file ended: a sequence still cut is not well-formed. */
  end(): void {
    if (this.pending.length) this.found(this.offset - this.pending.length);
    this.pending = [];
  }

  private found(offset: number): void {
    if (this.places.length < this.keep) this.places.push({ line: this.line, offset });
    this.count++;
  }

  /** The warning to give, or null when every byte was well-formed. */
  warning(): string | null {
    if (this.count === 0) return null;
    const where = this.places.map((p) => `line ${p.line.toLocaleString('en-US')} (byte ${p.offset.toLocaleString('en-US')})`).join(', ');
    const places = this.count === 1 ? '1 place' : `${this.count.toLocaleString('en-US')} places`;
    return `The file is read as UTF-8, but bytes in ${places} are not valid UTF-8 and were read as U+FFFD (\uFFFD): ${where}${this.count > this.places.length ? ', …' : ''}. If the file is in another encoding, choose it.`;
  }
}

/**
 * The length of the well-formed UTF-8 sequence at `buf[i]` (a byte >= 0x80), 0 when it is not
 * one, -1 when it may be one that `end` cuts short.
 */
function sequence(buf: Uint8Array, i: number, end: number): number {
  const c = buf[i]!;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k <= need; k++) {
    if (i + k >= end) return -1;
    const b = buf[i + k]!;
    if (b < (k === 1 ? lo : 0x80) || b > (k === 1 ? hi : 0xbf)) return 0;
  }
  return need + 1;
}
