import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSchemaText } from '../../../src/core/schema/loadSchema';
import { CUT_FROM_FIELDS, pruneToFields } from '../../../src/core/validate/schemaPrune';
import { compileValidator, type RecordValidator } from '../../../src/core/validate/validator';

/**
 * A run checks its records against the schema cut down to the fields its mapping writes. The
 * cut must change no answer: on AEP's own schemas (the samples the web app offers), records
 * holding values of every kind at random destinations get the same violations, in the same
 * order, from the cut schema as from the whole one.
 */

const sample = (name: string) => {
  const r = loadSchemaText(readFileSync(new URL(`../../../public/samples/${name}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error(name);
  return r.tree;
};
const validatorOf = (schema: Record<string, unknown>, fields?: string[][]): RecordValidator => {
  const v = compileValidator(schema, { trustDateFormats: true, fields });
  if (!v.ok) throw new Error(v.message);
  return v.validator;
};

/** Fields no record of the tests below holds, so that a small schema is large enough to be cut. */
const FILLER = { type: 'object', properties: Object.fromEntries(Array.from({ length: CUT_FROM_FIELDS }, (_, i) => [`f${i}`, { type: 'string' }])) };

/** Values of every kind, good and bad for most fields. */
const value = fc.oneof(
  fc.constantFrom('', 'DE', 'de', 'ada@example.com', 'not an email', 'https://x.io/a', '2021-03-04', '2021-03-04T05:06:07Z', 'x y', 'C0001'),
  fc.integer({ min: -5, max: 200000 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.constant({ extra: 1 }),
);

/** Puts `v` at a field path (`a.b[].c`), through arrays at index 0 or 1. */
function put(record: Record<string, unknown>, path: string, v: unknown, index: number): string[] {
  const keys: string[] = [];
  let at: Record<string, unknown> = record;
  const parts = path.split('.');
  parts.forEach((part, k) => {
    const isArray = part.endsWith('[]');
    const key = isArray ? part.slice(0, -2) : part;
    keys.push(key);
    const last = k === parts.length - 1;
    if (isArray) {
      const list = (Array.isArray(at[key]) ? at[key] : (at[key] = [])) as unknown[];
      if (last) {
        list[index] = v;
        return;
      }
      if (typeof list[index] !== 'object' || list[index] === null) list[index] = {};
      at = list[index] as Record<string, unknown>;
    } else if (last) at[key] = v;
    else {
      if (typeof at[key] !== 'object' || at[key] === null || Array.isArray(at[key])) at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
  });
  return keys;
}

describe('the schema cut to the fields records can hold', () => {
  for (const name of ['xdm/profile-large.schema.json', 'xdm/experienceevent-commerce.schema.json', 'luma/luma-crm.schema.json']) {
    it(`gives the whole schema's violations on ${name}`, () => {
      const tree = sample(name);
      const whole = validatorOf(tree.jsonSchema);
      const paths = [...tree.fields.values()].filter((f) => f.isLeaf).map((f) => f.path as string);
      // Besides the leaves: objects (an expression may fill one) and keys the schema lacks.
      const objects = [...tree.fields.values()].filter((f) => !f.isLeaf).map((f) => f.path as string);
      const pick = fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...paths) },
        fc.constantFrom(...objects),
        fc.constantFrom('nosuch', 'person.nosuch', '_id.x'),
      );
      fc.assert(
        fc.property(fc.array(fc.tuple(pick, value, fc.nat(1)), { minLength: 1, maxLength: 12 }), (entries) => {
          const record: Record<string, unknown> = {};
          const fields = entries.map(([path, v, index]) => put(record, path, v, index));
          const cut = validatorOf(tree.jsonSchema, fields);
          expect(cut.validate(record)).toEqual(whole.validate(record));
        }),
        { numRuns: 40 },
      );
    });
  }

  it('is a small part of a large schema for a usual mapping', () => {
    const tree = sample('xdm/profile-large.schema.json');
    const fields = [['_id'], ['person', 'name', 'firstName'], ['personalEmail', 'address'], ['homeAddress', 'city'], ['identityMap', 'Email', 'id']];
    const cut = pruneToFields(tree.jsonSchema, fields)!;
    expect(JSON.stringify(cut).length).toBeLessThan(JSON.stringify(tree.jsonSchema).length / 20);
    // What it keeps: the destinations, the required lists, the map's schema for any key.
    const props = cut.properties as Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }>;
    expect(Object.keys(props).sort()).toEqual(['_id', 'homeAddress', 'identityMap', 'person', 'personalEmail']);
    expect(props.identityMap!.additionalProperties).toEqual((tree.jsonSchema.properties as typeof props).identityMap!.additionalProperties);
    expect(cut.required).toEqual(tree.jsonSchema.required);
  });

  it('keeps everything a check reads: required fields, additional and pattern properties, combinators, whole destinations', () => {
    const schema = {
      type: 'object',
      required: ['a', 'gone'],
      additionalProperties: false,
      properties: {
        a: { type: 'object', required: ['b'], properties: { b: { type: 'string', minLength: 2 }, c: { type: 'number' } } },
        list: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { x: { type: 'integer' }, y: { type: 'string' } } } },
        whole: { type: 'object', properties: { p: { type: 'string' }, q: { type: 'boolean' } } },
        gone: { type: 'string' },
        filler: FILLER,
      },
      patternProperties: { '^z': { type: 'number' } },
      allOf: [{ properties: { a: { properties: { c: { maximum: 3 } } } } }],
    };
    const fields = [['a', 'b'], ['a', 'c'], ['list', 'x'], ['list', 'w'], ['whole'], ['zz'], ['other']];
    const records = [
      {},
      { a: { b: 'x', c: 9 }, list: [{ x: 1.5, w: 1 }], whole: { p: 1, q: 'no' }, zz: 'n', other: 1 },
      { a: { c: 1 }, list: [{}, { x: 'a' }] },
      { a: { b: 'ok', c: 2 }, list: [{ x: 1 }], whole: { p: 'p' }, zz: 1 },
    ];
    const whole = validatorOf(schema);
    const cut = validatorOf(schema, fields);
    for (const r of records) expect(cut.validate(r)).toEqual(whole.validate(r));
    const pruned = pruneToFields(schema, fields)! as typeof schema;
    expect(Object.keys(pruned.properties)).toEqual(['a', 'list', 'whole']);
    expect(Object.keys(pruned.properties.list.items.properties)).toEqual(['x']);
    expect(pruned.properties.whole).toEqual(schema.properties.whole);
  });

  it('is not made for a schema with references or ids below its root, nor for a small schema', () => {
    const schema = {
      type: 'object',
      properties: { a: { $ref: '#/definitions/s' }, b: { type: 'string' }, filler: FILLER },
      definitions: { s: { type: 'string' } },
    };
    expect(pruneToFields(schema, [['a']])).toBeNull();
    // A relative id resolves against its parent's: the cut (without the root's id) would move it.
    const ids = {
      $id: 'http://x/root',
      type: 'object',
      properties: { a: { $id: 'leaf', type: 'string', maxLength: 3 }, b: { type: 'string' }, filler: FILLER },
    };
    expect(pruneToFields(ids, [['a']])).toBeNull();
    expect(pruneToFields({ ...ids, properties: { ...ids.properties, a: { type: 'string' } } }, [['a']])).not.toBeNull();
    expect(pruneToFields({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } } }, [['a']])).toBeNull();
    expect(validatorOf(schema, [['a']]).validate({ a: 1 })).toEqual(validatorOf(schema).validate({ a: 1 }));
  });

  it('never turns a user key into a prototype key', () => {
    const schema = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"string"},"ok":{"type":"string"},"no":{}}}');
    schema.properties.filler = FILLER;
    const pruned = pruneToFields(schema, [['__proto__'], ['ok']])!;
    const props = pruned.properties as Record<string, unknown>;
    expect(Object.getPrototypeOf(props)).toBe(Object.prototype);
    expect(Object.keys(props)).toEqual(['__proto__', 'ok']);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('refuses a schema ajv cannot compile, where the fault is in a field no record holds, as the whole compile does', () => {
    // Found by review: the cut compile alone had taken these schemas.
    for (const fault of [{ type: 'string', maxLength: '10' }, { enum: 'x' }, { type: 'object', required: 'x' }]) {
      const schema = { type: 'object', properties: { code: { type: 'string' }, other: fault, filler: FILLER } };
      const whole = compileValidator(schema, { trustDateFormats: true });
      const cut = compileValidator(schema, { trustDateFormats: true, fields: [['code']] });
      expect(whole.ok).toBe(false);
      expect(cut).toEqual(whole);
    }
  });
});
