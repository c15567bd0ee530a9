import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSchema, loadSchemaText } from '../../../src/core/schema/loadSchema';
import { SCHEMAS, sampleTree } from '../../helpers/samples';

const problemsOf = (doc: unknown) => {
  const r = loadSchema(doc);
  if (r.ok) throw new Error('expected the schema to be rejected');
  return r.problems;
};

describe('loadSchema on the real sample schemas', () => {
  it.each([
    ['luma', 7],
    ['profile', 271],
    ['event', 170],
    ['large', 1307],
  ] as const)('%s has %i leaf fields', (name, leaves) => {
    expect(sampleTree(name).leaves).toHaveLength(leaves);
  });

  it('reads the Luma schema: tenant, required chain, identity, number type', () => {
    const t = sampleTree('luma');
    expect(t.title).toBe('Luma Product Catalog Schema');
    expect(t.tenant).toBe('_techmarketingdemos');
    expect(t.className).toBe('https://ns.adobe.com/techmarketingdemos/classes/lumaproductcatalogclass');
    expect(t.required).toEqual(['_techmarketingdemos', '_techmarketingdemos.productSku']);
    expect(t.identities).toEqual([{ path: '_techmarketingdemos.productSku', namespace: 'lumaProductSKU', primary: true }]);
    const sku = t.fields.get('_techmarketingdemos.productSku' as never)!;
    expect(sku).toMatchObject({
      xdmType: 'string',
      title: 'Product SKU',
      required: true,
      tenant: true,
      identity: { namespace: 'lumaProductSKU', primary: true },
    });
    expect(t.fields.get('_techmarketingdemos.productPrice' as never)?.xdmType).toBe('number');
    expect(t.fields.get('_id' as never)?.format).toBe('uri-reference');
  });

  it('walks arrays of objects as name[] and marks system fields', () => {
    const t = sampleTree('event');
    const sku = t.fields.get('productListItems[].SKU' as never)!;
    expect(sku.inArray).toBe(true);
    expect(sku.parent).toBe('productListItems');
    expect(t.fields.get('productListItems' as never)?.xdmType).toBe('array');
    expect(t.required).toEqual(['_id', 'timestamp']);
    expect(t.fields.get('timestamp' as never)?.xdmType).toBe('date-time');
    expect(t.leaves.filter((f) => f.system).every((f) => /_repo|BatchID|repository/.test(f.path))).toBe(true);
    expect(t.leaves.some((f) => f.system)).toBe(true);
  });

  it('keeps meta:enum labels and integer widths in the large profile', () => {
    const t = sampleTree('large');
    const withLabels = t.leaves.filter((f) => f.enumLabels && Object.keys(f.enumLabels).length);
    expect(withLabels.length).toBeGreaterThan(10);
    const gender = t.fields.get('person.gender' as never)!;
    expect(gender.enum).toContain('female');
    expect(t.required).toEqual(['sourceSystemName']);
    const types = new Set(t.leaves.map((f) => f.xdmType));
    for (const ty of ['string', 'boolean', 'date', 'date-time', 'number', 'map']) expect(types).toContain(ty);
  });
});

describe('loadSchema on plain JSON Schema', () => {
  it('resolves local $refs and allOf (draft-07 definitions, 2020-12 $defs) and derives xdmType', () => {
    const doc = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Plain',
      type: 'object',
      allOf: [{ $ref: '#/$defs/base' }, { properties: { extra: { type: 'boolean' } } }],
      $defs: {
        base: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string' }, when: { type: 'string', format: 'date-time' }, addr: { $ref: '#/definitions/address' } },
        },
      },
      definitions: { address: { type: 'object', properties: { zip: { type: 'string' }, floor: { type: 'integer', minimum: -5, maximum: 200 } } } },
    };
    const r = loadSchema(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const f = (p: string) => r.tree.fields.get(p as never);
    expect(f('id')?.required).toBe(true);
    expect(f('when')?.xdmType).toBe('date-time');
    expect(f('addr.zip')?.xdmType).toBe('string');
    expect(f('addr.floor')?.xdmType).toBe('short');
    expect(f('extra')?.xdmType).toBe('boolean');
    expect(r.tree.required).toEqual(['id']);
  });

  it('derives integer widths and maps as the registry does', () => {
    const r = loadSchema({
      type: 'object',
      properties: {
        b: { type: 'integer', minimum: 0, maximum: 100 },
        i: { type: 'integer', minimum: 0, maximum: 100000 },
        l: { type: 'integer' },
        m: { type: 'object', additionalProperties: { type: 'string' } },
        tags: { type: 'array', items: { type: 'string' } },
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const t = (p: string) => r.tree.fields.get(p as never)?.xdmType;
    expect([t('b'), t('i'), t('l'), t('m'), t('tags[]')]).toEqual(['byte', 'int', 'long', 'map', 'array']);
  });
});

describe('loadSchema rejects broken schemas with what and where', () => {
  it('reports JSON syntax errors with line and column', () => {
    const r = loadSchemaText('{\n  "type": "object",\n  "properties": {,}\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/line 3, column \d+/);
  });
  it('reports a field without a type at its pointer', () => {
    expect(problemsOf({ type: 'object', properties: { a: { title: 'A' } } })).toEqual([
      { pointer: '/properties/a', message: expect.stringContaining('has no type') },
    ]);
  });
  it('reports a dangling $ref and a remote $ref', () => {
    const p = problemsOf({ type: 'object', properties: { a: { $ref: '#/definitions/nope' }, b: { $ref: 'https://example.com/x.json' } } });
    expect(p.map((x) => x.pointer)).toEqual(['/properties/a/$ref', '/properties/b/$ref']);
  });
  it('reports required names that are not properties, and a missing properties', () => {
    expect(problemsOf({ type: 'object', required: ['x'], properties: { a: { type: 'string' } } })[0]).toMatchObject({ pointer: '/required' });
    expect(problemsOf({ type: 'object' })[0]).toMatchObject({ pointer: '/properties' });
    expect(problemsOf([1, 2])[0]!.message).toMatch(/JSON object/);
  });
  it('refuses prototype-polluting field names', () => {
    const doc = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"string"}}}');
    expect(problemsOf(doc).map((p) => p.message)).toEqual([
      expect.stringContaining('"__proto__" is not allowed'),
      expect.stringContaining('"constructor" is not allowed'),
    ]);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });
  it('reports an identity descriptor that points at no field', () => {
    const doc = JSON.parse(readFileSync(SCHEMAS.luma, 'utf8'));
    doc['meta:descriptors'][0]['xdm:sourceProperty'] = '/_techmarketingdemos/nothing';
    expect(problemsOf(doc)[0]).toMatchObject({ pointer: '/meta:descriptors/0' });
  });
});
