import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { applyCommand } from '../apply';
import { type Io, parseSize, UsageError } from '../io';
import { AepClient, type AepConfig, AepError, type ClientOptions, DEFAULT_IMS_URL, DEFAULT_PLATFORM_URL, DEFAULT_SCOPES } from './aepClient';
import { ingestFolder } from './ingest';

export const INGEST_HELP = `xdm-mapper ingest --dataset ID (--mapping M.json --schema S.json INPUT.csv | --from DIR) [options]

Sends mapped records to an AEP dataset through the Batch Ingestion API: maps INPUT.csv first
(like apply, into --out) or takes a folder apply wrote (--from), creates a batch, uploads each
file (files over 256 MB in chunks), completes the batch, waits for AEP's verdict and prints it.
On failure AEP's error diagnostics are saved in DIR/aep-errors/. What was sent is recorded in
DIR/ingest.json: after an interruption, run the same command again to continue the same batch.

Credentials (OAuth server-to-server), from the environment:
  AEP_CLIENT_ID, AEP_CLIENT_SECRET, AEP_ORG_ID, AEP_SANDBOX, and optionally AEP_SCOPES

Options:
  --dataset ID          the target dataset
  --from DIR            an apply output folder (manifest.json and part-*.jsonl)
  --mapping, --schema   map INPUT.csv first (see "xdm-mapper help apply"), into --out
  --out DIR             where mapped files go (default: INPUT.xdm beside the input)
  --max-errors PCT      rows AEP may reject before failing the batch (default 5)
  --large-file SIZE     files above this go up in chunks (default 256MB, AEP's limit for one PUT)
  --chunk-size SIZE     size of each chunk of a large file (default 64MB)
  --poll SECONDS        between status checks (default 10)
  --timeout SECONDS     stop waiting for AEP after this long (default 1800)
  --platform-url URL    default ${DEFAULT_PLATFORM_URL}
  --ims-url URL         default ${DEFAULT_IMS_URL}
  --dry-run             print the files, sizes and requests; send nothing
Exit status: 0 ingested; 1 AEP failed the batch; 2 bad arguments; 4 stopped (run again to
continue, or aborted: see the message); 5 still processing when --timeout ran out.
`;

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

export function seconds(text: string | undefined, dflt: number, what: string): number {
  if (text === undefined) return dflt;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${what} must be a duration such as 30, 30s, 15m or 2h, got "${text}"`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : m[2] === 'h' ? n * 3600 : n;
}

export async function ingestCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env, clientOptions: ClientOptions = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dataset: { type: 'string' },
      from: { type: 'string' },
      mapping: { type: 'string' },
      schema: { type: 'string' },
      out: { type: 'string' },
      'max-errors': { type: 'string' },
      'chunk-size': { type: 'string' },
      'large-file': { type: 'string' },
      poll: { type: 'string' },
      timeout: { type: 'string' },
      'platform-url': { type: 'string' },
      'ims-url': { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(INGEST_HELP);
    return 0;
  }
  if (!values.dataset) throw new UsageError('ingest needs --dataset ID');
  const maxErrors = values['max-errors'] === undefined ? 5 : Number(values['max-errors']);
  if (!(maxErrors >= 0 && maxErrors <= 100)) throw new UsageError('--max-errors must be a percentage from 0 to 100');
  let dir = values.from;
  if (!dir) {
    if (!values.mapping || !values.schema || positionals.length !== 1)
      throw new UsageError('ingest needs --from DIR, or --mapping, --schema and one INPUT.csv');
    dir = values.out ?? join(dirname(positionals[0]!), `${basename(positionals[0]!)}.xdm`);
    const applied = await applyCommand(
      ['--mapping', values.mapping, '--schema', values.schema, positionals[0]!, '--out', dir, '--max-errors', String(maxErrors)],
      io,
    );
    if (applied !== 0) {
      io.err('Nothing was sent to AEP: the mapping step did not succeed.\n');
      return applied;
    }
  } else if (positionals.length) throw new UsageError('give either --from DIR or an input file, not both');
  const dryRun = Boolean(values['dry-run']);
  const config = aepConfig(env, values, !dryRun);
  const client = new AepClient(config, { log: (l) => io.err(`  ${l}\n`), ...clientOptions });
  try {
    const r = await ingestFolder({
      dir,
      datasetId: values.dataset,
      maxErrors,
      client,
      chunkSize: values['chunk-size'] ? parseSize(values['chunk-size']) : 64 * 1024 * 1024,
      largeFile: values['large-file'] ? parseSize(values['large-file']) : undefined,
      pollMs: seconds(values.poll, 10, '--poll') * 1000,
      timeoutMs: seconds(values.timeout, 1800, '--timeout') * 1000,
      dryRun,
      say: (l) => io.err(`${l}\n`),
    });
    return r.code;
  } catch (e) {
    if (e instanceof AepError) {
      io.err(`${e.message}\n`);
      return e.status === null ? 2 : 4;
    }
    throw e;
  }
}
