import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApplyRun } from '../../../src/core/batch/applyRun';
import { MemorySink } from '../../../src/core/batch/memorySink';
import { type SniffOverrides, sniff } from '../../../src/core/csv/sniff';
import { createMappingDocument } from '../../../src/core/mapping/document';
import { loadSchema } from '../../../src/core/schema/loadSchema';
import { compileValidator } from '../../../src/core/validate/validator';

function stringSchema(n: number, requiredFirst: boolean) {
  const properties: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) properties[`c${i}`] = { type: 'string' };
  const r = loadSchema({
    $id: 'https://example.com/t',
    title: 'T',
    type: 'object',
    properties: { _t: { type: 'object', properties, ...(requiredFirst ? { required: ['c0'] } : {}) } },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const v = compileValidator(r.tree.jsonSchema);
  if (!v.ok) throw new Error(v.message);
  return { tree: r.tree, validator: v.validator };
}

async function applyText(bytes: Uint8Array, columns: string[], requiredFirst: boolean, chunk: number, overrides: SniffOverrides = {}) {
  const { tree, validator } = stringSchema(columns.length, requiredFirst);
  const doc = createMappingDocument({
    columns,
    schemaId: 'https://example.com/t',
    mappings: columns.map((c, i) => ({ sourceType: 'ATTRIBUTE' as const, source: c, destination: `_t.c${i}` })),
  });
  const sink = new MemorySink();
  const run = new ApplyRun({ tree, doc, sniffed: sniff(bytes.subarray(0, 65536), overrides), validator, sink });
  for (let i = 0; i < bytes.length; i += chunk) await run.push(bytes.subarray(i, i + chunk));
  const result = await run.end();
  const records = [...sink.files.keys()]
    .filter((k) => k.startsWith('part-'))
    .flatMap((k) =>
      sink
        .text(k)
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    );
  const errors = sink
    .text('errors.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { result, records, errors };
}

const quote = (c: string) => (/[",\r\n]/.test(c) || c.trim() !== c ? `"${c.replace(/"/g, '""')}"` : c);

describe('ApplyRun invariants (property tests)', () => {
  it('any bytes: every row is written or rejected, and each rejection names its line', async () => {
    const alphabet = fc.constantFrom('a', 'b', ',', ';', '"', '\n', '\r', ' ', 'é', '\u00ff', '1');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: alphabet, maxLength: 300 }), fc.integer({ min: 1, max: 64 }), async (body, chunk) => {
        const bytes = new TextEncoder().encode(`k,v,w\n${body}`);
        const { result, records, errors } = await applyText(bytes, ['k', 'v', 'w'], true, chunk);
        if (!result.ok) return; // the header itself was unreadable: reported as a problem
        const c = result.counts;
        expect(c.input).toBe(c.written + c.rejected);
        expect(records).toHaveLength(c.written);
        const rejectedRows = new Set(errors.filter((e) => e.rejected).map((e) => e.row));
        expect(rejectedRows.size).toBe(c.rejected);
        for (const e of errors) expect(e.line).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 400 },
    );
  });

  it('any CSV of strings round-trips through an identity mapping', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', 'ü', '™', '😀', '0', '\t', ';', '|'), maxLength: 12 });
    const header = fc.uniqueArray(
      fc.string({ minLength: 1, maxLength: 8 }).filter((h) => h.trim() === h && !h.startsWith('\uFEFF')),
      { minLength: 1, maxLength: 5 },
    );
    await fc.assert(
      fc.asyncProperty(
        header.chain((h) => fc.tuple(fc.constant(h), fc.array(fc.array(text, { minLength: h.length, maxLength: h.length }), { maxLength: 10 }))),
        fc.integer({ min: 1, max: 50 }),
        async ([columns, rows], chunk) => {
          // A row of only empty cells is a blank line when there is one column.
          const kept = rows.filter((r) => r.some((c) => c !== '') || columns.length > 1);
          const csv = `${columns.map(quote).join(',')}\n${kept.map((r) => r.map(quote).join(',')).join('\n')}`;
          // Sniffing a one-column file full of delimiters is its own test; here the dialect is given.
          const { result, records } = await applyText(new TextEncoder().encode(csv), columns, false, chunk, { delimiter: ',', skipLines: 0, lineEnding: '\n' });
          expect(result.ok).toBe(true);
          expect(result.header?.columns).toEqual(columns);
          expect(result.counts.rejected).toBe(0);
          const expected = kept.map((r) => {
            const t: Record<string, string> = {};
            r.forEach((c, i) => {
              if (c !== '') t[`c${i}`] = c;
            });
            return { _t: t };
          });
          expect(records.map((rec) => ({ _t: rec._t ?? {} }))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
