import { basename, dirname, join } from 'node:path';
import { schemaPathForDataset } from '../aep/datasetSchema';
import { ingestJson, isJsonInput } from '../aep/jsonIngest';
import { CACHE_OPTION } from '../aep/options';
import { applySummary } from '../apply';
import { APPLY_OPTIONS, applyOptionsFrom, FORCE_OPTION } from '../applyOptions';
import { type Io, parseSize, UsageError } from '../io';
import { type CommandSpec, flag, helpOf, JSON_OPTION, parseCommand, printSummary, text } from '../options';
import { AepClient, type AepConfig, AepError, type ClientOptions, DEFAULT_IMS_URL, DEFAULT_PLATFORM_URL, DEFAULT_SCOPES } from './aepClient';
import { ingestFolder, LARGE_FILE } from './ingest';
import { mapForIngest } from './mapForIngest';
import { Redactor } from './secrets';
import type { SourceKey } from './state';

/** Where Platform and IMS are: Adobe's by default; a region, a proxy or the tests' stand-in otherwise. */
export const AEP_OPTIONS = {
  'platform-url': text('URL', `default ${DEFAULT_PLATFORM_URL}`),
  'ims-url': text('URL', `default ${DEFAULT_IMS_URL}`),
};

/** How files go up and how long to wait for AEP's verdict, for ingest and watch. */
export const UPLOAD_OPTIONS = {
  'large-file': text('SIZE', "files above this go up in chunks (default 256MB, AEP's limit for one PUT)", parseSize, { default: LARGE_FILE }),
  'chunk-size': text('SIZE', 'size of each chunk of a large file (default 64MB)', parseSize, { default: 64 * 1024 * 1024 }),
  poll: text('SECONDS', 'between status checks (default 10)', duration, { default: 10 }),
  timeout: text('SECONDS', 'stop waiting for AEP after this long (default 1800)', duration, { default: 1800 }),
};

const INGEST_OPTIONS = {
  dataset: text('ID', 'the target dataset'),
  from: text('DIR', 'an apply output folder (manifest.json and part-*.jsonl) to send as it is'),
  ...APPLY_OPTIONS,
  out: text('DIR', 'where mapped files go (default: INPUT.xdm beside the input)'),
  ...FORCE_OPTION,
  ...UPLOAD_OPTIONS,
  ...AEP_OPTIONS,
  'dry-run': flag('print the files, sizes and requests; send nothing'),
  'new-batch': flag('map and send INPUT.csv as a new batch even when --out holds this same data already sent'),
  ...CACHE_OPTION,
  ...JSON_OPTION,
};

export const INGEST: CommandSpec<typeof INGEST_OPTIONS> = {
  name: 'ingest',
  usage: 'ingest --dataset ID (--mapping M.json [--schema S.json] INPUT.csv | --from DIR | FILE.json) [options]',
  about: `Sends mapped records to an AEP dataset through the Batch Ingestion API: maps INPUT.csv first
(like apply, into --out) or takes a folder apply wrote (--from), creates a batch, uploads each
file (files over 256 MB in chunks), completes the batch, waits for AEP's verdict and prints it.
On failure AEP's error diagnostics are saved in DIR/aep-errors/. What was sent is recorded in
DIR/ingest.json: after an interruption, run the same command again to continue the same batch.

Credentials (OAuth server-to-server), from the environment:
  AEP_CLIENT_ID, AEP_CLIENT_SECRET, AEP_ORG_ID, AEP_SANDBOX, and optionally AEP_SCOPES

The mapping options are apply's (see "xdm-mapper help apply"); --max-errors is also the batch's
partial-ingestion threshold in AEP. Without --schema, the dataset's schema is pulled from AEP (and
cached with its version, see "xdm-mapper help schema").

FILE.json (a JSON array, such as the tutorial's luma-loyalty.json) or FILE.jsonl (JSON Lines):
records already in XDM, each checked against the dataset's schema first (a null value counts as
absent, as AEP reads it), then sent as they are in one batch, an array with isMultiLineJson.
Nothing is sent when more than --max-errors % of them do not fit.`,
  options: INGEST_OPTIONS,
  footer: `Exit status: 0 ingested; 1 AEP failed the batch, or more rows were rejected while mapping than
--max-errors allows; 2 bad arguments; 4 stopped (run again to continue, or aborted: see the
message); 5 still processing when --timeout ran out.
`,
};

export const INGEST_HELP = helpOf(INGEST);

/** Credentials and endpoints from the environment and the flags. */
export function aepConfig(env: NodeJS.ProcessEnv, flags: { 'platform-url'?: string; 'ims-url'?: string }, required: boolean): AepConfig {
  const names = ['AEP_CLIENT_ID', 'AEP_CLIENT_SECRET', 'AEP_ORG_ID', 'AEP_SANDBOX'] as const;
  const missing = names.filter((n) => !env[n]);
  if (required && missing.length)
    throw new UsageError(`set ${missing.join(', ')} in the environment (see "xdm-mapper help ingest" and the README's AEP setup)`);
  return {
    clientId: env.AEP_CLIENT_ID ?? '',
    clientSecret: env.AEP_CLIENT_SECRET ?? '',
    orgId: env.AEP_ORG_ID ?? '',
    sandbox: env.AEP_SANDBOX ?? '',
    scopes: env.AEP_SCOPES || DEFAULT_SCOPES,
    platformUrl: flags['platform-url'] ?? DEFAULT_PLATFORM_URL,
    imsUrl: flags['ims-url'] ?? DEFAULT_IMS_URL,
  };
}

