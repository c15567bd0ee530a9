import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSchemaText } from '../../../src/core/schema/loadSchema';
import { cli, tempDir, writeTemp } from '../../helpers/cli';
import { SCHEMAS } from '../../helpers/samples';

/** 30 levels of `allOf`, each naming the next level twice: 2.4 KB that stands for 2^30 nodes. */
function nestedAllOf(levels = 30): string {
  const definitions: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++) definitions[`d${i}`] = { allOf: [{ $ref: `#/definitions/d${i + 1}` }, { $ref: `#/definitions/d${i + 1}` }] };
  definitions[`d${levels}`] = { type: 'object', properties: { x: { type: 'string' } } };
  return JSON.stringify({ type: 'object', definitions, properties: { a: { $ref: '#/definitions/d0' } } });
}

/** 8 levels of objects with 10 properties, each the next level: 3 KB that stands for 10^8 fields. */
function fanOut(levels = 8, width = 10): string {
  const definitions: Record<string, unknown> = {};
  for (let i = 0; i < levels; i++)
    definitions[`f${i}`] = {
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: width }, (_, k) => [`p${k}`, { $ref: `#/definitions/f${i + 1}` }])),
    };
  definitions[`f${levels}`] = { type: 'string' };
  return JSON.stringify({ type: 'object', definitions, properties: { root: { $ref: '#/definitions/f0' } } });
}

describe('schemas that expand past any real schema are refused, naming where (issue 13, #8)', () => {
  it('nested allOf of $refs (ran past 300 s)', () => {
    const r = loadSchemaText(nestedAllOf());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.pointer).toMatch(/^\/properties\/a(\/allOf\/[01])+$/);
    expect(r.problems[0]!.message).toMatch(/expands to more than [\d,]+ resolved nodes here/);
  });

  it('a fan-out of $refs (aborted at 4.7 GB)', () => {
    const r = loadSchemaText(fanOut());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]!.pointer).toMatch(/^\/properties\/root(\/properties\/p\d)+$/);
    expect(r.problems[0]!.message).toMatch(/expands to more than [\d,]+ (fields|resolved nodes) here/);
  });

  it('the same schemas with fewer levels still load', () => {
    const small = loadSchemaText(nestedAllOf(8));
    expect(small.ok && small.tree.fields.has('a.x' as never)).toBe(true);
    const wide = loadSchemaText(fanOut(3, 10));
    expect(wide.ok && wide.tree.leaves.length).toBe(1000);
  });

  it('the largest sample schema loads, far inside the bounds', () => {
    const r = loadSchemaText(readFileSync(SCHEMAS.large, 'utf8'));
    expect(r.ok && r.tree.leaves.length).toBe(1307);
  });

  it('apply refuses such a schema with exit 2 and the pointer', async () => {
    const dir = tempDir();
    const schema = writeTemp(dir, 'bomb.schema.json', fanOut());
    const mapping = writeTemp(
      dir,
      'm.json',
      JSON.stringify({
        kind: 'xdm-mapper/mapping',
        version: 1,
        mappings: [{ sourceType: 'ATTRIBUTE', source: 'c', destination: 'root.p0.p0.p0.p0.p0.p0.p0.p0' }],
      }),
    );
    const input = writeTemp(dir, 'in.csv', 'c\nx\n');
    const r = await cli('apply', '--mapping', mapping, '--schema', schema, input, '--out', `${dir}/out`);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/at \/properties\/root\/properties\/p\d.*expands to more than/);
  });
});
