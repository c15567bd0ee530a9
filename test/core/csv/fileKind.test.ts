import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notCsvReason } from '../../../src/core/csv/fileKind';
import { cli, tempDir } from '../../helpers/cli';
import { LUMA_CSV, LUMA_MAPPING, LUMA_SCHEMA, ROOT } from '../../helpers/samples';

const fixture = (name: string) => join(ROOT, 'test', 'fixtures', 'not-csv', name);
const bytes = (path: string) => new Uint8Array(readFileSync(path));

describe('the file-kind check', () => {
  it.each([
    ['orders.xlsx', 'XLSX', /is an Excel workbook \(\.xlsx\), not CSV text: open it in your spreadsheet and save or export it as CSV first\./],
    ['orders-csv.zip', 'ZIP', /is a zip archive, not CSV text: unzip it/],
    ['products.csv.gz', 'GZIP', /compressed with gzip/],
    ['report.pdf', 'PDF', /is a PDF document/],
    ['chart.png', 'IMAGE', /is a PNG image/],
    ['orders-utf16-no-bom.csv', 'UTF16_NO_BOM', /UTF-16 text without a byte order mark/],
    ['empty.csv', 'EMPTY', /is empty \(0 bytes\)/],
  ])('refuses %s as %s, naming the file', (name, code, message) => {
    const r = notCsvReason(name, bytes(fixture(name)));
    expect(r?.code).toBe(code);
    expect(r?.message).toMatch(message);
    expect(r?.message.startsWith(`"${name}" `)).toBe(true);
  });

  it('calls a zip an Excel workbook by its entries even when it has another name', () => {
    expect(notCsvReason('download', bytes(fixture('orders.xlsx')))?.code).toBe('XLSX');
  });

  it('tells a legacy .xls, a JPEG and stray zero bytes apart', () => {
    expect(notCsvReason('a.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))?.code).toBe('XLS');
    expect(notCsvReason('a.jpg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.code).toBe('IMAGE');
    expect(notCsvReason('a.csv', new TextEncoder().encode('id,name\n1,Ada\u0000\n2,Bob\n'))?.code).toBe('BINARY');
  });

  it('lets real CSV through: UTF-8, Mac Roman, UTF-16 with its byte order mark', () => {
    expect(notCsvReason('luma.csv', bytes(LUMA_CSV))).toBeNull();
    expect(notCsvReason('orders.csv', bytes(join(ROOT, 'test/fixtures/shopify/shopify-orders-79.csv')))).toBeNull();
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'id,name\n1,Ada\n'].map((c) => c.charCodeAt(0))).buffer)]);
    expect(notCsvReason('u16.csv', utf16)).toBeNull();
  });

  it('is what the command line says too', async () => {
    const out = tempDir();
    const r = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, fixture('orders.xlsx'), '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain(notCsvReason('orders.xlsx', bytes(fixture('orders.xlsx')))!.message);
    // An empty export is refused too (exit 2), as in the web app, rather than written as an empty batch.
    const empty = await cli('apply', '--mapping', LUMA_MAPPING, '--schema', LUMA_SCHEMA, fixture('empty.csv'), '--out', out);
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('"empty.csv" is empty (0 bytes): expected a CSV file with a header row.');
    const s = await cli('suggest', '--schema', LUMA_SCHEMA, fixture('report.pdf'));
    expect(s.code).toBe(2);
    expect(s.err).toContain('"report.pdf" is a PDF document');
  });
});
