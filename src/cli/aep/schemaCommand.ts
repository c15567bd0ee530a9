import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadSchemaText } from '../../core/schema/loadSchema';
import { AepError, type ClientOptions } from '../ingest/aepClient';
import { type Io, UsageError } from '../io';
import { type CommandSpec, helpOf, JSON_OPTION, parseCommand, printSummary, text } from '../options';
import { platformClient } from './connect';
import { CACHE_OPTION, PLATFORM_OPTIONS } from './options';
import { cacheDir, cacheSchema, fetchSchema, pullDatasetSchema } from './schemas';

const SCHEMA_OPTIONS = {
  schema: text('ID', "the schema's $id or meta:altId"),
  dataset: text('ID', 'a dataset: its schema is pulled (the Catalog names it)'),
  out: text('FILE', 'also write the schema here'),
  ...CACHE_OPTION,
  ...PLATFORM_OPTIONS,
  ...JSON_OPTION,
};

export const SCHEMA: CommandSpec<typeof SCHEMA_OPTIONS> = {
  name: 'schema',
  usage: 'schema pull (--schema ID | --dataset ID) [--out FILE]',
  about: `Pulls a schema from AEP's Schema Registry in its resolved form (xed-full: every field group's
fields in one tree), the form every command and the web app read. With --dataset, the Catalog
names the dataset's schema first. The schema is kept in the cache with its version
(CACHE/SANDBOX/schemas/ID@VERSION.schema.json), where apply, suggest and ingest --dataset find
it again when AEP cannot be reached; --out writes a copy where you want it. The path written is
printed on stdout.

Credentials (OAuth server-to-server), from the environment, as for ingest:
  AEP_CLIENT_ID, AEP_CLIENT_SECRET, AEP_ORG_ID, AEP_SANDBOX, and optionally AEP_SCOPES`,
  options: SCHEMA_OPTIONS,
  footer: 'Exit status: 0 pulled; 2 bad arguments or missing credentials; 4 AEP refused or could not be reached.\n',
};

export const SCHEMA_HELP = helpOf(SCHEMA);

export async function schemaCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env, clientOptions: ClientOptions = {}): Promise<number> {
  const [verb, ...rest] = argv;
  if (verb === '--help' || verb === '-h' || verb === undefined) {
    io.out(SCHEMA_HELP);
    return verb === undefined ? 2 : 0;
  }
  if (verb !== 'pull') throw new UsageError(`unknown schema command "${verb}": the one there is, is "schema pull"`);
  const { values, positionals, help } = parseCommand(SCHEMA, rest);
  if (help) {
    io.out(SCHEMA_HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`schema pull takes no file names, got ${positionals.join(' ')}`);
  if (!values.schema === !values.dataset) throw new UsageError('schema pull needs either --schema ID or --dataset ID');
  const client = platformClient(io, env, values, clientOptions);
  const cache = cacheDir(values.cache, env);
  const sandbox = env.AEP_SANDBOX ?? '';
  try {
    const fromDataset = values.dataset ? await pullDatasetSchema(client, values.dataset) : null;
    const pulled = fromDataset ?? (await fetchSchema(client, values.schema!));
    const dataset = fromDataset?.dataset;
    const loaded = loadSchemaText(pulled.text);
    if (!loaded.ok)
      throw new UsageError(`the schema AEP gave cannot be used:\n${loaded.problems.map((p) => `  at ${p.pointer || '/'}: ${p.message}`).join('\n')}`);
    const cached = await cacheSchema(cache, sandbox, pulled, dataset);
    let written = cached;
    if (values.out) {
      await mkdir(dirname(values.out), { recursive: true });
      await writeFile(`${values.out}.partial`, pulled.text.endsWith('\n') ? pulled.text : `${pulled.text}\n`);
      await rename(`${values.out}.partial`, values.out);
      written = values.out;
    }
    io.err(
      `${pulled.title} (${pulled.schemaId}) version ${pulled.version}: ${loaded.tree.leaves.length} fields` +
        `${dataset ? `, schema of dataset ${dataset.id} ("${dataset.name}")` : ''}\n  cached: ${cached}\n`,
    );
    if (values.json)
      printSummary(io, {
        command: 'schema pull',
        ok: true,
        exitCode: 0,
        schema: { id: pulled.schemaId, altId: pulled.altId, version: pulled.version, title: pulled.title, fields: loaded.tree.leaves.length },
        dataset: dataset ?? null,
        file: written,
        cached,
      });
    else io.out(`${written}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof AepError)) throw e;
    io.err(`${e.message}\n`);
    if (values.json) printSummary(io, { command: 'schema pull', ok: false, exitCode: 4, error: e.message, aepStatus: e.status });
    return 4;
  }
}
