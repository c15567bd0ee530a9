import { describe, expect, it } from 'vitest';
import { loadMapping } from '../../../src/core/mapping/document';

const doc = (settings: unknown) => ({
  kind: 'xdm-mapper/mapping',
  version: 1,
  name: '',
  source: { columns: ['c'] },
  target: { schemaId: 'x' },
  mappings: [{ sourceType: 'ATTRIBUTE', source: 'c', destination: 'a.b', settings }],
});

describe('reading settings in a mapping document', () => {
  it('keeps every kind of reading', () => {
    const settings = {
      dateFormat: 'dd MMM yy',
      dateLanguage: 'fr',
      twoDigitYearStart: 1930,
      timeZone: 'Europe/Paris',
      decimalSeparator: ',',
      thousandsSeparator: ' ',
      currency: '€',
      percent: true,
      trueWords: ['oui'],
      falseWords: ['non', ''],
    };
    const r = loadMapping(doc(settings));
    expect(r.ok && r.doc.mappings[0]!.settings).toEqual(settings);
  });

  it.each([
    [{ dateFormat: 'yyyy-ww' }, '/mappings/0/settings/dateFormat', 'letter "w"'],
    [{ timeZone: 'Mars/Olympus' }, '/mappings/0/settings/timeZone', 'unknown time zone'],
    [{ dateFormat: 'yyyy', epoch: 'seconds' }, '/mappings/0/settings/epoch', 'not both'],
    [{ decimalSeparator: ',', thousandsSeparator: ',' }, '/mappings/0/settings/thousandsSeparator', 'both thousands and decimals'],
    [{ trueWords: ['ja'], falseWords: ['JA'] }, '/mappings/0/settings/falseWords', 'both true and false'],
    [{ trueWords: [''] }, '/mappings/0/settings/trueWords', 'only mean false'],
    [{ dateLanguage: 'klingon' }, '/mappings/0/settings/dateLanguage', 'must be one of'],
    [{ decimalSeparator: ';' }, '/mappings/0/settings/decimalSeparator', 'must be one of'],
  ])('refuses %o, saying where', (settings, pointer, message) => {
    const r = loadMapping(doc(settings));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ pointer, message: expect.stringContaining(message) });
  });
});
