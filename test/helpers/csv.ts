import { createDecoder } from '../../src/core/csv/decode';
import { CsvReader, type HeaderInfo } from '../../src/core/csv/reader';
import { type SniffOverrides, sniff } from '../../src/core/csv/sniff';
import type { RowError } from '../../src/core/types';

export interface ReadResult {
  header: HeaderInfo | null;
  rows: { cells: string[]; row: number; line: number }[];
  rejects: RowError[];
  blankLines: number;
}

/** Sniffs and reads bytes through the real reader, in chunks of `chunk` characters. */
export function readCsv(input: string | Uint8Array, chunk = 1 << 20, overrides: SniffOverrides = {}): ReadResult {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const s = sniff(bytes.subarray(0, 256 * 1024), overrides);
  const out: ReadResult = { header: null, rows: [], rejects: [], blankLines: 0 };
  const reader = new CsvReader(s, {
    header: (h) => (out.header = h),
    row: (cells, row, line) => out.rows.push({ cells: [...cells], row, line }),
    reject: (e) => out.rejects.push(e),
  });
  const decoder = createDecoder(s.encoding);
  for (let i = 0; i < bytes.length; i += chunk) reader.push(decoder.decode(bytes.subarray(i, i + chunk), { stream: true }));
  reader.push(decoder.decode());
  reader.end();
  out.blankLines = reader.stats.blankLines;
  return out;
}
