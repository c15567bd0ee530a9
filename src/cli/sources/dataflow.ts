import { toAepMappingSet } from '../../core/mapping/aep';
import { destinationType } from '../../core/mapping/entryReadings';
import type { MappingDocument } from '../../core/mapping/mapping.types';
import type { FieldTree } from '../../core/schema/field.types';
import { CLOUD_STORAGE_FLOW_SPEC, CONNECTION_SPECS, DATA_LAKE_SPEC, PATHS, XED_FULL } from '../aep/platform';
import { UsageError } from '../io';
import { type Credentials, describeLocation, type Location } from './location';

/** One request of a deployment, as it is sent (and as --dry-run prints it, secrets masked). */
export interface PlannedRequest {
  step: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How often the dataflow runs: Flow Service's scheduleParams. */
export interface Schedule {
  frequency: 'once' | 'minute' | 'hour' | 'day' | 'week';
  interval?: number;
  /** Epoch seconds. */
  startTime: number;
}

/**
 * `15m`, `1h`, `1d`, `1w`, `30m`, `2h` or `once` -> frequency and interval. The flow spec's
 * scheduleSpec allows once, minute (interval 15 or more), hour, day and week (1 or more).
 */
export function parseEvery(text: string): Omit<Schedule, 'startTime'> {
  if (text === 'once') return { frequency: 'once' };
  const m = /^(\d+)\s*(m|min|h|d|w)$/.exec(text.trim());
  if (!m) throw new UsageError(`--every must be 15m, 1h, 1d, 1w (or another count of minutes, hours, days or weeks), or once; got "${text}"`);
  const n = Number(m[1]);
  const frequency = ({ m: 'minute', min: 'minute', h: 'hour', d: 'day', w: 'week' } as const)[m[2] as 'm' | 'min' | 'h' | 'd' | 'w'];
  if (frequency === 'minute' && n < 15) throw new UsageError(`--every ${text}: AEP runs a dataflow at most every 15 minutes`);
  if (n < 1) throw new UsageError(`--every ${text}: the interval must be at least 1`);
  return { frequency, interval: n };
}

/** `--start` as an ISO 8601 date-time -> epoch seconds; now when absent. */
export function parseStart(text: string | undefined, now = Date.now()): number {
  if (text === undefined) return Math.floor(now / 1000);
  const t = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(t)) throw new UsageError(`--start must be an ISO 8601 date-time such as 2025-03-01T06:00:00Z, got "${text}"`);
  return Math.floor(t / 1000);
}

/** The encodings AEP's cloud-storage sources read delimited files in (`data.properties.encoding`). */
export type SourceEncoding = 'UTF-8' | 'ISO-8859-1';

/** How AEP reads the files: the source connection's `data` (format delimited). */
export interface Reading {
  delimiter: string;
  encoding: SourceEncoding;
  compression?: 'bzip2' | 'gzip' | 'deflate' | 'zipDeflate' | 'tarGzip' | 'tar';
}

