import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../../src/core/csv/profile';
import { loadSchemaText } from '../../../src/core/schema/loadSchema';
import { reconcileColumns } from '../../../src/core/suggest/reconcile';
import { searchFields } from '../../../src/core/suggest/searchFields';
import { suggestMappings } from '../../../src/core/suggest/suggest';
import { suggestionsToDocument } from '../../../src/core/suggest/toDocument';

/** Names that reach `Object.prototype` through a plain object's `obj[name]`. */
const PROTO = ['valueOf', 'toString', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__', '__lookupGetter__'];

const schema = {
  title: 'Hostile names',
  type: 'object',
  'meta:class': 'https://ns.adobe.com/xdm/context/profile',
  properties: {
    ...Object.fromEntries(PROTO.map((n) => [n, { type: 'string', title: n }])),
    nested: { type: 'object', properties: Object.fromEntries(PROTO.map((n) => [n, { type: 'string', 'meta:enum': { [n]: n, valueOf: 'x' } }])) },
    personalEmail: { type: 'object', properties: { address: { type: 'string', format: 'email' } } },
  },
};

describe('names from schemas and headers are never plain-object keys', () => {
  const loaded = loadSchemaText(JSON.stringify(schema));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const tree = loaded.tree;

  it('suggests for a schema whose fields are named like Object.prototype members, with headers named alike', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const headers = [...PROTO, 'constructor', '__proto__', 'prototype', 'Email'];
    const profiles = headers.map((h, i) => profileColumn(h, i, h === 'Email' ? ['a@example.com'] : ['alpha', 'beta']));
    const s = suggestMappings(tree, profiles);
    expect(s).toHaveLength(headers.length);
    expect(s.find((x) => x.column === 'Email')!.destination).toBe('personalEmail.address');
    // A header naming a field exactly finds it, whatever the name.
    expect(s.find((x) => x.column === 'valueOf')!.destination).toMatch(/valueOf$/);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(typeof Object.prototype.valueOf).toBe('function');
  });

  it('searches and reconciles such names without touching built-ins', () => {
    expect(searchFields(tree, 'hasOwnProperty').map((h) => h.field.path)).toContain('hasOwnProperty');
    const headers = ['valueOf', 'toString', 'hasOwnProperty'];
    const doc = suggestionsToDocument(
      tree,
      headers,
      suggestMappings(
        tree,
        headers.map((h, i) => profileColumn(h, i, ['alpha'])),
      ),
    );
    const r = reconcileColumns(doc, ['toString', 'constructor', '__proto__']);
    expect(r.missing).toContain('valueOf');
    expect(r.added).toEqual(['constructor', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
