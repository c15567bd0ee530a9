import { describe, expect, it } from 'vitest';
import { CsvReader } from '../../../src/core/csv/reader';
import { type CsvSample, readSample } from '../../../src/core/csv/sample';
import { sniff } from '../../../src/core/csv/sniff';

/** The sample as one read of all the bytes at once gives it: what readSample must equal. */
function readWhole(bytes: Uint8Array, maxRows: number, wholeFile: boolean): CsvSample {
  const sniffed = sniff(bytes.subarray(0, 256 * 1024));
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
  reader.push(new TextDecoder().decode(bytes, { stream: !wholeFile }));
  if (wholeFile) reader.end();
  return out;
}

// 12,000 rows (about 0.7 MB, several of readSample's pieces): quoted fields with line breaks
// and doubled quotes, accented text split across pieces, rows with a field too many or too few,
// a malformed quote, and a run of bad rows right at the row limit.
const lines = ['id,name,note'];
for (let r = 1; r <= 12_000; r++) {
  if (r % 997 === 0 || (r >= 7_998 && r <= 8_003)) lines.push(`${r},only two`);
  else if (r % 1231 === 0) lines.push(`${r},"bad"x,after`);
  else if (r % 3 === 0) lines.push(`${r},"Zoë ""Z"" Ångström","line one\nline two, ${r}"`);
  else lines.push(`${r},Łukasz ${r},plain ${r}`);
}
const text = `${lines.join('\n')}\n`;
const bytes = new TextEncoder().encode(text);
const sniffed = sniff(bytes.subarray(0, 256 * 1024));

describe('reading the sample of a file', () => {
  it('gives what one read of all its bytes gives, stopping or not, cut off or whole', () => {
    for (const maxRows of [10, 7_999, 8_000, 8_001, 11_000, 20_000])
      for (const whole of [true, false]) {
        const cut = whole ? bytes : bytes.subarray(0, bytes.length - 17);
        expect(readSample(cut, sniffed, maxRows, whole)).toEqual(readWhole(cut, maxRows, whole));
      }
  });

  it('stays complete when only rejected rows follow the full sample', () => {
    const good = Array.from({ length: 5 }, (_, r) => `${r},a,b`);
    const bad = Array.from({ length: 40_000 }, (_, r) => `${r},short`);
    const file = new TextEncoder().encode(`id,name,note\n${[...good, ...bad].join('\n')}\n`);
    const s = readSample(file, sniff(file.subarray(0, 256 * 1024)), 5, true);
    expect(s).toEqual(readWhole(file, 5, true));
    expect(s.complete).toBe(true);
    expect(s.rejects).toEqual([]);
  });
});
