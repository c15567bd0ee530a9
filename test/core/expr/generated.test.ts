import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Expr, walk } from '../../../src/core/expr/ast';
import { closureEvaluator } from '../../../src/core/expr/closures';
import { compileExpression } from '../../../src/core/expr/compile';
import { generatedEvaluator } from '../../../src/core/expr/generated';
import { parseExpression } from '../../../src/core/expr/parser';
import { toJson, type Value } from '../../../src/core/expr/values';
import { NOW } from '../../helpers/expr';

/**
 * The generated evaluator must be the closures under another form: on random trees of calls,
 * operators, conditions, methods, arrays and columns, over random cells, the same value or the
 * same error, and the evaluation order (which the calls' side effects would show) with them.
 */
const COLUMNS = ['a', 'b', 'n'];

function both(src: string) {
  const parsed = parseExpression(src);
  if (!parsed.ok) return null;
  const resolved = new Map<Expr, number>();
  walk(parsed.expr, (e) => {
    if (e.type === 'field' && COLUMNS.includes(e.path.join('.'))) resolved.set(e, COLUMNS.indexOf(e.path.join('.')));
  });
  return { generated: generatedEvaluator(parsed.expr, resolved), closures: closureEvaluator(parsed.expr, resolved) };
}

const outcome = (run: () => Value): { value: unknown } | { error: string } => {
  try {
    return { value: toJson(run()) };
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
};

describe('the generated evaluator', () => {
  it('gives what the closures give on random expressions', () => {
    const leaf = fc.oneof(
      fc.constantFrom('a', 'b', 'n', 'missing', 'null', 'true', 'false', '"false"', '0', '2', '-3.5', '""', '"x"', '"12"', '" 7 "', '"a,b"', "'2024-01-02'"),
      fc.integer({ min: -100, max: 100 }).map(String),
      fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
    );
    const { tree } = fc.letrec<{ tree: string; call: string; binary: string; other: string }>((tie) => ({
      tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('call'), tie('binary'), tie('other')),
      call: fc
        .tuple(
          fc.constantFrom('concat', 'upper', 'lower', 'iif', 'is_empty', 'to_integer', 'coalesce', 'substr', 'size_of', 'split', 'trim', 'lpad', 'now'),
          fc.array(tie('tree'), { maxLength: 4 }),
        )
        .map(([f, args]) => `${f}(${args.join(', ')})`),
      binary: fc
        .tuple(tie('tree'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||', '?:'), tie('tree'))
        .map(([l, op, r]) => `(${l} ${op} ${r})`),
      other: fc.oneof(
        tie('tree').map((x) => `!${x}`),
        tie('tree').map((x) => `-(${x})`),
        fc.tuple(tie('tree'), tie('tree'), tie('tree')).map(([c, t, e]) => `(${c} ? ${t} : ${e})`),
        fc.array(tie('tree'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
        fc.tuple(tie('tree'), tie('tree')).map(([t, i]) => `${t}[${i}]`),
        tie('tree').map((t) => `(${t}).length()`),
      ),
    }));
    const cell = fc.oneof(fc.constant(null), fc.constantFrom('', '5', '-2', '1.5', 'abc', 'x,y', '2147483648', 'false'));
    let generatedOnes = 0;
    fc.assert(
      fc.property(tree, fc.tuple(cell, cell, cell), (src, cells) => {
        const c = compileExpression(src, { columns: COLUMNS });
        const pair = both(src);
        if (!c.ok || !pair) return;
        expect(pair.generated).not.toBeNull();
        generatedOnes++;
        let seen: string[] = [];
        const row = {
          value: (i: number) => {
            seen.push(COLUMNS[i]!);
            return cells[i] ?? null;
          },
        };
        const ctx = { now: () => NOW, uuid: () => 'u', hasField: () => true };
        const fromClosures = outcome(() => pair.closures(row, ctx));
        const order = seen;
        seen = [];
        expect(outcome(() => pair.generated!(row, ctx))).toEqual(fromClosures);
        expect(seen).toEqual(order);
      }),
      { numRuns: 4000 },
    );
    // Most random trees compile; the comparison must have been made on many of them.
    expect(generatedOnes).toBeGreaterThan(1000);
  });

  it('leaves lambdas, maps and very deep trees to the closures, which still evaluate them', () => {
    for (const src of ['filterArray(split(a, ","), x -> x != "b")', '{"k": a}', `${'concat('.repeat(60)}a${')'.repeat(60)}`]) {
      const pair = both(src);
      expect(pair?.generated).toBeNull();
      const c = compileExpression(src, { columns: COLUMNS });
      expect(c.ok && c.compiled.evaluate({ value: () => 'a,b' }, { now: () => NOW, uuid: () => 'u', hasField: () => true }).ok).toBe(true);
    }
  });
});
