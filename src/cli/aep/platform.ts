import { type AepClient, AepError } from '../ingest/aepClient';

/**
 * Where each Platform service lives under the gateway, and the fixed ids AEP documents for the
 * cloud-storage dataflow. Every id below is copied from Adobe's own pages, named beside it:
 *   - Sources, "Create a dataflow for cloud storage sources using the Flow Service API"
 *     (sources/tutorials/api/collect/cloud-storage): the flow spec CloudStorageToAEP, the Data
 *     Lake target connection spec, and its appendix of source connection specs;
 *   - "Create an Amazon S3 / SFTP / Azure Blob base connection using the Flow Service API"
 *     (sources/tutorials/api/create/cloud-storage/s3, sftp, blob): auth spec names and params.
 */
export const PATHS = {
  schemaRegistry: '/data/foundation/schemaregistry',
  catalog: '/data/foundation/catalog',
  flowService: '/data/foundation/flowservice',
  conversion: '/data/foundation/conversion',
  export: '/data/foundation/export',
} as const;

/** The Accept header the Schema Registry needs for a resolved schema (one `properties` tree). */
export const XED_FULL = 'application/vnd.adobe.xed-full+json;version=1';

/**
 * Connection specs of the three sources we deploy to. The SFTP page gives b7bf2577-…; the
 * cloud-storage tutorial's appendix lists bf367b0d-… for SFTP, but that value is the example
 * *connection* id of the SFTP page, and the CloudStorageToAEP flow spec lists b7bf2577-… among
 * its sourceConnectionSpecIds. The Blob page's table says d771e9c1-…, its requests and the
 * appendix (and the flow spec) 4c10e202-…: the requests are what AEP accepts.
 */
export const CONNECTION_SPECS = {
  s3: 'ecadc60c-7455-4d87-84dc-2a0e293d997b',
  sftp: 'b7bf2577-4520-42c9-bae9-cad01560f7bc',
  azure: '4c10e202-c428-4796-9208-5f1f5732b1cf',
} as const;

/** The Data Lake: the target connection spec of every batch dataflow into a dataset. */
export const DATA_LAKE_SPEC = 'c604ff05-7f1a-43c0-8e18-33bf874cb11c';

/** The flow spec named CloudStorageToAEP (`GET /flowSpecs?property=name=="CloudStorageToAEP"`). */
export const CLOUD_STORAGE_FLOW_SPEC = { id: '9753525b-82c7-4dce-8a9b-5ccfce2b9876', name: 'CloudStorageToAEP' } as const;

/** A Platform request whose answer is JSON; an answer that is not JSON is an AepError naming the request. */
export async function requestJson<T>(client: AepClient, method: string, path: string, json?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const r = await client.request(method, path, json === undefined ? null : { json }, headers);
  if (r.text.trim() === '') return {} as T;
  try {
    return JSON.parse(r.text) as T;
  } catch {
    throw new AepError(`${method} ${path.replace(/\?.*$/, '')} answered with something that is not JSON`, r.status, r.text.slice(0, 500));
  }
}

/** A plain object's own property, never one inherited from Object.prototype. */
export function own(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
