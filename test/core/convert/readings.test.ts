import { describe, expect, it } from 'vitest';
import { converterFor, type ReadingSettings } from '../../../src/core/convert/coerce';
import { compileDatePattern } from '../../../src/core/convert/dates';
import { plainNumber } from '../../../src/core/convert/numbers';

const convert = (type: string, settings: ReadingSettings, text: string) => {
  const c = converterFor(type, settings);
  if (!c.ok) throw new Error(c.message);
  const r = c.convert(text);
  return r.ok ? r.value : `error ${r.code}`;
};

describe('numbers in a stated format', () => {
  it.each([
    ['1.234,56', { decimalSeparator: ',', thousandsSeparator: '.' }, 1234.56],
    ['1 234,56', { decimalSeparator: ',', thousandsSeparator: ' ' }, 1234.56],
    ['1\u00a0234,56', { decimalSeparator: ',', thousandsSeparator: ' ' }, 1234.56],
    ['1\u202f234\u202f567,5', { decimalSeparator: ',', thousandsSeparator: ' ' }, 1234567.5],
    ['1,234.56', { thousandsSeparator: ',' }, 1234.56],
    ["1'234.50", { thousandsSeparator: "'" }, 1234.5],
    ['12,5', { decimalSeparator: ',' }, 12.5],
    ['-12,50 €', { decimalSeparator: ',', currency: '€' }, -12.5],
    ['€ -12,50', { decimalSeparator: ',', currency: '€' }, -12.5],
    ['-€12.50', { currency: '€' }, -12.5],
    ['(1,234.00)', { thousandsSeparator: ',' }, -1234],
    ['USD 1,234.00', { thousandsSeparator: ',', currency: 'USD' }, 1234],
    ['R$ 1.234,00', { decimalSeparator: ',', thousandsSeparator: '.', currency: 'R$' }, 1234],
    ['19%', { percent: true }, 19],
    ['19,5 %', { decimalSeparator: ',', percent: true }, 19.5],
    ['−7,25', { decimalSeparator: ',' }, -7.25],
    ['1.234', { decimalSeparator: ',', thousandsSeparator: '.' }, 1234],
  ] as const)('%s reads as %s with %o', (text, settings, value) => {
    expect(convert('number', settings as ReadingSettings, text)).toBe(value);
  });

  it('refuses what the format does not describe, instead of reading another number', () => {
    const de: ReadingSettings = { decimalSeparator: ',', thousandsSeparator: '.' };
    for (const t of ['1.5', '12.34,5', '1,234.56', '0.500', '1.2345', '12,34,5', '€12', '1e5', '', '-', ','])
      expect(convert('number', de, t)).toBe('error TYPE_NUMBER');
    expect(convert('number', { thousandsSeparator: ',' }, '1,23')).toBe('error TYPE_NUMBER');
    expect(convert('number', { currency: '€' }, '$12.00')).toBe('error TYPE_NUMBER');
    expect(convert('number', { decimalSeparator: ',' }, '1.234')).toBe('error TYPE_NUMBER');
  });

  it('checks whole numbers and their range in integer fields', () => {
    expect(convert('int', { decimalSeparator: ',', thousandsSeparator: '.' }, '1.234.567')).toBe(1234567);
    expect(convert('int', { decimalSeparator: ',' }, '12,5')).toBe('error TYPE_INTEGER');
    expect(convert('byte', { decimalSeparator: ',', thousandsSeparator: '.' }, '1.000')).toBe('error TYPE_INTEGER_RANGE');
  });

  it('writes the plain form exactly', () => {
    expect(plainNumber('1.234.567,891', { decimalSeparator: ',', thousandsSeparator: '.' })).toBe('1234567.891');
    expect(plainNumber(' 007 ', { decimalSeparator: ',', thousandsSeparator: '.' })).toBe('007');
  });
});

