import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, readJsonl, tempDir } from '../helpers/cli';
import { LUMA_CSV, LUMA_SCHEMA, ROOT } from '../helpers/samples';

describe('xdm-mapper expr', () => {
  it('prints the result as JSON', async () => {
    const r = await cli('expr', 'concat(upper(lastName), ", ", firstName)', '--row', '{"firstName": "Ada", "lastName": "Lovelace"}');
    expect([r.code, r.out]).toEqual([0, '"LOVELACE, Ada"\n']);
    expect((await cli('expr', 'to_object("a", 1)')).out).toBe('{"a":1}\n');
    expect((await cli('expr', 'now()', '--now', '2024-01-02T03:04:05Z')).out).toBe('"2024-01-02T03:04:05Z"\n');
  });

  it('shows where a formula is wrong, and why a row fails', async () => {
    const parse = await cli('expr', 'concat(a, b');
    expect(parse.code).toBe(2);
    expect(parse.err).toContain('concat(a, b\n           ^\nerror at position 11');
    const unknown = await cli('expr', 'upper(Nmae)', '--row', '{"Name": "x"}');
    expect(unknown.err).toMatch(/the file has no column "Nmae"/);
    const row = await cli('expr', 'to_integer(x)', '--row', '{"x": "abc"}');
    expect([row.code, row.err]).toEqual([1, 'evaluation failed: STRING must be a number, got "abc"\n']);
    expect((await cli('expr', 'x', '--row', '[1]')).code).toBe(2);
  });
});

describe('mappings with expressions, through apply', () => {
  it('runs the shipped calculated-fields mapping on the real Luma file', async () => {
    const out = tempDir();
    const r = await cli('apply', '--mapping', join(ROOT, 'mappings', 'luma-products-calculated.mapping.json'), '--schema', LUMA_SCHEMA, LUMA_CSV, '--out', out);
    expect(r.code, r.err).toBe(0);
    const records = readJsonl(join(out, 'part-00001.jsonl')) as { _id: string; _techmarketingdemos: Record<string, unknown> }[];
    expect(records).toHaveLength(92);
    expect(new Set(records.map((x) => x._id)).size).toBe(92);
    expect(records.every((x) => /^[0-9a-f]{64}$/.test(x._id))).toBe(true);
    const first = records[0]!._techmarketingdemos;
    expect(first).toEqual({
      productSku: 'LLMH09',
      productName: 'Abominable Hoodie',
      productCategory: 'men > tops > hoodies_sweatshirts',
      productColor: 'blue',
      productSize: 'S',
      productPrice: 69,
    });
    expect(records.some((x) => x._techmarketingdemos.productName === 'Logan HeatTec® Tee')).toBe(true);
    const v = await cli('validate', '--schema', LUMA_SCHEMA, join(out, 'part-00001.jsonl'));
    expect(v.code).toBe(0);
    expect(readFileSync(join(out, 'errors.jsonl'), 'utf8')).toBe('');
  });
});
