import { describe, expect, it } from 'vitest';
import { compileValidator, pointerToDotPath } from '../../../src/core/validate/validator';
import { sampleTree } from '../../helpers/samples';

describe('compileValidator', () => {
  it('compiles every sample schema, the 1,307-field profile included', () => {
    for (const name of ['luma', 'profile', 'event', 'large'] as const) expect(compileValidator(sampleTree(name).jsonSchema).ok).toBe(true);
  });

  it('reports violations as dot paths with readable messages', () => {
    const v = compileValidator(sampleTree('event').jsonSchema);
    if (!v.ok) throw new Error(v.message);
    expect(v.validator.validate({ _id: 'a', timestamp: '2024-01-01T00:00:00Z' })).toEqual([]);
    const out = v.validator.validate({ _id: 'a', timestamp: 'yesterday', productListItems: [{ quantity: 'two' }] });
    expect(out.map((x) => [x.path, x.keyword])).toEqual(
      expect.arrayContaining([
        ['timestamp', 'format'],
        ['productListItems[0].quantity', 'type'],
      ]),
    );
    expect(v.validator.validate({})).toEqual([
      { path: '_id', keyword: 'required', message: 'required field _id is missing' },
      { path: 'timestamp', keyword: 'required', message: 'required field timestamp is missing' },
    ]);
  });

  it('checks enums of the large profile', () => {
    const v = compileValidator(sampleTree('large').jsonSchema);
    if (!v.ok) throw new Error(v.message);
    const bad = v.validator.validate({ sourceSystemName: 'crm', person: { gender: 'robot' } });
    expect(bad[0]).toMatchObject({ path: 'person.gender', keyword: 'enum' });
  });

  it('turns JSON pointers into dot paths', () => {
    expect(pointerToDotPath('/a/b~1c/0/d')).toBe('a.b/c[0].d');
  });
});
