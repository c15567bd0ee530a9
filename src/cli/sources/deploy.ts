import { sha256Hex } from '../../core/hash';
import type { MappingDocument } from '../../core/mapping/mapping.types';
import type { FieldTree } from '../../core/schema/field.types';
import { compileMapping } from '../../core/transform/compile';
import { platformClient } from '../aep/connect';
import { CACHE_OPTION, PLATFORM_OPTIONS } from '../aep/options';
import { CONNECTION_SPECS, PATHS, requestJson } from '../aep/platform';
import { cacheDir, cacheSchema, pullDatasetSchema } from '../aep/schemas';
import { loadMappingFile, loadSchemaFile } from '../files';
import { type AepClient, AepError, type ClientOptions } from '../ingest/aepClient';
import { type Io, UsageError } from '../io';
import { type CommandSpec, flag, helpOf, JSON_OPTION, oneOf, parseCommand, percent, printSummary, text } from '../options';
import { describeAepForm } from './aepForm';
import {
  baseConnection,
  flow,
  mappingSetBody,
  masked,
  type PlannedRequest,
  parseEvery,
  parseStart,
  type Reading,
  type Schedule,
  scheduleParams,
  sourceConnection,
  targetConnection,
} from './dataflow';
import { type Deployment, deployFileFor, findDeployment, readDeployFile, writeDeployFile } from './deployState';
import { CREDENTIALS_HELP, type Credentials, credentialsFor, describeLocation, type Location, parseLocation, secretsOf } from './location';
import { redactValues } from './redact';
import { checkSftpKey } from './sftpKey';
import { explainValidation, type SentEntry, type ValidationAnswer } from './validation';

const DEPLOY_OPTIONS = {
  mapping: text('FILE', 'the mapping to run in AEP (ours, or an AEP mapping set)'),
  schema: text('FILE', "the dataset's schema (xed-full); pulled from the dataset when not given"),
  dataset: text('ID', 'the target dataset'),
  source: text('URL', 's3://BUCKET/PREFIX, sftp://USER@HOST[:PORT]/PATH or azure://ACCOUNT/CONTAINER/PREFIX'),
  every: text('WHEN', '15m, 1h, 1d, 1w (any count of minutes from 15, hours, days, weeks), or once'),
  start: text('ISO', 'first run (ISO 8601 date-time; default now)'),
  endpoint: text('URL', 'an S3-compatible endpoint (serviceUrl), or the Blob endpoint of a SAS token'),
  'base-connection': text(
    'ID',
    'an existing base connection for the source (made in the Sources UI, or by an administrator)\nin place of one made from storage credentials, which are then not needed here',
  ),
  'private-key': text('FILE', 'SFTP: authenticate with this private key (OpenSSH RSA or DSA) instead of SFTP_PASSWORD'),
  delimiter: text('CHAR', "column delimiter AEP reads (default: the mapping's, else ,)"),
  encoding: text(
    'NAME',
    "UTF-8 or ISO-8859-1, the encodings AEP reads (default: from the mapping's source)",
    oneOf('UTF-8', 'ISO-8859-1', 'utf-8', 'iso-8859-1'),
  ),
  compression: text(
    'TYPE',
    'bzip2 | gzip | deflate | zipDeflate | tarGzip | tar (default: none)',
    oneOf('bzip2', 'gzip', 'deflate', 'zipDeflate', 'tarGzip', 'tar'),
  ),
  'max-errors': text('PCT', "the flow's partial-ingestion threshold (default 5, as AEP's UI; 0 turns it off)", percent, { default: 5 }),
  name: text('TEXT', 'the dataflow\'s name (default: "MAPPING -> DATASET")'),
  ...CACHE_OPTION,
  ...PLATFORM_OPTIONS,
  'dry-run': flag(
    "print every request (secrets masked) and create or change nothing (the\ndataset's schema is still read from AEP when --schema is not given)",
  ),
  ...JSON_OPTION,
};

