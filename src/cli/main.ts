import { VERSION } from '../core/version';
import { APPLY_HELP, applyCommand } from './apply';
import { CONVERT_HELP, convertCommand } from './convert';
import { EXPR_HELP, exprCommand } from './expr';
import { INGEST_HELP, ingestCommand } from './ingest/command';
import { WATCH_HELP, watchCommand } from './ingest/watch';
import { type Io, processIo, UsageError } from './io';
import { PROFILES_HELP, profilesCommand } from './profiles';
import { SUGGEST_HELP, suggestCommand } from './suggest';
import { VALIDATE_HELP, validateCommand } from './validate';

const HELP = `xdm-mapper ${VERSION}: turn CSV files into XDM records for Adobe Experience Platform

Usage:
  xdm-mapper apply --mapping M.json --schema S.json INPUT.csv --out DIR [--max-errors PCT]
  xdm-mapper suggest --schema S.json INPUT.csv [--memory DIR] [--explain]
  xdm-mapper validate --schema S.json FILE.jsonl
  xdm-mapper ingest --dataset ID (--mapping M.json --schema S.json INPUT.csv | --from DIR)
  xdm-mapper watch DIR --mapping M.json --schema S.json [--dataset ID] [--every 15m]
  xdm-mapper expr 'EXPRESSION' [--row '{"column": "value"}']
  xdm-mapper convert MAPPING.json --to xdm-mapper|aep|aep-legacy [--out FILE]
  xdm-mapper profiles --from DIR [--from DIR …] [--lookup NAMESPACE:VALUE] [--json]
  xdm-mapper help [COMMAND]
  xdm-mapper --version

Commands:
  apply      map a CSV file to JSON Lines batch files, an error file and a manifest
  suggest    propose a mapping from column names and values
  watch      map (and send) each new CSV that lands in a folder
  ingest     send mapped records to an AEP dataset (Batch Ingestion API)
  validate   check records (JSON Lines or a JSON array) against a schema
  expr       try a Data Prep expression on one row
  convert    turn a mapping into an AEP mapping set, the legacy AEP shape, or ours
  profiles   identity graph, merged profiles and identity guardrails of apply output folders

Run "xdm-mapper help COMMAND" for a command's options.
`;

const COMMANDS: Record<string, { run: (argv: string[], io: Io) => Promise<number>; help: string }> = {
  apply: { run: applyCommand, help: APPLY_HELP },
  validate: { run: validateCommand, help: VALIDATE_HELP },
  convert: { run: convertCommand, help: CONVERT_HELP },
  suggest: { run: suggestCommand, help: SUGGEST_HELP },
  expr: { run: exprCommand, help: EXPR_HELP },
  ingest: { run: (argv, io) => ingestCommand(argv, io), help: INGEST_HELP },
  watch: { run: (argv, io) => watchCommand(argv, io), help: WATCH_HELP },
  profiles: { run: profilesCommand, help: PROFILES_HELP },
};

/** Runs one command line; returns the exit code. Never throws for bad input. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h') {
    io.out(HELP);
    return cmd ? 0 : 2;
  }
  if (cmd === '--version' || cmd === '-v') {
    io.out(`${VERSION}\n`);
    return 0;
  }
  if (cmd === 'help') {
    const c = rest[0] ? COMMANDS[rest[0]] : undefined;
    io.out(c ? c.help : HELP);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!command) {
    io.err(`xdm-mapper: unknown command "${cmd}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`xdm-mapper ${cmd}: ${(e as Error).message}\nRun "xdm-mapper help ${cmd}" for usage.\n`);
      return 2;
    }
    io.err(`xdm-mapper ${cmd}: unexpected failure: ${(e as Error).stack ?? String(e)}\n`);
    return 3;
  }
}
