import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePreflight, preflight, preflightOfHead } from '../../../src/core/batch/preflight';
import { profileColumns } from '../../../src/core/csv/profile';
import { HEAD_ROWS } from '../../../src/core/csv/reading.types';
import { inferReadings } from '../../../src/core/csv/readings';
import { sniff } from '../../../src/core/csv/sniff';
import { createMappingDocument } from '../../../src/core/mapping/document';
import type { MappingEntry } from '../../../src/core/mapping/mapping.types';
import type { FieldTree } from '../../../src/core/schema/field.types';
import { loadSchemaText } from '../../../src/core/schema/loadSchema';
import { compileValidator } from '../../../src/core/validate/validator';
import { readCsv } from '../../helpers/csv';
import { sampleTree } from '../../helpers/samples';

const DIR = join(import.meta.dirname, '../../fixtures/values');
const loaded = loadSchemaText(readFileSync(join(DIR, 'values.schema.json'), 'utf8'));
if (!loaded.ok) throw new Error('schema');
const values = loaded.tree;
const attr = (source: string, destination: string, settings?: MappingEntry['settings']): MappingEntry => ({
  sourceType: 'ATTRIBUTE',
  source,
  destination,
  ...(settings ? { settings } : {}),
});

function check(tree: FieldTree, columns: string[], rows: string[][], mappings: MappingEntry[], maxErrors = 5) {
  const v = compileValidator(tree.jsonSchema);
  if (!v.ok) throw new Error(v.message);
  return preflight({ doc: createMappingDocument({ columns, schemaId: tree.id, mappings }), tree, columns, rows, validator: v.validator, maxErrors });
}

const fr = readCsv(readFileSync(join(DIR, 'fr-clients.csv')));
const frColumns = fr.header!.columns;
const frRows = fr.rows.map((r) => r.cells);

