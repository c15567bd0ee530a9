import { describe, expect, it } from 'vitest';
import { createMappingDocument } from '../../../src/core/mapping/document';
import { loadSchema } from '../../../src/core/schema/loadSchema';
import { type CompiledMapping, compileMapping } from '../../../src/core/transform/compile';
import { MAX_FIELDS_PER_ROW } from '../../../src/core/transform/plan';

function direct(c: CompiledMapping, cells: string[]): string | null {
  const { row, buf } = c.text!.encode(cells);
  const out = new Uint8Array(c.text!.writer.bound(row.textEnd) + 16);
  const n = c.text!.writer.write(row, buf, out, 0);
  return n < 0 ? null : new TextDecoder().decode(out.subarray(0, n - 1));
}

describe('a mapping as large as AEP takes', () => {
  it('10,000 entries compile and run on both writers, without running out of stack', () => {
    const n = MAX_FIELDS_PER_ROW;
    const props = Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}`, { type: 'integer' }]));
    const r = loadSchema({ $id: 'https://example.com/wide', title: 'Wide', type: 'object', properties: props });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const mappings = Array.from({ length: n }, (_, i) => ({ sourceType: 'ATTRIBUTE' as const, source: i % 2 ? 'a' : 'b', destination: `f${i}` }));
    const c = compileMapping(createMappingDocument({ columns: ['a', 'b'], schemaId: 'https://example.com/wide', mappings }), r.tree, ['a', 'b']);
    if (!c.ok) throw new Error(JSON.stringify(c.problems));
    const text = direct(c.compiled, ['1', '2']);
    expect(text).toBe(JSON.stringify(c.compiled.run(['1', '2'], 1, 2).record));
    expect(Object.keys(JSON.parse(text!))).toHaveLength(n);
    // A bad cell in half the fields: the record builder writes the other half and names each error.
    expect(direct(c.compiled, ['x', '2'])).toBeNull();
    const res = c.compiled.run(['x', '2'], 1, 2);
    expect(Object.keys(res.record!)).toHaveLength(n / 2);
    expect(res.errors).toHaveLength(n / 2);
  });
});
