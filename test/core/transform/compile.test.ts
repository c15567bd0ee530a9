import { describe, expect, it } from 'vitest';
import { createMappingDocument } from '../../../src/core/mapping/document';
import type { MappingEntry } from '../../../src/core/mapping/mapping.types';
import type { FieldTree } from '../../../src/core/schema/field.types';
import { compileMapping } from '../../../src/core/transform/compile';
import { compileValidator } from '../../../src/core/validate/validator';
import { sampleTree } from '../../helpers/samples';

const attr = (source: string, destination: string, settings?: MappingEntry['settings']): MappingEntry => ({
  sourceType: 'ATTRIBUTE',
  source,
  destination,
  ...(settings ? { settings } : {}),
});

function compile(tree: FieldTree, columns: string[], mappings: MappingEntry[], emptyCells?: 'omit' | 'null') {
  const v = compileValidator(tree.jsonSchema);
  if (!v.ok) throw new Error(v.message);
  const doc = createMappingDocument({ columns, schemaId: tree.id, mappings });
  const r = compileMapping(doc, tree, columns, { validator: v.validator, emptyCells });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.compiled;
}

const luma = sampleTree('luma');
const event = sampleTree('event');
const T = '_techmarketingdemos';
const lumaMappings = [attr('SKU', `${T}.productSku`), attr('Size', `${T}.productSize`), attr('Price', `${T}.productPrice`)];

