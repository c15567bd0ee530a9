import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileColumn, profileColumns } from '../../../src/core/csv/profile';
import { readCsv } from '../../helpers/csv';
import { LUMA_CSV } from '../../helpers/samples';

describe('profileColumns', () => {
  it('profiles the Luma file', () => {
    const r = readCsv(readFileSync(LUMA_CSV));
    const p = profileColumns(
      r.header!.columns,
      r.rows.map((x) => x.cells),
    );
    const byName = Object.fromEntries(p.map((c) => [c.name, c]));
    expect(byName.Price!.kind).toBe('decimal');
    expect(byName.Price!.min).toBeGreaterThan(0);
    expect(byName.SKU!.kind).toBe('text');
    expect(byName.SKU!.distinct).toBe(92);
    expect(byName.Color!.fillRate).toBeLessThan(1);
    expect(byName.Color!.fillRate).toBeGreaterThan(0.3);
    expect(byName.Size!.kind).toBe('text');
    expect(byName.Category!.top[0]!.count).toBeGreaterThan(1);
  });

  it.each([
    ['boolean', ['yes', 'No', 'TRUE', 'off']],
    ['integer', ['1', '-20', '300']],
    ['decimal', ['1.5', '20', '-0.25']],
    ['email', ['a@b.co', 'x.y@example.com']],
    ['url', ['https://a.example/x', 'http://b.example']],
    ['uuid', ['1b6e2c1a-3f0d-4a57-9d0e-2c6f1b8a7e11']],
    ['phone', ['+1 202-555-0110', '(415) 555-0150', '+44 7700 900123']],
    ['date', ['2024-01-02', '1999-12-31']],
    ['date-time', ['2024-03-01T10:12:00Z', '2024-03-02T16:45:30Z']],
    ['text', ['hello', 'world']],
    ['empty', ['', '']],
  ])('recognises %s columns', (kind, cells) => {
    expect(profileColumn('c', 0, cells).kind).toBe(kind);
  });

  it('names the date format and notices leading zeros', () => {
    expect(profileColumn('d', 0, ['12/31/2020', '1/02/2021']).dateFormat).toBe('M/dd/yyyy');
    expect(profileColumn('d', 0, ['31.12.2020', '02.1.2021']).dateFormat).toBe('dd.M.yyyy');
    const zip = profileColumn('zip', 0, ['00501', '10001']);
    expect([zip.kind, zip.leadingZeros]).toEqual(['integer', true]);
    expect(profileColumn('d', 0, ['20240301', '20231231']).kind).toBe('date');
  });
});
