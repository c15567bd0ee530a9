import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { converterFor, type ReadingSettings } from '../../../src/core/convert/coerce';
import { profileColumns } from '../../../src/core/csv/profile';
import { toAepMappingSet } from '../../../src/core/mapping/aep';
import { readingExpression, recogniseReading } from '../../../src/core/mapping/aepReadings';
import { toAepTemplate } from '../../../src/core/mapping/aepTemplate';
import { createMappingDocument, loadMapping, loadMappingText } from '../../../src/core/mapping/document';
import { destinationType, withInferredReading } from '../../../src/core/mapping/entryReadings';
import type { MappingDocument, MappingEntry } from '../../../src/core/mapping/mapping.types';
import type { FieldTree } from '../../../src/core/schema/field.types';
import { loadSchemaText } from '../../../src/core/schema/loadSchema';
import { compileMapping } from '../../../src/core/transform/compile';
import { compileValidator } from '../../../src/core/validate/validator';
import { readCsv } from '../../helpers/csv';

const DIR = join(import.meta.dirname, '../../fixtures/values');
const loaded = loadSchemaText(readFileSync(join(DIR, 'values.schema.json'), 'utf8'));
if (!loaded.ok) throw new Error('schema');
const tree: FieldTree = loaded.tree;
const typeOf = (d: string) => destinationType(tree, d);

/** A document compiled: each row's record as JSON text ("null" when rejected). */
function runner(doc: MappingDocument, columns: string[]): (cells: string[], i: number) => string {
  const v = compileValidator(tree.jsonSchema);
  if (!v.ok) throw new Error(v.message);
  const r = compileMapping(doc, tree, columns, { validator: v.validator });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return (cells, i) => JSON.stringify(r.compiled.run(cells, i + 1, i + 2).record);
}
const records = (doc: MappingDocument, columns: string[], rows: string[][]) => rows.map(runner(doc, columns));

/** The file's mapping with the readings suggest would write, and the same mapping as AEP gets it. */
function bothWays(file: string, entries: [string, string][], odd: string[][]) {
  const csv = readCsv(readFileSync(join(DIR, file)));
  const columns = csv.header!.columns;
  const rows = csv.rows.map((r) => r.cells);
  const profiles = profileColumns(columns, rows);
  const mappings = entries.map(([source, destination]) =>
    withInferredReading({ sourceType: 'ATTRIBUTE', source, destination }, profiles[columns.indexOf(source)]!.readings, tree),
  );
  const doc = createMappingDocument({ columns, schemaId: tree.id, mappings });
  const set = toAepMappingSet(doc, typeOf) as { mappings: MappingEntry[] };
  // The AEP set applied as it is: its expressions evaluated, not recognised back into settings.
  const aep: MappingDocument = { ...doc, mappings: set.mappings };
  const all = [...rows, ...odd];
  return { doc, set, mine: records(doc, columns, all), theirs: records(aep, columns, all) };
}

