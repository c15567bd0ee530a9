import { describe, expect, it } from 'vitest';
import { RowSource } from '../../../src/core/csv/rowSource';
import { type Delimiter, type LineEnding, sniff } from '../../../src/core/csv/sniff';

/** Everything a row source tells its consumer, in order, with byte rows decoded to their cells. */
function log(text: string, lineEnding: LineEnding, delimiter: Delimiter, reader: 'auto' | 'text') {
  const bytes = new TextEncoder().encode(text);
  const sniffed = sniff(bytes, { encoding: 'utf-8', delimiter, lineEnding, skipLines: 0 });
  const out: unknown[] = [];
  const source: RowSource = new RowSource(
    sniffed,
    {
      header: (h) => out.push(['header', h.columns]),
      takesBytes: () => true,
      bytesFrom: () => {},
      byteRow: (row, buf, n, line) => out.push(['row', n, line, source.decodeCells(row, buf)]),
      textRow: (cells, n, line) => out.push(['row', n, line, cells]),
      reject: (e) => out.push(['reject', e.row, e.line, e.code, e._corrupt_record]),
    },
    reader,
  );
  source.push(bytes);
  source.end();
  return { out, mode: source.reading.mode };
}

describe('RowSource', () => {
  // Found by a differential fuzz of the byte scanner against the text reader: the file's last
  // row, ended by the file, kept a trailing line break of the other kind in its raw text.
  it.each<[string, LineEnding, Delimiter, string]>([
    [',\r\n', '\r', ',', ''],
    [';\r\n\r', '\r\n', ';', ''],
    ['q\r\n;\n', '\r\n', ';', ';'],
    ['q\r\n\t\r\r', '\r\n', '\t', '\t\r'],
    ['a,b\rc\n', '\r', ',', 'c'],
  ])('%j (%j rows): a last row without its line break is rejected with the raw text the text reader gives', (text, nl, d, raw) => {
    const bytes = log(text, nl, d, 'auto');
    expect(bytes.mode).toBe('bytes');
    expect(bytes.out).toEqual(log(text, nl, d, 'text').out);
    expect(bytes.out.at(-1)).toEqual(['reject', 1, 2, expect.stringMatching(/^CSV_TOO_/), raw]);
  });
});
