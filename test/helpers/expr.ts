import { compileExpression } from '../../src/core/expr/compile';
import { fromJson, toJson } from '../../src/core/expr/values';

/** A fixed clock: 2021-10-26T10:10:24Z. */
export const NOW = Date.UTC(2021, 9, 26, 10, 10, 24);

/** Evaluates an expression against a row given as column -> value; returns the JSON result or the error. */
export function run(src: string, row: Record<string, unknown> = {}): { value?: unknown; error?: string } {
  const columns = Object.keys(row);
  const c = compileExpression(src, { columns });
  if (!c.ok) return { error: `compile: ${c.errors.map((e) => `${e.pos}: ${e.message}`).join('; ')}` };
  const cells = columns.map((k) => {
    const v = fromJson(row[k]);
    return v === '' ? null : v;
  });
  const r = c.compiled.evaluate(
    { value: (i) => cells[i] ?? null },
    { now: () => NOW, uuid: () => '00000000-0000-4000-8000-000000000000', hasField: (p) => p in row && row[p] !== '' },
  );
  return r.ok ? { value: toJson(r.value) } : { error: r.message };
}

export const value = (src: string, row?: Record<string, unknown>) => {
  const r = run(src, row);
  if (r.error !== undefined) throw new Error(`${src}: ${r.error}`);
  return r.value;
};