describe('compileMapping', () => {
  it('builds nested records with typed values, leaving empty cells out', () => {
    const c = compile(luma, ['SKU', 'Size', 'Price'], lumaMappings);
    expect(c.run(['00501', '28', '32.50'], 1, 2)).toEqual({ record: { [T]: { productSku: '00501', productSize: '28', productPrice: 32.5 } }, errors: [] });
    expect(c.run(['LL1', '', '7'], 2, 3).record).toEqual({ [T]: { productSku: 'LL1', productPrice: 7 } });
  });

  it('writes empty cells as null when asked', () => {
    const c = compile(luma, ['SKU', 'Size', 'Price'], [attr('SKU', `${T}.productSku`), attr('Price', `${T}.productPrice`)], 'null');
    const r = c.run(['A', '', ''], 1, 2);
    expect(r.record).toBeNull();
    expect(r.errors[0]).toMatchObject({ code: 'SCHEMA_VIOLATION', column: 'Price', rejected: true });
  });

  it('nulls a field that fails conversion and keeps the row, recording where and why', () => {
    const c = compile(luma, ['SKU', 'Size', 'Price'], lumaMappings);
    const r = c.run(['A1', 's', 'twelve'], 7, 9);
    expect(r.record).toEqual({ [T]: { productSku: 'A1', productSize: 's' } });
    expect(r.errors).toEqual([
      {
        row: 7,
        line: 9,
        column: 'Price',
        value: 'twelve',
        destination: `${T}.productPrice`,
        code: 'TYPE_NUMBER',
        message: '"twelve" is not a number',
        rejected: false,
      },
    ]);
  });

  it('rejects a row whose required field is empty, naming the column', () => {
    const c = compile(luma, ['SKU', 'Size', 'Price'], lumaMappings);
    const r = c.run(['', 's', '5'], 3, 4);
    expect(r.record).toBeNull();
    expect(r.errors).toEqual([expect.objectContaining({ row: 3, line: 4, column: 'SKU', value: '', code: 'REQUIRED_MISSING', rejected: true })]);
    expect(r.errors[0]!.message).toMatch(/productSku is missing: column "SKU" is empty/);
  });

  it('fills array items by index and constants once', () => {
    const c = compile(
      event,
      ['id', 'ts', 'sku1', 'qty1', 'sku2', 'total'],
      [
        attr('id', '_id'),
        attr('ts', 'timestamp'),
        attr('sku1', 'productListItems[0].SKU'),
        attr('qty1', 'productListItems[0].quantity'),
        attr('sku2', 'productListItems[1].SKU'),
        attr('total', 'commerce.order.priceTotal'),
        { sourceType: 'STATIC', source: 'USD', destination: 'commerce.order.currencyCode' },
      ],
    );
    const r = c.run(['e1', '3/05/2021 01:15:00 PM', 'A', '2', 'B', '10.5'], 1, 2);
    expect(r.errors).toEqual([]);
    expect(r.record).toEqual({
      _id: 'e1',
      timestamp: '2021-03-05T13:15:00Z',
      productListItems: [{ SKU: 'A', quantity: 2 }, { SKU: 'B' }],
      commerce: { order: { priceTotal: 10.5, currencyCode: 'USD' } },
    });
    // An item with no values leaves no hole.
    expect(c.run(['e2', '2024-01-01', '', '', 'B', '1'], 2, 3).record?.productListItems).toEqual([{ SKU: 'B' }]);
  });

  it('reports every problem that does not depend on a row, at compile time', () => {
    const doc = createMappingDocument({
      columns: ['a'],
      schemaId: event.id,
      mappings: [
        attr('a', 'nope.field'),
        attr('a', 'commerce.order'),
        attr('a', 'productListItems.SKU'),
        attr('missing', '_id'),
        { sourceType: 'STATIC', source: 'abc', destination: 'commerce.order.priceTotal' },
        { sourceType: 'EXPRESSION', source: 'upper(a, b)', destination: 'commerce.order.purchaseID' },
        attr('a', 'timestamp', { dateFormat: 'yyyy-ww' }),
      ],
    });
    const r = compileMapping(doc, event, ['a']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.message.replace(/^mapping \d+ \(.*?\): /, ''))).toEqual([
      '"nope.field" is not a field of the schema "Acme Offline Purchases"',
      '"commerce.order" is an object; map to one of its fields instead, or fill it with an expression',
      '"productListItems" is an array: write an index, e.g. productListItems[0].SKU',
      'the file has no column "missing"',
      'the constant "abc" is not a number',
      'expression error at position 0: upper(INPUT) takes 1 argument, got 2',
      'expression error at position 9: the file has no column "b"',
      'date pattern letter "w" in "yyyy-ww" is not supported',
    ]);
  });

  it('never lets a CSV header reach Object.prototype', () => {
    const cols = ['__proto__', 'constructor', 'SKU'];
    const c = compile(luma, cols, [attr('__proto__', `${T}.productName`), attr('constructor', `${T}.productColor`), attr('SKU', `${T}.productSku`)]);
    const r = c.run(['{"polluted":1}', 'red', 'A'], 1, 2);
    expect(r.record).toEqual({ [T]: { productName: '{"polluted":1}', productColor: 'red', productSku: 'A' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('EXPRESSION entries', () => {
  const clock = () => Date.UTC(2024, 0, 2, 3, 4, 5);
  const compileExpr = (tree: FieldTree, columns: string[], mappings: MappingEntry[]) => {
    const v = compileValidator(tree.jsonSchema);
    if (!v.ok) throw new Error(v.message);
    const r = compileMapping(createMappingDocument({ columns, schemaId: tree.id, mappings }), tree, columns, { validator: v.validator, clock });
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
    return r.compiled;
  };
  const expr = (source: string, destination: string): MappingEntry => ({ sourceType: 'EXPRESSION', source, destination });

  it('computes values and converts them to the destination type', () => {
    const c = compileExpr(
      event,
      ['id', 'when', 'total', 'first', 'last'],
      [
        expr('sha256(id)', '_id'),
        expr('date(when, "dd/MM/yyyy HH:mm")', 'timestamp'),
        expr('total * 2', 'commerce.order.priceTotal'),
        expr('concat(upper(last), ", ", first)', 'commerce.order.purchaseID'),
        expr('now()', 'commerce.order.createdDate'),
        expr('to_integer("3")', 'productListItems[0].quantity'),
        expr('upper("s1")', 'productListItems[0].SKU'),
      ],
    );
    const r = c.run(['e1', '05/03/2024 14:07', '10.5', 'Ada', 'Lovelace'], 1, 2);
    expect(r.errors).toEqual([]);
    expect(r.record).toEqual({
      _id: expect.stringMatching(/^[0-9a-f]{64}$/),
      timestamp: '2024-03-05T14:07:00Z',
      commerce: { order: { priceTotal: 21, purchaseID: 'LOVELACE, Ada', createdDate: '2024-01-02T03:04:05Z' } },
      productListItems: [{ quantity: 3, SKU: 'S1' }],
    });
  });

  it('nulls the destination and records a field error when a row fails, keeping the row', () => {
    const c = compileExpr(luma, ['SKU', 'Price'], [attr('SKU', `${T}.productSku`), expr('to_decimal(Price) * 1.2', `${T}.productPrice`)]);
    const r = c.run(['A1', 'free'], 4, 5);
    expect(r.record).toEqual({ [T]: { productSku: 'A1' } });
    expect(r.errors).toEqual([
      expect.objectContaining({
        row: 4,
        line: 5,
        column: 'Price',
        value: 'free',
        destination: `${T}.productPrice`,
        code: 'EXPRESSION_ERROR',
        rejected: false,
        message: expect.stringContaining('must be a number'),
      }),
    ]);
  });

  it('rejects the row when a failed expression leaves a required field empty', () => {
    const c = compileExpr(luma, ['SKU'], [expr('to_integer(SKU)', `${T}.productSku`)]);
    const r = c.run(['A1'], 1, 2);
    expect(r.record).toBeNull();
    expect(r.errors.map((e) => [e.code, e.rejected])).toEqual([
      ['EXPRESSION_ERROR', false],
      ['REQUIRED_MISSING', true],
    ]);
  });

  it('checks the value against the field type', () => {
    const c = compileExpr(luma, ['SKU', 'Price'], [attr('SKU', `${T}.productSku`), expr('"cheap"', `${T}.productPrice`)]);
    expect(c.run(['A', '1'], 1, 2).errors[0]).toMatchObject({ code: 'TYPE_NUMBER', destination: `${T}.productPrice` });
  });

  it('may fill an object, a map or a whole array', () => {
    const G = sampleTree('large');
    const c = compileExpr(
      G,
      ['src', 'ids'],
      [
        expr('"crm"', 'sourceSystemName'),
        expr('to_object("firstName", src, "lastName", "X")', 'person.name'),
        expr('explode(ids, ";")', 'extendedWorkDetails.departments'),
      ],
    );
    const r = c.run(['Ada', 'R&D;Ops'], 1, 2);
    expect(r.errors).toEqual([]);
    expect(r.record).toMatchObject({ person: { name: { firstName: 'Ada', lastName: 'X' } }, extendedWorkDetails: { departments: ['R&D', 'Ops'] } });
  });
});
