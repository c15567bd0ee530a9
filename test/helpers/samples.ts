import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldTree } from '../../src/core/schema/field.types';
import { loadSchemaText } from '../../src/core/schema/loadSchema';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SAMPLES = join(ROOT, 'public', 'samples');
export const LUMA_CSV = join(SAMPLES, 'luma', 'luma-products.csv');
export const LUMA_SCHEMA = join(SAMPLES, 'luma', 'luma-product-catalog.schema.json');
export const CRM_SCHEMA = join(SAMPLES, 'luma', 'luma-crm.schema.json');
export const LUMA_EXPECTED = join(SAMPLES, 'luma', 'luma-products.expected-adobe.json');
export const LUMA_MAPPING = join(ROOT, 'mappings', 'luma-products.mapping.json');
export const SCHEMAS = {
  luma: LUMA_SCHEMA,
  profile: join(SAMPLES, 'xdm', 'profile-person-contact-loyalty.schema.json'),
  event: join(SAMPLES, 'xdm', 'experienceevent-commerce.schema.json'),
  large: join(SAMPLES, 'xdm', 'profile-large.schema.json'),
} as const;

/** Loads a sample schema; fails the test when it does not load. */
export function sampleTree(name: keyof typeof SCHEMAS): FieldTree {
  const r = loadSchemaText(readFileSync(SCHEMAS[name], 'utf8'));
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.problems)}`);
  return r.tree;
}
