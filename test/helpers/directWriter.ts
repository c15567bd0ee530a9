import fc from 'fast-check';
import { expect } from 'vitest';
import { createMappingDocument } from '../../src/core/mapping/document';
import type { MappingEntry } from '../../src/core/mapping/mapping.types';
import { compileMapping } from '../../src/core/transform/compile';
import { testSchema } from './schema';

/**
 * The two writers of one plan on random rows: whatever the direct writer writes must be exactly
 * JSON.stringify of the record the record builder makes, with no error. Every field of the
 * schema is a top-level property named as its column. Returns how many rows the direct writer
 * wrote, so that a test can tell a comparison from one that compared nothing.
 */
export function directAgainstRecords(
  properties: Record<string, Record<string, unknown>>,
  mappings: readonly Omit<MappingEntry, 'destination' | 'sourceType'>[],
  cells: fc.Arbitrary<string[]>,
  numRuns: number,
): number {
  const schemaId = 'https://example.com/direct';
  const { tree, validator } = testSchema({ $id: schemaId, title: 'Direct', type: 'object', properties });
  const columns = mappings.map((m) => m.source);
  const doc = createMappingDocument({
    columns,
    schemaId,
    mappings: mappings.map((m) => ({ ...m, sourceType: 'ATTRIBUTE' as const, destination: m.source })),
  });
  const c = compileMapping(doc, tree, columns, { validator });
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  const text = c.compiled.text!;
  let direct = 0;
  fc.assert(
    fc.property(cells, (row) => {
      const { row: scanned, buf } = text.encode(row);
      const out = new Uint8Array(text.writer.bound(scanned.textEnd) + 16);
      const n = text.writer.write(scanned, buf, out, 0);
      if (n < 0) return;
      direct++;
      const full = c.compiled.run(row, 1, 2);
      expect(full.errors).toEqual([]);
      expect(new TextDecoder().decode(out.subarray(0, n - 1))).toBe(JSON.stringify(full.record));
    }),
    { numRuns },
  );
  return direct;
}
