import { VERSION } from '../core/version';
import { type Io, processIo, UsageError } from './io';

const HELP = `xdm-mapper ${VERSION}: turn CSV files into XDM records for Adobe Experience Platform

Usage:
  xdm-mapper apply --mapping M.json --schema S.json INPUT.csv --out DIR [--max-errors PCT]
  xdm-mapper suggest --schema S.json INPUT.csv [--memory DIR] [--explain]
  xdm-mapper validate --schema S.json FILE.jsonl
  xdm-mapper ingest --dataset ID (--mapping M.json --schema S.json INPUT.csv | --from DIR)
  xdm-mapper watch DIR --mapping M.json --schema S.json [--dataset ID] [--every 15m]
  xdm-mapper expr 'EXPRESSION' [--row '{"column": "value"}']
  xdm-mapper convert MAPPING --to xdm-mapper|aep|aep-legacy|aep-template [--out FILE]
  xdm-mapper profiles --from DIR [--from DIR …] [--lookup NAMESPACE:VALUE] [--json]
  xdm-mapper ui [--port N] [--open] [--schema S.json] [--csv F.csv] [--mapping M.json]
  xdm-mapper schema pull (--schema ID | --dataset ID) [--out FILE]
  xdm-mapper deploy --mapping M.json --dataset ID --source s3://…|sftp://…|azure://… --every 1h [--dry-run]
  xdm-mapper runs --flow ID
  xdm-mapper dataflow --flow ID [--disable | --enable]
  xdm-mapper check --online --mapping M.json --dataset ID INPUT.csv
  xdm-mapper preview --dataset ID
  xdm-mapper help [COMMAND]
  xdm-mapper --version

Commands:
  apply      map a CSV file to JSON Lines batch files, an error file and a manifest
  suggest    propose a mapping from column names and values
  watch      map (and send) each new CSV that lands in a folder
  ingest     send mapped records to an AEP dataset (Batch Ingestion API)
  validate   check records (JSON Lines or a JSON array) against a schema
  expr       try a Data Prep expression on one row
  convert    turn a mapping into an AEP mapping set or template, the legacy AEP shape, or ours
  profiles   identity graph, merged profiles and identity guardrails of apply output folders
  ui         open the web app (the mapper) on 127.0.0.1
  schema     pull a schema (or a dataset's schema) from AEP's Schema Registry
  deploy     run a mapping in AEP: a Sources dataflow from S3, SFTP or Azure Blob on a schedule
  runs       a dataflow's runs: record counts, errors, failed records
  dataflow   a deployed dataflow's state, schedule and mapping version; --disable, --enable
  check      compare AEP's own mapping of sample rows with ours (--online)
  preview    a dataset's latest records, as AEP's "Preview dataset" shows them

Run "xdm-mapper help COMMAND" for a command's options.
`;

interface Command {
  run(argv: string[], io: Io): Promise<number>;
  help: string;
}

/**
 * Each command is loaded only when it runs, so that `--help` or a small file does not wait for
 * the code of every other command (ajv, papaparse, the AEP client) to load.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  apply: async () => {
    const m = await import('./apply');
    return { run: m.applyCommand, help: m.APPLY_HELP };
  },
  validate: async () => {
    const m = await import('./validate');
    return { run: m.validateCommand, help: m.VALIDATE_HELP };
  },
  convert: async () => {
    const m = await import('./convert');
    return { run: m.convertCommand, help: m.CONVERT_HELP };
  },
  suggest: async () => {
    const m = await import('./suggest');
    return { run: m.suggestCommand, help: m.SUGGEST_HELP };
  },
  expr: async () => {
    const m = await import('./expr');
    return { run: m.exprCommand, help: m.EXPR_HELP };
  },
  ingest: async () => {
    const m = await import('./ingest/command');
    return { run: (argv, io) => m.ingestCommand(argv, io), help: m.INGEST_HELP };
  },
  ui: async () => {
    const m = await import('./ui');
    return { run: m.uiCommand, help: m.UI_HELP };
  },
  schema: async () => {
    const m = await import('./aep/schemaCommand');
    return { run: (argv, io) => m.schemaCommand(argv, io), help: m.SCHEMA_HELP };
  },
  deploy: async () => {
    const m = await import('./sources/deploy');
    return { run: (argv, io) => m.deployCommand(argv, io), help: m.DEPLOY_HELP };
  },
  runs: async () => {
    const m = await import('./sources/runs');
    return { run: (argv, io) => m.runsCommand(argv, io), help: m.RUNS_HELP };
  },
  dataflow: async () => {
    const m = await import('./sources/dataflowCommand');
    return { run: (argv, io) => m.dataflowCommand(argv, io), help: m.DATAFLOW_HELP };
  },
  check: async () => {
    const m = await import('./sources/check');
    return { run: (argv, io) => m.checkCommand(argv, io), help: m.CHECK_HELP };
  },
  preview: async () => {
    const m = await import('./sources/preview');
    return { run: (argv, io) => m.previewCommand(argv, io), help: m.PREVIEW_HELP };
  },
  watch: async () => {
    const m = await import('./ingest/watch');
    return { run: (argv, io) => m.watchCommand(argv, io), help: m.WATCH_HELP };
  },
  profiles: async () => {
    const m = await import('./profiles');
    return { run: m.profilesCommand, help: m.PROFILES_HELP };
  },
};

const commandNamed = (name: string | undefined): (() => Promise<Command>) | undefined =>
  name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;

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
    const load = commandNamed(rest[0]);
    io.out(load ? (await load()).help : HELP);
    return 0;
  }
  const load = commandNamed(cmd);
  if (!load) {
    io.err(`xdm-mapper: unknown command "${cmd}"\n\n${HELP}`);
    return 2;
  }
  // With --json, a command that cannot run still prints its one JSON object, saying why.
  const failed = (exitCode: number, message: string) => {
    if (rest.includes('--json')) io.out(`${JSON.stringify({ command: cmd, ok: false, exitCode, error: message })}\n`);
    return exitCode;
  };
  try {
    return await (await load()).run(rest, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`xdm-mapper ${cmd}: ${(e as Error).message}\nRun "xdm-mapper help ${cmd}" for usage.\n`);
      return failed(2, (e as Error).message);
    }
    io.err(`xdm-mapper ${cmd}: unexpected failure: ${(e as Error).stack ?? String(e)}\n`);
    return failed(3, `unexpected failure: ${(e as Error).message}`);
  }
}
