import { Ajv, type AnySchema } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { ajvPatternEngine } from '../regex';
import { validate as draft07Check } from './metaSchemaValidator.generated';

/**
 * Whether a target schema is well formed by its meta-schema: a schema is cut to a run's fields
 * only when it is (validator.ts), so that a bad keyword value in a field no run writes still
 * refuses it. Compiling draft-07's meta-schema took ~65 ms of every run's start, more than the
 * cut saved on a mid-sized schema, so its check is generated ahead (tools/generate-validators.ts)
 * with the options and formats the run's ajv has; other meta-schemas are compiled by that ajv.
 */

// ajv-formats ships CommonJS; its default export arrives wrapped under some loaders.
export const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport) as typeof addFormatsImport;

/**
 * The target schema's ajv options. ownProperties: a field named `valueOf` or `toString` is
 * missing unless the record has it itself; the value every object inherits does not count.
 * code.regExp: the schema's patterns are matched by RE2, in time linear in the value.
 */
export const VALIDATOR_OPTIONS = {
  allErrors: true,
  strict: false,
  validateSchema: false,
  allowUnionTypes: true,
  ownProperties: true,
  code: { regExp: ajvPatternEngine },
} as const;

/** The draft-07 ajv a run checks records with, before any schema is added (the generator compiles its meta-schema). */
export function metaSchemaAjv(code: { source?: boolean; esm?: boolean } = {}): Ajv {
  const ajv = new Ajv({ ...VALIDATOR_OPTIONS, code: { ...VALIDATOR_OPTIONS.code, ...code } });
  addFormats(ajv);
  return ajv;
}

const DRAFT_07 = new Set(['http://json-schema.org/draft-07/schema', 'http://json-schema.org/draft-07/schema#']);

/** True when `ajv`'s meta-schema for `schema` takes it; false also for a meta-schema it does not have. */
export function wellFormed(ajv: Ajv, schema: Record<string, unknown>, draft07: boolean): boolean {
  const stated = schema.$schema;
  if (draft07 && (stated === undefined || (typeof stated === 'string' && DRAFT_07.has(stated)))) return draft07Check(schema) === true;
  try {
    return ajv.validateSchema(schema as AnySchema) === true;
  } catch {
    return false;
  }
}
