import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../src/core/expr/compile';
import { referencedColumns } from '../../../src/core/expr/parser';
import { loadMappingText } from '../../../src/core/mapping/document';
import {
  destinationForField,
  dropColumn,
  type EditResult,
  mapColumn,
  moveEntry,
  setConstant,
  setExpression,
  setReading,
  unmap,
} from '../../../src/core/mapping/edits';
import { adoptHeader, columnReference, renameColumn, renameColumns, renameInExpression } from '../../../src/core/mapping/editsRename';
import type { MappingDocument } from '../../../src/core/mapping/mapping.types';
import { LUMA_MAPPING } from '../../helpers/samples';

const loaded = loadMappingText(readFileSync(LUMA_MAPPING, 'utf8'));
if (!loaded.ok) throw new Error('the Luma mapping does not load');
const luma = loaded.doc;
const T = '_techmarketingdemos';

function ok(r: EditResult): MappingDocument {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.doc;
}

describe('mapping edits', () => {
  it('maps a column, replacing what filled the destination, in its place', () => {
    const doc = ok(mapColumn(luma, 'Size', `${T}.productColor`));
    expect(doc.mappings).toHaveLength(6);
    const i = luma.mappings.findIndex((m) => m.destination === `${T}.productColor`);
    expect(doc.mappings[i]).toEqual({ sourceType: 'ATTRIBUTE', source: 'Size', destination: `${T}.productColor` });
    // Size still fills its own field as well: a column may feed several destinations.
    expect(doc.mappings.filter((m) => m.source === 'Size')).toHaveLength(2);
    expect(luma.mappings[i]?.source).toBe('Color');
  });

  it('returns the same document for an edit that changes nothing', () => {
    const color = luma.mappings.find((m) => m.source === 'Color')!;
    expect(ok(mapColumn(luma, 'Color', color.destination))).toBe(luma);
    expect(ok(unmap(luma, 'nowhere.field'))).toBe(luma);
    expect(ok(dropColumn(luma, 'No Such Column'))).toBe(luma);
  });

  it('refuses a destination that is not a path, and a formula that does not parse, with codes', () => {
    expect(mapColumn(luma, 'SKU', 'a..b')).toMatchObject({ ok: false, code: 'BAD_DESTINATION' });
    expect(mapColumn(luma, 'SKU', '__proto__.x')).toMatchObject({ ok: false, code: 'BAD_DESTINATION' });
    expect(setExpression(luma, `${T}.productName`, 'upper(Name')).toMatchObject({ ok: false, code: 'BAD_EXPRESSION' });
    expect(moveEntry(luma, 'not.mapped', `${T}.productName`)).toMatchObject({ ok: false, code: 'NOT_MAPPED' });
  });

  it('unmaps, drops a column, adds a constant and a formula, moves an entry', () => {
    expect(ok(unmap(luma, `${T}.productSize`)).mappings.some((m) => m.source === 'Size')).toBe(false);
    const withFormula = ok(setExpression(luma, `${T}.productName`, 'concat(upper(Name), " ", Color)'));
    const dropped = dropColumn(withFormula, 'Color');
    expect(dropped.ok && dropped.doc.mappings.some((m) => m.sourceType === 'ATTRIBUTE' && m.source === 'Color')).toBe(false);
    expect(dropped.ok && dropped.warnings[0]).toContain(`${T}.productName`);
    const constant = ok(setConstant(luma, 'channel._type', 'web'));
    expect(constant.mappings.at(-1)).toEqual({ sourceType: 'STATIC', source: 'web', destination: 'channel._type' });
    const moved = ok(moveEntry(luma, `${T}.productSize`, `${T}.productColor`));
    expect(moved.mappings.find((m) => m.destination === `${T}.productColor`)?.source).toBe('Size');
    expect(moved.mappings).toHaveLength(5);
  });

  it('sets and clears how an entry is read', () => {
    const d = ok(setReading(luma, `${T}.productPrice`, { dateFormat: 'dd/MM/yyyy' }));
    expect(d.mappings.find((m) => m.destination === `${T}.productPrice`)?.settings).toEqual({ dateFormat: 'dd/MM/yyyy' });
    expect(ok(setReading(d, `${T}.productPrice`, undefined)).mappings.find((m) => m.destination === `${T}.productPrice`)).not.toHaveProperty('settings');
  });

  it('writes array items with an index', () => {
    expect(destinationForField('productListItems[].SKU')).toBe('productListItems[0].SKU');
    expect(destinationForField('a[].b[].c', [2, 5])).toBe('a[2].b[5].c');
    expect(destinationForField('person.name.firstName')).toBe('person.name.firstName');
  });
});

