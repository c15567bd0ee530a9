import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CorpusColumn, gradeCorpus } from '../../../bench/values/grade';
import { inferColumnReadings, inferReadings, inferReadingsAndHead, readingFor } from '../../../src/core/csv/readings';

const read = (cells: string[], type: string, header = 'c', language: 'fr' | 'de' | null = null) =>
  readingFor(inferColumnReadings(cells, { header, language, now: Date.UTC(2026, 0, 1) }), type);

describe('date readings from the whole sample', () => {
  it('decides day first from a part above 12, anywhere in the sample, and says which value showed it', () => {
    const cells = [...Array.from({ length: 5000 }, () => '03/04/1985'), '23/04/1990', ...Array.from({ length: 5000 }, () => '05/06/1970')];
    const r = read(cells, 'date')!;
    expect(r.status).toBe('decided');
    expect(r.settings).toEqual({ dateFormat: 'dd/MM/yyyy' });
    expect(r.evidence[0]).toBe('day first: 23/04/1990 has 23 in the first part');
  });

  it('marks a sample that fits both orders ambiguous, with both readings and nothing chosen', () => {
    const r = read(['03/04/2021', '07/04/2021', '01/05/2021'], 'date', 'Date de naissance', 'fr')!;
    expect(r.status).toBe('ambiguous');
    expect(r.settings).toEqual({});
    expect(r.options.map((o) => o.settings.dateFormat)).toEqual(['dd/MM/yyyy', 'MM/dd/yyyy']);
    expect(r.evidence.join(' ')).toContain('03/04/2021 is 3 April 2021 or 4 March 2021');
    expect(r.evidence.join(' ')).toContain('a hint, not proof');
  });

  it('marks a column where both layouts occur ambiguous', () => {
    const r = read(['23/04/1990', '12/31/1990', '30/01/1991', '11/28/1991'], 'date')!;
    expect(r.status).toBe('ambiguous');
    expect(r.evidence[0]).toMatch(/both layouts occur/);
  });

  it('decides the order of a steadily rising column that no single value settles', () => {
    // Sorted by date read day first; read month first they jump about. No part is above 12.
    const cells = ['05/01/2024', '09/01/2024', '02/02/2024', '11/02/2024', '03/03/2024', '07/03/2024', '01/04/2024', '10/04/2024'];
    const r = read(cells, 'date')!;
    expect([r.status, r.settings.dateFormat]).toEqual(['decided', 'dd/MM/yyyy']);
    expect(r.evidence[0]).toMatch(/rise steadily when read day first/);
  });

  it('reads Shopify offsets, milliseconds and zone-less times, naming what the values carry', () => {
    expect(read(['2025-03-20 05:20:57 -0700', '2025-03-21 10:00:00 -0700'], 'date-time')!.settings).toEqual({ dateFormat: 'yyyy-MM-dd HH:mm:ss Z' });
    expect(read(['2024-03-01T10:12:00.250+02:00', '2024-03-01T10:12:00.000Z'], 'date-time')!.settings).toEqual({ dateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSSXXX" });
    const local = read(['2017-09-19 09:45:35', '2017-05-03 11:05:13'], 'date-time', 'Created date (UTC)')!;
    expect(local.evidence).toContain('no time zone in the values; the header says UTC');
  });

  it('asks about two-digit years that would land in the future, offering the past century first', () => {
    const r = read(['23/04/85', '12/03/79', '30/11/92'], 'date')!;
    expect(r.status).toBe('ambiguous');
    expect(r.options[0]!.settings).toEqual({ dateFormat: 'dd/MM/yy', twoDigitYearStart: 1927 });
    expect(r.options[0]!.example).toEqual({ text: '30/11/92', value: '1992-11-30' });
  });

  it('reads month names in the file language and Unix times by their digits', () => {
    expect(read(['3. März 1985', '12. Oktober 1990'], 'date')!.settings).toEqual({ dateFormat: 'd. MMMM yyyy', dateLanguage: 'de' });
    expect(read(['1742473257', '1742473300'], 'date-time')!.settings).toEqual({ epoch: 'seconds' });
    expect(read(['0496555103', '0478555274'], 'date-time')).toBeNull();
  });
});

describe('number and flag readings', () => {
  it('decides a decimal comma and thousands dots from the values', () => {
    const r = read(['1.234,56', '12,50', '-3,20'], 'number')!;
    expect(r.settings).toEqual({ decimalSeparator: ',', thousandsSeparator: '.' });
    expect(r.evidence[0]).toBe('decimal comma, thousands separated by ".": 1.234,56 has both a point and a comma, and the last one marks the decimals');
  });

  it('asks when every value fits a point as thousands and as decimals', () => {
    const r = read(['1.250', '2.000', '3.500'], 'number', 'Menge', 'de')!;
    expect(r.status).toBe('ambiguous');
    expect(r.options.map((o) => o.settings)).toEqual([{ decimalSeparator: ',', thousandsSeparator: '.' }, {}]);
  });

  it('reads currency and percent signs, and flags in several languages', () => {
    expect(read(['118.00 €', '29.00 €'], 'number')!.settings).toEqual({ currency: '€' });
    expect(read(['19 %', '5,5 %'], 'number')!.settings).toEqual({ decimalSeparator: ',', percent: true });
    expect(read(['Ja', 'Nein', 'ja'], 'boolean')!.settings).toEqual({ trueWords: ['ja', 'j'], falseWords: ['nein', 'n'] });
    expect(read(['Yes', 'no', 'Y'], 'boolean')!.settings).toEqual({});
    expect(read(['x', '', '', 'x'], 'boolean')!.settings.falseWords).toEqual(['']);
    expect(read(['1', '0', '1'], 'boolean')!.settings).toEqual({ trueWords: ['1'], falseWords: ['0'] });
  });

  it('takes ISO currency codes for currencies, not any three capitals: SKU-2 is a product code', () => {
    expect(read(['EUR 12,50', 'EUR 1.299,00', 'EUR 7,00'], 'number')!.settings).toMatchObject({ currency: 'EUR', decimalSeparator: ',' });
    // No number reading at all (null), or one that fits almost none of the values.
    expect(read(['SKU-2', 'SKU-3', 'SKU-14'], 'number')?.fit ?? 0).toBeLessThan(0.5);
    expect(read(['USD-2', 'USD-3'], 'number')?.fit ?? 0).toBe(1);
  });

  it('gives each field type its own reading of the same column', () => {
    const readings = inferReadings(['Flag'], [['1'], ['0'], ['1']])[0]!;
    expect(readingFor(readings, 'boolean')!.kind).toBe('boolean');
    expect(readingFor(readings, 'int')!.kind).toBe('number');
    expect(readingFor(readings, 'string')).toBeNull();
  });
});

describe('the values corpus', () => {
  const { columns } = JSON.parse(readFileSync(join(import.meta.dirname, '../../../bench/values/corpus.json'), 'utf8')) as { columns: CorpusColumn[] };
  it('reads every column right or asks for it, and converts no cell silently wrong', () => {
    const r = gradeCorpus(columns);
    expect(r.columns).toBeGreaterThanOrEqual(40);
    expect(r.silent).toBe(0);
    expect(r.wrong).toBe(0);
    expect(r.overConfident).toEqual([]);
    expect(r.right + r.asked).toBe(r.columns);
  });
});

describe('readings of the whole sample and of its first rows from one scan', () => {
  // Columns whose first 2,000 rows read otherwise than the whole sample: day and month in doubt
  // until row 3,000, epoch seconds with misfits after the first rows, a comma in doubt until a
  // decimal shows, a flag column; the mapped ones are taken out of the file's order, one unused.
  const header = ['unused', 'born', 'stamp', 'amount', 'active', 'name'];
  const rows = Array.from({ length: 12_000 }, (_, r) => [
    `u${r}`,
    r === 3000 ? '23/04/1990' : `0${(r % 9) + 1}/0${(r % 7) + 1}/19${70 + (r % 30)}`,
    r > 2500 && r % 200 === 0 ? `soon ${r}` : String(1_600_000_000 + r * 60),
    r === 9000 ? '1,5' : `${r % 9},${(r % 900) + 100}`,
    r % 3 ? 'oui' : 'non',
    ` name ${r % 50} `,
  ]);
  const names = ['active', 'born', 'stamp', 'amount', 'name'];
  const indices = names.map((n) => header.indexOf(n));
  const now = Date.UTC(2026, 0, 1);
  const alone = (rs: string[][]) => rs.map((r) => indices.map((i) => r[i]!));

  it('gives what scans of those columns alone give, on every row and on the first 2,000', () => {
    const { readings, head } = inferReadingsAndHead(names, indices, rows, now);
    expect(readings).toEqual(inferReadings(names, alone(rows), now));
    expect(head).toEqual(inferReadings(names, alone(rows.slice(0, 2000)), now));
    // The two differ where later rows settle or change a reading.
    expect(head[1]!.date!.status).toBe('ambiguous');
    expect(readings[1]!.date!.status).toBe('decided');
    expect(head[2]!.date!.misfits).toEqual([]);
    expect(readings[2]!.date!.misfits.length).toBeGreaterThan(0);
  });

  it('gives the same readings twice when the sample has no more rows than the first', () => {
    const few = rows.slice(0, 1500);
    const { readings, head } = inferReadingsAndHead(names, indices, few, now);
    expect(head).toEqual(readings);
    expect(readings).toEqual(inferReadings(names, alone(few), now));
  });
});
