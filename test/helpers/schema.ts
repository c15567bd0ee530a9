import type { FieldTree } from '../../src/core/schema/field.types';
import { loadSchema } from '../../src/core/schema/loadSchema';
import { compileValidator, type RecordValidator } from '../../src/core/validate/validator';

/**
 * A test's JSON Schema loaded as a field tree with its validator, as a run loads one (date
 * formats trusted, as for records the transformer builds); throws on a schema the test got wrong.
 */
export function testSchema(json: Record<string, unknown>): { tree: FieldTree; validator: RecordValidator } {
  const r = loadSchema(json);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const v = compileValidator(r.tree.jsonSchema, { trustDateFormats: true });
  if (!v.ok) throw new Error(v.message);
  return { tree: r.tree, validator: v.validator };
}