describe('flags with stated words', () => {
  it('reads only the stated words, in any case', () => {
    const ja: ReadingSettings = { trueWords: ['ja'], falseWords: ['nein'] };
    expect(convert('boolean', ja, 'JA')).toBe(true);
    expect(convert('boolean', ja, ' Nein ')).toBe(false);
    expect(convert('boolean', ja, 'yes')).toBe('error TYPE_BOOLEAN');
    expect(convert('boolean', { trueWords: ['sí', 'si'], falseWords: ['no'] }, 'Sí')).toBe(true);
    expect(convert('boolean', { trueWords: ['1'], falseWords: ['0'] }, '0')).toBe(false);
  });

  it('reads a blank cell as false when the empty word is stated, and says so', () => {
    const c = converterFor('boolean', { trueWords: ['x'], falseWords: [''] });
    expect(c.ok && c.readsEmpty).toBe(true);
    expect(convert('boolean', { trueWords: ['x'], falseWords: [''] }, '')).toBe(false);
    expect(convert('boolean', { trueWords: ['x'], falseWords: [''] }, 'X')).toBe(true);
    expect(converterFor('boolean').ok && (converterFor('boolean') as { readsEmpty?: boolean }).readsEmpty).toBeFalsy();
  });
});

describe('dates with a stated reading', () => {
  it('reads Unix time in seconds and milliseconds', () => {
    expect(convert('date-time', { epoch: 'seconds' }, '1742473257')).toBe('2025-03-20T12:20:57Z');
    expect(convert('date-time', { epoch: 'milliseconds' }, '1742473257123')).toBe('2025-03-20T12:20:57.123Z');
    expect(convert('date', { epoch: 'seconds' }, '1742473257')).toBe('2025-03-20');
    expect(convert('date-time', { epoch: 'seconds' }, 'soon')).toBe('error TYPE_DATETIME');
  });

  it('reads month names in the stated language', () => {
    expect(convert('date', { dateFormat: 'd. MMMM yyyy', dateLanguage: 'de' }, '3. März 1985')).toBe('1985-03-03');
    expect(convert('date', { dateFormat: 'dd MMM yyyy', dateLanguage: 'fr' }, '12 janv. 2024')).toBe('2024-01-12');
    expect(convert('date', { dateFormat: "d 'de' MMMM 'de' yyyy", dateLanguage: 'es' }, '5 de septiembre de 2023')).toBe('2023-09-05');
    expect(convert('date', { dateFormat: 'dd MMMM yyyy', dateLanguage: 'pt' }, '01 março 2022')).toBe('2022-03-01');
    expect(convert('date', { dateFormat: 'dd-MMM-yyyy', dateLanguage: 'nl' }, '07-mrt-2021')).toBe('2021-03-07');
    expect(convert('date', { dateFormat: 'dd MMMM yyyy', dateLanguage: 'it' }, '15 Giugno 2020')).toBe('2020-06-15');
    expect(convert('date', { dateFormat: 'EEEE d MMMM yyyy', dateLanguage: 'fr' }, 'mardi 12 mars 2024')).toBe('2024-03-12');
    expect(convert('date', { dateFormat: 'dd MMMM yyyy', dateLanguage: 'de' }, '12 mars 2024')).toBe('error TYPE_DATE');
  });

  it('reads zone-less date-times in the stated zone, with daylight saving time', () => {
    expect(convert('date-time', { dateFormat: 'dd.MM.yyyy HH:mm', timeZone: 'Europe/Berlin' }, '15.07.2024 10:00')).toBe('2024-07-15T08:00:00Z');
    expect(convert('date-time', { dateFormat: 'dd.MM.yyyy HH:mm', timeZone: 'Europe/Berlin' }, '15.01.2024 10:00')).toBe('2024-01-15T09:00:00Z');
    expect(convert('date-time', { dateFormat: 'yyyy-MM-dd HH:mm:ss Z', timeZone: 'Europe/Berlin' }, '2025-03-20 05:20:57 -0700')).toBe('2025-03-20T12:20:57Z');
    expect(convert('date-time', { dateFormat: 'yyyy-MM-dd HH:mm', timeZone: '-05:00' }, '2024-01-01 19:30')).toBe('2024-01-02T00:30:00Z');
    expect(converterFor('date-time', { timeZone: 'Mars/Olympus' }).ok).toBe(false);
  });

  it('reads a zone ID written in the text (VV)', () => {
    const p = compileDatePattern('yyyy-MM-dd HH:mm VV');
    expect(p.ok && p.value.parse('2024-07-15 10:00 America/New_York')?.zone).toBe('America/New_York');
    expect(convert('date-time', { dateFormat: 'yyyy-MM-dd HH:mm VV' }, '2024-07-15 10:00 America/New_York')).toBe('2024-07-15T14:00:00Z');
    expect(convert('date-time', { dateFormat: 'yyyy-MM-dd HH:mm VV' }, '2024-07-15 10:00 Nowhere/Land')).toBe('error TYPE_DATETIME');
  });
});
