import { join } from 'node:path';
import { rejectedPercent } from '../core/batch/manifest';
import type { Io } from './io';
import { UsageError } from './io';
import { type CommandSpec, helpOf, JSON_OPTION, parseCommand, printSummary } from './options';
import { APPLY_OPTIONS, type ApplyOptions, type ApplyOutcome, applyOptionsFrom, OUT_OPTION, runApply } from './runApply';

export const APPLY: CommandSpec<typeof APPLY_OPTIONS & typeof OUT_OPTION & typeof JSON_OPTION> = {
  name: 'apply',
  usage: 'apply --mapping M.json --schema S.json INPUT.csv --out DIR [options]',
  about: `Maps every row of INPUT.csv to an XDM record and writes ingestion-ready batch files:
  DIR/part-00001.jsonl …   records, JSON Lines, files split by --file-size
  DIR/errors.jsonl         one line per rejected row or failed cell (row, line, column, value, code, message)
  DIR/manifest.json        row counts, files with sizes and sha256, the mapping and schema used`,
  options: { ...APPLY_OPTIONS, ...OUT_OPTION, ...JSON_OPTION },
  footer: `Exit status: 0 done; 1 more than --max-errors % of rows rejected (AEP would fail such a batch);
2 bad arguments, or a schema, mapping or file that cannot be used; 130 interrupted (nothing kept).
`,
};

export const APPLY_HELP = helpOf(APPLY);

/** The summary `--json` prints for a run (apply's, and the mapping step of ingest). */
export function applySummary(o: ApplyOptions, outcome: ApplyOutcome): Record<string, unknown> {
  const { manifest, result } = outcome;
  const base = { input: o.input, out: o.out };
  if (outcome.code === 130) return { ...base, interrupted: true };
  if (!manifest) return { ...base, problems: result?.problems.map((p) => p.message) ?? [], columns: result?.header?.columns ?? null };
  return {
    ...base,
    rows: manifest.rows,
    rejectedPercent: Number(rejectedPercent(manifest.rows).toFixed(4)),
    maxErrors: o.maxErrors,
    fieldErrors: manifest.fieldErrors,
    errorsByCode: manifest.errorsByCode,
    files: manifest.files,
    errors: manifest.errors,
    manifest: join(o.out, 'manifest.json'),
    warnings: manifest.warnings,
  };
}

export async function applyCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals, help } = parseCommand(APPLY, argv);
  if (help) {
    io.out(APPLY_HELP);
    return 0;
  }
  const options = applyOptionsFrom('apply', values, positionals[0] ?? '', values.out ?? '');
  if (!values.out) throw new UsageError('apply needs --out DIR');
  if (positionals.length !== 1) throw new UsageError(`apply needs exactly one input CSV file, got ${positionals.length}`);
  const outcome = await runApply(options, io);
  if (values.json) printSummary(io, { command: 'apply', ok: outcome.code === 0, exitCode: outcome.code, ...applySummary(options, outcome) });
  return outcome.code;
}
