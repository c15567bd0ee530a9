import { describe, expect, it } from 'vitest';
import {
  compileDatePattern,
  DATA_PREP_DATE_FORMATS,
  defaultDatePatterns,
  formatIsoDate,
  formatIsoDateTime,
  parseWithPatterns,
} from '../../../src/core/convert/dates';

const first = (text: string) => {
  const r = parseWithPatterns(text, defaultDatePatterns());
  return r && { pattern: r.pattern, date: formatIsoDate(r.parts), dateTime: formatIsoDateTime(r.parts) };
};

describe('Java date patterns', () => {
  it("compiles every format in Data Prep's list", () => {
    for (const f of DATA_PREP_DATE_FORMATS) expect(compileDatePattern(f).ok).toBe(true);
  });

  it.each([
    ['2024-05-05 20:39:00-0800', 'yyyy-MM-dd HH:mm:ssZ', '2024-05-06T04:39:00Z'],
    ['2024-05-05 20:39:00.005-0800', 'yyyy-MM-dd HH:mm:ss.SSSZ', '2024-05-06T04:39:00.005Z'],
    ['2024-03-01T10:12:00.250+02:00', "yyyy-MM-dd'T'HH:mm:ss.SSSX", '2024-03-01T08:12:00.250Z'],
    ['2024-03-01T10:12:00Z', "yyyy-MM-dd'T'HH:mm:ss'Z'", '2024-03-01T10:12:00Z'],
    ['2020-12-31', 'yyyy-MM-dd', '2020-12-31T00:00:00Z'],
    ['2020/12/31', 'yyyy/MM/dd', '2020-12-31T00:00:00Z'],
    ['2020-Dec-31', 'yyyy-MMM-dd', '2020-12-31T00:00:00Z'],
    ['20201231', 'yyyyMMdd', '2020-12-31T00:00:00Z'],
    ['12-31-2020', 'MM-dd-yyyy', '2020-12-31T00:00:00Z'],
    ['12112020', 'MMddyyyy', '2020-12-11T00:00:00Z'],
    ['1/05/2021', 'M/dd/yyyy', '2021-01-05T00:00:00Z'],
    ['05.1.2021', 'dd.M.yyyy', '2021-01-05T00:00:00Z'],
    ['3/05/2021 01:15:00 PM', 'M/dd/yyyy hh:mm:ss a', '2021-03-05T13:15:00Z'],
    ['3/05/2021 12:15:00 AM', 'M/dd/yyyy hh:mm:ss a', '2021-03-05T00:15:00Z'],
    ['05-Jan-2021', 'dd-MMM-yyyy', '2021-01-05T00:00:00Z'],
  ])('%s is read by %s', (text, pattern, iso) => {
    expect(first(text)).toMatchObject({ pattern, dateTime: iso });
  });

  it('rejects impossible dates and text', () => {
    for (const t of ['2021-02-29', '2020-13-01', '2020-12-32', 'tomorrow', '2020-12-31T25:00:00Z', '']) expect(first(t)).toBeNull();
    expect(first('2024-02-29')?.date).toBe('2024-02-29');
  });

  it('reads an explicit pattern strictly, with zone names and day names', () => {
    const p = compileDatePattern('EEE, dd MMM yyyy HH:mm:ss z');
    if (!p.ok) throw new Error(p.message);
    const parts = p.value.parse('Tue, 05 Mar 2024 09:30:00 PST')!;
    expect(formatIsoDateTime(parts)).toBe('2024-03-05T17:30:00Z');
    expect(p.value.parse('Tue, 05 Mar 2024 09:30:00 XYZ')).toBeNull();
    const dmy = compileDatePattern('dd/MM/yy');
    expect(dmy.ok && formatIsoDate(dmy.value.parse('03/04/21')!)).toBe('2021-04-03');
  });

  it.each([
    // As PostgreSQL, Python's isoformat() and BigQuery write timestamps: the microseconds are kept.
    ["yyyy-MM-dd'T'HH:mm:ss.SSSSSSX", '2007-09-19T09:45:35.339563Z', '2007-09-19T09:45:35.339563Z'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSSSSX", '2007-09-19T09:45:35.000001+02:00', '2007-09-19T07:45:35.000001Z'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSSSSX", '2007-09-19T09:45:35.339000Z', '2007-09-19T09:45:35.339Z'],
    ["yyyy-MM-dd'T'HH:mm:ss.SSSSSSX", '2007-09-19T09:45:35.000000Z', '2007-09-19T09:45:35Z'],
    ['yyyy-MM-dd HH:mm:ss.SSSSSS', '2007-09-19 09:45:35.000100', '2007-09-19T09:45:35.0001Z'],
    ['yyyy-MM-dd HH:mm:ss.SSSSSSSSS', '2007-09-19 09:45:35.123456789', '2007-09-19T09:45:35.123456789Z'],
    ['yyyy-MM-dd HH:mm:ss.S', '2007-09-19 09:45:35.5', '2007-09-19T09:45:35.500Z'],
  ])('%s reads %s as %s, no digit of the second lost', (pattern, text, iso) => {
    const p = compileDatePattern(pattern);
    if (!p.ok) throw new Error(p.message);
    expect(formatIsoDateTime(p.value.parse(text)!)).toBe(iso);
    // Read in a zone, the digits past the milliseconds follow the shifted instant's.
    if (!/[X+]/.test(pattern + text)) expect(formatIsoDateTime(p.value.parse(text)!, 'Europe/Paris')).toBe(iso.replace('T09:', 'T07:'));
  });

  it('names the unsupported letter', () => {
    expect(compileDatePattern('yyyy-ww')).toEqual({ ok: false, message: 'date pattern letter "w" in "yyyy-ww" is not supported' });
    expect(compileDatePattern("yyyy'T").ok).toBe(false);
  });

  it('refuses three letters of a two-digit part, as Java does, instead of throwing', () => {
    // `ddd` once built the regex `\d{3,2}`, which throws (found by a review).
    for (const f of ['ddd/MM/yyyy', 'yyyy-MM-dd HHH:mm', 'hhh:mm a', 'mmm', 'sss', 'kkk', 'KKK'])
      expect(compileDatePattern(f)).toMatchObject({ ok: false, message: expect.stringContaining('too many pattern letters') });
  });
});
