import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileExpression } from '../../../src/core/expr/compile';
import { ALL_FUNCTIONS } from '../../../src/core/expr/functions/index';
import { parseExpression } from '../../../src/core/expr/parser';
import { NOW } from '../../helpers/expr';

const ctx = { now: () => NOW, uuid: () => 'u', hasField: () => true };
const COLUMNS = ['a', 'b', 'First Name'];

describe('random input never crashes the parser or the evaluator', () => {
  it('arbitrary text: the parser returns a result or an error with a position', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80, unit: fc.constantFrom(...'abc ()[]{},.:?!=<>+-*/%"\'${}\\0123456789_'.split(''), 'concat', 'iif', 'eq', 'null', 'true') }),
        (src) => {
          const r = parseExpression(src);
          if (!r.ok) {
            expect(r.error.pos).toBeGreaterThanOrEqual(0);
            expect(r.error.pos).toBeLessThanOrEqual(src.length);
            expect(r.error.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('well-formed calls of every function on random values: a value or an error, never an exception', () => {
    const literal = fc.oneof(
      fc.string({ maxLength: 12 }).map((s) => JSON.stringify(s)),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(Math.abs(n))),
      fc.integer({ min: -5, max: 40 }).map(String),
      fc.constantFrom(
        'null',
        'true',
        'false',
        '[1, "x", null]',
        '{"k": "v"}',
        'a',
        'b',
        '${First Name}',
        'now()',
        '"2024-01-02"',
        '"https://x.com:8/p?q=1#f"',
        '"yyyy-MM-dd"',
      ),
    );
    const call = fc
      .tuple(fc.constantFrom(...ALL_FUNCTIONS.map((f) => f.name)), fc.array(literal, { maxLength: 5 }))
      .map(([f, args]) => `${f}(${args.join(', ')})`);
    const expr = fc.oneof(
      call,
      fc.tuple(call, fc.constantFrom('+', '-', '*', '/', '==', '<', '&&', '?:'), literal).map(([x, op, y]) => `${x} ${op} ${y}`),
    );
    fc.assert(
      fc.property(expr, fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.constant('')), { minLength: 3, maxLength: 3 }), (src, cells) => {
        const c = compileExpression(src, { columns: COLUMNS });
        if (!c.ok) return;
        const r = c.compiled.evaluate({ value: (i) => (cells[i] === '' ? null : (cells[i] ?? null)) }, ctx);
        if (!r.ok) expect(typeof r.message).toBe('string');
      }),
      { numRuns: 3000 },
    );
  });

  it('deep nesting is reported, not a crash', () => {
    const deep = `${'('.repeat(20000)}1${')'.repeat(20000)}`;
    const r = parseExpression(deep);
    expect(r.ok ? true : r.error.message).toBeTruthy();
  });
});
