import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type AepClient, AepError } from '../ingest/aepClient';
import { own, PATHS, requestJson, XED_FULL } from './platform';

/** A dataset as the Catalog describes it: what we need of it. */
export interface DatasetInfo {
  id: string;
  name: string;
  /** The `$id` of the dataset's schema. */
  schemaId: string;
}

/** A schema pulled from the Schema Registry in xed-full form. */
export interface PulledSchema {
  schemaId: string;
  /** `meta:altId` when the registry gives one (short and file-name safe). */
  altId: string;
  /** The schema's own version (`version`), which the registry raises on every change. */
  version: string;
  title: string;
  text: string;
}

/**
 * `GET /catalog/dataSets/{DATASET_ID}`: the Catalog answers an object keyed by the dataset's id
 * (Catalog API reference, "Look up a dataset"); the schema is `schemaRef.id`.
 */
export async function datasetInfo(client: AepClient, datasetId: string): Promise<DatasetInfo> {
  const body = await requestJson<unknown>(client, 'GET', `${PATHS.catalog}/dataSets/${encodeURIComponent(datasetId)}`);
  const entry = own(body, datasetId) ?? (typeof body === 'object' && body ? Object.values(body)[0] : undefined);
  const schemaId = own(own(entry, 'schemaRef'), 'id');
  if (typeof schemaId !== 'string' || !schemaId)
    throw new AepError(`dataset ${datasetId} has no schema (schemaRef) in the Catalog: it cannot take XDM records`, null, '');
  const name = own(entry, 'name');
  return { id: datasetId, name: typeof name === 'string' ? name : datasetId, schemaId };
}

/**
 * `GET /schemaregistry/tenant/schemas/{SCHEMA_ID}` with `Accept: application/vnd.adobe.xed-full+json;version=1`
 * (Schema Registry API, "Look up a schema"): the id is the URL-encoded `$id` or the `meta:altId`.
 */
export async function fetchSchema(client: AepClient, schemaId: string): Promise<PulledSchema> {
  const r = await client.request('GET', `${PATHS.schemaRegistry}/tenant/schemas/${encodeURIComponent(schemaId)}`, null, { accept: XED_FULL });
  let json: unknown;
  try {
    json = JSON.parse(r.text);
  } catch {
    throw new AepError(`the Schema Registry answered schema ${schemaId} with something that is not JSON`, r.status, '');
  }
  const str = (k: string) => {
    const v = own(json, k);
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  if (own(json, 'properties') === undefined && own(json, 'allOf') !== undefined)
    throw new AepError(`schema ${schemaId} came back unresolved (allOf): the registry ignored the xed-full Accept header`, r.status, '');
  return { schemaId: str('$id') || schemaId, altId: str('meta:altId'), version: str('version') || '0', title: str('title') || schemaId, text: r.text };
}

/** A dataset's schema: the Catalog names it, the Schema Registry gives it. */
export async function pullDatasetSchema(client: AepClient, datasetId: string): Promise<PulledSchema & { dataset: DatasetInfo }> {
  const dataset = await datasetInfo(client, datasetId);
  return { ...(await fetchSchema(client, dataset.schemaId)), dataset };
}

/** Where pulled schemas are kept: `--cache`, else $XDM_MAPPER_CACHE, else ~/.cache/xdm-mapper. */
export function cacheDir(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  return flag ?? env.XDM_MAPPER_CACHE ?? join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'xdm-mapper');
}

/** Names from AEP become file names: anything but letters, digits, `.`, `_` and `-` is replaced. */
const safe = (name: string) =>
  name
    .replace(/^https?:\/\//, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 150);

interface DatasetIndex {
  datasetId: string;
  datasetName: string;
  schemaId: string;
  version: string;
  file: string;
  pulledAt: string;
}

async function writeAtomic(path: string, text: string): Promise<void> {
  await writeFile(`${path}.partial`, text);
  await rename(`${path}.partial`, path);
}

/**
 * Keeps a pulled schema in the cache, one file per schema version
 * (`SANDBOX/schemas/ALTID@VERSION.schema.json`), and for a dataset which version it had last.
 */
export async function cacheSchema(dir: string, sandbox: string, schema: PulledSchema, dataset?: DatasetInfo): Promise<string> {
  const folder = join(dir, safe(sandbox || 'default'));
  await mkdir(join(folder, 'schemas'), { recursive: true });
  const file = join(folder, 'schemas', `${safe(schema.altId || schema.schemaId)}@${safe(schema.version)}.schema.json`);
  if (!existsSync(file)) await writeAtomic(file, schema.text.endsWith('\n') ? schema.text : `${schema.text}\n`);
  if (dataset) {
    await mkdir(join(folder, 'datasets'), { recursive: true });
    const index: DatasetIndex = {
      datasetId: dataset.id,
      datasetName: dataset.name,
      schemaId: schema.schemaId,
      version: schema.version,
      file,
      pulledAt: new Date().toISOString(),
    };
    await writeAtomic(join(folder, 'datasets', `${safe(dataset.id)}.json`), `${JSON.stringify(index, null, 2)}\n`);
  }
  return file;
}

/** The schema file last pulled for a dataset, when there is one. */
export async function cachedForDataset(dir: string, sandbox: string, datasetId: string): Promise<DatasetIndex | null> {
  const path = join(dir, safe(sandbox || 'default'), 'datasets', `${safe(datasetId)}.json`);
  if (!existsSync(path)) return null;
  try {
    const index = JSON.parse(await readFile(path, 'utf8')) as DatasetIndex;
    return existsSync(index.file) ? index : null;
  } catch {
    return null;
  }
}

/**
 * The local schema file for a dataset: pulled now (and cached with its version), or, when AEP
 * cannot be reached, the version pulled last time, with a warning that says which and when.
 */
export async function schemaFileForDataset(
  client: AepClient,
  datasetId: string,
  o: { cache: string; sandbox: string; say: (line: string) => void },
): Promise<{ path: string; schema: { id: string; version: string; title?: string }; fromCache: boolean }> {
  try {
    const pulled = await pullDatasetSchema(client, datasetId);
    const path = await cacheSchema(o.cache, o.sandbox, pulled, pulled.dataset);
    o.say(`Schema of dataset ${datasetId} ("${pulled.dataset.name}"): ${pulled.title} version ${pulled.version}, kept in ${path}`);
    return { path, schema: { id: pulled.schemaId, version: pulled.version, title: pulled.title }, fromCache: false };
  } catch (e) {
    // Only an unreachable AEP falls back; a refusal (4xx) is the user's to see.
    if (!(e instanceof AepError) || e.status !== null) throw e;
    const known = await cachedForDataset(o.cache, o.sandbox, datasetId);
    if (!known) throw e;
    o.say(
      `warning: AEP cannot be reached (${e.message}); using the schema of dataset ${datasetId} pulled ${known.pulledAt} (version ${known.version}): ${known.file}`,
    );
    return { path: known.file, schema: { id: known.schemaId, version: known.version }, fromCache: true };
  }
}
