import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identitySpecOf } from '../../../src/core/identity/extract';
import { mappingIdentities } from '../../../src/core/identity/mappingIdentities';
import { loadMappingText } from '../../../src/core/mapping/document';
import type { MappingDocument } from '../../../src/core/mapping/mapping.types';
import { loadSchemaText } from '../../../src/core/schema/loadSchema';
import { ROOT } from '../../helpers/samples';

const schema = (name: string) => {
  const r = loadSchemaText(readFileSync(join(ROOT, 'public/samples/luma', name), 'utf8'));
  if (!r.ok) throw new Error('schema');
  return r.tree;
};
const mapping = (name: string): MappingDocument => {
  const r = loadMappingText(readFileSync(join(ROOT, 'mappings', name), 'utf8'));
  if (!r.ok) throw new Error('mapping');
  return r.doc;
};

describe('identities of a schema and a mapping', () => {
  it("reads the Luma schemas' identity descriptors and the class's identityMap", () => {
    expect(identitySpecOf(schema('luma-loyalty.schema.json'))).toEqual({
      fields: [
        { path: '_techmarketingdemos.systemIdentifier.loyaltyId', namespace: 'lumaLoyaltyId', primary: true },
        { path: '_techmarketingdemos.systemIdentifier.crmId', namespace: 'lumaCrmId', primary: false },
      ],
      identityMap: true,
    });
  });

  it('says which columns feed which identity, from descriptor fields and from an identityMap expression', () => {
    const r = mappingIdentities(mapping('luma-crm-identitymap.mapping.json'), schema('luma-crm.schema.json'));
    expect(r.feeds.map((f) => [f.namespace, f.primary, f.via, f.columns])).toEqual([
      ['lumaCrmId', true, 'descriptor', ['crmId']],
      ['Email', false, 'identityMap', ['email']],
      ['Phone', false, 'identityMap', ['phone']],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('warns when the primary identity is unmapped, and when an identity is a constant', () => {
    const doc = mapping('luma-loyalty.mapping.json');
    const withoutPrimary = { ...doc, mappings: doc.mappings.filter((m) => m.source !== 'loyaltyId') };
    const r = mappingIdentities(withoutPrimary, schema('luma-loyalty.schema.json'));
    expect(r.warnings.map((w) => w.code)).toEqual(['PRIMARY_UNMAPPED']);
    expect(r.feeds.find((f) => f.namespace === 'lumaLoyaltyId')).toMatchObject({ mapping: null, columns: [] });
    const constant = {
      ...doc,
      mappings: doc.mappings.map((m) => (m.source === 'crmId' ? { sourceType: 'STATIC' as const, source: 'N/A', destination: m.destination } : m)),
    };
    expect(mappingIdentities(constant, schema('luma-loyalty.schema.json')).warnings.map((w) => w.code)).toEqual(['CONSTANT_IDENTITY']);
  });

  it('reads identityMap entries filled one by one, with their primary flag from a constant beside them', () => {
    const doc = mapping('luma-crm-identitymap.mapping.json');
    const byEntry: MappingDocument = {
      ...doc,
      mappings: [
        ...doc.mappings.filter((m) => m.destination !== 'identityMap'),
        { sourceType: 'ATTRIBUTE', source: 'email', destination: 'identityMap.Email[0].id' },
        { sourceType: 'STATIC', source: 'false', destination: 'identityMap.Email[0].primary' },
        { sourceType: 'EXPRESSION', source: 'lower(phone)', destination: 'identityMap.Phone[0].id' },
        { sourceType: 'STATIC', source: 'true', destination: 'identityMap.Phone[0].primary' },
      ],
    };
    const r = mappingIdentities(byEntry, schema('luma-crm.schema.json'));
    expect(r.feeds.filter((f) => f.via === 'identityMap').map((f) => [f.namespace, f.primary, f.destination, f.columns, f.sourceType])).toEqual([
      ['Email', false, 'identityMap.Email[0].id', ['email'], 'ATTRIBUTE'],
      ['Phone', true, 'identityMap.Phone[0].id', ['phone'], 'EXPRESSION'],
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['SEVERAL_PRIMARIES']);
  });
});
