import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { toAepLegacy, toAepMappingSet } from '../../../src/core/mapping/aep';
import { createMappingDocument, loadMapping, loadMappingText, MAPPING_DOCUMENT_SCHEMA, serializeMapping } from '../../../src/core/mapping/document';
import { migrate } from '../../../src/core/mapping/migrations';
import { parsePath, schemaPathOf } from '../../../src/core/mapping/paths';
import { LUMA_MAPPING } from '../../helpers/samples';

const luma = () => JSON.parse(readFileSync(LUMA_MAPPING, 'utf8'));
const problems = (json: unknown) => {
  const r = loadMapping(json);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

describe('mapping documents', () => {
  it('has a document schema that is itself valid (loading skips that check for speed)', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    expect(ajv.validateSchema(MAPPING_DOCUMENT_SCHEMA), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('loads the shipped Luma mapping', () => {
    const r = loadMappingText(readFileSync(LUMA_MAPPING, 'utf8'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.format).toBe('xdm-mapper');
    expect(r.doc.mappings).toHaveLength(6);
    expect(r.doc.target.tenant).toBe('_techmarketingdemos');
  });

  it('round-trips through serialize and load unchanged', () => {
    const doc = createMappingDocument({
      name: 'x',
      columns: ['a', 'b'],
      schemaId: 'https://s',
      delimiter: ';',
      encoding: 'utf-8',
      mappings: [{ sourceType: 'STATIC', source: 'web', destination: 'channel' }],
    });
    const r = loadMappingText(serializeMapping(doc));
    expect(r.ok && r.doc).toEqual(doc);
    expect(doc.source.headerFingerprint).toMatch(/^sha256:[0-9a-f]{32}$/);
  });

  it('says what is wrong and where', () => {
    const doc = luma();
    doc.mappings[1].sourceType = 'COLUMN';
    doc.mappings[2].extra = 1;
    delete doc.mappings[3].destination;
    expect(problems(doc)).toEqual(
      expect.arrayContaining([
        { pointer: '/mappings/1/sourceType', message: expect.stringContaining('must be one of') },
        { pointer: '/mappings/2', message: 'unknown property "extra"' },
        { pointer: '/mappings/3', message: '"destination" is required' },
      ]),
    );
  });

  it('refuses duplicate destinations, bad paths and bad date formats', () => {
    const doc = luma();
    doc.mappings[1].destination = doc.mappings[0].destination;
    doc.mappings[2].destination = 'a..b';
    doc.mappings[3].settings = { dateFormat: 'yyyy-QQ' };
    expect(problems(doc).map((p) => p.pointer)).toEqual(['/mappings/1/destination', '/mappings/2/destination', '/mappings/3/settings/dateFormat']);
  });

  it('refuses prototype-polluting destinations at load', () => {
    for (const dest of ['__proto__.polluted', 'a.constructor.prototype', 'x[0].__proto__']) {
      const doc = luma();
      doc.mappings[0].destination = dest;
      expect(problems(doc)[0]!.message).toMatch(/not allowed/);
    }
    const raw = JSON.parse('{"kind":"xdm-mapper/mapping","version":1,"mappings":[],"__proto__":{"polluted":true}}');
    expect(problems(raw)[0]!.message).toMatch(/unknown property "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('migrations', () => {
  it('refuses documents from a newer version and nonsense versions', () => {
    expect(problems({ ...luma(), version: 2 })[0]!.message).toMatch(/newer xdm-mapper/);
    expect(problems({ ...luma(), version: '1' })[0]!.message).toMatch(/whole number/);
  });

  it('runs a chain of migrations in order and checks each step', () => {
    const chain = { 1: (d: Record<string, unknown>) => ({ ...d, version: 2, a: 1 }), 2: (d: Record<string, unknown>) => ({ ...d, version: 3, b: 2 }) };
    expect(migrate({ version: 1 }, chain, 3)).toEqual({ ok: true, doc: { version: 3, a: 1, b: 2 }, from: 1 });
    expect(migrate({ version: 2 }, chain, 3)).toEqual({ ok: true, doc: { version: 3, b: 2 }, from: 2 });
    expect(migrate({ version: 1 }, { 1: (d) => d }, 2)).toMatchObject({ ok: false, message: expect.stringContaining('did not produce version 2') });
    expect(migrate({ version: 1 }, {}, 2)).toMatchObject({ ok: false, message: 'no migration from version 1 to 2' });
  });
});

describe('AEP mapping sets', () => {
  it('imports the current shape', () => {
    const set = {
      id: 'cbb0da769faa48fcb29e026a924ba29d',
      name: 'Demo Mapping Set',
      inputSchema: { id: 'a167ff2947ff447ebd8bcf7ef6756232', version: 0 },
      outputSchema: { schemaRef: { id: 'https://ns.adobe.com/acme/schemas/x', contentType: 'application/vnd.adobe.xed-full+json;version=1' } },
      mappings: [
        { sourceType: 'ATTRIBUTE', source: 'id', destination: '_id', name: 'id', description: 'Identifier field' },
        { sourceType: 'EXPRESSION', source: "concat(firstName, ' ', lastName)", destination: 'person.name.fullName' },
        { sourceType: 'text/x.schema-path', source: 'email', destination: 'personalEmail.address' },
      ],
    };
    const r = loadMapping(set);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.format).toBe('aep-mapping-set');
    expect(r.doc.target.schemaId).toBe('https://ns.adobe.com/acme/schemas/x');
    expect(r.doc.name).toBe('Demo Mapping Set');
    expect(r.doc.mappings.map((m) => m.sourceType)).toEqual(['ATTRIBUTE', 'EXPRESSION', 'ATTRIBUTE']);
    expect(r.doc.mappings[0]!.description).toBe('Identifier field');
    expect(r.doc.source.columns).toEqual(['id', 'email']);
    const out = toAepMappingSet(r.doc) as { mappings: unknown[]; outputSchema: unknown };
    expect(out.mappings[1]).toEqual({ sourceType: 'EXPRESSION', source: "concat(firstName, ' ', lastName)", destination: 'person.name.fullName' });
    expect(out.outputSchema).toEqual(set.outputSchema);
  });

  it('imports the legacy sourceAttribute/destinationXdmPath shape, as an object or a bare array', () => {
    const entries = [
      { sourceAttribute: 'SKU', destinationXdmPath: '_techmarketingdemos.productSku', identity: false, version: 0 },
      { sourceAttribute: 'Name', destinationXdmPath: '_techmarketingdemos.productName' },
    ];
    for (const json of [entries, { mappings: entries }]) {
      const r = loadMapping(json);
      expect(r.ok && r.format).toBe('aep-legacy');
      if (r.ok) expect(r.doc.mappings[0]).toEqual({ sourceType: 'ATTRIBUTE', source: 'SKU', destination: '_techmarketingdemos.productSku' });
    }
    const legacy = toAepLegacy(
      createMappingDocument({
        columns: [],
        schemaId: '',
        mappings: [
          { sourceType: 'STATIC', source: 'x', destination: 'y' },
          { sourceType: 'ATTRIBUTE', source: 'a', destination: 'b' },
        ],
      }),
    );
    expect(legacy).toEqual({ mappings: [{ sourceAttribute: 'a', destinationXdmPath: 'b', identity: false, version: 0 }], dropped: 1 });
  });

  it('refuses unsafe paths in AEP sets too', () => {
    expect(problems([{ sourceAttribute: 'x', destinationXdmPath: '__proto__.x' }])[0]!.message).toMatch(/not allowed/);
    expect(problems({ mappings: [{ sourceType: 'WHAT', source: 'a', destination: 'b' }] })[0]).toEqual({
      pointer: '/mappings/0/sourceType',
      message: 'unknown sourceType "WHAT"',
    });
  });
});

describe('paths', () => {
  it('parses indices and maps them onto schema paths', () => {
    expect(parsePath('productListItems[0].SKU')).toEqual({ ok: true, segments: [{ key: 'productListItems', index: 0 }, { key: 'SKU' }] });
    expect(schemaPathOf('a[3].b[12].c')).toBe('a[].b[].c');
    expect(parsePath('a[].b').ok).toBe(false);
    expect(parsePath('').ok).toBe(false);
  });
});