describe('pre-flight', () => {
  it('stops a French birth-date column that Data Prep would read month first, naming the fix', () => {
    const p = check(values, frColumns, frRows, [attr('Date de naissance', 'person.birthDate')]);
    expect(p.blocked.map((c) => c.status)).toEqual(['differs']);
    expect(p.blocked[0]!.message).toContain('12/03/1985 would be read as 1985-12-03 instead of 1985-03-12');
    expect(p.blocked[0]!.message).toContain('"settings": {"dateFormat":"dd/MM/yyyy"} in mapping 0');
    expect(check(values, frColumns, frRows, [attr('Date de naissance', 'person.birthDate', { dateFormat: 'dd/MM/yyyy' })]).blocked).toEqual([]);
  });

  it('stops an ambiguous column with both readings, until the mapping states one', () => {
    const rows = [['03/04/2021'], ['07/04/2021'], ['01/05/2021']];
    const p = check(values, ['Date'], rows, [attr('Date', 'product.since')]);
    expect(p.blocked[0]!.status).toBe('ambiguous');
    expect(p.blocked[0]!.message).toMatch(/month first \(MM\/dd\/yyyy\).* or day first \(dd\/MM\/yyyy\)|day first \(dd\/MM\/yyyy\).* or month first/);
    expect(check(values, ['Date'], rows, [attr('Date', 'product.since', { dateFormat: 'MM/dd/yyyy' })]).blocked).toEqual([]);
  });

  it('marks columns that mostly do not fit their field, and flags into a street', () => {
    const rows = Array.from({ length: 10 }, (_, i) => [`Street ${i}`, i % 2 ? 'x' : '']);
    const p = check(values, ['Street', 'Mark'], rows, [attr('Street', 'commerce.amount'), attr('Mark', 'homeAddress.city')]);
    expect(p.warnings.map((w) => [w.column, w.status])).toEqual([
      ['Street', 'misfit'],
      ['Mark', 'misfit'],
    ]);
    expect(p.warnings[0]!.message).toBe(
      '10 of 10 values of column "Street" do not fit commerce.amount (number), e.g. "Street 0", "Street 1", "Street 2": the column holds text',
    );
  });

  it('names the reading that fits a misfit column whose values none of Data Prep’s formats take (microseconds)', () => {
    // As PostgreSQL and Python's isoformat() write timestamps: six digits after the seconds.
    const rows = Array.from({ length: 30 }, (_, i) => [
      `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T10:12:0${i % 10}.${String(123456 + i * 7919).slice(0, 6)}Z`,
    ]);
    const p = check(values, ['Created'], rows, [attr('Created', 'commerce.createdAt')]);
    expect(p.warnings.map((w) => w.status)).toEqual(['misfit']);
    expect(p.warnings[0]!.message).toContain('30 of 30 values of column "Created" do not fit commerce.createdAt (date-time)');
    expect(p.warnings[0]!.message).toContain(`all 30 fit: state it in the mapping, "settings": {"dateFormat":"yyyy-MM-dd'T'HH:mm:ss.SSSSSSX"} in mapping 0`);
    // Stated, the values fit; a reading that reads too few of them is not offered.
    expect(check(values, ['Created'], rows, [attr('Created', 'commerce.createdAt', { dateFormat: "yyyy-MM-dd'T'HH:mm:ss.SSSSSSX" })]).warnings).toEqual([]);
    const text = Array.from({ length: 10 }, (_, i) => [`Street ${i}`]);
    expect(check(values, ['Created'], text, [attr('Created', 'commerce.createdAt')]).warnings[0]!.message).not.toContain('fit: state it');
  });

  it('counts a text column without tallying it: blanks left out, the first two distinct values named', () => {
    const dates = ['2021-03-04', '2021-03-04', ' ', '', '2021-05-06', '2021-07-08', '2021-03-04'];
    const rows = Array.from({ length: 70 }, (_, i) => [dates[i % dates.length]!, `Name ${i % 3}`]);
    const p = check(values, ['Opened', 'Name'], rows, [attr('Opened', 'homeAddress.city'), attr('Name', 'person.name.firstName')]);
    expect(p.columns.map((c) => [c.column, c.status, c.values, c.failing, c.examples])).toEqual([
      ['Opened', 'misfit', 50, 0, []],
      ['Name', 'ok', 70, 0, []],
    ]);
    expect(p.warnings[0]!.message).toBe('column "Opened" holds dates (2021-03-04, 2021-05-06), and homeAddress.city holds text of another kind');
  });

  it('counts as blank what trim() empties, and only that: Unicode spaces, and no cell with a character in it', () => {
    const blank = ['', ' ', '\t', '\u00a0', '\ufeff', ' \u2003 ', '\r\n'];
    const filled = [' a', 'b ', '\u00a0c\u00a0', 'é', '  é  ', '\u2003x', '-'];
    const rows = [...blank, ...filled].map((c) => [c]);
    const p = check(values, ['Name'], rows, [attr('Name', 'person.name.firstName')]);
    expect(p.columns.map((c) => [c.column, c.values])).toEqual([['Name', filled.length]]);
  });

  it('counts the sample rows that would be rejected against --max-errors', () => {
    const tree = sampleTree('event');
    const rows = Array.from({ length: 64 }, (_, i) => [`e${i}`, `SKU-${i}`]);
    const p = check(tree, ['id', 'sku'], rows, [attr('id', '_id'), attr('sku', 'productListItems[0].SKU')]);
    expect([p.rejected, p.sampleRows, p.passes]).toEqual([64, 64, false]);
    expect(p.reasons[0]!.code).toBe('REQUIRED_MISSING');
    expect(describePreflight(p).at(-1)).toMatch(/^64 of 64 sample rows would be rejected \(100 %\): more than --max-errors 5 %, so the run would fail/);
  });

  it('skips running the sample rows when asked, and says it did not count them; its other findings are the same', () => {
    const tree = sampleTree('event');
    const rows = Array.from({ length: 64 }, (_, i) => [`e${i}`, `SKU-${i}`]);
    const doc = createMappingDocument({ columns: ['id', 'sku'], schemaId: tree.id, mappings: [attr('id', '_id'), attr('sku', 'productListItems[0].SKU')] });
    const v = compileValidator(tree.jsonSchema);
    if (!v.ok) throw new Error(v.message);
    const input = { doc, tree, columns: ['id', 'sku'], rows, validator: v.validator, maxErrors: 5 };
    const counted = preflight(input);
    const skipped = preflight({ ...input, countRejections: false });
    expect([counted.rejected, counted.uncounted]).toEqual([64, undefined]);
    expect([skipped.rejected, skipped.reasons, skipped.uncounted]).toEqual([0, [], true]);
    const found = (p: typeof counted) => [p.columns, p.blocked, p.warnings, p.required, p.sampleRows];
    expect(found(skipped)).toEqual(found(counted));
  });

  it('counts required fields inside array items like top-level ones', () => {
    const tree = sampleTree('event');
    const p = check(
      tree,
      ['id', 'ts', 'name'],
      [['e1', '2024-01-01T00:00:00Z', 'Pant']],
      [attr('id', '_id'), attr('ts', 'timestamp'), attr('name', 'productListItems[0].name')],
    );
    expect(p.required.map((g) => g.path)).toEqual(['productListItems[0].SKU']);
    expect(p.required[0]!.message).toBe(
      'productListItems[0].SKU is required in each item of productListItems the mapping writes (it writes productListItems[0].name), and nothing maps to it: every row that fills productListItems[0] would be rejected',
    );
    expect(p.rejected).toBe(1);
  });

  it("on a file's head finds what the pre-flight of profiles made from every row finds, kinds from the first rows", () => {
    // Columns whose readings or kinds change after the first rows: day-first dates settled only
    // by a late day above 12 (into a text field and into a date field), flags into a city,
    // numeric ids into text, amounts with one odd value late.
    const columns = ['Ref', 'Opened', 'Since', 'Flag', 'Amount', 'Name'];
    const rows = Array.from({ length: HEAD_ROWS * 2 + 500 }, (_, i) => {
      const day = i > HEAD_ROWS + 300 ? 25 : (i % 12) + 1;
      const date = `${String(day).padStart(2, '0')}/${String(((i * 5) % 12) + 1).padStart(2, '0')}/2021`;
      return [String(100000 + i), date, date, i % 2 ? 'true' : 'false', i === HEAD_ROWS + 7 ? 'n/a' : `${i}.50`, `Name ${i % 7}`];
    });
    const text = `${columns.join(',')}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
    const bytes = new TextEncoder().encode(text);
    const mappings = [
      attr('Ref', 'commerce.orderId'),
      attr('Opened', 'homeAddress.city'),
      attr('Since', 'product.since'),
      attr('Flag', 'person.name.lastName'),
      attr('Amount', 'commerce.amount'),
      attr('Name', 'person.name.firstName'),
    ];
    const doc = createMappingDocument({ columns, schemaId: values.id, mappings });
    const head = preflightOfHead({ doc, tree: values }, bytes, true, sniff(bytes), 5, false);
    const full = inferReadings(columns, rows);
    const kinds = profileColumns(columns, rows.slice(0, HEAD_ROWS));
    const profiles = columns.map((name, i) => ({ name, kind: kinds[i]!.kind, readings: full[i]! }));
    const expected = preflight({ doc, tree: values, columns, rows, profiles, maxErrors: 5, countRejections: false });
    expect(head).toEqual(expected);
    expect(head!.columns.map((c) => [c.column, c.status])).toEqual([
      ['Ref', 'ok'],
      ['Opened', 'misfit'],
      ['Since', 'differs'],
      ['Flag', 'misfit'],
      ['Amount', 'ok'],
      ['Name', 'ok'],
    ]);
  });
});
