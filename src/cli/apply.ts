import type { Io } from './io';
import { UsageError } from './io';
import { type CommandSpec, helpOf, parseCommand } from './options';
import { APPLY_OPTIONS, applyOptionsFrom, OUT_OPTION, runApply } from './runApply';

export const APPLY: CommandSpec<typeof APPLY_OPTIONS & typeof OUT_OPTION> = {
  name: 'apply',
  usage: 'apply --mapping M.json --schema S.json INPUT.csv --out DIR [options]',
  about: `Maps every row of INPUT.csv to an XDM record and writes ingestion-ready batch files:
  DIR/part-00001.jsonl …   records, JSON Lines, files split by --file-size
  DIR/errors.jsonl         one line per rejected row or failed cell (row, line, column, value, code, message)
  DIR/manifest.json        row counts, files with sizes and sha256, the mapping and schema used`,
  options: { ...APPLY_OPTIONS, ...OUT_OPTION },
  footer: `Exit status: 0 done; 1 more than --max-errors % of rows rejected (AEP would fail such a batch);
2 bad arguments, or a schema, mapping or file that cannot be used.
`,
};

export const APPLY_HELP = helpOf(APPLY);

export async function applyCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals, help } = parseCommand(APPLY, argv);
  if (help) {
    io.out(APPLY_HELP);
    return 0;
  }
  const options = applyOptionsFrom('apply', values, positionals[0] ?? '', values.out ?? '');
  if (!values.out) throw new UsageError('apply needs --out DIR');
  if (positionals.length !== 1) throw new UsageError(`apply needs exactly one input CSV file, got ${positionals.length}`);
  return (await runApply(options, io)).code;
}