/** The base connection of a location: the documented auth spec name and params per source. */
export function baseConnection(l: Location, c: Credentials, name: string): PlannedRequest {
  const path = `${PATHS.flowService}/connections`;
  let auth: { specName: string; params: Record<string, unknown> };
  if (l.kind === 's3' && c.kind === 's3')
    auth = {
      specName: 'Access Key',
      params: {
        s3AccessKey: c.accessKeyId,
        s3SecretKey: c.secretAccessKey,
        ...(c.sessionToken ? { s3SessionToken: c.sessionToken } : {}),
        ...(l.endpoint ? { serviceUrl: l.endpoint } : {}),
      },
    };
  else if (l.kind === 'sftp' && c.kind === 'sftp')
    auth =
      'password' in c
        ? { specName: 'Basic Authentication for sftp', params: { host: l.host, port: l.port, userName: l.user, password: c.password } }
        : {
            specName: 'SSH PublicKey Authentication for sftp',
            params: {
              host: l.host,
              port: l.port,
              userName: l.user,
              // "The Base64 encoded SSH private key content" (SFTP base connection page).
              privateKeyContent: Buffer.from(c.privateKey).toString('base64'),
              ...(c.passphrase ? { passPhrase: c.passphrase } : {}),
            },
          };
  else if (l.kind === 'azure' && c.kind === 'azure')
    auth =
      'connectionString' in c
        ? { specName: 'ConnectionString', params: { connectionString: c.connectionString } }
        : { specName: 'SAS URI Authentication', params: { sasUri: `${l.endpoint ?? `https://${l.account}.blob.core.windows.net`}/?${c.sasToken}` } };
  else throw new Error('credentials do not match the location');
  return {
    step: 'base connection',
    method: 'POST',
    path,
    body: { name, description: `xdm-mapper: ${describeLocation(l)}`, auth, connectionSpec: { id: CONNECTION_SPECS[l.kind], version: '1.0' } },
  };
}

/** The source path AEP reads: `/bucket/prefix` (S3), `/container/prefix` (Blob), the path (SFTP). */
export function sourcePath(l: Location): { path: string; type: 'file' | 'folder' } {
  const raw = l.kind === 's3' ? `/${l.bucket}/${l.prefix}` : l.kind === 'azure' ? `/${l.container}/${l.prefix}` : l.path;
  const path = raw.length > 1 ? raw.replace(/\/+$/, '') : raw;
  const last = path.split('/').at(-1) ?? '';
  // A file name without a wildcard is one file; a folder or a pattern (`*.csv`) is read as a folder.
  return { path, type: /\.[A-Za-z0-9]{1,8}$/.test(last) && !last.includes('*') ? 'file' : 'folder' };
}

export function sourceConnection(l: Location, baseConnectionId: string, reading: Reading, name: string): PlannedRequest {
  const { path, type } = sourcePath(l);
  return {
    step: 'source connection',
    method: 'POST',
    path: `${PATHS.flowService}/sourceConnections`,
    body: {
      name,
      description: `xdm-mapper: CSV files of ${describeLocation(l)}`,
      baseConnectionId,
      data: {
        format: 'delimited',
        properties: {
          columnDelimiter: reading.delimiter,
          encoding: reading.encoding,
          ...(reading.compression ? { compressionType: reading.compression } : {}),
        },
      },
      params: { path, type },
      connectionSpec: { id: CONNECTION_SPECS[l.kind], version: '1.0' },
    },
  };
}

export function targetConnection(datasetId: string, schemaId: string, name: string): PlannedRequest {
  return {
    step: 'target connection',
    method: 'POST',
    path: `${PATHS.flowService}/targetConnections`,
    body: {
      name,
      description: `xdm-mapper: dataset ${datasetId}`,
      data: { schema: { id: schemaId, version: XED_FULL } },
      params: { dataSetId: datasetId },
      connectionSpec: { id: DATA_LAKE_SPEC, version: '1.0' },
    },
  };
}

/**
 * Our mapping as the mapping set AEP stores, aimed at the dataset's schema: each reading a
 * mapping set cannot hold as a setting is written as the Data Prep expression that reads the
 * same, chosen by the destination's type in the schema (core/mapping/aepReadings.ts).
 */
export function mappingSetBody(doc: MappingDocument, tree: FieldTree): Record<string, unknown> {
  return toAepMappingSet({ ...doc, target: { ...doc.target, schemaId: tree.id } }, (d) => destinationType(tree, d));
}

export function flow(o: {
  name: string;
  sourceConnectionId: string;
  targetConnectionId: string;
  mappingId: string;
  mappingVersion: number;
  schedule: Schedule;
  maxErrors: number;
}): PlannedRequest {
  return {
    step: 'dataflow',
    method: 'POST',
    path: `${PATHS.flowService}/flows`,
    body: {
      name: o.name,
      description: 'Deployed by xdm-mapper',
      flowSpec: { id: CLOUD_STORAGE_FLOW_SPEC.id, version: '1.0' },
      sourceConnectionIds: [o.sourceConnectionId],
      targetConnectionIds: [o.targetConnectionId],
      transformations: [{ name: 'Mapping', params: { mappingId: o.mappingId, mappingVersion: o.mappingVersion } }],
      scheduleParams: scheduleParams(o.schedule),
      // The flow spec's optionSpec: partialIngestionPercent must be above 0, so 0 means "off".
      options: { errorDiagnosticsEnabled: true, ...(o.maxErrors > 0 ? { partialIngestionPercent: o.maxErrors } : {}) },
    },
  };
}

export function scheduleParams(s: Schedule): Record<string, unknown> {
  return { startTime: s.startTime, frequency: s.frequency, ...(s.frequency === 'once' ? {} : { interval: s.interval }) };
}

/** Names of request fields that hold a secret: masked wherever a request is shown. */
const SECRET_KEYS = new Set(['s3SecretKey', 's3SessionToken', 'password', 'privateKeyContent', 'passPhrase', 'connectionString', 'sasUri']);

/** A copy of a request body with every secret replaced by asterisks (for --dry-run and logs). */
export function masked(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(masked);
  if (typeof body !== 'object' || body === null) return body;
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of Object.entries(body)) out[k] = SECRET_KEYS.has(k) && typeof v === 'string' ? '********' : masked(v);
  return { ...out };
}