export const DEPLOY: CommandSpec<typeof DEPLOY_OPTIONS> = {
  name: 'deploy',
  usage: 'deploy --mapping M.json --dataset ID --source URL --every 15m|1h|1d|1w [--start ISO] [--dry-run]',
  about: `Runs a mapping in AEP, on Adobe's side, on files of any size: creates through the Flow Service
API what the Sources UI creates for a cloud-storage dataflow (a base connection with the source's
credentials, a source connection reading delimited files, a target connection to the dataset and
its xed-full schema, a mapping set made from the mapping after AEP's own validation, and a flow
with the schedule, error diagnostics and partial ingestion on). The ids are printed and kept in
M.deploy.json beside the mapping: run deploy again after changing the mapping and the same
dataflow gets a new version of its mapping set (and the new schedule), instead of a second flow.

${CREDENTIALS_HELP}
AEP: AEP_CLIENT_ID, AEP_CLIENT_SECRET, AEP_ORG_ID, AEP_SANDBOX (and AEP_SCOPES), as for ingest.`,
  options: DEPLOY_OPTIONS,
  footer: `Exit status: 0 deployed or updated (or planned, with --dry-run); 1 AEP's validation refused the
mapping (nothing was created or changed); 2 bad arguments, missing credentials, or a mapping that
does not fit the schema; 4 AEP refused a request or could not be reached (the ids created so far are
kept: run the same command again to continue).
`,
};

export const DEPLOY_HELP = helpOf(DEPLOY);

/** Credentials a dry run shows in their place when the environment has none yet. */
function placeholderCredentials(l: Location): Credentials {
  if (l.kind === 's3') return { kind: 's3', accessKeyId: '{AWS_ACCESS_KEY_ID}', secretAccessKey: '{AWS_SECRET_ACCESS_KEY}', region: 'us-east-1' };
  if (l.kind === 'sftp') return { kind: 'sftp', password: '{SFTP_PASSWORD}' };
  return { kind: 'azure', connectionString: '{AZURE_STORAGE_CONNECTION_STRING}' };
}

function readingOf(doc: MappingDocument, values: { delimiter?: string; encoding?: string; compression?: Reading['compression'] }): Reading {
  const declared = doc.source.encoding;
  let encoding: Reading['encoding'];
  if (values.encoding) encoding = values.encoding.toUpperCase() as Reading['encoding'];
  else if (!declared || declared === 'utf-8') encoding = 'UTF-8';
  else if (declared === 'windows-1252') encoding = 'ISO-8859-1';
  else
    throw new UsageError(
      `the mapping's files are ${declared}, and AEP's cloud-storage sources read only UTF-8 and ISO-8859-1: have the files written as UTF-8 and give --encoding UTF-8, or map them here with watch or ingest`,
    );
  const delimiter = values.delimiter === 'tab' ? '\t' : (values.delimiter ?? doc.source.delimiter ?? ',');
  if ([...delimiter].length !== 1) throw new UsageError(`--delimiter must be one character, got "${delimiter}"`);
  return { delimiter, encoding, ...(values.compression ? { compression: values.compression } : {}) };
}

/** The mapping must run on the schema before AEP is asked: the same compile as apply's. */
function checkLocally(doc: MappingDocument, tree: FieldTree, mappingPath: string): void {
  const columns = [...new Set([...(doc.source.columns ?? []), ...doc.mappings.filter((m) => m.sourceType === 'ATTRIBUTE').map((m) => m.source)])];
  const compiled = compileMapping(doc, tree, columns);
  if (!compiled.ok)
    throw new UsageError(
      `mapping "${mappingPath}" does not fit the schema ${tree.title}:\n${compiled.problems.map((p) => `  ${p.mapping === null ? '' : `mapping ${p.mapping + 1}: `}${p.message}`).join('\n')}`,
    );
}

