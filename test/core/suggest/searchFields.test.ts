import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Field } from '../../../src/core/schema/field.types';
import { loadSchemaText } from '../../../src/core/schema/loadSchema';
import { fieldIndex } from '../../../src/core/suggest/fieldIndex';
import { searchFields } from '../../../src/core/suggest/searchFields';
import { ROOT } from '../../helpers/samples';

const loaded = loadSchemaText(readFileSync(join(ROOT, 'public/samples/xdm/profile-large.schema.json'), 'utf8'));
if (!loaded.ok) throw new Error('schema');
const tree = loaded.tree;

/** The search over every field, ordered as searchFields orders: what the prefilter must not change. */
function everyField(q: string, limit: number): string[] {
  const sink = (f: Field) => (f.system && !/repo|batch|system/i.test(q) ? 1 : 0);
  return fieldIndex(tree)
    .fuse()
    .search(q, { limit: limit * 2 })
    .map((r) => ({ field: r.item.field, score: r.score ?? 1 }))
    .filter((h) => h.score <= 0.5)
    .sort((a, b) => sink(a.field) - sink(b.field) || a.score - b.score || a.field.path.length - b.field.path.length)
    .slice(0, limit)
    .map((h) => h.field.path);
}

describe('the field search on a schema of 1,307 fields', () => {
  it('finds what a search of every field finds first, for names, words and typos', () => {
    for (const q of ['post code', 'postalCode', 'phone number', 'first name', 'birth date', 'loyalty points', 'emial', 'adress', 'crm id', 'x']) {
      const top = searchFields(tree, q, 80).map((h) => h.field.path);
      expect(top.slice(0, 10), q).toEqual(everyField(q, 80).slice(0, 10));
    }
  });

  it('searches every field when too few share a piece of the query', () => {
    // No three letters of "qzxv" occur in this schema: the full search decides (and finds nothing real).
    expect(searchFields(tree, 'qzxv wvut', 20).map((h) => h.field.path)).toEqual(everyField('qzxv wvut', 20));
  });
});
