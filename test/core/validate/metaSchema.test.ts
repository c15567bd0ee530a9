import { readFileSync } from 'node:fs';
import type { AnySchema } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metaSchemaAjv, wellFormed } from '../../../src/core/validate/metaSchema';
import { validate as generated } from '../../../src/core/validate/metaSchemaValidator.generated';
import { META_GENERATED, metaSchemaValidatorSource } from '../../../tools/generate-validators';

/**
 * Before a schema is cut to a run's fields, draft-07's meta-schema must take it: the check is
 * generated ahead of time (compiling it took ~65 ms of every run). It must answer exactly as
 * the run's own ajv compiling the meta-schema would, on any schema a user can bring.
 */

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../../public/samples/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const SAMPLES = ['xdm/experienceevent-commerce.schema.json', 'xdm/profile-person-contact-loyalty.schema.json', 'luma/luma-product-catalog.schema.json'];

/** ajv's own answer, with the meta-schema compiled at run time as before the generated check. */
const compiledAtRunTime = metaSchemaAjv();
const ajvSays = (schema: unknown) => {
  try {
    return compiledAtRunTime.validateSchema(schema as AnySchema) === true;
  } catch {
    return false;
  }
};

/** Keyword values of every JSON type, good and bad for each keyword of the meta-schema. */
const anyValue = fc.oneof(
  fc.constantFrom('', 'string', 'object', 'integer', 'nope', 'uri', '(', '^a+$', '#/definitions/x', 'http://x.io/s#', 'x y'),
  fc.integer({ min: -3, max: 12 }),
  fc.double({ noNaN: true, min: -2, max: 2 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
  fc.constant(['a', 'a']),
  fc.constant(['string', 'null']),
  fc.constant({ a: { type: 'string' } }),
  fc.constant({ a: 5 }),
  fc.constant([{ type: 'string' }, true]),
);
const KEYWORDS = [
  'type',
  'properties',
  'required',
  'items',
  'additionalItems',
  'additionalProperties',
  'enum',
  'const',
  'format',
  'pattern',
  'patternProperties',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  'if',
  'then',
  'else',
  'definitions',
  'dependencies',
  'propertyNames',
  'contains',
  'default',
  'examples',
  '$id',
  '$ref',
  '$schema',
  '$comment',
  'title',
  'description',
  'readOnly',
  'meta:xdmType',
  '__proto__',
  'constructor',
];
/** A schema-like object: a few keywords with values of any type, nested a little. */
const schemaLike: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.dictionary(fc.constantFrom(...KEYWORDS), fc.oneof(anyValue, tie('node')), { maxKeys: 5 }),
    fc.dictionary(
      fc.constantFrom('properties', 'items', 'allOf', 'definitions'),
      fc.dictionary(fc.constantFrom('a', 'b', '$ref'), tie('node'), { maxKeys: 2 }),
      {
        maxKeys: 2,
      },
    ),
    anyValue,
  ),
})).node;

/** A real schema with one value somewhere replaced by any value. */
function spoiled(schema: unknown, seed: number, replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(schema)) as unknown;
  const spots: [Record<string, unknown>, string][] = [];
  const walk = (n: unknown): void => {
    if (typeof n !== 'object' || n === null) return;
    for (const [k, v] of Object.entries(n)) {
      spots.push([n as Record<string, unknown>, k]);
      walk(v);
    }
  };
  walk(copy);
  const [at, key] = spots[seed % spots.length]!;
  at[key] = replacement;
  return copy;
}

describe("draft-07's meta-schema check, generated ahead", () => {
  it('is what the generator writes today (run `npm run generate` when this fails)', () => {
    expect(readFileSync(META_GENERATED, 'utf8')).toBe(metaSchemaValidatorSource());
  });

  it("gives ajv's answer on schema-like objects of every shape", () => {
    let refused = 0;
    fc.assert(
      fc.property(schemaLike, (schema) => {
        const expected = ajvSays(schema);
        if (!expected) refused++;
        const answer =
          typeof schema === 'object' && schema !== null ? wellFormed(metaSchemaAjv(), schema as Record<string, unknown>, true) : generated(schema) === true;
        expect(answer).toBe(expected);
      }),
      { numRuns: 4000 },
    );
    // Both answers come up often, so the comparison says something.
    expect(refused).toBeGreaterThan(400);
    expect(refused).toBeLessThan(3600);
  });

  it("gives ajv's answer on AEP's schemas with one value replaced anywhere", () => {
    for (const name of SAMPLES) {
      const schema = sample(name);
      expect(generated(schema)).toBe(true);
      fc.assert(
        fc.property(fc.nat(), anyValue, (seed, replacement) => {
          const s = spoiled(schema, seed, replacement);
          expect(wellFormed(metaSchemaAjv(), s as Record<string, unknown>, true)).toBe(ajvSays(s));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('is used for schemas that state draft-07 or nothing; others are left to ajv, which refuses a meta-schema it does not have', () => {
    const ajv = metaSchemaAjv();
    const bad = { type: 'object', properties: { a: { type: 'string', maxLength: '10' } } };
    expect(wellFormed(ajv, bad, true)).toBe(false);
    expect(wellFormed(ajv, { ...bad, $schema: 'http://json-schema.org/draft-07/schema#' }, true)).toBe(false);
    expect(wellFormed(ajv, { type: 'object', $schema: 'http://json-schema.org/draft-07/schema' }, true)).toBe(true);
    expect(wellFormed(ajv, { type: 'object', $schema: 'http://json-schema.org/draft-06/schema#' }, true)).toBe(false);
    expect(wellFormed(ajv, { type: 'object', $schema: 7 }, true)).toBe(false);
    expect(wellFormed(ajv, { type: 'object' }, true)).toBe(true);
  });
});
