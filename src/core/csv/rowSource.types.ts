import type { RowError } from '../types';
import type { ScannedRow } from './byteRows';
import type { HeaderInfo } from './reader';

/** Where a row source's rows go. */
export interface RowConsumer {
  header(h: HeaderInfo): void;
  /** Asked once the header is read: whether rows should come as scanned bytes. */
  takesBytes(): boolean;
  /** The rows given next are scanned from `buf`, whose bytes are new. */
  bytesFrom(buf: Uint8Array): void;
  /** A data row scanned as bytes, with the header's number of fields (or more, all empty). */
  byteRow(row: ScannedRow, buf: Uint8Array, n: number, line: number): void;
  /** A data row read as text, one cell per column. */
  textRow(cells: string[], n: number, line: number): void;
  /** A row that is not a row of the table. */
  reject(e: RowError): void;
}

export interface Reading {
  /**
   * `bytes`: rows scanned as bytes (written straight as bytes when they convert cleanly);
   * `text`: decoded and read by papaparse.
   */
  mode: 'bytes' | 'text';
  /** In `bytes` mode: the first data row the text reader read (at an odd quote), or null. */
  textFromRow: number | null;
  /**
   * In `bytes` mode: the data rows the text reader read. After an odd row it reads only until
   * it ends a row at a line break, and the scanner goes on from there.
   */
  textRows: number;
  /** In `bytes` mode: whether the text reader read everything from some row to the end. */
  textToEnd: boolean;
  /** Records written straight from their row, without building them. */
  direct: number;
}
