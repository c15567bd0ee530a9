import { ESCAPED, type ScannedRow } from '../csv/byteRows';
import { cellDecoder, createDecoder } from '../csv/decode';
import type { CsvEncoding } from '../csv/encoding';
import { utf8Length } from './byteCopy';
import type { CellSource } from './evaluate';

/** Bytes of a piece of the scanned buffer decoded at once for its ASCII fields. */
const PIECE_BITS = 18;
/**
 * Fields shorter than this are decoded character by character: their text is shorter than the
 * length from which V8 joins strings as ropes, so each step makes a small flat string, and that
 * costs less than a call into the platform's decoder. Longer fields go to the decoder.
 */
const BUILT_BYTES = 13;

/**
 * ASCII fields this short are made from their bytes in one call: a country code or a flag
 * read for its check would otherwise decode the whole piece of the buffer around it, row after
 * row, when nothing else in the row is read as text.
 */
const SHORT_ASCII = 4;

/** The text of ASCII bytes, one character at a time (for fewer than BUILT_BYTES, a flat string). */
function builtAscii(src: Uint8Array, s: number, e: number): string {
  let t = '';
  for (let i = s; i < e; i++) t += String.fromCharCode(src[i]!);
  return t;
}

/** The text of 1 to SHORT_ASCII ASCII bytes. */
function shortAscii(src: Uint8Array, s: number, e: number): string {
  switch (e - s) {
    case 1:
      return String.fromCharCode(src[s]!);
    case 2:
      return String.fromCharCode(src[s]!, src[s + 1]!);
    case 3:
      return String.fromCharCode(src[s]!, src[s + 1]!, src[s + 2]!);
    default:
      return String.fromCharCode(src[s]!, src[s + 1]!, src[s + 2]!, src[s + 3]!);
  }
}

/** Reads the text of a scanned field. */
export interface TextReader {
  /** Says that the fields read next are in `buf` (only its first `length` bytes hold rows). */
  source(buf: Uint8Array, length?: number): void;
  /** The text of `src[s, e)` as the text path has it (doubled quotes of a quoted field undone). */
  text(src: Uint8Array, s: number, e: number, form: number): string;
}

/**
 * Reads the text of fields (what the text path has as cells). The bytes being scanned are
 * decoded once as single-byte text, so that an ASCII field is a slice of it at the same
 * offsets; a field with other bytes is decoded as the file's own decoder decodes it.
 */
export function textReader(encoding: CsvEncoding, decodeSingleByte?: (bytes: Uint8Array) => string): TextReader {
  const fileDecoder = cellDecoder(encoding);
  // windows-1252 (what 'latin1' means to TextDecoder) maps every byte to one UTF-16 unit: offsets match.
  const latin1 = new TextDecoder('latin1');
  const single = decodeSingleByte ?? ((bytes: Uint8Array) => latin1.decode(bytes));
  // A single-byte encoding decodes each byte on its own: its characters for 0x80..0xFF, once.
  const high = encoding === 'utf-8' ? null : Array.from({ length: 128 }, (_, i) => createDecoder(encoding).decode(Uint8Array.of(0x80 + i)));
  let bytes: Uint8Array | null = null;
  // The buffer as a plain Uint8Array: a view of a Node Buffer is made through its own (slower) constructor.
  let plain: Uint8Array = new Uint8Array(0);
  // The buffer is decoded in pieces as they are needed: pieces this small stay ordinary heap
  // strings (Node makes megabyte ones external, and their churn keeps the collector busy).
  let pieces: (string | undefined)[] = [];
  // Bytes of the buffer that hold rows: a reused row buffer holds one row at its start.
  let filled = Number.POSITIVE_INFINITY;
  const use = (buf: Uint8Array, length?: number): void => {
    bytes = buf;
    plain = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    pieces = [];
    filled = length ?? Number.POSITIVE_INFINITY;
  };
  /** A field with bytes from 0x80 on, `first` being the first of them. */
  const decoded = (src: Uint8Array, s: number, e: number, first: number): string => {
    if (e - s < BUILT_BYTES) {
      const t = high ? builtSingle(src, s, e, high) : builtUtf8(src, s, e, first);
      if (t !== null) return t;
    }
    return fileDecoder.decode(plain.subarray(s, e));
  };
  return {
    source: use,
    text(src, s, e, form) {
      if (src !== bytes) use(src);
      let t: string | null = null;
      for (let i = s; i < e; i++)
        if (src[i]! >= 0x80) {
          t = decoded(src, s, e, i);
          break;
        }
      if (t === null && e > s && e - s <= SHORT_ASCII) t = shortAscii(src, s, e);
      if (t === null) {
        const k = s >>> PIECE_BITS;
        if (k !== (e - 1) >>> PIECE_BITS) t = single(plain.subarray(s, e));
        else {
          const base = k << PIECE_BITS;
          let piece = pieces[k];
          // A short field in a piece not decoded yet is built from its bytes: a column read now
          // and then (a number not written plainly) would otherwise decode every piece of the file.
          if (piece === undefined && e - s < BUILT_BYTES) t = builtAscii(src, s, e);
          else {
            if (piece === undefined) {
              piece = single(plain.subarray(base, Math.min(src.length, filled, base + (1 << PIECE_BITS))));
              pieces[k] = piece;
            }
            t = piece.slice(s - base, e - base);
          }
        }
      }
      return form === ESCAPED ? t.replaceAll('""', '"') : t;
    },
  };
}

