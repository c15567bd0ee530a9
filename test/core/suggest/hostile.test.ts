import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../../src/core/csv/profile';
import { loadSchemaText } from '../../../src/core/schema/loadSchema';
import { reconcileColumns } from '../../../src/core/suggest/reconcile';
import { MAX_QUERY, searchFields } from '../../../src/core/suggest/searchFields';
import { suggestMappings } from '../../../src/core/suggest/suggest';
import { suggestionsToDocument } from '../../../src/core/suggest/toDocument';
import { sampleTree } from '../../helpers/samples';

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

/** Headers users bring that try to reach built-ins, or that are merely strange. */
const HOSTILE_HEADERS = [
  '__proto__',
  'constructor',
  'prototype',
  '__proto__.polluted',
  'constructor.prototype.polluted',
  'toString.call',
  'Object.prototype.valueOf',
  '__defineSetter__',
  'x'.repeat(100_000),
  'Straße '.repeat(3_000),
  '😀 first name 😀',
  '\u202efirst name',
  'first\u0000name',
  '\ud800 lone surrogate',
  'Ⅻ ﬁrst‐name',
  '',
  ' ',
  '#',
];

describe('hostile and odd headers', () => {
  const tree = sampleTree('large');
  const protoNames = () => Object.getOwnPropertyNames(Object.prototype).sort();
  const values = [['__proto__', 'constructor'], ['{"__proto__": {"polluted": 1}}'], ['a@example.com', 'b@example.org'], ['x'.repeat(10_000)], ['😀', '\ud800']];
  const profiles = HOSTILE_HEADERS.map((h, i) => profileColumn(h, i, values[i % values.length]!));

  it('get one suggestion each, under their own name, and never change Object.prototype', () => {
    const before = protoNames();
    const s = suggestMappings(tree, profiles);
    expect(s.map((x) => x.column)).toEqual(HOSTILE_HEADERS);
    // What --explain prints survives JSON unchanged: no getter, function or prototype in it.
    const explained = s.map((x) => ({
      column: x.column,
      destination: x.destination,
      confidence: x.confidence,
      evidence: x.evidence,
      alternatives: x.alternatives,
    }));
    expect(JSON.parse(JSON.stringify(explained))).toEqual(explained);
    const doc = suggestionsToDocument(tree, HOSTILE_HEADERS, s);
    expect(doc.source.columns).toEqual(HOSTILE_HEADERS);
    expect(doc.mappings.every((m) => m.sourceType === 'ATTRIBUTE' && HOSTILE_HEADERS.includes(m.source))).toBe(true);
    expect(reconcileColumns(doc, [...HOSTILE_HEADERS.slice(0, 3), 'hasOwnProperty']).added).toEqual(['hasOwnProperty']);
    expect(protoNames()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
  });

  it('are remembered like any other header: a saved mapping for `__proto__` or `constructor` is used again', () => {
    const memory = [
      { column: '__proto__', destination: 'personalEmail.address', source: 'saved.json' },
      { column: 'constructor', destination: 'person.name.firstName', source: 'saved.json' },
      { column: 'toString', destination: 'person.name.lastName', source: 'saved.json' },
    ];
    const s = suggestMappings(
      tree,
      ['__proto__', 'constructor', 'toString', 'valueOf'].map((h, i) => profileColumn(h, i, ['alpha', 'beta'])),
      { memory },
    );
    expect(s.map((x) => [x.column, x.destination, x.fromMemory])).toEqual([
      ['__proto__', 'personalEmail.address', true],
      ['constructor', 'person.name.firstName', true],
      ['toString', 'person.name.lastName', true],
      ['valueOf', null, false],
    ]);
  });

  it('invisible and compatibility characters neither split nor hide a word', () => {
    const emails = ['ana@example.com', 'bo@example.org', 'cy@example.net'];
    const plain = suggestMappings(tree, [profileColumn('Email', 0, emails)])[0]!;
    expect(plain.destination).toBe('personalEmail.address');
    for (const h of ['ｅｍａｉｌ', '\u200bEmail\u200b', 'E\u200dmail', '\ufeffEmail', 'Em\u00adail', '\u202eEmail', 'E\u0301mail', 'Email\u0000']) {
      const s = suggestMappings(tree, [profileColumn(h, 0, emails)])[0]!;
      expect([h, s.destination, s.confidence]).toEqual([h, plain.destination, plain.confidence]);
    }
  });

  it('the field search reads at most MAX_QUERY characters of a pasted text, and a whole path finds its field first', () => {
    const long = 'home address postal code '.repeat(8_000);
    expect(searchFields(tree, long).map((h) => h.field.path)).toEqual(
      searchFields(tree, Array.from(long).slice(0, MAX_QUERY).join('')).map((h) => h.field.path),
    );
    const longest = [...tree.fields.keys()].sort((a, b) => b.length - a.length)[0]!;
    expect(longest.length).toBeGreaterThan(MAX_QUERY);
    expect(searchFields(tree, longest)[0]!.field.path).toBe(longest);
    expect(searchFields(tree, longest.replace('[]', '[3]'))[0]!.field.path).toBe(longest);
    expect(searchFields(tree, '__proto__')).toEqual(expect.any(Array));
  });
});
