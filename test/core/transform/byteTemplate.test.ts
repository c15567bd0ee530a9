import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApplyRun } from '../../../src/core/batch/applyRun';
import { MemorySink } from '../../../src/core/batch/memorySink';
import type { CsvEncoding } from '../../../src/core/csv/encoding';
import { sniff } from '../../../src/core/csv/sniff';
import { compileExpression } from '../../../src/core/expr/compile';
import { createMappingDocument } from '../../../src/core/mapping/document';
import type { MappingEntry } from '../../../src/core/mapping/mapping.types';
import { byteTemplate } from '../../../src/core/transform/byteTemplate';
import { type CompiledMapping, compileMapping } from '../../../src/core/transform/compile';
import { testSchema } from '../../helpers/schema';

/**
 * Calculated text fields written from the cells' bytes (byteTemplate.ts) against the row
 * evaluation: for any expression of the shapes a template takes, and others beside them,
 * the direct writer gives exactly the record the record builder makes, on cells chosen to
 * trip each shortcut (non-ASCII text whose case changes, spaces trim removes, numbers that
 * are not plainly written, doubled quotes, empty cells).
 */

const COLUMNS = ['a', 'b', 'n', 'm'];
const SCHEMA = {
  $id: 'https://example.com/templates',
  title: 'Templates',
  type: 'object',
  properties: {
    out: { type: 'string' },
    checked: { type: 'string', maxLength: 6 },
    key: { type: 'string' },
    // Checks a template's written bytes can prove: XDM's _id format, a pattern, a pattern that takes all.
    ref: { type: 'string', format: 'uri-reference' },
    code: { type: 'string', pattern: '^[A-Za-z-]{2,8}$' },
    state: { type: 'string', pattern: '([A-Z]{2}-[A-Z0-9]{1,3}|)' },
    // A class with the backslash: a JSON escape's bytes (\u0001) would pass where its text does not.
    slashy: { type: 'string', pattern: '^[a-z0-9\\\\]{1,12}$' },
  },
};
const schema = testSchema(SCHEMA);

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const TEXT = pick(
  '',
  'ada',
  'Ada Lovelace',
  'GB',
  'x',
  'Zoë',
  'straße',
  'İstanbul',
  'ΣΑΣ',
  ' pad ',
  'end ',
  '\tlead',
  'say "hi"',
  'back\\slash',
  '\u0001ctl',
  '😀',
  '\u00a0nbsp',
  'a,b',
  '~del\u007f',
);
const NUMBER = pick('', '0', '42', '50000', '50001', '-7', '007', '1e3', ' 12', '2147483647', '2147483648', '-2147483649', '99999999999', 'x', '1.5', '-0');
const cellOf = (c: string) => (c === 'n' || c === 'm' ? NUMBER : TEXT);

/** Expressions a template takes, with now and then a part it does not. */
const { template } = fc.letrec<{ template: string; cond: string; num: string }>((tie) => ({
  template: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    pick('a', 'b', 'n', '"x"', '" "', '""', '"É"', '"-"', '"ß"'),
    fc.array(tie('template'), { minLength: 1, maxLength: 3 }).map((xs) => `concat(${xs.join(', ')})`),
    fc.tuple(pick('upper', 'lower', 'ucase', 'lcase'), tie('template')).map(([f, x]) => `${f}(${x})`),
    pick('trim(a)', 'trim(b)', 'upper(trim(a))'),
    fc.tuple(tie('cond'), tie('template'), tie('template')).map(([c, t, e]) => `iif(${c}, ${t}, ${e})`),
    fc.tuple(tie('cond'), tie('template'), tie('template')).map(([c, t, e]) => `(${c} ? ${t} : ${e})`),
    // Not a template's: the row evaluation writes these, within or around one.
    pick('substr(a, 0, 2)', 'coalesce(a, b)', 'concat(a, to_integer(n))', 'lower(upper(b))'),
  ),
  num: pick('to_integer(n)', 'to_integer(m)', 'n', '50000', '-7', '0'),
  cond: fc.oneof(
    { depthSize: 'small' },
    pick('is_empty(a)', 'is_empty(n)', 'a == "ada"', '"GB" != b', 'b == ""', 'a == "Zoë"'),
    fc.tuple(tie('num'), pick('<', '<=', '>', '>=', '==', '!='), tie('num')).map(([l, op, r]) => `${l} ${op} ${r}`),
    tie('cond').map((c) => `!(${c})`),
    fc.tuple(tie('cond'), pick('&&', '||'), tie('cond')).map(([l, op, r]) => `(${l} ${op} ${r})`),
  ),
}));

function compile(expression: string, destination = 'out', piece?: number): CompiledMapping {
  const mappings: MappingEntry[] = [
    { sourceType: 'ATTRIBUTE', source: 'a', destination: 'key' },
    { sourceType: 'EXPRESSION', source: expression, destination },
  ];
  const doc = createMappingDocument({ columns: COLUMNS, schemaId: SCHEMA.$id, mappings });
  const c = compileMapping(doc, schema.tree, COLUMNS, { validator: schema.validator, writerPiece: piece });
  if (!c.ok) throw new Error(`${expression}: ${JSON.stringify(c.problems)}`);
  return c.compiled;
}

