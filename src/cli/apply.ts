import { join } from 'node:path';
import { rejectedPercent } from '../core/batch/manifest';
import { DATASET_SCHEMA_OPTIONS } from './aep/options';
import { APPLY_OPTIONS, type ApplyOptions, applyOptionsFrom, OUT_OPTION } from './applyOptions';
import type { Io } from './io';
import { UsageError } from './io';
import { type CommandSpec, flag, helpOf, JSON_OPTION, parseCommand, printSummary } from './options';
import { type ApplyOutcome, runApply } from './runApply';

const CHECK_OPTION = {
  check: flag('print the pre-flight on the first rows (readings, misfits, rejected rows, required fields) and write nothing'),
};

export const APPLY: CommandSpec<typeof APPLY_OPTIONS & typeof OUT_OPTION & typeof DATASET_SCHEMA_OPTIONS & typeof CHECK_OPTION & typeof JSON_OPTION> = {
  name: 'apply',
  usage: 'apply --mapping M.json --schema S.json INPUT.csv --out DIR [options]',
  about: `Maps every row of INPUT.csv to an XDM record and writes ingestion-ready batch files:
  DIR/part-00001.jsonl …   records, JSON Lines, files split by --file-size
  DIR/errors.jsonl         one line per rejected row or failed cell (row, line, column, value, code, message)
  DIR/manifest.json        row counts, files with sizes and sha256, the mapping and schema used`,
  options: { ...APPLY_OPTIONS, ...OUT_OPTION, ...DATASET_SCHEMA_OPTIONS, ...CHECK_OPTION, ...JSON_OPTION },
  footer: `Before writing, apply reads the file's first rows: a column whose values read two ways (03/04/2021: day or
month first) or that Data Prep would read differently from what the values show (12/03/1985 as 3 December
when the file writes days first) stops the run, naming the reading to state in the mapping entry's
"settings" (dateFormat, timeZone, decimalSeparator, thousandsSeparator, currency, trueWords, falseWords…).
--check prints that pre-flight (readings, columns that do not fit their field, rows that would be rejected
against --max-errors, required fields nothing fills) and writes nothing.

Exit status: 0 done; 1 more than --max-errors % of rows rejected (AEP would fail such a batch);
2 bad arguments, a schema, mapping or file that cannot be used, or a reading to state first; 130 interrupted
(nothing kept). With --check: 0 the run would pass, 1 too many rows would be rejected, 2 a reading to state.
`,
};

export const APPLY_HELP = helpOf(APPLY);

/** The summary `--json` prints for a run (apply's, and the mapping step of ingest). */
export function applySummary(o: ApplyOptions, outcome: ApplyOutcome): Record<string, unknown> {
  const { manifest, result } = outcome;
  const base = { input: o.input, out: o.out };
  if (outcome.code === 130) return { ...base, interrupted: true };
  const pre = outcome.preflight;
  const check = pre
    ? {
        check: {
          sampleRows: pre.sampleRows,
          rejected: pre.rejected,
          rejectedPercent: Number(pre.rejectedPercent.toFixed(4)),
          passes: pre.passes,
          blocked: pre.blocked.map((c) => ({
            column: c.column,
            destination: c.destination,
            status: c.status,
            message: c.message,
            options: c.reading?.options.map((x) => x.settings) ?? [],
          })),
          warnings: pre.warnings.map((c) => ({ column: c.column, destination: c.destination, message: c.message })),
          required: pre.required,
          readings: pre.columns
            .filter((c) => c.reading)
            .map((c) => ({
              column: c.column,
              destination: c.destination,
              status: c.reading!.status,
              settings: c.reading!.settings,
              evidence: c.reading!.evidence,
            })),
        },
      }
    : {};
  if (o.check || (pre?.blocked.length && !outcome.manifest)) return { ...base, ...check };
  if (!manifest) return { ...base, ...check, problems: result?.problems.map((p) => p.message) ?? [], columns: result?.header?.columns ?? null };
  return {
    ...base,
    ...check,
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
  if (values.dataset && values.schema) throw new UsageError('give --schema FILE or --dataset ID, not both');
  // Loaded only when asked for: the AEP client is not part of a local run.
  if (values.dataset) values.schema = await (await import('./aep/datasetSchema')).schemaPathForDataset(values.dataset, values, io);
  // The sample's rejected rows are counted before the run only for a summary that shows them.
  const options = { ...applyOptionsFrom('apply', values, positionals[0] ?? '', values.out ?? ''), check: values.check, countSampleRejections: values.json };
  if (!values.out && !values.check) throw new UsageError('apply needs --out DIR (or --check, which writes nothing)');
  if (positionals.length !== 1) throw new UsageError(`apply needs exactly one input CSV file, got ${positionals.length}`);
  const outcome = await runApply(options, io);
  if (values.json) printSummary(io, { command: 'apply', ok: outcome.code === 0, exitCode: outcome.code, ...applySummary(options, outcome) });
  return outcome.code;
}