export async function deployCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env, clientOptions: ClientOptions = {}): Promise<number> {
  const { values, positionals, help } = parseCommand(DEPLOY, argv);
  if (help) {
    io.out(DEPLOY_HELP);
    return 0;
  }
  if (positionals.length) throw new UsageError(`deploy takes no file names (the files are read in AEP from --source), got ${positionals.join(' ')}`);
  for (const f of ['mapping', 'dataset', 'source', 'every'] as const) if (!values[f]) throw new UsageError(`deploy needs --${f}`);
  const dryRun = values['dry-run'];
  const location = parseLocation(values.source!, values.endpoint);
  const schedule: Schedule = { ...parseEvery(values.every!), startTime: parseStart(values.start) };
  const doc = (await loadMappingFile(values.mapping!)).result.doc;
  const reading = readingOf(doc, values);
  const existingBase = values['base-connection'];
  let credentials: Credentials | null = null;
  if (!existingBase)
    try {
      credentials = credentialsFor(location, env, values['private-key']);
    } catch (e) {
      if (!dryRun) throw e;
      credentials = placeholderCredentials(location);
      io.err(`note: ${(e as Error).message}; the plan shows where each value goes\n`);
    }
  const secrets = [...(credentials ? secretsOf(credentials) : []), env.AEP_CLIENT_SECRET ?? ''].filter(Boolean);
  if (credentials?.kind === 'sftp' && 'privateKey' in credentials) {
    const note = await checkSftpKey(credentials.privateKey, credentials.passphrase, values['private-key'] ?? env.SFTP_PRIVATE_KEY_FILE ?? '');
    if (note) io.err(`note: ${note}\n`);
  }
  const say = (l: string) => io.err(`${redactValues(l, secrets)}\n`);
  const hasAep = ['AEP_CLIENT_ID', 'AEP_CLIENT_SECRET', 'AEP_ORG_ID', 'AEP_SANDBOX'].every((n) => env[n]);
  const client = hasAep || !dryRun ? platformClient({ ...io, err: (t) => io.err(redactValues(t, secrets)) }, env, values, clientOptions) : null;
  const summary = (code: number, more: Record<string, unknown>) => {
    if (values.json)
      printSummary(io, JSON.parse(redactValues(JSON.stringify({ command: 'deploy', ok: code === 0, exitCode: code, dryRun, ...more }), secrets)));
    return code;
  };
  try {
    // The schema: the user's file, or the dataset's, pulled (and cached) from AEP.
    let tree: FieldTree;
    if (values.schema) tree = (await loadSchemaFile(values.schema)).result.tree;
    else {
      if (!client) throw new UsageError("a dry run without AEP credentials needs --schema FILE (the dataset's schema cannot be pulled)");
      const pulled = await pullDatasetSchema(client, values.dataset!);
      const path = await cacheSchema(cacheDir(values.cache, env), env.AEP_SANDBOX ?? '', pulled, pulled.dataset);
      tree = (await loadSchemaFile(path)).result.tree;
      say(`Schema of dataset ${values.dataset}: ${pulled.title} version ${pulled.version}`);
    }
    checkLocally(doc, tree, values.mapping!);
    const setBody = mappingSetBody(doc, tree);
    for (const line of describeAepForm(doc, setBody)) say(line);
    const setSha = sha256Hex(JSON.stringify(setBody));
    const stateFile = deployFileFor(values.mapping!);
    const file = await readDeployFile(stateFile);
    const key = { orgId: env.AEP_ORG_ID ?? '', sandbox: env.AEP_SANDBOX ?? '', datasetId: values.dataset!, source: describeLocation(location) };
    const known = findDeployment(file, key);
    if (existingBase && known?.baseConnectionId && known.baseConnectionId !== existingBase)
      throw new UsageError(
        `this mapping was deployed from ${key.source} over base connection ${known.baseConnectionId}, not ${existingBase}: give that one, or remove the entry from ${stateFile} to deploy anew`,
      );
    const name = values.name ?? `${doc.name || values.mapping!} -> ${values.dataset}`;
    const context = { location, credentials, existingBase, reading, schedule, setBody, setSha, tree, name, maxErrors: values['max-errors'] };

    if (dryRun) {
      const plan = known?.flowId ? updatePlan(known, context) : createPlan(values.dataset!, context, known);
      say(
        `Plan: ${known?.flowId ? `update dataflow ${known.flowId}` : 'create a dataflow'} from ${key.source} into dataset ${values.dataset} (${describeSchedule(schedule)})`,
      );
      for (const r of plan)
        say(
          `${r.method} ${r.path}${
            r.headers
              ? `  ${Object.entries(r.headers)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(', ')}`
              : ''
          }  (${r.step})\n${r.body === undefined ? '' : `${JSON.stringify(masked(r.body), null, 2)}\n`}`,
        );
      say('Dry run: nothing was sent.');
      return summary(0, { plan: plan.map((r) => ({ ...r, body: masked(r.body) })), existing: known ?? null });
    }

    const api = client!;
    // AEP's own check of the mapping against the schema, before anything is created or changed.
    const answer = await requestJson<ValidationAnswer>(api, 'POST', `${PATHS.conversion}/mappingSets/validate`, setBody);
    const failures = explainValidation((setBody.mappings as SentEntry[]) ?? [], answer);
    if (failures.length) {
      say(`AEP's validation refused the mapping; nothing was created or changed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
      return summary(1, { validation: failures });
    }
    const deployment: Deployment = known ?? { ...key, schemaId: tree.id, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() };
    if (!known) file.deployments.push(deployment);
    const save = async () => {
      deployment.updatedAt = new Date().toISOString();
      await writeDeployFile(stateFile, file);
    };
    const outcome = deployment.flowId ? await update(api, deployment, context, save, say) : await create(api, deployment, values.dataset!, context, save, say);
    const ids = {
      baseConnectionId: deployment.baseConnectionId,
      sourceConnectionId: deployment.sourceConnectionId,
      targetConnectionId: deployment.targetConnectionId,
      mappingSetId: deployment.mappingSetId,
      mappingVersion: deployment.mappingVersion,
      flowId: deployment.flowId,
    };
    say(
      `${outcome === 'created' ? 'Created' : outcome === 'updated' ? 'Updated' : 'Unchanged:'} dataflow ${deployment.flowId} (${describeSchedule(schedule)}):`,
    );
    for (const [k, v] of Object.entries(ids)) say(`  ${k}: ${v}`);
    say(`Ids kept in ${stateFile}; follow the runs with: xdm-mapper runs --flow ${deployment.flowId}`);
    return summary(0, { outcome, ids, state: stateFile });
  } catch (e) {
    if (!(e instanceof AepError)) throw e;
    const message = redactValues(e.message, secrets);
    say(`${message}\nThe ids created so far are kept beside the mapping: run the same command again to continue.`);
    return summary(4, { error: message, aepStatus: e.status });
  }
}

interface Context {
  location: Location;
  /** Null when an existing base connection is used. */
  credentials: Credentials | null;
  existingBase: string | undefined;
  reading: Reading;
  schedule: Schedule;
  setBody: Record<string, unknown>;
  setSha: string;
  tree: FieldTree;
  name: string;
  maxErrors: number;
}

const describeSchedule = (s: Schedule) =>
  `${s.frequency === 'once' ? 'once' : `every ${s.interval} ${s.frequency}${s.interval === 1 ? '' : 's'}`} from ${new Date(s.startTime * 1000).toISOString()}`;

const validateRequest = (c: Context): PlannedRequest => ({
  step: "AEP's validation of the mapping",
  method: 'POST',
  path: `${PATHS.conversion}/mappingSets/validate`,
  body: c.setBody,
});

function createPlan(datasetId: string, c: Context, partial?: Deployment): PlannedRequest[] {
  const plan = [validateRequest(c)];
  if (!partial?.baseConnectionId)
    plan.push(
      c.credentials
        ? baseConnection(c.location, c.credentials, `${c.name}: base connection`)
        : { step: "the existing base connection's source type", method: 'GET', path: `${PATHS.flowService}/connections/${c.existingBase}` },
    );
  if (!partial?.sourceConnectionId)
    plan.push(sourceConnection(c.location, partial?.baseConnectionId ?? c.existingBase ?? '{BASE_CONNECTION_ID}', c.reading, `${c.name}: source`));
  if (!partial?.targetConnectionId) plan.push(targetConnection(datasetId, c.tree.id, `${c.name}: target`));
  if (!partial?.mappingSetId) plan.push({ step: 'mapping set', method: 'POST', path: `${PATHS.conversion}/mappingSets`, body: c.setBody });
  plan.push(
    flow({
      name: c.name,
      sourceConnectionId: partial?.sourceConnectionId ?? '{SOURCE_CONNECTION_ID}',
      targetConnectionId: partial?.targetConnectionId ?? '{TARGET_CONNECTION_ID}',
      mappingId: partial?.mappingSetId ?? '{MAPPING_SET_ID}',
      mappingVersion: partial?.mappingVersion ?? 0,
      schedule: c.schedule,
      maxErrors: c.maxErrors,
    }),
  );
  return plan;
}

function updatePlan(d: Deployment, c: Context): PlannedRequest[] {
  return [
    validateRequest(c),
    { step: 'new mapping set version', method: 'PUT', path: `${PATHS.conversion}/mappingSets/${d.mappingSetId}`, body: c.setBody },
    { step: "the flow's etag", method: 'GET', path: `${PATHS.flowService}/flows/${d.flowId}` },
    {
      step: 'the flow takes the new version',
      method: 'PATCH',
      path: `${PATHS.flowService}/flows/${d.flowId}`,
      headers: { 'If-Match': '{ETAG}' },
      body: [{ op: 'replace', path: '/transformations/0', value: { name: 'Mapping', params: { mappingId: d.mappingSetId, mappingVersion: '{NEW_VERSION}' } } }],
    },
  ];
}

const SOURCE_NAMES: Record<string, string> = Object.fromEntries(
  Object.entries(CONNECTION_SPECS).map(([kind, spec]) => [spec, { s3: 'an Amazon S3', sftp: 'an SFTP', azure: 'an Azure Blob' }[kind as Location['kind']]]),
);

/** An existing base connection, checked to be of the source's kind before anything is built on it. */
async function existingBaseConnection(api: AepClient, id: string, l: Location): Promise<string> {
  const answer = await requestJson<{ items?: { id?: string; connectionSpec?: { id?: string } }[] }>(
    api,
    'GET',
    `${PATHS.flowService}/connections/${encodeURIComponent(id)}`,
  );
  const spec = answer.items?.[0]?.connectionSpec?.id;
  if (spec !== CONNECTION_SPECS[l.kind])
    throw new UsageError(
      `base connection ${id} is ${spec && Object.hasOwn(SOURCE_NAMES, spec) ? `${SOURCE_NAMES[spec]} connection` : `of connection spec ${spec ?? '(none)'}`}, and --source ${describeLocation(l)} needs ${SOURCE_NAMES[CONNECTION_SPECS[l.kind]]} one`,
    );
  return id;
}

async function post<T extends { id?: string }>(api: AepClient, r: PlannedRequest): Promise<string> {
  const body = await requestJson<T>(api, r.method, r.path, r.body);
  if (typeof body.id !== 'string' || !body.id) throw new AepError(`${r.method} ${r.path} (${r.step}) answered without an id`, null, '');
  return body.id;
}

async function create(api: AepClient, d: Deployment, datasetId: string, c: Context, save: () => Promise<void>, say: (l: string) => void): Promise<'created'> {
  // Each id is saved as soon as AEP gives it: a run that stops half-way continues where it stopped.
  if (!d.baseConnectionId) {
    if (c.credentials) d.baseConnectionId = await post(api, baseConnection(c.location, c.credentials, `${c.name}: base connection`));
    else d.baseConnectionId = await existingBaseConnection(api, c.existingBase!, c.location);
    await save();
    say(`Base connection ${d.baseConnectionId}${c.credentials ? '' : ' (existing)'}`);
  }
  if (!d.sourceConnectionId) {
    d.sourceConnectionId = await post(api, sourceConnection(c.location, d.baseConnectionId, c.reading, `${c.name}: source`));
    await save();
    say(`Source connection ${d.sourceConnectionId}`);
  }
  if (!d.targetConnectionId) {
    d.targetConnectionId = await post(api, targetConnection(datasetId, c.tree.id, `${c.name}: target`));
    await save();
    say(`Target connection ${d.targetConnectionId}`);
  }
  if (!d.mappingSetId) {
    const set = await requestJson<{ id?: string; version?: number }>(api, 'POST', `${PATHS.conversion}/mappingSets`, c.setBody);
    if (!set.id) throw new AepError('creating the mapping set answered without an id', null, '');
    d.mappingSetId = set.id;
    d.mappingVersion = Number(set.version ?? 0);
    d.mappingSha256 = c.setSha;
    await save();
    say(`Mapping set ${d.mappingSetId} version ${d.mappingVersion}`);
  }
  d.flowId = await post(
    api,
    flow({
      name: c.name,
      sourceConnectionId: d.sourceConnectionId,
      targetConnectionId: d.targetConnectionId,
      mappingId: d.mappingSetId,
      mappingVersion: d.mappingVersion ?? 0,
      schedule: c.schedule,
      maxErrors: c.maxErrors,
    }),
  );
  d.schedule = c.schedule;
  await save();
  return 'created';
}

async function update(api: AepClient, d: Deployment, c: Context, save: () => Promise<void>, say: (l: string) => void): Promise<'updated' | 'unchanged'> {
  const sameSchedule = d.schedule?.frequency === c.schedule.frequency && d.schedule?.interval === c.schedule.interval;
  if (d.mappingSha256 === c.setSha && sameSchedule) return 'unchanged';
  const ops: unknown[] = [];
  if (d.mappingSha256 !== c.setSha) {
    const set = await requestJson<{ version?: number }>(api, 'PUT', `${PATHS.conversion}/mappingSets/${encodeURIComponent(d.mappingSetId!)}`, c.setBody);
    d.mappingVersion = Number(set.version ?? (d.mappingVersion ?? 0) + 1);
    d.mappingSha256 = c.setSha;
    await save();
    say(`Mapping set ${d.mappingSetId} version ${d.mappingVersion}`);
  }
  const current = await requestJson<{ items?: { etag?: string; transformations?: { name?: string }[] }[] }>(
    api,
    'GET',
    `${PATHS.flowService}/flows/${encodeURIComponent(d.flowId!)}`,
  );
  const theFlow = current.items?.[0];
  if (!theFlow?.etag) throw new AepError(`dataflow ${d.flowId} was not found, or came back without an etag`, null, '');
  const index = Math.max(0, theFlow.transformations?.findIndex((t) => t.name === 'Mapping') ?? 0);
  ops.push({
    op: 'replace',
    path: `/transformations/${index}`,
    value: { name: 'Mapping', params: { mappingId: d.mappingSetId, mappingVersion: d.mappingVersion } },
  });
  if (!sameSchedule) ops.push({ op: 'replace', path: '/scheduleParams', value: scheduleParams(c.schedule) });
  await requestJson(api, 'PATCH', `${PATHS.flowService}/flows/${encodeURIComponent(d.flowId!)}`, ops, { 'if-match': theFlow.etag });
  d.schedule = c.schedule;
  await save();
  return 'updated';
}
