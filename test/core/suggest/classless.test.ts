import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileColumns } from '../../../src/core/csv/profile';
import { loadSchemaText } from '../../../src/core/schema/loadSchema';
import { suggestMappings } from '../../../src/core/suggest/suggest';
import { readCsv } from '../../helpers/csv';

const DIR = join(import.meta.dirname, '../../fixtures/values');

/** Suggestions for a fixture file against the small values schema, which has no XDM class and mixes person, commerce and product. */
function suggest(file: string) {
  const loaded = loadSchemaText(readFileSync(join(DIR, 'values.schema.json'), 'utf8'));
  if (!loaded.ok) throw new Error('schema');
  const csv = readCsv(readFileSync(join(DIR, file)));
  const profiles = profileColumns(
    csv.header!.columns,
    csv.rows.map((r) => r.cells),
  );
  return Object.fromEntries(suggestMappings(loaded.tree, profiles).map((s) => [s.column, s]));
}

describe('a schema that does not say what its records are', () => {
  it('reads a bare header as its field: no field is off a subject nobody stated, and commerce is a group, not an object to name', () => {
    const s = suggest('fr-clients.csv');
    expect(s.Montant?.destination).toBe('commerce.amount');
    expect(s.Ville?.destination).toBe('homeAddress.city');
  });
});
