import { describe, expect, it } from 'vitest';
import { profileColumns } from '../../../src/core/csv/profile';
import { loadSchema, loadSchemaText } from '../../../src/core/schema/loadSchema';
import { suggestMappings } from '../../../src/core/suggest/suggest';
import { compileValidator } from '../../../src/core/validate/validator';
import { useSession } from '../../../src/ui/store/session';

/**
 * Field names that every plain object inherits (issue 13, #5): a schema may use them, and they
 * must load, validate and be suggested like any other name.
 */
const NAMES = ['valueOf', 'toString', 'hasOwnProperty', 'isPrototypeOf', 'toLocaleString', 'propertyIsEnumerable', '__defineGetter__'];

const schema = {
  type: 'object',
  properties: {
    ...Object.fromEntries(NAMES.map((n) => [n, { type: 'string', title: n }])),
    person: {
      type: 'object',
      properties: { valueOf: { type: 'integer', minimum: 0, maximum: 10 }, toString: { type: 'object', properties: { call: { type: 'string' } } } },
    },
    tags: { type: 'object', 'meta:xdmType': 'constructor', properties: { hasOwnProperty: { type: 'string' } } },
  },
  required: ['valueOf', 'toString'],
};

describe('schema fields named like Object.prototype members', () => {
  it('load into the field tree with their own paths and types', () => {
    const r = loadSchema(schema);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    for (const n of NAMES) expect(r.tree.fields.get(n as never)?.xdmType).toBe('string');
    expect(r.tree.fields.get('person.valueOf' as never)?.xdmType).toBe('byte');
    expect(r.tree.fields.get('person.toString.call' as never)?.xdmType).toBe('string');
    // "constructor" is not an XDM type: the node's JSON Schema type decides.
    expect(r.tree.fields.get('tags' as never)?.xdmType).toBe('object');
    expect(r.tree.required).toEqual(['valueOf', 'toString']);
  });

  it('are required only when the record has them itself: what every object inherits does not count', () => {
    const v = compileValidator(schema);
    if (!v.ok) throw new Error(v.message);
    expect(v.validator.validate({}).map((x) => x.message)).toEqual(['required field valueOf is missing', 'required field toString is missing']);
    expect(v.validator.validate({ valueOf: 'a', toString: 'b', person: { valueOf: 3 } })).toEqual([]);
    expect(v.validator.validate({ valueOf: 'a', toString: 'b', person: { valueOf: 30 } })[0]?.path).toBe('person.valueOf');
  });

  it('are suggested for columns of the same name, without a crash', () => {
    const r = loadSchemaText(JSON.stringify(schema));
    if (!r.ok) throw new Error('schema');
    const profiles = profileColumns(NAMES, [NAMES.map((n) => `${n} value`), NAMES.map((n) => `another ${n}`)]);
    const byColumn = new Map(suggestMappings(r.tree, profiles).map((s) => [s.column, s.destination]));
    for (const n of NAMES) expect(byColumn.get(n)).toBe(n);
  });

  it('load in the web app', () => {
    const s = useSession.getState();
    s.reset();
    expect(s.setSchemaText('prototype-names.schema.json', JSON.stringify(schema))).toBe(true);
    expect(useSession.getState().schema?.tree.fields.has('hasOwnProperty' as never)).toBe(true);
    expect(useSession.getState().notices).toEqual([]);
  });
});
