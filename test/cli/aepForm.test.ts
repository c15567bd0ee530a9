import { describe, expect, it } from 'vitest';
import { loadSchemaFile } from '../../src/cli/files';
import { aepForm, describeAepForm } from '../../src/cli/sources/aepForm';
import type { MappingDocument } from '../../src/core/mapping/mapping.types';
import { compileMapping } from '../../src/core/transform/compile';
import { CRM_SCHEMA } from '../helpers/samples';

const COLUMNS = ['crmId', 'Date of Birth', 'joined.at'];

const doc: MappingDocument = {
  kind: 'xdm-mapper/mapping',
  version: 1,
  name: 'CRM with day-first dates',
  source: { columns: COLUMNS },
  target: { schemaId: 'https://ns.adobe.com/techmarketingdemos/schemas/luma-crm' },
  mappings: [
    { sourceType: 'ATTRIBUTE', source: 'crmId', destination: '_techmarketingdemos.systemIdentifier.crmId' },
    { sourceType: 'ATTRIBUTE', source: 'Date of Birth', destination: 'person.birthDate', settings: { dateFormat: 'dd/MM/yyyy' } },
    { sourceType: 'ATTRIBUTE', source: 'joined.at', destination: 'loyalty.joinDate', settings: { dateFormat: "dd.MM.yyyy 'at' HH:mm" } },
    { sourceType: 'STATIC', source: '31/12/2030', destination: 'loyalty.tierExpiryDate', settings: { dateFormat: 'dd/MM/yyyy' } },
  ],
};

// Day-first dates, a date that is not one, an empty cell, a month-first reading that must not be taken.
const ROWS = [
  ['c1', '03/04/1990', '01.02.2024 at 09:30'],
  ['c2', '31/12/1999', '29.02.2024 at 23:59'],
  ['c3', '', ''],
  ['c4', '32/01/2000', '01.13.2024 at 10:00'],
  ['c5', '1990-04-03', '2024-02-01T09:30:00Z'],
  ['c6', '3/4/1990', '1.2.2024 at 9:30'],
];

describe("deploy's mapping set: settings AEP cannot hold become expressions", () => {
  it('each stated date format is sent as the date() expression that reads the same, in our engine too', async () => {
    const tree = (await loadSchemaFile(CRM_SCHEMA)).result.tree;
    const form = aepForm(doc);
    expect(form.doc.mappings.map((m) => [m.sourceType, m.source])).toEqual([
      ['ATTRIBUTE', 'crmId'],
      ['EXPRESSION', 'date(${Date of Birth}, "dd/MM/yyyy")'],
      ['EXPRESSION', `date(\${joined\\.at}, "dd.MM.yyyy 'at' HH:mm")`],
      ['EXPRESSION', 'date("31/12/2030", "dd/MM/yyyy")'],
    ]);
    expect(form.doc.mappings.some((m) => m.settings)).toBe(false);
    expect(describeAepForm(doc, form)[0]).toBe(
      'mapping 2 (Date of Birth -> person.birthDate): its date format dd/MM/yyyy goes to AEP as date(${Date of Birth}, "dd/MM/yyyy")',
    );
    const ours = compileMapping(doc, tree, COLUMNS);
    const sent = compileMapping(form.doc, tree, COLUMNS);
    if (!ours.ok || !sent.ok) throw new Error(JSON.stringify([ours, sent]));
    let refused = 0;
    ROWS.forEach((cells, i) => {
      const a = ours.compiled.run(cells, i + 1, i + 2);
      const b = sent.compiled.run(cells, i + 1, i + 2);
      expect(b.record, `row ${i + 1}`).toEqual(a.record);
      // The same cells are refused, each naming its value and the pattern.
      expect(
        b.errors.map((e) => [e.destination, e.value]),
        `row ${i + 1}`,
      ).toEqual(a.errors.map((e) => [e.destination, e.value]));
      for (const e of b.errors) expect(e.message).toContain('does not match the date format');
      refused += b.errors.length;
    });
    // Both dates of the last three rows are refused; the first three are read.
    expect(refused).toBe(6);
  });
});
