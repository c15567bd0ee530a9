import { describe, expect, it } from 'vitest';
import type { Fragment, RecordIdentity } from '../../../src/core/identity/identity.types';
import { attributesOf, mergeFragments, policyChanges } from '../../../src/core/identity/merge';

const ident = (namespace: string, id: string, primary: boolean): RecordIdentity => ({ namespace, id, primary, path: namespace });
const frag = (dataset: number, record: number, data: Record<string, unknown>, identities: RecordIdentity[]): Fragment => ({
  ref: { dataset, record, file: 'part-00001.jsonl', line: record },
  record: data,
  identities,
});

// Two datasets in ingestion order: loyalty (0) then CRM (1); the CRM has two records of the person.
const loyalty = frag(0, 1, { person: { name: { firstName: 'Daniel', lastName: 'Wright' } }, homeAddress: { city: 'New York City' }, tags: ['a', 'b'] }, [
  ident('L', '1', true),
  ident('C', 'x', false),
]);
const crmOld = frag(1, 1, { person: { name: { firstName: 'Dan' } }, homeAddress: { city: 'Boston' } }, [ident('C', 'x', true)]);
const crmNew = frag(1, 2, { person: { name: { firstName: 'Danny' }, gender: null }, tags: ['c'] }, [ident('C', 'x', true), ident('Email', 'd@x.com', false)]);
const all = [crmNew, loyalty, crmOld];

describe('merging fragments', () => {
  it('reads a record as attributes by dot path: arrays whole, nulls absent, identityMap left to the identities', () => {
    expect([...attributesOf({ a: { b: 1, c: null }, d: [1, { e: 2 }], identityMap: { X: [] } })]).toEqual([
      ['a.b', 1],
      ['d', [1, { e: 2 }]],
    ]);
  });

  it('timestamp order: the last ingested fragment having an attribute wins it, and the values it beat are listed', () => {
    const { profile, attributes } = mergeFragments(all, { kind: 'timestamp' });
    expect(attributes.get('person.name.firstName')).toEqual({
      value: 'Danny',
      from: crmNew.ref,
      beat: [
        { value: 'Daniel', from: loyalty.ref },
        { value: 'Dan', from: crmOld.ref },
      ],
    });
    expect(attributes.get('homeAddress.city')!.value).toBe('Boston');
    // An attribute only one fragment has is kept from it, whatever the policy.
    expect(attributes.get('person.name.lastName')).toEqual({ value: 'Wright', from: loyalty.ref, beat: [] });
    expect(JSON.parse(JSON.stringify(profile))).toEqual({
      person: { name: { firstName: 'Danny', lastName: 'Wright' } },
      tags: ['c'],
      homeAddress: { city: 'Boston' },
      identityMap: { L: [{ id: '1' }], C: [{ id: 'x' }], Email: [{ id: 'd@x.com' }] },
    });
  });

  it('dataset precedence: the dataset named first wins; within a dataset the later record wins', () => {
    const first = mergeFragments(all, { kind: 'dataset-precedence', order: [0, 1] }).attributes;
    expect(first.get('person.name.firstName')!.value).toBe('Daniel');
    expect(first.get('homeAddress.city')!.value).toBe('New York City');
    expect(first.get('tags')!.value).toEqual(['a', 'b']);
    const crmFirst = mergeFragments(all, { kind: 'dataset-precedence', order: [1] }).attributes;
    expect(crmFirst.get('person.name.firstName')!.value).toBe('Danny');
    expect(crmFirst.get('homeAddress.city')!.value).toBe('Boston');
  });

  it('lists what a policy switch changes, and nothing else', () => {
    const changes = policyChanges(all, { kind: 'timestamp' }, { kind: 'dataset-precedence', order: [0, 1] });
    expect(changes.map((c) => [c.path, c.a.value, c.b.value])).toEqual([
      ['person.name.firstName', 'Danny', 'Daniel'],
      ['tags', ['c'], ['a', 'b']],
      ['homeAddress.city', 'Boston', 'New York City'],
    ]);
  });

  it('keeps keys from the data that name Object.prototype members as plain keys', () => {
    const f = frag(0, 1, JSON.parse('{"__proto__": {"polluted": 1}, "constructor": "c", "toString": {"x": 1}}'), [ident('L', '1', true)]);
    const { profile, attributes } = mergeFragments([f], { kind: 'timestamp' });
    expect([...attributes.keys()]).toEqual(['__proto__.polluted', 'constructor', 'toString.x']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(profile, '__proto__')).toBe(true);
  });
});