describe('a mapping and its AEP export give the same records', () => {
  it('French customers: day-first dates, decimal commas, Oui/Non, zone-less times', () => {
    const odd = [
      ['X', 'Y', '31/02/1990', 'Nice', '1.2.3,4', 'peut-être', '32/01/2024 10:00'],
      ['X', 'Y', '', '', '', '', ''],
      ['X', 'Y', '  ', 'Nice', '0,5', 'OUI', '01/01/2024 00:00'],
      ['X', 'Y', '1985-03-12', 'Nice', '1234.56', 'non', '2024-01-01'],
    ];
    const { doc, set, mine, theirs } = bothWays(
      'fr-clients.csv',
      [
        ['Prénom', 'person.name.firstName'],
        ['Nom', 'person.name.lastName'],
        ['Date de naissance', 'person.birthDate'],
        ['Ville', 'homeAddress.city'],
        ['Montant', 'commerce.amount'],
        ['Newsletter', 'newsletter'],
        ['Dernier achat', 'commerce.lastPurchase'],
      ],
      odd,
    );
    expect(doc.mappings.find((m) => m.source === 'Date de naissance')?.settings).toEqual({ dateFormat: 'dd/MM/yyyy' });
    expect(doc.mappings.find((m) => m.source === 'Montant')?.settings).toEqual({ decimalSeparator: ',', thousandsSeparator: '.' });
    expect(set.mappings.find((m) => m.destination === 'person.birthDate')?.source).toBe('date(${Date de naissance}, "dd/MM/yyyy")');
    expect(theirs).toEqual(mine);
    expect(JSON.parse(mine[0] as string)).toMatchObject({ person: { birthDate: '1985-03-12' }, commerce: { amount: 1234.56 }, newsletter: true });
  });

  it('Shopify orders: offsets, blank paid times, yes/no', () => {
    const { mine, theirs } = bothWays(
      'shopify-orders.csv',
      [
        ['Name', 'commerce.orderId'],
        ['Created at', 'commerce.createdAt'],
        ['Paid at', 'commerce.paidAt'],
        ['Total', 'commerce.total'],
        ['Lineitem quantity', 'commerce.quantity'],
        ['Accepts Marketing', 'commerce.acceptsMarketing'],
      ],
      [['#9', '', '', '2025-13-01 00:00:00 -0700', 'maybe', '', '', '1,5', '2025-03-20 05:20:57', '2.5', '', '', '']],
    );
    expect(JSON.parse(mine[0] as string).commerce.createdAt).toBe('2025-03-20T12:20:57Z');
    expect(theirs).toEqual(mine);
  });

  it('German articles: thousands dots, Ja/Nein, dotted dates', () => {
    const { mine, theirs } = bothWays(
      'de-artikel.csv',
      [
        ['Artikelnummer', 'product.sku'],
        ['Preis', 'product.price'],
        ['Aktiv', 'product.active'],
        ['Angelegt am', 'product.since'],
      ],
      [['A-0', 'x', '1.29', 'vielleicht', '29.02.2023']],
    );
    expect(JSON.parse(mine[1] as string).product).toEqual({ sku: 'A-1002', price: 1299, active: false, since: '2022-11-17' });
    expect(theirs).toEqual(mine);
  });
});

describe('constants with a reading', () => {
  it('go to AEP as the value they read as, in the form Data Prep reads by itself', () => {
    const doc = createMappingDocument({
      columns: [],
      schemaId: tree.id,
      mappings: [
        { sourceType: 'STATIC', source: '31/12/2030', destination: 'product.since', settings: { dateFormat: 'dd/MM/yyyy' } },
        { sourceType: 'STATIC', source: '1.234,50', destination: 'product.price', settings: { decimalSeparator: ',', thousandsSeparator: '.' } },
      ],
    });
    const set = toAepMappingSet(doc, typeOf) as { mappings: MappingEntry[] };
    expect(set.mappings).toEqual([
      { sourceType: 'STATIC', source: '2030-12-31', destination: 'product.since' },
      { sourceType: 'STATIC', source: '1234.5', destination: 'product.price' },
    ]);
    const [mine] = records(doc, ['x'], [['1']]);
    expect(JSON.parse(mine!).product).toEqual({ since: '2030-12-31', price: 1234.5 });
    expect(records({ ...doc, mappings: set.mappings }, ['x'], [['1']])).toEqual([mine]);
  });
});