/** The direct writer's record for a row of text cells; null when it leaves the row to the record builder. */
function direct(c: CompiledMapping, cells: string[]): string | null {
  const { row, buf } = c.text!.encode(cells);
  const out = new Uint8Array(c.text!.writer.bound(row.textEnd) + 16);
  const n = c.text!.writer.write(row, buf, out, 0);
  return n < 0 ? null : new TextDecoder().decode(out.subarray(0, n - 1));
}

const isTemplate = (expression: string): boolean => {
  const r = compileExpression(expression, { columns: COLUMNS });
  if (!r.ok) throw new Error(expression);
  return byteTemplate(r.compiled.ast, r.compiled.columnOf, () => '') !== null;
};

describe('which calculated fields are written from bytes', () => {
  it.each([
    'concat(a, " ", b)',
    'upper(a)',
    'lcase(concat(a, "-", b))',
    'trim(a)',
    'iif(is_empty(n), "none", iif(to_integer(n) > 50000, "high", "standard"))',
    'a == "GB" ? "uk" : lower(a)',
    'iif(!is_empty(a) && n >= -3, a, b)',
  ])('%s is', (e) => expect(isTemplate(e)).toBe(true));

  it.each([
    // A number in the text, another function, text compared with text, case of non-ASCII literals.
    'concat(a, 1)',
    'substr(a, 0, 2)',
    'iif(a == b, "same", "not")',
    'iif(a < "m", "first", "second")',
    'upper("é")',
    'lower(concat(a, "Σ"))',
    'iif(to_integer(n), "yes", "no")',
    'concat("\\uD83D", a)',
  ])('%s is not', (e) => expect(isTemplate(e)).toBe(false));
});

describe('a calculated field written from bytes is the one the row evaluation gives', () => {
  it('on rows of text cells, for generated expressions', () => {
    const plans = new Map<string, CompiledMapping>();
    let templates = 0;
    let written = 0;
    let rows = 0;
    const proved = new Map<string, number>();
    fc.assert(
      fc.property(
        template,
        fc.array(fc.tuple(...COLUMNS.map(cellOf)), { minLength: 1, maxLength: 8 }),
        pick('out', 'out', 'checked', 'ref', 'code', 'state', 'slashy'),
        pick(undefined, 1),
        (expression, cells, destination, piece) => {
          const key = `${expression}|${destination}|${piece}`;
          let c = plans.get(key);
          if (!c) {
            c = compile(expression, destination, piece);
            plans.set(key, c);
            if (isTemplate(expression)) templates++;
          }
          for (const row of cells) {
            rows++;
            const line = direct(c, row);
            const full = c.run(row, 1, 2);
            if (line === null) expect(full.errors.length).toBeGreaterThan(0);
            else {
              written++;
              if (destination !== 'out' && isTemplate(expression)) proved.set(destination, (proved.get(destination) ?? 0) + 1);
              expect(full.errors).toEqual([]);
              expect(line).toBe(JSON.stringify(full.record));
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
    // Most generated expressions are templates, and most rows are written directly.
    expect(templates).toBeGreaterThan(plans.size / 3);
    expect(written).toBeGreaterThan(rows / 3);
    // Checked fields are written from templates too (where the check's rule is proved on the bytes).
    for (const d of ['ref', 'code', 'state', 'slashy']) expect(proved.get(d) ?? 0).toBeGreaterThan(50);
  }, 60_000);

  it('on files read as bytes: quoted cells, doubled quotes, single-byte encodings', async () => {
    const quote = (c: string) => (/[",\n\r]/.test(c) || c.startsWith(' ') ? `"${c.replaceAll('"', '""')}"` : c);
    await fc.assert(
      fc.asyncProperty(
        template,
        fc.array(fc.tuple(fc.tuple(...COLUMNS.map(cellOf)), fc.boolean()), { minLength: 1, maxLength: 12 }),
        pick<CsvEncoding>('utf-8', 'utf-8', 'windows-1252'),
        pick('out', 'ref', 'code'),
        async (expression, rows, encoding, destination) => {
          const lines = rows.map(([cells, quoted]) => cells.map((c) => (quoted ? `"${c.replaceAll('"', '""')}"` : quote(c))).join(','));
          const text = `${COLUMNS.join(',')}\n${lines.join('\n')}\n`;
          const bytes =
            encoding === 'utf-8' ? new TextEncoder().encode(text) : Uint8Array.from([...text], (ch) => (ch.charCodeAt(0) < 0x100 ? ch.charCodeAt(0) : 0x3f));
          const run = async (writer: 'auto' | 'records') => {
            const doc = createMappingDocument({
              columns: COLUMNS,
              schemaId: SCHEMA.$id,
              mappings: [{ sourceType: 'EXPRESSION', source: expression, destination }],
            });
            const sink = new MemorySink();
            const r = new ApplyRun({
              tree: schema.tree,
              doc,
              sniffed: sniff(bytes, { encoding, delimiter: ',', lineEnding: '\n', skipLines: 0 }),
              validator: schema.validator,
              sink,
              reader: 'auto',
              writer,
            });
            await r.push(bytes);
            const result = await r.end();
            return { files: result.files.map((f) => sink.text(f.path)).join(''), errors: sink.text('errors.jsonl'), counts: result.counts };
          };
          const viaBytes = await run('auto');
          const viaRecords = await run('records');
          expect(viaBytes).toEqual(viaRecords);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
