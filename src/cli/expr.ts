import { compileExpression } from '../core/expr/compile';
import { fromJson, toJson, type Value } from '../core/expr/values';
import { type Io, UsageError } from './io';
import { type CommandSpec, helpOf, parseCommand, text } from './options';

const EXPR_OPTIONS = {
  row: text('JSON', 'the row: a JSON object of column names to values'),
  now: text('ISO-DATE-TIME', 'the time now() and timestamp() read (default: the clock)'),
};

export const EXPR: CommandSpec<typeof EXPR_OPTIONS> = {
  name: 'expr',
  usage: `expr 'EXPRESSION' [--row '{"column": "value", ...}'] [--now ISO-DATE-TIME]`,
  about: `Evaluates a Data Prep expression, as a mapping's EXPRESSION entry would for one row, and prints
the result as JSON. Columns are read from --row (empty text counts as an empty cell, as in a CSV).
Examples:
  xdm-mapper expr 'concat(upper(lastName), ", ", firstName)' --row '{"firstName": "Ada", "lastName": "Lovelace"}'
  xdm-mapper expr 'iif(\${Accepts Marketing} == "yes", "y", "n")' --row '{"Accepts Marketing": "yes"}'
  xdm-mapper expr 'sha256(lower(trim(email)))' --row '{"email": " Ada@Example.com "}'`,
  options: EXPR_OPTIONS,
  footer: 'Exit status: 0 with the result; 1 when evaluating this row fails; 2 when the expression does not parse or check.\n',
};

export const EXPR_HELP = helpOf(EXPR);

export async function exprCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals, help } = parseCommand(EXPR, argv);
  if (help) {
    io.out(EXPR_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('expr needs exactly one expression (quote it for the shell)');
  const source = positionals[0]!;
  let row: Record<string, unknown> = {};
  if (values.row !== undefined) {
    try {
      const parsed = JSON.parse(values.row) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      row = parsed as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`--row must be a JSON object of column names to values: ${(e as Error).message}`);
    }
  }
  let now = Date.now();
  if (values.now !== undefined) {
    now = Date.parse(values.now);
    if (Number.isNaN(now)) throw new UsageError(`--now must be an ISO date-time, got "${values.now}"`);
  }
  const columns = Object.keys(row);
  const compiled = compileExpression(source, { columns });
  if (!compiled.ok) {
    for (const e of compiled.errors) io.err(`${source}\n${' '.repeat(e.pos)}^\nerror at position ${e.pos}: ${e.message}\n`);
    return 2;
  }
  const cells: Value[] = columns.map((c) => {
    const v = fromJson(row[c]);
    return v === '' ? null : v;
  });
  const r = compiled.compiled.evaluate(
    { value: (i) => cells[i] ?? null },
    { now: () => now, uuid: () => crypto.randomUUID(), hasField: (p) => Object.hasOwn(row, p) && row[p] !== '' && row[p] !== null },
  );
  if (!r.ok) {
    io.err(`evaluation failed: ${r.message}\n`);
    return 1;
  }
  io.out(`${JSON.stringify(toJson(r.value))}\n`);
  return 0;
}
