import { describe, expect, it } from 'vitest';
import { loadSchemaFile } from '../../src/cli/files';
import { describeAepForm } from '../../src/cli/sources/aepForm';
import { mappingSetBody } from '../../src/cli/sources/dataflow';
import type { MappingDocument, MappingEntry } from '../../src/core/mapping/mapping.types';
import { compileMapping } from '../../src/core/transform/compile';
import { CRM_SCHEMA } from '../helpers/samples';

const COLUMNS = ['crmId', 'Date of Birth', 'joined.at', 'Points', 'Primary'];

const doc: MappingDocument = {
  kind: 'xdm-mapper/mapping',
  version: 1,
  name: 'CRM with day-first dates, decimal commas and German flags',
  source: { columns: COLUMNS },
  target: { schemaId: 'https://ns.adobe.com/techmarketingdemos/schemas/luma-crm' },
  mappings: [
    { sourceType: 'ATTRIBUTE', source: 'crmId', destination: '_techmarketingdemos.systemIdentifier.crmId' },
    { sourceType: 'ATTRIBUTE', source: 'Date of Birth', destination: 'person.birthDate', settings: { dateFormat: 'dd/MM/yyyy' } },
    { sourceType: 'ATTRIBUTE', source: 'joined.at', destination: 'loyalty.joinDate', settings: { dateFormat: "dd.MM.yyyy 'at' HH:mm" } },
    { sourceType: 'ATTRIBUTE', source: 'Points', destination: 'loyalty.points', settings: { decimalSeparator: ',', thousandsSeparator: '.' } },
    { sourceType: 'ATTRIBUTE', source: 'Primary', destination: 'homeAddress.primary', settings: { trueWords: ['ja'], falseWords: ['nein'] } },
  ],
};

// Readings that must hold, cells that are not what the settings say, and empty cells.
const ROWS = [
  ['c1', '03/04/1990', '01.02.2024 at 09:30', '1.234,5', 'ja'],
  ['c2', '31/12/1999', '29.02.2024 at 23:59', '12', 'Nein'],
  ['c3', '', '', '', ''],
  ['c4', '32/01/2000', '01.13.2024 at 10:00', '1,2,3', 'vielleicht'],
  ['c5', '1990-04-03', '2024-02-01T09:30:00Z', '1234.5', 'true'],
];

describe("deploy's mapping set: readings a mapping set cannot hold go as expressions", () => {
  it('the set deploy sends, run by our engine, gives the records the mapping gives', async () => {
    const tree = (await loadSchemaFile(CRM_SCHEMA)).result.tree;
    const set = mappingSetBody(doc, tree);
    const sent = set.mappings as MappingEntry[];
    expect(sent.map((m) => m.sourceType)).toEqual(['ATTRIBUTE', 'EXPRESSION', 'EXPRESSION', 'EXPRESSION', 'EXPRESSION']);
    // A column with a dot is braced with the dot escaped, or Data Prep reads a path (joined -> at).
    expect(sent[2]!.source).toBe(`date(\${joined\\.at}, "dd.MM.yyyy 'at' HH:mm")`);
    const lines = describeAepForm(doc, set);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'mapping 2 (Date of Birth -> person.birthDate): its reading (dateFormat "dd/MM/yyyy") goes to AEP as date(${Date of Birth}, "dd/MM/yyyy")',
    );
    const ours = compileMapping(doc, tree, COLUMNS);
    const theirs = compileMapping(
      { ...doc, mappings: sent.map(({ sourceType, source, destination }) => ({ sourceType, source, destination })) },
      tree,
      COLUMNS,
    );
    if (!ours.ok || !theirs.ok) throw new Error(JSON.stringify([ours, theirs]));
    let refused = 0;
    ROWS.forEach((cells, i) => {
      const a = ours.compiled.run(cells, i + 1, i + 2);
      const b = theirs.compiled.run(cells, i + 1, i + 2);
      expect(b.record, `row ${i + 1}`).toEqual(a.record);
      refused += a.errors.length;
    });
    // Our engine refuses the bad cells (the expression form may leave them out instead).
    expect(refused).toBeGreaterThanOrEqual(4);
  });
});
