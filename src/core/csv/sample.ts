import type { RowError } from '../types';
import { createDecoder } from './decode';
import { CsvReader, type HeaderInfo } from './reader';
import type { Sniffed } from './sniff';

export interface CsvSample {
  header: HeaderInfo | null;
  rows: { cells: string[]; row: number; line: number }[];
  rejects: RowError[];
  /** True when the bytes ended before `maxRows` rows: the whole file was read. */
  complete: boolean;
}

/**
 * Reads the first rows of a file's first bytes, for profiles, suggestions and previews. The last
 * row of a cut-off sample may be incomplete, so it is dropped unless the sample is the whole file.
 */
export function readSample(bytes: Uint8Array, sniffed: Sniffed, maxRows: number, wholeFile: boolean): CsvSample {
  const out: CsvSample = { header: null, rows: [], rejects: [], complete: wholeFile };
  const reader = new CsvReader(sniffed, {
    header: (h) => {
      out.header = h;
    },
    row: (cells, row, line) => {
      if (out.rows.length < maxRows) out.rows.push({ cells, row, line });
      else out.complete = false;
    },
    reject: (e) => {
      if (e.row <= maxRows) out.rejects.push(e);
    },
  });
  const decoder = createDecoder(sniffed.encoding);
  // The reader gives the same rows whatever the pieces (it reads streams so), and once the rows
  // are full and a row past them was seen nothing further can change the sample (later
  // rejections are of rows past `maxRows`): the rest of the bytes is neither decoded nor parsed.
  let at = 0;
  do {
    const end = Math.min(bytes.length, at + SAMPLE_PIECE);
    reader.push(decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length || !wholeFile }));
    at = end;
    if (out.rows.length >= maxRows && !out.complete) return out;
  } while (at < bytes.length);
  if (wholeFile) reader.end();
  return out;
}

/** Bytes decoded and parsed at a time, so that reading stops soon after the sample is full. */
const SAMPLE_PIECE = 256 * 1024;