describe('importing the AEP export recognises the readings again', () => {
  it.each<[string, ReadingSettings, 'date' | 'number' | 'boolean']>([
    ['Ordered', { dateFormat: 'dd/MM/yyyy' }, 'date'],
    ['Geburtsdatum', { dateFormat: 'd. MMMM yyyy', dateLanguage: 'de' }, 'date'],
    ['Fecha', { dateFormat: "d' de 'MMMM' de 'yyyy", dateLanguage: 'es' }, 'date'],
    ['Created at', { dateFormat: 'yyyy-MM-dd HH:mm:ss', timeZone: 'America/New_York' }, 'date'],
    ['Created', { dateFormat: 'dd.MM.yyyy HH:mm', timeZone: '+01:00' }, 'date'],
    ['dob', { dateFormat: 'dd/MM/yy', twoDigitYearStart: 1927 }, 'date'],
    ['ts', { epoch: 'milliseconds' }, 'date'],
    ['Preis', { decimalSeparator: ',', thousandsSeparator: '.', currency: '€' }, 'number'],
    ['Montant', { decimalSeparator: ',', thousandsSeparator: ' ', percent: true }, 'number'],
    ['Amount', { thousandsSeparator: ',', currency: 'US$' }, 'number'],
    ['Aktiv', { trueWords: ['ja', 'j'], falseWords: ['nein', 'n'] }, 'boolean'],
    ['if', { trueWords: ['x'], falseWords: [''] }, 'boolean'],
    // Columns named like Data Prep functions are braced, never read as the function.
    ['date', { dateFormat: 'dd/MM/yyyy' }, 'date'],
    ['Upper', { decimalSeparator: ',' }, 'number'],
  ])('%s %o', (column, settings, kind) => {
    const expr = readingExpression(column, settings, kind)!;
    if (column === 'date' || column === 'Upper') expect(expr).toContain(`\${${column}}`);
    expect(recogniseReading(expr)).toEqual({ column, settings, kind });
    const doc = createMappingDocument({
      columns: [column],
      schemaId: 'x',
      mappings: [{ sourceType: 'ATTRIBUTE', source: column, destination: 'a.b', settings }],
    });
    const back = loadMapping(toAepMappingSet(doc));
    expect(back.ok && back.doc.mappings).toEqual([{ sourceType: 'ATTRIBUTE', source: column, destination: 'a.b', settings }]);
    // The mapping screen's CSV template carries the same expression, and reads back the same way.
    const template = loadMappingText(toAepTemplate(doc));
    expect(template.ok && template.doc.mappings).toEqual([{ sourceType: 'ATTRIBUTE', source: column, destination: 'a.b', settings }]);
  });

  it('leaves other expressions as they are', () => {
    expect(recogniseReading('date(Ordered, "dd/MM/yyyy", now())')).toBeNull();
    expect(recogniseReading('concat(a, b)')).toBeNull();
    expect(recogniseReading('to_decimal(Price)')).toBeNull();
  });
});

describe('a number format and its expression accept the same texts', () => {
  const formats: ReadingSettings[] = [
    { decimalSeparator: ',', thousandsSeparator: '.' },
    { decimalSeparator: ',', thousandsSeparator: ' ', currency: '€', percent: true },
    { thousandsSeparator: ',', currency: '$' },
    { thousandsSeparator: "'" },
  ];
  const cell = fc.stringMatching(/^[-+(]?[ €$%]?[0-9]{0,4}([.,' \u00a0\u202f][0-9]{0,4}){0,3}[ €$%)]{0,2}$/);
  it('for random texts in and around each format', () => {
    const columns = ['v'];
    for (const settings of formats) {
      const doc = createMappingDocument({
        columns,
        schemaId: tree.id,
        mappings: [{ sourceType: 'ATTRIBUTE', source: 'v', destination: 'commerce.amount', settings }],
      });
      const aep: MappingDocument = { ...doc, mappings: (toAepMappingSet(doc, typeOf) as { mappings: MappingEntry[] }).mappings };
      const conv = converterFor('number', settings);
      const mine = runner(doc, columns);
      const theirs = runner(aep, columns);
      let read = 0;
      fc.assert(
        fc.property(cell, (text) => {
          const a = mine([text], 0);
          expect(theirs([text], 0)).toBe(a);
          if (conv.ok && conv.read(text) !== undefined) {
            read++;
            expect(JSON.parse(a).commerce.amount).toBe(conv.read(text));
          }
        }),
        { numRuns: 2000 },
      );
      // The generator must reach texts the format reads, or the property says little.
      expect(read).toBeGreaterThan(20);
    }
  });
});