/** `30`, `30s`, `15m`, `2h`, `500ms` -> seconds. */
export function duration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new UsageError(`--${flag} must be a duration such as 30, 30s, 15m or 2h, got "${text}"`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : m[2] === 'h' ? n * 3600 : n;
}

export async function ingestCommand(argv: string[], rawIo: Io, env: NodeJS.ProcessEnv = process.env, clientOptions: ClientOptions = {}): Promise<number> {
  // Every line printed, and every error on its way out, loses the run's secrets first.
  const redactor = clientOptions.redactor ?? new Redactor([env.AEP_CLIENT_SECRET]);
  try {
    return await ingest(argv, redactor.io(rawIo), env, { ...clientOptions, redactor });
  } catch (e) {
    throw redactor.error(e);
  }
}

async function ingest(argv: string[], io: Io, env: NodeJS.ProcessEnv, clientOptions: ClientOptions): Promise<number> {
  const { values, positionals, help } = parseCommand(INGEST, argv);
  if (help) {
    io.out(INGEST_HELP);
    return 0;
  }
  if (!values.dataset) throw new UsageError('ingest needs --dataset ID');
  let dir = values.from;
  let source: SourceKey | null = null;
  let mapped: Record<string, unknown> | null = null;
  const summary = (code: number, more: Record<string, unknown>) => {
    if (values.json)
      printSummary(io, { command: 'ingest', ok: code === 0, exitCode: code, dataset: values.dataset, dir, dryRun: values['dry-run'], mapped, ...more });
    return code;
  };
  if (!dir && positionals.length === 1 && isJsonInput(positionals[0]!)) {
    // Records already in XDM (a JSON array or JSON Lines): checked against the dataset's schema, sent as they are.
    const client =
      values['dry-run'] && !env.AEP_CLIENT_SECRET ? null : new AepClient(aepConfig(env, values, true), { log: (l) => io.err(`  ${l}\n`), ...clientOptions });
    try {
      const r = await ingestJson({
        input: positionals[0]!,
        datasetId: values.dataset,
        schema: values.schema,
        cache: values.cache,
        maxErrors: values['max-errors'],
        largeFile: values['large-file'],
        chunkSize: values['chunk-size'],
        pollMs: values.poll * 1000,
        timeoutMs: values.timeout * 1000,
        dryRun: values['dry-run'],
        client,
        env,
        io,
      });
      return summary(r.code, r.summary);
    } catch (e) {
      if (!(e instanceof AepError)) throw e;
      io.err(`${e.message}\n`);
      return summary(e.status === null ? 2 : 4, { batchId: null, error: e.message, aepStatus: e.status });
    }
  }
  if (!dir) {
    if (positionals.length !== 1) throw new UsageError('ingest needs --from DIR, or --mapping, --schema and one INPUT.csv');
    const input = positionals[0]!;
    // No --schema: the dataset's own, pulled from AEP (and cached with its version).
    if (!values.schema && values.mapping) values.schema = await schemaPathForDataset(values.dataset, values, io, env, clientOptions);
    dir = values.out ?? join(dirname(input), `${basename(input)}.xdm`);
    const options = applyOptionsFrom('ingest', values, input, dir);
    const prepared = await mapForIngest(options, io, { newBatch: values['new-batch'] });
    mapped = prepared.applied ? applySummary(options, prepared.applied) : { input: options.input, out: options.out, reused: true };
    if (prepared.code !== 0) {
      io.err('Nothing was sent to AEP: the mapping step did not succeed.\n');
      return summary(prepared.code, { batchId: null, sent: false });
    }
    source = prepared.source;
  } else if (positionals.length) throw new UsageError('give either --from DIR or an input file, not both');
  const dryRun = values['dry-run'];
  const config = aepConfig(env, values, !dryRun);
  const client = new AepClient(config, { log: (l) => io.err(`  ${l}\n`), ...clientOptions });
  try {
    const r = await ingestFolder({
      dir,
      datasetId: values.dataset,
      maxErrors: values['max-errors'],
      client,
      chunkSize: values['chunk-size'],
      largeFile: values['large-file'],
      pollMs: values.poll * 1000,
      timeoutMs: values.timeout * 1000,
      dryRun,
      say: (l) => io.err(`${l}\n`),
      source,
      newBatch: values['new-batch'],
    });
    return summary(r.code, { batchId: r.batchId, sent: !dryRun, batch: r.outcome });
  } catch (e) {
    if (e instanceof AepError) {
      io.err(`${e.message}\n`);
      return summary(e.status === null ? 2 : 4, { batchId: null, error: e.message, aepStatus: e.status });
    }
    throw e;
  }
}