/**
 * The text of well-formed UTF-8 bytes, built one character at a time (ASCII up to `first`);
 * null at the first sequence a strict decoder would reject, which the file's decoder then
 * replaces as it does.
 */
function builtUtf8(src: Uint8Array, s: number, e: number, first: number): string | null {
  let t = '';
  for (let i = s; i < first; i++) t += String.fromCharCode(src[i]!);
  for (let i = first; i < e; ) {
    const c = src[i]!;
    if (c < 0x80) {
      t += String.fromCharCode(c);
      i++;
      continue;
    }
    const n = utf8Length(src, i, e);
    if (n === 0) return null;
    let cp = c & (0x3f >> (n - 1));
    for (let k = 1; k < n; k++) cp = (cp << 6) | (src[i + k]! & 0x3f);
    t += String.fromCodePoint(cp);
    i += n;
  }
  return t;
}

/** The text of bytes of a single-byte encoding, from each byte's character. */
function builtSingle(src: Uint8Array, s: number, e: number, high: readonly string[]): string {
  let t = '';
  for (let i = s; i < e; i++) {
    const c = src[i]!;
    t += c < 0x80 ? String.fromCharCode(c) : high[c - 0x80]!;
  }
  return t;
}

/** The cells of the scanned row being written, as the row evaluation reads them. */
export interface ScannedCells extends CellSource {
  reader: TextReader;
  /** The row whose cells are read next, and its buffer. */
  at(row: ScannedRow, buf: Uint8Array): void;
  /** Says that a new row is being written: texts kept for the last one are stale. */
  next(): void;
}

/**
 * A column that several steps read (`iif(is_empty(x), "none", to_integer(x))`, a name in two
 * fields) is decoded once per row: its text is kept, marked with the row it was read for.
 * `width`: the header's columns (the only ones steps read).
 */
export function scannedCells(reader: TextReader, width: number): ScannedCells {
  let row: ScannedRow | null = null;
  let bytes: Uint8Array = new Uint8Array(0);
  let rowNumber = 0;
  const readFor = new Float64Array(width).fill(-1);
  const texts: string[] = new Array(width).fill('');
  return {
    reader,
    at(r, b) {
      row = r;
      bytes = b;
    },
    next() {
      rowNumber++;
    },
    text(i) {
      if (readFor[i] === rowNumber) return texts[i]!;
      const s = row!.starts[i]!;
      const e = row!.ends[i]!;
      const t = e === s ? '' : reader.text(bytes, s, e, row!.forms[i]!);
      if (i < width) {
        readFor[i] = rowNumber;
        texts[i] = t;
      }
      return t;
    },
  };
}