describe('renaming a column', () => {
  it('rewrites formulas through the parser: a string literal holding the old name keeps it', () => {
    const r = renameInExpression('concat("my Color is ", Color)', new Map([['Color', 'Colour']]));
    expect(r).toEqual({ ok: true, text: 'concat("my Color is ", Colour)', changed: true });
  });

  it('keeps every other character as written, and the braced style where it was used', () => {
    const src = 'iif(${Color} == \'Color\',   Color.equalsIgnoreCase("red"), lower( Color ))';
    const r = renameInExpression(src, new Map([['Color', 'Main Colour']]));
    expect(r.ok && r.text).toBe('iif(${Main Colour} == \'Color\',   ${Main Colour}.equalsIgnoreCase("red"), lower( ${Main Colour} ))');
  });

  it('renames dotted and braced names, leaves longer paths, lambda parameters and function names alone', () => {
    const renames = new Map([
      ['a.b', 'ab'],
      ['x', 'y'],
      ['upper', 'UPPER'],
    ]);
    const r = renameInExpression('concat(a.b, ${a\\.b}, a.b.c, upper(x), filterArray(z, x -> x > 0))', renames);
    expect(r.ok && r.text).toBe('concat(ab, ${ab}, a.b.c, upper(y), filterArray(z, x -> x > 0))');
  });

  it('swaps two names at once, and escapes names that need it', () => {
    const r = renameInExpression(
      'concat(First, " ", Last)',
      new Map([
        ['First', 'Last'],
        ['Last', 'First'],
      ]),
    );
    expect(r.ok && r.text).toBe('concat(Last, " ", First)');
    expect(columnReference('if')).toBe('${if}');
    expect(columnReference('a}b\\c')).toBe('${a\\}b\\\\c}');
    const odd = renameInExpression('trim(Name)', new Map([['Name', 'a}b']]));
    expect(odd.ok && referencedColumns(odd.text)).toEqual(['a}b']);
  });

  it('renames the entries, the formulas and the source columns of a document', () => {
    const withFormula = ok(setExpression(luma, `${T}.productName`, 'concat("my Color is ", Color)'));
    const doc = ok(renameColumn(withFormula, 'Color', 'Colour'));
    expect(doc.mappings.find((m) => m.destination === `${T}.productColor`)?.source).toBe('Colour');
    expect(doc.mappings.find((m) => m.destination === `${T}.productName`)?.source).toBe('concat("my Color is ", Colour)');
    expect(doc.source.columns).toContain('Colour');
    expect(doc.source.columns).not.toContain('Color');
    const compiled = compileExpression(doc.mappings.find((m) => m.sourceType === 'EXPRESSION')!.source, { columns: doc.source.columns });
    expect(compiled.ok).toBe(true);
  });

  it('refuses a name another column has, and reports a formula it could not read', () => {
    expect(renameColumn(luma, 'Color', 'Size')).toMatchObject({ ok: false, code: 'NAME_TAKEN' });
    expect(renameColumn(luma, 'Color', ' ')).toMatchObject({ ok: false, code: 'EMPTY_NAME' });
    const broken: MappingDocument = { ...luma, mappings: [...luma.mappings, { sourceType: 'EXPRESSION', source: 'upper(Color', destination: 'x.y' }] };
    const r = renameColumns(broken, new Map([['Color', 'Colour']]));
    expect(r.ok && r.warnings[0]).toMatch(/"x\.y" does not parse/);
    expect(r.ok && r.doc.mappings.at(-1)?.source).toBe('upper(Color');
  });

  it('adopts a new header with its fingerprint', () => {
    const header = ['SKU', 'Name', 'Category', 'Colour', 'Size', 'Price'];
    const doc = adoptHeader(luma, header);
    expect(doc.source.columns).toEqual(header);
    expect(doc.source.headerFingerprint).not.toBe(luma.source.headerFingerprint);
    expect(adoptHeader(doc, header)).toBe(doc);
  });
});
